"""Export the roadmap chart alone (PNG, SVG or PDF) for a date range and a choice of lanes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs, theme
from pmdesk.workspaces.roadmap.chart.scale import ZOOMS
from pmdesk.workspaces.roadmap.fiscal import add_months, quarter_start

if TYPE_CHECKING:
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage

FILTERS = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


@dataclass
class ExportChoices:
    first: date
    last: date
    zoom: str
    lanes: list[tuple[str, str]]  # (id, name) of every lane, top to bottom
    chosen: set[str] = field(default_factory=set)


class ExportDialog(QDialog):
    def __init__(self, choices: ExportChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Roadmap Chart")
        self._choices = choices
        self.first = QDateEdit(QDate(choices.first.year, choices.first.month, choices.first.day))
        self.last = QDateEdit(QDate(choices.last.year, choices.last.month, choices.last.day))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.zoom = QComboBox()
        for key, zoom in ZOOMS.items():
            self.zoom.addItem(zoom.label, key)
        self.zoom.setCurrentIndex(self.zoom.findData(choices.zoom))
        self.lanes = QListWidget()
        for lane_id, name in choices.lanes:
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, lane_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = lane_id in choices.chosen
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.lanes.addItem(entry)
        self.problem = QLabel()
        self.problem.setStyleSheet(theme.css("color: #b3261e"))
        form = QFormLayout()
        form.addRow("From", self.first)
        form.addRow("To", self.last)
        form.addRow("Zoom", self.zoom)
        form.addRow("Lanes", self.lanes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def choices(self) -> ExportChoices:
        chosen = {
            self.lanes.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.lanes.count())
            if self.lanes.item(row).checkState() == Qt.CheckState.Checked
        }
        return replace(
            self._choices,
            first=self.first.date().toPython(),  # type: ignore[arg-type]
            last=self.last.date().toPython(),  # type: ignore[arg-type]
            zoom=self.zoom.currentData(),
            chosen=chosen,
        )

    def _accept_if_valid(self) -> None:
        choices = self.choices()
        if choices.last < choices.first:
            self.problem.setText("The range ends before it starts.")
        elif not choices.chosen:
            self.problem.setText("Choose at least one lane.")
        else:
            self.accept()


def choose_roadmap_export(parent: QWidget, choices: object) -> object | None:
    """Ask what to export (date range, lanes, file); returns the filled choices or None."""
    dialog = ExportDialog(choices, parent)  # type: ignore[arg-type]
    if dialog.exec() != ExportDialog.DialogCode.Accepted:
        return None
    return dialog.choices()


def default_choices(page: RoadmapPage) -> ExportChoices:
    """The next four fiscal quarters, every lane, at the page's zoom."""
    first = quarter_start(page.today, page.roadmap.fiscal_start)
    last = add_months(first, 12)
    lanes = [(lane.id, lane.name) for lane in page.roadmap.lanes]
    return ExportChoices(
        first,
        last - timedelta(days=1),
        page.zoom.currentData(),
        lanes,
        {lane_id for lane_id, _name in lanes},
    )


def export_chart(page: RoadmapPage) -> Path | None:
    """Ask what and where, then write the chart; errors are shown, never raised."""
    choices = choose_roadmap_export(page, default_choices(page))
    if choices is None:
        return None
    assert isinstance(choices, ExportChoices)
    path = dialogs.choose_export_file(page, "Export Roadmap Chart", "Roadmap.png", FILTERS)
    if path is None:
        return None
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        path = path.with_suffix(".png")
    from pmdesk.workspaces.roadmap.baselines import baseline_dates
    from pmdesk.workspaces.roadmap.chart.figure import export_roadmap, roadmap_figure

    baseline = None
    if page.baseline_id is not None:
        baseline = baseline_dates(page.controller.session, page.baseline_id)
    try:
        figure = roadmap_figure(
            page.roadmap,
            page.today,
            zoom=choices.zoom,
            first=choices.first,
            last=choices.last,
            lane_ids=choices.chosen,
            colour_by=page.colour_by.currentData(),
            baseline=baseline,
        )
        return export_roadmap(path, figure)
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Export Chart", str(error))
        return None
