"""A row of actions that does not fit offers the rest from its "More" menu, menus included."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QPushButton, QToolButton

from pmdesk.gui.toolbar import OverflowRow


def test_a_button_with_a_menu_overflows_as_a_submenu(qtbot):
    row = OverflowRow()
    qtbot.addWidget(row)
    clicked: list[str] = []
    add = QPushButton("Add Stakeholder")
    add.clicked.connect(lambda: clicked.append("add"))
    export = QToolButton()
    export.setText("Export")
    menu = QMenu(export)
    menu.addAction("Stakeholders as CSV…").triggered.connect(lambda: clicked.append("csv"))
    export.setMenu(menu)
    row.add(add)
    row.add(export)
    row.resize(row.more.sizeHint().width() + 10, 30)
    row.show()
    assert row.overflowing() == [add, export]
    row.more.menu().aboutToShow.emit()
    entries = row.more.menu().actions()
    assert [entry.text() for entry in entries] == ["Add Stakeholder", "Export"]
    entries[0].trigger()
    submenu = entries[1].menu()
    assert [action.text() for action in submenu.actions()] == ["Stakeholders as CSV…"]
    submenu.actions()[0].trigger()
    assert clicked == ["add", "csv"]
