"""A table's rows kept as its columns.

A 50,000-row file read as rows is 50,000 lists, every one of which the cycle collector walks
at each of its passes while the import runs (a tenth of a large import's time). Kept as one
tuple per column they are a dozen objects, and an import that reads its fields column by
column (:mod:`pmdesk.interchange.columns`) takes them as they are. A row is made only when
one is read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import starmap
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class RowsInPlaceOfAList(Sequence[T], Generic[T]):
    """Rows held some other way than a list, equal to any sequence of the same rows, as the
    list they stand in for would be (tests and callers compare them with lists)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class ColumnRows(RowsInPlaceOfAList[list[str]]):
    """Rows of at most ``width`` cells, each row read back as the list it was."""

    def __init__(self, rows: Sequence[list[str]], width: int) -> None:
        """``rows`` each hold at most ``width`` cells (see :meth:`fits`); a shorter one is
        padded with "" in :attr:`columns` and keeps its own length as a row."""
        padded = rows
        self._lengths: list[int] | None = None
        if rows and min(map(len, rows)) < width:
            self._lengths = list(map(len, rows))
            padded = [row + [""] * (width - len(row)) for row in rows]
        self.columns: list[tuple[str, ...]] = (
            list(zip(*padded, strict=True)) if rows else [()] * width
        )
        self._count = len(rows)

    @classmethod
    def fits(cls, rows: Sequence[list[str]], width: int) -> bool:
        """Whether no row has more cells than ``width`` (the file's column names): a row
        with thousands of stray separators would make that many columns of every row."""
        return max(map(len, rows), default=0) <= width

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> list[list[str]]: ...

    def __getitem__(self, index: int | slice) -> list[str] | list[list[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        row = [column[index] for column in self.columns]
        if self._lengths is not None:
            del row[self._lengths[index] :]
        return row

    def __iter__(self) -> Iterator[list[str]]:
        rows = map(list, zip(*self.columns, strict=True))
        if self._lengths is None:
            return rows
        return starmap(_cut, zip(rows, self._lengths, strict=True))

    def __repr__(self) -> str:
        return f"<{self._count} rows of {len(self.columns)} columns>"


def _cut(row: list[str], length: int) -> list[str]:
    del row[length:]
    return row
