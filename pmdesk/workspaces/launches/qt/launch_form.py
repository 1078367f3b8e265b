"""The fields of the launch on show: name, tier, the roadmap item it follows, launch day,
go/no-go, decision, owner and the goal it serves. Each field commits when the PM presses Enter
or leaves it (Tab), as one undo step; a refresh never overwrites what the PM sees with the same
value, so typing and Tab keep it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from pmdesk.gui.document import DocumentController
from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.gui.record_picker import RecordPicker
from pmdesk.gui.text import show_line
from pmdesk.workspaces.launches.model import DECISIONS, TIERS
from pmdesk.workspaces.launches.qt import actions
from pmdesk.workspaces.launches.query import LaunchPlan
from pmdesk.workspaces.launches.readiness import format_offset


class LaunchForm(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._plan: LaunchPlan | None = None
        self._listed: list[tuple[str, str, date]] | None = None  # the items "follows" lists
        self.name = QLineEdit()
        self.name.setAccessibleName("Launch name")
        self.tier = QComboBox()
        for key, label in TIERS.items():
            self.tier.addItem(label, key)
        self.follows = RecordPicker(
            none_label="Its own date", placeholder="Type to find an item", noun="roadmap item"
        )
        self.follows.setAccessibleName("Roadmap item the launch follows")
        self.follows.setMinimumContentsLength(22)
        self.launch_day = QDateEdit()
        self.launch_day.setCalendarPopup(True)
        self.launch_day.setDisplayFormat("yyyy-MM-dd")
        self.launch_day.setAccessibleName("Launch day")
        self.launch_day.setDateRange(QDate(1990, 1, 1), QDate(2100, 12, 31))  # as the rule says
        self.go_no_go = QLineEdit()
        self.go_no_go.setAccessibleName("Go/no-go date")
        self.go_no_go.setToolTip("Days before launch day (L−7) or a date")
        self.go_no_go.setFixedWidth(72)
        self.go_no_go_day = QLabel()
        self.decision = QComboBox()
        for key, label in DECISIONS.items():
            self.decision.addItem(label, key)
        self.owner = OwnerPicker([])
        self.owner.setAccessibleName("Launch owner")
        self.goal = QLineEdit()
        self.goal.setAccessibleName("Goal it serves")
        self.goal.setPlaceholderText("The business goal this launch serves")

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(6)
        rows = (
            (("Name", self.name), ("Tier", self.tier)),
            (("Follows", self.follows), ("Launch day", self.launch_day)),
            (("Owner", self.owner), ("Go/no-go", self._go_no_go_row())),
            (("Goal", self.goal), ("Decision", self.decision)),
        )
        for row, pair in enumerate(rows):
            for half, (caption, widget) in enumerate(pair):
                label = QLabel(caption)
                label.setBuddy(widget)
                layout.addWidget(label, row, half * 2, Qt.AlignmentFlag.AlignRight)
                layout.addWidget(widget, row, half * 2 + 1)
        layout.setColumnStretch(1, 3)
        layout.setColumnStretch(3, 1)

        self.name.editingFinished.connect(lambda: self._commit("name", self.name.text()))
        self.goal.editingFinished.connect(lambda: self._commit("goal", self.goal.text()))
        self.go_no_go.editingFinished.connect(
            lambda: self._commit("go_no_go_offset", self.go_no_go.text())
        )
        self.tier.activated.connect(lambda: self._commit("tier", self.tier.currentData()))
        self.decision.activated.connect(
            lambda: self._commit("decision", self.decision.currentData())
        )
        self.owner.editing_finished.connect(lambda: self._commit("owner_id", self.owner.owner_id()))
        self.launch_day.editingFinished.connect(self._commit_day)
        self.follows.editing_finished.connect(self._commit_follows)
        self._apply_read_only()

    def _go_no_go_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.go_no_go)
        row.addWidget(self.go_no_go_day, 1)
        return box

    def _apply_read_only(self) -> None:
        read_only = self.controller.read_only
        for line in (self.name, self.goal, self.go_no_go):
            line.setReadOnly(read_only)
        self.launch_day.setReadOnly(read_only)
        for combo in (self.tier, self.follows, self.decision, self.owner):
            combo.setEnabled(not read_only)

    # -- showing -------------------------------------------------------------------------------

    def show_plan(
        self,
        plan: LaunchPlan | None,
        people: list[tuple[str, str]],
        items: list[tuple[str, str, date]],
    ) -> None:
        self._plan = plan
        self.setEnabled(plan is not None)
        widgets = (self.name, self.tier, self.follows, self.launch_day, self.go_no_go)
        for widget in (*widgets, self.decision, self.owner, self.goal):
            widget.blockSignals(True)
        try:
            self._fill(plan, people, items)
        finally:
            for widget in (*widgets, self.decision, self.owner, self.goal):
                widget.blockSignals(False)

    def _fill(
        self,
        plan: LaunchPlan | None,
        people: list[tuple[str, str]],
        items: list[tuple[str, str, date]],
    ) -> None:
        offered = [(name, person_id) for person_id, name in people]
        if self.owner.people() != offered:  # the map changed: offer its people
            self.owner.set_people(offered)
        # Filled again when the items changed, or to drop a previous launch's extra entry.
        if items is not self._listed or self.follows.count() != len(items) + 1:
            self.follows.set_choices(
                [(f"{title} ({day.day} {day:%b %Y})", item_id) for item_id, title, day in items]
            )
            self._listed = items
        if plan is None:
            for line in (self.name, self.goal, self.go_no_go):
                line.setText("")
            self.go_no_go_day.setText("")
            return
        launch, state = plan.launch, plan.readiness
        show_line(self.name, launch.name)
        show_line(self.goal, launch.goal)
        show_line(self.go_no_go, format_offset(launch.go_no_go_offset))
        self.go_no_go_day.setText(f"{state.go_no_go_day.day} {state.go_no_go_day:%b %Y}")
        self.tier.setCurrentIndex(max(self.tier.findData(launch.tier), 0))
        self.decision.setCurrentIndex(max(self.decision.findData(launch.decision), 0))
        self.owner.set_owner_id(launch.owner_id)
        following = plan.item.id if plan.follows and plan.item is not None else None
        if following and self.follows.findData(following) < 0:  # a feature linked in a file
            self.follows.addItem(plan.follows, following)
        self.follows.set_key(following)
        day = state.launch_day
        self.launch_day.setDate(QDate(day.year, day.month, day.day))
        self.launch_day.setEnabled(not following)
        self.launch_day.setToolTip(
            f"Launch day follows “{plan.follows}” on the roadmap; move it there"
            if following
            else "The launch's own date"
        )

    # -- committing ----------------------------------------------------------------------------

    def _commit(self, field: str, value: object) -> None:
        plan = self._plan
        if plan is None:
            return
        current = getattr(plan.launch, field)
        shown = format_offset(current) if field == "go_no_go_offset" else current
        if value == shown or (field == "owner_id" and value == (current or None)):
            return
        actions.set_launch_field(
            self.controller, plan.launch.id, field, value, plan.readiness.launch_day
        )

    def _commit_day(self) -> None:
        plan = self._plan
        if plan is None or plan.follows:
            return
        chosen = self.launch_day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        if day != plan.launch.target_date:
            actions.set_launch_field(self.controller, plan.launch.id, "target_date", day, day)

    def _commit_follows(self) -> None:
        plan = self._plan
        if plan is None:
            return
        item_id = self.follows.key()
        current = plan.item.id if plan.follows and plan.item is not None else None
        if item_id != current:
            actions.link_roadmap_item(self.controller, plan.launch.id, item_id)
