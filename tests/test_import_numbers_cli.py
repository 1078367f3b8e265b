"""``pmdesk import`` reads a European file's numbers as meant, says how it read them, states
its assumption for a file that does not say, and takes ``--decimal`` to decide."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements.model import Requirement

FILES = Path(__file__).parent / "gui" / "files"


@pytest.fixture(autouse=True)
def own_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))


def _reach(project: Path, title: str) -> float | None:
    document = Document.open(project, read_only=True)
    try:
        found = document.session.query(Requirement).filter_by(title=title).one()
        return found.reach
    finally:
        document.close()


def test_a_european_file_on_the_command_line(sample_file, capsys):
    source = str(FILES / "european-requirements.csv")
    assert main(["import", str(sample_file), source, "--as", "requirements"]) == 0
    out = capsys.readouterr().out
    assert "  Numbers are read with a decimal comma (1.234,5 or 1 234,5), as the file writes" in out
    assert _reach(sample_file, "Offline job list") == 12500.0


def test_an_ambiguous_file_says_what_it_assumed_and_decimal_decides(sample_file, tmp_path, capsys):
    source = tmp_path / "ambiguous.csv"
    source.write_text('Title,Reach\nBattery saver,"1,000"\n', encoding="utf-8")
    assert main(["import", str(sample_file), str(source), "--as", "inputs"]) == 1  # no quote
    capsys.readouterr()
    assert main(["import", str(sample_file), str(source), "--as", "requirements"]) == 0
    out = capsys.readouterr().out
    assert "“1,000” could be a thousand or one: PM Desk assumes a decimal point" in out
    assert "  If that is wrong, import again with --decimal point or comma.\n" in out
    assert _reach(sample_file, "Battery saver") == 1000.0
    source.write_text('Title,Reach\nBattery saver 2,"1,000"\n', encoding="utf-8")
    args = ["import", str(sample_file), str(source), "--as", "requirements", "--decimal", "comma"]
    assert main(args) == 0
    assert "could be a thousand" not in capsys.readouterr().out
    assert _reach(sample_file, "Battery saver 2") == 1.0
