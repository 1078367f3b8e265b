"""Crashes, kills and full disks: afterwards the file is the old or the new one, never a mix."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmdesk.domain.project import get_project
from pmdesk.errors import SaveError
from pmdesk.store.document import ChangedOnDiskError, Document
from pmdesk.store.recovery import find_orphans
from tests.support import snapshot

SAVE_FOREVER = """
import sys
from pmdesk.domain.project import set_field
from pmdesk.store.document import Document
document = Document.open(sys.argv[1])
print("ready", flush=True)
number = 0
while True:
    number += 1
    set_field(document.session, "vision", f"version {number} " + "x" * 20000)
    document.save()
"""


def _vision(path) -> str:
    document = Document.open(path, read_only=True)
    try:
        return get_project(document.session).vision
    finally:
        document.close()


def test_killing_a_save_at_random_moments_never_leaves_a_mixed_file(sample_file):
    rounds = 12
    for _ in range(rounds):
        process = subprocess.Popen(
            [sys.executable, "-c", SAVE_FOREVER, str(sample_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(random.uniform(0.05, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        vision = _vision(sample_file)  # opens, so the file passed every check
        # ... and removed what the killed save had beside it: its temporary file, its turn.
        assert not [p.name for p in sample_file.parent.glob(".*.saving*")]
        assert vision.startswith(("Every trade contractor", "version "))
        if vision.startswith("version "):
            assert vision.endswith("x" * 20000)
        for leftover in sample_file.parent.glob("*"):
            if leftover.name.startswith(".~lock"):
                leftover.unlink()  # the killed session's lock: it is gone for good


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MiB file system, so a save can run out of room."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    folder = tmp_path / "small"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder], check=True)
    yield folder
    subprocess.run(["umount", folder], check=True)


def test_a_full_disk_keeps_the_old_file_and_removes_the_temporary(small_disk, sample_file):
    target = small_disk / "plan.pmdb"
    target.write_bytes(sample_file.read_bytes())
    document = Document.open(target)
    try:
        from pmdesk.domain.project import set_field

        set_field(document.session, "vision", "y" * 3_000_000)  # more than the disk holds
        before = snapshot(target)
        with pytest.raises(SaveError, match=r"Cannot save “plan\.pmdb”: the disk is full\."):
            document.save()
        assert snapshot(target) == before
        assert not list(small_disk.glob("*.saving"))
    finally:
        document.close()


CRASH_AFTER_EDIT = """
import os, sys
from pmdesk.domain.project import set_field
from pmdesk.store.document import Document
document = Document.open(sys.argv[1])
set_field(document.session, "vision", "Unsaved before the crash")
os._exit(9)
"""


def _crash(sample_file) -> None:
    subprocess.run([sys.executable, "-c", CRASH_AFTER_EDIT, str(sample_file)], check=False)


def test_work_from_a_crashed_session_can_be_recovered(sample_file):
    _crash(sample_file)
    orphans = [o for o in find_orphans() if o.source == sample_file]
    assert len(orphans) == 1
    assert orphans[0].describe().startswith("sample.pmdb, last changed ")
    os.remove(sample_file.with_name(".~lock.sample.pmdb#"))  # as the user's take-over would
    document = Document.recover(orphans[0])
    try:
        assert get_project(document.session).vision == "Unsaved before the crash"
        document.save()
    finally:
        document.close()
    assert _vision(sample_file) == "Unsaved before the crash"
    assert not [o for o in find_orphans() if o.source == sample_file]


def test_recovery_never_writes_silently_over_a_newer_file(sample_file, tmp_path):
    _crash(sample_file)
    os.remove(sample_file.with_name(".~lock.sample.pmdb#"))
    newer = Document.open(sample_file)
    from pmdesk.domain.project import set_field

    set_field(newer.session, "vision", "A teammate saved this later")
    newer.save()
    newer.close()
    orphan = next(o for o in find_orphans() if o.source == sample_file)
    document = Document.recover(orphan)
    try:
        with pytest.raises(ChangedOnDiskError):
            document.save()
    finally:
        document.close()
    assert _vision(sample_file) == "A teammate saved this later"


def test_discarding_recovered_work_removes_it(sample_file):
    _crash(sample_file)
    orphan = next(o for o in find_orphans() if o.source == sample_file)
    orphan.discard()
    assert not orphan.working_path.exists()
    assert not [o for o in find_orphans() if o.source == sample_file]


def test_the_save_turn_is_written_whole_and_leaves_nothing_beside_the_file(
    sample_file, monkeypatch
):
    """The turn file appears already holding its session (a kill cannot leave it empty), and a
    folder without hard links takes the turn in two steps: either way the save lands and
    nothing stays beside the project."""
    from pmdesk.store import atomic

    seen: list[bytes] = []
    real_link = os.link

    def linking(source, target):
        real_link(source, target)
        if str(target).endswith(".pmdb.saving"):  # the turn (backups are linked too)
            seen.append(Path(target).read_bytes())

    document = Document.open(sample_file)
    try:
        beside = set(sample_file.parent.iterdir())
        monkeypatch.setattr(atomic.os, "link", linking)
        document.save()
        assert seen and b'"pid"' in seen[-1]  # the turn, as it first appeared
        seen.clear()

        def no_links(source, target):
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(atomic.os, "link", no_links)
        from pmdesk.domain.project import set_field

        set_field(document.session, "vision", "Saved where hard links are not allowed")
        document.save()
    finally:
        document.close()
    assert _vision(sample_file) == "Saved where hard links are not allowed"
    left = {p.name for p in set(sample_file.parent.iterdir()) - beside}
    assert not [name for name in left if name.startswith(".sample.pmdb.")]
