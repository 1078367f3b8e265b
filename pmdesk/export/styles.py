"""The look of a briefing: paragraph styles, colours and fonts.

Without a corporate template the briefing gets PM Desk's own quiet, readable look. With one, the
template's styles win: only styles the briefing needs and the template lacks are added, plainly,
so the document still has a heading hierarchy the table of contents can follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.styles.style import ParagraphStyle

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # deep navy: headings, table headers, key figures
ACCENT_LIGHT = RGBColor(0x3D, 0x6A, 0x9E)
INK = RGBColor(0x22, 0x2B, 0x38)
MUTED = RGBColor(0x6B, 0x72, 0x80)
RULE = RGBColor(0xC9, 0xCE, 0xD6)
BAND = RGBColor(0xF1, 0xF4, 0xF8)
BODY_FONT = "Calibri"
HEADING_FONT = "Calibri Light"

# name -> (size pt, bold, italic, colour, space before, space after, based on)
_OWN_STYLES: dict[str, tuple[float, bool, bool, RGBColor, float, float]] = {
    "Lead": (12, False, False, ACCENT_LIGHT, 0, 10),
    "Label": (8.5, True, False, MUTED, 8, 1),
    "Note": (9.5, False, True, MUTED, 2, 6),
    "Table Text": (9, False, False, INK, 0, 0),
    "After Table": (4, False, False, INK, 0, 8),
    "Caption": (8.5, False, True, MUTED, 3, 12),
    "Picture": (10, False, False, INK, 6, 2),
    "Contents Heading": (18, False, False, ACCENT, 0, 14),
    "Contents 1": (11, True, False, INK, 8, 2),
    "Contents 2": (10, False, False, INK, 0, 1),
    "Cover Company": (12, True, False, MUTED, 0, 0),
    "Cover Title": (30, False, False, ACCENT, 0, 10),
    "Cover Subtitle": (15, False, False, ACCENT_LIGHT, 0, 28),
    "Cover Detail": (10.5, False, False, INK, 0, 2),
}
_HEADINGS: dict[int, tuple[float, RGBColor, float, float]] = {
    1: (20, ACCENT, 14, 10),
    2: (13.5, ACCENT_LIGHT, 16, 4),
    3: (11, INK, 10, 2),
}


def ensure_styles(document: DocxDocument, *, restyle: bool) -> set[str]:
    """Make every style the briefing uses exist; with ``restyle`` give them PM Desk's look.

    Returns the names of list styles that had to be created, which carry no bullets of their
    own (the writer then draws the bullet itself).
    """
    styles = document.styles
    created_lists: set[str] = set()
    if restyle:
        normal = styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = INK
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.12
    for level, (size, colour, before, after) in _HEADINGS.items():
        name = f"Heading {level}"
        style = _paragraph_style(document, name)
        _outline_level(style, level - 1)
        if restyle or style.font.size is None:
            style.font.name = HEADING_FONT if level == 1 else BODY_FONT
            style.font.size = Pt(size)
            style.font.bold = level > 1
            style.font.color.rgb = colour
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number"):
        if name not in styles:
            created_lists.add(name)
            style = _paragraph_style(document, name)
            style.paragraph_format.left_indent = Pt(18)
            style.paragraph_format.first_line_indent = Pt(-12)
    for name, (size, bold, italic, colour, before, after) in _OWN_STYLES.items():
        existed = name in styles
        style = _paragraph_style(document, name)
        if existed and not restyle and name in ("Caption",):
            continue  # the template's caption style is the corporate one
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.color.rgb = colour
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        if name == "Label":
            style.font.all_caps = True
            style.paragraph_format.keep_with_next = True
        if name in ("Cover Title", "Contents Heading"):
            style.font.name = HEADING_FONT
    return created_lists


def _paragraph_style(document: DocxDocument, name: str) -> ParagraphStyle:
    styles = document.styles
    if name in styles:
        return styles[name]  # type: ignore[return-value]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style  # type: ignore[return-value]


def _outline_level(style: ParagraphStyle, level: int) -> None:
    """Headings carry an outline level so the TOC field finds them in any template."""
    properties = style.element.get_or_add_pPr()
    existing = properties.find(qn("w:outlineLvl"))
    if existing is None:
        existing = OxmlElement("w:outlineLvl")
        properties.append(existing)
    existing.set(qn("w:val"), str(level))
