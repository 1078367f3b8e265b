"""The preview of a plan's import: where it goes (new lanes, the roadmap's lanes of the same
name, or one chosen lane) and what it creates — items, milestones, dependencies, owners."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pmdesk.workspaces.roadmap.io_plans import NEW_LANES, SAME_NAME, Plan, PlanOutline


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _names(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(f"“{name}”" for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def describe(outline: PlanOutline, add_owners: bool) -> str:
    """The preview's sentences: what the import will create and where it goes."""
    counts = f"{plural(outline.items, 'item')}"
    if outline.milestones:
        counts += f" ({plural(outline.milestones, 'milestone')})"
    counts += f" and {plural(outline.dependencies, 'dependency', 'dependencies')}."
    if outline.undated:
        counts += f" {outline.undated:,} without dates will wait in the parking lot."
    lines = [counts]
    if outline.new_lanes:
        lines.append(f"New lanes: {_names(outline.new_lanes)}.")
    if outline.existing_lanes:
        lines.append(f"Into the roadmap's lanes: {_names(outline.existing_lanes)}.")
    if outline.known_owners:
        lines.append(f"Owners already in the project: {_names(outline.known_owners)}.")
    if outline.new_owners:
        if add_owners:
            lines.append(f"Owners added as stakeholders: {_names(outline.new_owners)}.")
        else:
            lines.append(f"Owners kept as “owner:” tags: {_names(outline.new_owners)}.")
    return "\n".join(lines)


class PlanImportDialog(QDialog):
    """Where the plan goes and what it will create; accepted when the PM confirms."""

    def __init__(
        self,
        plan: Plan,
        file_name: str,
        lanes: list[tuple[str, str]],
        outline: Callable[[str], PlanOutline],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Plan")
        self._outline = outline
        self.into = QComboBox()
        self.into.addItem("New lanes, one per summary task", NEW_LANES)
        if lanes:
            self.into.addItem("The roadmap's lanes of the same name", SAME_NAME)
            for lane_id, name in lanes:
                self.into.addItem(f"All into the lane “{name}”", lane_id)
        self.into.setCurrentIndex(max(0, self.into.findData(SAME_NAME)))
        self.add_owners = QCheckBox("Add the owners who are not in the project as stakeholders")
        self.add_owners.setChecked(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setMinimumWidth(460)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Plan", QLabel(f"<b>{plan.name}</b> — {file_name}"))
        form.addRow("Into", self.into)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.details)
        layout.addWidget(self.add_owners)
        layout.addWidget(buttons)
        self.into.currentIndexChanged.connect(lambda _i: self._refresh())
        self.add_owners.toggled.connect(lambda _on: self._refresh())
        self._refresh()

    def _refresh(self) -> None:
        outline = self._outline(self.into.currentData())
        self.outline = outline
        self.add_owners.setVisible(bool(outline.new_owners))
        self.details.setText(describe(outline, self.add_owners.isChecked()))
        self.ok.setText(f"Import {plural(outline.items, 'Item')}")
        self.ok.setEnabled(outline.items > 0)

    def choices(self) -> tuple[str, bool]:
        return self.into.currentData(), self.add_owners.isChecked()
