"""Progress and the on-track judgement, computed from the numbers, with the sentence saying why."""

from __future__ import annotations

from datetime import date

from pmdesk.workspaces.goals.progress import judge

FIRST, LAST = date(2027, 1, 1), date(2027, 12, 31)
HALF = date(2027, 7, 2)  # half of the year has passed


def _judge(value: float | None, direction: str = "up", baseline=0.0, target=100.0, today=HALF):
    check_ins = [] if value is None else [(date(2027, 7, 1), value)]
    return judge(baseline, target, direction, FIRST, LAST, check_ins, today, 31, "%")


def test_on_the_straight_line_is_on_track_and_behind_it_at_risk_then_off_track():
    assert _judge(50).state == "on_track"
    assert _judge(41).state == "on_track"  # 9 points behind
    assert _judge(30).state == "at_risk"  # 20 points behind
    assert _judge(20).state == "off_track"  # 30 points behind


def test_the_explanation_names_the_numbers_behind_the_verdict():
    judgement = _judge(20)
    assert judgement.progress == 0.2
    assert judgement.explanation == (
        "20 % on 01 Jul 2027 is 20% of the way from 0 % to 100 %; 50% of the period has "
        "passed, so it is 30 points behind the straight line to the target: off track."
    )


def test_a_decreasing_key_result_progresses_as_its_number_falls():
    judgement = _judge(30, direction="down", baseline=40, target=20)
    assert judgement.progress == 0.5
    assert judgement.state == "on_track"


def test_stay_within_is_judged_by_the_limit():
    assert _judge(1.5, "within", baseline=1.2, target=2.0).state == "on_track"
    assert _judge(1.95, "within", baseline=1.2, target=2.0).state == "at_risk"
    assert _judge(2.1, "within", baseline=1.2, target=2.0).state == "off_track"


def test_no_check_in_yet_is_said_and_flagged_once_the_cadence_has_passed():
    judgement = _judge(None, today=date(2027, 1, 20))
    assert judgement.state == "no_data"
    assert not judgement.stale
    assert _judge(None, today=date(2027, 2, 15)).stale


def test_a_key_result_silent_longer_than_its_cadence_is_stale_until_the_period_ends():
    assert not _judge(50, today=date(2027, 7, 30)).stale
    assert _judge(50, today=date(2027, 8, 5)).stale
    assert not _judge(50, today=date(2028, 1, 5)).stale  # the period is over


def test_reaching_the_target_is_on_track_whatever_the_date():
    assert _judge(100, today=date(2027, 2, 1)).explanation.endswith("the target is reached.")
