"""Opening from a copy started in a thread while the project code loads (``copy_in``): the same
project, the same refusals in the same sentences, and never a working copy left behind."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from pmdesk.domain.project import get_project
from pmdesk.errors import NotAProjectError
from pmdesk.store import checked, copy_in, inspect
from pmdesk.store.copy_in import CopyIn
from pmdesk.store.document import Document
from pmdesk.store.paths import working_dir
from tests.support import snapshot


def _names(document: Document) -> list[str]:
    rows = document.session.connection().exec_driver_sql("SELECT name FROM stakeholders")
    return sorted(name for (name,) in rows)


def _working_copies() -> set[Path]:
    return set(working_dir().glob("*.pmdb"))


def test_a_copy_started_in_a_thread_opens_the_same_project(sample_file):
    plain = Document.open(sample_file)
    expected = (get_project(plain.session).name, _names(plain), plain.fingerprint)
    plain.close()
    checked.memory_path().unlink(missing_ok=True)  # a first open: every check runs
    before = snapshot(sample_file)
    copied = CopyIn.start(sample_file)
    document = Document.open(sample_file, copied=copied)
    try:
        assert document.working_path == copied.working
        assert (get_project(document.session).name, _names(document), document.fingerprint) == (
            expected
        )
        assert copied.pages_passed() is True  # the page check ran in the thread
    finally:
        document.close()
    assert not copied.working.exists()
    assert snapshot(sample_file) == before


def test_bytes_checked_before_skip_the_page_check_in_the_thread_too(sample_file):
    Document.open(sample_file).close()  # remembered as checked
    copied = CopyIn.start(sample_file)
    Document.open(sample_file, copied=copied).close()
    assert copied.pages_passed() is None


def test_a_damaged_file_is_refused_in_the_same_sentence_and_leaves_nothing(sample_file):
    connection = sqlite3.connect(sample_file, isolation_level=None)
    connection.execute(
        "UPDATE criteria SET weight = 1e308 WHERE id = (SELECT min(id) FROM criteria)"
    )
    connection.close()
    data = bytearray(sample_file.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = int.from_bytes(data[28:32], "big")
    data[28:32] = (pages + 1).to_bytes(4, "big")  # a stray page only the page check sees
    data.extend(bytes(page_size))
    sample_file.write_bytes(bytes(data))
    before = snapshot(sample_file)
    leftovers = _working_copies()
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file, copied=CopyIn.start(sample_file))
    assert str(raised.value) == (
        "“sample.pmdb” is damaged and cannot be opened safely. Restore a backup or ask for a "
        "fresh copy."
    )
    assert snapshot(sample_file) == before
    assert _working_copies() == leftovers


def test_damage_the_page_check_finds_after_the_records_passed_still_refuses_the_file(
    sample_file, monkeypatch
):
    """The records are checked while the thread's page check still runs; its verdict counts,
    however late it comes."""
    checked.memory_path().unlink(missing_ok=True)
    records_read = threading.Event()
    check_records = inspect.check_records

    def late_damage(_path: Path) -> bool:
        records_read.wait(timeout=10)  # the verdict comes only once the records are read
        return False

    def recording(*args, **kwargs):
        check_records(*args, **kwargs)
        records_read.set()

    monkeypatch.setattr(copy_in, "quick_check", late_damage)
    monkeypatch.setattr(inspect, "check_records", recording)
    before = snapshot(sample_file)
    leftovers = _working_copies()
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file, copied=CopyIn.start(sample_file))
    assert records_read.is_set()
    assert str(raised.value) == (
        "“sample.pmdb” is damaged and cannot be opened safely. Restore a backup or ask for a "
        "fresh copy."
    )
    assert snapshot(sample_file) == before
    assert _working_copies() == leftovers


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "“gone.pmdb” does not exist"),
        (b"", "“gone.pmdb” is empty (0 bytes), so it is not a PM Desk project."),
        (b"PK\x03\x04" + bytes(200), "“gone.pmdb” is a zip archive renamed to .pmdb"),
    ],
)
def test_a_file_the_thread_cannot_copy_in_is_refused_as_a_plain_open_refuses_it(
    tmp_path, content, message
):
    path = tmp_path / "gone.pmdb"
    if content is not None:
        path.write_bytes(content)
    leftovers = _working_copies()
    with pytest.raises(NotAProjectError) as plain:
        Document.open(path)
    with pytest.raises(NotAProjectError) as threaded:
        Document.open(path, copied=CopyIn.start(path))
    assert str(threaded.value) == str(plain.value)
    assert str(threaded.value).startswith(message)
    assert _working_copies() == leftovers
    if content is not None:
        assert path.read_bytes() == content


def test_a_copy_of_another_file_is_thrown_away_and_the_asked_one_opens(sample_file, tmp_path):
    other = tmp_path / "other.pmdb"
    other.write_bytes(sample_file.read_bytes())
    leftovers = _working_copies()
    copied = CopyIn.start(other)
    document = Document.open(sample_file, copied=copied)
    try:
        assert document.working_path != copied.working
        assert not copied.working.exists()
        assert _working_copies() == leftovers | {document.working_path}
    finally:
        document.close()


def test_a_discarded_copy_leaves_no_working_copy(sample_file):
    leftovers = _working_copies()
    copied = CopyIn.start(sample_file)
    copied.discard()
    assert _working_copies() == leftovers
