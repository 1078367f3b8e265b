"""Where the stakeholder pictures put things, and the figures the briefing embeds."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest

from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.figures import communication_figure, grid_figure


@dataclass
class Person:
    id: str
    name: str
    influence: int = 5
    interest: int = 5
    department: str = ""
    external: bool = False
    role: str = ""
    attitude: str = "neutral"
    tags: str = ""
    channel: str = ""
    cadence: str = ""


@pytest.mark.parametrize(("influence", "interest"), [(1, 1), (10, 10), (3, 8), (6, 5)])
def test_snapping_the_centre_of_a_cell_gives_its_scores(influence, interest):
    assert chart.snap(*chart.cell_center(influence, interest)) == (influence, interest)


def test_snapping_clamps_to_the_grid():
    assert chart.snap(-1000, -1000) == (10, 1)
    assert chart.snap(99999, 99999) == (1, 10)


def test_high_influence_is_up_and_high_interest_is_right():
    low_x, low_y = chart.cell_center(1, 1)
    high_x, high_y = chart.cell_center(10, 10)
    assert high_x > low_x and high_y < low_y


def test_quadrants_split_between_five_and_six():
    by_strategy = {q.strategy: q.rect for q in chart.quadrants()}
    x, y = chart.cell_center(6, 6)
    manage = by_strategy["manage_closely"]
    assert manage.x < x < manage.x + manage.width and manage.y < y < manage.y + manage.height
    x, y = chart.cell_center(5, 5)
    monitor = by_strategy["monitor"]
    assert monitor.x < x < monitor.x + monitor.width and monitor.y < y < monitor.y + monitor.height


def test_people_sharing_a_cell_do_not_hide_each_other():
    people = [Person("a", "Ann", 4, 4), Person("b", "Bob", 4, 4)]
    cards = chart.grid_layout(people).cards
    assert abs(cards["a"].y - cards["b"].y) >= chart.CARD_HEIGHT
    assert all(chart.snap(*card.center) == (4, 4) for card in cards.values())


def test_the_communication_map_follows_the_domain_order_and_marks_outsiders():
    people = [
        Person("1", "Cy", department="Press"),
        Person("2", "Ann", department="Sales"),
        Person("3", "Bo", department="Executive team"),
        Person("4", "Di", department="Zeta guild", external=True),
    ]
    layout = chart.communication_layout(people)
    assert [node.name for node in layout.departments] == [
        "Executive team", "Sales", "Press", "Zeta guild"
    ]  # fmt: skip
    assert [node.external for node in layout.departments] == [False, False, True, True]
    assert layout.departments[0].y < 0  # the first sits at twelve o'clock
    for chip in layout.chips.values():
        bounds = layout.bounds
        assert bounds.x <= chip.x and chip.x + chip.width <= bounds.x + bounds.width


def test_the_filter_matches_department_attitude_tag_and_words():
    person = Person("1", "Ana Ruiz", department="Finance", role="CFO", tags="budget, exec")
    assert chart.MapFilter(department="Finance", tag="EXEC", text="ruiz cfo").matches(person)
    assert not chart.MapFilter(attitude="champion").matches(person)
    assert not chart.MapFilter(tag="launch").matches(person)


def test_the_figures_draw_every_name(sample_document):
    from pmdesk.workspaces.stakeholders import edit, log

    data = edit.load_map(sample_document.session)
    snapshot = log.snapshots(sample_document.session)[0]
    before = log.positions_in(sample_document.session, snapshot.id)
    for figure in (
        grid_figure(data.stakeholders, data.relationships, before),
        communication_figure(data.stakeholders, "FieldLoop"),
    ):
        texts = {text.get_text() for text in figure.axes[0].texts}
        assert "Omar Haddad" in texts
        # A name too long for its card at a readable size keeps the surname.
        assert texts & {"Dana Whitfield", "D. Whitfield"}
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=50)
        assert png.getvalue().startswith(b"\x89PNG")
