"""How the Goals views read values a file edited elsewhere may hold in any form: numbers that
can be drawn and judged, a safe cadence, and each key result's latest check-in day.

Small on purpose: the app-wide overdue list (``overdue.py``) reads from here just after the
Overview first paints, before anything else of the Goals workspace has been loaded.
"""

from __future__ import annotations

import math
import sys
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from pmdesk.workspaces.goals.model import CADENCE_MAX_DAYS, DEFAULT_CADENCE_DAYS, CheckIn

# The check-ins whose value SQLite holds as a number that ``finite`` takes: text and blobs
# are not, and an infinity is beyond the largest double (SQLite stores no NaN).
NUMERIC = and_(
    func.typeof(CheckIn.value).in_(("integer", "real")),
    CheckIn.value.between(-sys.float_info.max, sys.float_info.max),
)


def finite(value: object) -> float | None:
    """``value`` as a float when it is a finite number, else None."""
    if type(value) is float:  # what SQLite hands back for nearly every row: the quick way
        return value if math.isfinite(value) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def safe_cadence(cadence: object) -> int:
    """A key result's check-in cadence in days as the views use it: a file edited elsewhere
    may hold anything, and anything out of bounds reads as the default."""
    if not isinstance(cadence, int) or not 1 <= cadence <= CADENCE_MAX_DAYS:
        return DEFAULT_CADENCE_DAYS
    return cadence


def latest_check_ins(session: Session) -> dict[str, date]:
    """The day of each key result's latest check-in that holds a number (the one judged).

    Check-ins are ordered by their day first, so that day is the latest of the numeric ones:
    SQLite works it out without handing back a row per check-in.
    """
    query = (
        select(CheckIn.key_result_id, func.max(CheckIn.on_date).label("day"))
        .where(NUMERIC)
        .group_by(CheckIn.key_result_id)
    )
    # max() keeps the column's type: the day comes back as a date, as ``on_date`` does.
    return {owner: day for owner, day in session.execute(query)}
