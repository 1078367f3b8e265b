"""The column and value mapping a PM chose, remembered per kind of source for the next import.

A PM who told PM Desk once that "Bloqué" means "In roadmap" in their French Jira, or that the
"Owner (team)" column is the owner, should not have to say it again next month. Choices are
kept per target ("requirements", "stakeholders", ...) and source kind ("jira", "linear", "csv")
in one small JSON file in PM Desk's data folder, never in the project: they belong to the PM's
tools, not to the product. A damaged or unreadable file is ignored, never an error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pmdesk.store.paths import data_dir

FILE_NAME = "import-mappings.json"


def _path() -> Path:
    return data_dir() / FILE_NAME


def _read_all() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(target: str, source_kind: str) -> dict[str, Any]:
    """``{"columns": {field: [header, ...]}, "values": {field: {text: value}}}`` or empty."""
    entry = _read_all().get(f"{target}:{source_kind}", {})
    if not isinstance(entry, dict):
        return {}
    columns = entry.get("columns", {})
    values = entry.get("values", {})
    return {
        "columns": {
            str(key): [str(name) for name in names]
            for key, names in (columns.items() if isinstance(columns, dict) else [])
            if isinstance(names, list)
        },
        "values": {
            str(key): {str(text): str(value) for text, value in choices.items()}
            for key, choices in (values.items() if isinstance(values, dict) else [])
            if isinstance(choices, dict)
        },
    }


def remember(
    target: str,
    source_kind: str,
    columns: dict[str, list[str]],
    values: dict[str, dict[str, str]],
) -> None:
    """Keep the choices of an import that went ahead; a write that fails is not worth an error."""
    data = _read_all()
    data[f"{target}:{source_kind}"] = {"columns": columns, "values": values}
    path = _path()
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
