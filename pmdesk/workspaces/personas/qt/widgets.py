"""The Personas page's own views: the messages tree and a tab of links with its suggestions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.workspaces.personas import query

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "message" or "proof" in the messages tree


class MessageTree(QTreeWidget):
    """A persona's key messages, each with its proof points and what they rest on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Message and proof points", "Evidence"])
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # halves at any width
        self.setWordWrap(True)

    def show_rows(self, rows: list[query.MessageRow]) -> None:
        """Show ``rows``, keeping the selected message or proof point selected."""
        current = self.currentItem()
        keep = current.data(0, ID_ROLE) if current is not None else None
        self.clear()
        for message in rows:
            count = len(message.proofs)
            top = QTreeWidgetItem([message.text, f"{count} proof point{'' if count == 1 else 's'}"])
            top.setToolTip(0, message.text)
            top.setData(0, ID_ROLE, message.id)
            top.setData(0, KIND_ROLE, "message")
            for proof in message.proofs:
                top.addChild(self._proof_item(proof))
            self.addTopLevelItem(top)
            top.setExpanded(True)
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                if item.data(0, ID_ROLE) == keep:
                    self.setCurrentItem(item)

    def _proof_item(self, proof: query.ProofRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem([proof.text, proof.evidence])
        item.setData(0, ID_ROLE, proof.id)
        item.setData(0, KIND_ROLE, "proof")
        item.setToolTip(0, proof.text)
        item.setToolTip(1, proof.evidence)
        if proof.missing or not proof.kind:
            item.setForeground(1, self.palette().placeholderText())
        if proof.missing:  # evidence that was there and is gone: said, and set apart
            font = item.font(1)
            font.setItalic(True)
            item.setFont(1, font)
        return item


class LinksTab(QWidget):
    """What is linked to the persona, what its segment suggests, and the buttons to change it."""

    def __init__(self, word: str = "") -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.linked = QListWidget()
        self.linked.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.linked.setUniformItemSizes(True)  # thousands of links stay quick to lay out
        layout.addWidget(self.linked)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        layout.addWidget(self.suggestion)
        row = QHBoxLayout()
        self.buttons = (QPushButton("Link suggested"), QPushButton("Link…"), QPushButton("Unlink"))
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.word = word  # "customer input" or "requirement"
        self.suggested: list[str] = []

    def show_links(self, linked: list[query.LinkRow]) -> None:
        self.linked.clear()
        for row in linked:
            item = QListWidgetItem(f"{row.label}  —  {row.detail}" if row.detail else row.label)
            item.setData(ID_ROLE, row.link_id)
            self.linked.addItem(item)

    def show_suggestions(self, suggested: list[str]) -> None:
        """Say how many ids ``suggested`` holds; "Link suggested" links them."""
        self.suggested = list(suggested)
        many = "" if len(suggested) == 1 else "s"
        self.suggestion.setText(
            f"{len(suggested):,} more {self.word}{many} from this persona's segment could be "
            "linked."
            if suggested
            else ""
        )
