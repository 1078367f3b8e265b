"""Goals shown both ways: a roadmap item's dialog names the key results it moves."""

from __future__ import annotations

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage


def test_an_items_dialog_shows_the_goals_it_contributes_to(qtbot, sample_document, monkeypatch):
    page = RoadmapPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    shown: list[list[str]] = []

    def edit(parent, item, lanes, owners, check, goals=()):
        from pmdesk.workspaces.roadmap.qt.item_dialog import ItemDialog

        dialog = ItemDialog(item, lanes, owners, check, parent, goals)
        qtbot.addWidget(dialog)
        shown.append(dialog.goals.text().splitlines())
        return None

    monkeypatch.setattr("pmdesk.workspaces.roadmap.qt.dialogs.edit_roadmap_item", edit)
    item = next(i for i in page.roadmap.items if i.title == "Sync conflict resolution")
    page.timeline.item_activated.emit(item.id)
    other = next(i for i in page.roadmap.items if i.title == "Dark mode in the technician app")
    page.timeline.item_activated.emit(other.id)
    assert shown == [
        ["Make the technician app work without signal › Offline jobs that sync without a conflict"],
        ["Not linked to a key result"],
    ]
