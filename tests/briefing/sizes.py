"""Projects of three sizes for briefing tests: a new one with a handful of records, the
sample, and the sample scaled up."""

from __future__ import annotations

import copy
from typing import Any

from pmdesk import registry
from pmdesk.interchange.sample import sample_data

# How many records of each kind a small project keeps; their dependants follow them.
SMALL = {
    ("competition", "competitors"): 2,
    ("competition", "categories"): 2,
    ("competition", "criteria"): 4,
    ("requirements", "requirements"): 2,
    ("requirements", "inputs"): 2,
    ("roadmap", "lanes"): 1,
    ("roadmap", "markers"): 1,
    ("stakeholders", "stakeholders"): 3,
    ("strategy", "boards"): 1,
    ("strategy", "factors"): 3,
    ("strategy", "curves"): 2,
}
# References a small project may drop (set to none) rather than drop the record itself.
OPTIONAL = {
    "board_note_id",
    "criterion_id",
    "factor_id",
    "owner_id",
    "stakeholder_id",
    "competitor_id",
    "requirement_id",
    "size_category_id",
    "size_criterion_id",
    "x_category_id",
    "x_criterion_id",
    "y_category_id",
    "y_criterion_id",
}
# Records that mean nothing without what they point at, optional references or not (and every
# kind of link, whatever its workspace).
DEPENDANT = {
    ("competition", "ratings"),
    ("competition", "battlecards"),
    ("strategy", "levels"),
    ("stakeholders", "interactions"),
    ("stakeholders", "snapshot_positions"),
    ("requirements", "evidence"),
    ("requirements", "roadmap_links"),
}


def small_data() -> dict[str, Any]:
    """The sample cut down to a few records a workspace: what a PM has in week one."""
    data = copy.deepcopy(sample_data())
    for (workspace, kind), count in SMALL.items():
        data[workspace][kind] = data[workspace][kind][:count]
    lanes = {lane["id"] for lane in data["roadmap"]["lanes"]}
    items = [item for item in data["roadmap"]["items"] if item["lane_id"] in lanes]
    data["roadmap"]["items"] = items[:3]
    for _round in range(4):  # removing a record can orphan another
        alive = _ids(data)
        for workspace, records in data.items():
            if not isinstance(records, dict):
                continue
            for kind, rows in records.items():
                if not isinstance(rows, list):
                    continue
                kept = []
                for row in rows:
                    references = {k: v for k, v in row.items() if k.endswith("_id") and v}
                    missing = {k for k, v in references.items() if v not in alive}
                    columns = registry.workspace_records()[workspace][kind].__table__.c
                    required = {field for field in missing if not columns[field].nullable}
                    dependant = (workspace, kind) in DEPENDANT or kind.endswith("links")
                    if missing and (dependant or required or missing - OPTIONAL):
                        continue
                    for field in missing:
                        row[field] = None
                    kept.append(row)
                records[kind] = kept
    return data


def _ids(data: dict[str, Any]) -> set[str]:
    return {
        row["id"]
        for records in data.values()
        if isinstance(records, dict)
        for rows in records.values()
        if isinstance(rows, list)
        for row in rows
        if isinstance(row, dict) and "id" in row
    }
