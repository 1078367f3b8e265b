"""Text on its way into the document: characters XML forbids are dropped, and noted.

Word documents are XML, which has no place for NUL, vertical tab, form feed, escape, U+FFFE,
U+FFFF or lone surrogates; python-docx refuses them. They can still reach a project (pasted
from a terminal, imported from CSV), so the export drops them from the document only and
tells the PM which fields held them.
"""

from __future__ import annotations

import re

# Everything outside XML 1.0's Char production.
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def strip_forbidden(text: str) -> str:
    return _FORBIDDEN.sub("", text)


class TextCleaner:
    """Cleans every text that enters the document and remembers which fields needed it."""

    def __init__(self) -> None:
        self._fields: list[str] = []

    def clean(self, text: str | None, field: str) -> str:
        """``text`` without forbidden characters; ``field`` names it for the warning."""
        if not text:
            return ""
        cleaned = strip_forbidden(text)
        if cleaned != text and field not in self._fields:
            self._fields.append(field)
        return cleaned

    @property
    def fields(self) -> list[str]:
        """Fields that lost characters, in the order the document met them."""
        return list(self._fields)

    def warning(self) -> str | None:
        if not self._fields:
            return None
        return (
            "Characters that a Word document cannot hold (control characters such as NUL or "
            "form feed) were left out of the briefing in: " + "; ".join(self._fields) + ". "
            "The project itself is unchanged."
        )


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` with its noun agreeing: "1 milestone", "3 milestones", "0 stakeholders".

    ``plural`` is for nouns that do not just take an "s" ("1 person", "4 people").
    """
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"


def clipped(text: str, limit: int) -> str:
    """``text`` as it is when it has at most ``limit`` characters, else on one line cut at a
    word with "…": a name typed at length must not fill a title page or every footer."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = " ".join(text.split())[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:·-") + "…"
