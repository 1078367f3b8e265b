"""The writer's shortcuts past python-docx build exactly what python-docx builds."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree
from matplotlib.figure import Figure

from pmdesk.export.rows import append_body_rows
from pmdesk.export.styles import BAND
from pmdesk.export.text import TextCleaner
from pmdesk.export.writer import (
    CHART_DPI,
    BriefingDocument,
    lay_out_once,
    set_paragraph_style,
    shade,
)

ROWS = [
    ["Offline sync", "1,200", ""],
    ["  leading and trailing  ", "3\t4", "two\nlines\r\nand a return"],
    ["<&> \"quoted\" 'text'", " ", "Ünïcödé ✓ 𝄞"],
    ["short row"],
]


def _cell_by_cell(table, rows, numeric, style_id):
    """What the writer did before: python-docx's own row, cell and run building."""
    for number, values in enumerate(rows):
        cells = table.add_row().cells
        for index, right in enumerate(numeric):
            cell = cells[index]
            if number % 2:
                shade(cell, BAND)
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = style_id
            paragraph.add_run(values[index] if index < len(values) else "")
            if right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(document):
    table = document.add_table(rows=0, cols=3)
    for column, width in zip(table.columns, (2_000_000, 1_000_000, 3_000_000), strict=True):
        column.width = width
    return table


def test_body_rows_are_the_elements_python_docx_builds_cell_by_cell():
    document = docx.Document()
    numeric = [False, True, False]
    ours, theirs = _table(document), _table(document)
    append_body_rows(ours, ROWS, numeric, "TableText", str(BAND))
    _cell_by_cell(theirs, ROWS, numeric, "TableText")
    assert etree.tostring(ours._tbl) == etree.tostring(theirs._tbl)
    assert [cell.text for cell in ours.rows[1].cells] == [
        "  leading and trailing  ",
        "3\t4",
        "two\nlines\n\nand a return",
    ]


def test_a_paragraph_style_is_set_as_python_docx_sets_it():
    document = docx.Document()
    style_id = document.part.get_style_id("List Bullet", WD_STYLE_TYPE.PARAGRAPH)
    for make in (
        lambda: document.add_paragraph(),
        lambda: document.add_paragraph("text"),
        lambda: _aligned(document.add_paragraph("right")),
        lambda: _styled(document.add_paragraph("restyled"), "Heading1"),
    ):
        ours, theirs = make(), make()
        for style in (style_id, None):
            set_paragraph_style(ours, style)
            theirs._p.style = style
            assert etree.tostring(ours._p) == etree.tostring(theirs._p)


def _aligned(paragraph):
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def _styled(paragraph, style_id):
    paragraph._p.style = style_id
    return paragraph


def _constrained(title: str) -> Figure:
    figure = Figure(figsize=(6.5, 3.0), layout="constrained")
    axes = figure.add_subplot()
    axes.plot(range(30), [value % 7 for value in range(30)], label="a curve")
    axes.set_xticks(range(30), [f"factor {n}" for n in range(30)], rotation=35, ha="right")
    axes.set_ylabel("Offering level")
    figure.legend(loc="outside lower center")
    figure.suptitle(title)
    return figure


def test_a_laid_out_figure_is_drawn_as_savefig_alone_draws_it():
    """Laid out once at the saved resolution and fixed, a constrained figure comes out pixel
    for pixel as savefig's own two layout passes make it."""
    dpi = CHART_DPI * 0.9
    plain, fixed = io.BytesIO(), io.BytesIO()
    _constrained("A canvas").savefig(plain, format="png", dpi=dpi)
    figure = _constrained("A canvas")
    lay_out_once(figure, dpi)
    assert figure.get_layout_engine() is None
    figure.savefig(fixed, format="png", dpi=dpi)
    assert fixed.getvalue() == plain.getvalue()


def test_the_document_places_a_constrained_figure_once_with_its_text_measured():
    out = BriefingDocument(docx.Document(), TextCleaner(), styled=True)
    out.figure(_constrained("Measured"), alt_text="A chart")
    assert out.pictures == 1
    assert "factor 29" in out.chart_words  # tick labels have their text once laid out
    assert out.chart_text and out.chart_text[0][1] > 0
