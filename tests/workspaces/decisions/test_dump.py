"""The ``decisions`` key of ``pmdesk dump``/``load``, ``pmdesk check``'s counts, and bad files."""

from __future__ import annotations

import copy
import json

import pytest

from pmdesk.cli import main
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.resources import resource
from pmdesk.store.document import Document
from tests.support import snapshot

MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def blank():
    document = Document.new()
    yield document
    document.close()


def test_the_decisions_key_round_trips_byte_for_byte(sample_document, blank):
    first = dump_project(sample_document.session)
    assert {key: len(rows) for key, rows in first["decisions"].items()} == {
        "decisions": 10,
        "roadmap_links": 18,
        "requirement_links": 6,
        "competitor_links": 4,
        "stakeholder_links": 12,
        "goal_links": 5,
    }
    load_project(blank.session, json.loads(to_text(first)), "the dump")
    assert to_text(dump_project(blank.session)) == to_text(first)


def test_the_sample_file_is_exactly_what_dump_prints(sample_document):
    stored = resource("sample", "decisions.json").read_text(encoding="utf-8")
    dumped = json.dumps(
        dump_project(sample_document.session)["decisions"],
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    assert stored == dumped + "\n"


def test_check_counts_the_log_and_its_links(sample_file, capsys):
    assert main(["check", str(sample_file)]) == 0
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("    ")
    }
    assert lines["decisions"] == "10"
    assert lines["decision-roadmap links"] == "18"
    assert lines["decision-stakeholder links"] == "12"
    assert lines["decision-goal links"] == "5"


def _first(data, sub: str, question: str | None = None) -> dict:
    rows = data["decisions"][sub]
    if question is None:
        return rows[0]
    return next(row for row in rows if row["question"] == question)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: _first(
                d, "decisions", "How do we price FieldLoop from the new fiscal year?"
            ).__setitem__("revisit_on", "2026-01-01"),
            "is refused: The revisit date 2026-01-01 is before the decision's date 2026-09-22",
        ),
        (
            lambda d: _first(d, "roadmap_links").__setitem__("record_id", MISSING),
            f"decisions.roadmap_links[0].record_id refers to {MISSING}, which is not there",
        ),
        (
            lambda d: _first(d, "stakeholder_links").__setitem__("decision_id", MISSING),
            f"decisions.stakeholder_links[0].decision_id refers to {MISSING}, which is not there",
        ),
        (
            lambda d: _first(d, "decisions").__setitem__("status", "maybe"),
            "is refused: The status must be one of proposed, decided, revisited, reversed",
        ),
        (
            lambda d: _first(d, "decisions").__setitem__("question", ""),
            "is refused: A decision needs its question",
        ),
        (
            lambda d: _first(d, "decisions").__setitem__("decided_on", None),
            "decisions.decisions[0].decided_on must not be empty",
        ),
    ],
)
def test_a_bad_decision_in_a_file_is_named_and_nothing_is_written(
    tmp_path, capsys, change, message
):
    data = copy.deepcopy(sample_data())
    change(data)
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "out.pmdb"
    assert main(["load", str(source), str(target)]) == 1
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_loading_a_bad_file_over_a_project_leaves_it_as_it_was(tmp_path, sample_file, capsys):
    data = copy.deepcopy(sample_data())
    _first(data, "roadmap_links")["record_id"] = MISSING
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(sample_file)
    assert main(["load", str(source), str(sample_file), "--force"]) == 1
    assert "which is not there" in capsys.readouterr().err
    assert snapshot(sample_file) == before


def test_a_dump_without_decisions_is_refused_by_name(tmp_path, capsys):
    data = copy.deepcopy(sample_data())
    del data["decisions"]
    source = tmp_path / "old.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert main(["load", str(source), str(tmp_path / "out.pmdb")]) == 1
    assert "decisions is missing" in capsys.readouterr().err
