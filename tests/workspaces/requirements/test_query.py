"""Gap views and traceability: what is unanswered, unsupported and unplanned."""

from __future__ import annotations

import pytest

from pmdesk.domain import records
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements import edit, query
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.stakeholders.model import Stakeholder


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


@pytest.fixture
def project(session):
    """Three inputs and four requirements: one input unanswered, one requirement unsupported,
    one declined (a decision, so never a gap)."""
    bill = Stakeholder(name="Bill Turner")
    session.add(bill)
    session.commit()
    said = {
        "signal": ("No signal in basements.", "", "2026-06-04"),
        "paid": ("Paid in the driveway.", "Reyes", "2026-06-11"),
        "warranty": ("Warranty claims, please.", "Keystone", "2026-10-14"),
    }
    ids = {}
    for key, (quote, customer, day) in said.items():
        who = {"customer": customer} if customer else {"stakeholder_id": bill.id}
        ids[key] = edit.add_input(session, {"quote": quote, "received_on": day, **who})
    rice = {"reach": 1800, "impact": 3, "confidence": 80, "effort": 6}
    ids["offline"] = edit.add_requirement(
        session,
        {"title": "Offline job sheets", "status": "in_roadmap", "tags": "technician app", **rice},
    )
    rice = {"reach": 1200, "impact": 3, "confidence": 80, "effort": 4}
    ids["invoice"] = edit.add_requirement(
        session, {"title": "On-site invoice", "tags": "payments, technician app", **rice}
    )
    ids["sso"] = edit.add_requirement(session, {"title": "Single sign-on", "status": "accepted"})
    ids["darkmode"] = edit.add_requirement(session, {"title": "Dark mode", "status": "declined"})
    edit.link_evidence(session, ids["signal"], ids["offline"])
    edit.link_evidence(session, ids["paid"], ids["offline"])
    edit.link_evidence(session, ids["paid"], ids["invoice"])
    return ids


def test_the_inbox_holds_only_inputs_no_requirement_answers(session, project):
    inbox = query.inputs_without_requirements(session)
    assert [row.id for row in inbox] == [project["warranty"]]
    assert inbox[0].who == "Keystone"


def test_linking_an_input_takes_it_out_of_the_inbox(session, project):
    edit.link_evidence(session, project["warranty"], project["sso"])
    assert query.inputs_without_requirements(session) == []


def test_requirements_without_evidence_leave_declined_ones_out(session, project):
    gaps = query.requirements_without_evidence(session)
    assert [row.title for row in gaps] == ["Single sign-on"]


def test_requirements_not_on_the_roadmap_are_those_still_to_deliver(session, project):
    titles = [row.title for row in query.requirements_not_on_roadmap(session)]
    assert "Dark mode" not in titles
    assert {"Single sign-on", "On-site invoice"} <= set(titles)


def test_requirement_rows_count_evidence_and_compute_rice(session, project):
    rows = {row.title: row for row in query.requirement_rows(session)}
    assert rows["Offline job sheets"].evidence_count == 2
    assert rows["Offline job sheets"].score == pytest.approx(720)
    assert rows["On-site invoice"].score == pytest.approx(720)
    assert rows["Single sign-on"].score is None
    assert rows["On-site invoice"].tags == ("payments", "technician app")


def test_input_rows_name_the_stakeholder_newest_first(session, project):
    rows = query.input_rows(session)
    assert [row.id for row in rows] == [project["warranty"], project["paid"], project["signal"]]
    assert rows[-1].who == "Bill Turner"
    assert rows[1].requirement_count == 2


def test_traceability_walks_both_ways(session, project):
    trace = query.traceability(session)
    assert [trace.requirement_labels[r] for r in trace.requirements_of_input[project["paid"]]] == [
        "Offline job sheets",
        "On-site invoice",
    ]
    assert sorted(trace.inputs_of_requirement[project["offline"]]) == sorted(
        [project["signal"], project["paid"]]
    )
    assert trace.input_labels[project["signal"]] == "“No signal in basements.” — Bill Turner"
    assert project["warranty"] not in trace.requirements_of_input


def test_removing_a_requirement_puts_its_only_evidence_back_in_the_inbox(session, project):
    removal = edit.remove_requirements(session, [project["invoice"], project["offline"]])
    inbox = {row.id for row in query.inputs_without_requirements(session)}
    assert inbox == {project["signal"], project["paid"], project["warranty"]}
    records.restore(session, removal)
    assert [row.id for row in query.inputs_without_requirements(session)] == [project["warranty"]]


def test_requirement_tags_are_listed_once_in_order(session, project):
    edit.update_requirement(session, project["sso"], tags="Security, Payments")
    assert query.requirement_tags(session) == ["payments", "Security", "technician app"]


def test_the_sample_has_something_in_every_gap_view(sample_document):
    session = sample_document.session
    assert 20 <= len(query.input_rows(session)) <= 30
    assert 12 <= session.query(Requirement).count() <= 20
    assert query.inputs_without_requirements(session)
    assert query.requirements_without_evidence(session)
    assert query.requirements_not_on_roadmap(session)


def test_the_panels_choose_stakeholders_and_requirements_in_name_order(session, project):
    titles = [title for _id, _reference, title in query.requirement_choices(session)]
    assert titles == ["Dark mode", "Offline job sheets", "On-site invoice", "Single sign-on"]
    assert {key for key, _reference, _title in query.requirement_choices(session)} == {
        project[name] for name in ("offline", "invoice", "sso", "darkmode")
    }
