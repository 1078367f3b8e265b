"""Every file that is not a healthy project is refused with a sentence, and left as it was."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from pmdesk import cli
from pmdesk.errors import FormatVersionError, NotAProjectError
from pmdesk.store.document import Document
from pmdesk.store.paths import working_dir
from tests.support import snapshot


def _empty(folder: Path, _sample: Path) -> Path:
    path = folder / "empty.pmdb"
    path.write_bytes(b"")
    return path


def _random(folder: Path, _sample: Path) -> Path:
    path = folder / "noise.pmdb"
    path.write_bytes(bytes((index * 7919) % 251 for index in range(8192)))
    return path


def _zip(folder: Path, _sample: Path) -> Path:
    path = folder / "archive.pmdb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "quarterly plan")
    return path


def _other_app(folder: Path, _sample: Path) -> Path:
    path = folder / "contacts.pmdb"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    return path


def _newer(folder: Path, sample: Path) -> Path:
    path = folder / "future.pmdb"
    path.write_bytes(sample.read_bytes())
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA user_version=7")
    connection.execute("UPDATE pmdesk_meta SET value='7' WHERE key='min_reader_format'")
    connection.execute("UPDATE pmdesk_meta SET value='3.2.0' WHERE key='app_version'")
    connection.close()
    return path


def _truncated(folder: Path, sample: Path) -> Path:
    path = folder / "cut.pmdb"
    path.write_bytes(sample.read_bytes()[: 3 * 4096 + 100])
    return path


def _with_trigger(folder: Path, sample: Path) -> Path:
    path = folder / "trap.pmdb"
    path.write_bytes(sample.read_bytes())
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TRIGGER spy AFTER UPDATE ON project BEGIN DELETE FROM project; END")
    connection.close()
    return path


CASES = [
    (_empty, NotAProjectError, "“empty.pmdb” is empty (0 bytes), so it is not a PM Desk project."),
    (
        _random,
        NotAProjectError,
        "“noise.pmdb” is not a PM Desk project (it is not a database file).",
    ),
    (_zip, NotAProjectError, "“archive.pmdb” is a zip archive renamed to .pmdb"),
    (_other_app, NotAProjectError, "“contacts.pmdb” is a database of another application"),
    (
        _newer,
        FormatVersionError,
        "“future.pmdb” was saved by PM Desk 3.2.0 in project format 7; this PM Desk (0.1.0) "
        "reads formats up to 2.",
    ),
    (_truncated, NotAProjectError, "“cut.pmdb” is damaged: it is shorter than it should be"),
    (_with_trigger, NotAProjectError, "“trap.pmdb” contains a trigger called “spy”"),
]


@pytest.mark.parametrize(
    ("make", "error", "message"), CASES, ids=lambda case: getattr(case, "__name__", "")
)
def test_bad_file_is_refused_with_a_sentence_and_left_untouched(
    tmp_path, sample_file, make, error, message
):
    path = make(tmp_path, sample_file)
    before = snapshot(path)
    leftovers = set(working_dir().iterdir())
    with pytest.raises(error) as raised:
        Document.open(path)
    assert str(raised.value).startswith(message)
    assert snapshot(path) == before
    assert set(working_dir().iterdir()) == leftovers  # no working copy left behind


def test_missing_file_names_the_file_and_folder(tmp_path):
    with pytest.raises(NotAProjectError, match=r"“gone\.pmdb” does not exist \(looked in "):
        Document.open(tmp_path / "gone.pmdb")


def test_a_folder_is_not_a_project(tmp_path):
    (tmp_path / "folder.pmdb").mkdir()
    with pytest.raises(NotAProjectError, match="is a folder"):
        Document.open(tmp_path / "folder.pmdb")


# -- damage wins over what the other checks find ----------------------------------------------


def _unused_page(data: bytearray, _schema: dict[str, int]) -> None:
    """One page more than any b-tree uses: SQLite reads every record as before, only its
    integrity check sees the stray page."""
    page_size = int.from_bytes(data[16:18], "big")
    pages = int.from_bytes(data[28:32], "big")
    data[28:32] = (pages + 1).to_bytes(4, "big")
    data.extend(bytes(page_size))


def _broken_index_page(data: bytearray, schema: dict[str, int]) -> None:
    """The criteria's id index gets a page type SQLite does not know: a lookup through it
    fails with an error of its own."""
    page_size = int.from_bytes(data[16:18], "big")
    data[(schema["sqlite_autoindex_criteria_1"] - 1) * page_size] = 0x2A


@pytest.mark.parametrize("damage", [_unused_page, _broken_index_page])
def test_a_damaged_file_whose_records_also_break_the_rules_is_called_damaged(
    sample_file, capsys, damage
):
    connection = sqlite3.connect(sample_file, isolation_level=None)
    connection.execute(
        "UPDATE criteria SET weight = 1e308 WHERE id = (SELECT min(id) FROM criteria)"
    )
    connection.execute(
        "UPDATE roadmap_items SET start = '2026-05-01', \"end\" = '2026-04-01' "
        "WHERE id = (SELECT min(id) FROM roadmap_items)"
    )
    schema = dict(connection.execute("SELECT name, rootpage FROM sqlite_schema").fetchall())
    connection.close()
    data = bytearray(sample_file.read_bytes())
    damage(data, schema)
    sample_file.write_bytes(bytes(data))
    before = snapshot(sample_file)
    leftovers = set(working_dir().iterdir())
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file)
    assert str(raised.value) == (
        "“sample.pmdb” is damaged and cannot be opened safely. Restore a backup or ask for a "
        "fresh copy."
    )
    assert cli.main(["check", str(sample_file)]) == 1
    assert capsys.readouterr().err == f"pmdesk: {raised.value}\n"  # check says the same
    assert snapshot(sample_file) == before
    assert set(working_dir().iterdir()) == leftovers
