"""The one road every edit takes: read-only refusal, derived changes, errors that never vanish."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from pmdesk.errors import ValidationError
from pmdesk.gui import dialogs
from pmdesk.gui.app import install_exception_hook
from pmdesk.gui.document import READ_ONLY_MESSAGE, Change, DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.model import Stakeholder
from tests.support import snapshot


@pytest.fixture
def said() -> list[str]:
    """What the app told the user: refusals, and the details of unexpected errors."""
    return []


@pytest.fixture
def controller(sample_document, said):
    controller = DocumentController(sample_document)
    controller.failed.connect(said.append)
    controller.crashed.connect(lambda _message, details: said.append(details))
    yield controller
    controller.undo_stack.clear()


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def _rename(controller, person_id: str, name: str, old: str) -> bool:
    session = controller.session
    return controller.edit(
        f"Rename {old}",
        lambda: edit.set_field(session, person_id, "name", name),
        lambda: edit.set_field(session, person_id, "name", old),
    )


def test_an_edit_names_every_kind_of_record_its_removal_took(controller):
    session = controller.session
    omar = _person(session, "Omar Haddad")
    changes: list[Change] = []
    controller.changed.connect(changes.append)
    removal = []
    assert controller.edit(
        "Delete Omar Haddad",
        lambda: removal.append(edit.delete(session, [omar.id])),
        lambda: None,
    )
    taken = {table.name for table, _rows in removal[0].rows}
    assert {"stakeholders", "stakeholder_positions"} <= taken
    assert taken <= changes[-1].kinds


def test_a_read_only_project_refuses_every_edit_and_its_file_is_untouched(qtbot, sample_file):
    before = snapshot(sample_file)
    document = Document.open(sample_file, read_only=True)
    controller = DocumentController(document)
    said: list[str] = []
    controller.failed.connect(said.append)
    session = controller.session
    omar = _person(session, "Omar Haddad")
    try:
        assert not _rename(controller, omar.id, "Omar H.", "Omar Haddad")
        session.expire_all()
        assert omar.name == "Omar Haddad"
        assert controller.undo_stack.count() == 0
        assert controller.undo_stack.isClean()
        assert said == [READ_ONLY_MESSAGE]
    finally:
        controller.close()
    assert snapshot(sample_file) == before


def test_a_refused_edit_rolls_back_what_it_wrote_and_stays_off_the_stack(controller, said):
    session = controller.session
    omar = _person(session, "Omar Haddad")

    def half_then_refuse() -> None:
        omar.name = "Half written"
        session.flush()
        raise ValidationError("The name is not allowed.")

    assert not controller.edit("Rename", half_then_refuse, lambda: None)
    session.expire_all()
    assert omar.name == "Omar Haddad"
    assert controller.undo_stack.count() == 0
    assert said == ["The name is not allowed."]


def test_an_unexpected_error_is_shown_with_details_and_rolled_back(controller, said):
    session = controller.session
    omar = _person(session, "Omar Haddad")

    def broken() -> None:
        omar.name = "Half written"
        session.flush()
        raise ZeroDivisionError("a bug")

    assert not controller.edit("Rename", broken, lambda: None)
    session.expire_all()
    assert omar.name == "Omar Haddad"
    assert controller.undo_stack.count() == 0
    assert "ZeroDivisionError: a bug" in said[0]
    assert "Traceback" in said[0]


def test_a_failed_undo_leaves_the_edit_done_and_the_stack_where_it_was(qtbot, controller, said):
    session = controller.session
    omar = _person(session, "Omar Haddad")

    def refuse_undo() -> None:
        raise ValidationError("That cannot be undone now.")

    assert controller.edit(
        "Rename Omar",
        lambda: edit.set_field(session, omar.id, "name", "Omar H."),
        refuse_undo,
    )
    controller.undo_stack.undo()
    qtbot.waitUntil(lambda: controller.undo_stack.index() == 1)
    session.expire_all()
    assert omar.name == "Omar H."
    assert controller.undo_stack.count() == 1
    assert said == ["That cannot be undone now."]
    assert controller.undo_stack.canUndo() and not controller.undo_stack.canRedo()


def test_a_failed_redo_drops_the_command_and_keeps_the_undone_state(qtbot, controller, said):
    session = controller.session
    omar = _person(session, "Omar Haddad")
    attempts = []

    def redo() -> None:
        attempts.append(1)
        if len(attempts) > 1:
            raise ValidationError("Someone else took that name.")
        edit.set_field(session, omar.id, "name", "Omar H.")

    assert controller.edit(
        "Rename Omar", redo, lambda: edit.set_field(session, omar.id, "name", "Omar Haddad")
    )
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    session.expire_all()
    assert omar.name == "Omar Haddad"
    assert controller.undo_stack.count() == 0
    assert said == ["Someone else took that name."]


def test_the_exception_hook_shows_the_error_with_its_details(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs,
        "show_unexpected_error",
        lambda _parent, message, details: shown.append((message, details)),
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook()
    try:
        raise KeyError("lost")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    message, details = shown[0]
    assert "did not expect" in message and "save it" in message
    assert "KeyError: 'lost'" in details and "Traceback" in details


def test_copy_details_copies_and_leaves_the_message_open(qtbot):
    QApplication.clipboard().clear()
    seen: dict[str, object] = {}

    def press_copy_then_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        copy = next(b for b in box.buttons() if b.text() == "Copy Details")
        qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
        seen["open after copy"] = box.isVisible()
        seen["clipboard"] = QApplication.clipboard().text()
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, press_copy_then_close)
    dialogs.show_unexpected_error(None, "It broke.", "Traceback: line 1")
    assert seen == {"open after copy": True, "clipboard": "It broke.\n\nTraceback: line 1"}
