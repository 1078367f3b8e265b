"""The sample briefing, opened again with python-docx and converted by LibreOffice."""

from __future__ import annotations

import re
from datetime import date

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import list_briefings
from pmdesk.briefing.sections import available_sections, section_titles
from pmdesk.export.text import TextCleaner
from pmdesk.export.writer import BriefingDocument
from pmdesk.store.document import Document
from tests.briefing.word import headings, pdf_pages, pdf_text, to_pdf
from tests.support import snapshot


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory, office_profile):
    """The sample project's own briefing, exported once for the module, with its PDF."""
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data

    folder = tmp_path_factory.mktemp("sample-briefing")
    document = Document.new()
    load_project(document.session, sample_data(), "the sample")
    project = document.save(folder / "sample.pmdb")
    document.close()
    before = snapshot(project)
    opened = Document.open(project, read_only=True)
    settings = BriefingSettings.of(list_briefings(opened.session)[0])
    result = export_briefing(opened.session, folder / "briefing.docx", settings)
    opened.close()
    assert snapshot(project) == before  # an export never writes the project
    pdf = to_pdf(result.path, office_profile)
    return result, pdf_text(pdf), pdf


def test_every_section_heading_and_project_name_reaches_the_pdf(sample_export):
    result, text, _pdf = sample_export
    for heading in ["Contents", "Executive summary", "Decisions and asks", *result.sections]:
        assert heading in text
    for name in ["FieldLoop: state of the product", "FieldLoop Inc.", "Maya Chen"]:
        assert name in text
    assert "Every trade contractor runs a full day of jobs" in text  # the vision
    assert "1 December 2026" in text


def test_written_sections_are_the_available_ones_in_the_briefing_order(sample_export):
    result, _text, _pdf = sample_export
    expected = [section_titles()[key] for key in section_titles() if key in available_sections()]
    appendices = [title for title in result.sections if title.startswith("Appendix: ")]
    assert result.sections == expected + appendices
    assert headings(result.path) == ["Executive summary", *expected, *appendices]


def test_contents_and_footer_show_page_numbers_filled_by_the_word_processor(sample_export):
    _result, text, pdf = sample_export
    listed = re.search(r"Executive summary\s*\.{5,}\s*(\d+)", text)
    assert listed is not None
    # The summary opens the page after the contents, however many pages the contents take.
    shown_on = next(
        number
        for number, page in enumerate(text.split("\f"), start=1)
        if re.search(r"^Executive summary\s*$", page, re.MULTILINE)
    )
    assert int(listed.group(1)) == shown_on > 2
    pages = pdf_pages(pdf)
    assert f"Page 2 of {pages}" in text
    assert f"Page {pages} of {pages}" in text
    assert "Page 1 of" not in text  # the title page has no footer


def test_fields_are_marked_for_update_and_properties_are_set(sample_export):
    result, _text, _pdf = sample_export
    document = docx.Document(str(result.path))
    settings = document.settings.element.find(qn("w:updateFields"))
    # An on/off element without w:val is on.
    assert settings is not None and settings.get(qn("w:val")) in (None, "true", "1", "on")
    footer_xml = document.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    properties = document.core_properties
    assert properties.title == "FieldLoop: state of the product"
    assert properties.author == "Maya Chen, Director of Product Management"
    assert properties.subject == "FieldLoop: executive briefing"


def test_a_briefing_without_its_own_date_is_dated_the_day_of_export(tmp_path, sample_document):
    target = tmp_path / "dated.docx"
    export_briefing(sample_document.session, target, BriefingSettings(), today=date(2027, 3, 9))
    assert any("9 March 2027" in p.text for p in docx.Document(str(target)).paragraphs)


def test_landscape_pages_swap_width_and_height_and_keep_the_footer():
    out = BriefingDocument(docx.Document(), TextCleaner(), styled=True)
    portrait_width = out.content_width
    out.start_landscape()
    section = out.docx.sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert out.content_width > portrait_width
    assert section.different_first_page_header_footer is False
    out.start_portrait()
    assert out.docx.sections[-1].page_width < out.docx.sections[-1].page_height
    assert len(out.docx.sections) == 3


def test_tables_repeat_their_header_row_and_align_numbers(tmp_path):
    from pmdesk.export.writer import Column

    out = BriefingDocument(docx.Document(), TextCleaner(), styled=True)
    table = out.table([Column("Name", 3), Column("Score", 1, numeric=True)], [["A", "1.5"]], "t")
    header = table.rows[0]._tr
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # right
    assert table.cell(1, 0).text == "A"


def test_contents_store_the_page_numbers_libreoffice_lays_out(sample_export):
    """Word shows a PAGEREF's stored number until fields are updated, and previewers never
    update them: the stored numbers are the real ones."""
    result, text, _pdf = sample_export
    document = docx.Document(str(result.path))
    stored = {}
    for paragraph in document.paragraphs:
        if paragraph.style.name not in ("Contents 1", "Contents 2"):
            continue
        runs = [t.text or "" for t in paragraph._p.iter(qn("w:t"))]
        stored[runs[0]] = runs[-1]
    assert len(stored) >= 20
    assert all(number.isdigit() for number in stored.values())
    contents = text[: text.index("Executive summary\n")] if "Executive summary\n" in text else text
    for heading, number in stored.items():
        shown = re.search(re.escape(heading) + r"[ .]*(\d+)\s*$", contents, re.MULTILINE)
        assert shown is not None, heading
        assert shown.group(1) == number, heading
