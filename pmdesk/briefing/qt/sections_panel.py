"""Choosing a briefing's sections, their order, and each section's options.

The list shows every section this build can write: ticked ones in the briefing's order, then
the others. Ticking, dragging or the Up/Down buttons produce the new ordered choice, which the
page turns into one undoable edit. Options are drawn from each section's ``OptionSpec``s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.briefing.model import SectionChoice
from pmdesk.briefing.sections import available_sections, load_section, section_titles
from pmdesk.export.section import OptionSpec, option_value

KEY_ROLE = Qt.ItemDataRole.UserRole


class SectionsPanel(QWidget):
    """Emits ``sections_changed`` with the new list of SectionChoice after every user gesture."""

    sections_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: dict[str, dict[str, Any]] = {}
        self._updating = False
        self._read_only = False
        # What the project holds for a "names" option (lanes, competitors, boards): the page
        # sets it, since the panel knows no project.
        self.names_of: Callable[[OptionSpec], list[str]] = lambda _spec: []
        self.list = QListWidget()
        self.list.setObjectName("briefingSections")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.itemChanged.connect(self._item_changed)
        self.list.model().rowsMoved.connect(self._emit)
        self.list.currentItemChanged.connect(self._show_options)
        self.up = QPushButton("Move up")
        self.down = QPushButton("Move down")
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down.clicked.connect(lambda: self.move_current(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        self.options_box = QGroupBox("Options")
        self.options_form = QFormLayout(self.options_box)
        # Labels above fields: the panel is narrow and names lists need the width.
        self.options_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        available = set(available_sections())  # asked once, not once per section
        missing = [title for key, title in section_titles().items() if key not in available]
        self.missing = QLabel(
            "Not available in this version: " + ", ".join(missing) + "." if missing else ""
        )
        self.missing.setWordWrap(True)
        self.missing.setObjectName("hint")
        self.missing.setVisible(bool(missing))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Tick the sections to include; drag or use the buttons to order them.")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addWidget(self.missing)
        layout.addLayout(buttons)
        layout.addWidget(self.options_box)
        layout.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        """Show that nothing can change: no ticking, no dragging, no buttons, no options."""
        self._read_only = read_only
        self.list.setDragDropMode(
            QAbstractItemView.DragDropMode.NoDragDrop
            if read_only
            else QAbstractItemView.DragDropMode.InternalMove
        )
        self.list.setDragEnabled(not read_only)
        self._updating = True  # new flags are not a new choice
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setFlags(self._item_flags(item.flags()))
        self._updating = False
        self.up.setEnabled(not read_only)
        self.down.setEnabled(not read_only)
        self.options_box.setEnabled(not read_only)

    def show_choices(self, choices: Sequence[SectionChoice]) -> None:
        """Show a briefing's sections without emitting a change."""
        current = self.current_key()
        self._updating = True
        self.list.clear()
        chosen = [choice.key for choice in choices]
        self._options = {choice.key: dict(choice.options) for choice in choices}
        available = available_sections()
        keys = [key for key in chosen if key in available]
        keys += [key for key in available if key not in keys]
        for key in keys:
            item = QListWidgetItem(section_titles()[key])
            item.setData(KEY_ROLE, key)
            item.setFlags(self._item_flags(item.flags()))
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._updating = False
        rows = max(len(keys), 3)
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4
        )
        self.select(current or (keys[0] if keys else None))

    def _item_flags(self, flags: Qt.ItemFlag) -> Qt.ItemFlag:
        # Items are dropped between, never onto; ticking and dragging only while editable.
        editable = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled
        flags &= ~Qt.ItemFlag.ItemIsDropEnabled
        return flags & ~editable if self._read_only else flags | editable

    def choices(self) -> list[SectionChoice]:
        result = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                key = item.data(KEY_ROLE)
                result.append(SectionChoice(key, dict(self._options.get(key, {}))))
        return result

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def select(self, key: str | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentRow(row)
                return
        self._show_options(None, None)

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        self._updating = True
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._updating = False
        self._emit()

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._updating:
            self.sections_changed.emit(self.choices())

    # -- options -------------------------------------------------------------------------------

    def _show_options(self, current: QListWidgetItem | None, _previous: object) -> None:
        # Taken out and deleted later, not removed at once: this runs when an option's own
        # editor changed (a tick in a checklist refreshes the page), and deleting a widget
        # inside its own signal crashes.
        while self.options_form.rowCount():
            taken = self.options_form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.setObjectName("")  # gone, as far as anyone looking it up knows
                    widget.deleteLater()
        key = current.data(KEY_ROLE) if current is not None else None
        section = load_section(key) if key else None
        specs: tuple[OptionSpec, ...] = section.options if section is not None else ()
        title = section_titles().get(key or "", "")
        self.options_box.setTitle(f"Options for “{title}”" if title else "Options")
        if not specs:
            self.options_form.addRow(QLabel("This section has no options."))
            return
        values = self._options.get(key or "", {})
        for spec in specs:
            editor = self._editor(key or "", spec, option_value(values, spec))
            if spec.hint:
                editor.setToolTip(spec.hint)
            if isinstance(editor, QCheckBox):
                self.options_form.addRow(editor)  # the box carries its own label
            else:
                self.options_form.addRow(spec.label, editor)

    def _editor(self, key: str, spec: OptionSpec, value: Any) -> QWidget:
        if spec.kind == "bool":
            box = QCheckBox(spec.label)
            box.setChecked(bool(value))
            box.toggled.connect(lambda on: self._set_option(key, spec.key, on))
            return box
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum, 10_000)
            spin.setValue(int(value))
            spin.valueChanged.connect(lambda number: self._set_option(key, spec.key, number))
            return spin
        if spec.kind == "choice":
            combo = QComboBox()
            for choice_value, label in spec.choices:
                combo.addItem(label, choice_value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(
                lambda _i: self._set_option(key, spec.key, combo.currentData())
            )
            return combo
        if spec.kind == "date":
            return self._date_editor(key, spec, value)
        if spec.kind == "names":
            return self._names_editor(key, spec, list(value or []))
        line = QLineEdit(str(value or ""))
        line.setPlaceholderText(spec.hint or "All")
        line.editingFinished.connect(lambda: self._set_option(key, spec.key, line.text()))
        return line

    def _names_editor(self, key: str, spec: OptionSpec, chosen: list[str]) -> QWidget:
        """A checklist of what the project holds; none ticked means all. A stored name the
        project no longer holds stays listed (and ticked) until the PM unticks it, so an
        old choice is never dropped silently."""
        offered = self.names_of(spec)
        wanted = {name.casefold() for name in chosen}
        known = {name.casefold() for name in offered}
        names = offered + [name for name in chosen if name.casefold() not in known]
        checklist = QListWidget()
        checklist.setObjectName(f"names_{spec.key}")
        checklist.setToolTip(spec.hint)
        for name in names:
            label = name if name.casefold() in known else f"{name} (not in the project)"
            item = QListWidgetItem(label)
            item.setData(KEY_ROLE, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = name.casefold() in wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            checklist.addItem(item)
        if not names:
            checklist.addItem(QListWidgetItem("Nothing in the project yet: all will be included"))
        rows = max(2, min(len(names), 6))
        checklist.setFixedHeight(checklist.sizeHintForRow(0) * rows + 2 * checklist.frameWidth())

        def store(_item: QListWidgetItem) -> None:
            ticked = [
                str(checklist.item(row).data(KEY_ROLE))
                for row in range(checklist.count())
                if checklist.item(row).data(KEY_ROLE) is not None
                and checklist.item(row).checkState() == Qt.CheckState.Checked
            ]
            self._set_option(key, spec.key, ticked)

        checklist.itemChanged.connect(store)
        return checklist

    def _date_editor(self, key: str, spec: OptionSpec, value: date | None) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        enabled = QCheckBox()
        editor = QDateEdit()
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("d MMM yyyy")
        day = value or date.today()
        editor.setDate(QDate(day.year, day.month, day.day))
        editor.setEnabled(value is not None)
        enabled.setChecked(value is not None)

        def store() -> None:
            chosen = editor.date().toPython().isoformat() if enabled.isChecked() else ""
            editor.setEnabled(enabled.isChecked())
            self._set_option(key, spec.key, chosen)

        enabled.toggled.connect(lambda _on: store())
        editor.editingFinished.connect(store)
        row.addWidget(enabled)
        row.addWidget(editor, 1)
        return holder

    def _set_option(self, key: str, option: str, value: Any) -> None:
        options = self._options.setdefault(key, {})
        if options.get(option) == value:
            return
        options[option] = value
        self._emit()
