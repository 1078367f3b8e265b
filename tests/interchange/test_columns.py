"""A table checked column by column: each distinct text once, rows made when read."""

from __future__ import annotations

import re

import pytest

from pmdesk.errors import ValidationError
from pmdesk.interchange.bulk import new_ids
from pmdesk.interchange.columns import (
    MISSING,
    LazyRows,
    TableColumns,
    check_column,
    combined,
)
from pmdesk.interchange.csv_table import CsvTable


def test_columns_fill_short_rows_with_empty_cells():
    table = CsvTable(
        ["A", "B", "C"], [["1", "2", "3"], ["4"], ["5", "6", "7", "extra"]], [2, 3, 4], ",", "UTF-8"
    )
    columns = TableColumns(table)
    assert list(columns[0]) == ["1", "4", "5"]
    assert list(columns[2]) == ["3", "", "7"]
    assert list(columns[3]) == ["", "", "extra"]  # past the names: still read
    assert list(columns.texts([1, 2])) == ["2", "", "6", "3", "", "7"]


def test_each_distinct_text_is_checked_once_and_refusals_name_their_rows():
    seen: list[str] = []

    def check(text: str) -> object:
        seen.append(text)
        if text == "bad":
            raise ValidationError("That is bad.")
        return MISSING if not text else text.upper()

    column = check_column(["a", "bad", "a", "", "bad"], check)
    assert sorted(seen) == ["", "a", "bad"]
    assert column.problems == {1: "That is bad", 4: "That is bad"}
    assert [column.value(row) for row in range(5)] == ["A", MISSING, "A", MISSING, MISSING]
    assert column.stored(None, "dflt") == ["A", "dflt", "A", "dflt", "dflt"]
    assert column.stored([0, 3], "dflt") == ["A", "dflt"]


def test_a_column_checked_at_once_keeps_its_values_per_row():
    def stripped(texts):
        return [text.strip() for text in texts]

    column = check_column(["x ", "y"], lambda _text: pytest.fail("not one by one"), stripped)
    assert column.values == ["x", "y"]
    assert column.value(0) == "x" and column.stored(None, "dflt") == ["x", "y"]
    refusing = check_column(["x", ""], lambda text: text or MISSING, lambda _texts: None)
    assert refusing.values is None and refusing.stored(None, "dflt") == ["x", "dflt"]


def test_combinations_are_computed_once_each():
    calls: list[tuple[str, ...]] = []

    def join(*cells: str) -> str:
        calls.append(cells)
        return "+".join(cells)

    assert combined(join, ["a", "b", "a"], ["1", "2", "1"]) == ["a+1", "b+2", "a+1"]
    assert sorted(calls) == [("a", "1"), ("b", "2")]
    assert combined(str.upper, ["a", "a"]) == ["A", "A"]


def test_lazy_rows_are_made_when_read_and_compare_as_lists():
    made: list[int] = []

    def make(index: int) -> str:
        made.append(index)
        return f"row {index}"

    rows = LazyRows([4, 7, 9], make)
    assert made == []
    assert len(rows) == 3 and rows[1] == "row 7" and rows[-1] == "row 9"
    assert rows[:2] == ["row 4", "row 7"]
    assert rows == ["row 4", "row 7", "row 9"]
    assert LazyRows([], make) == []
    assert made.count(7) == 1  # kept while in view


def test_new_ids_are_distinct_version_4_uuids_in_order():
    ids = new_ids(2_000)
    shape = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    assert all(shape.match(record_id) for record_id in ids)
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    assert set(new_ids(2_000)).isdisjoint(ids)  # each import draws its own
    assert new_ids(1) != new_ids(1) and new_ids(0) == []
