"""The competitive matrix table: model contract, editors per kind, undo, collapse, removal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from pmdesk.gui import dialogs
from pmdesk.gui.document import READ_ONLY_MESSAGE, DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition.model import Criterion
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.qt.delegates import RatingDelegate
from pmdesk.workspaces.competition.qt.matrix_model import FIXED_COLUMNS, MatrixModel
from pmdesk.workspaces.competition.qt.matrix_view import MatrixPanel


@pytest.fixture
def controller():
    document = Document.new()
    session = document.session
    us = edit.add_competitor(session, "FieldLoop")
    rival = edit.add_competitor(session, "ServicePeak")
    edit.mark_us(session, us)
    dispatch = edit.add_category(session, "Dispatch")
    pricing = edit.add_category(session, "Pricing")
    speed = edit.add_criterion(session, dispatch, "Auto dispatch", "score", 2)
    edit.add_criterion(session, dispatch, "Works offline", "yes_no", 1)
    edit.add_criterion(session, pricing, "Price per technician", "price", 1)
    edit.add_criterion(session, pricing, "Pricing model", "text", 0)
    old = (date.today() - timedelta(days=400)).isoformat()
    edit.set_rating(session, us, speed, "5", source="Trial", as_of=old)
    edit.set_rating(session, rival, speed, "3")
    controller = DocumentController(document)
    yield controller
    controller.close()


def cell(model: MatrixModel, criterion: str, competitor: str):
    row = next(r for r, entry in enumerate(model.rows) if entry.name == criterion)
    column = next(FIXED_COLUMNS + i for i, c in enumerate(model.competitors) if c[1] == competitor)
    return model.index(row, column)


def test_the_model_keeps_the_qt_contract(qtmodeltester, controller):
    model = MatrixModel(controller)
    qtmodeltester.check(model, force_py=True)


def test_rows_and_columns_read_like_the_matrix(qtbot, controller):
    model = MatrixModel(controller)
    names = [entry.name for entry in model.rows]
    assert names[:3] == ["Weighted total", "Rank", "Dispatch"]
    assert names.index("Auto dispatch") < names.index("Pricing")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Criterion", "Weight", "FieldLoop (us)", "ServicePeak", "Gap to leader"]
    total_row = model.index(0, FIXED_COLUMNS)
    # Rated on half the weight (Auto dispatch): the total is over what is rated, not over zeros.
    assert total_row.data() == "100%"
    assert model.index(1, FIXED_COLUMNS).data() == "#1"
    assert model.index(0, FIXED_COLUMNS + 1).data() == f"{100 * 6 / 10:.0f}%"


def test_editing_a_rating_updates_totals_and_one_undo_restores(qtbot, controller):
    model = MatrixModel(controller)
    index = cell(model, "Auto dispatch", "ServicePeak")
    assert model.setData(index, "5")
    assert model.index(1, FIXED_COLUMNS + 1).data() == "#1"  # now tied with us
    assert model.index(1, FIXED_COLUMNS).data() == "#1"
    gap = model.index(index.row(), model.columnCount() - 1)
    assert gap.data() == "Leader"
    controller.undo_stack.undo()
    assert index.data() == "3"
    assert model.index(1, FIXED_COLUMNS + 1).data() == "#2"
    controller.undo_stack.redo()
    assert index.data() == "5"


def test_a_score_of_seven_is_refused_with_a_message(qtbot, controller):
    model = MatrixModel(controller)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    index = cell(model, "Auto dispatch", "ServicePeak")
    assert not model.setData(index, "7")
    assert messages == [
        "The rating of ServicePeak on “Auto dispatch” must be from 0 to 5; 7 is out of range."
    ]
    assert index.data() == "3"
    assert controller.undo_stack.count() == 0


def test_bad_weights_are_refused_and_zero_weight_is_allowed(qtbot, controller):
    model = MatrixModel(controller)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    row = next(r for r, e in enumerate(model.rows) if e.name == "Auto dispatch")
    weight = model.index(row, 1)
    assert not model.setData(weight, "-3")
    assert not model.setData(weight, "heavy")
    assert "cannot be negative" in messages[0] and "“heavy”" in messages[1]
    assert weight.data() == "2"
    assert model.setData(weight, "0")
    # Rated only where nothing has weight: no total, and no rank, rather than "0%"
    assert model.index(0, FIXED_COLUMNS).data() == "—"
    assert model.index(1, FIXED_COLUMNS).data() == "not enough ratings"


@pytest.mark.parametrize(
    ("criterion", "editor_type", "name"),
    [
        ("Auto dispatch", QLineEdit, "scoreEditor"),
        ("Works offline", QLineEdit, "yesNoEditor"),
        ("Price per technician", QLineEdit, "priceEditor"),
        ("Pricing model", QLineEdit, "textEditor"),
    ],
)
def test_each_rating_kind_gets_its_editor(qtbot, controller, criterion, editor_type, name):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    model = panel.model
    index = cell(model, criterion, "ServicePeak")
    delegate = RatingDelegate()
    editor = delegate.createEditor(panel.table, QStyleOptionViewItem(), index)
    assert isinstance(editor, editor_type)
    assert editor.objectName() == name
    editor.deleteLater()


def test_the_yes_no_editor_writes_the_chosen_word(qtbot, controller):
    model = MatrixModel(controller)
    index = cell(model, "Works offline", "ServicePeak")
    delegate = RatingDelegate()
    editor = delegate.createEditor(None, QStyleOptionViewItem(), index)
    delegate.setEditorData(editor, index)
    assert editor.text() == ""  # unrated: nothing to edit, not a "0"
    assert editor.placeholderText() == "Y, N or Partial"
    editor.setText("p")
    delegate.setModelData(editor, model, index)
    assert index.data() == "Partial"
    editor.deleteLater()


def test_heat_map_and_staleness_show_in_the_cells(qtbot, controller):
    model = MatrixModel(controller)
    strong = cell(model, "Auto dispatch", "FieldLoop")
    middle = cell(model, "Auto dispatch", "ServicePeak")
    assert strong.data(Qt.ItemDataRole.BackgroundRole) != middle.data(
        Qt.ItemDataRole.BackgroundRole
    )
    assert strong.data(Qt.ItemDataRole.FontRole).italic()  # evidence is 400 days old
    assert "Stale" in strong.data(Qt.ItemDataRole.ToolTipRole)
    assert middle.data(Qt.ItemDataRole.FontRole) is None


def test_collapsing_a_category_hides_its_criteria(qtbot, controller):
    model = MatrixModel(controller)
    dispatch = next(e.id for e in model.rows if e.name == "Dispatch")
    model.set_collapsed(dispatch, True)
    names = [entry.name for entry in model.rows]
    assert "Auto dispatch" not in names and "Dispatch" in names
    row = names.index("Dispatch")
    assert model.index(row, FIXED_COLUMNS).data() == "5.0"  # unrated "Works offline" left out
    model.set_collapsed(dispatch, False)
    assert "Auto dispatch" in [entry.name for entry in model.rows]


def test_deleting_a_criterion_asks_nothing_and_can_be_undone(qtbot, controller, monkeypatch):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: pytest.fail("Undo is there: no question"))
    speed = next(e.id for e in panel.model.rows if e.name == "Auto dispatch")
    assert panel.remove_criterion(speed)
    assert controller.undo_stack.undoText() == "Delete the criterion “Auto dispatch”"
    assert "Auto dispatch" not in [e.name for e in panel.model.rows]
    controller.undo_stack.undo()
    assert "Auto dispatch" in [e.name for e in panel.model.rows]
    assert cell(panel.model, "Auto dispatch", "ServicePeak").data() == "3"


def test_deleting_names_the_strategy_canvas_when_it_uses_the_criterion(
    qtbot, controller, monkeypatch
):
    from pmdesk import registry

    if "canvas_factors" not in registry.metadata().tables:
        pytest.skip("the strategy canvas is not in this build")
    table = registry.metadata().tables["canvas_factors"]
    link = next(
        c for c in table.columns if any(k.column.table.name == "criteria" for k in c.foreign_keys)
    )
    session = controller.session
    speed = session.query(Criterion).filter_by(name="Auto dispatch").one().id
    required = {c.key: "x" for c in table.columns if not c.nullable and c.default is None}
    required.update({"id": edit.new_id(), link.key: speed})
    session.execute(table.insert(), [required])
    session.commit()
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    assert panel.remove_criterion(speed)
    # Edit › Undo says what went and which records elsewhere lost their link to it.
    text = controller.undo_stack.undoText()
    assert text == "Delete the criterion “Auto dispatch”; used by 1 canvas factors"
    controller.undo_stack.undo()
    assert "Auto dispatch" in [e.name for e in panel.model.rows]


def test_adding_a_criterion_lands_in_the_selected_category(qtbot, controller):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    row = next(r for r, e in enumerate(panel.model.rows) if e.name == "Dispatch")
    panel.table.setCurrentIndex(panel.proxy.mapFromSource(panel.model.index(row, 0)))
    panel.add_criterion()
    names = [e.name for e in panel.model.rows]
    assert names.index("New criterion") < names.index("Pricing")
    controller.undo_stack.undo()
    assert "New criterion" not in [e.name for e in panel.model.rows]


def test_evidence_edits_are_undoable(qtbot, controller):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    index = cell(panel.model, "Auto dispatch", "ServicePeak")
    panel.table.setCurrentIndex(panel.proxy.mapFromSource(index))
    panel.source_edit.setText("Win/loss interview")
    panel.source_edit.editingFinished.emit()
    session = controller.session
    speed = panel.model.rows[index.row()].id
    rival = panel.model.competitors[1][0]
    assert edit.rating_state(session, rival, speed).source == "Win/loss interview"
    panel.as_of_edit.setText("yesterday")
    panel.as_of_edit.editingFinished.emit()
    assert edit.rating_state(session, rival, speed).as_of is None
    controller.undo_stack.undo()
    assert edit.rating_state(session, rival, speed).source == ""


def test_read_only_projects_cannot_be_edited(qtbot, controller, monkeypatch):
    monkeypatch.setattr(type(controller), "read_only", property(lambda _self: True))
    model = MatrixModel(controller)
    index = cell(model, "Auto dispatch", "ServicePeak")
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "4")


def test_a_read_only_matrix_shows_that_nothing_can_be_changed(qtbot, controller, monkeypatch):
    monkeypatch.setattr(type(controller), "read_only", property(lambda _self: True))
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    for button in (panel.add_competitor_button, panel.remove_button, panel.import_button):
        assert not button.isEnabled()
    assert not panel.stale_days.isEnabled()
    assert not panel.table.dragEnabled()
    assert not panel.table.horizontalHeader().sectionsMovable()
    rating = cell(panel.model, "Auto dispatch", "ServicePeak")
    panel.table.setCurrentIndex(panel.proxy.mapFromSource(rating))
    assert not panel.source_edit.isEnabled()
    messages: list[str] = []
    controller.failed.connect(messages.append)
    assert not actions.set_stale_days(controller, 30)  # the controller is the one guard
    assert messages == [READ_ONLY_MESSAGE]
    assert controller.undo_stack.count() == 0


def test_a_rating_edit_repaints_its_row_without_resetting_the_table(qtbot, controller):
    model = MatrixModel(controller)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    index = cell(model, "Auto dispatch", "ServicePeak")
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, "4")  # an existing rating: its row's id comes with the change
    assert model.index(0, FIXED_COLUMNS + 1).data() == f"{100 * 8 / 10:.0f}%"
    controller.undo_stack.undo()
    assert index.data() == "3"
    assert not resets


def test_csv_import_previews_adds_new_competitors_and_undoes(
    qtbot, controller, tmp_path, monkeypatch
):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Criterion,FieldLoop,ServicePeak,Jobwise\nAuto dispatch,4,3,2\nWorks offline,7,yes,no\n",
        encoding="utf-8",
    )
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    seen = []
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_a: path)

    def review(_parent, preview):
        seen.append(preview)
        return True

    monkeypatch.setattr(
        "pmdesk.workspaces.competition.qt.dialogs.review_competition_import", review
    )
    offline_before = cell(panel.model, "Works offline", "FieldLoop").data()
    assert panel.import_csv()
    assert seen[0].new_competitors == ["Jobwise"]
    # "7" means nothing on a yes/no criterion: that cell stays as it was, the row still counts.
    assert seen[0].bad_rows == []
    assert [entry.text for entry in seen[0].value_map.unmapped] == ["7"]
    assert [c[1] for c in panel.model.competitors] == ["FieldLoop", "ServicePeak", "Jobwise"]
    assert cell(panel.model, "Auto dispatch", "Jobwise").data() == "2"
    assert cell(panel.model, "Works offline", "ServicePeak").data() == "Yes"
    assert cell(panel.model, "Works offline", "FieldLoop").data() == offline_before
    controller.undo_stack.undo()
    assert [c[1] for c in panel.model.competitors] == ["FieldLoop", "ServicePeak"]
    assert cell(panel.model, "Auto dispatch", "FieldLoop").data() == "5"


def test_csv_import_of_a_bad_file_shows_the_reason(qtbot, controller, tmp_path, monkeypatch):
    path = tmp_path / "matrix.csv"
    path.write_bytes(b"")
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    errors = []
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_a: path)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    assert not panel.import_csv()
    assert "is empty: there is nothing to import" in errors[0]
    assert controller.undo_stack.count() == 0


def test_the_import_dialog_passes_on_the_choice_about_new_competitors(qtbot, controller):
    from pmdesk.interchange.csv_table import read_csv_bytes
    from pmdesk.workspaces.competition import io as matrix_csv
    from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog

    table = read_csv_bytes(b"Criterion,Jobwise\nAuto dispatch,2\n", "x.csv")
    preview = matrix_csv.preview_matrix(controller.session, table)
    dialog = MatrixImportDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.add_competitors.isChecked()
    dialog.add_competitors.setChecked(False)
    dialog.accept()
    assert preview.add_new_competitors is False


def test_csv_export_writes_the_matrix(qtbot, controller, tmp_path, monkeypatch):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_a: tmp_path / "out")
    written = panel.export_csv()
    assert written == tmp_path / "out.csv"
    assert "Auto dispatch" in written.read_text(encoding="utf-8-sig")


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_shown_matrix_reads_only_the_cells_in_sight(qtbot):
    from sqlalchemy import insert

    from pmdesk.workspaces.competition.model import Competitor, Criterion, CriterionCategory, Rating

    document = Document.new()
    session = document.session
    people = [{"id": edit.new_id(), "name": f"C{n}", "position": n} for n in range(40)]
    group = {"id": edit.new_id(), "name": "All", "position": 1}
    rows = [
        {"id": edit.new_id(), "category_id": group["id"], "name": f"K{n}", "position": n}
        for n in range(150)
    ]
    session.execute(insert(Competitor), people)
    session.execute(insert(CriterionCategory), [group])
    session.execute(insert(Criterion), rows)
    session.execute(
        insert(Rating),
        [
            {"id": edit.new_id(), "competitor_id": p["id"], "criterion_id": r["id"], "value": "3"}
            for p in people
            for r in rows
        ],
    )
    session.commit()
    controller = DocumentController(document)
    try:
        panel = MatrixPanel(controller)
        qtbot.addWidget(panel)
        panel.resize(1000, 600)
        panel.show()
        qtbot.waitExposed(panel)
        panel.grab()  # paints what is in sight, as the screen would
        assert panel.model.index(0, FIXED_COLUMNS).data() == "60%"
        assert 0 < panel.model.rating_reads < 40 * 150 / 4
    finally:
        controller.close()


def test_dragging_a_criterion_onto_another_row_moves_it_and_undo_puts_it_back(qtbot, controller):
    model = MatrixModel(controller)
    names = lambda: [e.name for e in model.rows if e.kind == "criterion"]  # noqa: E731
    assert names() == ["Auto dispatch", "Works offline", "Price per technician", "Pricing model"]
    source = cell(model, "Pricing model", "FieldLoop").siblingAtColumn(0)
    assert model.flags(source) & Qt.ItemFlag.ItemIsDragEnabled
    data = model.mimeData([source])
    target = next(r for r, e in enumerate(model.rows) if e.name == "Works offline")
    model.dropMimeData(data, Qt.DropAction.MoveAction, target, 0, model.index(-1, -1))
    assert names() == ["Auto dispatch", "Pricing model", "Works offline", "Price per technician"]
    dispatch = next(r for r, e in enumerate(model.rows) if e.name == "Dispatch")
    data = model.mimeData([cell(model, "Auto dispatch", "FieldLoop").siblingAtColumn(0)])
    pricing = next(r for r, e in enumerate(model.rows) if e.name == "Pricing")
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(pricing, 0))
    assert names() == ["Pricing model", "Works offline", "Auto dispatch", "Price per technician"]
    assert dispatch < pricing
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert names() == ["Auto dispatch", "Works offline", "Price per technician", "Pricing model"]


def test_moving_a_competitor_column_stores_the_new_order(qtbot, controller):
    session = controller.session
    edit.add_competitor(session, "Jobwise")
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    assert [c[1] for c in panel.model.competitors] == ["FieldLoop", "ServicePeak", "Jobwise"]
    header = panel.table.horizontalHeader()
    header.moveSection(FIXED_COLUMNS + 2, FIXED_COLUMNS + 1)
    assert [c[1] for c in panel.model.competitors] == ["FieldLoop", "Jobwise", "ServicePeak"]
    assert header.visualIndex(FIXED_COLUMNS + 2) == FIXED_COLUMNS + 2  # header back in order
    controller.undo_stack.undo()
    assert [c[1] for c in panel.model.competitors] == ["FieldLoop", "ServicePeak", "Jobwise"]


def test_renaming_a_category_and_describing_a_criterion(qtbot, controller, monkeypatch):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    answers = iter(["Scheduling", "Assigns jobs without a dispatcher"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: next(answers))
    dispatch = next(e.id for e in panel.model.rows if e.name == "Dispatch")
    assert panel.rename_category(dispatch)
    assert "Scheduling" in [e.name for e in panel.model.rows]
    speed = next(e.id for e in panel.model.rows if e.name == "Auto dispatch")
    assert panel.edit_description(speed)
    tip = (
        cell(panel.model, "Auto dispatch", "FieldLoop")
        .siblingAtColumn(0)
        .data(Qt.ItemDataRole.ToolTipRole)
    )
    assert tip.startswith("Assigns jobs without a dispatcher")
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert "Dispatch" in [e.name for e in panel.model.rows]


def test_changing_the_rating_kind_is_refused_when_ratings_do_not_fit(qtbot, controller):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    speed = next(e.id for e in panel.model.rows if e.name == "Auto dispatch")
    assert not panel.set_kind(speed, "yes_no")
    assert messages == [
        "2 ratings do not fit “Auto dispatch” as yes/no; clear or change them first."
    ]
    assert panel.set_kind(speed, "text")
    assert (
        cell(panel.model, "Auto dispatch", "FieldLoop").data(Qt.ItemDataRole.BackgroundRole) is None
    )


def test_a_new_competitor_shows_no_total_and_no_rank_rather_than_zero(qtbot, controller):
    model = MatrixModel(controller)
    session = controller.session
    controller.edit("add", lambda: edit.add_competitor(session, "Newcomer"), lambda: None)
    model.reload()
    assert cell(model, "Auto dispatch", "Newcomer").data() == "—"  # unrated, not 0
    column = cell(model, "Auto dispatch", "Newcomer").column()
    assert model.index(0, column).data() == "—"
    assert model.index(1, column).data() == "not enough ratings"
    assert "Not enough ratings" in model.index(1, column).data(Qt.ItemDataRole.ToolTipRole)
    # Ranks belong to the rated only: ServicePeak stays second, not pushed down by a zero.
    rival = cell(model, "Auto dispatch", "ServicePeak").column()
    assert model.index(1, rival).data() == "#2"


def test_a_new_competitor_can_be_marked_ours_where_it_is_added(qtbot, controller, monkeypatch):
    from pmdesk.workspaces.competition.qt import dialogs as ask

    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    offered: list[bool] = []
    monkeypatch.setattr(
        ask, "ask_new_competitor", lambda _p, marked: offered.append(marked) or ("Jobwise", True)
    )
    qtbot.mouseClick(panel.add_competitor_button, Qt.MouseButton.LeftButton)
    assert offered == [True]  # FieldLoop is ours already: the box starts unticked
    assert [c[1] for c in panel.model.competitors if c[2]] == ["Jobwise"]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()  # one step takes the competitor and gives "ours" back
    assert [c[1] for c in panel.model.competitors if c[2]] == ["FieldLoop"]
    assert "Jobwise" not in [c[1] for c in panel.model.competitors]


def test_the_add_competitor_dialog_offers_ours_ticked_in_a_new_matrix(qtbot, monkeypatch):
    from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit

    from pmdesk.workspaces.competition.qt import dialogs as ask

    seen: list[bool] = []

    def answer(dialog: QDialog) -> int:
        seen.append(dialog.findChild(QCheckBox, "isOurs").isChecked())
        dialog.findChild(QLineEdit, "competitorName").setText("FieldLoop")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", answer)
    assert ask.ask_new_competitor(None, ours_marked=False) == ("FieldLoop", True)
    assert seen == [True]


def test_a_weight_edit_updates_its_row_and_the_totals_without_resetting(qtbot, controller):
    model = MatrixModel(controller)
    resets: list[bool] = []
    repainted: set[int] = set()
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, _bottom, _roles=(): repainted.add(top.row()))
    row = next(r for r, e in enumerate(model.rows) if e.name == "Price per technician")
    before = model.index(0, FIXED_COLUMNS + 1).data()
    assert model.setData(model.index(row, 1), "3")
    assert not resets
    assert model.index(row, 1).data() == "3"
    untouched = next(r for r, e in enumerate(model.rows) if e.name == "Works offline")
    assert {0, 1, row} <= repainted and untouched not in repainted
    controller.undo_stack.undo()
    assert model.index(row, 1).data() == "1"
    assert model.index(0, FIXED_COLUMNS + 1).data() == before
    assert not resets


def test_a_pasted_block_updates_its_cells_and_the_totals_without_resetting(qtbot, controller):
    model = MatrixModel(controller)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    auto = cell(model, "Auto dispatch", "FieldLoop")
    offline = cell(model, "Works offline", "FieldLoop")
    us = model.competitors[0][0]
    criteria = {e.name: e.id for e in model.rows if e.kind == "criterion"}
    values = {(us, criteria["Auto dispatch"]): "2", (us, criteria["Works offline"]): "yes"}
    assert actions.rate_cells(controller, "Paste", values)
    assert not resets
    assert (auto.data(), offline.data()) == ("2", "Yes")
    controller.undo_stack.undo()
    assert (auto.data(), offline.data()) == ("5", "—")  # unrated again
    assert not resets


def test_the_filter_keeps_totals_and_categories_and_every_row_when_cleared(qtbot, controller):
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)

    def shown() -> list[str]:
        return [panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())]

    everything = shown()
    assert len(everything) == len(panel.model.rows) == 8
    panel.filter.setText("price")
    assert shown() == ["Weighted total", "Rank", "▾ Dispatch", "▾ Pricing", "Price per technician"]
    panel.filter.clear()
    assert shown() == everything


def test_the_matrix_header_has_the_height_qt_gives_it(qtbot, controller):
    from PySide6.QtWidgets import QHeaderView

    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    header = panel.table.horizontalHeader()
    assert header.sectionsClickable()  # a click on a competitor still selects its column
    assert header.sizeHint() == QHeaderView.sizeHint(header)
    assert actions.add_competitor(controller, "A competitor\nwith a name on two lines")
    assert header.count() == panel.model.columnCount()
    assert header.sizeHint() == QHeaderView.sizeHint(header)
