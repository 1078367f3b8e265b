"""The Battlecards tab: one card per competitor for sales, with the matrix rows where we lead and
trail filled in from the ratings, and the PM's own sections edited in place (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.text import show_plain_text
from pmdesk.workspaces.competition import cards, edit, messaging
from pmdesk.workspaces.competition.model import THREAT_LEVELS
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.rules import NOT_ENOUGH_RATINGS, Comparison

SHOWN_ROWS = 6  # the rows that count most; a card sales can read in a minute
# Our messages live in Personas; an edit there changes what the card says about them.
MESSAGE_TABLES = frozenset({"personas", "persona_messages", "proof_points"})


def _comparison_lines(items: list[Comparison], empty: str) -> str:
    if not items:
        return empty
    lines = [
        f"• {item.name} — us {item.ours:.1f} vs them {item.theirs:.1f} (weight {item.weight:g})"
        for item in items[:SHOWN_ROWS]
    ]
    if len(items) > SHOWN_ROWS:
        lines.append(f"… and {len(items) - SHOWN_ROWS} more")
    return "\n".join(lines)


class BattlecardPanel(QWidget):
    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, lazy: bool = False
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        # A lazy panel (a tab not shown yet) reads the project only when it becomes visible.
        self._lazy = self._stale = lazy
        self.competitor_id: str | None = None
        self.picker = QListWidget()
        self.picker.setFixedWidth(220)
        self.picker.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.picker.currentItemChanged.connect(lambda *_: self._picked())
        self.heading = QLabel()
        self.heading.setStyleSheet(
            f"font-size: 17px; font-weight: 600; color: {theme.ink_css('#1f2733')};"
        )
        self.summary = QLabel()
        self.summary.setStyleSheet(theme.css("color: #5b6575;"))
        self.summary.setWordWrap(True)
        self.leads = QLabel()
        self.trails = QLabel()
        self.messages = QLabel()
        self.undercut = QLabel()
        for box, colour in (
            (self.leads, "#ecfdf5"),
            (self.trails, "#fef2f2"),
            (self.messages, "#f1f5f9"),
            (self.undercut, "#fffbeb"),
        ):
            box.setWordWrap(True)
            box.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            ground = theme.surface_css(colour)
            box.setStyleSheet(
                f"background: {ground}; color: {theme.ink_css(theme.current().text, on=ground)}; "
                "padding: 8px; border-radius: 4px;"
            )
        self.editors: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.addWidget(_title("Where we lead (from the matrix)"), 0, 0)
        grid.addWidget(_title("Where we trail (from the matrix)"), 0, 1)
        grid.addWidget(self.leads, 1, 0)
        grid.addWidget(self.trails, 1, 1)
        grid.addWidget(_title("Our messages to the personas they compete for"), 2, 0)
        grid.addWidget(_title("Messages their strengths undercut"), 2, 1)
        grid.addWidget(self.messages, 3, 0)
        grid.addWidget(self.undercut, 3, 1)
        for number, (field, label) in enumerate(cards.BATTLECARD_FIELDS.items()):
            editor = QPlainTextEdit()
            editor.setObjectName(field)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(80)
            editor.setReadOnly(controller.read_only)
            editor.textChanged.connect(lambda f=field: self._edited(f))
            self.editors[field] = editor
            row, column = 4 + 2 * (number // 2), number % 2
            grid.addWidget(_title(label), row, column)
            grid.addWidget(editor, row + 1, column)
        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.heading)
        card_layout.addWidget(self.summary)
        card_layout.addLayout(grid)
        card_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(card)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(scroll, 1)
        on_change(controller, self, self._on_changed)
        if not lazy:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        session = self.controller.session
        self.board = edit.load_scoreboard(session)
        totals, ranks = self.board.totals(), self.board.ranks()
        self.competitors = {c.id: c for c in edit.competitors(session) if not c.is_us}
        # the biggest threats first: by rank in the matrix
        # (the unranked, with too few ratings, after the ranked)
        unranked = len(ranks) + 1
        ordered = sorted(
            self.competitors.values(), key=lambda c: (ranks.get(c.id, unranked), c.name)
        )
        self.picker.blockSignals(True)
        self.picker.clear()
        for competitor in ordered:
            rank = ranks.get(competitor.id)
            item = QListWidgetItem(f"{'—' if rank is None else f'#{rank}'}  {competitor.name}")
            item.setData(Qt.ItemDataRole.UserRole, competitor.id)
            item.setToolTip(_standing(totals, competitor.id, "Weighted total"))
            self.picker.addItem(item)
        self.picker.blockSignals(False)
        keep = self.competitor_id if self.competitor_id in self.competitors else None
        chosen = keep or (ordered[0].id if ordered else None)
        for row in range(self.picker.count()):
            if self.picker.item(row).data(Qt.ItemDataRole.UserRole) == chosen:
                self.picker.setCurrentRow(row)
        self._show(chosen)

    def _picked(self) -> None:
        item = self.picker.currentItem()
        self._show(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _show(self, competitor_id: str | None) -> None:
        self.competitor_id = competitor_id
        enabled = competitor_id is not None
        for editor in self.editors.values():
            editor.setEnabled(enabled)
        if competitor_id is None:
            self.heading.setText("No competitors yet")
            self.summary.setText("Add competitors in the matrix; each gets a battlecard here.")
            for box in (self.leads, self.trails, self.messages, self.undercut):
                box.setText("")
            for editor in self.editors.values():
                show_plain_text(editor, "")
            return
        competitor = self.competitors[competitor_id]
        totals, ranks = self.board.totals(), self.board.ranks()
        self.heading.setText(f"Battlecard: {competitor.name}")
        threat = THREAT_LEVELS.get(competitor.threat_level, "Not assessed")
        parts = [
            f"Threat: {threat}",
            (
                f"rank #{ranks[competitor_id]}, {totals[competitor_id]:.0f}%"
                if competitor_id in ranks
                else f"no rank ({NOT_ENOUGH_RATINGS})"
            ),
        ]
        if self.board.us_id is not None:
            parts.append(_standing(totals, self.board.us_id, "we score"))
        if competitor.positioning:
            parts.append(f"they say: “{competitor.positioning}”")
        self.summary.setText(" · ".join(parts))
        leads, trails = self.board.compare(competitor_id)
        if self.board.us_id is None:
            note = "Mark our own product in the matrix to compare."
            for box in (self.leads, self.trails, self.messages, self.undercut):
                box.setText(note)
        else:
            self.leads.setText(_comparison_lines(leads, "Nowhere yet on rated criteria."))
            self.trails.setText(_comparison_lines(trails, "Nowhere on rated criteria."))
            against = messaging.messages_against(self.controller.session, self.board, competitor_id)
            self.messages.setText(messaging.message_lines(against))
            self.undercut.setText(messaging.undercut_lines(against))
        card = cards.battlecards(self.controller.session).get(competitor_id)
        for field, editor in self.editors.items():
            show_plain_text(editor, getattr(card, field) if card else "")

    def _edited(self, field: str) -> None:
        if self.competitor_id is not None:
            text = self.editors[field].toPlainText()
            actions.set_battlecard_field(self.controller, self.competitor_id, field, text)

    def _on_changed(self, change: Change) -> None:
        if change.kinds & (edit.COMPETITION_TABLES | MESSAGE_TABLES):
            if self.isVisible() or not self._lazy:
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # two columns at laptop width: a long title takes two lines
    label.setStyleSheet(f"font-weight: 600; color: {theme.ink_css('#334155')}; padding-top: 6px;")
    return label


def _standing(totals: dict[str, float], competitor_id: str, label: str) -> str:
    total = totals.get(competitor_id)
    return f"{label} — ({NOT_ENOUGH_RATINGS})" if total is None else f"{label} {total:.0f}%"
