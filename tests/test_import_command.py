"""``pmdesk import``: the app's import on the command line. Every good row goes in and the
project is saved (exit 0), or nothing changes and one sentence says why (exit 1)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements.model import Requirement
from tests.support import snapshot

EXPORTS = Path(__file__).parent / "interchange" / "exports"


@pytest.fixture(autouse=True)
def own_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))


def _requirements(project: Path) -> dict[str, Requirement]:
    document = Document.open(project, read_only=True)
    try:
        rows = document.session.query(Requirement).all()
        return {row.reference: (row.title, row.status, row.moscow, row.tags) for row in rows}
    finally:
        document.close()


def _refused(capsys, project: Path, *args: str) -> str:
    before = snapshot(project)
    assert main(["import", str(project), *args]) == 1
    assert snapshot(project) == before  # nothing written
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1  # one sentence, no traceback
    return captured.err.removeprefix("pmdesk: ").strip()


def test_a_french_jira_export_comes_in_and_again_updates_instead_of_adding(sample_file, capsys):
    before = _requirements(sample_file)
    source = str(EXPORTS / "jira_fr.csv")
    assert main(["import", str(sample_file), source, "--as", "requirements"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 40 requirements from “jira_fr.csv” into “sample.pmdb”.\n")
    assert "  Values mapped: 80; unmapped, set to the default: 0; rows skipped: 0.\n" in out
    assert "    Status: Terminé → Shipped ×15\n" in out
    after = _requirements(sample_file)
    assert len(after) == len(before) + 40
    assert after["TER-101"][1:3] == ("in_roadmap", "should")  # Bloqué, Moyenne
    assert "type:Epic" in after["TER-101"][3]
    assert main(["import", str(sample_file), source, "--as", "requirements"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 0 requirements and updated 40 (same key) from")
    assert len(_requirements(sample_file)) == len(before) + 40


def test_a_mapping_file_chooses_columns_and_values(sample_file, tmp_path, capsys):
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps({"columns": {"owner": "Creator"}, "values": {"status": {"Triage": "accepted"}}}),
        encoding="utf-8",
    )
    source = str(EXPORTS / "linear.csv")
    args = ["import", str(sample_file), source, "--as", "requirements", "--map", str(mapping)]
    assert main(args) == 0
    assert "    Status: Triage → Accepted ×1\n" in capsys.readouterr().out
    assert _requirements(sample_file)["ENG-200"][1] == "accepted"


def test_stakeholders_and_a_feature_matrix(sample_file, capsys):
    register = str(EXPORTS / "register_first_last.csv")
    assert main(["import", str(sample_file), register, "--as", "stakeholders"]) == 0
    assert capsys.readouterr().out.startswith("Imported 31 stakeholders from")
    matrix = str(EXPORTS / "feature_matrix.csv")
    assert main(["import", str(sample_file), matrix, "--as", "competition"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 31 criteria from “feature_matrix.csv”")
    assert "    Yes / no ratings: ✓ → Yes ×15\n" in out


# -- bad input: the message, and the project untouched ------------------------------------------


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "brief.docx",
            None,
            "“brief.docx” is a Word document, which PM Desk cannot import as requirements; "
            "copy its table into a spreadsheet and save that as CSV.",
        ),
        (
            "plan.gan",
            b'<?xml version="1.0"?>\n<project name="Plan" webLink="http://" view-date="2026">',
            "“plan.gan” is a GanttProject plan, which PM Desk cannot import as requirements; "
            "export CSV from the tool that made it.",
        ),
        (
            "report.pdf",
            b"%PDF-1.7\n...",
            "“report.pdf” is a PDF document, which PM Desk cannot import as requirements; "
            "export the table from the tool that made it as CSV.",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "“old.xls” is an older Excel workbook (.xls), which PM Desk cannot import as "
            "requirements; save it as .xlsx or CSV.",
        ),
    ],
)
def test_a_file_of_a_kind_pm_desk_does_not_import_is_named(
    sample_file, tmp_path, capsys, name, content, message
):
    source = tmp_path / name
    if content is None:
        _docx(source)
    else:
        source.write_bytes(content)
    assert _refused(capsys, sample_file, str(source), "--as", "requirements") == message


def _workbook(path: Path, sheets: dict[str, list[list[object]]], merge: str = "") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_workbook_with_several_sheets_needs_one_chosen(sample_file, tmp_path, capsys):
    rows = [["Summary", "Issue key", "Priority"], ["Offline", "XL-1", "Highest"]]
    source = _workbook(tmp_path / "issues.xlsx", {"Issues": rows, "Notes": [["a"], ["b"]]})
    message = _refused(capsys, sample_file, str(source), "--as", "requirements")
    assert message == (
        "“issues.xlsx” has 2 sheets with data (“Issues”, “Notes”); choose the one to import. "
        "Name it with --sheet."
    )
    args = [str(source), "--as", "requirements", "--sheet", "Issues"]
    assert main(["import", str(sample_file), *args]) == 0
    assert "Imported 1 requirement from “issues.xlsx”" in capsys.readouterr().out
    assert _requirements(sample_file)["XL-1"][2] == "must"


def test_merged_header_cells_are_refused(sample_file, tmp_path, capsys):
    rows = [["Feature", "", "Acme"], ["SSO", "", "Y"]]
    source = _workbook(tmp_path / "matrix.xlsx", {"Matrix": rows}, merge="A1:B1")
    assert _refused(capsys, sample_file, str(source), "--as", "competition") == (
        "The sheet “Matrix” of “matrix.xlsx” has merged cells in its header row (A1:B1); "
        "unmerge them so that every column has its own name."
    )


def test_a_file_whose_every_value_is_unmappable_imports_nothing(sample_file, tmp_path, capsys):
    source = tmp_path / "odd.csv"
    source.write_text("Summary,Status\nA,Zorp\nB,Blix\nC,Zorp\n", encoding="utf-8")
    assert _refused(capsys, sample_file, str(source), "--as", "requirements") == (
        "Nothing was imported from “odd.csv”: none of the values of its Status column (“Zorp”, "
        "“Blix”…) means anything PM Desk knows. Map them with --map, or choose another column."
    )


def test_a_mapping_file_naming_missing_columns_is_refused(sample_file, tmp_path, capsys):
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"columns": {"title": "Titre", "owner": "Qui"}}), "utf-8")
    source = str(EXPORTS / "linear.csv")
    message = _refused(capsys, sample_file, source, "--as", "requirements", "--map", str(mapping))
    assert message == (
        "“map.json” names columns the file does not have: “Titre” (for title), “Qui” (for owner)."
    )


def test_a_mapping_file_that_is_not_json_is_refused(sample_file, tmp_path, capsys):
    mapping = tmp_path / "map.json"
    mapping.write_text("{columns:", "utf-8")
    source = str(EXPORTS / "linear.csv")
    message = _refused(capsys, sample_file, source, "--as", "requirements", "--map", str(mapping))
    assert message.startswith("“map.json” is not a JSON mapping file (")


def test_a_gantt_project_plan_into_the_roadmap_and_a_cycle_refused(sample_file, tmp_path, capsys):
    from tests.workspaces.roadmap.test_io_plans import GAN, _mspdi, _task

    plan = tmp_path / "field.gan"
    plan.write_text(GAN, encoding="utf-8")
    assert main(["import", str(sample_file), str(plan), "--as", "roadmap"]) == 0
    assert capsys.readouterr().out.startswith(
        "Imported 3 roadmap items in 2 new lanes, with 1 dependency, from “field.gan” into "
        "“sample.pmdb”."
    )
    loop = "<PredecessorLink><PredecessorUID>{}</PredecessorUID></PredecessorLink>"
    bad = tmp_path / "loop.xml"
    bad.write_text(
        _mspdi(
            _task(1, "Design", "2026-01-05", "2026-01-09", loop.format(2))
            + _task(2, "Build", "2026-01-12", "2026-01-16", loop.format(1))
        ),
        encoding="utf-8",
    )
    assert _refused(capsys, sample_file, str(bad), "--as", "roadmap") == (
        "“loop.xml” has dependencies that go round in a loop: “Build” → “Design” → “Build”."
    )
