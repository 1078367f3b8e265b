"""``pmdesk import PROJECT SOURCE --as KIND``: the app's import, without the app.

The same reading (file kind detection, CSV or a workbook sheet), the same column and value
mapping (vocabularies, the choices remembered from the last import of that kind of source, and
an optional ``--map FILE.json``), the same checks. Either every good row goes in and the
project is saved atomically (exit 0), or nothing changes and one sentence says why (exit 1). A
tracker export imported again updates the requirements it made, matched by their key.

The map file names columns by their header and values by their text::

    {"columns": {"title": "Résumé", "tags": ["Labels", "Labels"]},
     "values": {"status": {"Bloqué": "accepted"}},
     "default_source": "interview"}
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmdesk.domain.values import COMMA_DECIMAL, POINT_DECIMAL
from pmdesk.errors import InterchangeError, PmdeskError, ValidationError
from pmdesk.interchange.csv_table import CsvTable
from pmdesk.interchange.tables import SheetChoiceError
from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.store.document import Document
from pmdesk.store.fileformat import quoted

DECIMALS = {"point": POINT_DECIMAL, "comma": COMMA_DECIMAL}
KINDS = ("requirements", "inputs", "stakeholders", "competition", "roadmap")
SKIPPED_SHOWN = 10  # the first reasons; the rest are counted


def add_parser(commands: Any) -> None:
    """The ``import`` subcommand's arguments (called by ``cli``)."""
    parser = commands.add_parser(
        "import",
        help="import a tracker export, register or matrix (.csv, .xlsx), or a plan (.gan, MSPDI)",
    )
    parser.add_argument("project", type=Path, help="the .pmdb project to import into")
    parser.add_argument("source", type=Path, help="the file to import")
    parser.add_argument("--as", dest="kind", required=True, choices=KINDS, help="what it holds")
    parser.add_argument("--map", dest="map_file", type=Path, help="a JSON column/value mapping")
    parser.add_argument("--sheet", help="the workbook sheet to read, when it has several")
    parser.add_argument(
        "--decimal",
        choices=("point", "comma"),
        help="the decimal mark of the file's numbers (detected from the file by default)",
    )


@dataclass
class Outcome:
    nouns: tuple[str, str]  # what was imported: one, many ("requirement", "requirements")
    created: int
    updated: int
    skipped: list[tuple[int, list[str]]]
    maps: list[ValueMap]
    numbers: str = ""  # how the file's numbers were read, when it has numeric columns
    assumed: bool = False  # the file did not say: the reading is an assumption

    def report(self, source: Path, project: Path) -> str:
        counts = count_mapping(self.maps)
        one, many = self.nouns
        done = f"Imported {self.created} {one if self.created == 1 else many}"
        if self.updated:
            done += f" and updated {self.updated} (same key)"
        lines = [f"{done} from {quoted(source)} into {quoted(project)}."]
        if self.maps or self.skipped or self.numbers:
            lines.append(
                f"  Values mapped: {counts.translated}; unmapped, set to the default: "
                f"{counts.defaulted}; rows skipped: {len(self.skipped)}."
            )
        if self.numbers:
            lines.append(f"  {self.numbers}")
            if self.assumed:
                lines.append("  If that is wrong, import again with --decimal point or comma.")
        for value_map in self.maps:
            for entry in value_map.found.values():
                choices = value_map.vocabulary.choices
                target = choices.get(entry.target, entry.target) if entry.target else "(default)"
                lines.append(f"    {value_map.label}: {entry.text} → {target} ×{entry.count}")
        for line, problems in self.skipped[:SKIPPED_SHOWN]:
            lines.append(f"  Skipped line {line}: {'; '.join(problems)}.")
        if len(self.skipped) > SKIPPED_SHOWN:
            lines.append(f"  … and {len(self.skipped) - SKIPPED_SHOWN} more skipped rows.")
        return "\n".join(lines)


def run(options: argparse.Namespace) -> int:
    mapping = _read_map(options.map_file) if options.map_file else {}
    document = Document.open(options.project)
    try:
        if document.read_only_reason:
            raise PmdeskError(
                f"{quoted(options.project)} cannot be changed now: {document.read_only_reason}"
            )
        if options.kind == "roadmap":
            outcome = _import_plan(document, options.source, mapping, options.sheet)
        else:
            table = _read_source(options.source, options.kind, options.sheet)
            outcome = _import(
                document, options.kind, table, options.source, mapping, options.decimal
            )
        document.save()
    finally:
        document.close()
    print(outcome.report(options.source, options.project))
    return 0


def _read_source(path: Path, kind: str, sheet: str | None) -> CsvTable:
    try:
        if kind in ("requirements", "inputs"):
            from pmdesk.workspaces.requirements import io as requirements_io

            return requirements_io.read_table(path, sheet)
        if kind == "stakeholders":
            from pmdesk.workspaces.stakeholders import io as stakeholders_io

            return stakeholders_io.read_table(path, sheet)
        from pmdesk.workspaces.competition import io as competition_io

        return competition_io.read_matrix_csv(path, sheet)
    except SheetChoiceError as error:
        raise InterchangeError(f"{error} Name it with --sheet.") from None


def _read_map(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InterchangeError(f"{quoted(path)} does not exist.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InterchangeError(f"{quoted(path)} is not a JSON mapping file ({error}).") from None
    except OSError as error:
        raise InterchangeError(f"{quoted(path)} cannot be read: {error.strerror}.") from None
    if not isinstance(data, dict) or not set(data) <= {"columns", "values", "default_source"}:
        raise InterchangeError(
            f"{quoted(path)} is not a mapping file: it holds “columns”, “values” and "
            "“default_source”, and nothing else."
        )
    data["source_name"] = quoted(path)
    return data


def _columns_from_map(
    mapping: dict[str, Any], table: CsvTable, fields: list[str]
) -> dict[str, list[int]]:
    """Field -> column indexes named by the map file, or InterchangeError naming what is wrong."""
    name = mapping.get("source_name", "The mapping file")
    columns = mapping.get("columns", {})
    if not isinstance(columns, dict):
        raise InterchangeError(f"{name}: “columns” must map fields to column names.")
    unknown = [key for key in columns if key not in fields]
    if unknown:
        raise InterchangeError(
            f"{name} names a field “{unknown[0]}” that this import does not have; the fields "
            f"are {', '.join(fields)}."
        )
    headers = [header.strip().lower() for header in table.headers]
    chosen: dict[str, list[int]] = {}
    missing: list[str] = []
    for key, names in columns.items():
        wanted = [names] if isinstance(names, str) else list(names or [])
        indexes: list[int] = []
        for header in wanted:
            matches = [i for i, h in enumerate(headers) if h == str(header).strip().lower()]
            fresh = [i for i in matches if i not in indexes]
            if not fresh:
                missing.append(f"“{header}” (for {key})")
            else:
                indexes.append(fresh[0])
        chosen[key] = indexes
    if missing:
        raise InterchangeError(
            f"{name} names columns the file does not have: {', '.join(missing)}."
        )
    return chosen


def _apply_values(mapping: dict[str, Any], maps: dict[str, ValueMap], choose: Any) -> None:
    name = mapping.get("source_name", "The mapping file")
    for key, choices in (mapping.get("values") or {}).items():
        if key not in maps:
            raise InterchangeError(f"{name} maps values of “{key}”, which no column fills.")
        vocabulary = maps[key].vocabulary
        for text, value in choices.items():
            if value not in vocabulary.choices and value != "":
                allowed = ", ".join(vocabulary.choices)
                raise InterchangeError(
                    f"{name} maps “{text}” to “{value}”, which is not one of {allowed}."
                )
            if maps[key].found.get(_simple(text)) is not None:
                choose(key, text, value or None)


def _simple(text: str) -> str:
    from pmdesk.interchange.vocabularies import simplify

    return simplify(text.strip()) or text.strip()


def _import(
    document: Document,
    kind: str,
    table: CsvTable,
    source: Path,
    mapping: dict[str, Any],
    decimal: str | None = None,
) -> Outcome:
    session = document.session
    if kind in ("requirements", "inputs"):
        from pmdesk.workspaces.requirements import io as requirements_io

        review = requirements_io.ImportReview(
            session, table, source.name, kind, update_existing=kind == "requirements"
        )
        if "default_source" in mapping:
            review.set_default_source(str(mapping["default_source"]))
        fields = [spec.key for spec in review.fields]
        for key, columns in _columns_from_map(mapping, table, fields).items():
            review.remap(key, columns)
        _apply_values(mapping, review.value_maps, review.choose_value)
        if decimal:
            review.set_number_format(DECIMALS[decimal])
        _refuse_unmappable(review.value_maps, source)
        _refuse_empty(review.preview.good_rows, review.preview.summary(), source)
        created = review.rows_to_create()
        updates = review.rows_to_update()
        requirements_io.import_file_rows(session, kind, created, updates)
        _remember(review, mapping)
        noun = "requirement" if kind == "requirements" else "customer input"
        skipped = [(row.line, row.problems) for row in review.preview.bad_rows]
        numbers = review.numbers.sentence if review.has_numbers else ""
        maps = list(review.value_maps.values())
        assumed = bool(numbers and review.numbers.assumption)
        nouns = (noun, f"{noun}s")
        return Outcome(nouns, len(created), len(updates), skipped, maps, numbers, assumed)
    if kind == "stakeholders":
        from pmdesk.workspaces.stakeholders import io as stakeholders_io

        people = stakeholders_io.ImportReview(session, table, quoted(source))
        fields = [spec.key for spec in stakeholders_io.FIELDS]
        for key, columns in _columns_from_map(mapping, people.table, fields).items():
            people.remap(key, columns[0] if columns else None)
        _apply_values(mapping, people.value_maps, people.choose_value)
        _refuse_unmappable(people.value_maps, source)
        _refuse_empty(people.preview.good_rows, people.summary(), source)
        stakeholders_io.import_rows(session, people.preview)
        _remember(people, mapping)
        skipped = [(row.line, row.problems) for row in people.preview.bad_rows]
        count = len(people.preview.good_rows)
        maps = list(people.value_maps.values())
        return Outcome(("stakeholder", "stakeholders"), count, 0, skipped, maps)
    from pmdesk.workspaces.competition import io as competition_io

    if mapping.get("columns"):
        raise InterchangeError(
            f"{mapping['source_name']}: a competitive matrix has fixed columns; map values only."
        )
    matrix = competition_io.preview_matrix(session, table)
    _apply_values(mapping, matrix.value_maps, matrix.choose_value)
    if decimal:
        matrix.set_number_format(DECIMALS[decimal])
    _refuse_unmappable(matrix.value_maps, source)
    _refuse_empty(matrix.good_rows, matrix.summary(), source)
    done = competition_io.apply_import(session, matrix)
    _remember(matrix, mapping)
    skipped = [(row.line, row.problems) for row in matrix.bad_rows]
    maps = list(matrix.value_maps.values())
    numeric = any(row.weight_text or row.kind in ("score", "price") for row in matrix.rows)
    numbers = matrix.numbers.sentence if numeric else ""
    assumed = bool(numbers and matrix.numbers.assumption)
    nouns = ("criterion", "criteria")
    return Outcome(nouns, done.criteria_count, 0, skipped, maps, numbers, assumed)


def _import_plan(
    document: Document, source: Path, mapping: dict[str, Any], sheet: str | None
) -> Outcome:
    """A GanttProject or MS Project plan, or a tracker's epics and stories, as lanes, items
    and dependencies."""
    from pmdesk.workspaces.roadmap import io_plans, io_tracker

    if mapping:
        raise InterchangeError(f"{mapping['source_name']}: a project plan needs no mapping file.")
    try:
        plan = io_tracker.read_plan_file(source, sheet)
    except SheetChoiceError as error:
        raise InterchangeError(f"{error} Name it with --sheet.") from None
    done = io_plans.import_plan(document.session, plan)
    lanes, links = len(done.lanes), len(done.links)
    where = (
        f"in {lanes} new lane{'s' if lanes != 1 else ''}, with "
        f"{links} dependenc{'ies' if links != 1 else 'y'},"
    )
    return Outcome((f"roadmap item {where}", f"roadmap items {where}"), len(done.items), 0, [], [])


def _refuse_unmappable(maps: dict[str, ValueMap], source: Path) -> None:
    """A column none of whose values means anything is a wrong column or a wrong file: on the
    command line nobody sees the preview, so say so rather than fill it with defaults."""
    for value_map in maps.values():
        if value_map.found and len(value_map.unmapped) == len(value_map.found):
            shown = ", ".join(f"“{e.text}”" for e in list(value_map.found.values())[:3])
            raise ValidationError(
                f"Nothing was imported from {quoted(source)}: none of the values of its "
                f"{value_map.label} column ({shown}…) means anything PM Desk knows. Map them "
                "with --map, or choose another column."
            )


def _refuse_empty(good: list, summary: str, source: Path) -> None:
    if not good:
        raise ValidationError(f"Nothing was imported from {quoted(source)}: {summary}")


def _remember(review: Any, mapping: dict[str, Any]) -> None:
    """A mapping given on the command line becomes the one remembered for this kind of file."""
    if mapping:
        review.remember()
