"""Each section's options change what the briefing shows; every chart is drawn once."""

from __future__ import annotations

import docx
import pytest

from pmdesk import registry
from pmdesk.briefing import model as briefings
from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.briefing.sections import available_sections
from pmdesk.export import writer


def _export(tmp_path, session, *choices: SectionChoice, name: str = "b.docx"):
    settings = BriefingSettings(sections=tuple(choices))
    result = export_briefing(session, tmp_path / name, settings)
    document = docx.Document(str(result.path))
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text.extend(cell.text for row in table.rows for cell in row.cells)
    return result, "\n".join(text), document


def test_every_workspace_section_with_a_renderer_is_available():
    assert available_sections() == list(registry.SECTION_ORDER)


def test_each_chart_is_rendered_once_per_export(tmp_path, sample_document, monkeypatch):
    calls: list[int] = []
    original = writer.BriefingDocument.figure

    def counting(self, figure, **kwargs):
        calls.append(id(figure))
        return original(self, figure, **kwargs)

    monkeypatch.setattr(writer.BriefingDocument, "figure", counting)
    result = export_briefing(sample_document.session, tmp_path / "b.docx", BriefingSettings())
    assert len(calls) == len(set(calls)) == result.pictures


def test_competition_shows_chosen_competitors_and_battlecards_inline(tmp_path, sample_document):
    choice = SectionChoice("competition", {"competitors": ["Jobwise"], "battlecards": "inline"})
    result, text, _document = _export(tmp_path, sample_document.session, choice)
    assert "Against Jobwise" in text
    assert "ServicePeak" not in text
    assert "FieldLoop (us)" in text  # we are always in the comparison
    assert not any(title.startswith("Appendix") for title in result.sections)


def test_competition_battlecards_as_appendix_or_left_out(tmp_path, sample_document):
    appendix = SectionChoice("competition", {"battlecards": "appendix"})
    result, text, _document = _export(tmp_path, sample_document.session, appendix)
    assert result.sections[-1] == "Appendix: Battlecards"
    left_out = SectionChoice("competition", {"battlecards": "none", "map": False})
    result, text, document = _export(tmp_path, sample_document.session, left_out, name="c.docx")
    assert "Against" not in text
    assert "Positioning map" not in text
    assert len(document.inline_shapes) == 0


def test_unknown_competitor_names_are_warned_about(tmp_path, sample_document):
    choice = SectionChoice("competition", {"competitors": ["Nobody Inc"]})
    result, _text, _document = _export(tmp_path, sample_document.session, choice)
    assert any("nobody inc" in warning for warning in result.warnings)


def test_strategy_shows_only_the_chosen_board(tmp_path, sample_document):
    choice = SectionChoice("strategy", {"boards": ["FieldLoop whole product"], "canvas": False})
    _result, text, document = _export(tmp_path, sample_document.session, choice)
    assert "FieldLoop whole product" in text
    assert "Spring launch: go-to-market" not in text
    assert "Strategy canvas" not in text
    # The board is a Word table of its blocks, its notes text a reader can search and copy.
    assert len(document.inline_shapes) == 0
    board = document.tables[-1]
    cells = {cell.text for row in board.rows for cell in row.cells}
    assert any(cell.startswith("How it is sold") for cell in cells), cells


def test_requirements_top_option_limits_the_table(tmp_path, sample_document):
    choice = SectionChoice("requirements", {"top": 3, "gaps": False, "quotes": 0})
    _result, text, document = _export(tmp_path, sample_document.session, choice)
    assert "Top 3 by RICE score" in text
    assert len(document.tables[-1].rows) == 4  # header and three requirements
    assert "Gaps" not in text


@pytest.mark.parametrize("bad", ["not json", "[1]", '{"top": "ten", "gaps": "yes"}'])
def test_unreadable_options_fall_back_to_defaults(tmp_path, sample_document, bad):
    session = sample_document.session
    briefing = briefings.create_briefing(session, "Odd", [SectionChoice("requirements", {})])
    briefing.sections[0].options = bad  # as a hand-edited JSON file could load it
    session.commit()
    settings = BriefingSettings.of(briefing)
    result = export_briefing(session, tmp_path / "odd.docx", settings)
    text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
    assert "Top 10 by RICE score" in text and "Gaps" in text


def test_stakeholders_list_key_people_and_overdue_items(tmp_path, sample_document):
    choice = SectionChoice("stakeholders", {})
    _result, text, document = _export(tmp_path, sample_document.session, choice)
    assert "How we engage them" in text
    assert "Overdue touchpoints and follow-ups" in text
    assert len(document.inline_shapes) == 1


def test_roadmap_shows_the_timeline_landscape_and_what_slipped(tmp_path, sample_document):
    choice = SectionChoice("roadmap", {"baseline": True})
    _result, text, document = _export(tmp_path, sample_document.session, choice)
    assert "Upcoming milestones" in text
    assert "At risk, blocked or late" in text
    assert "Slipped since “FY27 plan as approved”" in text
    # The timeline is split by lane into pages where its text stays readable, each captioned.
    captions = [p.text for p in document.paragraphs if p.text.startswith("Timeline, lane")]
    assert len(document.inline_shapes) == len(captions) >= 2
    # the timeline on landscape pages, the tables following it there (no turn for them)
    assert [s.page_width > s.page_height for s in document.sections][-2:] == [False, True]


def test_roadmap_lanes_option_keeps_only_those_lanes(tmp_path, sample_document):
    choice = SectionChoice("roadmap", {"lanes": ["Go-to-market"], "baseline": False})
    result, text, _document = _export(tmp_path, sample_document.session, choice)
    assert "Slipped since" not in text
    assert "Dispatch & scheduling" not in text
    assert result.warnings == []


def test_a_section_whose_code_is_missing_from_the_build_is_not_offered(monkeypatch, qtbot):
    import dataclasses

    from pmdesk.briefing import sections
    from pmdesk.briefing.qt.sections_panel import SectionsPanel

    missing = "pmdesk.workspaces.decisions.no_such_section:SECTION"
    specs = tuple(
        dataclasses.replace(spec, section=missing) if spec.key == "decisions" else spec
        for spec in registry.specs()
    )
    monkeypatch.setattr(registry, "specs", lambda: specs)
    monkeypatch.setattr(sections, "_loaded", {})
    assert "decisions" not in available_sections()
    assert sections.load_section("decisions") is None
    panel = SectionsPanel()
    qtbot.addWidget(panel)
    title = registry.section_titles()["decisions"]
    assert panel.missing.text() == f"Not available in this version: {title}."
