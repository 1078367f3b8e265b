"""A file's rows kept as columns read back exactly as the rows they were."""

from __future__ import annotations

from pmdesk.interchange.column_rows import ColumnRows
from pmdesk.interchange.columns import TableColumns
from pmdesk.interchange.csv_table import read_csv_bytes


def test_rows_read_back_as_they_were_short_ones_included():
    given = [["a", "b", "c"], ["d"], ["e", "f", ""]]
    rows = ColumnRows(given, 3)
    assert rows == given and list(rows) == given
    assert rows[1] == ["d"] and rows[-1] == ["e", "f", ""] and rows[1:] == given[1:]
    assert len(rows) == 3 and rows.columns[1] == ("b", "", "f")
    assert ColumnRows([], 2) == [] and ColumnRows([], 2).columns == [(), ()]


def test_a_file_is_read_as_columns_unless_a_row_is_longer_than_its_names():
    table = read_csv_bytes(b"Title,Owner\nOne,Sam\nTwo\n", "list.csv")
    assert isinstance(table.rows, ColumnRows)
    assert table.rows == [["One", "Sam"], ["Two"]] and table.lines == [2, 3]
    assert list(TableColumns(table)[1]) == ["Sam", ""]

    stray = read_csv_bytes(b"Title,Owner\nOne,Sam" + b"," * 5 + b"x\n", "list.csv")
    assert not isinstance(stray.rows, ColumnRows)  # not six columns of every row
    assert stray.rows == [["One", "Sam", "", "", "", "", "x"]]
