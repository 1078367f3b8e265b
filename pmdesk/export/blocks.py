"""What a section hands the Word writer, as plain values: table columns, grid blocks and the
smallest chart text. Sections import these without loading python-docx, so the briefing page
can list its sections and their options before anything is exported."""

from __future__ import annotations

from dataclasses import dataclass

# The smallest text a chart may carry once placed on the page: below it a printed briefing
# needs a magnifying glass. Sections plan their pictures (split a timeline, thin a grid) so
# that :meth:`BriefingDocument.figure` never has to shrink text below it.
MIN_CHART_TEXT_PT = 7.0


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the width, and whether it holds numbers."""

    title: str
    weight: float = 1.0
    numeric: bool = False


@dataclass(frozen=True)
class GridCell:
    """One block of a grid drawn as a Word table (an ERRC quadrant, a canvas board's block).

    Colours are "#RRGGBB" text: ``accent`` for the title, ``fill`` for the block, and each
    line's own fill (a sticky note's colour) or None.
    """

    row: int
    column: int
    title: str
    lines: tuple[tuple[str, str | None], ...] = ()
    hint: str = ""
    row_span: int = 1
    column_span: int = 1
    accent: str | None = None
    fill: str | None = None
