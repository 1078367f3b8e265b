"""Stakeholders from and to CSV: a preview with reasons per bad row, then an all-or-nothing
import of the good rows; an export whose columns the import reads back.

Registers are kept in many shapes: influence as High/Medium/Low or on a 1–5 scale, attitude as
"Supportive" or "Résistant", names split into first and last. The preview lists the distinct
values of influence, interest and attitude with the value each becomes (changeable); a value
nobody maps takes the field's default, so no row is lost for a word. A first and a last name
column are joined into the name when the file has no name column of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.interchange import remembered
from pmdesk.interchange.combine import combine_columns, name_parts
from pmdesk.interchange.csv_table import (
    CsvTable,
    FieldSpec,
    Preview,
    build_preview,
    guess_mapping,
    write_csv,
)
from pmdesk.interchange.tables import read_table as read_any_table
from pmdesk.interchange.trackers import source_kind, tracker_date
from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.interchange.vocabularies import Vocabulary, says_small_scale
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    SCORE_MAX,
    SCORE_MIN,
    STRATEGIES,
)

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "stakeholder",
        "full name",
        "person",
        "contact",
        "nom",
        "nombre",
        "nome",
        "naam",
        "nom complet",
        "nombre completo",
        "vollständiger name",
    ),
    "role": (
        "title",
        "job title",
        "position",
        "role",
        "fonction",
        "poste",
        "cargo",
        "puesto",
        "funktion",
        "rolle",
        "função",
        "functie",
    ),
    "department": (
        "organisation",
        "organization",
        "dept",
        "team",
        "company",
        "group",
        "département",
        "service",
        "departamento",
        "abteilung",
        "afdeling",
    ),
    "external": ("internal/external", "is external", "internal or external", "type"),
    "influence": (
        "power",
        "influence (power)",
        "power/influence",
        "influence level",
        "pouvoir",
        "poder",
        "einfluss",
        "macht",
        "invloed",
        "influência",
        "influencia",
    ),
    "interest": ("interest level", "intérêt", "interés", "interesse", "belang"),
    "attitude": (
        "stance",
        "sentiment",
        "support",
        "position on project",
        "attitude",
        "actitud",
        "haltung",
        "atitude",
        "houding",
        "current support",
    ),
    "strategy_override": ("engagement strategy", "engagement"),
    "needs": ("needs", "needs from pm", "what they need"),
    "deliverables": ("key deliverables", "outcomes", "deliverables/outcomes"),
    "channel": ("communication channel",),
    "cadence": ("frequency",),
    "owner": ("relationship owner",),
    "last_contact": ("last contacted", "last touchpoint"),
    "next_touchpoint": ("next contact", "next meeting", "next touch point"),
    "notes": ("comments",),
    "tags": ("labels", "tag"),
}
REQUIRED = ("name", "influence", "interest")

FIELDS: list[FieldSpec] = [
    FieldSpec(key, rule.label, key in REQUIRED, _ALIASES.get(key, ()))
    for key, rule in edit.FIELDS.items()
]


_SCORES = {str(n): str(n) for n in range(SCORE_MIN, SCORE_MAX + 1)}
# High must land in the grid's high half (6 and up), Medium in the middle, Low in the low half.
_LEVELS = {"very_high": "10", "high": "8", "medium": "5", "low": "3", "very_low": "1"}
LEVEL_VOCABULARY = Vocabulary(
    _SCORES,
    "5",
    "level",
    _LEVELS,
    scale={1: "1", 2: "3", 3: "5", 4: "8", 5: "10"},
    numbers=range(SCORE_MIN, SCORE_MAX + 1),
)
ATTITUDE_VOCABULARY = Vocabulary(ATTITUDES, "neutral", "attitude", {key: key for key in ATTITUDES})
VOCABULARIES = {
    "influence": LEVEL_VOCABULARY,
    "interest": LEVEL_VOCABULARY,
    "attitude": ATTITUDE_VOCABULARY,
}
DATE_FIELDS = ("last_contact", "next_touchpoint")


def read_table(path: Path, sheet: str | None = None) -> CsvTable:
    """A CSV file or a workbook's sheet; other kinds of file are refused in one sentence."""
    return read_any_table(path, sheet=sheet, what="as stakeholders")


def prepare_table(table: CsvTable) -> CsvTable:
    """The table as the import reads it: first and last name joined when there is no name."""
    if any(spec.matches(header) for header in table.headers for spec in FIELDS[:1]):
        return table
    parts = name_parts(table.headers)
    return combine_columns(table, parts) if parts else table


def default_mapping(table: CsvTable) -> dict[str, int | None]:
    """Columns by name; "Power (1-5)" is found as "Power" when no column is named exactly."""
    exact = guess_mapping(table.headers, FIELDS)
    plain = [re.sub(r"\s*\([^)]*\)", "", header).strip() for header in table.headers]
    loose = guess_mapping(plain, FIELDS)
    used = {column for column in exact.values() if column is not None}
    for key, column in exact.items():
        if column is None and loose[key] is not None and loose[key] not in used:
            exact[key] = loose[key]
            used.add(loose[key])
    return exact


def value_maps_for(table: CsvTable, mapping: Mapping[str, int | None]) -> dict[str, ValueMap]:
    labels = {spec.key: spec.label for spec in FIELDS}
    maps = {}
    for key, vocabulary in VOCABULARIES.items():
        column = mapping.get(key)
        if column is None:
            continue
        texts = (cells[column] for cells in table.rows if column < len(cells))
        small = says_small_scale(table.headers[column])
        maps[key] = ValueMap.of(key, labels[key], vocabulary, texts, small_scale=small)
    return maps


def check_row(
    raw: Mapping[str, str], value_maps: Mapping[str, ValueMap] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The values to store for one row, and every reason it cannot be imported."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    raw = dict(raw)
    for key, value_map in (value_maps or {}).items():
        if raw.get(key, "").strip():
            raw[key] = value_map.target(raw[key])
    for key in DATE_FIELDS:
        day = tracker_date(raw[key]) if raw.get(key) else None
        if day is not None:
            raw[key] = day.isoformat()
    for key, text in raw.items():
        if key not in REQUIRED and not text.strip():
            continue  # an empty optional cell keeps the default
        try:
            values[key] = edit.clean_value(key, text)
        except ValidationError as error:
            problems.append(str(error).rstrip("."))
    if "department" in values and "external" not in values:
        values.update(edit.clean_fields({"department": values["department"]}))
    return values, problems


def preview(
    session: Session,
    table: CsvTable,
    mapping: Mapping[str, int | None] | None = None,
    value_maps: Mapping[str, ValueMap] | None = None,
    *,
    taken: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Preview:
    """What importing ``table`` would do; nothing is written. ``taken``: the project's names,
    when already read; ``progress`` as for :func:`build_preview`."""
    chosen = dict(mapping) if mapping is not None else default_mapping(table)
    maps = dict(value_maps) if value_maps is not None else value_maps_for(table, chosen)
    taken = list(edit.existing_names(session)) if taken is None else taken

    def check(raw: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
        return check_row(raw, maps)

    return build_preview(
        table, FIELDS, chosen, check, unique="name", taken=taken, progress=progress
    )


def summary(checked: Preview, value_maps: Mapping[str, ValueMap]) -> str:
    """The preview's summary, with what the value mapping did."""
    text = checked.summary()
    mapped = count_mapping(value_maps.values()).sentence()
    if checked.missing or not mapped:
        return text
    return f"{text[:-1]}; {mapped}."


def import_rows(session: Session, checked: Preview) -> list[str]:
    """Add the preview's good rows as new stakeholders, all together or none."""
    rows = checked.good_rows
    if not rows:
        raise ValidationError("There are no rows without problems to import.")
    return edit.create_many(session, [row.values for row in rows])


def export(session: Session, path: Path) -> int:
    """Write every stakeholder to ``path``; returns how many."""
    people = edit.load_map(session).stakeholders
    headers = [spec.label for spec in FIELDS]
    rows = [[_cell(key, getattr(person, key)) for key in edit.FIELDS] for person in people]
    write_csv(path, headers, rows)
    return len(people)


def _cell(key: str, value: object) -> object:
    if key == "attitude":
        return ATTITUDES.get(str(value), value)
    if key == "strategy_override":
        return STRATEGIES.get(str(value), "")
    if key == "external":
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return value


class ImportReview:
    """A CSV file on its way in: its column mapping, the value mapping of influence, interest
    and attitude, and the preview they give.

    The preview dialog changes the mappings; the page imports ``preview.good_rows`` once the PM
    confirms. Nothing is written until then. Choices made for an earlier file with the same
    columns are applied first; :meth:`remember` keeps these for the next.
    """

    def __init__(
        self,
        session: Session,
        table: CsvTable,
        source: str,
        *,
        recall: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """``progress`` hears of the first preview's rows and may raise to stop. The project
        is read here only, so the review can outlive its session (a worker thread's)."""
        self.session = session
        self._taken = list(edit.existing_names(session))
        self.table = prepare_table(table)
        self.source = source
        self.source_kind = source_kind(self.table.headers)
        self.mapping = default_mapping(self.table)
        if self.table is not table:  # first and last name joined: the last column is the name
            self.mapping["name"] = len(self.table.headers) - 1
        memory = remembered.recall("stakeholders", self.source_kind) if recall else {}
        headers = [header.strip().lower() for header in self.table.headers]
        for key, names in memory.get("columns", {}).items():
            if key in self.mapping and names and names[0].lower() in headers:
                self.mapping[key] = headers.index(names[0].lower())
        self.value_maps = value_maps_for(self.table, self.mapping)
        for key, choices in memory.get("values", {}).items():
            if key in self.value_maps:
                self.value_maps[key].apply_overrides(choices)
        self.preview = self._build(progress)

    def _build(self, progress: Callable[[int, int], None] | None = None) -> Preview:
        return preview(
            self.session,
            self.table,
            self.mapping,
            self.value_maps,
            taken=self._taken,
            progress=progress,
        )

    def _rebuild(self) -> None:
        self.preview = self._build()

    def summary(self) -> str:
        return summary(self.preview, self.value_maps)

    def remap(self, key: str, column: int | None) -> None:
        self.mapping[key] = column
        if key in VOCABULARIES:
            previous = self.value_maps.get(key)
            self.value_maps = {k: v for k, v in self.value_maps.items() if k != key} | {
                k: v for k, v in value_maps_for(self.table, self.mapping).items() if k == key
            }
            if previous is not None and key in self.value_maps:
                self.value_maps[key].apply_overrides(previous.overrides())
        self._rebuild()

    def choose_value(self, key: str, text: str, value: str | None) -> None:
        """The PM's choice: ``text`` in ``key``'s column becomes ``value`` (None: the default)."""
        self.value_maps[key].choose(text, value)
        self._rebuild()

    def remember(self) -> None:
        """Keep this import's column and value choices for the next file of the same kind."""
        headers = self.table.headers
        columns = {
            key: ([] if column is None else [headers[column]])
            for key, column in self.mapping.items()
        }
        values = {key: vm.overrides() for key, vm in self.value_maps.items() if vm.overrides()}
        remembered.remember("stakeholders", self.source_kind, columns, values)

    def rows_to_create(self) -> list[dict[str, Any]]:
        """The good rows as new records, each with its id fixed (so redo recreates the same)."""
        return [{"id": new_id(), **row.values} for row in self.preview.good_rows]
