"""The FieldLoop sample's strategy: complete enough to present, and a clean dump/load trip."""

from __future__ import annotations

import json
from collections import Counter

from pmdesk import registry
from pmdesk.interchange.project_json import dump_project, load_project
from pmdesk.resources import resource
from pmdesk.store.document import Document
from pmdesk.workspaces.strategy import boards, canvas


def sample_with_every_key() -> dict:
    """The bundled sample; a workspace whose sample file is not written yet counts as empty."""
    data = json.loads(resource("sample", "project.json").read_text(encoding="utf-8"))
    for key, group in registry.workspace_records().items():
        source = resource("sample", f"{key}.json")
        found = json.loads(source.read_text(encoding="utf-8")) if source.is_file() else {}
        data[key] = {sub: found.get(sub, []) for sub in group}
    return data


def test_the_sample_strategy_loads_and_dumps_to_the_same_json():
    data = sample_with_every_key()
    document = Document.new()
    try:
        load_project(document.session, data, "the sample")
        dumped = dump_project(document.session)
        assert dumped["strategy"] == data["strategy"]
        reloaded = Document.new()
        try:
            load_project(reloaded.session, dumped, "the dump")
            assert dump_project(reloaded.session) == dumped
        finally:
            reloaded.close()
    finally:
        document.close()


def test_the_sample_canvas_has_us_three_rivals_a_future_and_a_full_errc_grid():
    document = Document.new()
    try:
        load_project(document.session, sample_with_every_key(), "the sample")
        loaded = canvas.load_canvas(document.session)
        assert 8 <= len(loaded.factors) <= 10
        assert Counter(c.role for c in loaded.curves) == {"today": 1, "competitor": 3, "future": 1}
        actions = Counter(f.action for f in loaded.factors)
        assert {"eliminate", "reduce", "raise", "create"} <= set(actions)
        created = next(i for i, f in enumerate(loaded.factors) if f.action == "create")
        rivals = [c for c in loaded.curves if c.role == "competitor"]
        assert all(c.levels[created] == 0 for c in rivals)

        names = dict((name, board_id) for board_id, name in boards.list_boards(document.session))
        templates = {boards.load_board(document.session, b).template for b in names.values()}
        assert templates >= {"lean_canvas", "go_to_market_canvas", "whole_product_canvas"}
        for board_id in names.values():
            view = boards.load_board(document.session, board_id)
            assert all(block.notes for block in view.blocks), view.name  # every block filled
    finally:
        document.close()
