"""CSV import through the preview dialog, CSV export, and the maps as PNG and SVG."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import func, select

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.csv_table import read_csv_file
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt.import_dialog import ImportPreviewDialog
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage
from tests.support import snapshot

TODAY = date(2026, 11, 25)
CSV = (
    "\ufeffName;Role;Department;Power;Interest;Attitude\n"
    "Ana Ruiz;CFO;Finance;9;4;Skeptic\n"
    "Ben Ode;Sales lead;Sales;0;5;supporter\n"
    "Cy Lam;Analyst;Analysts;7;high;grumpy\n"
    "Dana Whitfield;CEO;Executive team;10;7;champion\n"
)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = StakeholdersPage(controller, today=TODAY)
    qtbot.addWidget(page)
    return page


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Stakeholder))


def test_the_preview_maps_words_the_pm_can_change_and_skips_only_real_problems(
    qtbot, page, tmp_path, monkeypatch
):
    source = tmp_path / "people.csv"
    source.write_text(CSV, encoding="utf-8")
    seen: dict[str, object] = {}

    def review(parent, review):
        dialog = ImportPreviewDialog(review, parent)
        qtbot.addWidget(dialog)
        seen["statuses"] = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
        grumpy = dialog.value_boxes[("attitude", "grumpy")]
        seen["grumpy"] = grumpy.currentText()
        # The PM says what "grumpy" means: focus the box and type, as on a keyboard.
        grumpy.setFocus()
        qtbot.keyClicks(grumpy, "Sk")
        seen["cy"] = dialog.model.index(2, 7).data()
        seen["button"] = dialog.import_button.text()
        seen["summary"] = dialog.summary.text()
        return True

    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.review_stakeholder_import", review
    )
    before = _count(page.controller.session)
    assert page.import_csv(source) == 3
    assert seen["statuses"] == ["OK", "OK", "OK", "Name “Dana Whitfield” is already in the project"]
    assert seen["grumpy"] == "— the default (Neutral) —"
    assert seen["cy"] == "grumpy → Skeptic"
    assert seen["button"] == "Import 3 Stakeholders"
    assert seen["summary"] == (
        "3 rows ready to import, 1 row with problems will be skipped; 2 values mapped, "
        "1 unmapped value set to the default."
    )
    cy = page.controller.session.scalars(select(Stakeholder).where(Stakeholder.name == "Cy Lam"))
    assert [(p.influence, p.interest, p.attitude) for p in cy] == [(7, 8, "skeptic")]
    assert _count(page.controller.session) == before + 3
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    assert _count(page.controller.session) == before
    page.controller.undo_stack.redo()
    assert _count(page.controller.session) == before + 3


def test_remapping_a_column_updates_the_preview(qtbot, page, tmp_path):
    source = tmp_path / "odd.csv"
    source.write_text("Who,Clout,Care\nAna,7,8\n", encoding="utf-8")
    from pmdesk.workspaces.stakeholders.io import ImportReview

    dialog = ImportPreviewDialog(ImportReview(page.controller.session, read_csv_file(source), "x"))
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "no column for “Name”, “Influence”, “Interest”" in dialog.summary.text()
    for key, column in (("name", 0), ("influence", 1), ("interest", 2)):
        box = dialog.mapping_boxes[key]
        box.setCurrentIndex(box.findData(column))
    assert dialog.import_button.isEnabled()
    assert dialog.summary.text() == "1 row ready to import."
    assert set(dialog.value_boxes) == {("influence", "7"), ("interest", "8")}


def test_cancelling_the_preview_imports_nothing(page, tmp_path, monkeypatch):
    source = tmp_path / "people.csv"
    source.write_text(CSV, encoding="utf-8")
    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.review_stakeholder_import", lambda *_args: False
    )
    before = _count(page.controller.session)
    assert page.import_csv(source) == 0
    assert _count(page.controller.session) == before
    assert page.controller.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "“bad.csv” is empty: there is nothing to import."),
        (b"\x00\x01\x02binary\x00", "“bad.csv” is not a CSV file: it holds binary data."),
    ],
)
def test_an_unreadable_file_is_explained_and_nothing_changes(
    page, tmp_path, monkeypatch, content, message
):
    source = tmp_path / "bad.csv"
    source.write_bytes(content)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.review_stakeholder_import",
        lambda *_a: pytest.fail("no preview"),
    )
    before = _count(page.controller.session)
    assert page.import_csv(source) == 0
    assert errors == [message]
    assert _count(page.controller.session) == before


def test_csv_export_holds_every_stakeholder(page, tmp_path):
    target = page.export_csv(tmp_path / "out")
    assert target.name == "out.csv"
    table = read_csv_file(target)
    assert len(table.rows) == _count(page.controller.session)
    assert table.headers[:3] == ["Name", "Title or role", "Department"]


@pytest.mark.parametrize("view", ["grid", "map"])
def test_pictures_are_written_as_png_and_svg(page, tmp_path, view):
    png = page.export_picture(view, "png", tmp_path / f"{view}.png")
    image = QImage(str(png))
    assert image.width() > 1500 and image.height() > 1000
    svg = page.export_picture(view, "svg", tmp_path / f"{view}.svg")
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert "FieldLoop" in text


def test_a_failed_picture_export_leaves_the_old_file(page, tmp_path, monkeypatch):
    folder = tmp_path / "pictures"
    folder.mkdir()
    target = folder / "grid.png"
    target.write_bytes(b"old picture")
    before = snapshot(target)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(QImage, "save", lambda *_args: False)
    assert page.export_picture("grid", "png", target) is None
    assert errors and "could not be written" in errors[0]
    assert snapshot(target) == before
    assert [p.name for p in folder.iterdir()] == ["grid.png"]  # no temporary file left
