"""Project plans in and out of the roadmap: GanttProject ``.gan`` and MS Project XML (MSPDI).

Reading gives a :class:`Plan` (tasks with dates, progress, milestones, who does them, and the
finish-to-start links between them), checked whole before anything is written: a task that
ends before it starts, a loop of dependencies or a plan far bigger than a roadmap is refused
with one sentence. Importing turns every top-level summary task into a lane and the tasks under
it into that lane's items (tasks outside any summary go to a lane named after the plan; a lane
the roadmap already has, by name, takes its tasks rather than gaining a twin);
milestones stay milestones, dependencies stay dependencies, progress is kept, and a resource
becomes the owner when a stakeholder has that name (a tag "owner:Name" otherwise).

Writing produces MSPDI that MS Project opens: one summary task per lane, one task per dated
item, milestones, finish-to-start links, owners as resources with assignments.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.errors import InterchangeError
from pmdesk.interchange.detect import detect, refuse
from pmdesk.store.atomic import write_text_atomically
from pmdesk.store.fileformat import quoted
from pmdesk.workspaces.roadmap.links import path_between
from pmdesk.workspaces.roadmap.model import (
    LANE_COLORS,
    TITLE_MAX,
    RoadmapDependency,
    RoadmapItem,
    RoadmapLane,
)
from pmdesk.workspaces.stakeholders.model import NAME_MAX, Stakeholder
from pmdesk.workspaces.stakeholders.query import ids_by_lowercase_name, names_by_id

MAX_TASKS = 2_000  # a roadmap shows themes and releases; a bigger plan is a schedule
MAX_BYTES = 20 * 1024 * 1024
MSPDI_NS = "http://schemas.microsoft.com/project"


@dataclass
class Task:
    uid: str
    name: str
    start: date | None
    end: date | None
    milestone: bool = False
    progress: int = 0
    parent: str | None = None  # uid of the summary task it sits in
    owners: list[str] = field(default_factory=list)
    summary: bool = False
    tags: list[str] = field(default_factory=list)  # a tracker's sprint and fix version


@dataclass
class Plan:
    name: str
    tasks: list[Task]
    links: list[tuple[str, str]]  # (predecessor uid, successor uid), finish-to-start

    def check(self, source: str) -> None:
        """Refuse, in one sentence, a plan that cannot become a roadmap."""
        if len(self.tasks) > MAX_TASKS:
            raise InterchangeError(
                f"{source} has {len(self.tasks):,} tasks; PM Desk imports plans of up to "
                f"{MAX_TASKS:,} tasks into a roadmap. Import its summary level instead."
            )
        if not self.tasks:
            raise InterchangeError(f"{source} has no tasks: there is nothing to import.")
        for task in self.tasks:
            if task.start and task.end and task.end < task.start:
                raise InterchangeError(
                    f"In {source}, the task “{task.name}” ends ({task.end.isoformat()}) before "
                    f"it starts ({task.start.isoformat()})."
                )
        names = {task.uid: task.name for task in self.tasks}
        graph: dict[str, list[str]] = {}
        for before, after in self.links:
            if before == after or after in graph.get(before, []):
                continue
            loop = path_between(graph, after, before)
            if loop is not None:
                chain = " → ".join(f"“{names.get(uid, uid)}”" for uid in [*loop, after])
                raise InterchangeError(
                    f"{source} has dependencies that go round in a loop: {chain}."
                )
            graph.setdefault(before, []).append(after)


# -- reading -----------------------------------------------------------------------------------


def read_plan(path: Path) -> Plan:
    """A ``.gan`` or MSPDI file as a checked :class:`Plan`; other files are refused."""
    kind = detect(path)
    if kind.key not in ("gan", "mspdi"):
        raise refuse(path, kind, "as a roadmap")
    root = _parse(path)
    plan = _read_gan(root, path) if kind.key == "gan" else _read_mspdi(root, path)
    plan.check(quoted(path))
    return plan


def _parse(path: Path) -> ET.Element:
    name = quoted(path)
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise InterchangeError(f"{name} is too large to import ({len(data):,} bytes).")
    # Entity declarations are how an XML file can grow without bound: plans never need them.
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise InterchangeError(f"{name} declares XML entities, which a project plan never needs.")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise InterchangeError(f"{name} is not well-formed XML ({error}).") from None


def _read_gan(root: ET.Element, path: Path) -> Plan:
    tasks: list[Task] = []
    links: list[tuple[str, str]] = []
    owners: dict[str, list[str]] = {}
    people = {r.get("id"): r.get("name", "") for r in root.iter("resource")}
    for allocation in root.iter("allocation"):
        person = people.get(allocation.get("resource-id"))
        if person:
            owners.setdefault(allocation.get("task-id", ""), []).append(person)

    def walk(element: ET.Element, parent: str | None) -> None:
        for node in element.findall("task"):
            uid = node.get("id", "")
            start = _iso_day(node.get("start", ""), path)
            days = _whole(node.get("duration", "0"))
            milestone = node.get("meeting") == "true"
            children = node.findall("task")
            end = start if milestone or start is None else _after_working_days(start, days)
            if days == 0 and start is not None and not milestone:
                end = start - timedelta(days=1)  # a zero-day task that is not a milestone
            if node.get("duration", "").startswith("-") and start is not None:
                end = start - timedelta(days=1)
            tasks.append(
                Task(
                    uid,
                    _title(node.get("name", "")),
                    start,
                    end,
                    milestone,
                    _percent(node.get("complete", "0")),
                    parent,
                    owners.get(uid, []),
                    bool(children),
                )
            )
            for depend in node.findall("depend"):
                links.append((uid, depend.get("id", "")))
            walk(node, uid)

    tasks_root = root.find("tasks")
    if tasks_root is not None:
        walk(tasks_root, None)
    return Plan(_title(root.get("name", "") or path.stem), tasks, links)


def _read_mspdi(root: ET.Element, path: Path) -> Plan:
    ns = {"p": MSPDI_NS}

    def text(node: ET.Element, tag: str) -> str:
        found = node.find(f"p:{tag}", ns)
        return (found.text or "").strip() if found is not None else ""

    people = {text(r, "UID"): text(r, "Name") for r in root.iterfind("p:Resources/p:Resource", ns)}
    owners: dict[str, list[str]] = {}
    for assignment in root.iterfind("p:Assignments/p:Assignment", ns):
        person = people.get(text(assignment, "ResourceUID"))
        if person:
            owners.setdefault(text(assignment, "TaskUID"), []).append(person)
    tasks: list[Task] = []
    links: list[tuple[str, str]] = []
    parents: list[tuple[int, str]] = []  # (outline level, uid), the open summary tasks
    for node in root.iterfind("p:Tasks/p:Task", ns):
        uid = text(node, "UID")
        level = _whole(text(node, "OutlineLevel") or "1")
        if level == 0 or text(node, "IsNull") == "1":
            continue  # the project's own summary task, or an empty line
        while parents and parents[-1][0] >= level:
            parents.pop()
        milestone = text(node, "Milestone") == "1"
        start = _iso_day(text(node, "Start"), path)
        end = _iso_day(text(node, "Finish"), path)
        task = Task(
            uid,
            _title(text(node, "Name")),
            start,
            start if milestone else end,
            milestone,
            _percent(text(node, "PercentComplete") or "0"),
            parents[-1][1] if parents else None,
            owners.get(uid, []),
            text(node, "Summary") == "1",
        )
        tasks.append(task)
        if task.summary:
            parents.append((level, uid))
        for link in node.iterfind("p:PredecessorLink", ns):
            links.append((text(link, "PredecessorUID"), uid))
    name = text(root, "Title") or text(root, "Name") or path.stem
    return Plan(_title(name.removesuffix(".xml")), tasks, links)


def _iso_day(text: str, path: Path) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InterchangeError(
            f"{quoted(path)} has the date “{text}”, which is not a date."
        ) from None


def _whole(text: str) -> int:
    match = re.match(r"-?\d+", text.strip())
    return int(match.group()) if match else 0


def _percent(text: str) -> int:
    return max(0, min(100, _whole(text)))


def _title(text: str) -> str:
    cleaned = " ".join(text.split()) or "Untitled task"
    return cleaned[:TITLE_MAX]


def _after_working_days(start: date, days: int) -> date:
    """The last day of ``days`` working days from ``start`` (GanttProject skips weekends)."""
    day, left = start, max(days, 1) - 1
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


# -- importing ---------------------------------------------------------------------------------

NEW_LANES = "new"  # every summary task becomes a new lane, even where a lane has its name
SAME_NAME = "match"  # a lane the roadmap already has, by name, takes its tasks


@dataclass
class PlanImport:
    """What an import created, so that undo can take it back."""

    lanes: list[str] = field(default_factory=list)  # new lanes only
    items: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)  # stakeholders made for its resources


@dataclass
class PlanOutline:
    """What importing a plan would do, for the preview; nothing is written."""

    new_lanes: list[str]  # names
    existing_lanes: list[str]  # names of the roadmap's lanes that take tasks
    items: int
    milestones: int
    undated: int
    dependencies: int
    known_owners: list[str]  # resources that are stakeholders already
    new_owners: list[str]  # resources that are not (stakeholders to add, or "owner:" tags)


def _lane_key(plan: Plan) -> dict[str, str | None]:
    """Task uid -> the uid of the top-level summary task above it (None: the plan's lane)."""
    by_uid = {task.uid: task for task in plan.tasks}
    keys: dict[str, str | None] = {}
    for task in plan.tasks:
        top = task
        while top.parent is not None and top.parent in by_uid:
            top = by_uid[top.parent]
        keys[task.uid] = top.uid if top.summary else None
    return keys


def _lane_plan(
    session: Session, plan: Plan, into: str
) -> tuple[dict[str | None, str], dict[str | None, str]]:
    """(lane key -> existing lane id, lane key -> name of a lane to create), in plan order."""
    by_uid = {task.uid: task for task in plan.tasks}
    existing = {
        name.lower(): lane_id
        for lane_id, name in session.execute(select(RoadmapLane.id, RoadmapLane.name))
    }
    reuse: dict[str | None, str] = {}
    create: dict[str | None, str] = {}
    for key in dict.fromkeys(_lane_key(plan).values()):
        if into not in (NEW_LANES, SAME_NAME):
            reuse[key] = into  # one chosen lane takes everything
            continue
        name = by_uid[key].name if key is not None else plan.name
        if into == SAME_NAME and name.lower() in existing:
            reuse[key] = existing[name.lower()]
        else:
            create[key] = name
    return reuse, create


def _is_lane(task: Task, into: str) -> bool:
    """A top-level summary task is a lane, unless everything goes into one chosen lane."""
    return task.summary and task.parent is None and into in (NEW_LANES, SAME_NAME)


def outline_plan(session: Session, plan: Plan, into: str = SAME_NAME) -> PlanOutline:
    """What :func:`import_plan` would create, for the preview."""
    reuse, create = _lane_plan(session, plan, into)
    names = dict(session.execute(select(RoadmapLane.id, RoadmapLane.name)).all())
    items = [task for task in plan.tasks if not _is_lane(task, into)]
    people = {name.lower() for name in session.scalars(select(Stakeholder.name))}
    owners = list(dict.fromkeys(name for task in items for name in task.owners))
    uids = {task.uid for task in items}
    links = {(a, b) for a, b in plan.links if a in uids and b in uids and a != b}
    return PlanOutline(
        new_lanes=list(create.values()),
        existing_lanes=list(dict.fromkeys(names[lane_id] for lane_id in reuse.values())),
        items=len(items),
        milestones=sum(task.milestone for task in items),
        undated=sum(1 for task in items if task.start is None or task.end is None),
        dependencies=len(links),
        known_owners=[name for name in owners if name.lower() in people],
        new_owners=[name for name in owners if name.lower() not in people],
    )


def import_plan(
    session: Session, plan: Plan, into: str = SAME_NAME, *, add_owners: bool = False
) -> PlanImport:
    """Add the plan as lanes, items and dependencies, in one transaction.

    ``into``: :data:`NEW_LANES`, :data:`SAME_NAME`, or the id of the one lane that takes every
    task. ``add_owners``: a resource nobody in the project is called becomes a stakeholder
    (otherwise an "owner:Name" tag on its items).
    """
    done = PlanImport()
    lane_key = _lane_key(plan)
    people = ids_by_lowercase_name(session)
    last = session.scalar(select(RoadmapLane.position).order_by(RoadmapLane.position.desc()))
    position = (last or 0) + 1
    try:
        reuse, create = _lane_plan(session, plan, into)
        lanes = dict(reuse)
        for key, name in create.items():
            lane = RoadmapLane(
                id=new_id(),
                name=name,
                color=LANE_COLORS[len(done.lanes) % len(LANE_COLORS)],
                position=position,
            )
            position += 1
            session.add(lane)
            lanes[key] = lane.id
            done.lanes.append(lane.id)
        if add_owners:
            for task in plan.tasks:
                for name in task.owners:
                    if name.lower() not in people:
                        person = Stakeholder(id=new_id(), name=name[:NAME_MAX])
                        session.add(person)
                        people[name.lower()] = person.id
                        done.owners.append(person.id)
        session.flush()  # the lanes and people first: items point at them
        item_ids: dict[str, str] = {}
        for task in plan.tasks:
            if _is_lane(task, into):
                continue  # it is the lane
            tags = [*task.tags, *(f"owner:{n}" for n in task.owners if n.lower() not in people)]
            owner = next((people[n.lower()] for n in task.owners if n.lower() in people), None)
            item = RoadmapItem(
                id=new_id(),
                lane_id=lanes[lane_key[task.uid]],
                title=task.name,
                kind="milestone" if task.milestone else ("epic" if task.summary else "feature"),
                start=task.start if task.end else None,
                end=task.end if task.start else None,
                progress=task.progress,
                status="done"
                if task.progress >= 100
                else ("in_progress" if task.progress > 0 else "planned"),
                owner_id=owner,
                tags=", ".join(tags),
            )
            session.add(item)
            item_ids[task.uid] = item.id
            done.items.append(item.id)
        session.flush()
        seen: set[tuple[str, str]] = set()
        for before, after in plan.links:
            pair = (item_ids.get(before, ""), item_ids.get(after, ""))
            if not all(pair) or pair in seen or pair[0] == pair[1]:
                continue  # a link to a lane (a top-level summary task) or a repeat
            seen.add(pair)
            link = RoadmapDependency(id=new_id(), predecessor_id=pair[0], successor_id=pair[1])
            session.add(link)
            done.links.append(link.id)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return done


def undo_plan_import(session: Session, done: PlanImport) -> None:
    """Take an import back: its dependencies, items, new lanes and new people go."""
    for model, ids in (
        (RoadmapDependency, done.links),
        (RoadmapItem, done.items),
        (RoadmapLane, done.lanes),
        (Stakeholder, done.owners),
    ):
        present = [record_id for record_id in ids if session.get(model, record_id) is not None]
        if present:
            records.remove(session, model, present)
    session.commit()


# -- writing MSPDI -----------------------------------------------------------------------------


def export_mspdi(session: Session, path: Path, name: str = "Roadmap") -> int:
    """Write the roadmap as MS Project XML; returns how many items were written.

    Undated items have no place on a schedule and are left out; milestones keep their one day.
    """
    lanes = session.scalars(select(RoadmapLane).order_by(RoadmapLane.position)).all()
    items = session.scalars(
        select(RoadmapItem).where(RoadmapItem.start.is_not(None)).order_by(RoadmapItem.start)
    ).all()
    owners = names_by_id(session)
    links = session.execute(
        select(RoadmapDependency.predecessor_id, RoadmapDependency.successor_id)
    ).all()
    ET.register_namespace("", MSPDI_NS)
    q = f"{{{MSPDI_NS}}}"
    root = ET.Element(f"{q}Project")
    _add(root, "SaveVersion", "14")
    _add(root, "Name", f"{name}.xml")
    _add(root, "Title", name)
    _add(root, "ScheduleFromStart", "1")
    if items:
        _add(root, "StartDate", _stamp(min(i.start for i in items), "08:00:00"))
        _add(root, "FinishDate", _stamp(max(i.end or i.start for i in items), "17:00:00"))
    _add(root, "MinutesPerDay", "480")
    _add(root, "MinutesPerWeek", "2400")
    tasks = ET.SubElement(root, f"{q}Tasks")
    uids: dict[str, int] = {}
    elements: dict[str, ET.Element] = {}
    predecessors: dict[str, list[str]] = {}
    for before, after in links:
        predecessors.setdefault(after, []).append(before)
    number = 0
    written = 0
    for lane in lanes:
        own = [item for item in items if item.lane_id == lane.id]
        if not own:
            continue
        number += 1
        summary = ET.SubElement(tasks, f"{q}Task")
        _task_fields(
            summary,
            number,
            lane.name,
            1,
            True,
            False,
            min(i.start for i in own),
            max(i.end or i.start for i in own),
            0,
        )
        for item in own:
            number += 1
            uids[item.id] = number
            task = elements[item.id] = ET.SubElement(tasks, f"{q}Task")
            milestone = item.kind == "milestone"
            _task_fields(
                task,
                number,
                item.title,
                2,
                False,
                milestone,
                item.start,
                item.end or item.start,
                item.progress,
            )
            written += 1
    for item in items:
        element = elements[item.id]
        for before in predecessors.get(item.id, []):
            if before in uids:
                link = ET.SubElement(element, f"{q}PredecessorLink")
                _add(link, "PredecessorUID", str(uids[before]))
                _add(link, "Type", "1")  # finish-to-start
    people = sorted({owners[i.owner_id] for i in items if i.owner_id in owners})
    resources = ET.SubElement(root, f"{q}Resources")
    for index, person in enumerate(people, start=1):
        resource = ET.SubElement(resources, f"{q}Resource")
        _add(resource, "UID", str(index))
        _add(resource, "ID", str(index))
        _add(resource, "Name", person)
    assignments = ET.SubElement(root, f"{q}Assignments")
    for index, item in enumerate([i for i in items if i.owner_id in owners], start=1):
        assignment = ET.SubElement(assignments, f"{q}Assignment")
        _add(assignment, "UID", str(index))
        _add(assignment, "TaskUID", str(uids[item.id]))
        _add(assignment, "ResourceUID", str(people.index(owners[item.owner_id]) + 1))
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode", xml_declaration=False)
    write_text_atomically(path, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return written


def _add(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{MSPDI_NS}}}{tag}")
    element.text = text
    return element


def _stamp(day: date, clock: str) -> str:
    return f"{day.isoformat()}T{clock}"


def _task_fields(
    task: ET.Element,
    number: int,
    name: str,
    level: int,
    summary: bool,
    milestone: bool,
    start: date,
    end: date,
    progress: int,
) -> None:
    """The elements of one task, in the order the MSPDI schema gives them."""
    workdays = sum(1 for n in range((end - start).days + 1) if (start + timedelta(n)).weekday() < 5)
    hours = 0 if milestone else max(workdays, 1) * 8
    _add(task, "UID", str(number))
    _add(task, "ID", str(number))
    _add(task, "Name", name)
    _add(task, "Type", "1")  # fixed duration
    _add(task, "IsNull", "0")
    _add(task, "OutlineLevel", str(level))
    _add(task, "Start", _stamp(start, "08:00:00"))
    finish = _stamp(start, "08:00:00") if milestone else _stamp(end, "17:00:00")
    _add(task, "Finish", finish)
    _add(task, "Duration", f"PT{hours}H0M0S")
    _add(task, "DurationFormat", "7")  # days
    _add(task, "Milestone", "1" if milestone else "0")
    _add(task, "Summary", "1" if summary else "0")
    _add(task, "PercentComplete", str(progress))
