"""Cell editors: lists for the fixed words (status, MoSCoW, impact, source, stakeholder) and a
calendar for dates. Free text and numbers use the default line editor; the domain checks them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.workspaces.requirements.model import IMPACT_SCALE, MOSCOW, SOURCES, STATUSES

AnyIndex = QModelIndex | QPersistentModelIndex
Choices = Callable[[], list[tuple[str, object]]]  # (shown, stored) pairs


def _fixed(words: dict) -> Choices:
    return lambda: [(shown, key) for key, shown in words.items()]


IMPACT_CHOICES: Choices = lambda: [  # noqa: E731
    ("(not scored)", None),
    *((f"{shown} ({score:g})", score) for score, shown in IMPACT_SCALE.items()),
]


class ChoiceDelegate(QStyledItemDelegate):
    """Edits cells of some fields with a list; ``field_of`` says which field a cell is."""

    def __init__(
        self,
        field_of: Callable[[AnyIndex], str],
        choices: dict[str, Choices],
        dates: frozenset[str] = frozenset(),
        parent: QWidget | None = None,
        owners: Callable[[], list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.field_of = field_of
        self.choices = choices
        self.dates = dates
        self.owners = owners  # (name, id) of the stakeholders an owner cell offers

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        field = self.field_of(index)
        if field == "owner" and self.owners is not None:
            return OwnerPicker(self.owners(), free_text=True, parent=parent)
        if field in self.choices:
            combo = QComboBox(parent)
            for shown, stored in self.choices[field]():
                combo.addItem(shown, stored)
            return combo
        if field in self.dates:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, OwnerPicker):
            editor.set_owner_text(str(value or ""))
            editor.lineEdit().selectAll()
        elif isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate.fromString(str(value), "yyyy-MM-dd"))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, OwnerPicker):
            model.setData(index, editor.owner_text())
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toString("yyyy-MM-dd"))
        else:
            super().setModelData(editor, model, index)


def requirement_choices() -> dict[str, Choices]:
    return {
        "status": _fixed(STATUSES),
        "moscow": _fixed(MOSCOW),
        "impact": IMPACT_CHOICES,
    }


def input_choices(stakeholders: Callable[[], dict[str, str]]) -> dict[str, Choices]:
    def people() -> list[tuple[str, object]]:
        named = sorted(stakeholders().items(), key=lambda item: item[1].lower())
        return [("(none)", ""), *((name, key) for key, name in named)]

    return {"source": _fixed(SOURCES), "stakeholder_id": people}
