"""Word fields python-docx has no API for: page numbers, page references, bookmarks.

A field is a run sequence begin / instruction / separate / cached result / end. Word and
LibreOffice recompute the result when they open the document (``w:updateFields``, set by
:mod:`pmdesk.export.package`, asks Word to do so); the cached result is what a reader sees
until then.

The table of contents is a list of links to bookmarked headings, each with a PAGEREF field
for its page. A Word TOC field would be updated by Word only: LibreOffice shows a TOC field's
cached text as it is, so its page numbers would stay empty there. PAGEREF fields are filled by
both.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def _field_char(run: Run, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(run: Run, code: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {code} "
    run._r.append(element)


def add_simple_field(paragraph: Paragraph, code: str, cached: str) -> None:
    """A field such as ``PAGE`` or ``NUMPAGES`` in one paragraph, showing ``cached`` until
    the word processor computes it."""
    _field_char(paragraph.add_run(), "begin")
    _instruction(paragraph.add_run(), code)
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run(cached)
    _field_char(paragraph.add_run(), "end")


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark, so PAGEREF fields can point at it."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    element = paragraph._p
    properties = element.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        element.insert(0, start)
    element.append(end)


def add_internal_link(paragraph: Paragraph, text: str, bookmark: str) -> Run:
    """Text that jumps to ``bookmark`` when clicked (as Word's own TOC entries do)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    run = paragraph.add_run(text)
    link.append(run._r)
    return run
