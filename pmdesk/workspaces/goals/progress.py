"""How far a key result has come, whether that is on track, and why: computed, never typed.

Progress is the share of the way from baseline to target the latest check-in has covered.
It is compared with the share of the period that has passed: a key result is expected to move
along the straight line from its baseline at the start to its target at the end. "Stay within"
key results are judged by whether the latest value keeps inside the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmdesk.workspaces.goals.periods import elapsed_share

# How far behind the straight line a key result may fall, in shares of the whole way.
ON_TRACK_GAP = 0.10  # up to 10 points behind: on track
AT_RISK_GAP = 0.25  # up to 25 points behind: at risk; further: off track
# A "stay within" value closer to its limit than this share of the room it had is at risk.
WITHIN_MARGIN = 0.10

STATES: dict[str, str] = {
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "no_data": "No check-in yet",
    "unjudged": "Cannot be judged",
}


@dataclass(frozen=True)
class Judgement:
    """The verdict on one key result, with the numbers behind it and the sentence saying so."""

    state: str  # a key of STATES
    progress: float | None  # share of the way from baseline to target; None without a value
    expected: float  # share of the period passed
    latest: float | None
    latest_on: date | None
    stale: bool  # no check-in for longer than the key result's cadence
    explanation: str

    @property
    def label(self) -> str:
        return STATES[self.state]


def judge(
    baseline: float,
    target: float,
    direction: str,
    first: date,
    last: date,
    check_ins: Sequence[tuple[date, float]],
    today: date,
    cadence_days: int,
    unit: str = "",
) -> Judgement:
    """Judge a key result from its check-ins (date, value), oldest first; only the latest
    counts, so passing just that one is enough.

    Args:
        first, last: the objective's period.
        cadence_days: how often the PM means to check in; longer silence is flagged.
    """
    expected = elapsed_share(first, last, today)
    stale = is_stale(check_ins, first, last, today, cadence_days)
    if target == baseline:  # refused when typed, but a file from elsewhere may hold it
        return Judgement(
            "unjudged",
            None,
            expected,
            check_ins[-1][1] if check_ins else None,
            check_ins[-1][0] if check_ins else None,
            stale,
            f"The target equals the baseline ({_amount(baseline, unit)}), so progress cannot "
            "be measured; edit the key result to set its target.",
        )
    if not check_ins:
        started = "has not started yet" if today < first else "has no check-in yet"
        return Judgement(
            "no_data", None, expected, None, None, stale, f"This key result {started}."
        )
    latest_on, latest = check_ins[-1]
    shown = _amount(latest, unit)
    if direction == "within":
        state, why = _within(baseline, target, latest, unit)
        return Judgement(
            state,
            None,
            expected,
            latest,
            latest_on,
            stale,
            f"{shown} on {latest_on:%d %b %Y}: {why}",
        )
    progress = (latest - baseline) / (target - baseline)
    # Judged in whole points, as the sentence shows them: '10 points behind' is on track.
    gap = round((expected - progress) * 100) / 100
    line = (
        f"{shown} on {latest_on:%d %b %Y} is {progress:.0%} of the way from "
        f"{_amount(baseline, unit)} to {_amount(target, unit)}; {expected:.0%} of the period "
        "has passed"
    )
    if progress >= 1:
        return Judgement(
            "on_track",
            progress,
            expected,
            latest,
            latest_on,
            stale,
            f"{line}: the target is reached.",
        )
    if gap <= 0:
        state, verdict = "on_track", "ahead of the straight line to the target: on track"
    elif gap <= ON_TRACK_GAP:
        state, verdict = (
            "on_track",
            f"{gap * 100:.0f} points behind the straight line, which is on track",
        )
    elif gap <= AT_RISK_GAP:
        state, verdict = (
            "at_risk",
            f"{gap * 100:.0f} points behind the straight line to the target: at risk",
        )
    else:
        state, verdict = (
            "off_track",
            f"{gap * 100:.0f} points behind the straight line to the target: off track",
        )
    return Judgement(
        state, progress, expected, latest, latest_on, stale, f"{line}, so it is {verdict}."
    )


def _within(baseline: float, limit: float, latest: float, unit: str) -> tuple[str, str]:
    room = abs(limit - baseline)
    beyond = latest > limit if limit > baseline else latest < limit
    if beyond:
        return "off_track", f"beyond the limit of {_amount(limit, unit)}: off track."
    if abs(limit - latest) < room * WITHIN_MARGIN:
        return "at_risk", f"inside the limit of {_amount(limit, unit)} but close to it: at risk."
    return "on_track", f"inside the limit of {_amount(limit, unit)}: on track."


def is_stale(
    check_ins: Sequence[tuple[date, float]], first: date, last: date, today: date, cadence: int
) -> bool:
    """Silent for longer than the cadence while the period runs (a finished period is not)."""
    if today > last or today < first:
        return False
    since = check_ins[-1][0] if check_ins else first
    return (today - since).days > cadence


def _amount(value: float, unit: str) -> str:
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return number
    if unit[0] in "$€£":  # "$M" reads "$6.3M", "€" reads "€40"
        return f"{unit[0]}{number}{unit[1:]}"
    return f"{number} {unit}"


def amount(value: float, unit: str) -> str:
    """A value with its unit as the page and the briefing show it ("4.9 $M", "12 %")."""
    return _amount(value, unit)


def days_silent(check_ins: Sequence[tuple[date, float]], first: date, today: date) -> int:
    since = check_ins[-1][0] if check_ins else first
    return max((today - since).days, 0)
