"""The positioning map's layout and its exported pictures."""

from __future__ import annotations

import pytest

from pmdesk.errors import PmdeskError
from pmdesk.workspaces.competition.chart.positioning import (
    RADIUS_MAX,
    RADIUS_MIN,
    AxisSpec,
    positioning_layout,
    save_map,
)
from pmdesk.workspaces.competition.rules import CriterionRow, Scoreboard


@pytest.fixture
def board():
    criteria = {
        name: CriterionRow(name, name, "cat", 1, kind)
        for name, kind in [("ease", "score"), ("breadth", "score"), ("apps", "yes_no")]
    }
    values = {
        ("ease", "us"): "4",
        ("breadth", "us"): "2",
        ("apps", "us"): "yes",
        ("ease", "rival"): "1",
        ("breadth", "rival"): "5",
        ("ease", "new"): "3",
    }
    return Scoreboard.from_pairs(["us", "rival", "new"], criteria, values, us_id="us")


NAMES = {"us": "FieldLoop", "rival": "ServicePeak", "new": "Newcomer"}


def test_bubbles_sit_at_their_scores_and_unrated_ones_are_listed(board):
    layout = positioning_layout(
        board, NAMES, AxisSpec("Breadth", ("breadth",)), AxisSpec("Ease", ("ease",))
    )
    placed = {bubble.name: (bubble.x, bubble.y) for bubble in layout.bubbles}
    assert placed == {"FieldLoop": (2, 4), "ServicePeak": (5, 1)}
    assert layout.unplaced == ("Newcomer",)
    assert next(b for b in layout.bubbles if b.name == "FieldLoop").is_us


def test_a_category_axis_averages_its_criteria_and_size_follows_a_third_value(board):
    layout = positioning_layout(
        board,
        NAMES,
        AxisSpec("Product", ("breadth", "apps")),
        AxisSpec("Ease", ("ease",)),
        AxisSpec("Apps", ("apps",)),
        ("a", "b", "c", "d"),
    )
    us = next(b for b in layout.bubbles if b.name == "FieldLoop")
    rival = next(b for b in layout.bubbles if b.name == "ServicePeak")
    assert us.x == pytest.approx(3.5)
    assert us.radius == pytest.approx(RADIUS_MAX)
    assert rival.radius == pytest.approx(RADIUS_MIN)  # not rated on the size criterion
    assert layout.bubbles[0].radius >= layout.bubbles[-1].radius  # big first, small on top
    assert layout.quadrants == ("a", "b", "c", "d")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_the_map_saves_as_png_and_svg(board, tmp_path, suffix):
    layout = positioning_layout(
        board, NAMES, AxisSpec("Breadth", ("breadth",)), AxisSpec("Ease", ("ease",))
    )
    path = save_map(layout, tmp_path / f"map{suffix}")
    head = path.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in path.read_bytes()
    assert len(head) > 0


def test_an_empty_map_or_an_unknown_format_is_refused(board, tmp_path):
    empty = positioning_layout(board, NAMES, None, None)
    with pytest.raises(PmdeskError, match="The map is empty"):
        save_map(empty, tmp_path / "map.png")
    full = positioning_layout(
        board, NAMES, AxisSpec("Breadth", ("breadth",)), AxisSpec("Ease", ("ease",))
    )
    with pytest.raises(PmdeskError, match=r"as \.png or \.svg"):
        save_map(full, tmp_path / "map.gif")
    assert not (tmp_path / "map.png").exists() and not (tmp_path / "map.gif").exists()


def test_the_sample_projects_map_is_what_its_settings_say(sample_document):
    from pmdesk.workspaces.competition.chart.positioning import map_figure, project_map_layout

    layout = project_map_layout(sample_document.session)
    assert layout.x_label == "Scheduling and dispatch (category score)"
    assert layout.y_label == "Onboarding and ease of use (category score)"
    assert layout.size_label == "Brand awareness with target buyers"
    assert len(layout.bubbles) == 6 and not layout.unplaced
    assert [b.name for b in layout.bubbles if b.is_us] == ["FieldLoop"]
    assert layout.quadrants[1] == "Leaders"
    assert len(map_figure(layout).axes) == 1
