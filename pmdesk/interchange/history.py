"""Writing the merge history at each save, and reading a common ancestor out of two histories.

At save, :func:`record_saved_values` adds each field's new value (as a short hash) to its
record's history and marks deleted records with a tombstone; old values and old tombstones are
pruned (:mod:`pmdesk.domain.history`). At merge, :func:`ancestor` rebuilds, from the two copies
and their histories, the project as it was when they parted, field by field, so the three-way
merge (:mod:`pmdesk.interchange.merge3`) needs no third file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    LargeBinary,
    bindparam,
    cast,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    true,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.domain.base import utc_now
from pmdesk.domain.history import KEPT_VALUES, TOMBSTONE_DAYS, RecordHistory
from pmdesk.interchange.diff import sections
from pmdesk.interchange.records import columns, to_json
from pmdesk.store import history_rows

History = dict[str, dict[str, Any]]  # record id -> {"kind", "fields", "deleted_on"}
DUMP_KEY = "history"
STAMPS = frozenset({"id", "updated_at"})  # not part of what a record says
# A base value no side holds: the field changed on both sides since they parted.
UNKNOWN = {"unknown ancestor value": True}


def value_hash(value: Any) -> str:
    """A short, stable hash of a JSON value (8 characters; only compared within one field)."""
    text = value if isinstance(value, str) else json.dumps(value)  # a field keeps one type
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).digest()
    return base64.b64encode(digest).decode("ascii")


# The stored form is compact: a tag naming the table's fields, then each field's hashes run
# together (8 characters each), fields in name order separated by commas. A tag that no longer
# matches (a field was added to the table since) reads as no history: a conflict, never a guess.
HASH_WIDTH = 8


@cache
def _field_names(kind: str) -> tuple[str, ...]:
    """The table's fields in name order; none for a table this PM Desk does not know."""
    models = [model for model in registry.record_models() if model.__tablename__ == kind]
    keys = (column.key for model in models for column in columns(model))
    return tuple(sorted(key for key in keys if key not in STAMPS))


@cache
def _tag(kind: str) -> str:
    return value_hash(",".join(_field_names(kind)))[:4]


@lru_cache(maxsize=4096)
def field_hashes(kind: str, text: str) -> dict[str, list[str]]:
    names = _field_names(kind)
    parts = text.split(",")
    if not names or not text.startswith(_tag(kind)) or len(parts) != len(names):
        return {}
    parts[0] = parts[0][len(_tag(kind)) :]
    return {
        name: [part[i : i + HASH_WIDTH] for i in range(0, len(part), HASH_WIDTH)]
        for name, part in zip(names, parts, strict=True)
    }


def _encode(kind: str, fields: dict[str, list[str]]) -> str:
    return _tag(kind) + ",".join("".join(fields.get(name, ())) for name in _field_names(kind))


def record_saved_values(session: Session, today: date | None = None) -> None:
    """Bring the history up to date with the records about to be saved (call before saving).

    Only records changed since the last save are looked at (``updated_at``), so saving a big
    project after a few edits stays quick; a file's first save reads every record once.
    """
    today = today or date.today()
    if session.info.get(_MARK) == (_changes(session), today):
        return  # nothing was written since the history was last brought up to date
    table = RecordHistory.__table__
    if not _rows_sound(session):
        # Rows broken outside PM Desk: their records' histories start again below.
        session.execute(delete(table).where(text(history_rows.broken_rows())))
        del session.info[history_rows.SESSION_KEY]
    now = utc_now()
    since = last_saved(session)
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    models = registry.record_models()
    for model in models:
        # New to the history, back from deletion (undo), or changed since the last save.
        query = (
            select(model, _as_bytes(table.c.fields), table.c.deleted_on)
            .outerjoin(table, table.c.id == model.id)
            .where(
                or_(
                    table.c.id.is_(None),
                    table.c.deleted_on.is_not(None),
                    true() if since is None else model.updated_at >= since,
                )
            )
        )
        for record, held_bytes, deleted_on in session.execute(query):
            values = to_json(record)
            held = None if held_bytes is None else _read_text(held_bytes)  # None: no history
            stored = field_hashes(model.__tablename__, held) if held else {}
            fields = {name: list(hashes) for name, hashes in stored.items()}
            if not _add_values(fields, values) and held and deleted_on is None:
                continue
            encoded = _encode(model.__tablename__, fields)
            row = {"id": record.id, "fields": encoded, "deleted_on": None, "saved_at": now}
            if held is None:
                added.append({**row, "kind": model.__tablename__})
            else:
                changed.append(row)
    if added:
        session.execute(insert(table), added)
    _update(session, changed)
    # Hardened connections allow 50 terms in one compound query: ask in batches.
    alive = [
        table.c.id.not_in(union_all(*(select(model.id) for model in models[start : start + 40])))
        for start in range(0, len(models), 40)
    ]
    session.execute(
        update(table)
        .where(table.c.deleted_on.is_(None), *alive)
        .values(deleted_on=today, saved_at=now)
    )
    session.execute(
        delete(table).where(table.c.deleted_on < today - timedelta(days=TOMBSTONE_DAYS))
    )
    session.info[_MARK] = (_changes(session), today)


_MARK = "pmdesk.history.changes"


def _rows_sound(session: Session) -> bool:
    """Whether every history row meets the rules: the open checked them, this session wrote
    them all, or the look after the open found none broken (``store.history_rows``)."""
    look = session.info.get(history_rows.SESSION_KEY)
    if look is not None and not look.any_broken():
        del session.info[history_rows.SESSION_KEY]
        return True
    return look is None


def _as_bytes(column: ColumnElement[str]) -> ColumnElement[bytes]:
    """A text column of the history, read as its bytes (see ``_read_text``)."""
    return cast(column, LargeBinary)


def _read_text(stored: bytes) -> str:
    """A text of the history, decoded here: SQL cannot tell text that is not UTF-8, and the
    open has not read these rows. A hash spoiled by a replacement character matches no value,
    so its field is compared as if it had no history."""
    return stored.decode("utf-8", "replace")


def _sound_rows(session: Session) -> ColumnElement[bool]:
    """Where the history is read: only the rows that meet the rules, until all of them do."""
    if _rows_sound(session):
        return true()
    return text(f"({history_rows.broken_rows()}) IS NOT 1")


def _changes(session: Session) -> tuple[int, int]:
    """Which SQLite connection, and how many rows it has written since it opened."""
    raw = session.connection().connection.driver_connection
    return id(raw), raw.total_changes  # type: ignore[union-attr]


def _add_values(fields: dict[str, list[str]], values: dict[str, Any]) -> bool:
    """Append each field's value where it changed; True when any did."""
    changed = False
    for name, value in values.items():
        if name in STAMPS:
            continue
        hashed = value_hash(value)
        kept = fields.setdefault(name, [])
        if not kept or kept[-1] != hashed:
            kept.append(hashed)
            del kept[:-KEPT_VALUES]
            changed = True
    return changed


def _update(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = RecordHistory.__table__
    # Bound names must differ from the columns' own in an UPDATE run for many rows.
    values = {key: bindparam(f"b_{key}") for key in rows[0] if key != "id"}
    statement = update(table).where(table.c.id == bindparam("b_id")).values(values)
    session.execute(statement, [{f"b_{key}": value for key, value in row.items()} for row in rows])


def read_history(session: Session) -> History:
    """The history as the dump keeps it."""
    table = RecordHistory.__table__
    rows = session.execute(
        select(
            _as_bytes(table.c.id),
            _as_bytes(table.c.kind),
            _as_bytes(table.c.fields),
            table.c.deleted_on,
        )
        .where(_sound_rows(session))
        .order_by(table.c.id)
    )
    return {
        _read_text(record_id): {
            "kind": _read_text(kind),
            "fields": _read_text(fields),
            "deleted_on": deleted_on.isoformat() if deleted_on else None,
        }
        for record_id, kind, fields, deleted_on in rows
    }


def write_history(session: Session, history: History, saved_at: datetime | None = None) -> None:
    """Replace the history with one from a dump (``pmdesk load``, a merge's result).

    ``saved_at`` says when the rows were last brought up to date (now, by default); a merge into
    the open project passes its last save's time, so edits since are still hashed at the next
    save.
    """
    table = RecordHistory.__table__
    session.execute(delete(table))
    now = saved_at or utc_now()
    rows = [
        {
            "id": record_id,
            "kind": entry["kind"],
            "fields": entry["fields"],
            "deleted_on": date.fromisoformat(entry["deleted_on"])
            if entry.get("deleted_on")
            else None,
            "saved_at": now,
        }
        for record_id, entry in history.items()
    ]
    if rows:
        session.execute(insert(table), rows)
    session.info.pop(history_rows.SESSION_KEY, None)  # every row was written here


def last_saved(session: Session) -> datetime | None:
    """When the history was last brought up to date (None: it never was)."""
    table = RecordHistory.__table__
    return session.scalar(select(func.max(table.c.saved_at)).where(_sound_rows(session)))


def _date_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def problem_with(value: Any) -> str | None:
    """What is wrong with a dump's history, or None (it is optional: older dumps lack it)."""
    if not isinstance(value, dict):
        return "must be an object"
    for record_id, entry in value.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("kind"), str)
            and _field_names(entry["kind"]) != ()
            and isinstance(entry.get("fields"), str)
            and (entry.get("deleted_on") is None or _is_date(entry["deleted_on"]))
        ):
            return f"has an entry for {str(record_id)[:36]} that PM Desk cannot read"
    return None


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def ancestor(
    mine: dict[str, Any], theirs: dict[str, Any], mine_history: History, theirs_history: History
) -> dict[str, Any] | None:
    """The project as the two copies last shared it, rebuilt from their histories.

    None when either copy has no history (a file saved before histories existed): the caller
    then compares records only. A field both sides changed since they parted gets
    :data:`UNKNOWN`, which makes it a conflict.
    """
    if not mine_history or not theirs_history:
        return None
    their_sections = {name: rows for name, _model, rows in sections(theirs)}
    base: dict[str, Any] = {"format": mine.get("format")}
    for name, _model, rows in sections(mine):
        ours = {record["id"]: record for record in rows}
        other = {record["id"]: record for record in their_sections.get(name, [])}
        shared: list[dict[str, Any]] = []
        for record_id in ours.keys() | other.keys():
            record = _shared_record(
                ours.get(record_id),
                other.get(record_id),
                mine_history.get(record_id),
                theirs_history.get(record_id),
            )
            if record is not None:
                shared.append(record)
        if name == "project":
            base["project"] = shared[0] if shared else {"id": None}
        else:
            key, _, sub = name.partition(".")
            base.setdefault(key, {})[sub] = shared
    return base


def merged_history(mine: History, theirs: History) -> History:
    """Both copies' histories in one, so the merged file can be merged again later."""
    result: History = {record_id: dict(entry) for record_id, entry in mine.items()}
    for record_id, entry in theirs.items():
        own = result.get(record_id)
        if own is None:
            result[record_id] = dict(entry)
            continue
        kind = own["kind"]
        fields = {name: list(hashes) for name, hashes in field_hashes(kind, own["fields"]).items()}
        for name, hashes in field_hashes(kind, entry["fields"]).items():
            kept = fields.setdefault(name, [])
            kept[:0] = [value for value in hashes if value not in kept]
            del kept[:-KEPT_VALUES]
        own["fields"] = _encode(kind, fields)
    return result


def _shared_record(
    mine: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    mine_history: dict[str, Any] | None,
    theirs_history: dict[str, Any] | None,
) -> dict[str, Any] | None:
    if mine is not None and theirs is not None:
        base = dict(mine)
        for name, value in mine.items():
            other = theirs.get(name)
            if value == other or name in STAMPS:
                continue
            if _held(theirs_history, name, value):  # mine still has what theirs replaced
                base[name] = value
            elif _held(mine_history, name, other):  # theirs still has what mine replaced
                base[name] = other
            else:
                base[name] = UNKNOWN
        return base
    present, absent_history = (mine, theirs_history) if mine is not None else (theirs, mine_history)
    assert present is not None
    if absent_history is None:  # the other copy never saw it: added since they parted
        return None
    # The other copy knew it and deleted it: shared as it was, as far as its history tells.
    return {
        name: value if name in STAMPS or _held(absent_history, name, value) else UNKNOWN
        for name, value in present.items()
    }


def _held(entry: dict[str, Any] | None, name: str, value: Any) -> bool:
    if entry is None:
        return False
    return value_hash(value) in field_hashes(entry["kind"], entry["fields"]).get(name, ())
