"""The one import preview every workspace uses: which column fills which field, what each
distinct value of a constrained column becomes, and every row with its problems.

A workspace subclasses :class:`ImportPreviewDialog` and says how to read its review (the
Qt-free object holding the file, the mappings and the preview): which fields there are, how a
column choice and a value choice are passed on, and which fields the row table shows. Nothing is
imported here; the dialog is accepted when the PM confirms, and the page imports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.values import NUMBER_FORMATS, NumberFormat
from pmdesk.gui import theme
from pmdesk.interchange.csv_table import FieldSpec
from pmdesk.interchange.numbers import DetectedFormat
from pmdesk.interchange.tables import ImportCancelledError, SheetChoiceError
from pmdesk.interchange.value_map import ValueMap
from pmdesk.interchange.vocabularies import whole_number

AnyIndex = QModelIndex | QPersistentModelIndex
NOT_IMPORTED = "— not imported —"
DEFAULT_CHOICE = "— the default ({}) —"


class PreviewRow(Protocol):
    line: int
    raw: dict[str, str]
    values: dict[str, Any]
    problems: list[str]

    @property
    def ok(self) -> bool: ...


def choose_sheet(parent: QWidget | None, message: str, sheets: list[str]) -> str | None:
    """Ask which sheet of a workbook to import; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    sheet, accepted = QInputDialog.getItem(parent, "Choose a Sheet", message, sheets, 0, False)
    return sheet if accepted else None


def read_choosing_sheet(
    parent: QWidget | None, read: Callable[[Path, str | None], Any], path: Path
) -> Any:
    """``read(path, sheet)``, asking for the sheet when a workbook has several; None when the
    PM cancels that question. Errors (PmdeskError) go to the caller, as from ``read``."""
    try:
        return read(path, None)
    except SheetChoiceError as error:
        sheet = choose_sheet(parent, str(error), error.sheets)
        return None if sheet is None else read(path, sheet)


class _ImportWorker(QThread):
    """Runs ``work(progress)`` off the UI thread; ``progress`` raises once the PM cancels."""

    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise ImportCancelledError
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.result = self.work(self._progress)
        except BaseException as error:  # handed to the UI thread, which raises or reports it
            self.error = error


# From this many rows on, the progress dialog shows at once rather than after a moment.
BIG_FILE_ROWS = 10_000


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Callable[[int, int], None]], Any],
) -> Any:
    """``work(progress)`` off the UI thread, behind a progress dialog with Cancel.

    Returns what ``work`` returned, or None when the PM cancelled; an error ``work`` raised is
    raised here, in the UI thread. ``work`` must not touch the UI thread's session: it opens
    its own connection to the working copy, where every edit is already committed.
    """
    worker = _ImportWorker(work)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)  # a small file is read before the dialog would flash up
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(worker.cancel)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if total >= BIG_FILE_ROWS and not dialog.isVisible():
            dialog.show()  # a big file takes a while: say so, with Cancel, from the start
        dialog.setLabelText(f"{label}\n{done:,} of {total:,} rows checked")

    worker.progressed.connect(progressed)
    loop = QEventLoop()
    # Queued (the worker is another thread): quit is delivered once the loop runs, never lost.
    worker.finished.connect(loop.quit)
    worker.start()
    loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if isinstance(worker.error, ImportCancelledError):
        return None
    if worker.error is not None:
        raise worker.error
    return worker.result


def read_in_background(
    parent: QWidget | None,
    working_copy: Path,
    title: str,
    path: Path,
    make: Callable[[Any, Path, str | None, Callable[[int, int], None]], Any],
) -> Any:
    """``make(session, path, sheet, progress)`` off the UI thread behind the progress dialog,
    with a session of its own on the working copy (every edit is committed there already),
    asking for the sheet when a workbook has several. None when the PM cancels; a PmdeskError
    goes to the caller. What ``make`` returns must not need its session afterwards."""
    from pmdesk.store.database import make_session, open_engine

    def read(path: Path, sheet: str | None) -> Any:
        def work(progress: Callable[[int, int], None]) -> Any:
            engine = open_engine(working_copy)
            session = make_session(engine)
            try:
                return make(session, path, sheet, progress)
            finally:
                session.close()
                engine.dispose()

        return run_with_progress(parent, title, f"Reading {path.name}…", work)

    return read_choosing_sheet(parent, read, path)


def _bad_row_colour() -> QColor:
    """A faint red that reads on the light and the dark palette alike."""
    dark = QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#4a1f1f" if dark else "#fdecea")


class PreviewModel(QAbstractTableModel):
    """Rows of the file: line, result (OK or the reasons), then the chosen fields."""

    def __init__(
        self,
        rows: Sequence[PreviewRow],
        fields: Sequence[str],
        labels: dict[str, str],
        cell: Callable[[PreviewRow, str], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._fields = tuple(fields)
        self._labels = labels
        self._cell = cell
        self._bad = _bad_row_colour()

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Line"
        if section == 1:
            return "Result"
        if 2 <= section < 2 + len(self._fields):
            return self._labels[self._fields[section - 2]]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.line)
            if column == 1:
                return "; ".join(row.problems) if row.problems else "OK"
            return self._cell(row, self._fields[column - 2])
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(self._bad)
        return None


class ValueMappingTable(QTableWidget):
    """The distinct values of every constrained column, under a line naming the column: each
    value as written, how many cells hold it, and a box choosing what it becomes. Emits
    ``value_chosen(field, text, value)`` with "" for "the field's default"."""

    value_chosen = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Value in the file", "Cells", "Becomes"])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the boxes take the focus, not the cells
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(2, 150)
        self.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        self.boxes: dict[tuple[str, str], QComboBox] = {}

    def set_maps(self, maps: Sequence[ValueMap]) -> None:
        self.clearSpans()
        self.setRowCount(0)
        self.boxes.clear()
        shown = [vm for vm in maps if vm.found]
        self.setRowCount(sum(1 + len(vm.found) for vm in shown))
        row = 0
        for value_map in shown:
            title = QTableWidgetItem(value_map.label)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            self.setItem(row, 0, title)
            self.setSpan(row, 0, 1, 3)
            row += 1
            for entry in _in_reading_order(value_map):
                self._add_value(row, value_map, entry)
                row += 1

    def _add_value(self, row: int, value_map: ValueMap, entry: Any) -> None:
        vocabulary = value_map.vocabulary
        name = QTableWidgetItem(entry.text)
        name.setToolTip(f"“{entry.text}” in the {value_map.label} column")
        count = QTableWidgetItem(f"{entry.count:,}")
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, 0, name)
        self.setItem(row, 1, count)
        combo = QComboBox()
        default = vocabulary.choices.get(vocabulary.default, "not rated")
        combo.addItem(DEFAULT_CHOICE.format(default), "")
        for value, shown in vocabulary.choices.items():
            combo.addItem(shown, value)
        combo.setCurrentIndex(max(0, combo.findData(entry.target or "")))
        combo.setToolTip(f"What “{entry.text}” becomes")
        combo.currentIndexChanged.connect(
            lambda _i, key=value_map.key, text=entry.text, box=combo: self.value_chosen.emit(
                key, text, box.currentData()
            )
        )
        self.setCellWidget(row, 2, combo)
        self.boxes[(value_map.key, entry.text)] = combo


class NumberFormatChoice(QWidget):
    """How the file writes its numbers, as detected, with the box that changes it and the
    sentence saying what was assumed. Emits ``chosen(NumberFormat)``."""

    chosen = Signal(object)

    def __init__(self, detected: DetectedFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QComboBox()
        for number_format in NUMBER_FORMATS:
            self.box.addItem(number_format.description.capitalize(), number_format)
        self.box.setToolTip("The decimal mark of the file's numbers, applied to every number")
        caption = QLabel("Numbers")
        caption.setBuddy(self.box)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.box)
        layout.addWidget(self.note, 1)
        self.show_detected(detected)
        self.box.currentIndexChanged.connect(self._changed)

    def show_detected(self, detected: DetectedFormat) -> None:
        self.box.blockSignals(True)
        self.box.setCurrentIndex(NUMBER_FORMATS.index(detected.number_format))
        self.box.blockSignals(False)
        if detected.assumption:
            self.note.setText(f"{detected.assumption} Change it here if that is wrong.")
        else:
            self.note.setText("Detected from the file's numbers.")
        # An assumption is something to check: it stands out; a clear reading does not.
        self.note.setStyleSheet("color: #b54708; font-weight: 600;" if detected.assumption else "")

    @property
    def number_format(self) -> NumberFormat:
        return self.box.currentData()

    def _changed(self, _index: int) -> None:
        number_format = self.box.currentData()
        self.note.setText("As you chose: every number in the file is read this way.")
        self.note.setStyleSheet("")
        self.chosen.emit(number_format)


def _in_reading_order(value_map: ValueMap) -> list[Any]:
    """Numbers in ascending order (a scale reads 1, 2, 3), words most frequent first."""
    entries = list(value_map.found.values())
    numbers = [whole_number(entry.text) for entry in entries]
    if all(number is not None for number in numbers):
        return [entry for _n, entry in sorted(zip(numbers, entries, strict=True), key=_first)]
    return sorted(entries, key=lambda entry: -entry.count)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


class ImportPreviewDialog(QDialog):
    """The preview; subclasses fill in the hooks below for their workspace's review."""

    noun = "Row"  # "Import 3 Rows"
    preview_fields: tuple[str, ...] = ()
    column_widths: ClassVar[Mapping[str, int]] = {}

    def __init__(
        self,
        review: Any,
        title: str,
        fields: Sequence[FieldSpec],
        multi_column: frozenset[str] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self.fields = list(fields)
        self.setWindowTitle(title)
        self.resize(1100, 720)
        source = QLabel(f"<b>{review.source}</b> — {review.table.describe()}")
        source.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.single: dict[str, QComboBox] = {}
        self.multi: dict[str, QListWidget] = {}
        self.extra = QHBoxLayout()  # subclasses add their own choices here

        mapping = QGroupBox("Which column fills which field (* must be filled)")
        grid = QGridLayout(mapping)
        headers = review.table.headers
        for position, spec in enumerate(self.fields):
            caption = QLabel(spec.label + (" *" if spec.required else ""))
            chosen = self.columns_of(spec.key)
            widget: QWidget
            if spec.key in multi_column:
                widget = self.multi[spec.key] = self._column_list(spec.key, headers, chosen)
            else:
                combo = QComboBox()
                combo.addItem(NOT_IMPORTED, -1)
                for index, header in enumerate(headers):
                    combo.addItem(header or f"Column {index + 1}", index)
                combo.setCurrentIndex(combo.findData(chosen[0] if chosen else -1))
                combo.currentIndexChanged.connect(lambda _i, key=spec.key: self._remapped(key))
                widget = self.single[spec.key] = combo
            caption.setBuddy(widget)
            row, pair = divmod(position, 3)
            grid.addWidget(caption, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, pair * 2 + 1)

        self.values_box = QGroupBox("What each value becomes")
        self.values = ValueMappingTable()
        self.values.value_chosen.connect(self._value_chosen)
        QVBoxLayout(self.values_box).addWidget(self.values)

        labels = {spec.key: spec.label for spec in self.fields}
        self.model = PreviewModel(self.rows(), self.preview_fields, labels, self.cell, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setColumnWidth(0, 44)
        self.table.setColumnWidth(1, 190)
        for column, key in enumerate(self.preview_fields, start=2):
            self.table.setColumnWidth(column, self.column_widths.get(key, 140))
        self.table.horizontalHeader().setStretchLastSection(True)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.values_box)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 700])
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(splitter, 1)
        # The PM drags the line between the column choices and the preview to make room.
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(mapping)
        vertical.addWidget(lower)
        vertical.setChildrenCollapsible(False)
        vertical.setStretchFactor(1, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        self.numbers: NumberFormatChoice | None = None
        if getattr(review, "numbers", None) is not None:
            self.numbers = NumberFormatChoice(review.numbers)
            self.numbers.chosen.connect(self._numbers_chosen)
            layout.addWidget(self.numbers)
        layout.addLayout(self.extra)
        layout.addWidget(vertical, 1)
        layout.addWidget(self.buttons)
        self._fill_values()
        self.show_preview()

    # -- hooks ---------------------------------------------------------------------------------

    def columns_of(self, key: str) -> list[int]:
        """The columns that fill ``key`` now."""
        raise NotImplementedError

    def remap(self, key: str, columns: list[int]) -> None:
        raise NotImplementedError

    def rows(self) -> Sequence[PreviewRow]:
        return self.review.preview.rows

    def summary_text(self) -> str:
        return self.review.preview.summary()

    def good_count(self) -> int:
        return len(self.review.preview.good_rows)

    def blocked(self) -> bool:
        """True when a required field has no column, so the summary is a warning."""
        return bool(self.review.preview.missing)

    def value_maps(self) -> dict[str, ValueMap]:
        return self.review.value_maps

    def cell(self, row: PreviewRow, key: str) -> str:
        """The text as read, and what it becomes where a value map translates it."""
        text = row.raw.get(key, "")
        value = row.values.get(key)
        if isinstance(value, float) and any(mark in text for mark in ",."):
            shown = f"{value:,.15g}".replace(",", "\u2009")  # a thin space: no mark to misread
            return text if text.strip() == shown else f"{text} → {shown}"
        value_map = self.value_maps().get(key)
        if value_map is None or key not in row.values or not text:
            return text
        shown = value_map.vocabulary.choices.get(str(row.values[key]), str(row.values[key]))
        return text if text.strip().lower() == shown.lower() else f"{text} → {shown}"

    # -- behaviour -----------------------------------------------------------------------------

    @property
    def import_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        remember = getattr(self.review, "remember", None)
        if remember is not None:
            remember()  # the PM's choices, for the next file of the same kind
        super().accept()

    def _column_list(self, key: str, headers: Sequence[str], chosen: list[int]) -> QListWidget:
        columns = QListWidget()
        columns.setMaximumHeight(72)
        for index, header in enumerate(headers):
            item = QListWidgetItem(f"{header or 'Column'} (column {index + 1})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = Qt.CheckState.Checked if index in chosen else Qt.CheckState.Unchecked
            item.setCheckState(ticked)
            columns.addItem(item)
        columns.itemChanged.connect(lambda _item: self._remapped(key))
        if chosen:  # show the first ticked column, not the top of the list
            columns.scrollToItem(
                columns.item(chosen[0]), QAbstractItemView.ScrollHint.PositionAtTop
            )
        columns.setToolTip("Every ticked column adds its values.")
        return columns

    def _remapped(self, key: str) -> None:
        if key in self.multi:
            view = self.multi[key]
            columns = [
                index
                for index in range(view.count())
                if view.item(index).checkState() == Qt.CheckState.Checked
            ]
        else:
            column = self.single[key].currentData()
            columns = [] if column == -1 else [column]
        self.remap(key, columns)
        if self.numbers is not None:
            self.numbers.show_detected(self.review.numbers)
        self._fill_values()
        self.show_preview()

    @property
    def value_boxes(self) -> dict[tuple[str, str], QComboBox]:
        return self.values.boxes

    def _fill_values(self) -> None:
        self.values.set_maps(list(self.value_maps().values()))
        self.values_box.setVisible(bool(self.values.boxes))

    def _value_chosen(self, key: str, text: str, value: str) -> None:
        self.review.choose_value(key, text, value or None)
        self.show_preview()

    def _numbers_chosen(self, number_format: NumberFormat) -> None:
        self.review.set_number_format(number_format)
        self.show_preview()

    def show_preview(self) -> None:
        if self.numbers is not None:
            self.numbers.setVisible(bool(getattr(self.review, "has_numbers", True)))
        self.model.set_rows(self.rows())
        self.summary.setText(self.summary_text())
        role = QPalette.ColorRole.WindowText
        colour = theme.ink_css("#b42318") if self.blocked() else self.palette().color(role).name()
        self.summary.setStyleSheet(f"color: {colour}; font-weight: 600;")
        good = self.good_count()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setText(f"Import {good} {self.noun}{'s' if good != 1 else ''}")
        button.setEnabled(bool(good) and not self.blocked())
