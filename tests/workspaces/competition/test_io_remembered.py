"""The matrix import remembers the PM's yes/no choices for the next file of the same kind, in
the same store as the requirements and stakeholder imports."""

from __future__ import annotations

import pytest

from pmdesk.interchange import remembered
from pmdesk.interchange.csv_table import read_csv_bytes
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import io as matrix_csv

TEXT = b",Acme,Globex\nSSO,Y,sort of\nAudit log,N,Y\n"


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    """A store of remembered choices of this test's own (it lives in the data folder)."""
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _preview(session, recall: bool = True):
    return matrix_csv.preview_matrix(session, read_csv_bytes(TEXT, "m.csv"), recall=recall)


def test_a_word_mapped_by_hand_is_mapped_so_next_time(session):
    first = _preview(session)
    assert first.rows[0].values == {"Acme": "yes"}  # "sort of" means nothing yet
    first.choose_value("rating", "sort of", "partial")
    first.remember()
    assert remembered.recall("competition", "csv")["values"] == {"rating": {"sort of": "partial"}}
    again = _preview(session)
    assert again.rows[0].values == {"Acme": "yes", "Globex": "partial"}
    assert _preview(session, recall=False).rows[0].values == {"Acme": "yes"}


def test_the_dialog_remembers_when_the_pm_imports_and_not_when_they_cancel(qtbot, session):
    from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog

    preview = _preview(session)
    dialog = MatrixImportDialog(preview)
    qtbot.addWidget(dialog)
    dialog.values.boxes[("rating", "sort of")].setCurrentIndex(
        dialog.values.boxes[("rating", "sort of")].findData("no")
    )
    dialog.reject()
    assert _preview(session).rows[0].values == {"Acme": "yes"}
    dialog = MatrixImportDialog(_preview(session))
    qtbot.addWidget(dialog)
    box = dialog.values.boxes[("rating", "sort of")]
    box.setCurrentIndex(box.findData("no"))
    dialog.accept()
    assert _preview(session).rows[0].values == {"Acme": "yes", "Globex": "no"}
