"""Which tool wrote a file, its dates and markup; what kind of file a PM picked."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from pmdesk.errors import InterchangeError
from pmdesk.interchange.detect import detect
from pmdesk.interchange.tables import SheetChoiceError, read_table
from pmdesk.interchange.trackers import plain_text, source_kind, tracker_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Tue Aug 23 2022 13:54:01 GMT+0000 (GMT)", date(2022, 8, 23)),  # Linear
        ("23/Aug/22 1:54 PM", date(2022, 8, 23)),  # Jira in English
        ("23/août/22 13:54", date(2022, 8, 23)),  # ... French
        ("05/ene/23 10:00 AM", date(2023, 1, 5)),  # ... Spanish
        ("07/Mär/24 09:00", date(2024, 3, 7)),  # ... German
        ("2022-08-23T13:54:01.000Z", date(2022, 8, 23)),
        ("Aug 23, 2022", date(2022, 8, 23)),
        ("03/04/2026", None),  # day or month first? not guessed
        ("31/Feb/22", None),
    ],
)
def test_tracker_dates(text, day):
    assert tracker_date(text) == day


def test_jira_and_markdown_markup_become_plain_text():
    jira = "h2. Goal\n*Bold* and _italic_, {{code}}, [docs|https://x.example]\n* one\n* two"
    assert plain_text(jira) == "Goal\nBold and italic, code, docs (https://x.example)\n• one\n• two"
    markdown = "## Why\n- **customers** ask\n- see [the brief](https://x.example) `now`"
    assert plain_text(markdown) == "Why\n• customers ask\n• see the brief (https://x.example) now"
    assert plain_text("snake_case_name and 3-4-5 stay") == "snake_case_name and 3-4-5 stay"


def test_which_tracker_wrote_a_file():
    assert source_kind(["Summary", "Issue key", "Status"]) == "jira"
    assert source_kind(["Résumé", "Clé de ticket"]) == "jira"
    assert source_kind(["ID", "Title", "Cycle Name"]) == "linear"
    assert source_kind(["ID", "Pri", "Status", "AllLabels"]) == "chromium"
    assert source_kind(["ID", "Work Item Type", "State"]) == "azure-devops"
    assert source_kind(["Name", "Influence"]) == "csv"


def test_kinds_of_file(tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("Title\nx\n", encoding="utf-8")
    mspdi = tmp_path / "plan.xml"
    mspdi.write_text(
        '<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><Name/>',
        encoding="utf-8",
    )
    archive = tmp_path / "notes.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hi")
    project = tmp_path / "p.pmdb"
    project.write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert [detect(p).key for p in (csv, mspdi, archive, project)] == [
        "csv",
        "mspdi",
        "zip",
        "sqlite",
    ]
    with pytest.raises(InterchangeError, match="is an MS Project XML file, which PM Desk"):
        read_table(mspdi)


def test_a_workbook_reads_dates_and_whole_numbers_as_people_see_them(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Issues"
    sheet.append(["Summary", "Due", "Points", None])
    sheet.append(["Offline", date(2026, 3, 31), 5.0, None])
    path = tmp_path / "issues.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ["Summary", "Due", "Points"]
    assert table.rows == [["Offline", "2026-03-31", "5"]]
    assert table.describe() == "1 row, 3 columns, sheet “Issues” of an Excel workbook"
    book.create_sheet("More").append(["a", "b"])
    book["More"].append(["c", "d"])
    book.save(path)
    with pytest.raises(SheetChoiceError) as error:
        read_table(path)
    assert error.value.sheets == ["Issues", "More"]
    assert read_table(path, sheet="More").rows == [["c", "d"]]
