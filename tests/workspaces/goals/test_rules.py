"""The promises a goal record keeps, each refused with a sentence and nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.errors import ValidationError
from pmdesk.workspaces.goals import edit
from pmdesk.workspaces.goals.model import CheckIn, KeyResult, Objective
from pmdesk.workspaces.goals.periods import parse_period, period_label
from pmdesk.workspaces.goals.rules import key_result_rule, parse_value

TODAY = date(2026, 12, 1)


def _objective(session, title: str) -> Objective:
    return session.scalars(select(Objective).where(Objective.title == title)).one()


def _result(session, metric: str) -> KeyResult:
    return session.scalars(select(KeyResult).where(KeyResult.metric == metric)).one()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12 %", "The value “12 %” has a percent sign; type the number alone (12)"),
        ("12%", "The value “12%” has a percent sign; type the number alone (12)"),
        ("1,5", "The value “1,5” has a comma, which may be a decimal comma or a thousands"),
        ("1,500", "The value “1,500” has a comma"),
        ("about 40", "The value must be a plain number such as 12 or 4.5, not “about 40”."),
        ("", "The value is missing: type a number such as 12 or 4.5."),
        ("nan", "The value must be a plain number such as 12 or 4.5, not “nan”."),
        ("1e999", "The value must be a number, not “1e999”."),
    ],
)
def test_a_value_that_is_not_a_plain_number_is_refused_with_what_to_type(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_value(typed)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("typed", "number"), [("12", 12.0), ("-3.5", -3.5), (" 4.", 4.0), (7, 7.0)]
)
def test_plain_numbers_are_read(typed, number):
    assert parse_value(typed) == number


def test_a_key_result_whose_target_equals_its_baseline_is_refused(sample_document):
    session = sample_document.session
    result = _result(session, "Net revenue retention")
    with pytest.raises(ValidationError) as raised:
        edit.set_key_result(session, result.id, {"target": "104"})
    assert str(raised.value) == (
        "The target equals the baseline (104), so there is no progress to measure; set the "
        "target the key result should reach."
    )
    session.expire_all()
    assert _result(session, "Net revenue retention").target == 115


def test_a_file_with_such_a_key_result_is_refused_by_the_record_rule():
    with pytest.raises(ValidationError, match="Key result “Rate”: The target equals the baseline"):
        key_result_rule(
            {
                "metric": "Rate",
                "baseline": 3,
                "target": 3.0,
                "direction": "up",
                "confidence": "high",
                "cadence_days": 31,
                "unit": "",
            }
        )


def test_a_target_on_the_wrong_side_for_its_direction_is_refused(sample_document):
    session = sample_document.session
    result = _result(session, "Sync support tickets per week")  # decreasing, 40 -> 10
    with pytest.raises(ValidationError, match="A decreasing key result needs a target below"):
        edit.set_key_result(session, result.id, {"target": 50})


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-12-02", "A check-in records a value already measured; 2026-12-02 is in the future."),
        (
            "2026-09-30",
            "2026-09-30 is outside the objective's period (2026-10-01 to 2027-09-30); a check-in "
            "must fall inside it.",
        ),
        ("30/11/2026", "The check-in's date must be a date like 2026-03-31, not “30/11/2026”."),
    ],
)
def test_a_check_in_outside_its_period_or_in_the_future_is_refused(sample_document, day, message):
    session = sample_document.session
    result = _result(session, "Technician app store rating")  # FY27: Oct 2026 - Sep 2027
    before = _count(session, CheckIn)
    with pytest.raises(ValidationError) as raised:
        edit.prepare_check_ins(session, result.id, [{"on_date": day, "value": "4.1"}], TODAY)
    assert str(raised.value) == message
    assert _count(session, CheckIn) == before


def test_one_bad_row_among_several_is_named_by_its_number(sample_document):
    session = sample_document.session
    result = _result(session, "Technician app store rating")
    rows = [{"on_date": "2026-11-01", "value": "4.0"}, {"on_date": "2026-11-15", "value": "4,1"}]
    with pytest.raises(ValidationError, match=r"^Row 2: The value “4,1” has a comma"):
        edit.prepare_check_ins(session, result.id, rows, TODAY)


def test_a_new_period_that_would_leave_check_ins_outside_it_is_refused(sample_document):
    session = sample_document.session
    objective = _objective(session, "Grow recurring revenue to $10M")
    with pytest.raises(ValidationError) as raised:
        edit.set_objective(session, objective.id, {"period": "FY27"})
    assert str(raised.value).startswith("30 check-ins of this objective would fall outside")
    session.expire_all()
    assert _objective(session, "Grow recurring revenue to $10M").period_start == date(2025, 10, 1)


@pytest.mark.parametrize(
    ("typed", "first", "last", "shown"),
    [
        ("FY27 H1", date(2026, 10, 1), date(2027, 3, 31), "FY27 H1"),
        ("fy27 h2", date(2027, 4, 1), date(2027, 9, 30), "FY27 H2"),
        ("Q2 FY27", date(2027, 1, 1), date(2027, 3, 31), "Q2 FY27"),
        ("FY27", date(2026, 10, 1), date(2027, 9, 30), "FY27"),
        ("FY26-FY27", date(2025, 10, 1), date(2027, 9, 30), "FY26–FY27"),
        (
            "2026-11-01 to 2027-02-15",
            date(2026, 11, 1),
            date(2027, 2, 15),
            "2026-11-01 to 2027-02-15",
        ),
    ],
)
def test_periods_follow_the_roadmaps_fiscal_year(typed, first, last, shown):
    assert parse_period(typed, start_month=10) == (first, last)
    assert period_label(first, last, start_month=10) == shown


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("FY27 H3", "A year has two halves, H1 and H2; “FY27 H3” names H3."),
        ("next year", "“next year” is not a period PM Desk knows; type “FY27 H1”"),
        ("2027-03-01 to 2027-01-01", "An objective's period must end after it starts"),
    ],
)
def test_a_period_pm_desk_cannot_read_is_refused_with_examples(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_period(typed, start_month=10)
    assert str(raised.value).startswith(message)
