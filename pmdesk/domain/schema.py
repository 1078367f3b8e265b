"""Every kind of record a project holds, grouped as the JSON dump groups them.

Importing this module registers every table with ``Base.metadata``. A workspace adds its models
here, under its own key; the store, the dump and ``pmdesk check`` all read this one table.
"""

from __future__ import annotations

from pmdesk.domain.base import Base, Record
from pmdesk.domain.overview import Project

# key in the JSON dump -> {sub-key: model}; empty until the workspace lands.
WORKSPACE_RECORDS: dict[str, dict[str, type[Record]]] = {
    "stakeholders": {},
    "competition": {},
    "strategy": {},
    "roadmap": {},
    "requirements": {},
    "briefings": {},
}


def record_models() -> list[type[Record]]:
    """Every record model, the project first, in the order a report lists them."""
    models: list[type[Record]] = [Project]
    for group in WORKSPACE_RECORDS.values():
        models.extend(group.values())
    return models


metadata = Base.metadata
