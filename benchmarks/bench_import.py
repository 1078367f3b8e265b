"""Importing a 50,000-row tracker export, value mapping included.

Measured: reading the file (kind detection, encoding, separator), guessing the columns, mapping
every status and priority word through the vocabularies, checking every row, and inserting the
requirements into a project in one transaction. Baseline, in the same run: the same file read
with the ``csv`` module and its rows inserted with plain ``sqlite3`` ``executemany``.

Again: the same tracker's export a week later, every row an update of the requirement it
made (half of them renamed), against the first import; and the undo of those updates.

Undo: taking that import back (as the undo step does: a removal of every imported id, with what
depends on them) against the import itself; and the same for a 5,000-criterion competitive
matrix import, whose undo once grew faster than the import (5,000 rows: 20 s).
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
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


def import_with_pm_desk(path: Path, undo_times: list[float] | None = None) -> int:
    """Import ``path`` as requirements into a new project; with ``undo_times``, also take the
    import back as its undo step does and add how long that took."""
    from pmdesk.domain import records
    from pmdesk.store.document import Document
    from pmdesk.workspaces.requirements import io as rcsv
    from pmdesk.workspaces.requirements.model import Requirement

    document = Document.new()
    try:
        table = rcsv.read_table(path)
        review = rcsv.ImportReview(document.session, table, path.name, "requirements", recall=False)
        ids = rcsv.import_rows(document.session, "requirements", review.rows_to_create())
        if undo_times is not None:
            started = time.perf_counter()
            records.delete(document.session, Requirement, ids)
            undo_times.append(time.perf_counter() - started)
        return len(ids)
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
        undone: list[float] = []
        import_with_pm_desk(source, undone)
        import_with_pm_desk(source, undone)
        yield ratio_result(
            "undo of that import (50,000 rows)", min(undone), "the import itself", measured, 1.5
        )
        yield from _import_again(folder, source)
        yield from _matrix_import_and_undo(folder)


def _import_again(folder: Path, source: Path) -> Iterator[Result]:
    """The same tracker's export imported again a week later: every issue is a requirement
    already (its key matches), half of them renamed since. Each of the 50,000 rows updates its
    requirement, against the first import of the file; then the undo of those updates.

    An update reads what each requirement holds (for its undo, and to leave an unchanged one
    alone) before it writes, which a first import need not: within 5x of it, not 3x."""
    from pmdesk.domain import records
    from pmdesk.store.document import Document
    from pmdesk.workspaces.requirements import io as rcsv
    from pmdesk.workspaces.requirements.model import Requirement

    later = folder / "jira-50000-later.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    later.write_text(
        "".join(
            line.replace("Issue number", "Renamed issue", 1) if n % 2 else line
            for n, line in enumerate(lines)
        ),
        encoding="utf-8",
    )
    firsts, agains, undos = [], [], []
    for _ in range(2):
        document = Document.new()
        try:
            session = document.session
            started = time.perf_counter()
            first = rcsv.ImportReview(
                session, rcsv.read_table(source), source.name, "requirements", recall=False
            )
            rcsv.import_rows(session, "requirements", first.rows_to_create())
            firsts.append(time.perf_counter() - started)
            started = time.perf_counter()
            again = rcsv.ImportReview(
                session,
                rcsv.read_table(later),
                later.name,
                "requirements",
                recall=False,
                update_existing=True,
            )
            changes = again.rows_to_update()
            assert len(changes) == ROWS and not again.rows_to_create()
            before = rcsv.update_rows(session, changes)
            agains.append(time.perf_counter() - started)
            started = time.perf_counter()
            records.set_many(  # as the import's undo step does
                session, Requirement, [(i, b) for (i, _v), b in zip(changes, before, strict=True)]
            )
            undos.append(time.perf_counter() - started)
        finally:
            document.close()
    yield ratio_result(
        "import that export again (50,000 updates)",
        min(agains),
        "its first import",
        min(firsts),
        5,
    )
    yield ratio_result("undo of those updates", min(undos), "the import again", min(agains), 1.5)


MATRIX_ROWS = 5_000
MATRIX_RIVALS = ("FieldLoop", "ServicePeak", "Jobwise", "Tasktrack")


def _matrix_import_and_undo(folder: Path) -> Iterator[Result]:
    """A 5,000-criterion matrix file (new criteria in 50 new categories, four competitors
    rated) imported into a new project, then its undo."""
    from pmdesk.store.document import Document
    from pmdesk.workspaces.competition import edit
    from pmdesk.workspaces.competition import io as matrix_csv

    source = folder / "matrix-5000.csv"
    lines = ["Category,Criterion,Kind,Weight," + ",".join(MATRIX_RIVALS)]
    for n in range(MATRIX_ROWS):
        scores = ",".join(str((n + k) % 6) for k in range(len(MATRIX_RIVALS)))
        lines.append(f"Area {n % 50},Criterion {n},score,{1 + n % 3},{scores}")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imports: list[float] = []
    undos: list[float] = []
    for _ in range(2):
        document = Document.new()
        try:
            session = document.session
            for name in MATRIX_RIVALS:
                edit.add_competitor(session, name)
            started = time.perf_counter()
            preview = matrix_csv.preview_matrix(session, matrix_csv.read_matrix_csv(source))
            done = matrix_csv.apply_import(session, preview)
            imports.append(time.perf_counter() - started)
            started = time.perf_counter()
            matrix_csv.undo_import(session, done)
            undos.append(time.perf_counter() - started)
        finally:
            document.close()
    yield ratio_result(
        "undo of a 5,000-criterion matrix import",
        min(undos),
        "the import itself",
        min(imports),
        1.5,
    )
