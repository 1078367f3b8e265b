"""Sharing in the window: locked files, a teammate's save, crash recovery, backups, import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pmdesk.domain.project import get_project, set_field
from pmdesk.gui import dialogs, sharing_dialogs
from pmdesk.gui.app import show_main_window
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.sharing_dialogs import Choice
from pmdesk.store import lock
from pmdesk.store.document import Document
from tests.support import snapshot


@pytest.fixture
def asked(monkeypatch):
    """Every sharing question, answered from a queue the test fills; records what was asked."""
    state = {"answers": [], "asked": [], "shown": [], "errors": []}

    def answer(kind):
        def reply(_parent, subject, *rest):
            state["asked"].append((kind, str(getattr(subject, "message", subject))))
            return state["answers"].pop(0)

        return reply

    for name in ("ask_locked", "ask_changed_on_disk", "ask_recover"):
        monkeypatch.setattr(sharing_dialogs, name, answer(name))
    monkeypatch.setattr(
        sharing_dialogs, "show_comparison", lambda _p, _t, text: state["shown"].append(text)
    )
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, _t, message: state["errors"].append(message)
    )
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _p, _n: dialogs.Answer.DISCARD)
    return state


@pytest.fixture
def window(qtbot, asked):
    window = MainWindow()
    qtbot.addWidget(window)
    yield window
    window.close()


def _lock_by_teammate(path):
    lock.lock_path(path).write_text(
        json.dumps({"user": "dana", "host": "far-away", "pid": 7, "since": "2026-11-20T09:15:00"}),
        encoding="utf-8",
    )


def test_a_file_open_elsewhere_can_be_opened_read_only(window, asked, sample_file):
    _lock_by_teammate(sample_file)
    asked["answers"] = [Choice.READ_ONLY]
    assert window.open_project(sample_file)
    assert asked["asked"][0][1].startswith("“sample.pmdb” is open by dana on far-away since")
    assert window.controller.read_only
    assert window.banner.isVisibleTo(window)


def test_a_file_open_elsewhere_can_be_opened_as_an_untitled_copy(window, asked, sample_file):
    _lock_by_teammate(sample_file)
    asked["answers"] = [Choice.COPY]
    assert window.open_project(sample_file)
    assert window.controller.document.path is None
    assert not window.controller.read_only
    assert lock.read_owner(sample_file).user == "dana"


def test_cancel_keeps_the_current_project(window, asked, sample_file):
    _lock_by_teammate(sample_file)
    asked["answers"] = [Choice.CANCEL]
    assert not window.open_project(sample_file)
    assert window.controller.document.path is None


def test_a_teammates_save_is_compared_then_replaced_only_when_chosen(
    window, asked, sample_file, tmp_path
):
    window.open_project(sample_file)
    window.show_workspace("overview").ui.vision.setPlainText("Mine")
    other = Document.open(sample_file, read_only=True)
    set_field(other.session, "vision", "Theirs")
    other.save(tmp_path / "theirs.pmdb")
    other.close()
    (tmp_path / "theirs.pmdb").replace(sample_file)
    before = snapshot(sample_file)
    asked["answers"] = [Choice.COMPARE, Choice.CANCEL]
    assert not window.save()
    assert "vision: “Mine” → “Theirs”" in asked["shown"][0]
    assert snapshot(sample_file) == before
    assert window.isWindowModified()
    asked["answers"] = [Choice.OVERWRITE]
    assert window.save()
    assert not window.isWindowModified()
    check = Document.open(sample_file, read_only=True)
    assert get_project(check.session).vision == "Mine"
    check.close()


CRASH = """
import os, sys
from pmdesk.domain.project import set_field
from pmdesk.store.document import Document
document = Document.open(sys.argv[1])
set_field(document.session, "vision", "Written just before the crash")
os._exit(9)
"""


def test_the_next_start_offers_to_recover_unsaved_work(qtbot, asked, sample_file):
    subprocess.run([sys.executable, "-c", CRASH, str(sample_file)], check=False)
    asked["answers"] = [Choice.RECOVER]
    window = show_main_window(None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.controller is not None)
    assert asked["asked"][0][0] == "ask_recover"
    assert get_project(window.controller.session).vision == "Written just before the crash"
    assert window.controller.document.path == sample_file
    assert window.isWindowModified()
    window.close()


def test_restoring_a_backup_opens_an_untitled_copy_of_it(window, asked, sample_file, monkeypatch):
    window.open_project(sample_file)
    window.show_workspace("overview").ui.vision.setPlainText("Second version")
    window.save()
    monkeypatch.setattr(sharing_dialogs, "choose_backup", lambda _p, backups: backups[0])
    window.restore_from_backup()
    assert window.controller.document.path is None
    assert get_project(window.controller.session).vision.startswith("Every trade contractor")


def test_importing_from_another_copy_is_one_undo_step(
    window, asked, sample_file, tmp_path, monkeypatch
):
    other = Document.open(sample_file, as_copy=True)
    set_field(other.session, "problem", "Their sharper problem statement")
    other.save(tmp_path / "theirs.pmdb")
    other.close()
    window.open_project(sample_file)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: tmp_path / "theirs.pmdb")
    monkeypatch.setattr(sharing_dialogs, "choose_records", lambda _p, _s, changes: changes)
    window.import_from_project()
    assert get_project(window.controller.session).problem == "Their sharper problem statement"
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert get_project(window.controller.session).problem.startswith("Mid-size contractors")
