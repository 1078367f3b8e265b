"""What changed since a briefing was last exported, in the words a PM would use.

Each export keeps a compact snapshot of the workspaces it showed (short fields only, as that
audience saw them: hidden rules are applied before anything is kept). The next export compares
that snapshot with the project through the dump diff (:func:`pmdesk.interchange.diff.
diff_projects`) and turns each record change into a sentence: "“Offline sync” slipped 3
weeks", "“Dana Ortiz” moved from Keep informed to Manage closely", "“Acme” on “Price”: 3 → 4".
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, delete, select
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.briefing.model import SNAPSHOT_MAX, BriefingSnapshot
from pmdesk.domain.base import Record
from pmdesk.export.audience import (
    ATTITUDES,
    BATTLECARDS,
    COMMUNICATION,
    EXACT_DATES,
    NAMES,
    NOTES,
    WEAKNESSES,
    Audience,
)
from pmdesk.export.text import clipped
from pmdesk.interchange.diff import RecordChange, diff_projects
from pmdesk.interchange.records import to_json
from pmdesk.store.driver_rows import typed_rows

SNAPSHOT_FORMAT = 1
SHORT_TEXT = 500  # longer texts (descriptions, notes) are not kept: a snapshot stays compact
LINES_PER_WORKSPACE = 12  # beyond it: "…and 40 more changes"
LABEL_SHOWN = 60
# Fields that move with every tidy-up and mean nothing to a reader.
QUIET_FIELDS = frozenset(
    {"id", "created_at", "updated_at", "position", "sort_order", "order", "colour", "color"}
    | {"x", "y", "row", "column", "width", "height", "row_span", "column_span", "link", "source"}
)
# Fields an audience rule covers wherever they appear.
RULE_FIELDS: dict[str, frozenset[str]] = {
    ATTITUDES: frozenset({"attitude"}),
    COMMUNICATION: frozenset({"cadence", "channel", "next_step", "follow_up", "engagement"}),
    NOTES: frozenset({"notes", "note", "reason", "rationale", "internal_notes"}),
    NAMES: frozenset({"owner", "author", "contact"}),
}
# Record lists an audience rule covers whole: (workspace dump key, sub-key).
RULE_RECORDS: dict[str, frozenset[tuple[str, str]]] = {
    COMMUNICATION: frozenset({("stakeholders", "interactions")}),
    BATTLECARDS: frozenset({("competition", "battlecards")}),
    WEAKNESSES: frozenset({("competition", "ratings"), ("competition", "battlecards")}),
}
DUE_FIELDS = frozenset({"end", "due", "due_date", "target_date", "on_date", "launch_date"})
DONE_STATUSES = frozenset({"shipped", "done", "launched", "released", "met", "complete"})


@dataclass(frozen=True)
class WorkspaceChanges:
    """The changes in one workspace, as sentences, with how many did not fit."""

    title: str
    lines: tuple[str, ...]
    more: int = 0


@dataclass(frozen=True)
class ChangeReport:
    since: date | None  # the day of the last export; None: never exported
    workspaces: tuple[WorkspaceChanges, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.workspaces


# -- the snapshot ------------------------------------------------------------------------------


def take(session: Session, section_keys: Iterable[str], audience: Audience) -> dict[str, Any]:
    """The compact snapshot of what a briefing with these sections shows this audience."""
    keys = set(section_keys)
    workspaces: dict[str, Any] = {}
    for item in registry.specs():
        if item.key not in keys or item.dump_key is None:
            continue
        kept: dict[str, list[dict[str, Any]]] = {}
        for sub, model in item.models().items():
            if _hidden_records(item.dump_key, sub, audience):
                continue
            fields = _kept_fields(model, audience)
            if not _projection_changes(model, audience):
                kept[sub] = _rows(session, model, fields)
                continue
            # A stakeholder whose name is hidden is named by their role.
            role = ["role"] if model.__tablename__ == "stakeholders" else []
            rows = _rows(session, model, [*fields, *role])
            kept[sub] = [
                dict(sorted(_projected(row, fields, model, audience).items())) for row in rows
            ]
        workspaces[item.dump_key] = dict(sorted(kept.items()))
    # Every mapping in key order, so :func:`encode` need not sort tens of thousands of rows.
    return {"format": SNAPSHOT_FORMAT, "workspaces": dict(sorted(workspaces.items()))}


def _rows(session: Session, model: type[Record], fields: list[str]) -> list[dict[str, Any]]:
    """The ``fields`` of every row of ``model`` that it has, in id order, as the dump writes
    them (dates as ISO text); each row's keys in sorted order.

    Read through the driver (:func:`typed_rows`): a 50x project has tens of thousands of rows.
    """
    table = model.__table__
    names = sorted({name for name in fields if name in table.c})
    # Dates (and times) as the dump writes them: ISO text.
    dates = [
        index for index, name in enumerate(names) if isinstance(table.c[name].type, Date | DateTime)
    ]
    rows = []
    for values in typed_rows(session, table, names, by_id=True):  # type: ignore[arg-type]
        for index in dates:
            if values[index] is not None:
                values[index] = values[index].isoformat()
        rows.append(dict(zip(names, values, strict=True)))
    return rows


def encode(snapshot: Mapping[str, Any]) -> str:
    """A snapshot from :func:`take` as stored text: JSON with its keys in order (take builds
    them so), compressed at a light level (as fast as the lowest, a tenth larger than the
    default), base64."""
    text = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 2)).decode("ascii")


def decode(text: str | None) -> dict[str, Any] | None:
    """A stored snapshot, or None when it is missing or unreadable (a damaged or forged one
    reads as "no earlier export", never as an error in front of the PM)."""
    if not text or len(text) > SNAPSHOT_MAX:
        return None
    try:
        raw = zlib.decompressobj().decompress(base64.b64decode(text, validate=True), 64 << 20)
        value = json.loads(raw.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("format") != SNAPSHOT_FORMAT:
        return None
    workspaces = value.get("workspaces")
    if not isinstance(workspaces, dict):
        return None
    for group in workspaces.values():
        if not isinstance(group, dict) or not all(
            isinstance(rows, list) and all(isinstance(r, dict) and "id" in r for r in rows)
            for rows in group.values()
        ):
            return None
    return value


def last_snapshot(session: Session, briefing_id: str) -> tuple[date, dict[str, Any]] | None:
    """The day and content of the briefing's last export, or None."""
    query = (
        select(BriefingSnapshot)
        .where(BriefingSnapshot.briefing_id == briefing_id)
        .order_by(BriefingSnapshot.taken_on.desc(), BriefingSnapshot.id)
    )
    for stored in session.scalars(query):
        content = decode(stored.content)
        if content is not None:
            return stored.taken_on, content
    return None


def remember(session: Session, briefing_id: str, day: date, content: str) -> list[dict[str, Any]]:
    """Keep ``content`` as the briefing's snapshot (replacing any); returns the previous ones
    as JSON values, so the step can be undone."""
    where = BriefingSnapshot.briefing_id == briefing_id
    previous = [to_json(row) for row in session.scalars(select(BriefingSnapshot).where(where))]
    session.execute(delete(BriefingSnapshot).where(where))
    session.add(BriefingSnapshot(briefing_id=briefing_id, taken_on=day, content=content))
    session.commit()
    return previous


def restore(session: Session, briefing_id: str, previous: list[dict[str, Any]]) -> None:
    """Undo :func:`remember`: put back the snapshots it replaced."""
    session.execute(delete(BriefingSnapshot).where(BriefingSnapshot.briefing_id == briefing_id))
    for row in previous:
        session.add(
            BriefingSnapshot(
                id=row["id"],
                briefing_id=briefing_id,
                taken_on=date.fromisoformat(row["taken_on"]),
                content=row["content"],
            )
        )
    session.commit()


# -- the comparison ----------------------------------------------------------------------------


def compare(
    before: Mapping[str, Any] | None, now: Mapping[str, Any], since: date | None
) -> ChangeReport:
    """The changes from ``before`` to ``now`` (two snapshots), per workspace in section order."""
    if before is None:
        return ChangeReport(None)
    ours = {"project": {"id": "project"}, **before.get("workspaces", {})}
    theirs = {"project": {"id": "project"}, **now.get("workspaces", {})}
    shown = set(now.get("workspaces", {}))
    labels = _labels(ours) | _labels(theirs)
    by_workspace: dict[str, list[str]] = {}
    for change in diff_projects(ours, theirs):
        workspace = change.section.split(".")[0]
        if workspace not in shown:
            continue  # a workspace the briefing no longer shows
        lines = _sentences(change, labels)
        by_workspace.setdefault(workspace, []).extend(lines)
    titles = {item.dump_key: item.section_title or item.title for item in registry.specs()}
    order = {registry.spec(key).dump_key: index for index, key in enumerate(registry.SECTION_ORDER)}
    groups = [
        WorkspaceChanges(
            titles.get(key, key),
            tuple(lines[:LINES_PER_WORKSPACE]),
            max(0, len(lines) - LINES_PER_WORKSPACE),
        )
        for key, lines in sorted(by_workspace.items(), key=lambda pair: order.get(pair[0], 99))
        if lines
    ]
    return ChangeReport(since, tuple(groups))


def changes_since_last_export(
    session: Session, briefing_id: str, section_keys: Iterable[str], audience: Audience
) -> ChangeReport:
    """What the briefing's next export will list as changed (the briefing page shows it)."""
    last = last_snapshot(session, briefing_id)
    if last is None:
        return ChangeReport(None)
    day, before = last
    return compare(before, take(session, section_keys, audience), day)


# -- helpers -----------------------------------------------------------------------------------


def _hidden_records(dump_key: str, sub: str, audience: Audience) -> bool:
    return any(
        audience.hides(rule) and (dump_key, sub) in kinds for rule, kinds in RULE_RECORDS.items()
    )


def _kept_fields(model: type[Record], audience: Audience) -> list[str]:
    hidden = set(QUIET_FIELDS) - {"id"}
    for rule, names in RULE_FIELDS.items():
        if audience.hides(rule):
            hidden |= names
    kept = []
    for column in model.__table__.columns:
        if column.key in hidden:
            continue
        kind = column.type
        short_text = isinstance(kind, String) and (kind.length or 10**9) <= SHORT_TEXT
        if short_text or isinstance(kind, Date | Integer | Float | Boolean) or column.foreign_keys:
            kept.append(column.key)
    return kept


def _projection_changes(model: type[Record], audience: Audience) -> bool:
    """Whether :func:`_projected` changes this model's rows for this audience."""
    return audience.hides(EXACT_DATES) or (
        audience.hides(NAMES) and model.__tablename__ == "stakeholders"
    )


def _projected(
    row: Mapping[str, Any], fields: list[str], model: type[Record], audience: Audience
) -> dict[str, Any]:
    kept = {field: row.get(field) for field in fields}
    if audience.hides(NAMES) and model.__tablename__ == "stakeholders":
        kept["name"] = str(row.get("role") or "") or "a stakeholder"
    if audience.hides(EXACT_DATES):
        for field, value in kept.items():
            if isinstance(value, str) and _is_day(value):
                kept[field] = audience.day(date.fromisoformat(value))
    return kept


def _is_day(text: str) -> bool:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


_QUARTER = re.compile(r"^(Q[1-4]|H[12]) (FY)?\d{2,4}\b")


def _is_quarter(text: str) -> bool:
    return bool(_QUARTER.match(text))


LABEL_FIELDS = ("name", "title", "label", "reference", "text", "summary", "value")


def _labels(data: Mapping[str, Any]) -> dict[str, str]:
    """Record id -> how a PM names it; a record without a name of its own (a rating) is
    named by the records it joins ("Acme on Price")."""
    rows = [
        row
        for key, group in data.items()
        if key != "project" and isinstance(group, dict)
        for records in group.values()
        for row in records
    ]
    labels: dict[str, str] = {}
    for row in rows:
        for field in LABEL_FIELDS[:-1]:
            value = row.get(field)
            if isinstance(value, str) and value.strip():
                labels[str(row["id"])] = clipped(value, LABEL_SHOWN)
                break
    for row in rows:
        if str(row["id"]) in labels:
            continue
        joined = [
            labels[value]
            for field, value in sorted(row.items())
            if field.endswith("_id") and isinstance(value, str) and value in labels
        ]
        labels[str(row["id"])] = " on ".join(f"“{name}”" for name in joined).strip("“”")
    return labels


def _sentences(change: RecordChange, labels: Mapping[str, str]) -> list[str]:
    name = labels.get(change.record_id) or change.label
    singular = getattr(change.model, "__singular__", "record")
    if change.kind == "added":
        return [f"New {singular}: “{name}”."]
    if change.kind == "removed":
        return [f"{singular.capitalize()} “{name}” was removed."]
    values = {field: (old, new) for field, old, new in change.fields}
    lines: list[str] = []
    if {"influence", "interest"} & values.keys():
        lines.append(_moved_on_the_map(name, change, values))
    for field, (old, new) in values.items():
        if field in ("influence", "interest"):
            continue
        line = _field_sentence(name, field, old, new, labels)
        if line:
            lines.append(line)
    return lines


def _moved_on_the_map(name: str, change: RecordChange, values: Mapping[str, Any]) -> str:
    from pmdesk.workspaces.stakeholders.model import STRATEGIES, quadrant_strategy

    def position(index: int) -> tuple[int, int] | None:
        influence = values.get("influence", (None, None))[index]
        interest = values.get("interest", (None, None))[index]
        if not isinstance(influence, int) or not isinstance(interest, int):
            return None
        return influence, interest

    before, after = position(0), position(1)
    if before is not None and after is not None:
        was, now = quadrant_strategy(*before), quadrant_strategy(*after)
        if was != now:
            return f"“{name}” moved from {STRATEGIES[was]} to {STRATEGIES[now]}."
    parts = [
        f"{field} {old} → {new}"
        for field, (old, new) in values.items()
        if field in ("influence", "interest")
    ]
    return f"“{name}” moved on the stakeholder map ({', '.join(parts)})."


def _field_sentence(name: str, field: str, old: Any, new: Any, labels: Mapping[str, str]) -> str:
    words = field.replace("_id", "").replace("_", " ")
    if field.endswith("_id"):
        if isinstance(new, str) and new in labels:
            return f"“{name}” moved to “{labels[new]}”."
        return f"“{name}” no longer has a {words}." if new is None else ""
    if isinstance(old, str) and isinstance(new, str) and _is_quarter(old) and _is_quarter(new):
        return f"“{name}” moved from {old} to {new}."  # what an audience without exact dates sees
    if isinstance(old, str) and isinstance(new, str) and _is_day(old) and _is_day(new):
        days = (date.fromisoformat(new) - date.fromisoformat(old)).days
        return _slip(name, field, days, new)
    if field == "status":
        if isinstance(new, str) and new.casefold() in DONE_STATUSES:
            return f"“{name}” {new.replace('_', ' ')}." if new != "done" else f"“{name}” is done."
        return f"“{name}” is now {_shown(new)} (was {_shown(old)})."
    if field == "attitude":
        return f"“{name}” went from {_shown(old)} to {_shown(new)}."
    if field == "value":  # a competitor's rating on a criterion
        return f"“{name}”: {_shown(old)} → {_shown(new)}."
    if field in ("name", "title"):
        return f"“{clipped(str(old), LABEL_SHOWN)}” is now called “{name}”."
    if old in (None, "") and new not in (None, ""):
        return f"“{name}” now has a {words}: {_shown(new)}."
    if new in (None, ""):
        return f"“{name}” no longer has a {words}."
    return f"“{name}”: {words} {_shown(old)} → {_shown(new)}."


def _slip(name: str, field: str, days: int, new: str) -> str:
    when = date.fromisoformat(new)
    shown = f"{when.day} {when:%b %Y}"
    amount = _duration(abs(days))
    if field in DUE_FIELDS or field.endswith(("_date", "_on", "end")):
        if days > 0:
            return f"“{name}” slipped {amount} (now {shown})."
        return f"“{name}” moved {amount} earlier (now {shown})."
    word = field.replace("_", " ")
    later = "later" if days > 0 else "earlier"
    return f"“{name}”: {word} {amount} {later} (now {shown})."


def _duration(days: int) -> str:
    if days < 14:
        return f"{days} day" + ("" if days == 1 else "s")
    weeks = round(days / 7)
    if weeks < 9:
        return f"{weeks} weeks"
    months = round(days / 30.4)
    return f"{months} months"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text.replace(".", "", 1).isdigit():  # a score kept as text: "3.5"
        return text
    if text.islower() and " " not in text:  # a kind's key: "at_risk" -> "At risk"
        return text.replace("_", " ").capitalize()
    return f"“{clipped(text, LABEL_SHOWN)}”"


def write_changes(out: Any, report: ChangeReport) -> None:
    """The briefing's opening list of what changed since its last export (``out`` is the
    BriefingDocument)."""
    if report.since is None:
        return
    # It follows the summary on its page: a short list must not take a page of its own.
    out.heading(f"What changed since {report.since.day} {report.since:%b %Y}", 1)
    if report.empty:
        out.note("Nothing this briefing shows has changed since its last export.")
        return
    for group in report.workspaces:
        out.heading(group.title, 2)
        out.bullets([(line, f"{group.title} › Changes") for line in group.lines])
        if group.more:
            out.note(f"…and {group.more:,} more " + ("change." if group.more == 1 else "changes."))


def as_text(report: ChangeReport) -> str:
    """The report as the briefing page shows it, before exporting."""
    if report.since is None:
        return (
            "This briefing has not been exported yet. After its first export, the next one "
            "opens with what changed since."
        )
    since = f"{report.since.day} {report.since:%b %Y}"
    if report.empty:
        return f"Nothing this briefing shows has changed since its export of {since}."
    lines = [f"The next export opens with what changed since {since}:"]
    for group in report.workspaces:
        lines.append("")
        lines.append(group.title)
        lines.extend(f"• {line}" for line in group.lines)
        if group.more:
            lines.append(f"…and {group.more:,} more")
    return "\n".join(lines)
