"""One overdue list from every workspace's spec: readiness tasks beside touchpoints, stale key
results, late roadmap items and decisions to revisit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pmdesk import registry
from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.launches.model import LaunchTask

DAY = date(2026, 12, 20)  # the sample's story: a December review


def test_every_workspace_with_dates_feeds_the_one_list_longest_overdue_first(sample_document):
    entries = registry.overdue_work(sample_document.session, DAY)
    assert {entry.workspace for entry in entries} == {
        "launches",
        "stakeholders",
        "goals",
        "roadmap",
        "decisions",
    }
    assert [entry.due for entry in entries] == sorted(entry.due for entry in entries)
    sentences = [entry.sentence(DAY) for entry in entries]
    assert (
        "Readiness task: Terms and privacy notice reviewed (Legal, Spring launch: offline "
        "technician app) — 15 days late" in sentences
    )
    assert "Roadmap item past its end: Sync conflict resolution — 30 days late" in sentences
    assert any(s.startswith("Decision to revisit: Which accounting system") for s in sentences)
    assert any(s.startswith("Key result check-in: Technician app store rating") for s in sentences)


def test_a_task_done_leaves_the_list_and_only_past_dates_count(sample_document):
    session = sample_document.session
    task = session.scalars(
        select(LaunchTask).where(LaunchTask.title == "Terms and privacy notice reviewed")
    ).one()
    assert any(e.record_id == task.launch_id for e in registry.overdue_work(session, DAY))
    task.status = "done"
    session.commit()
    titles = [e.title for e in registry.overdue_work(session, DAY)]
    assert not any(title.startswith("Terms and privacy notice reviewed") for title in titles)
    # The day before it was due, it was not overdue either.
    task.status = "to_do"
    session.commit()
    early = registry.overdue_work(session, date(2026, 12, 4))
    assert not any(e.title.startswith("Terms and privacy notice") for e in early)


def test_an_entry_says_how_late_it_is():
    entry = Overdue("launches", "Readiness task", "Price list in billing", date(2027, 3, 31))
    assert entry.sentence(date(2027, 3, 31)) == "Readiness task: Price list in billing — due today"
    assert entry.sentence(date(2027, 4, 1)).endswith("— 1 day late")
    assert entry.days_late(date(2027, 3, 1)) == 0


def test_the_column_reads_list_what_the_workspaces_own_reads_flag(sample_document):
    from pmdesk.workspaces.decisions.overdue import overdue as decisions_overdue
    from pmdesk.workspaces.decisions.query import due_for_revisit, load_log
    from pmdesk.workspaces.goals.overdue import overdue as goals_overdue
    from pmdesk.workspaces.goals.query import load_goals
    from pmdesk.workspaces.roadmap.overdue import overdue as roadmap_overdue
    from pmdesk.workspaces.roadmap.plan import is_late, load_roadmap

    session = sample_document.session
    for day in (date(2026, 10, 1), DAY, date(2027, 4, 1), date(2028, 1, 1)):
        late = {(i.id, i.end) for i in load_roadmap(session).items if is_late(i, day)}
        assert {(e.record_id, e.due) for e in roadmap_overdue(session, day)} == late
        due = {
            (e.decision.id, e.decision.revisit_on)
            for e in due_for_revisit(load_log(session), day, 0)
        }
        assert {(e.record_id, e.due) for e in decisions_overdue(session, day)} == due
        assert (late and due) or day.month == 10  # most days have some of each
        stale = {
            (result.id, result.metric)
            for objective in load_goals(session, day).objectives
            if objective.status == "active"
            for result in objective.key_results
            if result.judgement.stale
        }
        assert {(e.record_id, e.title) for e in goals_overdue(session, day)} == stale
        assert stale or day.year != 2026 or day.month == 10
