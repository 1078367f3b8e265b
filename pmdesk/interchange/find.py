"""Find: every record of a project whose words contain what the PM typed (no Qt).

What is searched is derived from the registry, never listed twice: every workspace's record
models (the project record is the overview's), each with its text columns except choices,
colours, references and columns declared ``not_words()`` (``pmdesk.domain.allowed``). A record
is called by its label field (``pmdesk.domain.base.LABEL_FIELDS``, as a diff names it); one
with none is called after the record it belongs to, its *owner*: the first reference it cannot
be without (a check-in's key result, a rating's competitor). The owners travel with each hit,
so a window that has no view of a check-in can show its key result instead.

Matching ignores case and accents ("resume" finds "Résumé"). The words are read through the
session and folded once into a :class:`FindIndex`; every key typed then searches memory.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Any

from sqlalchemy import Column, Select, Table, func, literal, literal_column, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.domain.allowed import limits_of
from pmdesk.domain.base import Record, label_field
from pmdesk.domain.project import Project
from pmdesk.interchange.diff import shorten

MAX_HITS = 100  # more than a person reads in a list; "type more" says the rest
SNIPPET_BEFORE = 30  # characters of context shown before the match
SNIPPET_WIDTH = 90
# Accents that decomposition separates from their letters (é -> e + U+0301), in every script.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@dataclass(frozen=True)
class Hit:
    """One record that matches, as the find list shows it and the window reveals it."""

    workspace: str  # the workspace key
    kind: str  # the record's table
    record_id: str
    label: str  # what the record is called
    singular: str  # what kind of record it is, in words ("key result")
    field: str  # the field that matched, in words ("Acceptance criteria"), "" for the label
    snippet: str  # the matching words with a little context, on one line
    start: int  # where the match lies in ``snippet`` (for highlighting)
    end: int
    owners: tuple[tuple[str, str], ...] = ()  # (kind, id) of its owner, its owner's, ...
    within: str = ""  # the name of the nearest owner that has one ("Ben Adler"), or ""


@dataclass(frozen=True)
class Found:
    hits: tuple[Hit, ...]
    more: bool  # more records match than were returned


@dataclass(frozen=True)
class _Searched:
    workspace: str
    model: type[Record]
    columns: tuple[Column[str], ...]  # the label field first
    label: str | None
    owner: Column[str] | None


def fold(text: str) -> str:
    """``text`` without case and accents, as matching compares it."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


class FindIndex:
    """The project's words, folded once, so that each key typed searches memory, not the file.

    Build it when a search starts and again after the project changed; building reads every
    searched column once through the session (about a quarter of a second at fifty times the
    sample), a search then takes milliseconds.
    """

    def __init__(self, tables: dict[str, _Table]) -> None:
        self._tables = tables

    @classmethod
    def build(cls, session: Session) -> FindIndex:
        tables: dict[str, _Table] = {}
        for searched in _everything():
            tables[searched.model.__tablename__] = _Table.read(session, searched)
        return cls(tables)

    def search(self, text: str, limit: int = MAX_HITS) -> Found:
        """Records whose words contain ``text``, grouped by workspace in navigation order,
        those whose name matches first. Blank text finds nothing."""
        needle = fold(" ".join(text.split()))
        if not needle:
            return Found((), False)
        chosen: list[tuple[_Table, int, int]] = []  # (table, row, column)
        more = False
        for group in _by_workspace(self._tables.values()):
            room = limit - len(chosen)
            found = [
                (table, row, column)
                for table in group
                for row, column in table.matches(needle, room + 1)
            ]
            found.sort(key=lambda hit: (hit[2] != 0 or not hit[0].has_label, hit[0].key(hit[1])))
            if len(found) > room:
                more = True
            chosen.extend(found[:room])
            if more:
                break
        return Found(
            tuple(self._hit(table, row, column, needle) for table, row, column in chosen), more
        )

    def _hit(self, table: _Table, row: int, column: int, needle: str) -> Hit:
        searched = table.searched
        owners = self._owners(table, row)
        fields = table.fields(row)
        # A name shows from its start (the list elides its end); a text shows around the match.
        before = SNIPPET_WIDTH if column == 0 and table.has_label else SNIPPET_BEFORE
        snippet, start, end = _snippet(fields[2 + column], needle, before)
        in_label = column == 0 and table.has_label
        return Hit(
            workspace=searched.workspace,
            kind=searched.model.__tablename__,
            record_id=fields[0],
            label=self._label(table, row, owners),
            singular=searched.model.__singular__,
            field="" if in_label else _field_words(searched.columns[column].name),
            snippet=snippet,
            start=start,
            end=end,
            owners=owners,
            within=self._owner_name(owners),
        )

    def _owners(self, table: _Table, row: int) -> tuple[tuple[str, str], ...]:
        """The chain of records this one belongs to, nearest first."""
        chain: list[tuple[str, str]] = []
        current, record_id = table, table.fields(row)[0]
        while len(chain) < 5:  # a chain is two or three long; a loop in a forged file is not
            owner_id = current.owner_of(record_id)
            target = current.owner_table
            if owner_id is None or target is None:
                break
            chain.append((target, owner_id))
            following = self._tables.get(target)
            if following is None:
                break
            current, record_id = following, owner_id
        return tuple(chain)

    def _label(self, table: _Table, row: int, owners: tuple[tuple[str, str], ...]) -> str:
        """A record's name, or "<kind> of <its owner's name>" when it has none."""
        own = table.label(row)
        if own:
            return own
        singular = table.searched.model.__singular__.capitalize()
        name = self._owner_name(owners)
        return f"{singular} of {name}" if name else singular

    def _owner_name(self, owners: tuple[tuple[str, str], ...]) -> str:
        for kind, owner_id in owners:
            owner = self._tables.get(kind)
            name = owner.label_of(owner_id) if owner is not None else ""
            if name:
                return name
        return ""


def search(session: Session, text: str, limit: int = MAX_HITS) -> Found:
    """One search without keeping the index (the command line, a test)."""
    return FindIndex.build(session).search(text, limit)


_ROW = "\x1e"  # between rows in a table's words
_FIELD = "\x1f"  # between fields; both count as white space, so no needle holds them
_CHUNK_BITS = 8  # rows are read 256 to a string: few Python objects, each far below SQLite's limit


@dataclass
class _Table:
    """One model's searched words: each row as "id, owner id, fields" joined by ``_FIELD``
    (raw, for snippets and names), and all rows folded into one string for finding."""

    searched: _Searched
    rows: list[str]
    words: str
    starts: list[int]  # where each row begins in ``words``
    _by_id: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, searched: _Searched) -> _Table:
        query, one_by_one = _queries(searched.model.__tablename__)
        try:
            chunks = list(session.execute(query).scalars())
        except OperationalError:  # a forged file's huge texts: one row at a time
            session.rollback()
            chunks = list(session.execute(one_by_one).scalars())
        rows = [text for chunk in chunks if chunk for text in chunk.split(_ROW)]
        folded = fold(_ROW.join(rows)).split(_ROW) if rows else []
        if len(folded) != len(rows):  # folding never moves a separator; if it did, row by row
            folded = [fold(text) for text in rows]
        starts = list(accumulate((len(text) + 1 for text in folded[:-1]), initial=0))
        return cls(searched, rows, _ROW.join(folded), starts if rows else [])

    def fields(self, row: int) -> list[str]:
        """[id, owner id, searched fields...] of a row."""
        return self.rows[row].split(_FIELD)

    def values(self, row: int) -> list[str]:
        return self.fields(row)[2:]

    @property
    def has_label(self) -> bool:
        return self.searched.label is not None

    @property
    def owner_table(self) -> str | None:
        owner = self.searched.owner
        return None if owner is None else next(iter(owner.foreign_keys)).column.table.name

    def matches(self, needle: str, limit: int) -> Iterator[tuple[int, int]]:
        """(row, column) of up to ``limit`` matching records, the first matching column each."""
        count = 0
        at = self.words.find(needle)
        while at >= 0 and count < limit:
            row = bisect.bisect_right(self.starts, at) - 1
            values = self.values(row)
            column = next((i for i, text in enumerate(values) if needle in fold(text)), None)
            if column is not None and len(values) == len(self.searched.columns):
                count += 1
                yield row, column
            following = row + 1
            if following >= len(self.starts):
                break
            at = self.words.find(needle, self.starts[following])

    def key(self, row: int) -> str:
        values = self.values(row)
        return fold(values[0]) if values else ""

    def label(self, row: int) -> str:
        return shorten(self.values(row)[0], SNIPPET_WIDTH) if self.has_label else ""

    def row_of(self, record_id: str) -> int | None:
        if not self._by_id:
            self._by_id = {text.split(_FIELD, 1)[0]: row for row, text in enumerate(self.rows)}
        return self._by_id.get(record_id)

    def owner_of(self, record_id: str) -> str | None:
        row = self.row_of(record_id)
        return None if row is None else (self.fields(row)[1] or None)

    def label_of(self, record_id: str) -> str:
        row = self.row_of(record_id)
        return "" if row is None else self.label(row)


@cache
def _queries(table_name: str) -> tuple[Select[Any], Select[Any]]:
    """The queries reading a table's rows, 256 to a string and one by one (built once)."""
    searched = next(item for item in _everything() if item.model.__tablename__ == table_name)
    table: Table = searched.model.__table__  # type: ignore[assignment]
    parts = [table.c.id, _blank_if_null(searched.owner)]
    parts += [_clean(column) for column in searched.columns]
    row = parts[0]
    for part in parts[1:]:
        row = row.op("||")(_FIELD).op("||")(part)
    chunks = select(func.group_concat(row, _ROW)).group_by(
        literal_column(f"rowid >> {_CHUNK_BITS}")
    )
    return chunks, select(row)


def _clean(column: Column[Any]) -> Any:
    """A field as one piece of a row: never null, never holding a separator."""
    return func.replace(func.replace(func.coalesce(column, ""), _ROW, " "), _FIELD, " ")


def _blank_if_null(column: Column[Any] | None) -> Any:
    return literal("") if column is None else func.coalesce(column, "")


@cache
def _everything() -> tuple[_Searched, ...]:
    """Every model, described once from the registry (those without words too: they own
    records that have some)."""
    entries = [_describe("overview", Project)]
    for item in registry.specs():
        entries.extend(_describe(item.key, model) for model in item.models().values())
    return tuple(entries)


def _by_workspace(tables: Iterable[_Table]) -> Iterator[list[_Table]]:
    groups: dict[str, list[_Table]] = {}
    for table in tables:
        if table.searched.columns:
            groups.setdefault(table.searched.workspace, []).append(table)
    yield from groups.values()


def _describe(workspace: str, model: type[Record]) -> _Searched:
    table: Table = model.__table__  # type: ignore[assignment]
    label = label_field(model)
    columns = [column for column in table.columns if _is_words(column)]
    columns.sort(key=lambda column: column.name != label)  # the label field first
    owner = next(
        (column for column in table.columns if column.foreign_keys and not column.nullable),
        None,
    )
    if not columns or columns[0].name != label:
        label = None
    return _Searched(workspace, model, tuple(columns), label, owner)


def _is_words(column: Column[Any]) -> bool:
    limits = limits_of(column)
    return (
        limits.kind == "text"
        and not limits.identity
        and limits.choices is None
        and limits.glob is None
        and column.info.get("words", True)
    )


def _snippet(text: str, needle: str, before: int = SNIPPET_BEFORE) -> tuple[str, int, int]:
    """The words around the first match in ``text``, on one line, and where the match is."""
    flat = " ".join(text.split())
    folded: list[str] = []
    origin: list[int] = []  # index in ``flat`` of each folded character
    for index, char in enumerate(flat):
        for piece in fold(char):
            folded.append(piece)
            origin.append(index)
    at = "".join(folded).find(needle)
    if at < 0:  # folding a whole text and its characters one by one can differ
        return shorten(flat, SNIPPET_WIDTH), 0, 0
    start, end = origin[at], origin[at + len(needle) - 1] + 1
    begin = max(0, start - before)
    if begin > 0:  # start at a word
        space = flat.find(" ", begin, start)
        begin = space + 1 if space >= 0 else begin
    finish = min(len(flat), max(end, begin + SNIPPET_WIDTH))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if finish < len(flat) else ""
    shown = prefix + flat[begin:finish] + suffix
    offset = len(prefix) - begin
    return shown, start + offset, min(end, finish) + offset


def _field_words(name: str) -> str:
    return name.replace("_", " ").capitalize()
