"""The ``requirements`` key of ``pmdesk dump``/``load``, and ``pmdesk check``'s counts."""

from __future__ import annotations

import copy
import json

import pytest

from pmdesk.cli import main
from pmdesk.errors import InterchangeError
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document


@pytest.fixture
def blank():
    document = Document.new()
    yield document
    document.close()


def test_the_requirements_key_round_trips_byte_for_byte(sample_document, blank):
    first = dump_project(sample_document.session)
    assert {key: len(rows) for key, rows in first["requirements"].items()} == {
        "inputs": 27,
        "requirements": 16,
        "evidence": 24,
        "roadmap_links": 14,
    }
    load_project(blank.session, json.loads(to_text(first)), "the dump")
    assert to_text(dump_project(blank.session)) == to_text(first)


def test_the_sample_file_is_exactly_what_dump_prints(sample_document):
    from pmdesk.resources import resource

    stored = resource("sample", "requirements.json").read_text(encoding="utf-8")
    dumped = json.dumps(
        dump_project(sample_document.session)["requirements"],
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    assert stored == dumped + "\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["requirements"]["evidence"][0].__setitem__(
                "requirement_id", "00000000-0000-4000-8000-000000000000"
            ),
            "requirements.evidence[0].requirement_id refers to "
            "00000000-0000-4000-8000-000000000000, which is not there",
        ),
        (
            lambda d: d["requirements"]["requirements"][0].__setitem__("effort", "lots"),
            "requirements.requirements[0].effort must be a number, not text",
        ),
        (
            lambda d: d["requirements"]["inputs"][0].__setitem__("received_on", "yesterday"),
            "requirements.inputs[0].received_on must be a date like 2026-01-31, not text",
        ),
    ],
)
def test_load_refuses_broken_requirements_data_and_changes_nothing(
    sample_document, change, message
):
    data = copy.deepcopy(sample_data())
    change(data)
    before = to_text(dump_project(sample_document.session))
    with pytest.raises(InterchangeError) as error:
        load_project(sample_document.session, data, "x.json")
    assert message in str(error.value)
    assert to_text(dump_project(sample_document.session)) == before


def test_check_counts_inputs_requirements_and_links(tmp_path, capsys):
    target = tmp_path / "demo.pmdb"
    assert main(["demo", str(target)]) == 0
    capsys.readouterr()
    assert main(["check", str(target)]) == 0
    lines = {
        " ".join(line.split()[:-1]): line.split()[-1]
        for line in capsys.readouterr().out.splitlines()
    }
    assert lines["customer inputs"] == "27"
    assert lines["requirements"] == "16"
    assert lines["input-requirement links"] == "24"
    assert lines["requirement-roadmap links"] == "14"
