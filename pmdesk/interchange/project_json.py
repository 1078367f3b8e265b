"""The whole project as stable, sorted, human-diffable JSON, and back.

Layout: ``format``, ``project`` (the overview), then one object per workspace whose members are
lists of records sorted by UUID. ``dump -> load -> dump`` gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.domain.allowed import limits_of, value_problem
from pmdesk.domain.base import Record
from pmdesk.domain.project import Project, get_project
from pmdesk.errors import InterchangeError
from pmdesk.interchange import history
from pmdesk.interchange.records import columns, describe, from_json, to_json
from pmdesk.store.fileformat import FORMAT_VERSION

TOP_LEVEL_KEYS = ("format", "project", *registry.workspace_records())
# Written by every dump; a dump without it (an older one) loads with no merge history.
OPTIONAL_KEYS = (history.DUMP_KEY,)


def dump_project(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": {"version": FORMAT_VERSION},
        "project": to_json(get_project(session)),
    }
    for key, group in registry.workspace_records().items():
        data[key] = {
            sub: [to_json(record) for record in session.scalars(select(model).order_by(model.id))]
            for sub, model in group.items()
        }
    data[history.DUMP_KEY] = history.read_history(session)  # lets copies be merged (merge3)
    return data


# A dump is read whole into memory, so its size is bounded.
MAX_DUMP_BYTES = 512 * 1024 * 1024


def to_text(data: dict[str, Any]) -> str:
    # allow_nan=False: "NaN" and "Infinity" are not JSON; the content rules never let one in.
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def parse_text(text: str, source: str) -> dict[str, Any]:
    """Parse JSON text; ``source`` names it in messages (a file name, usually)."""
    try:
        data = json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{source} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    except ValueError as error:  # NaN or Infinity, or an integer too long to convert
        raise InterchangeError(f"{source} is not valid JSON: {error}.") from None
    except RecursionError:
        raise InterchangeError(
            f"{source} nests lists and objects hundreds of levels deep; a PM Desk dump nests "
            "five, so it is not one."
        ) from None
    if not isinstance(data, dict):
        raise InterchangeError(f"{source} must hold a JSON object, not {describe(data)}.")
    return data


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON number")


def load_project(session: Session, data: dict[str, Any], source: str) -> None:
    """Replace everything in ``session``'s project with ``data``, or change nothing.

    Raises:
        InterchangeError: naming the path of the first bad field, e.g. ``roadmap.items[3].title``.
    """
    rows = _validated_rows(data, source)
    try:
        for table in reversed(registry.metadata().sorted_tables):
            session.execute(delete(table))
        for model, model_rows in rows:
            if model_rows:
                session.execute(insert(model), model_rows)
        history.write_history(session, data.get(history.DUMP_KEY) or {})
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise InterchangeError(f"{source} breaks a rule of the project: {error.orig}.") from None


class _FieldError(Exception):
    """A bad field, found deep in validation; turned into one InterchangeError at the top."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path} {problem}")


def _validated_rows(
    data: dict[str, Any], source: str
) -> list[tuple[type[Record], list[dict[str, Any]]]]:
    try:
        return _checked_rows(data)
    except _FieldError as problem:
        raise InterchangeError(f"In {source}, {problem}.") from None


def _upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """A dump of an older format as this format's: workspaces it predates are empty, and each
    workspace upgrades what it changed since."""
    version = (
        data.get("format", {}).get("version") if isinstance(data.get("format"), dict) else None
    )
    if not isinstance(version, int) or isinstance(version, bool) or version >= FORMAT_VERSION:
        return data
    for key, group in registry.workspace_records().items():
        data.setdefault(key, {sub: [] for sub in group})
    for upgrade in registry.dump_upgrade_steps(version, FORMAT_VERSION):
        data = upgrade(data)
    return data


def _checked_rows(data: dict[str, Any]) -> list[tuple[type[Record], list[dict[str, Any]]]]:
    data = _upgraded(data)
    for key in TOP_LEVEL_KEYS:
        if key not in data:
            raise _FieldError(key, "is missing")
    problem = history.problem_with(data.get(history.DUMP_KEY, {}))
    if problem:
        raise _FieldError(history.DUMP_KEY, problem)
    for key in data:
        if key not in TOP_LEVEL_KEYS and key not in OPTIONAL_KEYS:
            raise _FieldError(key, "is not part of a PM Desk project")
    version = _typed(data["format"], dict, "format").get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _FieldError("format.version", "must be a whole number")
    if version > FORMAT_VERSION:
        raise _FieldError(
            "format.version", f"is {version}; this PM Desk reads up to {FORMAT_VERSION}"
        )

    seen: dict[str, str] = {}  # UUID -> path where first seen
    table_ids: dict[str, set[str]] = {}
    checked: list[tuple[str, type[Record], dict[str, Any]]] = []
    for path, model, record in _records(data):
        values = _record_values(path, model, record)
        problem = registry.record_problem(model.__tablename__, values)
        if problem:
            raise _FieldError(path, f"is refused: {problem.rstrip('.')}")
        if values["id"] in seen:
            raise _FieldError(f"{path}.id", f"repeats the UUID of {seen[values['id']]}")
        seen[values["id"]] = path
        table_ids.setdefault(model.__tablename__, set()).add(values["id"])
        checked.append((path, model, values))
    for path, model, values in checked:
        for column in columns(model):
            target = next(iter(column.foreign_keys), None)
            value = values[column.key]
            if target and value and value not in table_ids.get(target.column.table.name, ()):
                raise _FieldError(f"{path}.{column.key}", f"refers to {value}, which is not there")
    grouped: dict[type[Record], list[dict[str, Any]]] = {}
    for _path, model, values in checked:
        grouped.setdefault(model, []).append(values)
    order = {table.name: index for index, table in enumerate(registry.metadata().sorted_tables)}
    return sorted(grouped.items(), key=lambda item: order[item[0].__tablename__])


def _shown(value: Any) -> str:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return f"“{flat[:39]}…”" if len(flat) > 40 else f"“{flat}”"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 24 else f"a number of {len(text)} digits"


def _typed(value: Any, kind: type, path: str) -> Any:
    if not isinstance(value, kind):
        expected = "an object" if kind is dict else "a list"
        raise _FieldError(path, f"must be {expected}, not {describe(value)}")
    return value


def _records(data: dict[str, Any]) -> Iterator[tuple[str, type[Record], Any]]:
    yield "project", Project, _typed(data["project"], dict, "project")
    for key, group in registry.workspace_records().items():
        workspace = _typed(data[key], dict, key)
        for sub in workspace:
            if sub not in group:
                raise _FieldError(f"{key}.{sub}", "is not part of a PM Desk project")
        for sub, model in group.items():
            if sub not in workspace:
                raise _FieldError(f"{key}.{sub}", "is missing")
            for index, record in enumerate(_typed(workspace[sub], list, f"{key}.{sub}")):
                yield f"{key}.{sub}[{index}]", model, record


def _record_values(path: str, model: type[Record], record: Any) -> dict[str, Any]:
    _typed(record, dict, path)
    known = {column.key for column in columns(model)}
    for key in record:
        if key not in known:
            raise _FieldError(f"{path}.{key}", "is not a field PM Desk knows")
    values: dict[str, Any] = {}
    for column in columns(model):
        if column.key not in record:
            raise _FieldError(f"{path}.{column.key}", "is missing")
        value, problem = from_json(column, record[column.key])
        if problem:
            raise _FieldError(
                f"{path}.{column.key}", f"{problem}, not {describe(record[column.key])}"
            )
        problem = value_problem(limits_of(column), value)
        if problem:
            raise _FieldError(f"{path}.{column.key}", f"{problem}, not {_shown(value)}")
        values[column.key] = value
    return values
