"""Small helpers the tests share."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path


def snapshot(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to prove later that nothing wrote to it."""
    return path.read_bytes(), path.stat().st_mtime_ns


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """Make ``folder`` unwritable for the length of the block, for root as well.

    Permission bits do not stop root (CI runs as root), so there a read-only bind mount is used;
    other users get the permission bits.
    """
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", folder, folder], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", folder, folder], check=True)
            yield folder
        finally:
            subprocess.run(["umount", folder], check=True)
    else:
        modes = {path: path.stat().st_mode for path in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield folder
        finally:
            for path, mode in modes.items():
                path.chmod(mode)


def double_click(widget, pos, button=None) -> None:
    """Double-click as a person's mouse does: press, release, double-click, release.

    ``QTest.mouseDClick`` alone sends only the double-click event, which hides what the first
    press and release of a real double-click do.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    button = button or Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(widget, button, none, pos)
    QTest.mouseRelease(widget, button, none, pos)
    QTest.mouseDClick(widget, button, none, pos)
    QTest.mouseRelease(widget, button, none, pos)


REQUIRE_TOOLS = "PMDESK_REQUIRE_TOOLS"


def system_tool(*names: str, package: str) -> str:
    """The path of the first of ``names`` installed; without one the test is skipped with a
    sentence naming the Debian package, or fails where ``PMDESK_REQUIRE_TOOLS=1`` (CI, whose
    ``.ci/run`` installs them all)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    import pytest  # only the tests that need a tool import pytest through this module

    message = f"{names[0]} is not installed (Debian package {package}; .ci/run installs it)"
    if os.environ.get(REQUIRE_TOOLS) == "1":
        pytest.fail(message)
    pytest.skip(message)
