"""A table checked column by column: each distinct text once, preview rows made on demand.

A 50,000-row tracker export has a few dozen distinct statuses, owners and sprints, and one title
per row. Checking a column means checking each of its distinct texts once and looking the other
cells up; a row of the preview (the dicts the dialog shows) is made only when something reads
it, so a preview of 50,000 rows costs about what its columns do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar, overload

from pmdesk.collector import collection_paused
from pmdesk.errors import ValidationError
from pmdesk.interchange.column_rows import ColumnRows, RowsInPlaceOfAList
from pmdesk.interchange.csv_table import CsvTable


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a cell that gives no value: blank (the field's default) or refused

T = TypeVar("T")


class TableColumns:
    """The cells of one table's columns, cut out once (a review builds its preview again at
    every choice the PM makes)."""

    def __init__(self, table: CsvTable) -> None:
        self.table = table
        self.count = len(table.rows)
        self._cut: list[Sequence[str]] | None = None

    def __getitem__(self, index: int) -> Sequence[str]:
        """Column ``index`` of every row, "" where a short row has no such cell."""
        if self._cut is None:
            with collection_paused():
                self._cut = self._transposed()
        if index < len(self._cut):
            return self._cut[index]
        return [cells[index] if index < len(cells) else "" for cells in self.table.rows]

    def _transposed(self) -> list[Sequence[str]]:
        width = len(self.table.headers)
        rows = self.table.rows
        if isinstance(rows, ColumnRows):  # read as columns already
            return list(rows.columns[:width])
        # Every named column at once: one pass over the rows, at C speed.
        if not rows:
            return [()] * width
        if min(map(len, rows)) < width:
            rows = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
        return list(zip(*rows, strict=False))[:width]  # cells past the last name: no column

    def texts(self, indexes: Iterable[int]) -> Iterable[str]:
        """Every cell of the columns ``indexes``, column after column (to count values)."""
        return chain.from_iterable(map(self.__getitem__, indexes))


@dataclass(frozen=True)
class CheckedColumn:
    """One field's cells after its rule: what each distinct text becomes, and the rows refused.
    A column whose every cell gives a value of its own (titles) keeps them in ``values``."""

    texts: Sequence[Hashable]  # per row, what was checked (a cell's text, or several cells)
    outcome: Mapping[Hashable, Any]  # distinct text -> the value to store, or MISSING
    problems: Mapping[int, str]  # row -> why its cell is refused
    missing: frozenset[Hashable] = frozenset()  # the texts that give no value
    values: Sequence[Any] | None = None  # per row, instead of ``outcome``

    def value(self, row: int) -> Any:
        if self.values is not None:
            return self.values[row]
        return self.outcome[self.texts[row]]

    def stored(self, rows: Sequence[int] | None, default: Any) -> Sequence[Any]:
        """The value each of ``rows`` (every row for None) stores, ``default`` where the cell
        gives none."""
        every = rows is None or len(rows) == len(self.texts)  # indexes are distinct
        if self.values is not None:
            return self.values if every else list(map(self.values.__getitem__, rows))  # type: ignore[arg-type]
        table = self.outcome
        if self.missing:
            table = {**table, **dict.fromkeys(self.missing, default)}
        texts = self.texts if every else map(self.texts.__getitem__, rows)  # type: ignore[arg-type]
        return list(map(table.__getitem__, texts))

    def every_value(self) -> Sequence[Any]:
        """Each row's value, MISSING where it gives none."""
        if self.values is not None:
            return self.values
        return list(map(self.outcome.__getitem__, self.texts))


def combined(function: Callable[..., T], *columns: Sequence[Hashable]) -> list[T]:
    """``function(*cells)`` for each row's cells of ``columns``, computed once for each distinct
    combination. Rows share the results: no object is kept per row (the cycle collector walks
    every one of them)."""
    if len(columns) == 1:
        once = {cell: function(cell) for cell in set(columns[0])}
        return list(map(once.__getitem__, columns[0]))
    memo = {cells: function(*cells) for cells in set(zip(*columns, strict=True))}
    return list(map(memo.__getitem__, zip(*columns, strict=True)))


def check_column(
    texts: Sequence[Hashable],
    check: Callable[[Any], Any],
    at_once: Callable[[Sequence[Hashable]], Sequence[Any] | None] | None = None,
) -> CheckedColumn:
    """``check`` each distinct text of a column once. It returns the value to store (MISSING
    for none) or raises ValidationError, whose sentence (without its full stop: a row's
    problems are listed together) is the problem of every row holding that text.

    ``at_once``, when given, checks every cell together and returns each row's value, or None
    when a cell needs ``check``'s word (a column of titles: one call, not 50,000)."""
    if at_once is not None:
        values = at_once(texts)
        if values is not None:
            return CheckedColumn(texts, {}, {}, values=values)
    outcome: dict[Hashable, Any] = {}
    refused: dict[Hashable, str] = {}
    distinct = set(texts)
    for text in distinct:
        try:
            outcome[text] = check(text)
        except ValidationError as error:
            outcome[text] = MISSING
            refused[text] = str(error).rstrip(".")
    problems: dict[int, str] = {}
    if refused:
        problems = {row: refused[text] for row, text in enumerate(texts) if text in refused}
    return CheckedColumn(texts, outcome, problems, _missing(outcome))


def _missing(outcome: Mapping[Hashable, Any]) -> frozenset[Hashable]:
    if MISSING not in outcome.values():  # compares by identity first: one pass at C speed
        return frozenset()
    return frozenset(text for text, value in outcome.items() if value is MISSING)


class LazyRows(RowsInPlaceOfAList[T]):
    """The rows at ``indexes``, each made by ``make(index)`` when read. The last few hundred
    made are kept, as a view asks for the same rows at every paint."""

    KEPT = 500

    def __init__(self, indexes: Sequence[int], make: Callable[[int], T]) -> None:
        self._indexes = indexes
        self._make = make
        self._kept: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self._indexes)

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> list[T]: ...

    def __getitem__(self, position: int | slice) -> T | list[T]:
        if isinstance(position, slice):
            return [self._row(index) for index in self._indexes[position]]
        return self._row(self._indexes[position])

    def __iter__(self) -> Iterator[T]:
        return map(self._row, self._indexes)

    def _row(self, index: int) -> T:
        row = self._kept.get(index)
        if row is None:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            row = self._kept[index] = self._make(index)
        return row

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"
