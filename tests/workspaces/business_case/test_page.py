"""The Business case page as a PM uses it: typing assumptions, reading what follows, undoing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGraphicsPathItem

from pmdesk.workspaces.business_case import query
from pmdesk.workspaces.business_case.chart.layout import layout_cash
from tests.workspaces.business_case.conftest import project_text
from tests.workspaces.keyboard import type_text


def _type_into_line(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def _type_into_cell(qtbot, table, row: int, column: int, text: str) -> None:
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)  # the platform's "edit this cell" key
    editor = QApplication.focusWidget()
    assert editor is not table, "the cell editor did not open"
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def _result_row(page, label: str) -> list[str]:
    for row in range(page.results.rowCount()):
        if page.results.item(row, 0).text() == label:
            return [page.results.item(row, c).text() for c in range(page.results.columnCount())]
    raise AssertionError(label)


def test_the_sample_case_shows_its_cost_and_the_three_scenarios(page):
    assert page.chooser.currentText() == "Offline technician app — spring launch"
    assert "$671,000 (6 people × 7 months × $14,000 + $83,000 one-off)" in page.summary.text()
    assert "Forecast from Q3 FY27 to Q2 FY30" in page.summary.text()
    assert _result_row(page, "Expected")[2:] == ["18.9 months", "224 %", "Q1 FY29"]
    assert page.first_quarter.currentText() == "Q3 FY27 (from 2027-04-01)"


def test_typing_the_team_size_recomputes_the_case_and_one_undo_restores_it(qtbot, page, controller):
    _type_into_line(qtbot, page.lines["people"], "8")
    assert page.lines["people"].text() == "8"  # Tab kept what was typed
    assert "$867,000 (8 people" in page.summary.text()  # 8 × 7 × 14,000 + 83,000
    case = query.load_case(controller.session, page.case_id)
    assert case.people == 8
    controller.undo_stack.undo()
    assert "$671,000" in page.summary.text()
    assert page.lines["people"].text() == "6"


def test_typing_a_tier_price_recomputes_revenue(qtbot, page, controller):
    page.assumptions.setCurrentIndex(1)
    before = _result_row(page, "Expected")[1]
    _type_into_cell(qtbot, page.tiers, 1, 1, "$1,600")
    assert page.tiers.item(1, 1).text() == "$1,600"
    assert _result_row(page, "Expected")[1] != before
    assert [t.monthly_price for t in query.load_case(controller.session, page.case_id).tiers][
        1
    ] == 1600


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.299,00 €", "The price must be in USD, the project's currency: “1.299,00 €” is not."),
        ("0", "The price must be more than zero; a tier priced at 0 gives the product away."),
        ("-59", "The price must be more than zero; a tier priced at -59 gives the product away."),
    ],
)
def test_a_bad_price_is_refused_with_a_sentence_and_nothing_changes(
    qtbot, page, controller, typed, message
):
    page.assumptions.setCurrentIndex(1)
    before = project_text(controller)
    _type_into_cell(qtbot, page.tiers, 1, 1, typed)
    assert controller.messages and controller.messages[-1].startswith(message)
    assert page.tiers.item(1, 1).text() == "$1,475"  # the cell springs back
    assert project_text(controller) == before
    assert controller.undo_stack.count() == 0


def test_churn_over_100_percent_is_refused(qtbot, page, controller):
    page.assumptions.setCurrentIndex(2)
    before = project_text(controller)
    _type_into_cell(qtbot, page.scenarios, 1, 1, "120")
    assert controller.messages[-1] == "Churn a quarter must be from 0 % to 100 %, not 120 %."
    assert page.scenarios.item(1, 1).text() == "2.5 %"
    assert project_text(controller) == before


def test_a_forty_year_horizon_is_refused_and_the_field_springs_back(qtbot, page, controller):
    before = project_text(controller)
    _type_into_line(qtbot, page.lines["horizon_quarters"], "40 years")
    assert controller.messages[-1].startswith("A forecast runs for 1 to 40 quarters (10 years)")
    assert page.lines["horizon_quarters"].text() == "12"
    assert project_text(controller) == before


def test_a_cost_in_another_currency_format_is_refused(qtbot, page, controller):
    before = project_text(controller)
    _type_into_line(qtbot, page.lines["monthly_rate"], "1.299,00 €")
    assert "“1.299,00 €” is not" in controller.messages[-1]
    assert page.lines["monthly_rate"].text() == "$14,000"
    assert project_text(controller) == before


def test_choosing_another_first_quarter_moves_the_quarter_labels(qtbot, page, controller):
    combo = page.first_quarter
    index = combo.findText("Q1 FY28 (from 2027-10-01)")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert "Forecast from Q1 FY28 to Q4 FY30" in page.summary.text()
    controller.undo_stack.undo()
    assert "Forecast from Q3 FY27" in page.summary.text()


def test_the_chart_draws_the_shared_layout(page, controller):
    case = query.load_case(controller.session, page.case_id)
    expected = layout_cash(
        [(s.kind, s.label, s.outcome) for s in case.scenarios], case.quarter_labels, "USD"
    )
    assert page.chart.layout_shown == expected
    lines = [item for item in page.chart.scene().items() if isinstance(item, QGraphicsPathItem)]
    assert sorted(item.toolTip() for item in lines) == ["Best case", "Expected", "Worst case"]


def test_adding_a_tier_through_its_dialog_and_a_bad_one_is_refused(
    qtbot, page, controller, monkeypatch
):
    from pmdesk.workspaces.business_case.qt import dialogs

    answers = iter([("Starter", "$0", "10"), ("Starter", "$299", "10")])
    monkeypatch.setattr(dialogs, "ask_row", lambda parent, kind: next(answers))
    page.assumptions.setCurrentIndex(1)
    add, _remove = page.row_buttons["tier"]
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert page.tiers.rowCount() == 3
    assert controller.messages[-1].startswith("The price must be more than zero")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert page.tiers.rowCount() == 4
    assert page.mix_label.text() == "Mix adds up to 110 %"
    assert "The tier mix adds up to 110 %" in page.warnings.text()


def test_read_only_shows_the_case_and_refuses_every_edit(read_only_page):
    page = read_only_page
    assert page.lines["people"].isReadOnly()
    assert not page.add_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.tiers.editTriggers() == page.tiers.EditTrigger.NoEditTriggers
    assert all(not button.isEnabled() for pair in page.row_buttons.values() for button in pair)
    assert "$671,000" in page.summary.text()


def test_a_new_case_for_a_roadmap_item_gets_three_scenarios_and_deleting_it_undoes(
    qtbot, page, controller, monkeypatch
):
    from pmdesk.gui import dialogs as common
    from pmdesk.workspaces.business_case.qt import dialogs

    items = dict(query.initiative_choices(controller.session))
    payments = next(i for i, label in items.items() if label == "Get paid on site (initiative)")
    monkeypatch.setattr(dialogs, "ask_new_case", lambda *args: ("Payments GA", payments))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.chooser.currentText() == "Payments GA"
    assert page.item.currentText() == "Get paid on site (initiative)"
    assert [page.results.item(r, 0).text() for r in range(3)] == [
        "Best case",
        "Expected",
        "Worst case",
    ]
    assert "No price tiers yet" in page.warnings.text()
    monkeypatch.setattr(
        common, "confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.chooser.count() == 1
    controller.undo_stack.undo()
    assert page.chooser.count() == 2


def test_the_currency_relabels_amounts_without_converting_them(qtbot, page, controller):
    editor = page.currency.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, "EUR")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.lines["monthly_rate"].text() == "€14,000"
    assert "€671,000" in page.summary.text()
    controller.undo_stack.undo()
    assert page.lines["monthly_rate"].text() == "$14,000"


def test_a_currency_that_is_not_a_code_is_refused(qtbot, page, controller):
    before = project_text(controller)
    editor = page.currency.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, "dollars")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert controller.messages[-1].startswith("A currency is a three-letter code such as USD")
    assert page.currency.currentText() == "USD"
    assert page.currency.findText("DOLLARS") == -1
    assert project_text(controller) == before


def test_typing_notes_keeps_every_space_and_is_one_undo_step(qtbot, page, controller):
    notes = page.notes
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(notes, " Board approved in December.")
    assert notes.toPlainText().endswith("13 April 2027. Board approved in December.")
    case = query.load_case(controller.session, page.case_id)
    assert case.notes.endswith("13 April 2027. Board approved in December.")
    assert controller.undo_stack.count() == 1


def test_a_long_source_reads_from_its_start_as_the_case_opens(page):
    source = page.lines["source"]
    assert source.text().startswith("Engineering estimate")
    # A field shows where its cursor is: at the start, the first words are in sight however
    # narrow the window (at 1024 pixels this one shows only part of its text).
    assert source.cursorPosition() == 0
