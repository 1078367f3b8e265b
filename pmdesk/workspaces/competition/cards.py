"""Battlecards and the workspace settings (staleness age, positioning map axes and labels)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import (
    DEFAULT_QUADRANTS,
    DEFAULT_STALE_AFTER_DAYS,
    SHORT_TEXT_MAX,
    STALE_AFTER_MAX,
    Battlecard,
    CompetitionSettings,
    Competitor,
    Criterion,
    CriterionCategory,
)

BATTLECARD_FIELDS: dict[str, str] = {
    "why_we_win": "Why we win",
    "their_strengths": "Where they are strong",
    "objections": "Objections and how to answer them",
    "landmines": "Landmines to set",
    "proof_points": "Proof points",
}
QUADRANT_FIELDS = (
    "quadrant_top_left",
    "quadrant_top_right",
    "quadrant_bottom_left",
    "quadrant_bottom_right",
)
AXES = ("x", "y", "size")


def settings(session: Session) -> CompetitionSettings:
    """The workspace settings; a fresh project has none stored, so defaults are shown."""
    found = session.scalar(select(CompetitionSettings))
    if found is not None:
        return found
    return CompetitionSettings(stale_after_days=DEFAULT_STALE_AFTER_DAYS, **DEFAULT_QUADRANTS)


def _stored_settings(session: Session) -> CompetitionSettings:
    found = session.scalar(select(CompetitionSettings))
    if found is None:
        found = settings(session)
        session.add(found)
        session.flush()
    return found


@dataclass(frozen=True)
class Axis:
    """What a map axis shows: one criterion, one category's score, or nothing."""

    criterion_id: str | None = None
    category_id: str | None = None

    @property
    def is_set(self) -> bool:
        return bool(self.criterion_id or self.category_id)


def axis(current: CompetitionSettings, name: str) -> Axis:
    return Axis(getattr(current, f"{name}_criterion_id"), getattr(current, f"{name}_category_id"))


def set_axis(session: Session, name: str, chosen: Axis) -> Axis:
    """Choose what a map axis shows; returns the previous choice for undo."""
    if name not in AXES:
        raise ValidationError(f"The map has no axis called “{name}”.")
    if chosen.criterion_id:
        criterion = records.get(session, Criterion, chosen.criterion_id)
        if criterion.kind == "text":
            raise ValidationError(
                f"“{criterion.name}” is rated in free text, so it cannot be a map axis."
            )
    if chosen.category_id:
        records.get(session, CriterionCategory, chosen.category_id)
    current = _stored_settings(session)
    before = axis(current, name)
    setattr(current, f"{name}_criterion_id", chosen.criterion_id)
    setattr(current, f"{name}_category_id", chosen.category_id)
    session.commit()
    return before


def set_settings(session: Session, **values: Any) -> dict[str, Any]:
    """Change the staleness age or quadrant labels; returns the previous values."""
    current = _stored_settings(session)
    before: dict[str, Any] = {}
    for name, value in values.items():
        if name in QUADRANT_FIELDS:
            text = "" if value is None else str(value).strip()
            if len(text) > SHORT_TEXT_MAX:
                raise ValidationError(
                    f"A quadrant label is longer than {SHORT_TEXT_MAX} characters."
                )
            clean: Any = text
        elif name == "stale_after_days":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(
                    f"The stale age must be a whole number of days, not “{value}”."
                )
            if not 1 <= value <= STALE_AFTER_MAX:
                raise ValidationError(
                    f"The stale age must be from 1 to {STALE_AFTER_MAX} days, not {value}."
                )
            clean = value
        else:
            raise ValidationError(f"The competition settings have no field called “{name}”.")
        before[name] = getattr(current, name)
        setattr(current, name, clean)
    session.commit()
    return before


def battlecards(session: Session) -> dict[str, Battlecard]:
    """Every battlecard by competitor id, in one query."""
    return {card.competitor_id: card for card in session.scalars(select(Battlecard))}


def set_battlecard_field(session: Session, competitor_id: str, name: str, text: str) -> str:
    """Write one battlecard section (creating the card on first use); returns the old text."""
    if name not in BATTLECARD_FIELDS:
        raise ValidationError(f"A battlecard has no section called “{name}”.")
    competitor = records.get(session, Competitor, competitor_id)
    if competitor.is_us:
        raise ValidationError("Battlecards are written against competitors, not our own product.")
    card = session.scalar(select(Battlecard).where(Battlecard.competitor_id == competitor_id))
    if card is None:
        card = Battlecard(competitor_id=competitor_id)
        session.add(card)
        session.flush()
    before = getattr(card, name) or ""
    setattr(card, name, text)
    session.commit()
    return before
