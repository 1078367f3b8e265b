"""Export stays bounded whatever the file holds: texts as long as the rules allow and a roadmap
item spanning the years 500 to 9500 export in a subprocess (the timeout only guards against a
hang), and the document says what the timeline left out."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from sqlalchemy import String, Text

from pmdesk import registry
from pmdesk.domain.allowed import TEXT_MAX
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document

FREE_TEXT = ("name", "title", "notes", "description", "quote", "text", "summary", "label")
HANG_GUARD_SECONDS = 900  # far beyond any export: only a hang reaches it


def _extreme_data() -> dict:
    """The sample with its first records' free texts as long as a column allows, and one
    roadmap item from the year 500 to 9500."""
    data = copy.deepcopy(sample_data())
    for key, group in registry.workspace_records().items():
        for sub, model in group.items():
            for row in data.get(key, {}).get(sub, [])[:2]:
                for column in model.__table__.c:
                    if column.name not in FREE_TEXT or column.info or column.name not in row:
                        continue
                    if isinstance(column.type, String | Text) and isinstance(row[column.name], str):
                        size = column.type.length or TEXT_MAX
                        row[column.name] = ("Wide text " * size)[:size]
    spanning = next(
        item
        for item in data["roadmap"]["items"]
        if item["start"] and item["end"] and item["start"] != item["end"]
    )
    spanning["start"], spanning["end"] = "0500-01-01", "9500-12-31"
    spanning["title"] = "Millennium platform"
    return data


@pytest.fixture(scope="module")
def extreme_export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extreme")
    document = Document.new()
    try:
        load_project(document.session, _extreme_data(), "an extreme project")
        project = document.save(folder / "extreme.pmdb")
    finally:
        document.close()
    target = folder / "extreme.docx"
    finished = subprocess.run(
        [sys.executable, "-m", "pmdesk", "export", str(project), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return target


def test_a_plan_spanning_nine_thousand_years_is_drawn_over_a_few_and_says_so(extreme_export):
    text = "\n".join(p.text for p in docx.Document(str(extreme_export)).paragraphs)
    assert "the plan reaches from 500 to 9500" in text
    assert "1 item (“Millennium platform”) continues past its edges" in text


def test_texts_as_long_as_allowed_are_cut_in_the_pictures(extreme_export):
    document = docx.Document(str(extreme_export))
    shapes = document.inline_shapes
    assert len(shapes) >= 3
    for shape in shapes:
        described = shape._inline.docPr.get("descr", "")
        assert len(described) < 5_000  # a picture's description names, never quotes whole texts


def test_a_label_longer_than_a_chart_holds_is_cut_with_an_ellipsis():
    from matplotlib.figure import Figure

    from pmdesk.export.writer import CHART_LABEL_MAX, cut_long_labels

    figure = Figure()
    axes = figure.add_subplot()
    axes.text(0, 0, "word " * 40_000)
    axes.set_xlabel("short")
    cut_long_labels(figure)
    label = axes.texts[0].get_text()
    assert len(label) <= CHART_LABEL_MAX and label.endswith("…")
    assert axes.xaxis.label.get_text() == "short"
