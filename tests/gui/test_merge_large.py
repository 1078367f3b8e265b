"""Merging two 50× copies with 5,000 changes on each side: the progress shows, Cancel stops it,
and nothing in the open project changes."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from pmdesk.cli import main
from pmdesk.gui import dialogs, merge_dialog
from pmdesk.gui.main_window import MainWindow
from tests.support import snapshot

CHANGES = 5000
# Each side edits its own fields of the same records (5,000 rows each), as two PMs would in
# a month of check-ins and stakeholder notes; SQL writes them in bulk to keep the test quick.
MINE = (
    "UPDATE goal_check_ins SET note = 'mine ' || id, updated_at = '2026-12-01 09:00:00.000000' "
    "WHERE id IN (SELECT id FROM goal_check_ins ORDER BY id LIMIT ?)",
    "UPDATE stakeholders SET notes = 'mine ' || id, updated_at = '2026-12-01 09:00:00.000000' "
    "WHERE id IN (SELECT id FROM stakeholders ORDER BY id LIMIT ?)",
)
THEIRS = (
    "UPDATE goal_check_ins SET source = 'theirs', updated_at = '2026-12-01 10:00:00.000000' "
    "WHERE id IN (SELECT id FROM goal_check_ins ORDER BY id LIMIT ?)",
    "UPDATE stakeholders SET role = 'theirs', updated_at = '2026-12-01 10:00:00.000000' "
    "WHERE id IN (SELECT id FROM stakeholders ORDER BY id LIMIT ?)",
)


def _edit(path, statements) -> int:
    with sqlite3.connect(path) as connection:
        first = connection.execute(statements[0], (CHANGES,)).rowcount
        second = connection.execute(statements[1], (CHANGES - first,)).rowcount
    connection.close()
    return first + second


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    built = folder / "fifty.pmdb"
    assert main(["demo", "--scale", "50", str(built)]) == 0
    mine, theirs = folder / "mine.pmdb", folder / "theirs.pmdb"
    for target, statements in ((mine, MINE), (theirs, THEIRS)):
        shutil.copy(built, target)
        assert _edit(target, statements) == CHANGES
    return mine, theirs


@pytest.mark.slow
def test_a_big_merge_shows_progress_and_cancel_leaves_the_project_untouched(
    qtbot, monkeypatch, copies
):
    mine, theirs = copies
    monkeypatch.setattr(dialogs, "show_error", lambda *_args: pytest.fail("no error expected"))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _p, _n: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(mine)
    working = window.controller.document.working_path
    before = snapshot(working)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    asked = []
    monkeypatch.setattr(merge_dialog, "ask_decisions", lambda *args: asked.append(args))
    seen: list[tuple[int, int]] = []
    real_start = merge_dialog.start_progress

    def start(parent, label):
        progress = real_start(parent, label)
        show = progress.setValue

        def set_value(value):
            show(value)
            seen.append((value, progress.maximum()))
            if value and not progress.wasCanceled():  # part-way through: the PM cancels
                progress.show()
                qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)

        progress.setValue = set_value
        return progress

    monkeypatch.setattr(merge_dialog, "start_progress", start)
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Merge with Another Copy…"]
    action.trigger()
    assert seen and 0 < seen[0][0] < seen[0][1]  # it moved, and stopped before the end
    assert asked == []  # no conflict was put to the PM
    assert window.controller.undo_stack.count() == 0
    assert snapshot(working) == before  # nothing was written to the open project
    window.close()
