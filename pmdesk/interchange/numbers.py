"""Which decimal mark a file's numbers use, told from the numbers themselves.

European spreadsheets write one and a half as "0,5" and a thousand as "1.000"; read with the
decimal point they become 5 and 1, silently. The numeric columns an import maps are looked at
as a whole: "0,5", "1.299,00", "1 299,00" or "1.234.567" say "decimal comma"; "0.5",
"1,299.00" or "1,234,567" say "decimal point". A file whose numbers never say ("1,000" alone
could be a thousand or one) gets the choice its separator suggests (";" is what European Excel
writes) and a sentence saying so, which the preview shows next to the control that changes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmdesk.domain.values import COMMA_DECIMAL, POINT_DECIMAL, NumberFormat

_SIGNS = "€$£¥%"
_SAMPLE = 2_000  # distinct numbers looked at: enough to decide, cheap on a 50,000-row file
# A mark followed by exactly three digits at the end may be either mark ("1,000", "2.500").
_AMBIGUOUS = re.compile(r"^\d{1,3}[.,]\d{3}$")


@dataclass(frozen=True)
class DetectedFormat:
    number_format: NumberFormat
    assumption: str | None  # said in the preview when the file's numbers did not decide

    @property
    def sentence(self) -> str:
        """What the preview says next to the choice."""
        if self.assumption:
            return self.assumption
        return f"Numbers are read with a {self.number_format.description}, as the file writes them."


AS_TYPED = DetectedFormat(POINT_DECIMAL, None)  # what a person types in the app


def _vote(text: str) -> str | None:
    """ "comma", "point", "either" or None (not a number with a mark in it)."""
    bare = text.strip().replace("\u00a0", " ").replace("\u202f", " ").strip(_SIGNS + " ")
    bare = bare.lstrip("+-").strip(_SIGNS + " ")
    if not bare or (not bare[0].isdigit() and bare[0] not in ".,"):
        return None
    if "," not in bare and "." not in bare:
        return None
    if _AMBIGUOUS.match(bare):
        return "either"
    comma = COMMA_DECIMAL.read(bare) is not None
    point = POINT_DECIMAL.read(bare) is not None
    if comma and not point:
        return "comma"
    if point and not comma:
        return "point"
    return "either" if comma and point else None


def detect_number_format(texts: Iterable[str], delimiter: str = ",") -> DetectedFormat:
    """The decimal mark ``texts`` (a file's numeric cells) use, and an assumption when unsure."""
    votes = {"comma": 0, "point": 0}
    ambiguous: str | None = None
    seen: set[str] = set()
    for text in texts:
        if text in seen or not text:
            continue
        seen.add(text)
        if len(seen) > _SAMPLE:
            break
        vote = _vote(text)
        if vote in votes:
            votes[vote] += 1
        elif vote == "either" and ambiguous is None:
            ambiguous = text.strip()
    if votes["comma"] > votes["point"]:
        return DetectedFormat(COMMA_DECIMAL, None)
    if votes["point"] > votes["comma"]:
        return DetectedFormat(POINT_DECIMAL, None)
    chosen = COMMA_DECIMAL if delimiter == ";" else POINT_DECIMAL
    if votes["comma"]:  # as many of each: the file mixes them, so say which was taken
        return DetectedFormat(
            chosen,
            f"The file writes numbers both ways; PM Desk reads them with a {chosen.description}.",
        )
    if ambiguous is None:
        return DetectedFormat(chosen, None)
    if chosen is COMMA_DECIMAL:
        reading = f"{COMMA_DECIMAL.read(ambiguous, _SIGNS):g}"
        why = "the file is separated by semicolons, as European spreadsheets write it"
    else:
        reading = f"{POINT_DECIMAL.read(ambiguous, _SIGNS):,g}".replace(",", "")
        why = "nothing in the file says otherwise"
    return DetectedFormat(
        chosen,
        f"“{ambiguous}” could be a thousand or one: PM Desk assumes a {chosen.description}, "
        f"so it reads {reading}, because {why}.",
    )


def in_plain_digits(text: str, number_format: NumberFormat) -> str:
    """``text`` rewritten as plain digits with a decimal point ("1.299,00 €" -> "1299") when it
    is a number in ``number_format``; otherwise as it was, for the field's rule to refuse with
    its own words (or read as a word, like "Massive")."""
    number = number_format.read(text, _SIGNS)
    return text if number is None else f"{number:.15g}"
