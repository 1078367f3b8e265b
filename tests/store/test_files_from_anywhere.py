"""Files from shared drives and mail: no teammate's save is lost, nothing hangs, nothing is left
behind, and every message names the real cause in one line."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from pmdesk import cli
from pmdesk.domain.project import get_project, set_field
from pmdesk.errors import NotAProjectError
from pmdesk.store import lock
from pmdesk.store.document import ChangedOnDiskError, Document
from pmdesk.store.fileformat import quoted
from pmdesk.store.paths import working_dir
from tests.support import snapshot


def _vision(path: Path) -> str:
    document = Document.open(path, read_only=True)
    try:
        return get_project(document.session).vision
    finally:
        document.close()


# -- every change by someone else is detected ------------------------------------------------


def test_a_teammates_save_of_the_same_size_and_time_is_still_detected(sample_file):
    mine = Document.open(sample_file)
    status = sample_file.stat()
    theirs = Document.open(sample_file, as_copy=True)
    set_field(theirs.session, "vision", "Theirs " + get_project(theirs.session).vision[7:])
    theirs.save(sample_file.with_name("theirs.pmdb"))
    theirs.close()
    teammate = sample_file.with_name("theirs.pmdb").read_bytes()
    assert len(teammate) == status.st_size  # a saved file has the size of the last one
    sample_file.write_bytes(teammate)  # their save, on a drive with a coarse clock:
    os.utime(sample_file, ns=(status.st_atime_ns, status.st_mtime_ns))  # same time too
    try:
        set_field(mine.session, "vision", "Mine")
        with pytest.raises(ChangedOnDiskError, match="was changed by someone else"):
            mine.save()
        assert sample_file.read_bytes() == teammate  # theirs is kept
        mine.save(overwrite_changed=True)  # the person chose to replace it
        assert _vision(sample_file) == "Mine"
    finally:
        mine.close()


WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pmdesk.store.document import ChangedOnDiskError, Document
    from pmdesk.workspaces.stakeholders.edit import create
    path, who, rounds, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    print("ready", flush=True)
    while not os.path.exists(start):  # both begin together, whatever their start-up took
        time.sleep(0.01)
    retries = 0
    for number in range(rounds):
        while True:
            document = Document.open(path, take_over_lock=True)
            try:
                create(document.session, {"name": f"{who} {number}"})
                document.save()
                break
            except ChangedOnDiskError:
                retries += 1  # a teammate saved first: start again from their version
            finally:
                document.close()
    print(retries)
    """
)


def test_two_writers_in_a_tight_loop_lose_nothing(sample_file):
    rounds = 100  # each: 200 saves in all
    start = sample_file.with_name("start")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(sample_file), who, str(rounds), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("Ana", "Ben")
    ]
    assert [writer.stdout.readline().strip() for writer in writers] == ["ready", "ready"]
    start.touch()
    results = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], [err for _out, err in results]
    retries = [int(out) for out, _err in results]
    document = Document.open(sample_file, read_only=True)
    try:
        from pmdesk.workspaces.stakeholders.model import Stakeholder

        names = {person.name for person in document.session.query(Stakeholder)}
    finally:
        document.close()
    expected = {f"{who} {number}" for who in ("Ana", "Ben") for number in range(rounds)}
    assert expected <= names  # every save of both writers is in the file
    assert sum(retries) > 0  # they did collide, and were told instead of overwriting


def test_saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link(sample_file):
    shared = sample_file.parent / "shared"
    shared.mkdir()
    real = shared / "plan.pmdb"
    sample_file.rename(real)
    link = sample_file.parent / "plan.pmdb"
    link.symlink_to(real)
    document = Document.open(link)
    try:
        set_field(document.session, "vision", "Written through the link")
        assert document.save() == link
        set_field(document.session, "vision", "And again")
        document.save()  # the second save checks the target's fingerprint, not the link's
    finally:
        document.close()
    assert link.is_symlink() and link.resolve() == real
    assert _vision(real) == "And again"
    assert not [p for p in shared.iterdir() if p.name.endswith(".saving")]


# -- no hangs ----------------------------------------------------------------------------------


def test_a_pipe_a_device_and_a_folder_get_a_sentence_without_waiting(tmp_path):
    pipe = tmp_path / "x.pmdb"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.pmdb"
    folder.mkdir()
    cases = {
        pipe: "“x.pmdb” is not a regular file (it is a device, a pipe or a socket), so it is not "
        "a PM Desk project.",
        Path("/dev/zero"): "“zero” is not a regular file (it is a device, a pipe or a socket), "
        "so it is not a PM Desk project.",
        folder: "“folder.pmdb” is a folder, not a PM Desk project.",
    }
    for path, message in cases.items():
        result = subprocess.run(
            [sys.executable, "-m", "pmdesk", "check", str(path)],
            capture_output=True,
            text=True,
            timeout=60,  # a FIFO used to make check wait forever
        )
        assert (result.returncode, result.stderr) == (1, f"pmdesk: {message}\n")


# -- no leftovers ------------------------------------------------------------------------------


def test_check_leaves_nothing_beside_a_file_whose_header_asks_for_wal(sample_file, capsys):
    data = bytearray(sample_file.read_bytes())
    data[18:20] = b"\x02\x02"  # "write-ahead log": SQLite would create -wal and -shm beside it
    sample_file.write_bytes(bytes(data))
    before, beside = snapshot(sample_file), sorted(os.listdir(sample_file.parent))
    assert cli.main(["check", str(sample_file)]) == 0
    assert capsys.readouterr().out.startswith("“sample.pmdb”: a valid PM Desk project")
    assert sorted(os.listdir(sample_file.parent)) == beside
    assert snapshot(sample_file) == before


def _temporary(sample_file: Path, host: str, pid: int) -> Path:
    crc = zlib.crc32(host.encode("utf-8")) & 0xFFFFFFFF
    path = sample_file.with_name(f".{sample_file.name}.{crc:08x}-{pid}-abcdef.saving")
    path.write_bytes(b"half a save")
    return path


def test_an_interrupted_saves_temporary_file_is_removed_at_the_next_open(sample_file):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    crashed = _temporary(sample_file, socket.gethostname(), int(dead))
    running = _temporary(sample_file, socket.gethostname(), os.getpid())  # a save under way
    elsewhere = _temporary(sample_file, "teammate-laptop", 4242)  # another computer's, fresh
    Document.open(sample_file, read_only=True).close()
    assert not crashed.exists()
    assert running.exists() and elsewhere.exists()
    day_old = time.time() - 2 * 24 * 3600
    os.utime(elsewhere, (day_old, day_old))
    Document.open(sample_file, read_only=True).close()
    assert not elsewhere.exists()


@pytest.mark.parametrize("content", [b"", b'{"user": "dana", "host": "lap'])
def test_an_empty_or_torn_lock_is_recognised_and_replaced(sample_file, content):
    stale = lock.lock_path(sample_file)
    stale.write_bytes(content)  # a full disk, or a crash while it was written
    with pytest.raises(lock.ProjectLockedError, match="has a lock file that cannot be read"):
        Document.open(sample_file)  # just written: someone may be writing it right now
    old = time.time() - 60
    os.utime(stale, (old, old))
    document = Document.open(sample_file)  # a minute old: abandoned
    try:
        assert not document.read_only
        assert lock.read_owner(sample_file).pid == os.getpid()
    finally:
        document.close()
    assert not stale.exists()


def test_a_failed_open_leaves_no_working_copy(sample_file, monkeypatch):
    before = set(working_dir().iterdir())
    sample_file.write_bytes(sample_file.read_bytes()[:-4096])  # cut short
    with pytest.raises(NotAProjectError, match="is damaged"):
        Document.open(sample_file)
    assert set(working_dir().iterdir()) == before


def test_a_failure_after_the_copy_leaves_no_working_copy_and_no_lock(sample_file, monkeypatch):
    before = set(working_dir().iterdir())

    def broken(_engine):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("pmdesk.store.document.ensure_tables", broken)
    with pytest.raises(OSError):
        Document.open(sample_file)
    assert set(working_dir().iterdir()) == before
    assert not lock.lock_path(sample_file).exists()


# -- messages name the real cause, in one line -------------------------------------------------


@pytest.fixture
def tiny_folder(tmp_path):
    """A 1 MiB file system, as on a nearly full laptop."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    folder = tmp_path / "data"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder], check=True)
    yield folder
    subprocess.run(["umount", folder], check=True)


def test_a_full_data_folder_is_named_not_called_damage(sample_file, tiny_folder, monkeypatch):
    big = Document.open(sample_file)
    set_field(big.session, "vision", "v" * 3_000_000)  # a 3 MB project
    big.save()
    big.close()
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tiny_folder))  # PM Desk's own folder is full
    (tiny_folder / "working").mkdir()
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file)
    message = str(raised.value)
    assert message.startswith("“sample.pmdb” cannot be opened: PM Desk's data folder (")
    assert message.endswith("is on a full disk. Free some space there and open it again.")
    assert "damaged" not in message
    assert not list((tiny_folder / "working").iterdir())


def test_a_name_at_the_file_systems_limit_opens_with_a_lock(sample_file):
    long_name = sample_file.with_name("q" * 245 + ".pmdb")  # 250 characters
    sample_file.rename(long_name)
    document = Document.open(long_name)
    try:
        assert not document.read_only
        assert lock.read_owner(long_name).pid == os.getpid()
        set_field(document.session, "vision", "Saved under a long name")
        document.save()
    finally:
        document.close()
    assert _vision(long_name) == "Saved under a long name"
    assert [p.name for p in long_name.parent.iterdir()] == [long_name.name]


def test_names_in_messages_are_one_line_and_shortened():
    assert quoted(Path("plan\nfinal.pmdb")) == "“plan final.pmdb”"
    shown = quoted(Path("Q3 " + "very " * 1000 + "long plan.pmdb"))
    assert "\n" not in shown and len(shown) <= 62
    assert shown.startswith("“Q3 very") and shown.endswith("long plan.pmdb”") and "…" in shown


def test_a_missing_file_with_a_newline_in_its_name_is_one_line(tmp_path, capsys):
    assert cli.main(["check", str(tmp_path / "a\nb.pmdb")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pmdesk: “a b.pmdb” does not exist")


def test_the_presence_lock_of_a_linked_project_sits_beside_the_file_it_links_to(sample_file):
    shared = sample_file.parent / "shared"
    shared.mkdir()
    real = shared / "plan.pmdb"
    sample_file.rename(real)
    link = sample_file.parent / "plan.pmdb"
    link.symlink_to(real)
    document = Document.open(link)
    try:
        assert (shared / ".~lock.plan.pmdb#").exists()
        assert not (sample_file.parent / ".~lock.plan.pmdb#").exists()
        assert lock.read_owner(real) is not None  # a colleague opening the file itself sees it
    finally:
        document.close()
    assert not (shared / ".~lock.plan.pmdb#").exists()
