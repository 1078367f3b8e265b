"""Competitor profiles: fields edited in place, one "us", threat level; all undoable."""

from __future__ import annotations

from datetime import date

import pytest

from pmdesk.gui.document import Change
from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition.qt.page import CompetitionPage
from pmdesk.workspaces.competition.qt.profile_view import ProfilePanel
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)


def profile(controller, name):  # noqa: F811
    return next(c for c in edit.competitors(controller.session) if c.name == name)


def test_profile_fields_are_saved_and_undone(qtbot, controller):  # noqa: F811
    panel = ProfilePanel(controller)
    qtbot.addWidget(panel)
    panel.picker.setCurrentRow(1)  # ServicePeak: ours is listed first
    panel.lines["segment"].setText("  Large residential  ")
    panel.lines["segment"].editingFinished.emit()
    assert profile(controller, "ServicePeak").segment == "Large residential"
    panel.lines["as_of"].setText("2026-09-20")
    panel.lines["as_of"].editingFinished.emit()
    assert profile(controller, "ServicePeak").as_of == date(2026, 9, 20)
    panel.threat.setCurrentIndex(panel.threat.findData("high"))
    panel.threat.activated.emit(panel.threat.currentIndex())
    assert profile(controller, "ServicePeak").threat_level == "high"
    for _ in range(3):
        controller.undo_stack.undo()
    rival = profile(controller, "ServicePeak")
    assert (rival.segment, rival.as_of, rival.threat_level) == ("", None, "")


def test_typing_strengths_keeps_spaces_and_undoes_a_word_at_a_time(qtbot, controller):  # noqa: F811
    panel = ProfilePanel(controller)
    qtbot.addWidget(panel)
    panel.picker.setCurrentRow(1)
    editor = panel.texts["strengths"]
    editor.setFocus()
    qtbot.keyClicks(editor, "Big brand ")
    assert profile(controller, "ServicePeak").strengths == "Big brand "
    controller.undo_stack.undo()  # the space typed last starts the next word
    assert profile(controller, "ServicePeak").strengths == "Big brand"
    controller.undo_stack.undo()
    assert profile(controller, "ServicePeak").strengths == "Big"


def test_a_bad_date_or_empty_name_is_refused(qtbot, controller):  # noqa: F811
    panel = ProfilePanel(controller)
    qtbot.addWidget(panel)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    panel.picker.setCurrentRow(1)
    panel.lines["as_of"].setText("soon")
    panel.lines["as_of"].editingFinished.emit()
    panel.lines["name"].setText(" ")
    panel.lines["name"].editingFinished.emit()
    assert messages == [
        "The as-of date must be a date like 2026-03-31, not “soon”.",
        "The competitor needs a name.",
    ]
    assert panel.lines["name"].text() == "ServicePeak"
    assert controller.undo_stack.count() == 0


def test_marking_another_product_as_us_moves_the_mark(qtbot, controller):  # noqa: F811
    panel = ProfilePanel(controller)
    qtbot.addWidget(panel)
    panel.picker.setCurrentRow(1)
    panel.is_us.setChecked(True)
    assert profile(controller, "ServicePeak").is_us
    assert not profile(controller, "FieldLoop").is_us
    controller.undo_stack.undo()
    assert profile(controller, "FieldLoop").is_us


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_lazy_tabs_catch_up_when_shown(qtbot, controller):  # noqa: F811
    page = CompetitionPage(controller)
    qtbot.addWidget(page)
    page.show()
    session = controller.session
    rival = profile(controller, "ServicePeak").id
    controller.edit(
        "rename",
        lambda: edit.set_competitor_fields(session, rival, name="ServicePeak Pro"),
        lambda: edit.set_competitor_fields(session, rival, name="ServicePeak"),
        Change.of("competitors"),
    )
    page.tabs.setCurrentWidget(page.battlecards)
    assert page.battlecards.heading.text() == "Battlecard: ServicePeak Pro"
    page.tabs.setCurrentWidget(page.profiles)
    assert page.profiles.picker.item(1).text() == "ServicePeak Pro"


def test_a_read_only_profile_shows_its_fields_locked(qtbot, controller, monkeypatch):  # noqa: F811
    monkeypatch.setattr(type(controller), "read_only", property(lambda _self: True))
    panel = ProfilePanel(controller)
    qtbot.addWidget(panel)
    panel.picker.setCurrentRow(1)
    assert panel.lines["name"].isReadOnly() and panel.texts["strengths"].isReadOnly()
    assert not panel.is_us.isEnabled() and not panel.threat.isEnabled()
    panel.lines["name"].editingFinished.emit()  # leaving an unchanged field is no edit
    assert controller.undo_stack.count() == 0
