"""A briefing is readable at any size: a week-one project, the sample, and the sample twenty
times over each get every section, charts whose smallest text is 7 pt or more on the page,
and pages that turn to landscape once, not back and forth."""

from __future__ import annotations

import itertools
from datetime import date

import docx
import pytest

from pmdesk import registry
from pmdesk.briefing.exporter import BriefingSettings, export_briefing, landscape_run
from pmdesk.export.writer import MIN_CHART_TEXT_PT
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap import section as roadmap_section
from pmdesk.workspaces.roadmap.plan import load_roadmap
from pmdesk.workspaces.stakeholders.chart.figures import fitted
from tests.briefing.sizes import small_data

SIZES = ("small", "sample", "x20")
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sizes")
    made = {}
    for size in SIZES:
        data = {"small": small_data, "sample": sample_data}.get(size, lambda: sample_data(20))()
        document = Document.new()
        load_project(document.session, data, size)
        result = export_briefing(
            document.session, folder / f"{size}.docx", BriefingSettings(), today=TODAY
        )
        document.close()
        made[size] = (result, docx.Document(str(result.path)))
    return made


def _table_with(document, *titles):
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if all(title in header for title in titles):
            return table
    raise AssertionError(f"no table with the columns {titles}")


@pytest.mark.parametrize("size", SIZES)
def test_no_chart_text_is_smaller_than_seven_points_on_the_page(exports, size):
    result, _document = exports[size]
    assert len(result.chart_text) >= 3  # canvas, grid, timeline at least; a map with two axes
    small = [(what[:60], round(points, 2)) for what, points in result.chart_text]
    assert all(points >= MIN_CHART_TEXT_PT for _what, points in small), small


@pytest.mark.parametrize("size", SIZES)
def test_every_section_appears_whatever_the_size(exports, size):
    result, document = exports[size]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for title in registry.section_titles().values():
        assert title in headings
        assert title in result.sections


@pytest.mark.parametrize("size", SIZES)
def test_the_orientation_turns_to_landscape_once_and_back_once(exports, size):
    _result, document = exports[size]
    turns = []
    for section in document.sections:
        wide = section.page_width > section.page_height
        if not turns or turns[-1] != wide:
            turns.append(wide)
    assert turns in ([False], [False, True], [False, True, False])


def test_landscape_sections_are_grouped_with_what_lies_between():
    assert landscape_run([False, True, False, True, False]) == [False, True, True, True, False]
    assert landscape_run([False, False]) == [False, False]
    assert landscape_run([True]) == [True]


def test_a_roadmap_of_a_hundred_lanes_draws_what_fits_and_lists_the_rest_in_the_appendix(
    exports,
):
    result, document = exports["x20"]
    captions = [p.text for p in document.paragraphs if p.text.startswith("Timeline, lane")]
    timelines = [what for what, _pt in result.chart_text if what.startswith("Roadmap timeline")]
    assert len(captions) == len(timelines) >= 2
    drawn = _lanes_drawn(captions)
    assert all(f" of the {drawn} drawn (of 100), " in caption for caption in captions)
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith(f"The first {drawn} of 100 lanes are drawn") for t in texts)
    assert f"the other {100 - drawn} are in the appendix." in "\n".join(texts)
    assert "Appendix: Roadmap lanes not drawn" in texts
    table = _table_with(document, "Lane", "Items", "At risk or late")
    listed = [row.cells[0].text for row in table.rows[1:]]
    assert len(listed) + drawn == 100
    assert len(set(listed)) == len(listed)
    assert any("summarised in a table" in warning for warning in result.warnings)


def _lanes_drawn(captions: list[str]) -> int:
    """Lanes named by captions such as "Timeline, lanes 1–2 of 5, …" (a group of lanes
    repeats once per period)."""
    groups = {caption.split(",")[1].split()[1] for caption in captions}
    counted = 0
    for group in groups:
        first, _, last = group.partition("–")
        counted += int(last or first) - int(first) + 1
    return counted


def test_the_sample_roadmap_draws_every_lane(exports):
    result, document = exports["sample"]
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "Lanes not drawn on the timeline" not in texts
    captions = [p.text for p in document.paragraphs if p.text.startswith("Timeline, lane")]
    assert captions and all(" of 5, " in caption for caption in captions)
    assert _lanes_drawn(captions) == 5
    assert not any("summarised in a table" in warning for warning in result.warnings)


def test_a_crowded_grid_draws_at_most_two_cards_a_place_and_tables_the_rest(exports):
    _result, document = exports["x20"]
    grid = next(
        shape._inline.docPr.get("descr")
        for shape in document.inline_shapes
        if shape._inline.docPr.get("descr", "").startswith("Power and interest grid of ")
    )
    drawn = int(grid.removeprefix("Power and interest grid of ").split()[0])
    table = _table_with(document, "Influence", "Interest", "Also here")
    listed = 0
    for row in table.rows[1:]:
        names = row.cells[3].text
        head, _, more = names.rpartition(" and ")
        if more.endswith(" more"):
            listed += len(head.split(", ")) + int(more.split()[0].replace(",", ""))
        else:
            listed += len(names.split(", "))
    assert drawn + listed == 440
    places = {(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]}
    assert len(places) == len(table.rows) - 1  # one row per place
    assert drawn <= 2 * 100  # ten by ten places, two cards each


def test_a_timeline_wider_than_the_page_is_split_by_period(sample_document):
    session = sample_document.session
    roadmap = load_roadmap(session)
    content = roadmap_section.RoadmapContent(
        roadmap,
        {lane.id for lane in roadmap.lanes},
        None,
        None,
        "",
        None,
        [],
        [],
        [],
        zoom="month",
    )
    pages, left_out = roadmap_section.plan_timeline(content, 9.0, 6.5, TODAY)
    periods = sorted({(page.first, page.last) for page in pages})
    # Whole lane groups only: another would have taken more pages than allowed.
    assert not left_out or len(pages) + len(periods) > content.pages_max
    assert len(periods) >= 2
    for (_first, last), (following, _end) in itertools.pairwise(periods):
        assert (following - last).days == 1  # contiguous, no day drawn twice or lost
    assert all(roadmap_section.SQUEEZE_MIN <= page.squeeze <= 1 for page in pages)


def test_a_name_too_long_for_its_card_keeps_the_surname():
    assert fitted("Ann Lee", 200, 7.2, bold=True, name=True) == "Ann Lee"
    assert fitted("Dana Whitfield", 52, 7.2, bold=True, name=True) == "D. Whitfield"
    cut = fitted("Bartholomew Featherstonehaugh", 40, 7.2, bold=True, name=True)
    assert cut.endswith("…") and len(cut) < 20


def test_a_big_project_charts_as_many_key_results_as_the_sample_and_says_so(exports):
    from pmdesk.workspaces.goals.section import CHARTS_MAX

    _result, document = exports["x20"]
    captions = [p.text for p in document.paragraphs if "the dashed straight line" in p.text]
    assert len(captions) == CHARTS_MAX
    assert any(
        p.text.startswith(f"Trend charts are drawn for {CHARTS_MAX} of ")
        for p in document.paragraphs
    )
    _result, sample = exports["sample"]  # the sample's eight all get theirs
    assert not any(p.text.startswith("Trend charts are drawn") for p in sample.paragraphs)


def test_a_big_project_writes_out_the_first_business_cases_and_says_how_many_there_are(exports):
    from pmdesk.workspaces.business_case.section import CASES_MAX

    _result, document = exports["x20"]
    texts = [p.text for p in document.paragraphs]
    cash = [t for t in texts if t.startswith("Cumulative cash position by quarter")]
    assert len(cash) == CASES_MAX
    assert f"The first {CASES_MAX} of 20 business cases are shown; " in " ".join(texts)
    _result, sample = exports["sample"]  # the sample's one case says nothing of the kind
    assert not any("business cases are shown" in p.text for p in sample.paragraphs)
