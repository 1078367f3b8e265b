"""Overdue work from every workspace, in one list: what was due, since when, and where it is.

Each workspace that has dated promises names a function in its spec (``overdue``) taking the
session and today and returning :class:`Overdue` entries; ``registry.overdue_work`` gathers
them. The Overview shows the list, and choosing an entry opens its workspace at the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Overdue:
    """One thing past its date."""

    workspace: str  # the workspace key that owns it, to open it there
    what: str  # the kind of promise, as a PM says it: "Readiness task", "Follow-up"
    title: str  # which one: "Pricing page live (Marketing, Spring launch)"
    due: date
    record_id: str | None = None  # the record to show when the workspace opens

    def days_late(self, today: date) -> int:
        return max((today - self.due).days, 0)

    def sentence(self, today: date) -> str:
        days = self.days_late(today)
        late = "due today" if days == 0 else f"{days} day{'s' if days != 1 else ''} late"
        return f"{self.what}: {self.title} — {late}"
