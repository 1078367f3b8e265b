"""The history a project file carries so that two copies of it can be merged without a third.

One row per record (alive or deleted): for each field, short hashes of the values it held when
the project was saved, oldest first, the current one last. Two copies share the values saved
before they parted, so for a field that differs, the side whose current value appears in the
other's history is the one that did not change it (:mod:`pmdesk.interchange.history`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.base import Base

# Values kept per field, and how long a deleted record's history is kept. A copy that parted
# longer ago than either falls back to comparing the field's values (a conflict where they
# differ), never to a wrong merge.
KEPT_VALUES = 6
TOMBSTONE_DAYS = 400


class RecordHistory(Base):
    """The saved values of one record's fields, as hashes; ``deleted_on`` marks a tombstone."""

    __tablename__ = "record_history"
    # Keyed by the record's UUID alone: no rowid, so no second index to store.
    __table_args__: ClassVar[dict[str, bool]] = {"sqlite_with_rowid": False}
    __singular__ = "record history"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the record's UUID
    kind: Mapped[str] = mapped_column(String(64))  # its table
    fields: Mapped[str] = mapped_column(Text)  # each field's value hashes, current last
    deleted_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    # When this row was last brought up to date: records changed since are the ones to look at.
    saved_at: Mapped[datetime] = mapped_column(DateTime)
