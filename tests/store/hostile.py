"""Hostile variants of a project file, derived from the models (so a new workspace is covered
the day it lands): wrong types, values out of range, unknown kinds, impossible dates, long and
strange texts, broken references and edits of the schema, each in one record of the sample.

Each variant says what ``check`` must do with it: ``"refuse"`` (the file breaks a rule),
``"accept"`` (an extreme but valid value), or ``None`` (either is fine, as long as nothing
crashes and a refusal is one sentence).
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table

from pmdesk import registry
from pmdesk.domain.allowed import Limits, limits_of

Apply = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Variant:
    name: str  # what was done, to read in a failure
    table: str
    expect: str | None  # "refuse", "accept" or None
    apply: Apply

    def write(self, source: Path, target: Path) -> None:
        target.write_bytes(source.read_bytes())
        connection = sqlite3.connect(target, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys=OFF")
            self.apply(connection)
        finally:
            connection.close()


def _values(limits: Limits) -> Iterator[tuple[str, Any, str | None]]:
    """(label, SQL literal, expectation) for one column's hostile values."""
    yield "a blob", "x'00ff10'", "refuse"
    if limits.nullable:
        yield "nothing", "NULL", "accept"
    if limits.kind == "bool":
        yield from (("2", "2", "refuse"), ("text", "'yes'", "refuse"), ("0", "0", "accept"))
    elif limits.kind in ("int", "float"):
        low, high = limits.low, limits.high
        yield "text", "'many'", "refuse"
        yield "the lowest allowed", repr(low if limits.kind == "float" else int(low)), "accept"
        yield "the highest allowed", repr(high if limits.kind == "float" else int(high)), "accept"
        yield "above the range", repr(high + 1), "refuse"
        yield "below the range", repr(low - 1), "refuse"
        yield "a 63-bit number", str(2**62), "refuse"
        if limits.kind == "float":
            yield "infinity", "9e999", "refuse"
            yield "minus infinity", "-9e999", "refuse"
            yield "1e308", "1e308", "refuse"
        else:
            yield "a fraction", "1.5", "refuse"
    elif limits.kind == "date":
        yield "month 13", "'2026-13-45'", "refuse"
        yield "30 February", "'2026-02-30'", "refuse"
        yield "year 0", "'0000-01-01'", "refuse"
        yield "a number", "20260101", "refuse"
        yield "a time", "'10:00:00.5'", "refuse"
        yield "text", "'next week'", "refuse"
        yield "year 1", "'0001-01-01'", "accept"
        yield "year 999", "'0999-06-15'", "accept"
        yield "year 9999", "'9999-12-31'", "accept"
        yield "29 February of a leap year", "'2024-02-29'", "accept"
    elif limits.kind == "datetime":
        yield "month 13", "'2026-13-45 10:00:00.000000'", "refuse"
        yield "hour 24", "'2026-01-01 24:00:00.000000'", "refuse"
        yield "a T between date and time", "'2026-01-01T10:00:00'", "refuse"
        yield "a number", "2461000.5", "refuse"
        yield "no seconds, padded with spaces", "'2026-01-01 10:00   '", "refuse"
        yield "a short fraction and a zone", "'2026-01-01 10:00:00.1234Z'", "refuse"
        yield "year 999", "'0999-01-01 00:00:00.000000'", "accept"
        yield "the last second", "'9999-12-31 23:59:59.000000'", "accept"
    else:
        assert limits.max_length is not None
        yield "bytes that are not UTF-8", "CAST(x'c328e282' AS TEXT)", "refuse"
        yield "a number", "12345", "refuse" if limits.identity or limits.choices else None
        yield "text too long", f"'{'x' * (limits.max_length + 1)}'", "refuse"
        if limits.identity:
            yield "not a UUID", "'not-a-uuid'", "refuse"
        elif limits.glob is not None:
            yield "not the shape it must have", "'x' || " + _sql(limits.glob[:1]), "refuse"
        elif limits.choices is not None:
            yield "an unknown kind", "'bogus'", "refuse"
            yield "an allowed kind", _sql(limits.choices[-1]), "accept"
        else:
            longest = min(limits.max_length, 5_000)
            yield "the longest allowed text", f"'{'w' * longest}'", None
            yield "lines and tabs", "'first line' || char(10) || 'second' || char(9) || 'end'", None
            yield "emoji and right-to-left", _sql("🚀 مرحبا שלום ✓"), None
            yield "control characters", "'bell' || char(7) || char(0) || 'nul'", None
            yield "empty", "''", None


def _sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _set(table: str, column: str, literal: str) -> Apply:
    def apply(connection: sqlite3.Connection) -> None:
        # Every record has an id; the merge history's table has no rowid.
        row = connection.execute(f'SELECT id FROM "{table}" ORDER BY id LIMIT 1').fetchone()
        connection.execute(f'UPDATE "{table}" SET "{column}" = {literal} WHERE id = ?', row)

    return apply


def _dangling(table: str, column: str) -> Apply:
    return _set(table, column, _sql(str(uuid.UUID(int=7))))


def _schema_edits(table: Table) -> Iterator[Variant]:
    name = table.name
    tied = {column.key for index in table.indexes for column in index.columns}
    tied |= {column.key for key in table.foreign_keys for column in [key.parent]}
    for constraint in table.constraints:
        tied |= {column.key for column in getattr(constraint, "columns", ())}
    other = [column.key for column in table.columns if column.key not in tied][-1]

    def rename(connection: sqlite3.Connection) -> None:
        connection.execute(f'ALTER TABLE "{name}" RENAME COLUMN "{other}" TO "{other}_old"')

    def drop(connection: sqlite3.Connection) -> None:
        for index in table.indexes:
            connection.execute(f'DROP INDEX IF EXISTS "{index.name}"')
        connection.execute(f'ALTER TABLE "{name}" DROP COLUMN "{other}"')

    def extra(connection: sqlite3.Connection) -> None:
        connection.execute(f'ALTER TABLE "{name}" ADD COLUMN secret TEXT')

    def drop_table(connection: sqlite3.Connection) -> None:
        connection.execute(f'DROP TABLE "{name}"')

    yield Variant(f"{name}: column {other} renamed", name, "refuse", rename)
    yield Variant(f"{name}: column {other} removed", name, "refuse", drop)
    yield Variant(f"{name}: an extra column", name, "refuse", extra)
    yield Variant(f"{name}: the table removed", name, None, drop_table)


def variants(sample: Path) -> list[Variant]:
    """Every hostile variant of ``sample`` the models call for, in a stable order."""
    connection = sqlite3.connect(sample)
    try:
        filled = {
            table.name
            for table in registry.metadata().sorted_tables
            if connection.execute(f'SELECT 1 FROM "{table.name}" LIMIT 1').fetchone()
        }
    finally:
        connection.close()
    found: list[Variant] = []
    ruled = set(registry.record_rules())
    for table in registry.metadata().sorted_tables:
        if table.name not in filled:
            continue
        found.extend(_schema_edits(table))
        for column in table.columns:
            limits = limits_of(column)
            if column.primary_key:
                continue  # a record without its id is not a record; the schema check covers it
            for label, literal, expect in _values(limits):
                if literal == "NULL" and not limits.nullable:
                    continue
                if expect == "accept" and table.name in ruled:
                    expect = None  # the workspace's own rule may be stricter than the column
                where = f"{table.name}.{column.key}"
                found.append(
                    Variant(
                        f"{where} = {label}", table.name, expect, _set(*where.split("."), literal)
                    )
                )
            if column.foreign_keys:
                found.append(
                    Variant(
                        f"{table.name}.{column.key} points at nothing",
                        table.name,
                        "refuse",
                        _dangling(table.name, column.key),
                    )
                )
    return found


def chosen(sample: Path, refusals: int, others: int, seed: int = 19) -> list[Variant]:
    """Variants picked with a fixed seed: ``refusals`` that check must refuse (cheap to try),
    and ``others`` that it may accept (each then goes through every command and page)."""
    everything = variants(sample)
    picker = random.Random(seed)
    bad = [variant for variant in everything if variant.expect == "refuse"]
    rest = [variant for variant in everything if variant.expect != "refuse"]
    picked = picker.sample(bad, min(refusals, len(bad))) + picker.sample(
        rest, min(others, len(rest))
    )
    return sorted(picked, key=lambda variant: variant.name)
