"""An open skips the full content check only for bytes this very version has seen pass it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pmdesk import __version__, cli
from pmdesk.errors import NotAProjectError
from pmdesk.store import checked, hardening, inspect
from pmdesk.store.document import Document
from pmdesk.store.fileformat import FORMAT_VERSION
from tests.store.test_migrations import _as_format_1
from tests.support import snapshot


@pytest.fixture
def memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of this test's own, so that no other test's opens are remembered."""
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))
    return checked.memory_path()


@pytest.fixture
def content_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the content rules ran on, in order."""
    calls: list[str] = []
    real = inspect.check_content

    def counting(connection, name, **options):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(connection, name, **options)

    monkeypatch.setattr(inspect, "check_content", counting)
    return calls


def _open_and_close(path: Path) -> int:
    """Open ``path``, read something from it, close it; the number of stakeholders."""
    document = Document.open(path, read_only=True)
    try:
        (count,) = (
            document.session.connection()
            .exec_driver_sql("SELECT count(*) FROM stakeholders")
            .fetchone()
        )
        return int(count)
    finally:
        document.close()


def _refusal(path: Path) -> str:
    with pytest.raises(NotAProjectError) as refused:
        Document.open(path)
    return str(refused.value)


def test_a_reopened_unchanged_file_skips_the_content_check(
    sample_file, memory, content_checks, monkeypatch
):
    # A file this PM Desk saved is checked at its first open: saves are not remembered.
    count = _open_and_close(sample_file)
    assert len(content_checks) == 1
    assert count > 0

    def refuse(*_args, **_options):  # type: ignore[no-untyped-def]
        raise AssertionError("the content rules ran again on bytes that passed them")

    monkeypatch.setattr(inspect, "check_content", refuse)
    assert _open_and_close(sample_file) == count
    document = Document.open(sample_file)  # for editing as well
    document.close()


def test_the_quick_check_is_skipped_too_but_not_the_schema_check(sample_file, memory, monkeypatch):
    _open_and_close(sample_file)
    seen: list[str] = []
    real = inspect.check_schema_entries

    def recording(name, entries, **options):  # type: ignore[no-untyped-def]
        seen.extend(entry for _kind, entry in entries)
        return real(name, entries, **options)

    statements: list[str] = []
    real_connect = hardening.connect_read_only

    def tracing(path: Path) -> sqlite3.Connection:
        connection = real_connect(path)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(inspect, "check_schema_entries", recording)
    monkeypatch.setattr("pmdesk.store.document.connect_read_only", tracing)
    monkeypatch.setattr("pmdesk.store.copy_in.connect_read_only", tracing)
    _open_and_close(sample_file)
    assert "stakeholders" in seen
    assert any("sqlite_schema" in statement for statement in statements)
    assert not any("quick_check" in statement for statement in statements)


def test_a_file_changed_by_one_byte_after_a_clean_open_is_refused_as_before(
    sample_file, memory, tmp_path, monkeypatch
):
    connection = sqlite3.connect(sample_file)
    (name,) = connection.execute("SELECT name FROM stakeholders ORDER BY name LIMIT 1").fetchone()
    connection.close()
    _open_and_close(sample_file)
    assert checked.memory_path().exists()
    data = sample_file.read_bytes()
    where = data.index(name.encode("utf-8"))
    sample_file.write_bytes(data[:where] + b"\xff" + data[where + 1 :])  # not UTF-8 any more
    before = snapshot(sample_file)
    refused = _refusal(sample_file)
    assert snapshot(sample_file) == before
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "never-opened-anything"))
    assert refused == _refusal(sample_file)  # the sentence an open without memory gives


def test_a_hostile_edit_after_a_clean_open_is_refused_as_before(
    sample_file, memory, tmp_path, monkeypatch
):
    _open_and_close(sample_file)
    connection = sqlite3.connect(sample_file, isolation_level=None)
    connection.execute("UPDATE stakeholder_relationships SET kind = 'mentors'")
    connection.close()
    before = snapshot(sample_file)
    refused = _refusal(sample_file)
    assert "“mentors”" in refused
    assert snapshot(sample_file) == before
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "never-opened-anything"))
    assert refused == _refusal(sample_file)


@pytest.mark.parametrize(
    "garbled",
    [
        b"",
        b"\x00\xff\xfe not json",
        b"[1, 2, 3]",
        b'{"pmdesk": "%s", "format": %d, "checked": "abc"}',
        b'{"pmdesk": "%s", "format": %d, "checked": [null, 7, "zz"]}',
        b" " * (checked.MAX_BYTES + 10),
    ],
)
def test_a_garbled_memory_means_a_full_check_and_the_file_still_opens(
    sample_file, memory, content_checks, garbled
):
    _open_and_close(sample_file)
    if b"%s" in garbled:
        garbled = garbled % (__version__.encode(), FORMAT_VERSION)
    memory.write_bytes(garbled)
    assert _open_and_close(sample_file) > 0
    assert len(content_checks) == 2
    _open_and_close(sample_file)  # the full check was remembered again
    assert len(content_checks) == 2


def test_a_memory_that_cannot_be_read_or_written_costs_only_the_full_check(
    sample_file, memory, content_checks
):
    memory.mkdir()  # a folder where the file should be
    assert _open_and_close(sample_file) > 0
    assert _open_and_close(sample_file) > 0
    assert len(content_checks) == 2
    assert memory.is_dir()


@pytest.mark.parametrize(
    ("version", "file_format"),
    [("0.0.1-older", FORMAT_VERSION), (__version__, FORMAT_VERSION + 1)],
)
def test_a_memory_of_another_version_or_format_means_a_full_check(
    sample_file, memory, content_checks, version, file_format
):
    _open_and_close(sample_file)
    remembered = json.loads(memory.read_text(encoding="utf-8"))
    assert remembered["pmdesk"] == __version__
    remembered.update(pmdesk=version, format=file_format)
    memory.write_text(json.dumps(remembered), encoding="utf-8")
    _open_and_close(sample_file)
    assert len(content_checks) == 2


def test_the_memory_keeps_only_the_newest_fingerprints(memory):
    digests = [f"{n:064x}" for n in range(checked.KEEP + 6)]
    for digest in digests:
        checked.remember(digest)
    checked.remember(digests[-1])  # remembered again: not twice
    kept = json.loads(memory.read_text(encoding="utf-8"))["checked"]
    assert kept == digests[::-1][: checked.KEEP]
    assert not checked.was_checked(digests[0])
    assert checked.was_checked(digests[6]) and checked.was_checked(digests[-1])
    checked.remember("not a fingerprint")
    assert json.loads(memory.read_text(encoding="utf-8"))["checked"] == kept


def test_pmdesk_check_always_checks_fully(sample_file, memory, content_checks, capsys):
    _open_and_close(sample_file)
    assert cli.main(["check", str(sample_file)]) == 0
    assert cli.main(["check", str(sample_file)]) == 0
    assert len(content_checks) == 3
    assert "a valid PM Desk project" in capsys.readouterr().out


def test_an_older_format_is_checked_at_every_open(sample_file, memory, content_checks):
    _as_format_1(sample_file)
    for opened in (1, 2):
        _open_and_close(sample_file)
        assert len(content_checks) == opened  # once upgraded, each time
    assert not memory.exists()
