"""A launch's readiness: the department × status grid, what is late, what blocks go/no-go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmdesk.domain.base import new_id
from pmdesk.workspaces.launches.edit import create_launch
from pmdesk.workspaces.launches.query import late_tasks, plans, summaries
from pmdesk.workspaces.launches.readiness import format_offset, launch_day, readiness

SPRING = "Spring launch: offline technician app"


@dataclass
class _Launch:
    target_date: date
    go_no_go_offset: int = -7


@dataclass
class _Item:
    title: str
    start: date | None
    end: date | None


@dataclass
class _Task:
    id: str
    title: str
    department: str
    status: str
    offset_days: int
    owner_id: str | None = None
    position: int = 0


def test_offsets_read_as_a_pm_writes_them():
    assert [format_offset(n) for n in (-14, -1, 0)] == ["L−14", "L−1", "L-day"]


def test_launch_day_follows_a_dated_item_and_falls_back_to_the_launch_date():
    own = _Launch(date(2027, 3, 1))
    assert launch_day(own, None) == date(2027, 3, 1)
    assert launch_day(own, _Item("Release", date(2027, 4, 1), date(2027, 4, 9))) == date(2027, 4, 9)
    assert launch_day(own, _Item("Parked", None, None)) == date(2027, 3, 1)


def test_late_and_blocking_tasks_as_of_a_day():
    tasks = [
        _Task("a", "Deck", "sales", "in_progress", -21),  # due 24 Mar: late on 1 Apr
        _Task("b", "FAQ", "support", "done", -21),  # done: never late
        _Task("c", "Price list", "finance", "to_do", -7),  # due on go/no-go day: blocks
        _Task("d", "Campaign", "marketing", "to_do", 0),  # due after go/no-go: does not block
        _Task("e", "Terms", "legal", "blocked", -1),  # blocked: blocks whatever its date
        _Task("f", "Order flow", "operations", "not_needed", -30),  # not needed counts as ready
    ]
    state = readiness(_Launch(date(2027, 4, 14)), tasks, None, date(2027, 4, 1))
    assert state.go_no_go_day == date(2027, 4, 7)
    assert [task.title for task in state.late] == ["Deck"]
    assert state.late[0].days_late(date(2027, 4, 1)) == 8
    assert [task.title for task in state.blockers] == ["Deck", "Price list", "Terms"]
    assert state.ready_count == 2
    grid = state.grid()
    assert list(grid) == [
        "marketing",
        "sales",
        "support",
        "operations",
        "finance",
        "engineering",
        "legal",
    ]
    assert grid["legal"]["blocked"] == 1 and grid["engineering"] == dict.fromkeys(grid["legal"], 0)
    assert state.department_ready("operations") == (1, 1)


def test_the_sample_launches_cover_every_department(sample_document):
    found = plans(sample_document.session, date(2026, 12, 20))
    assert [plan.launch.tier for plan in found] == ["minor", "major"]  # soonest launch day first
    spring = next(plan for plan in found if plan.launch.name == SPRING)
    assert spring.follows == "Offline app launch"
    assert all(sum(row.values()) for row in spring.readiness.grid().values())
    assert sum(len(plan.tasks) for plan in found) == 40
    late = [task.title for task in spring.readiness.late]
    assert late == ["Terms and privacy notice reviewed", "Launch plan and announcement date agreed"]
    blockers = {task.title for task in spring.readiness.blockers}
    assert "Device rollout guide for large fleets" in blockers  # blocked
    assert "Sales deck and demo script" in blockers  # open, due before go/no-go
    assert "Pricing page live" not in blockers  # due after the go/no-go meeting
    assert "Escalation path to engineering agreed" not in blockers  # done


def test_the_summaries_count_what_the_plans_hold_in_the_same_order(sample_document):
    session = sample_document.session
    for day in (date(2026, 12, 20), date(2027, 6, 1)):
        found = plans(session, day)
        listed = summaries(session, day)
        assert [launch.id for launch in listed] == [plan.launch.id for plan in found]
        for launch, plan in zip(listed, found, strict=True):
            state = plan.readiness
            assert (launch.name, launch.tier, launch.launch_day) == (
                plan.launch.name,
                plan.launch.tier,
                state.launch_day,
            )
            assert (launch.tasks, launch.ready, launch.late) == (
                len(state.tasks),
                state.ready_count,
                len(state.late),
            )
        late = {(task.launch_id, task.title, task.due) for task in late_tasks(session, day)}
        assert late == {(p.launch.id, t.title, t.due) for p in found for t in p.readiness.late}
        assert late or day.year == 2026  # by June every open task is late


def test_launches_on_one_day_list_numbers_by_value(sample_document):
    session = sample_document.session
    day = date(2027, 9, 1)
    for number in (17, 2, 1):
        create_launch(
            session, {"id": new_id(), "name": f"Pilot ({number})", "target_date": day}, []
        )
    names = [launch.name for launch in summaries(session, date(2026, 12, 20))]
    assert names[-3:] == ["Pilot (1)", "Pilot (2)", "Pilot (17)"]
    assert [plan.launch.name for plan in plans(session, date(2026, 12, 20))][-3:] == names[-3:]
