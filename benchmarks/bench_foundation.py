"""Issue 2's speed claims: start-up, opening a big project, saving."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Result, best_of, ratio_result, time_result

# Paint synchronously, then leave at once: teardown is not part of start-up.
PAINT_AND_QUIT = "window.repaint()\nimport os\nos._exit(0)\n"

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nwindow = QMainWindow()\nwindow.resize(1200, 800)\nwindow.show()\n"
    + PAINT_AND_QUIT
)

PMDESK_WINDOW = (
    "from pmdesk.gui.app import create_application, show_main_window\n"
    "app = create_application()\nwindow = show_main_window(None)\n" + PAINT_AND_QUIT
)

# The same, until the new project is shown too: it opens right after the first paint.
PMDESK_PROJECT = PMDESK_WINDOW.replace(PAINT_AND_QUIT, "app.processEvents()\n" + PAINT_AND_QUIT)


def cases() -> Iterator[Result]:
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-") as folder:
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(folder) / "data"))
        yield from _start_up()
        big = Path(folder) / "big.pmdb"
        subprocess.run(
            [sys.executable, "-m", "pmdesk", "demo", str(big), "--scale", "50"],
            check=True,
            capture_output=True,
        )
        yield from _open_big(big)
        yield _check_big(big)
        yield from _save(big, Path(folder))


def _run(script: str) -> None:
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)


def _start_up() -> Iterator[Result]:
    bare = best_of(lambda: _run(BARE_WINDOW), repeat=5)
    ours = best_of(lambda: _run(PMDESK_WINDOW), repeat=5)
    with_project = best_of(lambda: _run(PMDESK_PROJECT), repeat=5)
    yield ratio_result("start to painted main window", ours, "bare PySide6 window", bare, 2.5)
    yield Result(
        "start to new project shown (no target)",
        with_project,
        "bare PySide6 window",
        bare,
        "-",
        True,
    )


def _open_big(path: Path) -> Iterator[Result]:
    """The open as a teammate's file gets it (every check), then as a file this version has
    already checked gets it (``store/checked.py``: the content rules are skipped)."""
    from pmdesk.domain.project import get_project
    from pmdesk.store.document import Document

    def open_until_editable(*, check_fully: bool) -> None:
        document = Document.open(path, check_fully=check_fully)
        get_project(document.session)
        document.close()

    first = best_of(lambda: open_until_editable(check_fully=True))
    again = best_of(lambda: open_until_editable(check_fully=False))
    baseline = best_of(lambda: _read_every_table(path))
    size = path.stat().st_size // 1024
    for name, took in (("first time", first), ("again, file checked before", again)):
        yield time_result(
            f"open --scale 50 ({size} KiB), {name}, until editable",
            took,
            "sqlite3 reading every row",
            baseline,
            1000,
        )


def _read_every_table(path: Path) -> None:
    connection = sqlite3.connect(path)
    tables = [
        name for (name,) in connection.execute("SELECT name FROM sqlite_schema WHERE type='table'")
    ]
    for table in tables:
        connection.execute(f'SELECT * FROM "{table}"').fetchall()
    connection.close()


def _check_big(path: Path) -> Result:
    """``pmdesk check`` with every content rule on, against reading every row once."""
    import argparse
    import contextlib
    import io

    from pmdesk import commands

    def check() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            commands.check(argparse.Namespace(file=path))

    check()  # the models and rules load once per process, as in the command
    ours = best_of(check)
    baseline = best_of(lambda: _read_every_table(path))
    return ratio_result(
        "check --scale 50, full content rules", ours, "sqlite3 reading every table", baseline, 5.0
    )


def _save(path: Path, folder: Path) -> Iterator[Result]:
    """Save against a copy + fsync of the same file, taken in turn so both meet the same disk.

    A save keeps the version it replaces as a backup, so its bytes go to new disk blocks, never
    to the ones the old version frees: the durable copies are written the same way, each into a
    new file while the earlier ones stay. (Copying over one file again and again reuses its
    blocks, which on this machine's disk is several times faster than writing new ones.)
    """
    from pmdesk.store.document import Document

    copies = folder / "copies"
    copies.mkdir()
    saves: list[float] = []
    durables: list[float] = []
    document = Document.open(path)
    try:
        for turn in range(5):
            saves.append(best_of(lambda: document.save(folder / "saved.pmdb"), repeat=1))
            target = copies / f"copy-{turn}.pmdb"
            durables.append(best_of(lambda target=target: _durable_copy(path, target), repeat=1))
    finally:
        document.close()
    ours, durable = min(saves), min(durables)
    baseline = best_of(lambda: shutil.copyfile(path, folder / "copied.pmdb"))
    over_one = best_of(lambda: _durable_copy(path, folder / "copied.pmdb"))
    size = path.stat().st_size // 1024
    # For information: a copy that is not on the disk yet is no bound for a save that must be,
    # and one over the same file again reuses that file's blocks, which a save cannot.
    yield Result(f"save ({size} KiB)", ours, "plain file copy (no fsync)", baseline, "-", True)
    yield Result(
        f"save ({size} KiB) (no target)", ours, "copy + fsync over one file", over_one, "-", True
    )
    yield ratio_result(f"save ({size} KiB)", ours, "copy + fsync into a new file", durable, 2.0)


def _durable_copy(source: Path, target: Path) -> None:
    """A copy that, like Save, is on the disk when it returns."""
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    descriptor = os.open(target.parent, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)
