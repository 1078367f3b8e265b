"""Sharing a project: who has it open, a teammate's newer save, backups."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta

import pytest

from pmdesk.domain.project import get_project, set_field
from pmdesk.store import lock
from pmdesk.store.backups import KEEP_DAYS, KEEP_RECENT, STAMP, list_backups, list_backups_in, prune
from pmdesk.store.document import ChangedOnDiskError, Document
from tests.support import read_only_folder, snapshot


def _foreign_lock(path, *, host="teammate-laptop", pid=4242, user="dana"):
    lock.lock_path(path).write_text(
        json.dumps({"user": user, "host": host, "pid": pid, "since": "2026-11-20T09:15:00"}),
        encoding="utf-8",
    )


def test_opening_writes_a_lock_naming_this_session_and_closing_removes_it(sample_file):
    document = Document.open(sample_file)
    owner = lock.read_owner(sample_file)
    assert owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname()
    document.close()
    assert not lock.lock_path(sample_file).exists()


def test_a_second_opener_is_told_who_and_since_when(sample_file):
    _foreign_lock(sample_file)
    before = snapshot(sample_file)
    with pytest.raises(lock.ProjectLockedError) as raised:
        Document.open(sample_file)
    assert (
        str(raised.value)
        == "“sample.pmdb” is open by dana on teammate-laptop since 20 Nov 2026 at 09:15."
    )
    assert not raised.value.can_take_over
    assert snapshot(sample_file) == before
    read_only = Document.open(sample_file, read_only=True)  # the "open read-only" choice
    assert read_only.read_only
    read_only.close()
    assert lock.read_owner(sample_file).user == "dana"  # their lock stays


def test_a_second_process_on_the_same_file_is_refused(sample_file):
    holder = Document.open(sample_file)
    script = textwrap.dedent(
        f"""
        from pmdesk.store.document import Document
        from pmdesk.store.lock import ProjectLockedError
        try:
            Document.open(r"{sample_file}")
        except ProjectLockedError as error:
            print(error)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    holder.close()
    assert result.stdout.startswith("“sample.pmdb” is open by ")
    assert socket.gethostname() in result.stdout


def test_a_stale_lock_from_a_crashed_session_can_be_taken_over(sample_file):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    _foreign_lock(sample_file, host=socket.gethostname(), pid=int(dead))
    with pytest.raises(lock.ProjectLockedError) as raised:
        Document.open(sample_file)
    assert "in a session that has ended" in str(raised.value)
    assert raised.value.can_take_over
    document = Document.open(sample_file, take_over_lock=True)
    assert lock.read_owner(sample_file).pid == os.getpid()
    document.close()


def test_a_lock_file_with_garbage_is_reported_and_can_be_taken_over(sample_file):
    lock.lock_path(sample_file).write_bytes(b"\x00\xff not json")
    with pytest.raises(lock.ProjectLockedError, match="has a lock file that cannot be read"):
        Document.open(sample_file)
    document = Document.open(sample_file, take_over_lock=True)
    assert lock.read_owner(sample_file).pid == os.getpid()
    document.close()


def test_a_folder_that_cannot_hold_the_lock_opens_read_only(sample_file):
    with read_only_folder(sample_file.parent):
        document = Document.open(sample_file)
        try:
            assert document.read_only
        finally:
            document.close()


def test_a_file_replaced_by_a_teammate_stops_the_save(sample_file, tmp_path):
    mine = Document.open(sample_file)
    try:
        set_field(mine.session, "vision", "Mine")
        theirs = tmp_path / "theirs.pmdb"
        other = Document.open(sample_file, read_only=True)
        set_field(other.session, "vision", "Theirs")
        other.save(theirs)
        other.close()
        os.replace(theirs, sample_file)  # the teammate's save lands on the shared drive
        before = snapshot(sample_file)
        with pytest.raises(
            ChangedOnDiskError, match="was changed by someone else after you opened"
        ):
            mine.save()
        assert snapshot(sample_file) == before
        mine.save(overwrite_changed=True)  # the "replace their version" choice
    finally:
        mine.close()
    check = Document.open(sample_file, read_only=True)
    assert get_project(check.session).vision == "Mine"
    check.close()


def test_every_save_keeps_the_previous_file_as_a_backup(sample_document):
    previous = sample_document.path.read_bytes()
    set_field(sample_document.session, "vision", "Next")
    sample_document.save()
    backups = list_backups(sample_document.path)
    assert backups[0].path.read_bytes() == previous
    assert backups[0].reason == "save"


def test_backups_keep_the_newest_and_one_a_day_before_that(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    now = datetime(2026, 11, 25, 12, 0, 0)
    taken = [now - timedelta(hours=hours) for hours in range(0, 24 * 40, 6)]  # 40 days
    for moment in taken:
        (folder / f"{moment.strftime(STAMP)}.save.pmdb").write_bytes(b"x")
    prune(folder, now)
    kept = sorted((backup.taken for backup in list_backups_in(folder)), reverse=True)
    assert kept[:KEEP_RECENT] == taken[:KEEP_RECENT]
    older = kept[KEEP_RECENT:]
    assert all(now - moment < timedelta(days=KEEP_DAYS) for moment in older)
    assert len({moment.date() for moment in older}) == len(older)  # one a day
    recent_days = {m.date() for m in taken[KEEP_RECENT:] if now - m < timedelta(days=KEEP_DAYS)}
    assert {moment.date() for moment in older} == recent_days
