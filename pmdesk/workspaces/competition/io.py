"""The competitive matrix as a wide CSV: one row per criterion, one column per competitor.

Columns: Category, Criterion, Kind, Weight, then one per competitor, named as in the project.
Export writes every criterion; import reads the file through ``csv_table`` (encoding, BOM and
separator sniffing), checks every row, and shows a preview before anything changes: rows with a
bad weight, a rating that does not fit the criterion's kind, or a criterion named twice are
skipped with their reasons; columns naming competitors the project does not have are offered
for adding. The import is one transaction and returns what undo needs.

Feature-comparison spreadsheets made elsewhere are read too: the criterion column may be called
"Feature" (in six languages) or have no name at all when it is the first; without a Kind column
a new criterion's kind is read from its cells (Y/N/✓/✗/partial make a yes/no criterion, 0–5 a
score, "$49" a price). Yes/no words go through a value map the PM can change; a word nobody maps
leaves that cell unrated and is counted, it never costs the row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id, utc_now
from pmdesk.domain.values import POINT_DECIMAL, NumberFormat
from pmdesk.errors import InterchangeError, ValidationError
from pmdesk.interchange import remembered
from pmdesk.interchange.csv_table import CsvTable, csv_text, write_csv
from pmdesk.interchange.numbers import AS_TYPED, DetectedFormat, detect_number_format
from pmdesk.interchange.tables import read_table
from pmdesk.interchange.trackers import source_kind
from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.interchange.vocabularies import Vocabulary, simplify, whole_number
from pmdesk.store.touched import insert_many, new_row_values
from pmdesk.workspaces.competition.edit import (
    RatingState,
    categories,
    competitors,
    criteria,
    restore_ratings,
)
from pmdesk.workspaces.competition.model import (
    NAME_MAX,
    RATING_KINDS,
    SCORE_MAX,
    SCORE_MIN,
    YES_NO_VALUES,
    Competitor,
    Criterion,
    CriterionCategory,
    Rating,
)
from pmdesk.workspaces.competition.rules import parse_kind, parse_value, parse_weight

FIXED_HEADERS = ("Category", "Criterion", "Kind", "Weight")
DEFAULT_CATEGORY = "Imported"
PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]  # (rows checked, rows in all); raises to cancel
# Other names spreadsheets give the fixed columns, compared simplified.
HEADER_ALIASES = {
    "Criterion": (
        "criterion",
        "feature",
        "features",
        "capability",
        "capabilities",
        "function",
        "fonctionnalité",
        "fonctionnalités",
        "critère",
        "funcionalidad",
        "criterio",
        "característica",
        "funktion",
        "kriterium",
        "merkmal",
        "funcionalidade",
        "critério",
        "recurso",
        "functie",
        "functionaliteit",
        "criterium",
    ),
    "Category": (
        "category",
        "group",
        "area",
        "section",
        "catégorie",
        "categoría",
        "kategorie",
        "categoria",
        "categorie",
        "groupe",
        "grupo",
        "gruppe",
        "groep",
    ),
    "Kind": ("kind", "rating kind", "type"),
    "Weight": ("weight", "poids", "peso", "gewicht", "gewichtung"),
}
# A yes/no cell nobody maps stays unrated ("") rather than costing the row.
YES_NO_VOCABULARY = Vocabulary(YES_NO_VALUES, "", "yes_no", {key: key for key in YES_NO_VALUES})


# -- export -----------------------------------------------------------------------------------


def matrix_rows(session: Session) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the wide matrix, in matrix order (ours first among competitors)."""
    people = sorted(competitors(session), key=lambda c: (not c.is_us, c.position, c.name))
    names = {c.id: c.name for c in categories(session)}
    values = {
        (criterion_id, competitor_id): value
        for criterion_id, competitor_id, value in session.execute(
            select(Rating.criterion_id, Rating.competitor_id, Rating.value)
        )
    }
    rows = []
    for criterion in criteria(session):
        row = [
            names[criterion.category_id],
            criterion.name,
            criterion.kind,
            f"{criterion.weight:g}",
        ]
        row.extend(values.get((criterion.id, person.id), "") for person in people)
        rows.append(row)
    return [*FIXED_HEADERS, *(person.name for person in people)], rows


def export_matrix(session: Session, path: Path) -> int:
    """Write the matrix to ``path`` atomically; returns the number of criteria written."""
    headers, rows = matrix_rows(session)
    write_csv(path, headers, rows)
    return len(rows)


def matrix_csv_text(session: Session) -> str:
    headers, rows = matrix_rows(session)
    return csv_text(headers, rows)


# -- import preview ---------------------------------------------------------------------------


@dataclass
class MatrixRowPreview:
    line: int
    category: str
    criterion: str
    kind: str
    weight: float | None  # None: keep the criterion's weight
    values: dict[str, str] = field(default_factory=dict)  # competitor column name -> value
    existing_id: str | None = None
    problems: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # competitor column -> text in the file
    checked: list[str] = field(default_factory=list)  # problems found before rating the cells
    weight_text: str = ""  # read by rate(), in the file's number format

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class MatrixPreview:
    table: CsvTable
    competitor_columns: list[str]  # in file order
    new_competitors: list[str]  # columns naming competitors not in the project
    rows: list[MatrixRowPreview]
    add_new_competitors: bool = True  # the PM's answer to "add them?"
    value_map: ValueMap | None = None  # what each yes/no word becomes
    numbers: DetectedFormat = AS_TYPED  # how weights, scores and prices are written
    source_kind: str = "csv"  # for the remembered choices

    @property
    def number_format(self) -> NumberFormat:
        return self.numbers.number_format

    def set_number_format(self, number_format: NumberFormat) -> None:
        """The PM's choice of decimal mark, applied to every weight, score and price."""
        self.numbers = DetectedFormat(number_format, None)
        self.rate()

    def rate(self) -> None:
        """Read every row's weight and cells for its kind, yes/no words through the value
        map, numbers in the file's number format."""
        number_format = self.number_format
        for row in self.rows:
            row.problems = list(row.checked)
            row.values = {}
            if row.problems:
                continue
            row.weight = None
            if row.weight_text:
                try:
                    row.weight = parse_weight(row.weight_text, "the weight", number_format)
                except ValidationError as error:
                    row.problems.append(str(error).rstrip("."))
                    continue
            for competitor, text in row.cells.items():
                if row.kind == "yes_no" and self.value_map is not None:
                    value = self.value_map.target(text)
                    if value:
                        row.values[competitor] = value
                    continue  # a word nobody maps leaves the cell unrated
                try:
                    row.values[competitor] = parse_value(row.kind, text, competitor, number_format)
                except ValidationError as error:
                    row.problems.append(str(error).rstrip("."))

    def choose_value(self, key: str, text: str, value: str | None) -> None:
        """The PM's choice for a yes/no word (None: leave such cells unrated)."""
        assert self.value_map is not None
        self.value_map.choose(text, value)
        self.rate()

    def remember(self) -> None:
        """Keep the yes/no choices for the next matrix from the same kind of source."""
        overrides = self.value_map.overrides() if self.value_map else {}
        remembered.remember("competition", self.source_kind, {}, {"rating": overrides})

    @property
    def value_maps(self) -> dict[str, ValueMap]:
        return {"rating": self.value_map} if self.value_map and self.value_map.found else {}

    @property
    def good_rows(self) -> list[MatrixRowPreview]:
        return [row for row in self.rows if row.ok]

    @property
    def bad_rows(self) -> list[MatrixRowPreview]:
        return [row for row in self.rows if not row.ok]

    def summary(self) -> str:
        good, bad = len(self.good_rows), len(self.bad_rows)
        text = f"{good} criteri{'a' if good != 1 else 'on'} ready to import"
        if bad:
            text += f", {bad} row{'s' if bad != 1 else ''} with problems will be skipped"
        text += "."
        mapped = count_mapping(self.value_maps.values()).sentence()
        if mapped:
            text = f"{text[:-1]}; {mapped}."
        if self.new_competitors:
            names = ", ".join(f"“{name}”" for name in self.new_competitors)
            text += f" Not in the project yet: {names}."
        return text


def read_matrix_csv(path: Path, sheet: str | None = None) -> CsvTable:
    """A CSV file or a workbook's sheet; other kinds of file are refused in one sentence."""
    return read_table(path, sheet=sheet, what="as a competitive matrix")


def preview_matrix(
    session: Session, table: CsvTable, progress: Progress | None = None, *, recall: bool = True
) -> MatrixPreview:
    """Check every row of a wide matrix file against the project, changing nothing.

    ``progress(done, total)`` hears of the rows checked and may raise to stop (a worker
    thread's reading can be cancelled); the yes/no choices of the last import of this kind of
    file are applied unless ``recall`` is False.
    """
    fixed = _fixed_columns(table.headers)
    if fixed["Criterion"] is None:
        raise InterchangeError(
            "The file has no “Criterion” column. A matrix file has the columns Category, "
            "Criterion, Kind, Weight and one column per competitor."
        )
    fixed_columns = {column for column in fixed.values() if column is not None}
    competitor_columns = [
        (index, header.strip())
        for index, header in enumerate(table.headers)
        if index not in fixed_columns and header.strip()
    ]
    known = {c.name.lower(): c.name for c in competitors(session)}
    new = [name for _i, name in competitor_columns if name.lower() not in known]
    too_long = [name for name in new if len(name) > NAME_MAX]
    if too_long:
        raise InterchangeError(
            f"The column name “{too_long[0][:40]}…” is too long for a competitor."
        )
    existing = {c.name.lower(): c for c in criteria(session)}
    first_seen: dict[str, int] = {}
    rows: list[MatrixRowPreview] = []
    kind_given = fixed["Kind"] is not None
    heading = ""
    total = len(table.rows)
    for number, (line, cells) in enumerate(zip(table.lines, table.rows, strict=True)):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, total)

        def cell(column: int | None, cells: list[str] = cells) -> str:
            return cells[column].strip() if column is not None and column < len(cells) else ""

        name = cell(fixed["Criterion"])
        if (
            fixed["Category"] is None
            and name
            and not any(text.strip() for i, text in enumerate(cells) if i != fixed["Criterion"])
        ):
            heading = name  # a section line of a feature matrix: the category of those below
            continue
        category = cell(fixed["Category"]) if fixed["Category"] is not None else heading
        row = MatrixRowPreview(line, category, name, "score", None)
        rows.append(row)
        if not name:
            row.problems.append("has no criterion name")
            continue
        if name.lower() in first_seen:
            row.problems.append(f"“{name}” is also on line {first_seen[name.lower()]}")
            continue
        first_seen[name.lower()] = line
        if len(name) > NAME_MAX:
            row.problems.append(f"the criterion name is longer than {NAME_MAX} characters")
            continue
        current = existing.get(name.lower())
        row.existing_id = current.id if current else None
        _check_kind(row, current, cell(fixed["Kind"]))
        row.weight_text = cell(fixed["Weight"])
        row.cells = {competitor: cell(index) for index, competitor in competitor_columns}
        row.cells = {competitor: text for competitor, text in row.cells.items() if text}
    numbers = detect_number_format(
        [text for row in rows for text in (row.weight_text, *row.cells.values())],
        table.delimiter,
    )
    for row in rows:
        if row.existing_id is None and not kind_given:
            row.kind = infer_kind(row.cells.values(), numbers.number_format)
        row.checked = list(row.problems)  # rate() starts again from these
    yes_no_texts = [text for row in rows if row.kind == "yes_no" for text in row.cells.values()]
    value_map = ValueMap.of("rating", "Yes / no ratings", YES_NO_VOCABULARY, yes_no_texts)
    kind_of_source = source_kind(table.headers)
    if recall:
        value_map.apply_overrides(
            remembered.recall("competition", kind_of_source).get("values", {}).get("rating", {})
        )
    preview = MatrixPreview(
        table,
        [name for _i, name in competitor_columns],
        new,
        rows,
        value_map=value_map,
        numbers=numbers,
        source_kind=kind_of_source,
    )
    preview.rate()
    return preview


def infer_kind(texts: Iterable[str], number_format: NumberFormat = POINT_DECIMAL) -> str:
    """The rating kind a new criterion's cells suggest: yes/no, score, price, or text."""
    values = [text.strip() for text in texts if text.strip()]
    if not values:
        return "score"
    numbers = [whole_number(text) for text in values]
    if all(n is not None and SCORE_MIN <= n <= SCORE_MAX for n in numbers):
        return "score"
    # Mostly yes/no words: a yes/no criterion, whose odd cells ("sort of") the PM can map.
    if 2 * sum(bool(YES_NO_VOCABULARY.suggest(text)) for text in values) >= len(values):
        return "yes_no"
    if all(number_format.read(text, "$€£") is not None for text in values):
        return "price"
    return "text"


def _fixed_columns(headers: list[str]) -> dict[str, int | None]:
    """Where Category, Criterion, Kind and Weight are, by any of their names; a blank first
    header is the criterion column when no column is named so (feature matrices leave it so)."""
    simple = [simplify(header) for header in headers]
    fixed: dict[str, int | None] = {}
    for name in FIXED_HEADERS:
        names = [simplify(alias) for alias in (name, *HEADER_ALIASES[name])]
        fixed[name] = next((i for alias in names for i, h in enumerate(simple) if h == alias), None)
    if fixed["Criterion"] is None and headers and not headers[0].strip():
        fixed["Criterion"] = 0
    return fixed


def _check_kind(row: MatrixRowPreview, current: Criterion | None, kind_text: str) -> None:
    row.kind = current.kind if current else "score"
    if kind_text:
        try:
            kind = parse_kind(kind_text)
        except ValidationError as error:
            row.problems.append(str(error).rstrip("."))
            kind = row.kind
        if current is not None and kind != current.kind:
            row.problems.append(
                f"“{current.name}” is rated as {RATING_KINDS[current.kind]} in the project, "
                f"not {RATING_KINDS[kind]}"
            )
        row.kind = kind


# -- applying ---------------------------------------------------------------------------------


@dataclass
class MatrixImport:
    """What an import did, so that undo can take it back exactly."""

    created: list[tuple[type, str]] = field(default_factory=list)  # parents first
    weights: dict[str, float] = field(default_factory=dict)  # criterion id -> weight before
    cells: dict[tuple[str, str], RatingState | None] = field(default_factory=dict)
    criteria_count: int = 0
    ratings_count: int = 0


def apply_import(session: Session, preview: MatrixPreview) -> MatrixImport:
    """Import the good rows in one transaction; on any failure nothing changes."""
    done = MatrixImport()
    try:
        _apply(session, preview, done)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return done


def _apply(session: Session, preview: MatrixPreview, done: MatrixImport) -> None:
    """Write the good rows. The project is read up front (positions, the cells the file
    rates), so the rows cost no query each: a 5,000-row file goes in in one flush."""
    people = {c.name.lower(): c.id for c in competitors(session)}
    if preview.add_new_competitors:
        last = session.scalar(select(func.max(Competitor.position))) or 0
        for number, name in enumerate(preview.new_competitors, 1):
            competitor = Competitor(id=new_id(), name=name, position=last + number)
            session.add(competitor)
            done.created.append((Competitor, competitor.id))
            people[name.lower()] = competitor.id
    groups = {c.name.lower(): c.id for c in categories(session)}
    last_group = session.scalar(select(func.max(CriterionCategory.position))) or 0
    session.flush()
    last_place = dict(
        session.execute(
            select(Criterion.category_id, func.max(Criterion.position)).group_by(
                Criterion.category_id
            )
        ).all()
    )
    cells = _cells_of(session, [r.existing_id for r in preview.good_rows if r.existing_id])
    rated: list[tuple[str, dict[str, str]]] = []
    now = utc_now()
    criterion_defaults = new_row_values(Criterion.__table__, now)
    new_criteria: list[dict[str, object]] = []
    with session.no_autoflush:
        for row in preview.good_rows:
            criterion_id = row.existing_id
            if criterion_id is None:
                group_name = row.category or DEFAULT_CATEGORY
                group_id = groups.get(group_name.lower())
                if group_id is None:
                    last_group += 1
                    group = CriterionCategory(id=new_id(), name=group_name, position=last_group)
                    session.add(group)
                    session.flush()  # before its criteria: the models declare no relationship
                    done.created.append((CriterionCategory, group.id))
                    group_id = groups[group_name.lower()] = group.id
                last_place[group_id] = (last_place.get(group_id) or 0) + 1
                criterion_id = new_id()
                new_criteria.append(
                    {
                        **criterion_defaults,
                        "id": criterion_id,
                        "category_id": group_id,
                        "name": row.criterion,
                        "kind": row.kind,
                        "weight": 1.0 if row.weight is None else row.weight,
                        "position": last_place[group_id],
                    }
                )
                done.created.append((Criterion, criterion_id))
            elif row.weight is not None:
                criterion = records.get(session, Criterion, criterion_id)
                if criterion.weight != row.weight:
                    done.weights[criterion_id] = criterion.weight
                    criterion.weight = row.weight
            done.criteria_count += 1
            rated.append((criterion_id, row.values))
        session.flush()  # the criteria before their ratings, for the same reason
        # New criteria and their cells go in as rows (thousands in a big file), not objects.
        insert_many(session, Criterion.__table__, new_criteria)
        new_ratings: list[dict[str, object]] = []
        rating_defaults = new_row_values(Rating.__table__, now)
        for criterion_id, values in rated:
            for column, value in values.items():
                competitor_id = people.get(column.lower())
                if competitor_id is None:
                    continue  # a new competitor the PM chose not to add
                if (competitor_id, criterion_id) in cells:
                    _set_cell(cells, competitor_id, criterion_id, value, done)
                    continue
                done.cells[(competitor_id, criterion_id)] = None
                done.ratings_count += 1
                new_ratings.append(
                    {
                        **rating_defaults,
                        "id": new_id(),
                        "competitor_id": competitor_id,
                        "criterion_id": criterion_id,
                        "value": value,
                    }
                )
        insert_many(session, Rating.__table__, new_ratings)
    session.flush()


def _cells_of(session: Session, criterion_ids: list[str]) -> dict[tuple[str, str], Rating]:
    """The project's ratings on ``criterion_ids``, by (competitor, criterion)."""
    found: dict[tuple[str, str], Rating] = {}
    for start in range(0, len(criterion_ids), records.CHUNK):
        part = criterion_ids[start : start + records.CHUNK]
        for rating in session.scalars(select(Rating).where(Rating.criterion_id.in_(part))):
            found[(rating.competitor_id, rating.criterion_id)] = rating
    return found


def _set_cell(
    cells: dict[tuple[str, str], Rating],
    competitor_id: str,
    criterion_id: str,
    value: str,
    done: MatrixImport,
) -> None:
    """A cell the project has rated already takes the file's value."""
    rating = cells[(competitor_id, criterion_id)]
    if rating.value == value:
        return
    done.cells[(competitor_id, criterion_id)] = RatingState(
        rating.value, rating.source, rating.link, rating.as_of
    )
    rating.value = value
    done.ratings_count += 1


def undo_import(session: Session, done: MatrixImport) -> None:
    """Take an import back: earlier ratings and weights return, created records go.

    Cells, weights and removals are each done in one go (sets of ids, one commit), so taking
    back a 5,000-row import costs about what making it did.
    """
    created = {record_id for _model, record_id in done.created}
    restore_ratings(
        session,
        {key: state for key, state in done.cells.items() if created.isdisjoint(key)},
    )
    for criterion_id, weight in done.weights.items():
        records.get(session, Criterion, criterion_id).weight = weight
    session.commit()
    by_model: dict[type, list[str]] = {}
    for model, record_id in done.created:
        by_model.setdefault(model, []).append(record_id)
    # Children before parents (created lists parents first), each kind in one deletion by
    # ids; a parent's deletion takes what is left of its children with it.
    for model in reversed(list(by_model)):
        records.delete(session, model, by_model[model])
