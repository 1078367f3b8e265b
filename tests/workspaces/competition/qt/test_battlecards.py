"""Battlecards: lead and trail rows come from the matrix; sections are typed and undoable."""

from __future__ import annotations

from pmdesk.gui.document import Change
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.qt.battlecard_view import BattlecardPanel
from pmdesk.workspaces.competition.qt.page import CompetitionPage
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)


def test_lead_and_trail_rows_follow_the_matrix(qtbot, controller):  # noqa: F811
    panel = BattlecardPanel(controller)
    qtbot.addWidget(panel)
    assert panel.heading.text() == "Battlecard: ServicePeak"
    assert "Auto dispatch — us 5.0 vs them 3.0" in panel.leads.text()
    assert panel.trails.text() == "Nowhere on rated criteria."
    session = controller.session
    criteria = {c.name: c.id for c in edit.criteria(session)}
    rival = panel.competitor_id
    controller.edit(
        "rate",
        lambda: edit.set_rating(session, rival, criteria["Works offline"], "yes"),
        lambda: None,
        Change.of("competitor_ratings"),
    )
    # We are not rated on it: unknown is neither a lead nor a trail.
    assert panel.trails.text() == "Nowhere on rated criteria."
    us = edit.load_scoreboard(session).us_id
    controller.edit(
        "rate",
        lambda: edit.set_rating(session, us, criteria["Works offline"], "no"),
        lambda: None,
        Change.of("competitor_ratings"),
    )
    assert "Works offline — us 0.0 vs them 5.0" in panel.trails.text()


def test_typing_a_section_undoes_a_word_at_a_time(qtbot, controller):  # noqa: F811
    panel = BattlecardPanel(controller)
    qtbot.addWidget(panel)
    editor = panel.editors["landmines"]
    editor.setFocus()
    qtbot.keyClicks(editor, "Ask about offline")
    rival = panel.competitor_id
    assert cards.battlecards(controller.session)[rival].landmines == "Ask about offline"
    assert controller.undo_stack.count() == 3  # one step per word
    controller.undo_stack.undo()
    assert cards.battlecards(controller.session)[rival].landmines == "Ask about"
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert cards.battlecards(controller.session)[rival].landmines == ""
    assert editor.toPlainText() == ""


def test_our_own_product_has_no_battlecard(qtbot, controller):  # noqa: F811
    panel = BattlecardPanel(controller)
    qtbot.addWidget(panel)
    names = [panel.picker.item(row).text() for row in range(panel.picker.count())]
    assert names == ["#2  ServicePeak"]


def test_the_page_shows_all_three_tabs(qtbot, controller):  # noqa: F811
    page = CompetitionPage(controller)
    qtbot.addWidget(page)
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert tabs[:3] == ["Matrix", "Positioning map", "Battlecards"]


def test_a_battlecard_shows_our_messages_and_which_their_strengths_undercut(qtbot, sample_document):
    from sqlalchemy import select

    from pmdesk.gui.document import DocumentController
    from pmdesk.workspaces.personas import edit as personas
    from pmdesk.workspaces.personas.model import KeyMessage

    sample = DocumentController(sample_document)
    panel = BattlecardPanel(sample)
    qtbot.addWidget(panel)
    for row in range(panel.picker.count()):
        if panel.picker.item(row).text().endswith("Jobwise"):
            panel.picker.setCurrentRow(row)
    assert panel.heading.text() == "Battlecard: Jobwise"
    text = panel.messages.text()
    assert "For Tomás, the field technician:" in text
    assert (
        "“The app works where your phone has no signal.” — answers them on Works without "
        "signal (us 5.0, them 0.0)" in text
    )
    assert (
        "“Live in a week, without an IT department.” (Owen, the owner-operator) — they rate at "
        "or above us on Time to go live (us 5.0, them 5.0)" in panel.undercut.text()
    )
    # Rewording the message in Personas rewrites the card.
    session = sample.session
    message = next(
        m for m in session.scalars(select(KeyMessage)) if m.text.startswith("Live in a week")
    )
    sample.edit(
        "reword",
        lambda: personas.set_message_text(session, message.id, "Live in five days."),
        lambda: personas.set_message_text(session, message.id, "Live in a week."),
    )
    assert "“Live in five days.” (Owen" in panel.undercut.text()
