"""Board templates: one JSON file per template under ``resources/templates/boards``.

Adding a template is adding a file. A file that cannot be read is skipped and reported as a
problem naming the file, so one bad template never stops the app from starting.

A template file looks like::

    {"name": "Lean Canvas", "description": "...", "row_weights": [2, 2, 1],
     "blocks": [{"title": "Problem", "hint": "...", "row": 0, "column": 0,
                 "row_span": 2, "column_span": 2}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import Any

from pmdesk.errors import PmdeskError
from pmdesk.resources import resource
from pmdesk.workspaces.strategy.model import GRID_MAX, NAME_MAX

TEMPLATE_FOLDER = ("templates", "boards")


class TemplateError(PmdeskError):
    """A board template file is malformed."""


@dataclass(frozen=True)
class BlockSpec:
    title: str
    hint: str
    row: int
    column: int
    row_span: int
    column_span: int


@dataclass(frozen=True)
class BoardTemplate:
    key: str  # the file name without .json
    name: str
    description: str
    blocks: tuple[BlockSpec, ...]


@dataclass
class TemplateCatalog:
    templates: list[BoardTemplate] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence per unreadable file

    def get(self, key: str) -> BoardTemplate | None:
        return next((t for t in self.templates if t.key == key), None)


def load_templates(folder: Traversable | None = None) -> TemplateCatalog:
    """Every readable template in ``folder`` (the bundled one by default), sorted by name."""
    folder = folder if folder is not None else resource(*TEMPLATE_FOLDER)
    catalog = TemplateCatalog()
    if not folder.is_dir():
        catalog.problems.append("The folder of board templates is missing.")
        return catalog
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            text = entry.read_text(encoding="utf-8")
            catalog.templates.append(parse_template(text, entry.name))
        except TemplateError as error:
            catalog.problems.append(str(error))
        except (OSError, UnicodeDecodeError) as error:
            catalog.problems.append(f"The board template {entry.name} cannot be read: {error}.")
    catalog.templates.sort(key=lambda t: t.name.lower())
    return catalog


def parse_template(text: str, file_name: str) -> BoardTemplate:
    """The template in ``text``; TemplateError names ``file_name`` and the problem."""

    def fail(problem: str) -> TemplateError:
        return TemplateError(f"The board template {file_name} was skipped: {problem}.")

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise fail(
            f"it is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise fail("it must hold a JSON object")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
        raise fail(f"“name” must be text of 1 to {NAME_MAX} characters")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail("“description” must be text")
    blocks = data.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        raise fail("“blocks” must be a list with at least one block")
    specs = tuple(_block(item, index, fail) for index, item in enumerate(blocks))
    _check_overlap(specs, fail)
    key = file_name.removesuffix(".json")
    return BoardTemplate(key, name.strip(), description.strip(), specs)


def _block(item: Any, index: int, fail: Any) -> BlockSpec:
    where = f"block {index + 1}"
    if not isinstance(item, dict):
        raise fail(f"{where} must be a JSON object")
    title = item.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > NAME_MAX:
        raise fail(f"{where} needs a “title” of 1 to {NAME_MAX} characters")
    hint = item.get("hint", "")
    if not isinstance(hint, str):
        raise fail(f"the “hint” of {where} ({title}) must be text")
    numbers = {}
    for key, low in (("row", 0), ("column", 0), ("row_span", 1), ("column_span", 1)):
        value = item.get(key, 1 if low else None)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= GRID_MAX:
            raise fail(f"“{key}” of {where} ({title}) must be a whole number from {low} to 24")
        numbers[key] = value
    return BlockSpec(title.strip(), hint.strip(), **numbers)


def _check_overlap(specs: tuple[BlockSpec, ...], fail: Any) -> None:
    taken: dict[tuple[int, int], str] = {}
    for spec in specs:
        for row in range(spec.row, spec.row + spec.row_span):
            for column in range(spec.column, spec.column + spec.column_span):
                if (row, column) in taken:
                    raise fail(f"blocks “{taken[row, column]}” and “{spec.title}” overlap")
                taken[row, column] = spec.title
