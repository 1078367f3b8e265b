"""Merging two edited copies of a project, field by field, against what they shared (the base).

Works on JSON dumps (``project_json.dump_project``), so it needs no database and no Qt, and
every table and rule comes from :mod:`pmdesk.registry`. Records are matched by UUID:

* a field changed on one side only is taken from that side; fields changed on different sides
  combine; the same field changed differently is a :class:`Conflict`;
* a record edited on one side and deleted on the other is a conflict;
* records added on both sides are kept twice, unless their contents are the same;
* a link to a record the other side deleted is a conflict, never a dangling reference;
* the workspaces' rules still hold afterwards: a record whose combined fields break its rule,
  or records that together break a project-wide rule (a dependency loop), are conflicts.

Without a base (copies that share no history) the merge compares records only: a record on one
side only is kept, and every field that differs is a conflict, because nothing tells which side
changed it.

Usage: ``merge = merge_projects(base, mine, theirs)``, then ``merge.resolve(choices)`` (or with
``prefer``) until its outcome lists no conflicts; the outcome's ``data`` is a dump to load.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pmdesk import registry
from pmdesk.domain.allowed import limits_of, value_problem
from pmdesk.domain.base import Record
from pmdesk.errors import InterchangeError, ValidationError
from pmdesk.interchange.diff import lookup_in, record_label, sections
from pmdesk.interchange.history import DUMP_KEY, UNKNOWN, merged_history
from pmdesk.interchange.merge_values import edit_kind, typed_value
from pmdesk.interchange.records import columns, from_json

Side = Literal["mine", "theirs"]
ConflictKind = Literal["field", "deleted", "link", "rule"]
JsonRecord = dict[str, Any]
# Fields that identify or stamp a record rather than say something about it.
STAMP_FIELDS = frozenset({"id", "created_at", "updated_at"})
# progress(done, total) -> False to cancel.
Progress = Callable[[int, int], bool]


class MergeCancelledError(Exception):
    """The person cancelled the merge; nothing was changed."""


@dataclass(frozen=True)
class Edited:
    """A field conflict settled with a value the PM typed (see :meth:`Merge.edited_value`)."""

    value: Any


Choice = Side | Edited


@dataclass(frozen=True)
class Conflict:
    """One decision the merge cannot make alone.

    Attributes:
        key: stable name of the decision, the key of ``choices`` in :meth:`Merge.resolve`.
        kind: "field" (the same field changed differently), "deleted" (edited on one side,
            deleted on the other), "link" (a link to a record the other side deleted), "rule"
            (the combined result breaks a workspace rule).
        mine, theirs: the two values of the field, or the record (None when deleted).
        sentence: the conflict as a PM reads it.
    """

    key: str
    kind: ConflictKind
    section: str
    record_id: str
    label: str
    sentence: str
    field: str | None = None
    base: Any = None
    mine: Any = None
    theirs: Any = None


@dataclass(frozen=True)
class Duplicate:
    """Records both sides added under the same name: perhaps the same thing twice."""

    section: str
    label: str
    mine_id: str
    theirs_id: str

    @property
    def key(self) -> str:
        return f"same:{self.theirs_id}"


@dataclass
class Summary:
    """How the merged records came about, counted per record."""

    from_theirs: int = 0
    from_mine: int = 0
    combined: int = 0
    conflicts: int = 0

    def describe(self) -> str:
        return (
            f"{self.from_theirs} taken from theirs, {self.from_mine} kept from mine, "
            f"{self.combined} combined, {self.conflicts} in conflict"
        )


@dataclass
class Outcome:
    """What :meth:`Merge.resolve` gave: a dump to load, or the conflicts still open."""

    data: dict[str, Any] | None
    conflicts: list[Conflict]


# -- the merge ----------------------------------------------------------------------------------


@dataclass
class _Table:
    section: str
    model: type[Record]
    name: str


class Merge:
    """A three-way merge, computed once; :meth:`resolve` turns choices into a project."""

    def __init__(
        self,
        base: dict[str, Any] | None,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        progress: Progress | None = None,
    ) -> None:
        self.has_base = base is not None
        self._mine_data = mine
        self._theirs_data = theirs
        self._find = lookup_in(mine, theirs)
        self.tables: dict[str, _Table] = {}  # table name -> where it lives in the dump
        self.base = _index(base or _empty_like(mine))
        self.mine = _index(mine)
        self.theirs = _index(theirs)
        for name, model, _rows in sections(mine):
            self.tables[model.__tablename__] = _Table(name, model, model.__tablename__)
        self.summary = Summary()
        self.conflicts: list[Conflict] = []
        self.duplicates: list[Duplicate] = []
        # table -> id -> merged record (None: deleted); conflicted records hold mine meanwhile.
        self.merged: dict[str, dict[str, JsonRecord | None]] = {}
        # Which side each record's merged version came from ("both" when combined).
        self.origin: dict[str, str] = {}
        self._same: dict[str, str] = {}  # theirs' id -> mine's id, records added identically
        self._compute(progress)

    # -- building -----------------------------------------------------------------------------

    def _compute(self, progress: Progress | None) -> None:
        total = sum(len(self.mine[t]) + len(self.theirs[t]) for t in self.tables) or 1
        done = 0
        for table in self.tables.values():
            merged: dict[str, JsonRecord | None] = {}
            base, mine, theirs = (side[table.name] for side in (self.base, self.mine, self.theirs))
            for record_id in mine.keys() | theirs.keys() | base.keys():
                merged[record_id] = self._merge_record(
                    table,
                    record_id,
                    base.get(record_id),
                    mine.get(record_id),
                    theirs.get(record_id),
                )
            self.merged[table.name] = merged
            self._find_duplicates(table)
            done += len(mine) + len(theirs)
            if progress is not None and progress(done, total) is False:
                raise MergeCancelledError
        self.summary.conflicts = len({conflict.record_id for conflict in self.conflicts})

    def _merge_record(
        self,
        table: _Table,
        record_id: str,
        base: JsonRecord | None,
        mine: JsonRecord | None,
        theirs: JsonRecord | None,
    ) -> JsonRecord | None:
        if mine == theirs:
            if mine != base:
                self.origin[record_id] = "both"
                self.summary.combined += 1
            return mine
        if base is None and (mine is None or theirs is None):
            return self._take("mine" if theirs is None else "theirs", record_id, mine or theirs)
        if mine == base:
            return self._take("theirs", record_id, theirs)
        if theirs == base:
            return self._take("mine", record_id, mine)
        if mine is None or theirs is None:
            kept = theirs if mine is None else mine
            deleter = "You" if mine is None else "They"
            editor = "they" if mine is None else "you"
            name = self._label(kept, table.model)  # type: ignore[arg-type]
            self.conflicts.append(
                Conflict(
                    key=f"deleted:{record_id}",
                    kind="deleted",
                    section=table.section,
                    record_id=record_id,
                    label=name,
                    sentence=(
                        f"{deleter} deleted the {table.model.__singular__} “{name}”, "
                        f"which {editor} changed."
                    ),
                    base=base,
                    mine=mine,
                    theirs=theirs,
                )
            )
            return mine
        return self._merge_fields(table, record_id, base or {}, mine, theirs)

    def _take(self, side: Side, record_id: str, record: JsonRecord | None) -> JsonRecord | None:
        self.origin[record_id] = side
        if side == "mine":
            self.summary.from_mine += 1
        else:
            self.summary.from_theirs += 1
        return record

    def _merge_fields(
        self,
        table: _Table,
        record_id: str,
        base: JsonRecord,
        mine: JsonRecord,
        theirs: JsonRecord,
    ) -> JsonRecord:
        merged = dict(mine)
        sides: set[str] = set()
        for name in mine.keys() | theirs.keys():
            ours, other = mine.get(name), theirs.get(name)
            if ours == other:
                continue
            if name == "updated_at":  # the later edit's time: both are ISO text, so max works
                merged[name] = max(ours or "", other or "") or None
                continue
            original = base.get(name, _MISSING)
            if original == UNKNOWN:  # changed on both sides since they parted
                original = _MISSING
            if ours == original:
                merged[name] = other
                sides.add("theirs")
            elif other == original:
                sides.add("mine")
            else:
                sides.add("conflict")
                self.conflicts.append(
                    Conflict(
                        key=f"field:{record_id}:{name}",
                        kind="field",
                        section=table.section,
                        record_id=record_id,
                        label=self._label(mine, table.model),
                        sentence=(
                            f"The {table.model.__singular__} “{self._label(mine, table.model)}”: "
                            f"{_field_name(name)} is {_show(ours)} in yours, "
                            f"{_show(other)} in theirs"
                            + ("" if original is _MISSING else f" (was {_show(original)})")
                            + "."
                        ),
                        field=name,
                        base=None if original is _MISSING else original,
                        mine=ours,
                        theirs=other,
                    )
                )
        if sides == {"theirs"}:
            self._take("theirs", record_id, merged)
        elif sides == {"mine"}:
            self._take("mine", record_id, merged)
        else:
            self.origin[record_id] = "both"
            self.summary.combined += 1
        return merged

    def _find_duplicates(self, table: _Table) -> None:
        """Records added on both sides: the same content is kept once, the same name offered."""
        added_mine = [
            record
            for record_id, record in self.mine[table.name].items()
            if record_id not in self.base[table.name] and record_id not in self.theirs[table.name]
        ]
        if not added_mine:
            return
        by_content = {_content(record): record["id"] for record in added_mine}
        by_name = {_name_key(record): record["id"] for record in added_mine}
        by_name.pop(None, None)
        merged = self.merged[table.name]
        for record_id, record in self.theirs[table.name].items():
            if record_id in self.base[table.name] or record_id in self.mine[table.name]:
                continue
            twin = by_content.get(_content(record))
            if twin is not None:
                self._same[record_id] = twin
                del merged[record_id]
                self.summary.from_theirs -= 1
                continue
            namesake = by_name.get(_name_key(record))
            if namesake is not None:
                self.duplicates.append(
                    Duplicate(table.section, self._label(record, table.model), namesake, record_id)
                )

    # -- resolving ----------------------------------------------------------------------------

    def resolve(
        self,
        choices: Mapping[str, Choice] | None = None,
        prefer: Side | None = None,
        same: Iterable[str] = (),
    ) -> Outcome:
        """The merged project with these decisions, or the conflicts still open.

        Args:
            choices: conflict key -> the side whose version to keep, or for a field conflict
                the value the PM typed (:class:`Edited`, made by :meth:`edited_value`).
            prefer: the side to keep for every conflict not in ``choices``.
            same: keys of :attr:`duplicates` to treat as one record (mine's is kept).

        Decisions can reveal further conflicts (keeping a deleted item's edit when the other
        side also deleted what pointed at it is fine; combining two edits can break a rule):
        those come back in the outcome, to be decided in another call.
        """
        choices = dict(choices or {})
        merged = {table: dict(records) for table, records in self.merged.items()}
        deleted: set[str] = set()  # records deleted by decision: what points at them follows
        open_conflicts: list[Conflict] = []
        for conflict in self.conflicts:
            side = choices.get(conflict.key, prefer)
            if side is None:
                open_conflicts.append(conflict)
            else:
                self._apply(merged, conflict, side, deleted)
        if open_conflicts:
            return Outcome(None, open_conflicts)
        renamed = dict(self._same)
        wanted = set(same)
        for duplicate in self.duplicates:
            if duplicate.key in wanted:
                renamed[duplicate.theirs_id] = duplicate.mine_id
                table = next(t for t in self.tables.values() if t.section == duplicate.section)
                merged[table.name].pop(duplicate.theirs_id, None)
        self._rename(merged, renamed)
        for _round in range(20):  # each round settles what the previous decisions revealed
            found = self._link_conflicts(merged, deleted) or self._rule_conflicts(merged)
            if not found:
                return Outcome(self._result(merged), [])
            for conflict in found:
                side = choices.get(conflict.key, prefer)
                if side is None:
                    open_conflicts.append(conflict)
                else:
                    self._apply(merged, conflict, side, deleted)
            if open_conflicts:
                return Outcome(None, open_conflicts)
        raise InterchangeError("The two copies could not be merged: their decisions keep clashing.")

    def _apply(
        self,
        merged: dict[str, dict[str, JsonRecord | None]],
        conflict: Conflict,
        side: Choice,
        deleted: set[str],
    ) -> None:
        table = self._table_of(conflict.section)
        records = merged[table.name]
        if isinstance(side, Edited):
            if conflict.kind != "field":
                raise ValueError("only a field conflict can be settled with a typed value")
            record = dict(records[conflict.record_id] or {})
            record[conflict.field] = side.value  # type: ignore[index]
            records[conflict.record_id] = record
        elif conflict.kind == "field":
            record = dict(records[conflict.record_id] or {})
            record[conflict.field] = conflict.mine if side == "mine" else conflict.theirs  # type: ignore[index]
            records[conflict.record_id] = record
        elif conflict.kind == "deleted":
            chosen = conflict.mine if side == "mine" else conflict.theirs
            records[conflict.record_id] = chosen
            if chosen is None:
                deleted.add(conflict.record_id)
        elif conflict.kind == "link":
            kept = conflict.mine if side == "mine" else conflict.theirs
            records[conflict.record_id] = kept
            if kept is None:
                deleted.add(conflict.record_id)
        else:  # "rule": the records involved go back to the chosen side's version
            versions = self.mine if side == "mine" else self.theirs
            for record_id in conflict.mine:
                owner = self._owner(record_id)
                merged[owner][record_id] = versions[owner].get(record_id)
                if merged[owner][record_id] is None:
                    deleted.add(record_id)

    def _link_conflicts(
        self, merged: dict[str, dict[str, JsonRecord | None]], deleted: set[str]
    ) -> list[Conflict]:
        """Links to missing records: follow a decided deletion, else ask."""
        found: dict[str, Conflict] = {}
        changed = True
        while changed:
            changed = False
            for table in self.tables.values():
                links = _links(table.model)
                if not links:
                    continue
                records = merged[table.name]
                for record_id, record in list(records.items()):
                    if record is None:
                        continue
                    for column, target, ondelete in links:
                        value = record.get(column)
                        if not value or merged[target].get(value) is not None:
                            continue
                        if value in deleted:  # the decision was to delete: do as the app does
                            if ondelete == "SET NULL":
                                records[record_id] = record = {**record, column: None}
                            else:
                                records[record_id] = None
                                deleted.add(record_id)
                            changed = True
                            break
                        found.setdefault(value, self._link_conflict(target, value, table, record))
        return list(found.values())

    def _link_conflict(
        self, target: str, target_id: str, table: _Table, record: JsonRecord
    ) -> Conflict:
        missing = self.tables[target]
        mine = self.mine[target].get(target_id)
        theirs = self.theirs[target].get(target_id)
        kept = mine or theirs or self.base[target].get(target_id) or {"id": target_id}
        deleter = "They" if mine is not None else "You"
        name = self._label(kept, missing.model)
        return Conflict(
            key=f"link:{target_id}",
            kind="link",
            section=missing.section,
            record_id=target_id,
            label=name,
            sentence=(
                f"{deleter} deleted the {missing.model.__singular__} “{name}”, but the "
                f"{table.model.__singular__} “{self._label(record, table.model)}” now refers to it."
            ),
            mine=mine,
            theirs=theirs,
        )

    def _rule_conflicts(self, merged: dict[str, dict[str, JsonRecord | None]]) -> list[Conflict]:
        """Combined records that break their workspace's rules, and project-wide rules."""
        found: list[Conflict] = []
        for table in self.tables.values():
            if table.name not in registry.record_rules():
                continue
            for record_id, record in merged[table.name].items():
                if record is None or self.origin.get(record_id) != "both":
                    continue
                if record in (
                    self.mine[table.name].get(record_id),
                    self.theirs[table.name].get(record_id),
                ):
                    continue  # one side's own version, which held the rule there
                problem = registry.record_problem(table.name, _values(table.model, record))
                if problem:
                    found.append(self._rule_conflict(table, [record_id], record, problem))
        dump = self._dump(merged)
        for dump_key, rule in registry.dump_rules():
            for problem, involved in rule(dump.get(dump_key, {})):
                new = sorted(
                    record_id
                    for record_id in involved
                    if self.base[self._owner(record_id)].get(record_id)
                    != merged[self._owner(record_id)].get(record_id)
                )
                if new:
                    owner = self.tables[self._owner(new[0])]
                    record = merged[owner.name][new[0]] or {"id": new[0]}
                    found.append(self._rule_conflict(owner, new, record, problem))
        return found

    def _rule_conflict(
        self, table: _Table, involved: list[str], record: JsonRecord, problem: str
    ) -> Conflict:
        return Conflict(
            key="rule:" + ",".join(involved),
            kind="rule",
            section=table.section,
            record_id=involved[0],
            label=self._label(record, table.model),
            sentence=f"Together your changes and theirs break a rule: {problem.rstrip('.')}.",
            mine=tuple(involved),  # the records whose version the decision chooses
            theirs=tuple(involved),
        )

    # -- typed values -------------------------------------------------------------------------

    def can_edit(self, conflict: Conflict) -> bool:
        """Whether the PM may type the merged value: a field conflict on a field a person
        types (not a link to another record, not a yes/no)."""
        if conflict.kind != "field" or conflict.field is None:
            return False
        column = self._table_of(conflict.section).model.__table__.columns.get(conflict.field)
        return column is not None and edit_kind(column) is not None

    def edited_value(self, conflict: Conflict, text: str) -> Edited:
        """The value the PM typed for a field conflict, checked as the workspace checks an
        edit: the field's type and limits, then the workspace's rule on the whole record.

        Raises:
            ValidationError: a sentence saying what is wrong; nothing is decided.
        """
        table = self._table_of(conflict.section)
        column = table.model.__table__.columns[conflict.field]
        name = _field_name(column.key).capitalize()
        value = typed_value(column, text, name)
        problem = value_problem(limits_of(column), from_json(column, value)[0])
        if problem:
            raise ValidationError(f"{name} {problem}.")
        record = {**(self.merged[table.name].get(conflict.record_id) or {}), column.key: value}
        problem = registry.record_problem(table.name, _values(table.model, record))
        if problem:
            raise ValidationError(problem)
        return Edited(value)

    # -- helpers ------------------------------------------------------------------------------

    def _label(self, record: JsonRecord, model: type[Record]) -> str:
        return record_label(record, model, self._find)

    def _table_of(self, section: str) -> _Table:
        return next(table for table in self.tables.values() if table.section == section)

    def _owner(self, record_id: str) -> str:
        for name in self.tables:
            if record_id in self.merged[name]:
                return name
        raise KeyError(record_id)

    def _rename(self, merged: dict[str, dict[str, JsonRecord | None]], renamed: dict[str, str]):
        if not renamed:
            return
        for table in self.tables.values():
            for column, _target, _ondelete in _links(table.model):
                for record_id, record in merged[table.name].items():
                    if record is not None and record.get(column) in renamed:
                        merged[table.name][record_id] = {
                            **record,
                            column: renamed[record[column]],
                        }

    def _dump(self, merged: dict[str, dict[str, JsonRecord | None]]) -> dict[str, Any]:
        data = copy.deepcopy({"format": self._mine_data["format"]})
        for table in self.tables.values():
            rows = sorted(
                (record for record in merged[table.name].values() if record is not None),
                key=lambda record: record["id"],
            )
            if table.section == "project":
                data["project"] = rows[0] if rows else self._mine_data["project"]
            else:
                key, _, sub = table.section.partition(".")
                data.setdefault(key, {})[sub] = rows
        return data

    def _result(self, merged: dict[str, dict[str, JsonRecord | None]]) -> dict[str, Any]:
        """The merged project, carrying both copies' histories, so that merging the same
        copies again finds what they shared (the command line and the app load this alike)."""
        data = self._dump(merged)
        history = merged_history(
            self._mine_data.get(DUMP_KEY) or {}, self._theirs_data.get(DUMP_KEY) or {}
        )
        if history:
            data[DUMP_KEY] = history
        return data


def merge_projects(
    base: dict[str, Any] | None,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    progress: Progress | None = None,
) -> Merge:
    """Merge two dumps against their common ancestor (None: compare records only).

    Raises:
        InterchangeError: the two copies share no record, so they are different projects.
        MergeCancelledError: ``progress`` returned False.
    """
    shared = any(
        ids & set(_index(theirs).get(table, ()))
        for table, ids in ((t, set(records)) for t, records in _index(mine).items())
    )
    if not shared:
        raise InterchangeError(
            "The two files share no records, so they are not copies of the same project. "
            "To bring some of its records into yours, use File › Import from Project… instead."
        )
    return Merge(base, mine, theirs, progress)


# -- plumbing ------------------------------------------------------------------------------------


_MISSING = object()


def _index(data: dict[str, Any]) -> dict[str, dict[str, JsonRecord]]:
    """Table name -> id -> record, for every table the registry knows."""
    return {
        model.__tablename__: {record["id"]: record for record in rows}
        for _name, model, rows in sections(data)
    }


def _empty_like(data: dict[str, Any]) -> dict[str, Any]:
    empty: dict[str, Any] = {"format": data.get("format"), "project": {"id": None}}
    for key, group in registry.workspace_records().items():
        empty[key] = {sub: [] for sub in group}
    return empty


def _links(model: type[Record]) -> list[tuple[str, str, str | None]]:
    """(column, target table, what deleting the target does) for each link column."""
    found = []
    for column in columns(model):
        for foreign_key in column.foreign_keys:
            found.append((column.key, foreign_key.column.table.name, foreign_key.ondelete))
    return found


def _values(model: type[Record], record: JsonRecord) -> dict[str, Any]:
    return {column.key: from_json(column, record.get(column.key))[0] for column in columns(model)}


def _content(record: JsonRecord) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, repr(v)) for k, v in record.items() if k not in STAMP_FIELDS))


def _name_key(record: JsonRecord) -> str | None:
    value = record.get("name")
    return " ".join(value.casefold().split()) if isinstance(value, str) and value.strip() else None


def _field_name(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def _show(value: Any) -> str:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat if len(flat) <= 40 else flat[:39] + '…'}”"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
