"""Generic CSV reading: encodings, separators, bad files, column guessing, row previews."""

from __future__ import annotations

import codecs

import pytest

from pmdesk.errors import InterchangeError
from pmdesk.interchange.csv_table import (
    FieldSpec,
    build_preview,
    csv_text,
    guess_mapping,
    read_csv_bytes,
    read_csv_file,
    write_csv,
)

FIELDS = [
    FieldSpec("name", "Name", required=True, aliases=("full name",)),
    FieldSpec("score", "Score", required=True),
    FieldSpec("note", "Note"),
]


def _check(raw):
    problems = [] if raw["score"].isdigit() else [f"score “{raw['score']}” is not a number"]
    return ({"name": raw["name"]}, problems)


@pytest.mark.parametrize(
    ("data", "delimiter", "encoding"),
    [
        (b"Name,Score\nAna,3\n", ",", "UTF-8"),
        (codecs.BOM_UTF8 + b"Name;Score\r\nAna;3\r\n", ";", "UTF-8 with BOM"),
        ("Name\tScore\nAna\t3\n".encode("utf-16"), "\t", "UTF-16"),
        (b'"Name, full";Score\nAna;3\n', ";", "UTF-8"),  # a comma inside quotes is no separator
    ],
)
def test_encodings_and_separators_are_recognised(data, delimiter, encoding):
    table = read_csv_bytes(data, "“x.csv”")
    assert table.delimiter == delimiter
    assert table.encoding == encoding
    assert table.rows == [["Ana", "3"]]


def test_quoted_cells_may_hold_separators_and_line_breaks():
    table = read_csv_bytes(b'Name,Note\n"Lee, Ann","two\nlines"\nBo,x\n', "f")
    assert table.rows == [["Lee, Ann", "two\nlines"], ["Bo", "x"]]
    assert table.lines == [2, 4]  # the line each row starts on, where a spreadsheet shows it


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "“x.csv” is empty: there is nothing to import."),
        (b"\n\n  \n", "“x.csv” is empty: there is nothing to import."),
        (b"Name,Score\n", "“x.csv” has column names but no rows to import."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "“x.csv” is not a CSV file: it holds binary data.",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "“x.csv” is not a CSV file: it holds binary data."),
        ("Name\nJosé\n".encode("latin-1"), "“x.csv” is not UTF-8 text."),
        (b"Name,name\nA,B\n", "“x.csv” has the column “Name” more than once."),
    ],
)
def test_files_that_are_not_usable_csv_are_refused_with_a_sentence(data, message):
    with pytest.raises(InterchangeError) as error:
        read_csv_bytes(data, "“x.csv”")
    assert str(error.value).startswith(message)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InterchangeError, match=r"“nope\.csv” does not exist"):
        read_csv_file(tmp_path / "nope.csv")


def test_columns_are_matched_by_name_label_or_alias_ignoring_case_and_spaces():
    mapping = guess_mapping(["Full Name", "SCORE", "Other"], FIELDS)
    assert mapping == {"name": 0, "score": 1, "note": None}


def test_the_preview_gives_each_bad_row_its_reasons():
    table = read_csv_bytes(b"Name,Score\nAna,3\nBo,high\nana,4\nCy,1,extra\n", "f")
    preview = build_preview(
        table, FIELDS, guess_mapping(table.headers, FIELDS), _check, unique="name", taken=["Cy"]
    )
    assert [row.ok for row in preview.rows] == [True, False, False, False]
    assert preview.rows[1].problems == ["score “high” is not a number"]
    assert preview.rows[2].problems == ["Name “ana” is also on line 2"]
    assert preview.rows[3].problems == [
        "has 3 values but the file has 2 columns",
        "Name “Cy” is already in the project",
    ]
    assert preview.summary() == "1 row ready to import, 3 rows with problems will be skipped."


def test_a_missing_required_column_blocks_the_whole_import():
    table = read_csv_bytes(b"Name,Note\nAna,x\n", "f")
    preview = build_preview(table, FIELDS, guess_mapping(table.headers, FIELDS), _check)
    assert preview.missing == ["Score"]
    assert preview.good_rows == [] and not preview.can_import
    assert preview.summary() == "The file has no column for “Score”; choose the column to use."


def test_written_csv_reads_back_the_same(tmp_path):
    target = tmp_path / "out.csv"
    write_csv(target, ["Name", "Note"], [["Ana", 'says "hi", twice'], ["Bo", None]])
    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    table = read_csv_file(target)
    assert table.rows == [["Ana", 'says "hi", twice'], ["Bo", ""]]
    assert csv_text(["A"], []) == "\ufeffA\n"


def test_excels_sep_line_names_the_separator():
    data = b'sep=;\nName;Note\n"Lee; Ann";"two\nlines"\nBo;1,5\n'
    table = read_csv_bytes(b"\xef\xbb\xbf" + data, "f")  # Excel writes it after the mark
    assert table.headers == ["Name", "Note"]
    assert table.rows == [["Lee; Ann", "two\nlines"], ["Bo", "1,5"]]
    assert table.delimiter == ";"
    assert table.lines == [3, 5]  # counted in the file as the PM sees it, "sep=;" included


def test_a_quote_that_is_never_closed_is_refused_naming_the_line_its_row_starts_on():
    data = b'Name,Role\nAna,PM\nBen,"Dev\nCara,QA\nDan,Ops\n'
    with pytest.raises(InterchangeError) as raised:
        read_csv_bytes(data, "“team.csv”")
    assert str(raised.value) == (
        "“team.csv” has a quote on line 3 that is never closed, so everything after it would "
        "be read as one value. Close the quote, or remove it, and import again."
    )


def test_a_stray_quote_inside_a_value_is_read_as_spreadsheets_do():
    table = read_csv_bytes(b'Name,Screen\nAna,5" wide\nBen,"7"\n', "f")
    assert table.rows == [["Ana", '5" wide'], ["Ben", "7"]]
