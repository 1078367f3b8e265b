"""Sentences a CEO reads without wincing, and text that stays text: plurals, ranks against
competitors, tables without empty columns, grids as Word tables, alt text on every picture."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.export.text import TextCleaner, counted
from pmdesk.export.writer import BriefingDocument, Column

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


@pytest.fixture(scope="module")
def sample_briefing(tmp_path_factory):
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document

    document = Document.new()
    load_project(document.session, sample_data(), "the sample")
    result = export_briefing(
        document.session, tmp_path_factory.mktemp("text") / "b.docx", BriefingSettings()
    )
    document.close()
    return result, docx.Document(str(result.path))


def _all_text(document) -> str:
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(text)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(0, "0 milestones"), (1, "1 milestone"), (2, "2 milestones"), (1200, "1,200 milestones")],
)
def test_counted_nouns_agree_with_their_number(number, expected):
    assert counted(number, "milestone") == expected


def test_irregular_plurals_are_given():
    assert counted(1, "key person", "key people") == "1 key person"
    assert counted(3, "key person", "key people") == "3 key people"


def test_we_rank_against_our_competitors_not_among_them(sample_briefing):
    _result, document = sample_briefing
    text = _all_text(document)
    # The sample compares FieldLoop with five competitors: six products, five competitors.
    assert "FieldLoop ranks #1 against 5 competitors" in text
    assert "rank against 5 competitors" in text  # the key figure's caption
    assert "#1 of 6" not in text


def test_competition_shows_the_criteria_behind_the_scores(sample_briefing):
    _result, document = sample_briefing
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Criteria breakdown" in headings and "Positioning map" in headings
    breakdown = next(t for t in document.tables if t.cell(0, 0).text == "Criterion")
    assert breakdown.cell(0, 1).text == "Weight"
    assert "FieldLoop (us)" in breakdown.cell(0, 2).text
    assert len(breakdown.rows) > 5


def test_no_sentence_says_one_with_a_plural(sample_briefing):
    _result, document = sample_briefing
    text = _all_text(document)
    for noun in ("milestones", "items", "stakeholders", "competitors", "days", "factors"):
        assert f" 1 {noun}" not in text and f"\n1 {noun}" not in text


def test_a_column_nobody_filled_is_left_out_and_its_width_shared():
    out = BriefingDocument(docx.Document(), TextCleaner(), styled=True)
    columns = [Column("Name", 2), Column("Owner", 1), Column("Due", 1)]
    table = out.table(columns, [["Ann", "", "1 May"], ["Bo", " ", "2 May"]], "t")
    assert [cell.text for cell in table.rows[0].cells] == ["Name", "Due"]
    assert [cell.text for cell in table.rows[2].cells] == ["Bo", "2 May"]
    kept = out.table(columns, [["Ann", "", "1 May"]], "t", keep_empty=True)
    assert len(kept.columns) == 3


def test_the_errc_grid_and_the_boards_are_word_tables_in_their_colours(sample_briefing):
    _result, document = sample_briefing
    cells = {
        cell.text.split("\n")[0]: cell for t in document.tables for r in t.rows for cell in r.cells
    }
    for action in ("ELIMINATE", "REDUCE", "RAISE", "CREATE"):
        assert action in cells
    raise_cell = cells["RAISE"]
    assert "→" in raise_cell.text  # "Speed to go live: 6 → 9"
    fill = raise_cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill not in (None, "auto", "FFFFFF")
    assert raise_cell.paragraphs[0].runs[0].font.color.rgb is not None  # the action's colour
    # The only pictures left are the four charts (the timeline may take several pages):
    # canvas, map, stakeholder grid, timeline.
    described = [pr.get("descr", "") for pr in document.element.body.iter(WP_DOC_PR)]
    assert sorted({text.split(" ")[0] for text in described}) == [
        "Positioning",
        "Power",
        "Roadmap",
        "Strategy",
    ]


def test_every_picture_has_alt_text_saying_what_it_shows(sample_briefing):
    result, document = sample_briefing
    described = [pr.get("descr", "") for pr in document.element.body.iter(WP_DOC_PR)]
    assert len(described) == result.pictures > 0
    assert all(text.strip() for text in described)
    roadmap = next(text for text in described if text.startswith("Roadmap timeline"))
    assert " items in " in roadmap and " lanes, " in roadmap
    assert any(text.startswith("Positioning map of ") for text in described)
    assert any(text.startswith("Power and interest grid of ") for text in described)
    assert any(text.startswith("Strategy canvas: ") for text in described)


def test_the_engagement_table_says_whom_it_leaves_out(tmp_path, sample_document):
    choice = SectionChoice("stakeholders", {"everyone": "key"})
    result = export_briefing(
        sample_document.session, tmp_path / "s.docx", BriefingSettings(sections=(choice,))
    )
    text = _all_text(docx.Document(str(result.path)))
    assert "key people of " in text and "Everyone else is in the Stakeholders workspace" in text
