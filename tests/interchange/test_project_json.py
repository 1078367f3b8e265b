"""The JSON dump is stable and complete; load refuses bad data, naming the field."""

from __future__ import annotations

import copy
import json

import pytest

from pmdesk.errors import InterchangeError
from pmdesk.interchange.project_json import (
    OPTIONAL_KEYS,
    TOP_LEVEL_KEYS,
    dump_project,
    load_project,
    to_text,
)
from pmdesk.interchange.sample import sample_data, scaled
from pmdesk.store.document import Document


@pytest.fixture
def blank():
    document = Document.new()
    yield document
    document.close()


def test_dump_has_every_top_level_key_sorted_and_stable(sample_document):
    text = to_text(dump_project(sample_document.session))
    data = json.loads(text)
    assert list(data) == sorted((*TOP_LEVEL_KEYS, *OPTIONAL_KEYS))
    assert data["project"]["name"] == "FieldLoop"
    assert to_text(dump_project(sample_document.session)) == text


def test_dump_load_dump_is_byte_identical(sample_document, blank):
    first = to_text(dump_project(sample_document.session))
    load_project(blank.session, json.loads(first), "the dump")
    assert to_text(dump_project(blank.session)) == first


def _sample_with(change) -> dict:
    data = copy.deepcopy(sample_data())
    change(data)
    return data


BAD = [
    (
        lambda d: d["project"].__setitem__("name", 42),
        "In x.json, project.name must be text, not a number.",
    ),
    (
        lambda d: d["project"].pop("vision"),
        "In x.json, project.vision is missing.",
    ),
    (
        lambda d: d.pop("roadmap"),
        "In x.json, roadmap is missing.",
    ),
    (
        lambda d: d["project"].__setitem__("id", "not-a-uuid"),
        "In x.json, project.id must be a UUID, not text.",
    ),
    (
        lambda d: d["project"].__setitem__("created_at", "last tuesday"),
        "In x.json, project.created_at must be a UTC time like 2026-01-31T09:30:00Z, not text.",
    ),
    (
        lambda d: d["format"].__setitem__("version", 99),
        "In x.json, format.version is 99; this PM Desk reads up to 2.",
    ),
    (
        lambda d: d.__setitem__("gantt", []),
        "In x.json, gantt is not part of a PM Desk project.",
    ),
    (
        lambda d: d["project"].__setitem__("colour", "blue"),
        "In x.json, project.colour is not a field PM Desk knows.",
    ),
    (
        lambda d: d.__setitem__("stakeholders", []),
        "In x.json, stakeholders must be an object, not a list.",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_data_is_refused_naming_the_field_and_nothing_changes(sample_document, change, message):
    before = to_text(dump_project(sample_document.session))
    with pytest.raises(InterchangeError) as raised:
        load_project(sample_document.session, _sample_with(change), "x.json")
    assert str(raised.value) == message
    assert to_text(dump_project(sample_document.session)) == before


def test_a_duplicate_uuid_names_both_places(blank):
    data = sample_data(scale=2)
    records = [
        (key, sub) for key in TOP_LEVEL_KEYS[2:] for sub, rows in data[key].items() if len(rows) > 1
    ]
    if not records:
        pytest.skip("the sample has no workspace records yet to duplicate")
    key, sub = records[0]
    data[key][sub][1]["id"] = data[key][sub][0]["id"]
    with pytest.raises(InterchangeError, match=rf"{key}\.{sub}\[1\]\.id repeats the UUID of"):
        load_project(blank.session, data, "x.json")


def test_scaling_repeats_workspace_records_with_fresh_ids():
    base = sample_data()
    big = scaled(base, 3)
    assert big["project"] == base["project"]
    for key in TOP_LEVEL_KEYS[2:]:
        for sub, rows in base[key].items():
            ids = [row["id"] for row in big[key][sub]]
            assert len(ids) == 3 * len(rows) == len(set(ids))


def _first(data: dict, key: str, sub: str, **changes) -> dict:
    data[key][sub][0].update(changes)
    return data


WORKSPACE_RULES = [
    (
        lambda d: _first(d, "stakeholders", "stakeholders", influence=11),
        # The model declares the range, so the field itself is named.
        r"stakeholders\.stakeholders\[0\]\.influence must be from 1 to 10, not 11\.$",
    ),
    (
        lambda d: _first(
            d, "roadmap", "items", kind="feature", start="2027-03-01", end="2027-01-01"
        ),
        r"roadmap\.items\[0\] is refused: .* would end \(.*\) before it starts \(.*\)\.$",
    ),
    (
        lambda d: _first(d, "requirements", "requirements", effort=0),
        r"requirements\.requirements\[0\] is refused: Effort",
    ),
]


@pytest.mark.parametrize(("change", "pattern"), WORKSPACE_RULES)
def test_records_that_break_their_workspace_rules_are_refused(sample_document, change, pattern):
    before = to_text(dump_project(sample_document.session))
    with pytest.raises(InterchangeError, match=pattern):
        load_project(sample_document.session, change(sample_data()), "x.json")
    assert to_text(dump_project(sample_document.session)) == before
