"""The briefing document as sections see it: headings, text, tables, pictures, page layout.

Sections never touch python-docx directly. Everything they write goes through
:class:`BriefingDocument`, which cleans text (see :mod:`pmdesk.export.text`), styles tables the
same way with or without a corporate template, sizes pictures to the page and keeps the list of
headings the table of contents is built from.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shape import InlineShape
from docx.shared import Inches, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from pmdesk.export import fields
from pmdesk.export.blocks import MIN_CHART_TEXT_PT, Column, GridCell
from pmdesk.export.package import CELL_PROPERTIES, TABLE_PROPERTIES, insert_ordered
from pmdesk.export.pages import PageEstimate, row_height, text_height
from pmdesk.export.rows import append_body_rows
from pmdesk.export.styles import ACCENT, BAND, MUTED, RULE, ensure_styles
from pmdesk.export.text import TextCleaner, clipped

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from matplotlib.figure import Figure

CHART_DPI = 200
EMU_PER_INCH = 914400
# The most characters one label in a chart shows: a name typed at length is cut with "…"
# rather than drawn (a label of 200,000 characters takes matplotlib minutes and gigabytes).
CHART_LABEL_MAX = 120


@dataclass
class Heading:
    level: int
    text: str
    bookmark: str
    page: int = 0  # estimated, see pmdesk.export.pages


class BriefingDocument:
    """A python-docx document plus the conventions of a PM Desk briefing."""

    def __init__(self, document: DocxDocument, cleaner: TextCleaner, styled: bool) -> None:
        self.docx = document
        self.cleaner = cleaner
        self.headings: list[Heading] = []
        self.pictures = 0
        # (the picture's description, the smallest text on it in points as placed)
        self.chart_text: list[tuple[str, float]] = []
        self.chart_words: list[str] = []  # the text drawn inside the pictures
        self._toc_anchor: Paragraph | None = None
        self._last_section: Any = None
        self.pages = PageEstimate(lambda: self.content_height)
        self._style_ids: dict[str, str | None] = {}
        self._table_text: str | None = None
        self._next_shape_id: int | None = None  # see _add_picture
        # List styles a template lacked carry no bullets: the writer draws those itself.
        self._plain_lists = ensure_styles(document, restyle=styled)

    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """``docx.add_paragraph`` with the style's id looked up once per export: python-docx
        scans every style on each assignment, which cost a share of a big briefing."""
        paragraph = self.docx.add_paragraph(text)
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.docx.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            set_paragraph_style(paragraph, self._style_ids[style])
        return paragraph

    def _table_text_id(self) -> str:
        """The "Table Text" style's id, looked up once: a lookup by name scans every style."""
        if self._table_text is None:
            self._table_text = self.docx.styles["Table Text"].style_id
        return self._table_text

    # -- page geometry -------------------------------------------------------------------------

    @property
    def _section(self) -> Any:
        # The last section is always the body's own sectPr (a new section clones it into a
        # paragraph and keeps it last), so one wrapper serves for the whole export; asking
        # ``sections[-1]`` each time searches the whole body and grew with the document.
        if self._last_section is None:
            self._last_section = self.docx.sections[-1]
        return self._last_section

    @property
    def content_width(self) -> float:
        """Inches between the margins of the current page."""
        section = self._section
        width = section.page_width - section.left_margin - section.right_margin
        return width / EMU_PER_INCH

    @property
    def content_height(self) -> float:
        section = self._section
        height = section.page_height - section.top_margin - section.bottom_margin
        return height / EMU_PER_INCH

    @property
    def landscape(self) -> bool:
        return self._section.orientation == WD_ORIENT.LANDSCAPE

    def set_margins(self, inches: float) -> None:
        for section in self.docx.sections:
            margin = Inches(inches)
            section.left_margin = section.right_margin = margin
            section.top_margin = section.bottom_margin = margin

    def start_landscape(self) -> bool:
        """Continue on a new landscape page (for timelines and wide tables); False when the
        page already is landscape and nothing changed."""
        if self.landscape:
            return False
        self._new_section(WD_ORIENT.LANDSCAPE)
        return True

    def start_portrait(self) -> bool:
        if not self.landscape:
            return False
        self._new_section(WD_ORIENT.PORTRAIT)
        return True

    def _new_section(self, orientation: WD_ORIENT) -> None:
        previous = self._section
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        self.pages.new_page()
        # Only the title page has no header and footer; a cloned section would inherit that.
        section.different_first_page_header_footer = False
        width, height = previous.page_width, previous.page_height
        if (orientation == WD_ORIENT.LANDSCAPE) != (width > height):
            width, height = height, width
        section.orientation = orientation
        section.page_width, section.page_height = width, height

    def page_break(self) -> None:
        self.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.pages.new_page(force=True)

    def _text(self, text: str, size: float, space: float, width: float | None = None) -> None:
        self.pages.advance(text_height(text, width or self.content_width, size, space))

    # -- text ----------------------------------------------------------------------------------

    def clean(self, text: str | None, field: str) -> str:
        return self.cleaner.clean(text, field)

    def heading(
        self, text: str, level: int = 1, *, field: str = "", new_page: bool = False
    ) -> None:
        """A heading that the table of contents lists (levels 1 and 2)."""
        clean = self.clean(text, field or "a heading")
        paragraph = self.add_paragraph(clean, style=f"Heading {level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True
            self.pages.new_page()
        size, before, after = {1: (20, 14, 10), 2: (13.5, 16, 4)}.get(level, (11, 10, 2))
        if self.pages.used == 0:
            before = 0  # word processors drop the space above a paragraph that opens a page
        height = text_height(clean, self.content_width, size, before + after)
        if level > 2:
            self.pages.heading(height, lambda _page: None)
            return
        bookmark = f"_Toc_pmdesk_{len(self.headings) + 1}"
        fields.add_bookmark(paragraph, bookmark, len(self.headings) + 1)
        entry = Heading(level, clean, bookmark, self.pages.page)
        self.headings.append(entry)
        # A heading keeps with what follows: its page is known once that is laid down.
        self.pages.heading(height, lambda page: setattr(entry, "page", page))

    def paragraph(self, text: str, field: str, *, style: str | None = None) -> Paragraph | None:
        """Text as paragraphs (one per blank-line-separated block); nothing for blank text."""
        clean = self.clean(text, field).strip()
        if not clean:
            return None
        last = None
        for block in _blocks(clean):
            last = self.add_paragraph(block, style=style)
            self._text(block, 12 if style == "Lead" else 10.5, 10 if style == "Lead" else 6)
        return last

    def lead(self, text: str, field: str) -> None:
        """A short emphasised paragraph that opens a section."""
        self.paragraph(text, field, style="Lead")

    def labelled(self, label: str, text: str, field: str) -> None:
        """A small caps label above a paragraph, for one field of a record."""
        clean = self.clean(text, field).strip()
        if not clean:
            return
        self.add_paragraph(label, style="Label")
        self._text(label, 8.5, 9)
        for block in _blocks(clean):
            self.add_paragraph(block)
            self._text(block, 10.5, 6)

    def note(self, text: str) -> None:
        """A muted remark: an empty section, a caveat about the data."""
        paragraph = self.add_paragraph(style="Note")
        paragraph.add_run(self.clean(text, "a note"))
        self._text(paragraph.text, 9.5, 8)

    def bullets(
        self, items: Sequence[tuple[str, str]], *, numbered: bool = False, leads: bool = False
    ) -> None:
        """(text, field) pairs as a list; with ``leads``, a short opening ending in ': ' is
        set in bold ("Approve: two engineers")."""
        style = "List Number" if numbered else "List Bullet"
        number = 0
        for text, field in items:
            clean = self.clean(text, field).strip()
            if not clean:
                continue
            number += 1
            paragraph = self.add_paragraph(style=style)
            if style in self._plain_lists:
                paragraph.add_run(f"{number}. " if numbered else "• ")
            self._text(clean, 10.5, 6, self.content_width - 0.25)
            lead, _, rest = clean.partition(": ")
            if leads and rest and len(lead) <= 40:
                paragraph.add_run(f"{lead}: ").bold = True
                paragraph.add_run(rest)
            else:
                paragraph.add_run(clean)

    def key_figures(self, figures: Sequence[tuple[str, str]]) -> None:
        """A row of big numbers with a caption each ("12 / requirements")."""
        if not figures:
            return
        table = self.docx.add_table(rows=2, cols=len(figures))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_table_borders(table, outer=False, rules=False)
        for index, (value, caption) in enumerate(figures):
            number = table.cell(0, index).paragraphs[0]
            number.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = number.add_run(self.clean(value, "a key figure"))
            run.font.size = Pt(22)
            run.font.bold = True
            run.font.color.rgb = ACCENT
            label = table.cell(1, index).paragraphs[0]
            label.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = label.add_run(self.clean(caption, "a key figure"))
            run.font.size = Pt(8.5)
            run.font.color.rgb = MUTED
            for row in (0, 1):
                shade(table.cell(row, index), BAND)
        self.add_paragraph(style="Note").paragraph_format.space_after = Pt(2)
        self.pages.advance(1.1, splits=False)

    # -- tables --------------------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        field: str,
        *,
        caption: str = "",
        keep_empty: bool = False,
    ) -> Table:
        """A styled table: tinted header row repeated on every page, banded rows, numbers
        right-aligned, column widths shared out by weight over the page width.

        A column nobody filled in any row is left out (its width goes to the others), unless
        ``keep_empty``: an empty column of a comparison can be the point.
        """
        if rows and not keep_empty:
            kept = [
                index
                for index in range(len(columns))
                if any(index < len(row) and str(row[index]).strip() for row in rows)
            ]
            if kept and len(kept) < len(columns):
                columns = [columns[index] for index in kept]
                rows = [[row[index] if index < len(row) else "" for index in kept] for row in rows]
        table = self.docx.add_table(rows=1, cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _set_table_borders(table, outer=True)
        total = sum(column.weight for column in columns) or 1.0
        widths = [Inches(self.content_width * column.weight / total) for column in columns]
        # Word reads the cell widths, LibreOffice the grid columns: set both. ``autofit =
        # False`` fixes the layout, so long words wrap inside a column instead of stretching it.
        for index, width in enumerate(widths):
            table.columns[index].width = width
        header = table.rows[0]
        _repeat_as_header(header)
        # python-docx looks a style up by scanning every style on each assignment; a big table
        # has thousands of cells, so the style id is looked up once and set directly.
        style_id = self._table_text_id()
        for index, column in enumerate(columns):
            cell = header.cells[index]
            shade(cell, ACCENT)
            paragraph = cell.paragraphs[0]
            set_paragraph_style(paragraph, style_id)
            run = paragraph.add_run(self.clean(column.title, field))
            run.bold = True
            run.font.size = Pt(8.5)
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            if column.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        append_body_rows(
            table,
            [
                [
                    self.clean(values[index] if index < len(values) else "", field)
                    for index in range(len(columns))
                ]
                for values in rows
            ],
            [column.numeric for column in columns],
            style_id,
            str(BAND),
        )
        inches = [self.content_width * column.weight / total for column in columns]
        self.pages.rows(
            [row_height([str(v) for v in values], inches) for values in rows],
            row_height([column.title for column in columns], inches, 8.5),
        )
        if caption:
            self.add_paragraph(self.clean(caption, field), style="Caption")
            self._text(caption, 8.5, 15)
        else:
            self.add_paragraph(style="After Table")
            self._text("", 4, 8)
        return table

    def grid(self, cells: Sequence[GridCell], field: str, *, empty: str = "") -> Table:
        """Blocks on a grid as one Word table, so their text stays text (searchable, read out,
        copied): each block a cell (merged over its span), its title in its accent colour,
        its lines below, each on its own tint. ``empty`` is said in a block with no lines."""
        rows = max((cell.row + cell.row_span for cell in cells), default=1)
        columns = max((cell.column + cell.column_span for cell in cells), default=1)
        table = self.docx.add_table(rows=rows, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _set_table_borders(table, outer=False, rules=False, grid=True)
        width = Inches(self.content_width / columns)
        for index in range(columns):
            table.columns[index].width = width
        # A block is read whole: a row of blocks moves to the next page rather than split.
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        style_id = self._table_text_id()
        for block in cells:
            cell = table.cell(block.row, block.column)
            last = table.cell(block.row + block.row_span - 1, block.column + block.column_span - 1)
            if last is not cell:
                cell = cell.merge(last)
            if block.fill:
                shade(cell, RGBColor.from_string(block.fill.lstrip("#").upper()))
            title = cell.paragraphs[0]
            set_paragraph_style(title, style_id)
            run = title.add_run(self.clean(block.title, field))
            run.bold = True
            run.font.size = Pt(10)
            if block.accent:
                run.font.color.rgb = RGBColor.from_string(block.accent.lstrip("#").upper())
            title.paragraph_format.space_after = Pt(2)
            if block.hint:
                hint = cell.add_paragraph(self.clean(block.hint, field))
                set_paragraph_style(hint, style_id)
                for hint_run in hint.runs:
                    hint_run.italic = True
                    hint_run.font.size = Pt(8)
                    hint_run.font.color.rgb = MUTED
            lines = [(self.clean(text, field).strip(), tint) for text, tint in block.lines]
            lines = [(text, tint) for text, tint in lines if text]
            if not lines and empty:
                lines = [(empty, None)]
            for text, tint in lines:
                paragraph = cell.add_paragraph(text)
                set_paragraph_style(paragraph, style_id)
                paragraph.paragraph_format.space_before = Pt(3)
                if tint:
                    _shade_paragraph(paragraph, tint)
        column_width = self.content_width / columns
        for row in range(rows):
            tallest = 0.0
            for block in cells:
                if block.row != row:
                    continue
                width = column_width * block.column_span
                texts = [block.title, block.hint, *(text for text, _tint in block.lines)]
                height = sum(text_height(t, width - 0.13, 9, 3) for t in texts if t)
                tallest = max(tallest, height / block.row_span)
            self.pages.advance(tallest + 0.06, splits=False)
        self.add_paragraph(style="After Table")
        self._text("", 4, 8)
        return table

    # -- pictures ------------------------------------------------------------------------------

    def figure(
        self,
        figure: Figure,
        *,
        alt_text: str = "",
        caption: str = "",
        max_height: float | None = None,
    ) -> None:
        """A matplotlib figure as a PNG of about 200 dpi at the width of the page.

        ``alt_text`` says what the picture shows, for screen readers and search ("Roadmap
        timeline, 46 items in 5 lanes, Oct 2026 – Dec 2027"). Without one, the caption or the
        heading above the picture describes it.
        """
        cut_long_labels(figure)
        width, height = figure.get_size_inches()
        scale = self.figure_scale(width, height, max_height)
        target_width = width * scale
        dpi = CHART_DPI * target_width / width
        lay_out_once(figure, dpi)
        buffer = io.BytesIO()
        # Light PNG compression: the default level takes a sixth longer to save a chart for a
        # file about a tenth smaller, a poor trade when an executive is waiting.
        figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
        # Measured after drawing: tick labels get their text only then.
        self.chart_text.append((alt_text or caption, smallest_text(figure) * scale))
        self.chart_words.extend(text.get_text() for text in drawn_texts(figure))
        self.picture(buffer.getvalue(), target_width, alt_text=alt_text, caption=caption)

    def figure_scale(self, width: float, height: float, max_height: float | None = None) -> float:
        """How much :meth:`figure` scales a picture of ``width`` x ``height`` inches: to the
        page's text width, or less when it would be taller than ``max_height`` (by default
        about four fifths of the page). Sections use it to plan what one picture can hold."""
        limit = max_height if max_height is not None else self.content_height * 0.78
        scale = self.content_width / width
        if height * scale > limit:
            scale = limit / height
        return scale

    def readable_at(self, figure: Figure, max_height: float) -> bool:
        """Whether ``figure``'s smallest text stays at :data:`MIN_CHART_TEXT_PT` or more when
        it is placed no taller than ``max_height`` inches."""
        figure.draw_without_rendering()  # tick labels get their text only when drawn
        width, height = figure.get_size_inches()
        scale = self.figure_scale(width, height, max_height)
        return smallest_text(figure) * scale >= MIN_CHART_TEXT_PT

    def room_left(self) -> float:
        """Inches estimated to be left on the current page."""
        return max(0.0, self.content_height - self.pages.used)

    def picture(
        self, png: bytes, width_inches: float, *, alt_text: str = "", caption: str = ""
    ) -> None:
        paragraph = self.add_paragraph(style="Picture")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = self._add_picture(paragraph.add_run(), png, Inches(width_inches))
        if not alt_text.strip():
            alt_text = caption or (f"Chart: {self.headings[-1].text}" if self.headings else "")
        describe(shape, self.clean(alt_text or "Chart", "a picture's description"))
        self.pictures += 1
        height = shape.height / EMU_PER_INCH if shape.height else 0.0
        self.pages.advance(height + 0.12, splits=False)
        if caption:
            # Only a caption keeps with its picture: chaining more would push whole groups of
            # pictures and headings to the next page, leaving a near-empty one behind.
            paragraph.paragraph_format.keep_with_next = True
            self.add_paragraph(self.clean(caption, "a caption"), style="Caption")
            self._text(caption, 8.5, 15)

    def _add_picture(self, run: Any, png: bytes, width: Length) -> InlineShape:
        """``run.add_picture`` without its search of the whole document for the highest
        drawing id, once per picture, which grew with the briefing: the search is done for
        the first picture and the ids counted on from there (every picture after the title
        page's logo is placed here)."""
        part = self.docx.part
        relationship, image = part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width, None)
        if self._next_shape_id is None:
            self._next_shape_id = part.next_id
        inline = CT_Inline.new_pic_inline(self._next_shape_id, relationship, image.filename, cx, cy)
        self._next_shape_id += 1
        run._r.add_drawing(inline)
        return InlineShape(inline)

    # -- table of contents ---------------------------------------------------------------------

    def table_of_contents(self) -> None:
        """Mark where the contents go; :meth:`finish_contents` fills it once every heading is
        known, so the document opens with a readable list before any field is updated."""
        self.add_paragraph("Contents", style="Contents Heading")
        self._toc_anchor = self.add_paragraph(style="Contents 1")
        self.pages.advance(0.6)  # one page for now; finish_contents counts the rest

    def finish_contents(self) -> None:
        self.pages.flush()
        anchor = self._toc_anchor
        if anchor is None:
            return
        tab_position = Inches(self.content_width_of_first_section())
        entries: list[Paragraph] = []
        for heading in self.headings:
            style = "Contents 1" if heading.level == 1 else "Contents 2"
            paragraph = anchor.insert_paragraph_before(style=style)
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                tab_position, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            entries.append(paragraph)
        if not entries:
            entries.append(anchor.insert_paragraph_before(style="Contents 1"))
        # The estimate counted the contents as one page; a long list takes more.
        first = self.docx.sections[0]
        room = (first.page_height - first.top_margin - first.bottom_margin) / EMU_PER_INCH
        width = self.content_width_of_first_section()
        height = text_height("Contents", width, 18, 14) + sum(
            text_height(heading.text, width - 0.5, *CONTENTS_ENTRY[heading.level == 1])
            for heading in self.headings
        )
        extra = max(0, math.ceil(height / room) - 1)
        for paragraph, heading in zip(entries, self.headings, strict=False):
            fields.add_internal_link(paragraph, heading.text, heading.bookmark)
            paragraph.add_run("\t")
            page = str(heading.page + extra) if heading.page else ""
            fields.add_simple_field(paragraph, f"PAGEREF {heading.bookmark} \\h", page)
        anchor._p.getparent().remove(anchor._p)
        self._toc_anchor = None

    def content_width_of_first_section(self) -> float:
        section = self.docx.sections[0]
        return (section.page_width - section.left_margin - section.right_margin) / EMU_PER_INCH


# (size, spacing above + below) in points of a contents entry, as the styles set them:
# [level 2, level 1].
CONTENTS_ENTRY = ((10.0, 1.0), (11.0, 10.0))


def lay_out_once(figure: Figure, dpi: float) -> None:
    """Run ``figure``'s layout engine (constrained layout) at the resolution it is saved at,
    then fix the result. ``savefig`` of a figure with an engine draws it twice, laying it out
    in each draw; the layout's measuring of every label was a third of a chart's time."""
    engine = figure.get_layout_engine()
    if engine is None or not figure.axes:
        return
    shown_at = figure.dpi
    figure.dpi = dpi
    try:
        engine.execute(figure)
    finally:
        figure.dpi = shown_at
    figure.set_layout_engine(None)


def smallest_text(figure: Figure) -> float:
    """The smallest font size, in points at the figure's own size, of the text drawn on it."""
    sizes = [text.get_fontsize() for text in drawn_texts(figure)]
    return float(min(sizes, default=MIN_CHART_TEXT_PT))


def cut_long_labels(figure: Figure, limit: int = CHART_LABEL_MAX) -> None:
    """Shorten every text placed on ``figure`` to ``limit`` characters a line, ending in "…"."""
    for text in _texts_placed(figure):
        value = text.get_text()
        if isinstance(value, str) and len(value) > limit:
            lines = value.splitlines()[:3] or [""]
            text.set_text("\n".join(clipped(line, limit) for line in lines))


def _texts_placed(figure: Figure) -> list[Any]:
    """Every artist with a text under ``figure`` (what ``findobj`` finds), except the axis
    labels and ticks of axes turned off: they are never drawn, and walking them makes
    matplotlib build every tick, a tenth of a picture's time."""
    from matplotlib.axis import Axis

    found = []
    stack: list[Any] = [figure]
    while stack:
        artist = stack.pop()
        if isinstance(artist, Axis) and artist.axes is not None and not artist.axes.axison:
            continue
        if hasattr(artist, "set_text"):
            found.append(artist)
        stack.extend(artist.get_children())
    return found


def drawn_texts(figure: Figure) -> list[Any]:
    """Every piece of text a drawn figure shows (matplotlib ``Text`` objects)."""
    texts: list[Any] = list(figure.texts)
    for legend in figure.legends:
        texts.extend(legend.get_texts())
    for axes in figure.axes:
        texts.extend(axes.texts)
        if axes.get_legend() is not None:
            texts.extend(axes.get_legend().get_texts())
        if axes.axison:  # an axis turned off draws none of its labels
            texts.extend(axes.get_xticklabels() + axes.get_yticklabels())
            texts.extend((axes.xaxis.label, axes.yaxis.label, axes.title))
    return [text for text in texts if text.get_visible() and text.get_text().strip()]


def describe(shape: Any, alt_text: str) -> None:
    """Give an inline picture its alternative text (``wp:docPr/@descr``), which Word shows as
    "Alt Text" and screen readers read out."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt_text[:4000])
    doc_pr.set("title", alt_text.split(":")[0].split(",")[0][:250])


def _blocks(text: str) -> list[str]:
    """Blank-line-separated blocks; single line breaks stay inside a paragraph."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def set_paragraph_style(paragraph: Paragraph, style_id: str | None) -> None:
    """Set a paragraph's style by id, as ``CT_P.style`` does: the schema puts w:pPr first in
    a paragraph and w:pStyle first in w:pPr, so both go straight to the front instead of
    python-docx's search for their place among every element that may follow them."""
    p = paragraph._p
    properties = p.find(_PPR)
    if properties is None:
        properties = OxmlElement("w:pPr")
        p.insert(0, properties)
    for old in properties.findall(_PSTYLE):
        properties.remove(old)
    if style_id:
        properties.insert(0, OxmlElement("w:pStyle", {_VAL: style_id}))


_PPR, _PSTYLE, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")


def shade(cell: Any, colour: RGBColor) -> None:
    """Fill a table cell with ``colour``."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), str(colour))
    insert_ordered(cell._tc.get_or_add_tcPr(), shading, CELL_PROPERTIES)


def _shade_paragraph(paragraph: Paragraph, colour: str) -> None:
    """A tinted band behind one paragraph: a sticky note inside its block."""
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    shading = parse_xml(
        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
        f'w:fill="{colour.lstrip("#").upper()}"/>'
    )
    # CT_PPrBase's sequence puts w:shd after w:pBdr and before w:tabs and what follows it.
    properties = paragraph._p.get_or_add_pPr()
    later = {
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    }
    for child in properties:
        if str(child.tag).rsplit("}", 1)[-1] in later:
            child.addprevious(shading)
            return
    properties.append(shading)


def _repeat_as_header(row: Any) -> None:
    # w:trPr's children are a choice, in any order; an on/off element without w:val is on.
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    properties.append(OxmlElement("w:tblHeader"))


def _set_table_borders(
    table: Table, *, outer: bool, rules: bool = True, grid: bool = False
) -> None:
    """Hairline rules between rows only: quieter than a full grid, and template-independent;
    ``grid`` rules every edge, for blocks on a board."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        visible = grid or (rules and edge == "insideH") or (outer and edge in ("top", "bottom"))
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), str(RULE))
        borders.append(element)
    insert_ordered(properties, borders, TABLE_PROPERTIES)
    margins = OxmlElement("w:tblCellMar")
    # CT_TblCellMar's sequence is top, left, bottom, right.
    for edge, size in (("top", 40), ("left", 90), ("bottom", 40), ("right", 90)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(size))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    insert_ordered(properties, margins, TABLE_PROPERTIES)
