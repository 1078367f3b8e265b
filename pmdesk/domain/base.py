"""What every record in a project shares: a UUID, and when it was created and last changed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names keep migrations and schema checks independent of SQLAlchemy's defaults.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


def new_id() -> str:
    """A fresh record identity; UUIDs let two copies of a project be merged record by record."""
    return str(uuid.uuid4())


def utc_now() -> datetime:
    """The current time in UTC, to the second (finer precision only adds noise to diffs)."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """A row of project data. Subclasses name themselves as a user reads them in sentences."""

    __abstract__ = True
    __label__ = "records"  # plural, as in `pmdesk check`
    __singular__ = "record"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


# What a PM calls a record, in order of preference: the first of these fields a record has is
# its name in a diff, a merge question, a refusal and a search result. A record with none of them
# (a rating, a check-in) is named after the record it belongs to.
LABEL_FIELDS = ("name", "title", "label", "question", "metric", "quote", "text", "summary")


def label_field(model: type[Record]) -> str | None:
    """The field a record of ``model`` is called by, or None when it has none."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    return next((field for field in LABEL_FIELDS if field in columns), None)
