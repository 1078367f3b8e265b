"""Exporting the Word briefing: the sample project, and the sample scaled 50 times.

The baseline is the same amount of plain work done in the same run: a python-docx document with
as many paragraphs, table cells and pictures as the briefing, each picture a simple matplotlib
figure of the same size saved at the same resolution. The ratio is what PM Desk adds (queries,
layout, styling, the real charts); the absolute times are checked against the issue's targets.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks import Result, best_of, ratio_result, time_result

MAX_RATIO = 3.0  # the real export may cost at most this much more than the plain document
MAX_SCALE_RATIO = 2.0  # a 50x project's export against the sample's, same run (the issue's)


def cases() -> Iterator[Result]:
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-briefing-") as folder:
        exports: dict[int, float] = {}
        for scale, seconds, repeat in ((1, 3.0, 3), (50, 8.0, 2)):
            target = Path(folder) / f"briefing-{scale}.docx"
            project = Path(folder) / f"project-{scale}.pmdb"
            measured = _export(scale, target, project, repeat)
            exports[scale] = measured
            shape = _shape(target)

            def plain(shape: dict = shape, project: Path = project) -> None:
                _read_every_row(project)
                _plain_document(shape, folder)

            baseline = best_of(plain, repeat)
            label = "the sample" if scale == 1 else f"a --scale {scale} project"
            described = (
                f"sqlite3 read of every row + plain python-docx: {shape['paragraphs']} "
                f"paragraphs, {shape['cells']} cells, {len(shape['pictures'])} simple figures"
            )
            yield ratio_result(
                f"briefing: export {label}", measured, described, baseline, MAX_RATIO
            )
            yield time_result(
                f"briefing: export {label} (absolute)",
                measured,
                described,
                baseline,
                seconds * 1000,
            )
        # Every section stays summarised at any size, so a 50x project costs about what the
        # sample does.
        yield ratio_result(
            "briefing: export a --scale 50 project against the sample",
            exports[50],
            "the sample's own export, measured in the same run",
            exports[1],
            MAX_SCALE_RATIO,
        )


def _export(scale: int, target: Path, project: Path, repeat: int) -> float:
    """The fastest of ``repeat`` exports of the sample's own briefing, after one warm-up."""
    from pmdesk.briefing.exporter import BriefingSettings, export_briefing
    from pmdesk.briefing.model import list_briefings
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document

    document = Document.new()
    try:
        load_project(document.session, sample_data(scale), "the sample")
        document.save(project)  # for the baseline's plain read
        settings = BriefingSettings.of(list_briefings(document.session)[0])

        def export() -> None:
            export_briefing(document.session, target, settings)

        export()  # warm up: imports, the font cache
        return best_of(export, repeat)
    finally:
        document.close()


def _shape(path: Path) -> dict:
    """How much a written briefing holds: paragraphs, table cells, and each picture's size."""
    import docx

    document = docx.Document(str(path))
    pictures = [(shape.width.inches, shape.height.inches) for shape in document.inline_shapes]
    cells = sum(len(table.rows) * len(table.columns) for table in document.tables)
    return {"paragraphs": len(document.paragraphs), "cells": cells, "pictures": pictures}


def _read_every_row(project: Path) -> None:
    """What any report on the project must at least do: read all its rows, plainly."""
    connection = sqlite3.connect(project)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            connection.execute(f'SELECT * FROM "{table}"').fetchall()
    finally:
        connection.close()


def _plain_document(shape: dict, folder: str) -> None:
    import docx
    from docx.shared import Inches
    from matplotlib.figure import Figure

    document = docx.Document()
    for number in range(shape["paragraphs"]):
        document.add_paragraph(f"Paragraph {number} of a plain document of the same size.")
    columns = 6
    rows = max(1, shape["cells"] // columns)
    table = document.add_table(rows=rows, cols=columns)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "cell"
    for width, height in shape["pictures"]:
        figure = Figure(figsize=(width, height))
        axes = figure.add_subplot()
        axes.plot(range(20), [value * value for value in range(20)])
        axes.set_title("A simple figure")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=200)
        document.add_picture(io.BytesIO(buffer.getvalue()), width=Inches(width))
    document.save(str(Path(folder) / "plain.docx"))
