"""The lifecycle of an open project: working copy, atomic save, Save As, read-only files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading

import pytest

from pmdesk.domain.project import get_project, set_field
from pmdesk.errors import SaveError
from pmdesk.store.document import Document
from pmdesk.store.fileformat import APPLICATION_ID, FORMAT_VERSION
from tests.support import read_only_folder, snapshot


def test_edits_go_to_the_working_copy_until_save(sample_file):
    before = snapshot(sample_file)
    document = Document.open(sample_file)
    try:
        set_field(document.session, "vision", "Changed.")
        assert snapshot(sample_file) == before  # the user's file is only written at save
        document.save()
    finally:
        document.close()
    reopened = Document.open(sample_file)
    try:
        assert get_project(reopened.session).vision == "Changed."
    finally:
        reopened.close()


def test_saved_file_is_ours_with_no_journal_left_beside_it(sample_document, tmp_path):
    target = sample_document.save(tmp_path / "copy.pmdb")
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()
    beside = sorted(path.name for path in tmp_path.iterdir())
    assert beside == [".~lock.copy.pmdb#", "copy.pmdb", "sample.pmdb"]  # no journal, no WAL
    sample_document.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["copy.pmdb", "sample.pmdb"]


def test_save_as_adds_the_suffix_and_becomes_the_document_path(sample_document, tmp_path):
    written = sample_document.save(tmp_path / "Plan Q3")
    assert written.name == "Plan Q3.pmdb"
    assert sample_document.path == written


def test_close_removes_the_working_copy(sample_file):
    document = Document.open(sample_file)
    working = document.working_path
    assert working.exists()
    document.close()
    assert not working.exists()


def test_saving_into_a_missing_folder_says_so_and_changes_nothing(sample_document, tmp_path):
    before = snapshot(sample_document.path)
    with pytest.raises(
        SaveError, match=r"Cannot save “x\.pmdb”: the folder .*nowhere does not exist\."
    ):
        sample_document.save(tmp_path / "nowhere" / "x.pmdb")
    assert snapshot(sample_document.path) == before


def test_saving_into_an_unwritable_folder_says_so_and_leaves_no_temporary(
    sample_document, tmp_path
):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "old.pmdb").write_bytes(b"keep me")
    with read_only_folder(locked), pytest.raises(SaveError) as raised:
        sample_document.save(locked / "old.pmdb")
    assert str(raised.value).startswith("Cannot save “old.pmdb”: ")
    assert "read-only" in str(raised.value) or "permission" in str(raised.value)
    assert [path.name for path in locked.iterdir()] == ["old.pmdb"]
    assert (locked / "old.pmdb").read_bytes() == b"keep me"


def test_a_read_only_file_opens_read_only_and_plain_save_is_refused(sample_file):
    before = snapshot(sample_file)
    with read_only_folder(sample_file.parent):
        document = Document.open(sample_file)
        try:
            assert document.read_only
            assert "Save As" in (document.read_only_reason or "")
            with pytest.raises(SaveError, match="Choose where to save this project"):
                document.save()
        finally:
            document.close()
    assert snapshot(sample_file) == before


def test_a_failed_save_keeps_the_old_file_whole(sample_document, monkeypatch):
    before = snapshot(sample_document.path)

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pmdesk.store.atomic.os.fsync", disk_full)  # the write's last step
    with pytest.raises(SaveError, match="the disk is full"):
        sample_document.save()
    assert snapshot(sample_document.path) == before
    leftovers = [path.name for path in sample_document.path.parent.iterdir()]
    assert not [name for name in leftovers if name.endswith(".saving")]


def test_a_save_remembers_the_fingerprint_of_exactly_the_bytes_it_wrote(sample_document):
    from pmdesk.domain.project import set_field

    set_field(sample_document.session, "vision", "Saved, then compared byte for byte")
    saved = sample_document.save()
    assert sample_document.fingerprint == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert not sample_document.changed_on_disk()


def test_a_source_that_changes_during_the_copy_is_fingerprinted_by_the_copy(tmp_path, monkeypatch):
    from pmdesk.store import atomic

    source, target = tmp_path / "source.bin", tmp_path / "target.bin"
    source.write_bytes(b"the bytes a save copies" * 1000)
    real_copy, real_digest = shutil.copyfile, atomic.digest_of
    changed = threading.Event()

    def copy_then_change(from_path, to_path):  # type: ignore[no-untyped-def]
        real_copy(from_path, to_path)
        with open(from_path, "ab") as handle:  # written to after the copy
            handle.write(b"a late write")
        changed.set()

    def hash_once_changed(path):  # type: ignore[no-untyped-def]
        changed.wait(5)  # the hashing thread sees only the changed source
        return real_digest(path)

    monkeypatch.setattr(atomic.shutil, "copyfile", copy_then_change)
    monkeypatch.setattr(atomic, "digest_of", hash_once_changed)
    digest = atomic.copy_durably(source, target)
    assert digest == hashlib.sha256(target.read_bytes()).hexdigest()
    assert digest != hashlib.sha256(source.read_bytes()).hexdigest()
