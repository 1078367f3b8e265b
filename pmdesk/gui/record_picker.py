"""Choosing one record out of a project's many (a roadmap item, a stakeholder, a requirement)
the same way in every workspace: a drop-down list that typing any part of a name narrows, so
a project of thousands is searched, not scrolled."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QMainWindow, QWidget

# The completion list is widened to the longest of its first rows (a name's end often tells two
# records apart); measuring thousands of matches would cost more than the list is worth.
MEASURED_ROWS = 40


class RecordPicker(QComboBox):
    """Records by label, each with its key as the item's data.

    The list drops down as any combo box's does; typing shows the labels that hold what was
    typed, in any case. Picking one from either list, or pressing Enter or leaving the box
    with a whole label or a part that only one label holds, chooses that record; any other
    text springs back to the chosen record, so the box never shows a name it does not hold,
    and the window's status bar says why (``noun`` names what the box lists; a dialog shows
    ``verdict`` itself). Enter on such text presses no dialog's default button.
    ``editing_finished`` tells when the PM is done with the box: the moment to store
    :meth:`key`. ``none_label`` is a first entry that stands for no record (key None): while
    it is chosen the box stands empty with that label greyed in it, so a name typed after a
    click starts a search instead of running on from the label.
    """

    editing_finished = Signal()
    # After each finish: why the text typed chose nothing, or "" when it chose a record.
    verdict = Signal(str)

    def __init__(
        self,
        choices: Sequence[tuple[str, object]] = (),
        *,
        none_label: str | None = None,
        placeholder: str = "",
        noun: str = "entry",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.none_label = none_label
        self.noun = noun
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # The combo box's own completer works on its items: a pick from it sets the index.
        completer = self.completer()
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.popup().installEventFilter(self)
        # An empty box means the none entry, so its label is what the empty box shows; the
        # hint on how to search then waits in the tooltip, not squeezed in beside it.
        self.lineEdit().setPlaceholderText(none_label or placeholder)
        if none_label and placeholder:
            self.setToolTip(placeholder)
        self.set_choices(choices)
        self._typed = False  # typed into since the last editing_finished
        self._refused = False  # what was last typed named no record (see settle)
        self.lineEdit().textEdited.connect(self._mark_typed)
        self.lineEdit().returnPressed.connect(self._return_pressed)
        self.activated.connect(lambda _index: self._finish())
        # Connected after the box's own handler, which writes the chosen label into the line.
        self.currentIndexChanged.connect(self._show_chosen)
        # With the completion list open the list holds the focus, so the box itself may never
        # see the focus leave: watch where the focus goes instead.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def set_choices(self, choices: Sequence[tuple[str, object]]) -> None:
        """Offer these (label, key); the record chosen stays chosen while it is offered."""
        key = self.key()
        blocked = self.blockSignals(True)
        self.clear()
        if self.none_label is not None:
            self.addItem(self.none_label, None)
        for label, record_key in choices:
            self.addItem(label, record_key)
        self.set_key(key)
        self.blockSignals(blocked)
        if self.completer().popup().isVisible():
            self.completer().popup().hide()  # it listed the choices that were

    def choices(self) -> list[tuple[str, object]]:
        first = 0 if self.none_label is None else 1
        return [(self.itemText(i), self.itemData(i)) for i in range(first, self.count())]

    def key(self) -> object:
        """The chosen record's key; None for the none entry or when none is chosen."""
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_key(self, key: object) -> None:
        """Choose the record of ``key``: the none entry (or nothing) when it is not offered."""
        index = self.findData(key) if key is not None else -1
        if index < 0 and self.none_label is not None:
            index = 0
        self.setCurrentIndex(index)
        self._show_chosen()

    def _show_chosen(self, *_index: int) -> None:
        """Show the chosen entry's label as the record spells it; nothing for the none entry
        (its label is the placeholder then) or when none is chosen."""
        index = self.currentIndex()
        none = index < 0 or (index == 0 and self.none_label is not None)
        shown = "" if none else self.itemText(index)
        if self.lineEdit().text() != shown:
            self.setEditText(shown)

    # -- the completion list -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self.completer().popup() if self.completer() else None
        if watched is popup and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._widen_completions()
        return super().eventFilter(watched, event)

    def _widen_completions(self) -> None:
        """The completer makes its list as wide as the box: wide enough for the names instead,
        up to the window's width."""
        popup = self.completer().popup()
        model = popup.model()
        metrics = popup.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(str(model.index(row, 0).data() or ""))
                for row in range(min(model.rowCount(), MEASURED_ROWS))
            ),
            default=0,
        )
        bar = popup.verticalScrollBar().sizeHint().width()
        wanted = widest + 2 * popup.frameWidth() + bar + 2 * metrics.averageCharWidth()
        wanted = min(wanted, max(self.window().width(), self.width()))
        if popup.minimumWidth() != wanted:
            popup.setMinimumWidth(wanted)

    # -- finishing -----------------------------------------------------------------------------

    def _mark_typed(self, _text: str) -> None:
        self._typed = True
        self._refused = False

    def settle(self) -> bool:
        """Choose by what was typed now, if anything was, for a button that acts on the choice
        (a click does not take the focus on every platform: macOS buttons do not). False when
        the text last typed named no record: the button then does nothing, rather than act on
        the record the box sprang back to."""
        if self._typed:
            self._finish()
        refused, self._refused = self._refused, False
        return not refused

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        finishing = enter and self._typed
        super().keyPressEvent(event)
        # Enter goes on to the dialog's default button: not when the text it finished named no
        # record, which would accept the dialog with the record the box sprang back to.
        if finishing and self._refused:
            event.accept()

    def _return_pressed(self) -> None:
        # A whole label was already chosen by the box itself (``activated``), which finished.
        if self._typed:
            self._finish()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._typed or new is None:
            return
        popup = self.completer().popup() if self.completer() else None
        if new in (self, self.lineEdit(), popup, self.view()):
            return
        self._finish()

    def _finish(self) -> None:
        self._typed = False
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if not text and self.none_label is not None:
            index = 0  # an emptied box means no record
        if index >= 0:
            if index != self.currentIndex():
                self.setCurrentIndex(index)
            self._show_chosen()  # the same record typed in another case shows as it is spelt
            sentence = ""
        else:
            sentence = self._unmatched(text)
        if sentence:
            self._say(sentence)
        self.verdict.emit(sentence)
        self.editing_finished.emit()

    def _unmatched(self, text: str) -> str:
        """Text that is no whole label was left in the box: the one record whose label holds
        it is chosen (typing enough of a name is enough); otherwise the chosen one shows
        again, and the sentence saying why is returned."""
        model = self.model()
        holding = model.match(
            model.index(0, self.modelColumn()),
            Qt.ItemDataRole.DisplayRole,
            text,
            2,
            Qt.MatchFlag.MatchContains,
        )
        self._refused = bool(text) and len(holding) != 1
        sentence = ""
        if text and len(holding) == 1:
            self.setCurrentIndex(holding[0].row())
        elif text:
            shown = text if len(text) <= 40 else text[:39] + "…"
            sentence = (
                f"More than one {self.noun} holds “{shown}”: pick one from the list."
                if holding
                else f"No {self.noun} is called “{shown}”."
            )
        self._show_chosen()
        return sentence

    def _say(self, sentence: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(sentence, 8000)
