"""“What changed since last time”: an export keeps what it showed, and the next export of the
same briefing opens with what was added, removed and changed since, in a PM's words."""

from __future__ import annotations

import json
from datetime import date, timedelta

import docx
import pytest
from sqlalchemy import select

from pmdesk.briefing import changes
from pmdesk.briefing.exporter import BriefingSettings, export_briefing, readers_of
from pmdesk.briefing.model import BriefingSnapshot, list_briefings, update_briefing
from pmdesk.export.audience import EXTERNAL
from pmdesk.interchange.records import to_json
from pmdesk.workspaces.competition.model import Competitor, Rating
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.roadmap.model import RoadmapItem as Item
from pmdesk.workspaces.roadmap.model import RoadmapLane as Lane
from pmdesk.workspaces.stakeholders.model import Stakeholder

FIRST, SECOND = date(2026, 11, 2), date(2026, 12, 1)


def _export(session, folder, name):
    briefing = list_briefings(session)[0]
    result = export_briefing(
        session, folder / f"{name}.docx", BriefingSettings.of(briefing), today=FIRST
    )
    changes.remember(session, briefing.id, FIRST, result.snapshot)
    return result


def _edit_a_month(session):
    """What a month does to a plan: a slip, a stakeholder who moved, a score, a shipment."""
    item = session.scalars(
        select(Item).where(Item.end.is_not(None), Item.start.is_not(None)).order_by(Item.id)
    ).first()
    item.end = item.end + timedelta(days=21)
    person = session.scalars(
        select(Stakeholder).where(Stakeholder.influence < 6).order_by(Stakeholder.id)
    ).first()
    person.influence, person.interest = 9, 9
    low = session.scalars(select(Stakeholder).where(Stakeholder.id != person.id)).first()
    low.influence, low.interest = 2, 2
    rating = session.scalars(select(Rating).where(Rating.value == "3")).first()
    rating.value = "5"
    requirement = session.scalars(
        select(Requirement).where(Requirement.status != "shipped").order_by(Requirement.id)
    ).first()
    requirement.status = "shipped"
    lane = session.scalars(select(Lane)).first()
    session.add(Lane(name="Partner integrations", position=99))
    session.commit()
    competitor = session.scalars(select(Competitor).order_by(Competitor.name.desc())).first()
    return item, person, low, rating, requirement, lane, competitor


def _text(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_the_next_export_opens_with_what_changed_in_a_pms_words(sample_document, tmp_path):
    session = sample_document.session
    first = _export(session, tmp_path, "first")
    assert not any(p.startswith("What changed since") for p in _text(first.path))
    item, person, _low, _rating, requirement, _lane, _c = _edit_a_month(session)
    briefing = list_briefings(session)[0]
    second = export_briefing(
        session, tmp_path / "second.docx", BriefingSettings.of(briefing), today=SECOND
    )
    text = _text(second.path)
    assert "What changed since 2 Nov 2026" in text
    assert f"“{item.title}” slipped 3 weeks (now {item.end.day} {item.end:%b %Y})." in text
    assert f"“{person.name}” moved from" in "\n".join(text)
    assert "to Manage closely." in "\n".join(text)
    assert f"“{requirement.title}” shipped." in text
    assert "New roadmap lane: “Partner integrations”." in text
    assert any(line.endswith("”: 3 → 5.") and " on " in line for line in text), text
    # Field names never reach the reader.
    opening = text[text.index("What changed since 2 Nov 2026") : text.index("Product overview")]
    assert not any("_" in line for line in opening), opening


def test_the_briefing_page_list_and_the_export_agree(sample_document, tmp_path):
    session = sample_document.session
    _export(session, tmp_path, "first")
    _edit_a_month(session)
    briefing = list_briefings(session)[0]
    settings = BriefingSettings.of(briefing)
    report = changes.changes_since_last_export(
        session, briefing.id, [c.key for c in settings.sections], readers_of(session, settings)
    )
    assert report.since == FIRST and not report.empty
    result = export_briefing(session, tmp_path / "second.docx", settings, today=SECOND)
    assert result.change_report == report


def test_an_external_change_list_leaks_nothing_the_audience_hides(sample_document, tmp_path):
    session = sample_document.session
    briefing = list_briefings(session)[0]
    update_briefing(session, briefing.id, profile=EXTERNAL)
    _export(session, tmp_path, "first")
    item, person, _low, _rating, _requirement, _lane, _c = _edit_a_month(session)
    person.attitude = "blocker" if person.attitude != "blocker" else "champion"
    person.notes = "Privately: wants the budget for her own team"
    session.commit()
    briefing = list_briefings(session)[0]
    result = export_briefing(
        session, tmp_path / "second.docx", BriefingSettings.of(briefing), today=SECOND
    )
    whole = "\n".join(_text(result.path))
    assert "What changed since" in whole
    assert person.name not in whole
    assert "Blocker" not in whole and "Champion" not in whole and "Privately" not in whole
    assert f"{item.end.day} {item.end:%b %Y}" not in whole  # exact dates stay quarters
    assert ": 3 → 5." not in whole  # competitors' scores are weaknesses to this audience


def test_a_damaged_snapshot_reads_as_no_earlier_export(sample_document, tmp_path):
    session = sample_document.session
    briefing = list_briefings(session)[0]
    for content in ("not base64!", "aGVsbG8=", changes.encode({"format": 99})):
        changes.remember(session, briefing.id, FIRST, content)
        assert changes.last_snapshot(session, briefing.id) is None
        result = export_briefing(
            session, tmp_path / "x.docx", BriefingSettings.of(briefing), today=SECOND
        )
        assert not any(p.startswith("What changed") for p in _text(result.path))


def test_remembering_can_be_undone(sample_document, tmp_path):
    session = sample_document.session
    briefing = list_briefings(session)[0]
    previous = changes.remember(session, briefing.id, FIRST, changes.encode({"format": 1}))
    assert previous == []
    again = changes.remember(session, briefing.id, SECOND, "x")
    changes.restore(session, briefing.id, again)
    kept = session.scalars(select(BriefingSnapshot)).all()
    assert [row.taken_on for row in kept] == [FIRST]


@pytest.mark.parametrize("unchanged", [True])
def test_nothing_changed_says_so(sample_document, tmp_path, unchanged):
    session = sample_document.session
    _export(session, tmp_path, "first")
    briefing = list_briefings(session)[0]
    result = export_briefing(
        session, tmp_path / "again.docx", BriefingSettings.of(briefing), today=SECOND
    )
    text = _text(result.path)
    assert "Nothing this briefing shows has changed since its last export." in text


def test_the_snapshot_holds_each_value_as_the_dump_writes_it_in_key_order(sample_document):
    """The snapshot reads rows through the driver: flags stay true/false, days ISO text, and
    every mapping comes in key order, which is what encode relies on to skip sorting."""
    session = sample_document.session
    briefing = list_briefings(session)[0]
    keys = [choice.key for choice in BriefingSettings.of(briefing).sections]
    shown = changes.take(session, keys, readers_of(session, BriefingSettings.of(briefing)))
    for model, group, sub in (
        (Competitor, "competition", "competitors"),
        (Item, "roadmap", "items"),
    ):
        rows = shown["workspaces"][group][sub]
        records = session.scalars(select(model).order_by(model.id)).all()
        assert [row["id"] for row in rows] == [record.id for record in records]
        for row, record in zip(rows, records, strict=True):
            assert row == {key: value for key, value in to_json(record).items() if key in row}
    assert any(
        isinstance(row.get("is_us"), bool)
        for row in shown["workspaces"]["competition"]["competitors"]
    )
    assert any(isinstance(row.get("end"), str) for row in shown["workspaces"]["roadmap"]["items"])
    text = json.dumps(shown, ensure_ascii=False, separators=(",", ":"))
    assert text == json.dumps(shown, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert changes.decode(changes.encode(shown)) == shown
