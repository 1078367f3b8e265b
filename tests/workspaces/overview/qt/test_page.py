from __future__ import annotations

from pmdesk.domain.project import get_project
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.overview.qt import actions
from pmdesk.workspaces.overview.qt.page import OverviewPage


def test_typing_in_a_field_is_stored_and_one_undo_restores_it(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    original = get_project(sample_document.session).vision
    page.ui.vision.setFocus()
    page.ui.vision.moveCursor(page.ui.vision.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.ui.vision, " Fast.")
    assert get_project(sample_document.session).vision == original + " Fast."
    assert controller.undo_stack.count() == 1  # the typing burst is one step
    controller.undo_stack.undo()
    assert get_project(sample_document.session).vision == original
    assert page.ui.vision.toPlainText() == original


def test_an_empty_product_name_is_refused_with_a_message(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    page.ui.name.setText("   ")
    page.ui.name.editingFinished.emit()
    assert messages == ["The product needs a name."]
    assert get_project(sample_document.session).name == "FieldLoop"
    assert page.ui.name.text() == "FieldLoop"
    assert controller.undo_stack.count() == 0


def test_a_read_only_project_shows_read_only_editors_and_refuses_edits(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = OverviewPage(controller)
        qtbot.addWidget(page)
        assert page.ui.name.isReadOnly() and page.ui.vision.isReadOnly()
        messages: list[str] = []
        controller.failed.connect(messages.append)
        assert not actions.set_field(controller, "vision", "Changed")
        assert len(messages) == 1 and "read-only" in messages[0]
        assert get_project(document.session).vision != "Changed"
        assert controller.undo_stack.count() == 0
    finally:
        document.close()


def _type_currency(qtbot, page, text: str) -> None:
    from PySide6.QtCore import Qt

    editor = page.currency.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_projects_currency_is_chosen_on_the_overview_and_used_by_the_business_case(
    qtbot, sample_document
):
    from pmdesk.domain.project import currency
    from pmdesk.workspaces.business_case.query import cases, load_case

    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    assert page.currency.currentText() == "USD"
    _type_currency(qtbot, page, "eur")
    assert currency(sample_document.session) == "EUR"
    case_id = cases(sample_document.session)[0][0]
    assert load_case(sample_document.session, case_id).currency == "EUR"
    controller.undo_stack.undo()
    assert page.currency.currentText() == "USD"
    assert currency(sample_document.session) == "USD"


def test_a_currency_that_is_not_a_code_is_refused_on_the_overview(qtbot, sample_document):
    from pmdesk.domain.project import currency

    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    _type_currency(qtbot, page, "dollars")
    assert messages and messages[0].startswith("A currency is a three-letter code")
    assert page.currency.currentText() == "USD"
    assert currency(sample_document.session) == "USD"
    assert controller.undo_stack.count() == 0


def test_a_read_only_project_cannot_change_its_currency(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = OverviewPage(controller)
        qtbot.addWidget(page)
        assert not page.currency.isEnabled()
        assert not actions.set_currency(controller, "EUR")
    finally:
        document.close()


def test_the_overview_lists_overdue_work_from_every_workspace_and_a_click_opens_it(
    qtbot, sample_document
):
    from datetime import date

    from PySide6.QtCore import Qt

    from pmdesk.workspaces.overview.qt.overdue_panel import OverduePanel

    controller = DocumentController(sample_document)
    panel = OverduePanel(controller, today=date(2026, 12, 20))
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitUntil(lambda: panel.list.count() > 0)  # read just after the first paint
    texts = [panel.list.item(row).text() for row in range(panel.list.count())]
    assert panel.heading.text() == f"Overdue ({len(texts)})"
    assert "Launches · Readiness task: Terms and privacy notice reviewed" in "\n".join(texts)
    assert any(text.startswith("Stakeholders · Follow-up: Anita Shah") for text in texts)
    opened: list[tuple[str, object]] = []
    controller.open_requested.connect(lambda key, record: opened.append((key, record)))
    row = next(r for r, text in enumerate(texts) if text.startswith("Launches ·"))
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualItemRect(item).center(),
    )
    assert opened and opened[0][0] == "launches"


def test_clicking_an_overdue_entry_in_the_window_opens_its_workspace(
    qtbot, sample_file, monkeypatch
):
    from pmdesk.gui import dialogs
    from pmdesk.gui.main_window import MainWindow

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.use_controller(DocumentController(Document.open(sample_file)))
    window.show()
    page = window.show_workspace("overview")
    panel = page.overdue
    qtbot.waitUntil(lambda: panel.list.count() > 0)
    row = next(
        r for r in range(panel.list.count()) if panel.list.item(r).text().startswith("Roadmap")
    )
    panel.list.itemClicked.emit(panel.list.item(row))
    assert window.navigation.currentItem().text() == "Roadmap"
    window.close()


def test_ticking_a_readiness_task_done_takes_it_off_the_overdue_list(qtbot, sample_document):
    from datetime import date

    from sqlalchemy import select

    from pmdesk.workspaces.launches.model import LaunchTask
    from pmdesk.workspaces.overview.qt.overdue_panel import OverduePanel

    controller = DocumentController(sample_document)
    panel = OverduePanel(controller, today=date(2026, 12, 20))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.list.count() > 0)
    session = sample_document.session
    task = session.scalars(
        select(LaunchTask).where(LaunchTask.title == "Terms and privacy notice reviewed")
    ).one()

    def shown() -> bool:
        return any(
            "Terms and privacy notice reviewed" in panel.list.item(row).text()
            for row in range(panel.list.count())
        )

    assert shown()
    controller.edit(
        "Tick the task",
        lambda: setattr(task, "status", "done") or session.commit(),
        lambda: setattr(task, "status", "to_do") or session.commit(),
    )
    assert not shown()
    controller.undo_stack.undo()
    assert shown()


def test_the_overdue_list_is_read_after_the_page_first_paints(qtbot, sample_document, monkeypatch):
    from pmdesk import registry

    calls: list[object] = []
    real = registry.overdue_work
    monkeypatch.setattr(registry, "overdue_work", lambda *a: calls.append(a) or real(*a))
    page = OverviewPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    assert calls == []  # building the first page of the window reads none of the workspaces
    page.show()
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert page.overdue.heading.text().startswith("Overdue (")


def test_overdue_entries_show_whole_on_one_line_when_wide_and_wrap_when_narrow(
    qtbot, sample_document
):
    from datetime import date

    from pmdesk.workspaces.overview.qt.overdue_panel import OverduePanel

    panel = OverduePanel(DocumentController(sample_document), today=date(2026, 12, 20))
    qtbot.addWidget(panel)
    panel.resize(1000, 400)
    panel.show()
    qtbot.waitUntil(lambda: panel.list.count() > 1)
    view = panel.list

    def rows():
        view.doItemsLayout()
        return [view.visualRect(view.model().index(row, 0)) for row in range(view.count())]

    def wrapped_rows():
        # Where each entry sits when every one is wrapped to learn its height.
        uniform = view.uniformItemSizes()
        view.setUniformItemSizes(False)
        found = rows()
        view.setUniformItemSizes(uniform)
        return found

    metrics = view.fontMetrics()
    assert all(metrics.horizontalAdvance(view.item(r).text()) < 900 for r in range(view.count()))
    wide = rows()
    assert wide == wrapped_rows()  # the same rows, placed and sized the same
    assert len({rect.height() for rect in wide}) == 1  # one line each
    panel.resize(260, 400)  # too narrow for the longest: those wrap, nothing is cut off
    qtbot.waitUntil(lambda: view.width() < 300)
    narrow = rows()
    assert narrow == wrapped_rows() and max(r.height() for r in narrow) > wide[0].height()


def test_overdue_entries_first_shown_narrow_take_one_line_each_once_the_list_is_wide(
    qtbot, sample_document
):
    from datetime import date

    from pmdesk.workspaces.overview.qt.overdue_panel import OverduePanel

    panel = OverduePanel(DocumentController(sample_document), today=date(2026, 12, 20))
    qtbot.addWidget(panel)
    panel.resize(260, 400)  # too narrow: the entries are measured only until one is too wide
    panel.show()
    qtbot.waitUntil(lambda: panel.list.count() > 1)
    view = panel.list

    def heights() -> set[int]:
        view.doItemsLayout()
        return {view.visualRect(view.model().index(row, 0)).height() for row in range(view.count())}

    assert len(heights()) > 1 and not view.uniformItemSizes()  # wrapped: some take two lines
    panel.resize(1000, 400)
    qtbot.waitUntil(lambda: view.width() > 900)
    assert view.uniformItemSizes()  # the rest were measured: every entry fits one line
    assert len(heights()) == 1


def test_a_long_overdue_list_counts_all_lists_the_longest_overdue_and_says_where_the_rest_are(
    qtbot, sample_document
):
    from datetime import date

    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from pmdesk.workspaces.overview.qt.overdue_panel import LISTED_MAX, OverduePanel
    from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane

    session = sample_document.session
    lane = session.scalars(select(RoadmapLane)).first()
    session.add_all(
        RoadmapItem(lane_id=lane.id, title=f"Late item {n}", end=date(2026, 1, 1))
        for n in range(1_200)
    )
    session.commit()
    controller = DocumentController(sample_document)
    panel = OverduePanel(controller, today=date(2026, 12, 20))
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitUntil(lambda: panel.list.count() > 0)
    total = len(panel.entries)
    assert total > 1_200
    assert panel.heading.text() == f"Overdue ({total // 1000},{total % 1000:03d})"
    # The longest overdue are listed, then a line for the rest, which opens nothing.
    assert panel.list.count() == LISTED_MAX + 1
    rest = panel.list.item(LISTED_MAX)
    assert rest.text() == f"… and {total - LISTED_MAX:,} more, each listed in its own workspace"
    opened: list[str] = []
    controller.open_requested.connect(lambda key, _record: opened.append(key))
    panel.list.scrollToItem(rest)
    qtbot.mouseClick(
        panel.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.list.visualItemRect(rest).center(),
    )
    assert opened == [] and not panel.list.selectedItems()
    # Above the list: where the overdue work is, the most first.
    on_roadmap = sum(1 for entry in panel.entries if entry.workspace == "roadmap")
    assert panel.summary.isVisible()
    assert panel.summary.text().startswith(f"Roadmap {on_roadmap:,} · ")
