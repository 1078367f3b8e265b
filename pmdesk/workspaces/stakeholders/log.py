"""The engagement record: interactions with each stakeholder, snapshots of the map, and what
is overdue (touchpoints past their date, follow-ups still open)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.workspaces.stakeholders.model import (
    NAME_MAX,
    SHORT_TEXT_MAX,
    Stakeholder,
    StakeholderInteraction,
    StakeholderPosition,
    StakeholderSnapshot,
)

INTERACTION_FIELDS = ("happened_on", "channel", "summary", "follow_up", "follow_up_due")


def log_interaction(
    session: Session,
    stakeholder_id: str,
    happened_on: date,
    channel: str,
    summary: str,
    follow_up: str = "",
    follow_up_due: date | None = None,
    interaction_id: str | None = None,
) -> str:
    """Record a conversation; it also becomes the stakeholder's last contact if it is later."""
    person = records.get(session, Stakeholder, stakeholder_id)
    summary = summary.strip()
    if not summary:
        raise ValidationError("Say in a few words what the conversation was about.")
    if len(channel.strip()) > SHORT_TEXT_MAX:
        raise ValidationError(f"The channel is longer than {SHORT_TEXT_MAX} characters.")
    if follow_up_due is not None and follow_up_due < happened_on:
        raise ValidationError("A follow-up cannot be due before the conversation took place.")
    interaction = StakeholderInteraction(
        id=interaction_id or new_id(),
        stakeholder_id=stakeholder_id,
        happened_on=happened_on,
        channel=channel.strip(),
        summary=summary,
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        follow_up_done=False,
    )
    session.add(interaction)
    if person.last_contact is None or person.last_contact < happened_on:
        person.last_contact = happened_on
    session.commit()
    return interaction.id


def remove_interaction(session: Session, interaction_id: str) -> records.Removal:
    records.get(session, StakeholderInteraction, interaction_id)
    return records.remove(session, StakeholderInteraction, [interaction_id])


def set_follow_up_done(session: Session, interaction_id: str, done: bool) -> bool:
    """Tick a follow-up off (or back on); returns the previous state."""
    return bool(
        records.set_fields(session, StakeholderInteraction, interaction_id, follow_up_done=done)[
            "follow_up_done"
        ]
    )


def interactions_of(session: Session, stakeholder_id: str) -> list[StakeholderInteraction]:
    query = (
        select(StakeholderInteraction)
        .where(StakeholderInteraction.stakeholder_id == stakeholder_id)
        .order_by(StakeholderInteraction.happened_on.desc(), StakeholderInteraction.id)
    )
    return list(session.scalars(query))


# -- what needs attention ----------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One thing the PM owes someone: a touchpoint or a follow-up, and since when."""

    stakeholder_id: str
    stakeholder: str
    what: str  # "Touchpoint" or "Follow-up"
    detail: str
    due: date
    interaction_id: str | None = None

    def days_late(self, today: date) -> int:
        return (today - self.due).days


def due_items(session: Session, today: date) -> list[DueItem]:
    """Overdue touchpoints and open follow-ups due by ``today``, most overdue first.

    Open follow-ups without a due date are listed too (dated the day of the conversation): an
    open promise with no date is the easiest one to forget.
    """
    # Columns, not records: a big project has thousands of people, and only the names of
    # those owed a touchpoint or a follow-up are needed (``Stakeholder.is_overdue`` in SQL).
    items: list[DueItem] = []
    overdue = select(
        Stakeholder.id,
        Stakeholder.name,
        Stakeholder.channel,
        Stakeholder.cadence,
        Stakeholder.next_touchpoint,
    ).where(Stakeholder.next_touchpoint.is_not(None), Stakeholder.next_touchpoint < today)
    for person_id, name, channel, cadence, next_touchpoint in session.execute(overdue):
        plan = ", ".join(part for part in (channel, cadence) if part)
        items.append(DueItem(person_id, name, "Touchpoint", plan, next_touchpoint))
    open_follow_ups = (
        select(
            StakeholderInteraction.stakeholder_id,
            Stakeholder.name,
            StakeholderInteraction.follow_up,
            StakeholderInteraction.follow_up_due,
            StakeholderInteraction.happened_on,
            StakeholderInteraction.id,
        )
        .join(Stakeholder, Stakeholder.id == StakeholderInteraction.stakeholder_id)
        .where(
            StakeholderInteraction.follow_up_done.is_(False),
            StakeholderInteraction.follow_up != "",
        )
    )
    for person_id, name, follow_up, follow_up_due, happened_on, interaction_id in session.execute(
        open_follow_ups
    ):
        due = follow_up_due or happened_on
        if due <= today:
            items.append(DueItem(person_id, name, "Follow-up", follow_up, due, interaction_id))
    return sorted(items, key=lambda item: (item.due, item.stakeholder.lower(), item.what))


# -- snapshots ---------------------------------------------------------------------------------


def take_snapshot(
    session: Session, name: str, taken_on: date, snapshot_id: str | None = None
) -> str:
    """Save where every stakeholder stands today under ``name``; returns the snapshot's id."""
    name = name.strip()
    if not name:
        raise ValidationError("Give the snapshot a name, such as “Before the Q3 review”.")
    if len(name) > NAME_MAX:
        raise ValidationError(f"The snapshot name is longer than {NAME_MAX} characters.")
    people = list(session.scalars(select(Stakeholder)))
    if not people:
        raise ValidationError("There are no stakeholders to take a snapshot of yet.")
    snapshot = StakeholderSnapshot(id=snapshot_id or new_id(), name=name, taken_on=taken_on)
    session.add(snapshot)
    session.flush()
    session.add_all(
        StakeholderPosition(
            snapshot_id=snapshot.id,
            stakeholder_id=person.id,
            influence=person.influence,
            interest=person.interest,
            attitude=person.attitude,
        )
        for person in people
    )
    session.commit()
    return snapshot.id


def remove_snapshot(session: Session, snapshot_id: str) -> records.Removal:
    records.get(session, StakeholderSnapshot, snapshot_id)
    return records.remove(session, StakeholderSnapshot, [snapshot_id])


def snapshots(session: Session) -> list[StakeholderSnapshot]:
    query = select(StakeholderSnapshot).order_by(
        StakeholderSnapshot.taken_on.desc(), StakeholderSnapshot.name
    )
    return list(session.scalars(query))


def positions_in(session: Session, snapshot_id: str) -> dict[str, StakeholderPosition]:
    """Stakeholder id -> where they stood in the snapshot."""
    query = select(StakeholderPosition).where(StakeholderPosition.snapshot_id == snapshot_id)
    return {position.stakeholder_id: position for position in session.scalars(query)}
