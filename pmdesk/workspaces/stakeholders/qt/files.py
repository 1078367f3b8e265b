"""The Stakeholders page's file actions: CSV import through the preview, CSV export, and the
maps as PNG or SVG pictures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmdesk.domain.project import get_project
from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs
from pmdesk.gui.import_preview import read_in_background
from pmdesk.workspaces.stakeholders import io as stakeholders_csv
from pmdesk.workspaces.stakeholders.io import ImportReview
from pmdesk.workspaces.stakeholders.qt import actions
from pmdesk.workspaces.stakeholders.qt import dialogs as ask

if TYPE_CHECKING:
    from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage


def import_csv(page: StakeholdersPage, path: Path | None = None) -> int:
    """Read a CSV, show the preview, and add the good rows as one undoable step."""
    path = path or dialogs.choose_csv(page, "Import Stakeholders", str(Path.home()))
    if path is None:
        return 0

    def make(session: Any, path: Path, sheet: str | None, progress: Any) -> ImportReview:
        table = stakeholders_csv.read_table(path, sheet)
        return ImportReview(session, table, f"“{path.name}”", progress=progress)

    try:
        # Off the UI thread, with progress and Cancel: a register can be a big export.
        review = read_in_background(
            page, page.controller.document.working_path, "Import Stakeholders", path, make
        )
        if review is None:
            return 0
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Import Stakeholders", str(error))
        return 0
    if not ask.review_stakeholder_import(page, review):
        return 0
    rows = review.rows_to_create()
    return len(rows) if actions.import_stakeholders(page.controller, rows) else 0


def export_csv(page: StakeholdersPage, path: Path | None = None) -> Path | None:
    name = f"{get_project(page.controller.session).name} stakeholders.csv"
    path = path or dialogs.choose_export_file(
        page, "Export Stakeholders", str(Path.home() / name), "CSV files (*.csv)"
    )
    if path is None:
        return None
    if path.suffix.lower() != ".csv":
        path = path.with_name(path.name + ".csv")
    try:
        stakeholders_csv.export(page.controller.session, path)
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Export Stakeholders", str(error))
        return None
    return path


def export_picture(
    page: StakeholdersPage, view: str, kind: str, path: Path | None = None
) -> Path | None:
    """Save the grid or the communication map, as shown (filter and arrows included)."""
    from pmdesk.workspaces.stakeholders.qt.export import export_scene

    product = get_project(page.controller.session).name
    what = "stakeholder map" if view == "grid" else "communication map"
    if path is None:
        suggestion = str(Path.home() / f"{product} {what}.{kind}")
        filters = "PNG images (*.png)" if kind == "png" else "SVG drawings (*.svg)"
        path = dialogs.choose_export_file(page, "Export Picture", suggestion, filters)
        if path is None:
            return None
    if view != "grid":
        page.ensure_map_drawn()  # drawn when first shown: it may not have been yet
    scene = page.grid.scene if view == "grid" else page.comm_map.scene
    heading = "Stakeholders by influence and interest" if view == "grid" else "Communication map"
    title = f"{product} — {heading}"
    try:
        return export_scene(scene, path, title, _picture_subtitle(page, view))
    except PmdeskError as error:
        dialogs.show_error(page, "Cannot Export Picture", str(error))
        return None


def _picture_subtitle(page: StakeholdersPage, view: str) -> str:
    parts = [f"As of {page.today:%d %B %Y}".replace(" 0", " ")]
    if view == "grid" and page.grid.compare.currentData():
        parts.append(f"arrows show moves since {page.grid.compare.currentText()}")
    if page.map_filter.active:
        shown = [
            page.department_filter.currentText() if page.map_filter.department else "",
            page.attitude_filter.currentText() if page.map_filter.attitude else "",
            f"tag {page.map_filter.tag}" if page.map_filter.tag else "",
            f"“{page.map_filter.text}”" if page.map_filter.text.strip() else "",
        ]
        parts.append("filtered: " + ", ".join(part for part in shown if part))
    return " · ".join(parts)
