"""The parts of a briefing that come before the sections: title page, page footer, summary.

The title page has no header or footer; every other page has a footer naming the briefing and
numbering pages as "Page 3 of 12" with PAGE and NUMPAGES fields.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from pmdesk.export import fields
from pmdesk.export.styles import ACCENT, MUTED
from pmdesk.export.writer import BriefingDocument, describe

LOGO_HEIGHT_INCHES = 0.85


@dataclass(frozen=True)
class TitlePage:
    company: str
    title: str
    subtitle: str
    audience: str
    author: str
    day: date
    logo_png: bytes | None


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def write_title_page(out: BriefingDocument, page: TitlePage) -> None:
    document = out.docx
    section = document.sections[0]
    section.different_first_page_header_footer = True
    if page.logo_png is not None:
        paragraph = document.add_paragraph(style="Picture")
        shape = paragraph.add_run().add_picture(
            io.BytesIO(page.logo_png), height=Inches(LOGO_HEIGHT_INCHES)
        )
        name = out.clean(page.company, "Briefing › Company name").strip()
        describe(shape, f"Logo of {name}" if name else "Company logo")
        out.pictures += 1
    if page.company.strip():
        document.add_paragraph(out.clean(page.company, "Briefing › Company name"), "Cover Company")
    # Push the title to about a third of the page, where a cover's title sits.
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Pt(150 if page.logo_png is None else 90)
    document.add_paragraph(out.clean(page.title, "Briefing › Title"), "Cover Title")
    subtitle = document.add_paragraph(out.clean(page.subtitle, "Project › Name"), "Cover Subtitle")
    _rule_below(subtitle)
    details = [
        ("Prepared for", out.clean(page.audience, "Briefing › Audience")),
        ("Prepared by", out.clean(page.author, "Briefing › Author")),
        ("Date", long_date(page.day)),
    ]
    for label, value in details:
        if not value.strip():
            continue
        paragraph = document.add_paragraph(style="Cover Detail")
        label_run = paragraph.add_run(f"{label}   ")
        label_run.font.color.rgb = MUTED
        label_run.font.size = Pt(9)
        label_run.font.all_caps = True
        paragraph.add_run(value)
    out.page_break()


def write_footer(out: BriefingDocument, left_text: str, template_footer: bool) -> None:
    """Briefing name on the left, page numbers at the right margin; a template's own footer
    stays. Each page orientation gets its own footer, since the right margin moves."""
    sections = out.docx.sections
    footer = sections[0].footer
    if template_footer and any(p.text.strip() for p in footer.paragraphs):
        return
    previous_width = None
    for section in sections:
        width = (section.page_width - section.left_margin - section.right_margin) / 914400
        if previous_width is not None:
            section.footer.is_linked_to_previous = width == previous_width
        if previous_width is None or width != previous_width:
            _fill_footer(out, section.footer, left_text, width)
        previous_width = width


def _fill_footer(out: BriefingDocument, footer: Any, left_text: str, width: float) -> None:
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    stops = paragraph.paragraph_format.tab_stops
    # The Footer style centres at 3.25" and right-aligns at 6.5"; clear those so the page
    # number sits at this page's right margin.
    for inches in (3.25, 6.5):
        stops.add_tab_stop(Inches(inches), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Inches(width), WD_TAB_ALIGNMENT.RIGHT)
    lead = paragraph.add_run(out.clean(left_text, "Briefing › Title") + "\t")
    lead.font.size = Pt(8.5)
    lead.font.color.rgb = MUTED
    start = len(paragraph.runs)
    paragraph.add_run("Page ")
    fields.add_simple_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    fields.add_simple_field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs[start:]:
        run.font.size = Pt(8.5)
        run.font.color.rgb = MUTED


def write_summary(
    out: BriefingDocument,
    summary: str,
    asks: Sequence[str],
    empty_titles: Sequence[str],
    glance: Sequence[tuple[str, str]] = (),
    more_asks: int = 0,
) -> None:
    """The executive summary; ``asks`` are the decisions and asks shown, and ``more_asks``
    how many more the project holds (counted, not listed: a summary stays short)."""
    out.heading("Executive summary", 1, new_page=True)
    if out.paragraph(summary, "Briefing › Executive summary") is None:
        out.note("No executive summary has been written for this briefing yet.")
    if glance:
        out.heading("At a glance", 2)
        out.key_figures(glance)
    out.heading("Decisions and asks", 2)
    items = [item for item in asks if item]
    if items:
        out.bullets(
            [(item, "Briefing › Decisions and asks") for item in items], numbered=True, leads=True
        )
        if more_asks > 0:
            out.note(
                f"{more_asks} more {'are' if more_asks != 1 else 'is'} still open: "
                "the project's decision log lists every one, oldest first."
            )
    else:
        out.note("No decisions or asks are listed for this briefing.")
    if empty_titles:
        out.heading("Not covered yet", 2)
        out.note(
            "These sections have nothing in the project yet, so this briefing says little "
            "about them: " + ", ".join(empty_titles) + "."
        )


def _rule_below(paragraph: Paragraph) -> None:
    """A thick accent line under the subtitle: the cover's one decoration."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "24")
    bottom.set(qn("w:space"), "12")
    bottom.set(qn("w:color"), str(ACCENT))
    borders.append(bottom)
    properties.append(borders)
