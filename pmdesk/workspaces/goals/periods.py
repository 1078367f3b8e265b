"""An objective's period: typed as "FY27 H1", "Q2 FY27", "FY27" or two dates, kept as dates.

Periods follow the roadmap's fiscal year (named by the calendar year it ends in, see
``roadmap.fiscal``), so "FY27 H1" is October 2026 to March 2027 when the year starts in October.
The objective stores the first and last day; the label is derived again for display, so a
period never disagrees with its dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap.fiscal import add_months, fiscal_year

_YEAR = r"(?:FY\s*)?(?P<year>\d{4}|\d{2})"
_PART = r"(?P<part>[HQ])(?P<number>[1-4])"
_FORMS = (
    re.compile(rf"^{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_YEAR}\s*[-/ ]?\s*{_PART}$", re.IGNORECASE),
    re.compile(rf"^{_PART}\s*[-/ ]?\s*{_YEAR}$", re.IGNORECASE),
)
_YEARS = re.compile(
    r"^FY\s*(\d{4}|\d{2})\s*(?:–|—|-{1,2}|to)\s*(?:FY)?\s*(\d{4}|\d{2})$", re.IGNORECASE
)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:–|—|-{1,2}|to)\s*(\d{4}-\d{2}-\d{2})$")
EXAMPLES = "“FY27 H1”, “Q2 FY27”, “FY27”, “FY26–FY27” or “2026-10-01 to 2027-03-31”"


def fiscal_year_first_day(year: int, start_month: int) -> date:
    """The first day of the fiscal year named ``year`` (the calendar year it ends in)."""
    return date(year, 1, 1) if start_month == 1 else date(year - 1, start_month, 1)


def parse_period(text: str, start_month: int = 1) -> tuple[date, date]:
    """(first day, last day) of a period as a PM types it, or a sentence saying how to type it."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise ValidationError(f"An objective needs a period, such as {EXAMPLES}.")
    ranged = _RANGE.match(cleaned)
    if ranged:
        try:
            first, last = (date.fromisoformat(part) for part in ranged.groups())
        except ValueError:
            raise ValidationError(f"“{cleaned}” holds a date that does not exist.") from None
        check_period(first, last)
        return first, last
    years = _YEARS.match(cleaned)
    if years:
        first_year, last_year = (_full_year(int(part)) for part in years.groups())
        first = fiscal_year_first_day(first_year, start_month)
        last = fiscal_year_first_day(last_year + 1, start_month) - timedelta(days=1)
        check_period(first, last)
        return first, last
    for form in _FORMS:
        found = form.match(cleaned)
        if found:
            break
    else:
        raise ValidationError(f"“{cleaned}” is not a period PM Desk knows; type {EXAMPLES}.")
    year = _full_year(int(found["year"]))
    first = fiscal_year_first_day(year, start_month)
    months = 12
    part = (found.groupdict().get("part") or "").upper()
    if part:
        number = int(found["number"])
        if part == "H" and number > 2:
            raise ValidationError(f"A year has two halves, H1 and H2; “{cleaned}” names H{number}.")
        months = 6 if part == "H" else 3
        first = add_months(first, months * (number - 1))
    last = add_months(first, months) - timedelta(days=1)
    return first, last


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def check_period(first: date, last: date) -> None:
    if last <= first:
        raise ValidationError(
            f"An objective's period must end after it starts; {last.isoformat()} is not after "
            f"{first.isoformat()}."
        )


def period_label(first: date, last: date, start_month: int = 1) -> str:
    """ "FY27 H1" when the dates are a fiscal year, half or quarter (or whole years, "FY26–FY27");
    otherwise the two dates."""
    if first.day == 1:
        offset = (first.month - start_month) % 12
        name = _short_year(fiscal_year(first, start_month))
        for months, letter in ((12, ""), (6, "H"), (3, "Q")):
            if offset % months == 0 and add_months(first, months) - timedelta(days=1) == last:
                number = offset // months + 1
                if letter == "Q":  # as the roadmap says a quarter: "Q2 FY27"
                    return f"Q{number} {name}"
                return f"{name} {letter}{number}" if letter else name
        next_day = last + timedelta(days=1)
        if offset == 0 and next_day.day == 1 and (next_day.month - start_month) % 12 == 0:
            return f"{name}–{_short_year(fiscal_year(last, start_month))}"
    return f"{first.isoformat()} to {last.isoformat()}"


def _short_year(year: int) -> str:
    return f"FY{year % 100:02d}"


def elapsed_share(first: date, last: date, today: date) -> float:
    """How much of the period has passed, from 0 before it starts to 1 once it has ended."""
    total = (last - first).days + 1
    if total <= 0:  # a period ending before it starts (refused when typed): over once begun
        return 1.0 if today >= first else 0.0
    passed = (today - first).days + 1
    return min(max(passed / total, 0.0), 1.0)
