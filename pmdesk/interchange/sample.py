"""The bundled sample project, and copies of it scaled up for big-project benchmarks."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from pmdesk import registry
from pmdesk.interchange.project_json import parse_text
from pmdesk.resources import resource

SAMPLE_FOLDER = "sample"
# Fields a person reads a record by; scaled copies get a suffix there so they stay apart.
LABEL_FIELDS = ("name", "title")
_SCALE_NAMESPACE = uuid.UUID("5d7c3b8e-8a8f-4c61-9d1a-6f0b8f1c2e47")


def sample_data(scale: int = 1) -> dict[str, Any]:
    """The sample project as dump data, its workspace records repeated ``scale`` times.

    ``project.json`` holds the format and the overview; each workspace keeps its records in a
    file named after its key (``roadmap.json``), so workspaces grow the sample independently.
    """
    data = _read_sample("project")
    for key, group in registry.workspace_records().items():
        source = resource(SAMPLE_FOLDER, f"{key}.json")
        data[key] = _read_sample(key) if source.is_file() else {sub: [] for sub in group}
    return scaled(data, scale)


def _read_sample(name: str) -> dict[str, Any]:
    text = resource(SAMPLE_FOLDER, f"{name}.json").read_text(encoding="utf-8")
    return parse_text(text, f"the sample file {name}.json")


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """Repeat every workspace record ``factor`` times, with fresh UUIDs and links kept inside
    each copy. The project overview stays one record."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    result = copy.deepcopy(data)
    originals = [
        (key, sub, record)
        for key in registry.workspace_records()
        for sub, records in data.get(key, {}).items()
        for record in records
    ]
    ids = {record["id"] for _key, _sub, record in originals}
    for number in range(2, factor + 1):
        mapping = {old: str(uuid.uuid5(_SCALE_NAMESPACE, f"{old}/{number}")) for old in ids}
        for key, sub, record in originals:
            clone = {
                field: mapping.get(value, value) if isinstance(value, str) else value
                for field, value in record.items()
            }
            for field in LABEL_FIELDS:
                if isinstance(clone.get(field), str):
                    clone[field] = f"{clone[field]} ({number})"
            result[key][sub].append(clone)
    return result
