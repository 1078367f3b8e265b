"""A tracker's export of epics and stories (CSV or a workbook sheet) read as a project plan.

Jira, Linear, Azure DevOps and the rest export one row per issue. For a roadmap, an epic (by
its issue type, or because other rows name it as their parent) is a summary task, so it
becomes a lane with its stories as items; rows outside any epic go to a lane named after the
file. Start and due dates are kept (a row with only a due date is a one-day item, one with
neither waits in the parking lot); a "Milestone" issue type stays a milestone; "Blocks" links
become dependencies; done rows are at 100 %; the assignee becomes the owner; sprint and fix
version are kept as tags ("sprint:Sprint 4", "release:2.1") the roadmap can filter on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pmdesk.errors import InterchangeError
from pmdesk.interchange.csv_table import CsvTable, FieldSpec, guess_mapping
from pmdesk.interchange.detect import detect
from pmdesk.interchange.tables import read_table
from pmdesk.interchange.trackers import TRACKER_COLUMNS, tracker_date
from pmdesk.interchange.vocabularies import simplify
from pmdesk.store.fileformat import quoted
from pmdesk.workspaces.roadmap.io_plans import Plan, Task, _title, read_plan

_START = (
    "start date",
    "start",
    "starts",
    "begin",
    "target start",
    "date de début",
    "début",
    "fecha de inicio",
    "inicio",
    "startdatum",
    "beginn",
    "data de início",
    "início",
    "begindatum",
)
_END = ("end", "end date", "finish", "finish date", *TRACKER_COLUMNS["due_date"])
FIELDS = [
    FieldSpec("title", "Title", True, ("name", *TRACKER_COLUMNS["title"])),
    FieldSpec("key", "Key", False, TRACKER_COLUMNS["reference"]),
    # Jira Cloud's "Parent" holds the parent's issue id, not its key.
    FieldSpec("id", "Id", False, ("issue id", "work item id", "id")),
    FieldSpec("issue_type", "Issue type", False, TRACKER_COLUMNS["issue_type"]),
    FieldSpec("parent", "Parent or epic", False, TRACKER_COLUMNS["parent"]),
    FieldSpec("start", "Start date", False, _START),
    FieldSpec(
        "due", "Due date", False, ("end", "end date", "finish", *TRACKER_COLUMNS["due_date"])
    ),
    FieldSpec("status", "Status", False, TRACKER_COLUMNS["status"]),
    FieldSpec("owner", "Owner", False, TRACKER_COLUMNS["owner"]),
    FieldSpec("sprint", "Sprint", False, TRACKER_COLUMNS["sprint"]),
    FieldSpec("release", "Fix version", False, TRACKER_COLUMNS["fix_version"]),
]
_EPICS = {simplify(word) for word in ("epic", "épica", "épique", "epos", "épico", "initiative")}
_MILESTONES = {simplify(word) for word in ("milestone", "jalon", "hito", "meilenstein", "marco")}
_DONE = {
    simplify(word)
    for word in (
        "done",
        "closed",
        "resolved",
        "fixed",
        "completed",
        "terminé",
        "terminée",
        "fermé",
        "hecho",
        "cerrado",
        "finalizado",
        "fertig",
        "erledigt",
        "geschlossen",
        "concluído",
        "fechado",
        "gereed",
        "afgerond",
        "gesloten",
    )
}
_IN_PROGRESS = {
    simplify(word)
    for word in (
        "in progress",
        "started",
        "en cours",
        "en curso",
        "in arbeit",
        "em andamento",
        "in uitvoering",
        "in review",
        "doing",
    )
}


def read_plan_file(path: Path, sheet: str | None = None) -> Plan:
    """Any plan a PM brings, checked: a ``.gan``, MS Project XML, or a tracker's CSV or
    workbook; other kinds of file are refused in one sentence."""
    if detect(path).key in ("csv", "xlsx"):
        plan = read_tracker_plan(path, sheet)
        plan.check(quoted(path))
        return plan
    return read_plan(path)


def read_tracker_plan(path: Path, sheet: str | None = None) -> Plan:
    """The epics and stories of a tracker export as an unchecked :class:`Plan`."""
    table = read_table(path, repeated_headers=True, sheet=sheet, what="as a roadmap")
    return plan_from_table(table, path.stem, quoted(path))


def plan_from_table(table: CsvTable, name: str, source: str) -> Plan:
    columns = guess_mapping(table.headers, FIELDS)
    if columns["title"] is None:
        raise InterchangeError(
            f"{source} has no column for the title (Summary, Title or Name), so it is not a "
            "list of epics and stories."
        )
    blocks = _link_columns(table.headers)

    def cell(cells: Sequence[str], key: str) -> str:
        column = columns[key]
        return cells[column].strip() if column is not None and column < len(cells) else ""

    rows = [(line, cells) for line, cells in zip(table.lines, table.rows, strict=True)]
    keys = {cell(cells, "key").lower(): str(line) for line, cells in rows if cell(cells, "key")}
    ids = {cell(cells, "id").lower(): str(line) for line, cells in rows if cell(cells, "id")}
    titles = {cell(cells, "title").lower(): str(line) for line, cells in rows}
    named_as_parent = {cell(cells, "parent").lower() for _line, cells in rows} - {""}
    lines_named = {keys.get(n) or ids.get(n) or titles.get(n) for n in named_as_parent} - {None}
    tasks: list[Task] = []
    links: list[tuple[str, str]] = []
    for line, cells in rows:
        uid = str(line)
        kind = simplify(cell(cells, "issue_type"))
        epic = kind in _EPICS or uid in lines_named
        parent_text = cell(cells, "parent").lower()
        parent = keys.get(parent_text) or ids.get(parent_text) or titles.get(parent_text)
        start = _day(cell(cells, "start"), source, line)
        end = _day(cell(cells, "due"), source, line)
        milestone = kind in _MILESTONES
        if milestone:
            start = start or end
            end = start
        elif start is None and end is not None:
            start = end  # only a due date: a one-day item on that day
        elif end is None and start is not None:
            end = start
        status = simplify(cell(cells, "status"))
        progress = 100 if status in _DONE else (50 if status in _IN_PROGRESS else 0)
        tags = [
            f"{prefix}:{cell(cells, key)}"
            for key, prefix in (("sprint", "sprint"), ("release", "release"))
            if cell(cells, key)
        ]
        owner = cell(cells, "owner")
        tasks.append(
            Task(
                uid,
                _title(cell(cells, "title")),
                start,
                end,
                milestone,
                progress,
                parent if parent != uid and not epic else None,
                [owner] if owner else [],
                bool(epic),
                tags,
            )
        )
        for column, outward in blocks:
            other = cells[column].strip().lower() if column < len(cells) else ""
            if other in keys:
                links.append((uid, keys[other]) if outward else (keys[other], uid))
    return Plan(_title(name), tasks, links)


def _link_columns(headers: Sequence[str]) -> list[tuple[int, bool]]:
    """Columns of dependency links: (index, True when this row blocks the one named)."""
    found = []
    for index, header in enumerate(headers):
        lowered = header.lower()
        if (
            "blocked by" in lowered
            or "depends on" in lowered
            or ("inward" in lowered and "block" in lowered)
        ):
            found.append((index, False))
        elif "block" in lowered:
            found.append((index, True))
    return found


def _day(text: str, source: str, line: int) -> date | None:
    if not text:
        return None
    day = tracker_date(text)
    if day is None:
        raise InterchangeError(
            f"In {source}, line {line} has the date “{text}”, which is not a date."
        )
    return day
