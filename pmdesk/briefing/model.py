"""Executive briefings: what a project's Word briefing says, for whom, and in which order.

A project may keep several briefings ("Exec staff", "Sales kickoff"); each remembers its title
page, its executive summary, its decisions and asks, and the sections it shows, in order, each
with its own options stored as JSON text. Re-exporting next month is then one click.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from pmdesk import registry
from pmdesk.domain import records
from pmdesk.domain.allowed import not_words
from pmdesk.domain.base import Record
from pmdesk.domain.project import Project
from pmdesk.errors import ValidationError
from pmdesk.export.audience import INTERNAL, PROFILES, RULES

LOGO_MAX_BYTES = 5_000_000  # see pmdesk.briefing.assets
TEMPLATE_MAX_BYTES = 10_000_000

NAME_MAX = 120
SHORT_TEXT_MAX = 200
PATH_MAX = 1000


class Briefing(Record):
    """One briefing definition: its title page, summary, asks, branding and template."""

    __tablename__ = "briefings"
    __label__ = "briefings"
    __singular__ = "briefing"

    name: Mapped[str] = mapped_column(String(NAME_MAX))  # how the PM tells briefings apart
    title: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    audience: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    # None: the day of the export, so a monthly re-export is dated without an edit.
    briefing_date: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    author: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    executive_summary: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")  # one decision or ask per line
    company_name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    logo_path: Mapped[str] = mapped_column(String(PATH_MAX), default="")
    template_path: Mapped[str] = mapped_column(String(PATH_MAX), default="")
    # The logo (PNG) and the Word template stored in the project as base64 text, with the
    # names of the files they came from (see pmdesk.briefing.assets). The *_path columns are
    # what older versions stored; they are shown, never read.
    logo_png: Mapped[str] = mapped_column(Text, default="", server_default="", info=not_words())
    logo_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    template_docx: Mapped[str] = mapped_column(
        Text, default="", server_default="", info=not_words()
    )
    template_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Who reads it (see pmdesk.export.audience) and the PM's adjustments of that profile's
    # rules, a JSON object of rule -> bool.
    profile: Mapped[str] = mapped_column(String(20), default=INTERNAL, server_default=INTERNAL)
    profile_rules: Mapped[str] = mapped_column(
        Text, default="{}", server_default="{}", info=not_words()
    )

    sections: Mapped[list[BriefingSection]] = relationship(
        order_by="BriefingSection.position", viewonly=True
    )


class BriefingSection(Record):
    """One section a briefing shows, at its place, with its options."""

    __tablename__ = "briefing_sections"
    __label__ = "briefing sections"
    __singular__ = "briefing section"

    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id", ondelete="CASCADE"))
    section: Mapped[str] = mapped_column(String(40), info=not_words())  # a workspace key
    position: Mapped[int] = mapped_column(Integer, default=0)
    options: Mapped[str] = mapped_column(Text, default="{}", info=not_words())  # JSON

    @property
    def option_values(self) -> dict[str, Any]:
        """The options as a dict; text that is not a JSON object reads as no options."""
        return parse_options(self.options)[0]


# A snapshot is compressed JSON as base64 text; a 50x project's is well under this.
SNAPSHOT_MAX = 8_000_000


class BriefingSnapshot(Record):
    """What a briefing showed when it was last exported, so the next export can say what
    changed since (see pmdesk.briefing.changes). One per briefing: each export replaces it."""

    __tablename__ = "briefing_snapshots"
    __label__ = "briefing snapshots"
    __singular__ = "briefing snapshot"

    briefing_id: Mapped[str] = mapped_column(ForeignKey("briefings.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)  # the export's day, as the briefing is dated
    content: Mapped[str] = mapped_column(String(SNAPSHOT_MAX), default="")


@dataclass(frozen=True)
class SectionChoice:
    """A section as the chooser and the exporter see it, independent of the database."""

    key: str
    options: Mapping[str, Any]


# Fields a PM edits directly on the settings form (the name has its own rules).
TEXT_FIELDS: dict[str, tuple[str, int | None]] = {
    "title": ("The title", SHORT_TEXT_MAX),
    "audience": ("The audience", SHORT_TEXT_MAX),
    "author": ("The author", SHORT_TEXT_MAX),
    "executive_summary": ("The executive summary", None),
    "decisions": ("The decisions and asks", None),
    "company_name": ("The company name", SHORT_TEXT_MAX),
    "logo_path": ("The logo file", PATH_MAX),
    "template_path": ("The template file", PATH_MAX),
}


# Stored files and their names, with the longest text each may be (base64 of the limits).
ASSET_FIELDS: dict[str, int] = {
    "logo_png": 4 * LOGO_MAX_BYTES // 3 + 4,
    "logo_name": 200,
    "template_docx": 4 * TEMPLATE_MAX_BYTES // 3 + 4,
    "template_name": 200,
}


def parse_options(text: str | None) -> tuple[dict[str, Any], bool]:
    """Options text -> (options, whether the text was readable). Blank text is no options."""
    if not text or not text.strip():
        return {}, True
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {}, False
    return (value, True) if isinstance(value, dict) else ({}, False)


def list_briefings(session: Session) -> list[Briefing]:
    """Every briefing with its sections, by name (one query for each kind)."""
    query = select(Briefing).options(selectinload(Briefing.sections)).order_by(Briefing.name)
    return list(session.scalars(query))


def find_briefing(session: Session, name: str) -> Briefing:
    """The briefing called ``name`` (any case), or a ValidationError naming the ones there are."""
    wanted = name.strip().casefold()
    briefings = list_briefings(session)
    for briefing in briefings:
        if briefing.name.casefold() == wanted:
            return briefing
    if not briefings:
        raise ValidationError(f"The project has no briefing called “{name}”; it has none yet.")
    names = ", ".join(f"“{briefing.name}”" for briefing in briefings)
    raise ValidationError(f"The project has no briefing called “{name}”; it has {names}.")


def default_sections() -> list[SectionChoice]:
    return [SectionChoice(key, {}) for key in registry.section_titles()]


def create_briefing(
    session: Session,
    name: str,
    sections: Sequence[SectionChoice] | None = None,
    briefing_id: str | None = None,
    **values: Any,
) -> Briefing:
    """Add a briefing with every section in the default order unless told otherwise.

    ``briefing_id`` lets an undone creation be redone as the very same record.
    """
    briefing = Briefing(name=_checked_name(session, name, None))
    if briefing_id is not None:
        briefing.id = briefing_id
    for field, value in values.items():
        setattr(briefing, field, _checked_value(field, value))
    session.add(briefing)
    session.flush()
    _write_sections(session, briefing.id, default_sections() if sections is None else sections)
    session.commit()
    return briefing


def unused_name(session: Session, base: str = "Briefing") -> str:
    """``base``, or ``base 2``, ``base 3``... whichever no briefing has yet."""
    taken = {name.casefold() for name in session.scalars(select(Briefing.name))}
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base} {number}"
    return candidate


def update_briefing(session: Session, briefing_id: str, **values: Any) -> dict[str, Any]:
    """Change fields of a briefing after checking them; returns the previous values."""
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            cleaned[field] = _checked_name(session, value, briefing_id)
        else:
            cleaned[field] = _checked_value(field, value)
    return records.set_fields(session, Briefing, briefing_id, **cleaned)


def section_choices(briefing: Briefing) -> list[SectionChoice]:
    return [
        SectionChoice(section.section, section.option_values)
        for section in briefing.sections
        if section.section in registry.section_titles()
    ]


def set_sections(
    session: Session, briefing_id: str, sections: Sequence[SectionChoice]
) -> list[SectionChoice]:
    """Make ``sections`` the briefing's sections, in that order; returns the previous ones."""
    briefing = records.get(session, Briefing, briefing_id)
    previous = section_choices(briefing)
    for section in list(session.scalars(_sections_of(briefing_id))):
        session.delete(section)
    session.flush()
    _write_sections(session, briefing_id, sections)
    session.commit()
    session.expire(briefing, ["sections"])
    return previous


def remove_briefing(session: Session, briefing_id: str) -> records.Removal:
    return records.remove(session, Briefing, [briefing_id])


def product_name(session: Session) -> str | None:
    """The product's name for a title or a file name, or None in a file without a project row.

    Read without ``get_project()``, which would add the row: showing a page must not write.
    """
    return session.scalars(select(Project.name)).first()


def briefing_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Briefing)) or 0


def _sections_of(briefing_id: str) -> Any:
    return select(BriefingSection).where(BriefingSection.briefing_id == briefing_id)


def _write_sections(session: Session, briefing_id: str, sections: Iterable[SectionChoice]) -> None:
    seen: set[str] = set()
    for position, choice in enumerate(sections):
        if choice.key not in registry.section_titles():
            raise ValidationError(f"A briefing has no section called “{choice.key}”.")
        if choice.key in seen:
            title = registry.section_titles()[choice.key]
            raise ValidationError(f"The section “{title}” can appear only once in a briefing.")
        seen.add(choice.key)
        options = json.dumps(dict(choice.options), sort_keys=True, ensure_ascii=False)
        session.add(
            BriefingSection(
                briefing_id=briefing_id, section=choice.key, position=position, options=options
            )
        )


def _checked_name(session: Session, name: object, own_id: str | None) -> str:
    text = "" if name is None else str(name).strip()
    if not text:
        raise ValidationError("The briefing needs a name, for example “Exec staff”.")
    if len(text) > NAME_MAX:
        raise ValidationError(f"The briefing name is longer than {NAME_MAX} characters.")
    query = select(Briefing.id).where(func.lower(Briefing.name) == text.lower())
    for other_id in session.scalars(query):
        if other_id != own_id:
            raise ValidationError(f"Another briefing is already called “{text}”.")
    return text


def _checked_value(field: str, value: Any) -> Any:
    if field == "profile":
        if value not in PROFILES:
            raise ValidationError(
                "The audience profile must be one of " + ", ".join(PROFILES) + "."
            )
        return value
    if field == "profile_rules":
        rules = value if isinstance(value, dict) else parse_options(str(value))[0]
        unknown = [rule for rule in rules if rule not in RULES]
        if unknown or not all(isinstance(on, bool) for on in rules.values()):
            raise ValidationError("The audience rules are not ones PM Desk knows.")
        return json.dumps(rules, sort_keys=True)
    if field in ASSET_FIELDS:
        # Only pmdesk.briefing.assets makes these, from a checked file; a dump is checked
        # again when the export reads them.
        text = "" if value is None else str(value)
        limit = ASSET_FIELDS[field]
        if len(text) > limit:
            raise ValidationError("The stored logo or template is larger than PM Desk allows.")
        return text
    if field == "briefing_date":
        if value is None or isinstance(value, date):
            return value
        raise ValidationError("The briefing date must be a date.")
    if field not in TEXT_FIELDS:
        raise ValidationError(f"A briefing has no setting called “{field}”.")
    label, limit = TEXT_FIELDS[field]
    text = "" if value is None else str(value)
    if field not in ("executive_summary", "decisions"):
        text = text.strip()
    if limit is not None and len(text) > limit:
        raise ValidationError(f"{label} is longer than {limit} characters.")
    return text
