"""Project plans into the roadmap (GanttProject .gan, MS Project XML) and the roadmap out as MS
Project XML, read back by the same reader; bad plans refused whole."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.errors import InterchangeError
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap import io_plans
from pmdesk.workspaces.roadmap.model import RoadmapDependency, RoadmapItem, RoadmapLane
from pmdesk.workspaces.stakeholders.model import Stakeholder

GAN = """<?xml version="1.0" encoding="UTF-8"?>
<project name="Field app 2026" company="" webLink="http://" view-date="2026-01-01" version="3.2">
  <tasks empty-milestones="true">
    <task id="0" name="Offline mode" meeting="false" start="2026-01-05" duration="15" complete="40"
        expand="true">
      <task id="1" name="Sync engine" meeting="false" start="2026-01-05" duration="10"
          complete="100">
        <depend id="2" type="2" difference="0" hardness="Strong"/>
      </task>
      <task id="2" name="Conflict screen" meeting="false" start="2026-01-19" duration="5"
          complete="20"/>
    </task>
    <task id="3" name="Beta launch" meeting="true" start="2026-02-02" duration="0" complete="0"/>
  </tasks>
  <resources>
    <resource id="0" name="Sam Novak" function="Default:0"/>
    <resource id="1" name="Léa Martin" function="Default:0"/>
  </resources>
  <allocations>
    <allocation task-id="1" resource-id="0" function="Default:0" responsible="true" load="100"/>
    <allocation task-id="2" resource-id="1" function="Default:0" responsible="true" load="100"/>
  </allocations>
</project>
"""


def _mspdi(tasks: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Project xmlns="http://schemas.microsoft.com/project"><Name>Plan.xml</Name><Tasks>'
        f"{tasks}</Tasks></Project>"
    )


def _task(uid: int, name: str, start: str, finish: str, extra: str = "") -> str:
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name}</Name><OutlineLevel>1</OutlineLevel>"
        f"<Start>{start}T08:00:00</Start><Finish>{finish}T17:00:00</Finish>{extra}</Task>"
    )


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_gantt_project_plan_becomes_lanes_items_milestones_and_dependencies(session, tmp_path):
    session.add(Stakeholder(name="Sam Novak"))
    session.commit()
    path = tmp_path / "field.gan"
    path.write_text(GAN, encoding="utf-8")
    plan = io_plans.read_plan(path)
    done = io_plans.import_plan(session, plan)
    lanes = {lane.id: lane.name for lane in session.scalars(select(RoadmapLane))}
    assert sorted(lanes[i] for i in done.lanes) == ["Field app 2026", "Offline mode"]
    items = {item.title: item for item in session.scalars(select(RoadmapItem))}
    sync = items["Sync engine"]
    assert (sync.start, sync.end, sync.progress, sync.status) == (
        date(2026, 1, 5),
        date(2026, 1, 16),
        100,
        "done",  # 10 working days
    )
    assert lanes[sync.lane_id] == "Offline mode"
    assert sync.owner_id is not None  # Sam Novak is a stakeholder
    assert items["Conflict screen"].tags == "owner:Léa Martin"  # not one (yet)
    launch = items["Beta launch"]
    assert (launch.kind, launch.start, launch.end) == (
        "milestone",
        date(2026, 2, 2),
        date(2026, 2, 2),
    )
    assert lanes[launch.lane_id] == "Field app 2026"
    link = session.scalars(select(RoadmapDependency)).one()
    assert (link.predecessor_id, link.successor_id) == (sync.id, items["Conflict screen"].id)


def test_the_roadmap_written_as_ms_project_xml_reads_back_the_same(sample_document, tmp_path):
    session = sample_document.session
    path = tmp_path / "roadmap.xml"
    written = io_plans.export_mspdi(session, path, "Field app")
    dated = session.scalars(select(RoadmapItem).where(RoadmapItem.start.is_not(None))).all()
    assert written == len(dated) > 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
    assert '<Project xmlns="http://schemas.microsoft.com/project">' in text
    plan = io_plans.read_plan(path)
    tasks = {task.name: task for task in plan.tasks if not task.summary}
    for item in dated:
        task = tasks[item.title]
        assert (task.start, task.end) == (item.start, item.end or item.start)
        assert task.milestone == (item.kind == "milestone")
        assert task.progress == item.progress
    titles = {item.id: item.title for item in dated}
    expected = {
        (titles[a], titles[b])
        for a, b in session.execute(
            select(RoadmapDependency.predecessor_id, RoadmapDependency.successor_id)
        )
        if a in titles and b in titles
    }
    names = {task.uid: task.name for task in plan.tasks}
    assert {(names[a], names[b]) for a, b in plan.links} == expected
    lanes = {task.name for task in plan.tasks if task.summary}
    assert lanes <= set(session.scalars(select(RoadmapLane.name)))
    # into the same roadmap: its lanes take the tasks, none is duplicated
    lanes_before = _count(session, RoadmapLane)
    assert io_plans.import_plan(session, plan).lanes == []
    assert _count(session, RoadmapLane) == lanes_before
    # and into a new project: the same items in the same lanes
    blank = Document.new()
    try:
        io_plans.import_plan(blank.session, plan)
        again = {i.title: (i.start, i.end) for i in blank.session.scalars(select(RoadmapItem))}
        assert again == {i.title: (i.start, i.end or i.start) for i in dated}
        assert _count(blank.session, RoadmapDependency) == len(expected)
    finally:
        blank.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _mspdi(
                _task(
                    1,
                    "Design",
                    "2026-01-05",
                    "2026-01-09",
                    "<PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>",
                )
                + _task(
                    2,
                    "Build",
                    "2026-01-12",
                    "2026-01-16",
                    "<PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink>",
                )
            ),
            "“plan.xml” has dependencies that go round in a loop: “Build” → “Design” → “Build”.",
        ),
        (
            _mspdi(_task(1, "Backwards", "2026-03-10", "2026-03-02")),
            "In “plan.xml”, the task “Backwards” ends (2026-03-02) before it starts (2026-03-10).",
        ),
        (
            _mspdi("".join(_task(n, f"T{n}", "2026-01-05", "2026-01-06") for n in range(10_000))),
            "“plan.xml” has 10,000 tasks; PM Desk imports plans of up to 2,000 tasks into a "
            "roadmap. Import its summary level instead.",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            '<Project xmlns="http://schemas.microsoft.com/project"/>',
            "“plan.xml” declares XML entities, which a project plan never needs.",
        ),
    ],
)
def test_a_bad_plan_is_refused_whole_and_the_project_is_untouched(
    session, tmp_path, content, message
):
    before = dump_project(session)
    path = tmp_path / "plan.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InterchangeError) as error:
        io_plans.import_plan(session, io_plans.read_plan(path))
    assert str(error.value) == message
    assert dump_project(session) == before


def test_a_csv_is_not_a_plan(tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text("Title,Start\nA,2026-01-01\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match="is a CSV file, which PM Desk cannot import as a"):
        io_plans.read_plan(path)
