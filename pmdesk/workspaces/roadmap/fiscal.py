"""Calendar arithmetic a roadmap needs: fiscal years and quarters, weeks, months.

A fiscal year is named by the calendar year it ends in (a year starting 1 October 2026 is
FY2027), the usual convention of companies whose year does not start in January.
"""

from __future__ import annotations

from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def month_start(day: date) -> date:
    return day.replace(day=1)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def fiscal_year(day: date, start_month: int = 1) -> int:
    """The fiscal year ``day`` falls in, named by the calendar year it ends in."""
    if start_month == 1:
        return day.year
    return day.year + 1 if day.month >= start_month else day.year


def fiscal_quarter(day: date, start_month: int = 1) -> tuple[int, int]:
    """(fiscal year, quarter 1-4) of ``day``."""
    offset = (day.month - start_month) % 12
    return fiscal_year(day, start_month), offset // 3 + 1


def quarter_start(day: date, start_month: int = 1) -> date:
    """The first day of the fiscal quarter ``day`` falls in."""
    offset = (day.month - start_month) % 12
    return add_months(month_start(day), -(offset % 3))


def half_start(day: date, start_month: int = 1) -> date:
    offset = (day.month - start_month) % 12
    return add_months(month_start(day), -(offset % 6))


def year_start(day: date, start_month: int = 1) -> date:
    offset = (day.month - start_month) % 12
    return add_months(month_start(day), -offset)


def quarter_end(day: date, start_month: int = 1) -> date:
    """The last day of the fiscal quarter ``day`` falls in."""
    return add_months(quarter_start(day, start_month), 3) - timedelta(days=1)


def quarter_label(day: date, start_month: int = 1) -> str:
    """“Q1 FY27” for a fiscal year, “Q1 2027” when the fiscal year is the calendar year."""
    year, quarter = fiscal_quarter(day, start_month)
    return f"Q{quarter} {year_label(year, start_month, short=True)}"


def year_label(year: int, start_month: int = 1, short: bool = False) -> str:
    if start_month == 1:
        return str(year)
    return f"FY{year % 100:02d}" if short else f"FY{year}"
