"""Ratings of the competitive matrix: reading every cell in bulk, and changing one cell with its
evidence (source, link, as-of date) so that undo can put it back exactly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.values import parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import (
    LINK_MAX,
    SHORT_TEXT_MAX,
    Competitor,
    Criterion,
    Rating,
)
from pmdesk.workspaces.competition.rules import parse_value


def rating_rows(
    session: Session, stale_before: date | None = None
) -> list[tuple[str, str, str, int]]:
    """Every rated cell as (criterion id, competitor id, value, stale) in one statement; stale
    is 1 when the evidence is dated before ``stale_before`` (ISO dates compare as text).

    Read through the driver: for a 30,000-cell matrix SQLAlchemy's row objects cost more than
    the read itself.
    """
    cutoff = stale_before.isoformat() if stale_before else ""
    cursor = _driver(session).execute(
        "SELECT criterion_id, competitor_id, value, coalesce(as_of < ?, 0) "
        "FROM competitor_ratings WHERE value != ''",
        (cutoff,),
    )
    return cursor.fetchall()


def _driver(session: Session) -> Any:
    """The sqlite3 connection under the session, inside the session's transaction."""
    return session.connection().connection.driver_connection


# -- ratings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingState:
    """Everything a rating cell holds; None for a cell that has no rating row."""

    value: str
    source: str = ""
    link: str = ""
    as_of: date | None = None


def rating_state(session: Session, competitor_id: str, criterion_id: str) -> RatingState | None:
    rating = _rating(session, competitor_id, criterion_id)
    if rating is None:
        return None
    return RatingState(rating.value, rating.source, rating.link, rating.as_of)


def _rating(session: Session, competitor_id: str, criterion_id: str) -> Rating | None:
    return session.scalar(
        select(Rating).where(
            Rating.competitor_id == competitor_id, Rating.criterion_id == criterion_id
        )
    )


def set_rating(
    session: Session, competitor_id: str, criterion_id: str, value: object, **evidence: Any
) -> RatingState | None:
    """Rate a competitor on a criterion (validated by the criterion's kind), optionally with
    evidence (``source``, ``link``, ``as_of``); returns the previous state for undo."""
    clean_value = _checked_value(session, competitor_id, criterion_id, value)
    clean_evidence = _clean_evidence(evidence)
    before = rating_state(session, competitor_id, criterion_id)
    base = before or RatingState("")
    state = RatingState(
        clean_value,
        clean_evidence.get("source", base.source),
        clean_evidence.get("link", base.link),
        clean_evidence.get("as_of", base.as_of),
    )
    _write_rating(session, competitor_id, criterion_id, state)
    return before


def set_ratings(session: Session, values: Mapping[tuple[str, str], object]) -> None:
    """Rate many cells, {(competitor id, criterion id): value}, all or nothing: every value is
    checked before any is written, so a bad one leaves the matrix as it was."""
    checked = {key: _checked_value(session, *key, value) for key, value in values.items()}
    for (competitor_id, criterion_id), value in checked.items():
        set_rating(session, competitor_id, criterion_id, value)


def _checked_value(session: Session, competitor_id: str, criterion_id: str, value: object) -> str:
    criterion = records.get(session, Criterion, criterion_id)
    competitor = records.get(session, Competitor, competitor_id)
    label = f"The rating of {competitor.name} on “{criterion.name}”"
    return parse_value(criterion.kind, value, label)


def _clean_evidence(evidence: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in evidence.items():
        if name == "as_of":
            clean[name] = parse_date(value, "The evidence date")
        elif name in ("source", "link"):
            text = "" if value is None else str(value).strip()
            limit = SHORT_TEXT_MAX if name == "source" else LINK_MAX
            if len(text) > limit:
                raise ValidationError(f"The evidence {name} is longer than {limit} characters.")
            clean[name] = text
        else:
            raise ValidationError(f"A rating has no field called “{name}”.")
    return clean


def restore_rating(
    session: Session, competitor_id: str, criterion_id: str, state: RatingState | None
) -> None:
    """Put a cell back exactly as it was (no validation: it was valid then)."""
    _write_rating(session, competitor_id, criterion_id, state)


def restore_ratings(session: Session, states: Mapping[tuple[str, str], RatingState | None]) -> None:
    """Put many cells back as they were, in one commit (an import's undo)."""
    for (competitor_id, criterion_id), state in states.items():
        _write_rating(session, competitor_id, criterion_id, state, commit=False)
    session.commit()


def _write_rating(
    session: Session,
    competitor_id: str,
    criterion_id: str,
    state: RatingState | None,
    commit: bool = True,
) -> None:
    rating = _rating(session, competitor_id, criterion_id)
    if state is None:
        if rating is not None:
            session.delete(rating)
    else:
        if rating is None:
            rating = Rating(competitor_id=competitor_id, criterion_id=criterion_id)
            session.add(rating)
        rating.value, rating.source, rating.link, rating.as_of = (
            state.value,
            state.source,
            state.link,
            state.as_of,
        )
    if commit:
        session.commit()
