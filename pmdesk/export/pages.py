"""Where the page breaks will fall, estimated while the briefing is written.

Word shows a PAGEREF field's stored result until the reader updates fields, and previewers
never update them, so the contents page stores page numbers worked out here. The estimate
uses the same measures the styles set (sizes, spacing, the page's text area) and an average
character width; level-1 sections start on a new page, so an error never carries past the
section it arose in. Word and LibreOffice still recompute the numbers when they lay out the
document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

# Average advance of a character, as a share of the font size, for Calibri-like fonts.
CHAR_WIDTH_EM = 0.5
LINE_SPACING = 1.22  # line height as a multiple of the font size
POINT = 1 / 72  # inches
# How much of a splittable paragraph a heading keeps with: about two lines (widow control).
KEPT_LINES = 0.36


def text_height(text: str, width: float, size: float, space: float = 0.0) -> float:
    """Inches that ``text`` set at ``size`` points takes in a column ``width`` inches wide,
    plus ``space`` points of paragraph spacing."""
    per_line = max(1, int(width / (size * CHAR_WIDTH_EM * POINT)))
    lines = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
    return lines * size * LINE_SPACING * POINT + space * POINT


def row_height(values: Sequence[str], widths: Sequence[float], size: float = 9.0) -> float:
    """A table row: as tall as its tallest cell, plus the cell margins."""
    pairs = zip(values, widths, strict=False)
    tallest = max(
        (text_height(value, max(width - 0.13, 0.2), size) for value, width in pairs),
        default=size * LINE_SPACING * POINT,
    )
    return tallest + 0.06


class PageEstimate:
    """The page the writer is on, and how much of it is used."""

    def __init__(self, page_height: Callable[[], float]) -> None:
        self._page_height = page_height
        self.page = 1
        self.used = 0.0
        self._fresh = True  # nothing laid down since the page began
        # Headings wait for what follows them: a word processor keeps a heading with the first
        # lines of the next paragraph, so where it lands depends on that paragraph.
        self._held: list[tuple[float, Callable[[int], None]]] = []

    def heading(self, height: float, placed: Callable[[int], None]) -> None:
        """A heading ``height`` inches tall; ``placed`` hears its page once it is known."""
        self._held.append((height, placed))

    def flush(self) -> None:
        """Place headings nothing followed (the end of the document)."""
        self._place_held(0.0)

    def _place_held(self, following: float) -> None:
        """Lay held headings down together with ``following`` inches of what comes next."""
        waiting, self._held = self._held, []
        if not waiting:
            return
        held = sum(height for height, _placed in waiting)
        if self.used + held + following > self._page_height() and self.used > 0:
            self.new_page()
        for height, placed in waiting:
            self._fresh = False
            self.used += height
            placed(self.page)

    def new_page(self, *, force: bool = False) -> None:
        """Go on at the top of the next page, unless this page has nothing on it yet (a
        section that starts a page right after a page break does not add one)."""
        if self._held:  # a heading right before a page break stays with its page
            self._place_held(0.0)
        if force or not self._fresh:
            self.page += 1
        self.used = 0.0
        self._fresh = True

    def advance(self, height: float, *, splits: bool = True, keep: float = 0.0) -> None:
        """Lay ``height`` inches down; what does not fit flows on (``splits``) or moves whole
        to the next page. ``keep`` inches must fit below it too (a heading keeps with the
        first lines of what follows)."""
        room = self._page_height()
        self._place_held(height if not splits else min(height, KEPT_LINES))
        if (not splits or keep) and self.used + height + keep > room and self.used > 0:
            self.new_page()
        self._fresh = False
        self.used += height
        while self.used > room:
            self.used -= room
            self.page += 1

    def rows(self, heights: Sequence[float], header: float) -> None:
        """A table whose header row repeats on every page it reaches."""
        room = self._page_height()
        self._place_held(header + (heights[0] if heights else 0))
        if self.used + header + (heights[0] if heights else 0) > room:
            self.new_page()
        self._fresh = False
        self.used += header
        for height in heights:
            if self.used + height > room:
                self.page += 1
                self.used = header
            self.used += height
