"""A table's body rows written as WordprocessingML in one parse.

python-docx builds a cell element by element, each insertion searching the schema's sequence
of its parent; a big briefing's thousands of cells spent more time there than anywhere else.
The rows here are the very elements python-docx would build (``table.add_row()``, a style id,
a run per cell, a shade on every other row), written as text and parsed once per table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.table import Table

# python-docx's run text: a tab is w:tab, a line break (\n or \r) a w:br, the rest w:t.
_BREAKS = re.compile(r"([\t\r\n])")


def append_body_rows(
    table: Table,
    rows: Sequence[Sequence[str]],
    numeric: Sequence[bool],
    style_id: str,
    band: str,
) -> None:
    """Append ``rows`` (cleaned text, one per column) to ``table``: each cell as wide as its
    grid column, set in ``style_id``, right-aligned where ``numeric``, every second row
    filled with ``band`` ("RRGGBB")."""
    if not rows:
        return
    tbl = table._tbl
    widths = [column.get(qn("w:w")) for column in tbl.tblGrid.gridCol_lst]
    style = escape(style_id, {'"': "&quot;"})
    paragraph_open = [
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>'
        + ('<w:jc w:val="right"/>' if right else "")
        + "</w:pPr>"
        for right in numeric
    ]
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{band}"/>'
    parts = [f"<w:tbl {nsdecls('w')}>"]
    for number, values in enumerate(rows):
        parts.append("<w:tr>")
        fill = shading if number % 2 else ""
        for index, width in enumerate(widths):
            parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{fill}</w:tcPr>')
            parts.append(paragraph_open[index])
            parts.append(_run(values[index] if index < len(values) else ""))
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    tbl.extend(list(parse_xml("".join(parts))))


def _run(text: str) -> str:
    if not text:
        return "<w:r/>"
    out = ["<w:r>"]
    for piece in _BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            preserve = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{preserve}>{escape(piece)}</w:t>")
    out.append("</w:r>")
    return "".join(out)
