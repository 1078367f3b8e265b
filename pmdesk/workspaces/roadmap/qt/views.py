"""The roadmap's other views: the table, the Now / Next / Later board, and the slip list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.tables import follow_current, keeping_place
from pmdesk.workspaces.roadmap.baselines import CHANGES, slips
from pmdesk.workspaces.roadmap.chart.style import LATE_COLOR, STATUS_COLORS, tint
from pmdesk.workspaces.roadmap.model import KINDS, STATUSES
from pmdesk.workspaces.roadmap.plan import HORIZON_ORDER, Roadmap, is_late, now_next_later
from pmdesk.workspaces.roadmap.qt.actions import RoadmapActions
from pmdesk.workspaces.roadmap.qt.table_delegate import LaneOwnerDelegate
from pmdesk.workspaces.roadmap.qt.table_model import (
    COLUMN_KEYS,
    ID_ROLE,
    RoadmapFilterModel,
    RoadmapTableModel,
)
from pmdesk.workspaces.stakeholders.query import names_by_id

HORIZON_TITLES = {
    "now": ("Now", "This fiscal quarter, under way, or overdue"),
    "next": ("Next", "Next fiscal quarter"),
    "later": ("Later", "Beyond, and ideas without dates"),
}


class RoadmapTable(QWidget):
    def __init__(self, actions: RoadmapActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.model = RoadmapTableModel(actions, self)
        self.proxy = RoadmapFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter items by any text: title, lane, status, owner, tag…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("roadmapTable")
        self.table.setModel(self.proxy)
        follow_current(self.table)
        self.delegate = LaneOwnerDelegate(self.model, self.table)
        for key in ("lane", "owner"):
            self.table.setItemDelegateForColumn(COLUMN_KEYS.index(key), self.delegate)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

    def show_roadmap(self, roadmap: Roadmap, today: date) -> None:
        owners = names_by_id(self.actions.controller.session)
        with keeping_place(self.table, ID_ROLE):
            self.model.set_roadmap(roadmap, today, owners)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class NowNextLaterBoard(QWidget):
    """Three columns of cards; a dated item sits where its dates put it, an undated one
    where the PM parked it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: dict[str, QListWidget] = {}
        self.titles: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        for key in HORIZON_ORDER:
            box = QVBoxLayout()
            title = QLabel()
            title.setStyleSheet("font-weight: bold; font-size: 15px")
            hint = QLabel(HORIZON_TITLES[key][1])
            hint.setStyleSheet(theme.css("color: #5f6b7a"))
            cards = QListWidget()
            cards.setObjectName(f"board_{key}")
            cards.setSpacing(3)
            cards.setWordWrap(True)
            box.addWidget(title)
            box.addWidget(hint)
            box.addWidget(cards, 1)
            layout.addLayout(box, 1)
            self.columns[key] = cards
            self.titles[key] = title

    def show_roadmap(self, roadmap: Roadmap, today: date) -> None:
        lanes = {lane.id: lane for lane in roadmap.lanes}
        for key, items in now_next_later(roadmap, today).items():
            cards = self.columns[key]
            cards.clear()
            self.titles[key].setText(f"{HORIZON_TITLES[key][0]}  ({len(items)})")
            for item in items:
                lane = lanes.get(item.lane_id)
                late = is_late(item, today)
                status = "Late" if late else STATUSES.get(item.status, item.status)
                when = (
                    f"{item.start:%d %b} – {item.end:%d %b %Y}"
                    if item.start and item.end and not item.milestone
                    else (f"{item.start:%d %b %Y}" if item.start else "No dates yet")
                )
                card = QListWidgetItem(
                    f"{item.title}\n{KINDS.get(item.kind, item.kind)} · {status} · {when}"
                    f"\n{lane.name if lane else ''}"
                )
                card.setData(Qt.ItemDataRole.UserRole, item.id)
                color = LATE_COLOR if late else STATUS_COLORS.get(item.status, "#8a97a8")
                ground = theme.surface(tint(color, 0.85))
                card.setBackground(QBrush(ground))
                card.setForeground(QBrush(theme.on(ground)))
                card.setToolTip(item.description or item.title)
                cards.addItem(card)


class SlipList(QWidget):
    """What moved since the chosen baseline (the newest when none is chosen)."""

    def __init__(self, actions: RoadmapActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.baseline_id: str | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("slipList")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Item", "Change", "Days", "Baseline end", "Now ends"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    def show_roadmap(self, roadmap: Roadmap, today: date) -> None:
        self.tree.clear()
        ids = [baseline.id for baseline in roadmap.baselines]
        chosen = self.baseline_id if self.baseline_id in ids else (ids[0] if ids else None)
        if chosen is None:
            self.summary.setText(
                "No baseline yet. Save one when a plan is agreed, to see later what slipped."
            )
            return
        name = next(b.name for b in roadmap.baselines if b.id == chosen)
        changes = [
            s for s in slips(self.actions.controller.session, chosen) if s.change != "unchanged"
        ]
        slipped = [s for s in changes if s.change == "slipped"]
        others = len(changes) - len(slipped)
        self.summary.setText(
            f"Since “{name}”: {len(slipped)} item{'s' if len(slipped) != 1 else ''} slipped, "
            f"{others} other change{'s' if others != 1 else ''}."
        )
        for slip in changes:
            row = QTreeWidgetItem(
                [
                    slip.title,
                    CHANGES[slip.change],
                    f"{slip.days:+d}" if slip.days else "",
                    slip.baseline_end.isoformat() if slip.baseline_end else "",
                    slip.end.isoformat() if slip.end else "",
                ]
            )
            if slip.change == "slipped":
                row.setForeground(1, QBrush(theme.ink(LATE_COLOR)))
                row.setForeground(2, QBrush(theme.ink(LATE_COLOR)))
            self.tree.addTopLevelItem(row)
        for column in range(5):
            self.tree.resizeColumnToContents(column)
