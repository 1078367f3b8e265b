"""A 100 MB project opens, saves and checks like a small one."""

from __future__ import annotations

import sqlite3
import uuid

from pmdesk.cli import main
from pmdesk.domain.project import get_project, set_field
from pmdesk.store.document import Document

NOTE = ("Quarterly review notes. " * 4400)[:100_000]  # about 100 kB of text per stakeholder


def _grow_to_100_mb(path) -> None:
    connection = sqlite3.connect(path)
    rows = [
        (str(uuid.uuid4()), f"Stakeholder {number}", f"{NOTE}{number}") for number in range(1_000)
    ]
    connection.executemany(
        "INSERT INTO stakeholders (id, created_at, updated_at, name, role, department, external,"
        " influence, interest, attitude, needs, deliverables, strategy_override, channel, cadence,"
        " owner, notes, tags) VALUES (?, '2026-11-01 09:00:00', '2026-11-01 09:00:00', ?, '', '',"
        " 0, 5, 5, 'neutral', '', '', '', '', '', '', ?, '')",
        rows,
    )
    connection.commit()
    connection.close()


def test_a_100_mb_project_opens_saves_and_checks(sample_file, capsys):
    _grow_to_100_mb(sample_file)
    assert sample_file.stat().st_size > 100_000_000
    document = Document.open(sample_file)
    try:
        set_field(document.session, "vision", "Still fine at 100 MB")
        document.save()
    finally:
        document.close()
    assert main(["check", str(sample_file)]) == 0
    report = capsys.readouterr().out
    assert "a valid PM Desk project" in report
    stakeholders = next(
        line for line in report.splitlines() if line.split()[:1] == ["stakeholders"]
    )
    assert int(stakeholders.split()[-1].replace(",", "")) >= 1_000
    reopened = Document.open(sample_file, read_only=True)
    try:
        assert get_project(reopened.session).vision == "Still fine at 100 MB"
    finally:
        reopened.close()
