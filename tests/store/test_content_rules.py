"""One set of content rules, from the models: what ``check`` accepts opens everywhere, and what it
refuses gets a sentence naming the kind of record, the record and the field."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from pmdesk import cli
from pmdesk.errors import InterchangeError, NotAProjectError
from pmdesk.interchange.project_json import dump_project, load_project, parse_text, to_text
from pmdesk.store.document import Document
from tests.support import snapshot


def _tamper(path, statement: str, *parameters: object) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(statement, parameters)
    connection.close()


def _label(path, table: str, record_id: str) -> str | None:
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
    field = next((name for name in ("name", "title") if name in columns), None)
    label = None
    if field:
        (label,) = connection.execute(
            f'SELECT "{field}" FROM "{table}" WHERE id = ?', (record_id,)
        ).fetchone()
    connection.close()
    return label if isinstance(label, str) else None


def _first_id(path, table: str) -> str:
    connection = sqlite3.connect(path)
    (record_id,) = connection.execute(f'SELECT id FROM "{table}" ORDER BY id LIMIT 1').fetchone()
    connection.close()
    return record_id


@pytest.mark.parametrize(
    ("table", "assignment", "expected"),
    [
        (
            "criteria",
            "weight = 1e308",
            "a criterion {record} has “weight” 1e+308, which must be a number from 0 to 1,000",
        ),
        (
            "stakeholder_relationships",
            "kind = 'mentors'",
            "a relationship {record} has “kind” "
            "“mentors”, which must be one of “reports_to”, “influences”, “ally”, “conflict”",
        ),
        (
            "stakeholders",
            "last_contact = '2026-13-45'",
            "a stakeholder {record} has "
            "“last_contact” “2026-13-45”, which must be a date like 2026-01-31",
        ),
        (
            "stakeholders",
            "next_touchpoint = 20260131",
            "a stakeholder {record} has "
            "“next_touchpoint” 20260131, which must be a date like 2026-01-31",
        ),
        (
            "roadmap_items",
            "start = 'soon'",
            "a roadmap item {record} has “start” “soon”, which must be a date like 2026-01-31",
        ),
        (
            "stakeholders",
            "name = x'00ff'",
            "a stakeholder {record} has “name” holding binary "
            "data, which must be text of at most 200 characters",
        ),
        (
            "roadmap_settings",
            "fiscal_year_start_month = 13",
            "a roadmap setting {record} has "
            "“fiscal_year_start_month” 13, which must be a whole number from 1 to 12",
        ),
        (
            "roadmap_items",
            "owner_id = '00000000-0000-0000-0000-000000000007'",
            "a roadmap item {record} has “owner_id” pointing at a stakeholder that is not in the "
            "file",
        ),
        (
            "stakeholders",
            "influence = 11",
            "a stakeholder {record} has “influence” 11, which must be a whole number from 1 to 10",
        ),
        # Times SQLite reads but Python does not: before, these reached the rules and stopped
        # the open with an error nobody expected instead of this sentence.
        (
            "stakeholders",
            "created_at = '2026-01-01 10:00   '",
            "a stakeholder {record} has “created_at” “2026-01-01 10:00”, which must be a time "
            "like 2026-01-31 09:30:00",
        ),
        (
            "roadmap_items",
            "updated_at = '2026-01-01 10:00:00.12345 '",
            "a roadmap item {record} has “updated_at” “2026-01-01 10:00:00.12345”, which must be "
            "a time like 2026-01-31 09:30:00",
        ),
        # SQLite's text functions stop at a NUL byte, Python's parsers do not: a date, time or
        # shape with more after a NUL passed these tests and then stopped a view or the check.
        (
            "roadmap_items",
            "start = '2026-01-15' || char(0) || 'xyz'",
            "a roadmap item {record} has “start” “2026-01-15�xyz”, which must be a date like "
            "2026-01-31",
        ),
        (
            "stakeholders",
            "created_at = '2026-01-01 10:00:00' || char(0) || x'ff'",
            "a stakeholder {record} has “created_at” holding text that is not valid UTF-8, which "
            "must be a time like 2026-01-31 09:30:00",
        ),
        (
            "roadmap_lanes",
            "color = '#3a6ea5' || char(0) || 'zz'",
            "a roadmap lane {record} has “color” “#3a6ea5�zz”, which must be a colour like #3a6ea5",
        ),
        # Beyond the columns: the roadmap's own rule (an end before the start).
        (
            "roadmap_items",
            "start = '2026-05-01', \"end\" = '2026-04-01'",
            "a roadmap item {record} is refused: ",
        ),
    ],
)
def test_a_value_the_models_forbid_is_refused_naming_record_and_field(
    sample_file, capsys, table, assignment, expected
):
    record_id = _first_id(sample_file, table)
    _tamper(sample_file, f'UPDATE "{table}" SET {assignment} WHERE id = ?', record_id)
    before = snapshot(sample_file)
    record = f"(id {record_id})"
    label = _label(sample_file, table, record_id)
    if label:
        record = f"“{label}” {record}"
    message = f"“sample.pmdb” cannot be opened: {expected.format(record=record)}"
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file)
    assert str(raised.value).startswith(message)
    assert str(raised.value).endswith("Restore a backup, or ask whoever sent it for a fresh copy.")
    assert cli.main(["check", str(sample_file)]) == 1
    assert capsys.readouterr().err == f"pmdesk: {raised.value}\n"  # check says the same
    assert snapshot(sample_file) == before


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            'ALTER TABLE stakeholders RENAME COLUMN "role" TO "job"',
            "its stakeholder records lack the field “role”",
        ),
        (
            "ALTER TABLE criteria ADD COLUMN secret TEXT",
            "its criterion records have a field “secret” that is not part of a PM Desk project",
        ),
    ],
)
def test_a_schema_edited_outside_pm_desk_is_refused(sample_file, statement, expected):
    _tamper(sample_file, statement)
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError, match=expected):
        Document.open(sample_file)
    assert snapshot(sample_file) == before


def test_a_repeated_unique_pair_is_refused(sample_file):
    connection = sqlite3.connect(sample_file, isolation_level=None)
    connection.execute("DROP INDEX IF EXISTS uq_competitor_ratings_competitor_id")
    row = connection.execute("SELECT * FROM competitor_ratings LIMIT 1").fetchone()
    columns = [c[1] for c in connection.execute("PRAGMA table_info(competitor_ratings)")]
    # Without the unique index SQLite accepts a second rating of the same pair.
    connection.execute("CREATE TABLE copy AS SELECT * FROM competitor_ratings")
    connection.execute("DROP TABLE competitor_ratings")
    connection.execute(
        "CREATE TABLE competitor_ratings ("
        + ", ".join(f"{c} PRIMARY KEY" if c == "id" else c for c in columns)
        + ")"
    )
    connection.execute("INSERT INTO competitor_ratings SELECT * FROM copy")
    connection.execute("DROP TABLE copy")
    duplicate = list(row)
    duplicate[columns.index("id")] = "ffffffff-ffff-4fff-8fff-ffffffffffff"
    connection.execute(
        f"INSERT INTO competitor_ratings VALUES ({', '.join('?' * len(columns))})", duplicate
    )
    connection.close()
    with pytest.raises(NotAProjectError, match="repeats the “competitor_id” and “criterion_id”"):
        Document.open(sample_file)


def _dump(sample_document) -> dict:
    return json.loads(to_text(dump_project(sample_document.session)))


def test_load_refuses_an_unknown_kind_naming_its_path(sample_document):
    data = _dump(sample_document)
    data["stakeholders"]["relationships"][0]["kind"] = "mentors"
    target = Document.new()
    try:
        with pytest.raises(InterchangeError) as raised:
            load_project(target.session, data, "“plan.json”")
    finally:
        target.close()
    assert str(raised.value) == (
        "In “plan.json”, stakeholders.relationships[0].kind must be one of “reports_to”, "
        "“influences”, “ally”, “conflict”, not “mentors”."
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["competition"]["criteria"][0].update(weight=2**70),
            "competition.criteria[0].weight must be from 0 to 1,000",
        ),
        (
            lambda d: d["roadmap"]["items"][0].update(progress=10**30),
            "roadmap.items[0].progress must be from 0 to 100",
        ),
    ],
)
def test_load_refuses_numbers_beyond_what_the_models_allow(sample_document, change, expected):
    data = _dump(sample_document)
    change(data)
    target = Document.new()
    try:
        with pytest.raises(InterchangeError, match=re.escape(expected)):
            load_project(target.session, data, "“plan.json”")
    finally:
        target.close()


def test_non_json_numbers_and_absurd_nesting_get_a_sentence():
    infinite = re.escape("“x.json” is not valid JSON: -Infinity is not a JSON number.")
    with pytest.raises(InterchangeError, match=infinite):
        parse_text('{"format": {"version": -Infinity}}', "“x.json”")
    with pytest.raises(InterchangeError, match="NaN is not a JSON number"):
        parse_text('{"a": NaN}', "“x.json”")
    with pytest.raises(InterchangeError, match="nests lists and objects hundreds of levels deep"):
        parse_text("[" * 100_000 + "]" * 100_000, "“x.json”")
    with pytest.raises(InterchangeError, match="Exceeds the limit"):
        parse_text('{"a": ' + "9" * 5000 + "}", "“x.json”")


def test_times_before_the_year_1000_and_the_last_day_round_trip(sample_document):
    from datetime import date, datetime

    from pmdesk.workspaces.roadmap.model import RoadmapBaseline, RoadmapItem

    baseline = sample_document.session.query(RoadmapBaseline).first()
    baseline.taken_at = datetime(999, 3, 4, 5, 6, 7)
    item = (
        sample_document.session.query(RoadmapItem)
        .filter(RoadmapItem.end.isnot(None), RoadmapItem.kind != "milestone")
        .first()
    )
    item.start, item.end = date(1, 1, 1), date(9999, 12, 31)
    sample_document.session.commit()
    text = to_text(dump_project(sample_document.session))
    assert '"taken_at": "0999-03-04T05:06:07Z"' in text
    target = Document.new()
    try:
        load_project(target.session, parse_text(text, "“x.json”"), "“x.json”")
        assert to_text(dump_project(target.session)) == text
        saved = target.save(sample_document.path.with_name("old.pmdb"))
    finally:
        target.close()
    reopened = Document.open(saved)  # the content rules accept what load accepted
    reopened.close()


def test_with_bad_values_in_the_first_and_the_last_kind_the_first_is_named_every_time(
    sample_file,
):
    """The set-based checks are shared out between two connections; the refusal is still the
    one a check of the kinds one after another finds first."""
    from pmdesk import registry
    from pmdesk.store.content import check_content
    from pmdesk.store.hardening import connect_read_only

    connection = sqlite3.connect(sample_file)
    present = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
    filled = [
        table
        for table in registry.metadata().sorted_tables
        if table.name in present
        and "name" in table.columns
        and connection.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
    ]
    connection.close()
    first, last = filled[0].name, filled[-1].name
    for table in (first, last):
        _tamper(
            sample_file,
            f"UPDATE \"{table}\" SET name = x'0102' WHERE id = ?",
            _first_id(sample_file, table),
        )
    messages = set()
    for second in (None, lambda: connect_read_only(sample_file)) * 3:
        checked = connect_read_only(sample_file)
        try:
            with pytest.raises(NotAProjectError) as raised:
                check_content(checked, "“sample.pmdb”", second=second)
        finally:
            checked.close()
        messages.add(str(raised.value))
    assert len(messages) == 1
    (message,) = messages
    singular = {model.__tablename__: model.__singular__ for model in registry.record_models()}
    record = f"a {singular[first]} (id {_first_id(sample_file, first)})"
    assert f"{record} has “name” holding binary data" in message
