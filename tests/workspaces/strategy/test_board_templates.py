"""Board templates are data files; a malformed one is skipped and named, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmdesk.workspaces.strategy.board_templates import load_templates

REQUIRED = {
    "Lean Canvas",
    "Business Model Canvas",
    "Product Vision Board",
    "Go-to-Market canvas",
    "Whole Product canvas",
}


def test_the_bundled_templates_all_load():
    catalog = load_templates()
    assert catalog.problems == []
    assert {t.name for t in catalog.templates} >= REQUIRED


def test_the_go_to_market_canvas_has_the_blocks_the_issue_names():
    template = load_templates().get("go_to_market_canvas")
    assert template is not None
    titles = [block.title for block in template.blocks]
    assert titles == [
        "Segments",
        "Positioning",
        "Pricing",
        "Channels",
        "Launch plan",
        "Sales enablement",
        "Success metrics",
    ]


def test_the_whole_product_canvas_covers_sold_supported_financed_delivered():
    titles = " ".join(b.title for b in load_templates().get("whole_product_canvas").blocks)
    for word in ("sold", "supported", "financed", "delivered", "Finance needs", "Sales needs"):
        assert word in titles


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = json.dumps({"name": "Tiny", "blocks": [{"title": "Only", "row": 0, "column": 0}]})


def test_adding_a_template_is_adding_a_file(tmp_path):
    catalog = load_templates(_folder(tmp_path, {"tiny.json": GOOD, "notes.txt": "ignored"}))
    assert [(t.key, t.name) for t in catalog.templates] == [("tiny", "Tiny")]
    assert catalog.templates[0].blocks[0].row_span == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"name": "Broken", "blocks": [', "it is not valid JSON (Expecting value at line 1"),
        ("[1, 2]", "it must hold a JSON object"),
        ('{"blocks": [{"title": "A", "row": 0, "column": 0}]}', "“name” must be text"),
        ('{"name": "No blocks", "blocks": []}', "“blocks” must be a list with at least one"),
        ('{"name": "X", "blocks": [{"row": 0, "column": 0}]}', "block 1 needs a “title”"),
        (
            '{"name": "X", "blocks": [{"title": "A", "row": "top", "column": 0}]}',
            "“row” of block 1 (A) must be a whole number",
        ),
        (
            '{"name": "X", "blocks": [{"title": "A", "row": 0, "column": 0, "column_span": 2},'
            ' {"title": "B", "row": 0, "column": 1}]}',
            "blocks “A” and “B” overlap",
        ),
    ],
)
def test_a_malformed_template_is_skipped_and_named(tmp_path, text, problem):
    folder = _folder(tmp_path, {"broken.json": text, "tiny.json": GOOD})
    before = (folder / "broken.json").read_bytes()
    catalog = load_templates(folder)
    assert [t.name for t in catalog.templates] == ["Tiny"]  # the good one still loads
    assert len(catalog.problems) == 1
    assert catalog.problems[0].startswith("The board template broken.json was skipped: ")
    assert problem in catalog.problems[0]
    assert (folder / "broken.json").read_bytes() == before


def test_a_template_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "latin.json").write_bytes('{"name": "Caf\xe9"}'.encode("latin-1"))
    catalog = load_templates(tmp_path)
    assert catalog.templates == []
    assert catalog.problems[0].startswith("The board template latin.json cannot be read")


def test_a_missing_template_folder_is_a_problem_not_a_crash(tmp_path):
    catalog = load_templates(tmp_path / "nowhere")
    assert catalog.templates == []
    assert catalog.problems == ["The folder of board templates is missing."]
