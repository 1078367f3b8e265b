"""The exported roadmap chart: PNG, SVG and PDF for a range and lanes, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from pmdesk.workspaces.roadmap.chart.figure import ExportError, export_roadmap, roadmap_figure
from pmdesk.workspaces.roadmap.plan import load_roadmap
from tests.support import snapshot

TODAY = date(2026, 11, 25)
MAGIC = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}


@pytest.fixture
def roadmap(sample_document):
    return load_roadmap(sample_document.session)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_the_chart_exports_in_each_format(tmp_path, roadmap, suffix):
    figure = roadmap_figure(roadmap, TODAY, first=date(2026, 10, 1), last=date(2027, 9, 30))
    path = export_roadmap(tmp_path / f"roadmap{suffix}", figure, dpi=60)
    assert path.read_bytes().startswith(MAGIC[suffix])


def test_the_svg_shows_the_chosen_lanes_and_range_only(tmp_path, roadmap):
    mobile = next(lane.id for lane in roadmap.lanes if lane.name == "Technician app")
    figure = roadmap_figure(
        roadmap,
        TODAY,
        zoom="month",
        first=date(2026, 10, 1),
        last=date(2026, 12, 31),
        lane_ids={mobile},
        title="Technician app this quarter",
    )
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # keep text as text, to read it back
    try:
        text = export_roadmap(tmp_path / "chart.svg", figure).read_text(encoding="utf-8")
    finally:
        matplotlib.rcParams["svg.fonttype"] = "path"
    assert "Technician app this quarter" in text
    assert "Offline job sheets" in text
    assert "Sync conflict resolution  · late" in text
    assert "Route optimisation v1" not in text  # another lane
    assert "Job checklists" not in text  # starts in January, outside the range
    assert "Late (past its end, not done)" in text


def test_a_range_ending_before_it_starts_is_refused(roadmap):
    with pytest.raises(ExportError) as caught:
        roadmap_figure(roadmap, TODAY, first=date(2027, 3, 1), last=date(2027, 1, 1))
    assert str(caught.value) == "The export range ends before it starts."


def test_no_lanes_is_refused(roadmap):
    with pytest.raises(ExportError) as caught:
        roadmap_figure(roadmap, TODAY, lane_ids=set())
    assert str(caught.value) == "Choose at least one lane to export."


def test_an_unknown_format_is_refused_and_writes_nothing(tmp_path, roadmap):
    target = tmp_path / "chart.gif"
    target.write_bytes(b"old")
    before = snapshot(target)
    figure = roadmap_figure(roadmap, TODAY)
    with pytest.raises(ExportError) as caught:
        export_roadmap(target, figure)
    assert str(caught.value) == "chart.gif must end in .png, .svg or .pdf."
    assert snapshot(target) == before
