"""File › Merge with Another Copy…, as a PM uses it: conflicts decided in the dialog, one undo."""

from __future__ import annotations

import shutil
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from pmdesk.domain.project import get_project, set_field
from pmdesk.gui import compare_dialog, dialogs, merge_dialog, sharing_dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.store.document import Document
from tests.support import snapshot


@pytest.fixture
def told(monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: messages.append(message))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda _p, _n: dialogs.Answer.DISCARD)
    return messages


@pytest.fixture
def window(qtbot, told):
    window = MainWindow()
    qtbot.addWidget(window)
    yield window
    window.close()


def choose(window, text):
    """Pick a File menu entry, as a person does."""
    [action] = [a for a in window.findChildren(QAction) if a.text() == text]
    action.trigger()


def their_copy(sample_file, tmp_path, **fields):
    target = tmp_path / "theirs.pmdb"
    shutil.copy(sample_file, target)
    document = Document.open(target)
    try:
        for key, value in fields.items():
            set_field(document.session, key, value)
        document.save()
    finally:
        document.close()
    return target


def answer_with(qtbot, monkeypatch, gesture):
    """Show the real dialog, let ``gesture`` work it as a person would, then read it."""
    shown: list[merge_dialog.MergeDialog] = []

    def ask(parent, source, summary, conflicts, duplicates, merge=None):
        dialog = merge_dialog.MergeDialog(parent, source, summary, conflicts, duplicates, merge)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        if not gesture(dialog):
            return None
        return dialog.choices(), dialog.same()

    monkeypatch.setattr(merge_dialog, "ask_decisions", ask)
    return shown


def test_all_theirs_settles_the_conflict_and_the_merge_is_one_undo_step(
    window, qtbot, monkeypatch, sample_file, tmp_path
):
    theirs = their_copy(
        sample_file, tmp_path, vision="Their vision", problem="Their sharper problem"
    )
    before = snapshot(theirs)
    window.open_project(sample_file)
    session = window.controller.session
    set_field(session, "vision", "My vision")
    original_problem = get_project(session).problem
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)

    def all_theirs(dialog):
        assert dialog.table.rowCount() == 1
        assert "vision is “My vision” in yours, “Their vision” in theirs" in (
            dialog.table.item(0, 1).toolTip()
        )
        assert dialog.table.item(0, 0).text() == "Overview"
        qtbot.mouseClick(dialog.all_theirs, Qt.MouseButton.LeftButton)
        return True

    shown = answer_with(qtbot, monkeypatch, all_theirs)
    choose(window, "&Merge with Another Copy…")
    assert len(shown) == 1
    project = get_project(session)
    assert (project.vision, project.problem) == ("Their vision", "Their sharper problem")
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    project = get_project(session)
    assert (project.vision, project.problem) == ("My vision", original_problem)
    assert snapshot(theirs) == before  # nothing is written to the other file


def test_keep_mine_chosen_in_the_list_keeps_my_value(
    window, qtbot, monkeypatch, sample_file, tmp_path
):
    theirs = their_copy(sample_file, tmp_path, vision="Their vision")
    window.open_project(sample_file)
    set_field(window.controller.session, "vision", "My vision")
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)

    def keep_mine(dialog):
        qtbot.mouseClick(dialog.all_theirs, Qt.MouseButton.LeftButton)
        chooser = dialog.choosers[0]
        assert chooser.currentText() == "Take theirs"
        qtbot.keyClick(chooser, Qt.Key.Key_Up)  # back to "Keep mine" on this one
        assert chooser.currentText() == "Keep mine"
        return True

    answer_with(qtbot, monkeypatch, keep_mine)
    choose(window, "&Merge with Another Copy…")
    assert get_project(window.controller.session).vision == "My vision"


def test_cancel_changes_nothing(window, qtbot, monkeypatch, sample_file, tmp_path):
    theirs = their_copy(sample_file, tmp_path, vision="Their vision", problem="Theirs")
    window.open_project(sample_file)
    set_field(window.controller.session, "vision", "My vision")
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    answer_with(qtbot, monkeypatch, lambda _dialog: False)
    choose(window, "&Merge with Another Copy…")
    project = get_project(window.controller.session)
    assert project.vision == "My vision" and project.problem != "Theirs"
    assert window.controller.undo_stack.count() == 0


def test_a_file_of_another_product_is_refused_offering_import(
    window, told, monkeypatch, sample_file, tmp_path
):
    other = tmp_path / "other.pmdb"
    document = Document.new()
    try:
        set_field(document.session, "vision", f"Another product {uuid.uuid4()}")
        document.save(other)
    finally:
        document.close()
    window.open_project(sample_file)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: other)
    choose(window, "&Merge with Another Copy…")
    assert len(told) == 1 and "share no records" in told[0] and "Import from Project" in told[0]
    assert window.controller.undo_stack.count() == 0


def test_merging_the_open_file_with_itself_is_refused(window, told, monkeypatch, sample_file):
    window.open_project(sample_file)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: sample_file)
    choose(window, "&Merge with Another Copy…")
    assert told == [
        f"“{sample_file.name}” is the project you have open: there is nothing to merge."
    ]
    assert window.controller.undo_stack.count() == 0


def test_a_copy_without_changes_is_said_to_hold_nothing_new(
    window, told, monkeypatch, sample_file, tmp_path
):
    theirs = tmp_path / "theirs.pmdb"
    shutil.copy(sample_file, theirs)
    window.open_project(sample_file)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    choose(window, "&Merge with Another Copy…")
    assert told == ["“theirs.pmdb” holds nothing this project lacks."]
    assert window.controller.undo_stack.count() == 0


def test_cancelling_the_progress_stops_the_merge_and_changes_nothing(
    window, qtbot, monkeypatch, sample_file, tmp_path
):
    theirs = their_copy(sample_file, tmp_path, problem="Their sharper problem")
    window.open_project(sample_file)
    original = get_project(window.controller.session).problem
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    real_start = merge_dialog.start_progress

    def start_and_cancel(parent, label):
        progress = real_start(parent, label)
        progress.show()
        cancel = progress.findChild(QPushButton)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        return progress

    monkeypatch.setattr(merge_dialog, "start_progress", start_and_cancel)
    asked = answer_with(qtbot, monkeypatch, lambda _dialog: True)
    choose(window, "&Merge with Another Copy…")
    assert asked == []  # no decisions were asked for
    assert get_project(window.controller.session).problem == original
    assert window.controller.undo_stack.count() == 0


def test_a_read_only_project_refuses_a_merge(window, told, monkeypatch, sample_file, tmp_path):
    theirs = their_copy(sample_file, tmp_path, problem="Their sharper problem")
    window.use_controller(DocumentController(Document.open(sample_file, read_only=True)))
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    choose(window, "&Merge with Another Copy…")
    assert told == ["This project is open read-only, so nothing can be merged into it."]
    assert get_project(window.controller.session).problem != "Their sharper problem"


def test_compare_with_another_file_lists_differences_per_workspace(
    window, monkeypatch, sample_file, tmp_path
):
    theirs = their_copy(sample_file, tmp_path, vision="Their vision")
    window.open_project(sample_file)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    shown = []
    monkeypatch.setattr(
        compare_dialog,
        "show_differences",
        lambda parent, other, changes: shown.append(
            compare_dialog.CompareDialog(parent, other, changes)
        ),
    )
    choose(window, "Another &File…")
    [dialog] = shown
    group = dialog.tree.topLevelItem(0)
    assert group.text(0) == "Overview (1)"
    field = group.child(0).child(0)
    assert field.text(0) == "Vision" and field.text(3) == "Their vision"
    assert field.toolTip(2) == get_project(window.controller.session).vision
    dialog.deleteLater()


def test_compare_with_a_backup(window, told, monkeypatch, sample_file):
    window.open_project(sample_file)
    set_field(window.controller.session, "vision", "Saved later")
    window.controller.document.save()  # the file as it was goes to the backups
    monkeypatch.setattr(sharing_dialogs, "choose_backup", lambda _p, backups: backups[0])
    shown = []
    monkeypatch.setattr(
        compare_dialog,
        "show_differences",
        lambda _parent, other, changes: shown.append((other, changes)),
    )
    choose(window, "A &Backup…")
    [(other, changes)] = shown
    assert other.startswith("the backup from ")
    assert [(c.section, c.fields[0][1]) for c in changes] == [("project", "Saved later")]


def saved_copy(source, target, **fields):
    """``source`` copied to ``target`` and saved there with the overview's fields changed."""
    if source != target:
        shutil.copy(source, target)
    document = Document.open(target)
    try:
        for key, value in fields.items():
            set_field(document.session, key, value)
        document.save()
    finally:
        document.close()
    return target


def test_the_merge_brings_their_history_so_an_older_copy_of_theirs_merges_cleanly_later(
    window, qtbot, monkeypatch, sample_file, tmp_path
):
    # They set the vision to B, a colleague copied their file then, and they went on to C.
    at_b = saved_copy(sample_file, tmp_path / "theirs.pmdb", vision="Vision B")
    older = saved_copy(at_b, tmp_path / "colleague.pmdb", problem="The colleague's problem")
    saved_copy(at_b, at_b, vision="Vision C")
    window.open_project(sample_file)
    asked = answer_with(qtbot, monkeypatch, lambda _dialog: True)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: at_b)
    choose(window, "&Merge with Another Copy…")
    window.controller.document.save()
    # The colleague's copy still says B, which their history knows was replaced by C.
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: older)
    choose(window, "&Merge with Another Copy…")
    assert asked == []  # nothing to decide
    project = get_project(window.controller.session)
    assert (project.vision, project.problem) == ("Vision C", "The colleague's problem")


def test_edit_types_the_merged_value_refusing_one_the_workspace_would_refuse(
    window, qtbot, monkeypatch, told, sample_file, tmp_path
):
    from pmdesk.workspaces.stakeholders import edit as stakeholders
    from pmdesk.workspaces.stakeholders.model import Stakeholder

    def set_influence(session, value):
        person = session.query(Stakeholder).filter_by(name="Sam Novak").one()
        stakeholders.set_field(session, person.id, "influence", value)

    theirs = tmp_path / "theirs.pmdb"
    shutil.copy(sample_file, theirs)
    document = Document.open(theirs)
    set_influence(document.session, 9)
    document.save()
    document.close()
    before = snapshot(theirs)
    window.open_project(sample_file)
    session = window.controller.session
    set_influence(session, 3)
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    typed = iter(["12", "5"])  # first out of range, then corrected
    asked: list[tuple[str, str]] = []

    def ask_text(_parent, _title, label, text=""):
        asked.append((label, text))
        return next(typed)

    monkeypatch.setattr(dialogs, "ask_text", ask_text)

    def edit(dialog):
        chooser = dialog.choosers[0]
        assert [chooser.itemText(i) for i in range(chooser.count())] == [
            "Keep mine",
            "Take theirs",
            "Edit…",
        ]
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
        qtbot.keyClick(chooser, Qt.Key.Key_Down)  # to "Edit…"
        assert chooser.currentText() == "Typed: 5"  # the value the merge keeps, in the row
        return True

    answer_with(qtbot, monkeypatch, edit)
    choose(window, "&Merge with Another Copy…")
    assert asked == [
        ("Influence of “Sam Novak” in the merged project:", "3"),  # mine, to start from
        ("Influence of “Sam Novak” in the merged project:", "12"),  # what they typed
    ]
    assert told == ["Influence must be from 1 to 10, not 12."]
    session.expire_all()
    assert session.query(Stakeholder).filter_by(name="Sam Novak").one().influence == 5
    window.controller.undo_stack.undo()
    session.expire_all()
    assert session.query(Stakeholder).filter_by(name="Sam Novak").one().influence == 3
    assert snapshot(theirs) == before


def test_cancelling_the_typed_value_goes_back_to_keeping_mine(
    window, qtbot, monkeypatch, sample_file, tmp_path
):
    theirs = their_copy(sample_file, tmp_path, vision="Their vision")
    window.open_project(sample_file)
    set_field(window.controller.session, "vision", "My vision")
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: theirs)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args, **_kwargs: None)

    def edit_then_cancel(dialog):
        chooser = dialog.choosers[0]
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
        assert chooser.currentText() == "Keep mine"
        return True

    answer_with(qtbot, monkeypatch, edit_then_cancel)
    choose(window, "&Merge with Another Copy…")
    assert get_project(window.controller.session).vision == "My vision"
