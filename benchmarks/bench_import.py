"""Importing a 50,000-row tracker export, value mapping included.

Measured: reading the file (kind detection, encoding, separator), guessing the columns, mapping
every status and priority word through the vocabularies, checking every row, and inserting the
requirements into a project in one transaction. Baseline, in the same run: the same file read
with the ``csv`` module and its rows inserted with plain ``sqlite3`` ``executemany``.
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Result, best_of, ratio_result

ROWS = 50_000
HEADERS = [
    "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Assignee",
    "Labels", "Labels", "Sprint", "Description",
]  # fmt: skip
STATUSES = ("À faire", "En cours", "Terminé", "To Do", "In Progress", "Done", "Won't Do")
PRIORITIES = ("Highest", "High", "Medium", "Low", "Moyenne", "Haute", "Basse")


def write_export(path: Path, rows: int = ROWS) -> None:
    """A Jira-shaped export of ``rows`` issues, words in English and French."""
    pick = random.Random(14).choice
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n in range(rows):
        writer.writerow(
            [
                f"Issue number {n} about {pick(('offline', 'billing', 'routes'))}",
                f"BIG-{n + 1}",
                str(100_000 + n),
                pick(("Story", "Bug", "Task")),
                pick(STATUSES),
                pick(PRIORITIES),
                pick(("Sam Novak", "Léa Martin", "")),
                pick(("mobile", "ux", "")),
                pick(("field", "")),
                f"Sprint {n % 20}",
                "h2. Context\nThe *crew* needs it.",
            ]
        )
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")


def import_with_pm_desk(path: Path) -> int:
    from pmdesk.store.document import Document
    from pmdesk.workspaces.requirements import io as rcsv

    document = Document.new()
    try:
        table = rcsv.read_table(path)
        review = rcsv.ImportReview(document.session, table, path.name, "requirements", recall=False)
        return len(rcsv.import_rows(document.session, "requirements", review.rows_to_create()))
    finally:
        document.close()


def import_with_csv_and_sqlite(path: Path, folder: Path) -> int:
    target = folder / "baseline.sqlite"
    target.unlink(missing_ok=True)
    connection = sqlite3.connect(target)
    try:
        columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADERS)))
        connection.execute(f"CREATE TABLE issues ({columns})")
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            next(reader)
            marks = ", ".join("?" * len(HEADERS))
            connection.executemany(f"INSERT INTO issues VALUES ({marks})", reader)
        connection.commit()
        return connection.execute("SELECT count(*) FROM issues").fetchone()[0]
    finally:
        connection.close()


def cases() -> Iterator[Result]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "jira-50000.csv"
        write_export(source)
        assert import_with_pm_desk(source) == ROWS  # every row comes in, none skipped
        measured = best_of(lambda: import_with_pm_desk(source), repeat=3)
        baseline = best_of(lambda: import_with_csv_and_sqlite(source, folder), repeat=3)
        yield ratio_result(
            "import 50,000 tracker rows, value-mapped",
            measured,
            "csv module + sqlite3 executemany",
            baseline,
            3,
        )
