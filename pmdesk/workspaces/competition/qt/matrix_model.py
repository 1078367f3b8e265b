"""The competitive matrix as a table model: criteria down, competitors across.

Rows: the weighted total and the rank first (what executives read), then each category with its
criteria under it (a collapsed category shows only its score row). Columns: the criterion, its
weight, one per competitor (ours first), and the gap from us to the leader. Cells keep no copies
of records: values and dates come from one bulk read into the scoreboard, evidence text is read
for a cell only when its tooltip is asked for. Edits go through :mod:`.actions`, so each is one
undo step; a rating edit updates one row and the totals, not the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.competition import cards, edit, query
from pmdesk.workspaces.competition.model import (
    RATING_KINDS,
    SCORE_MAX,
    YES_NO_VALUES,
    Competitor,
    Criterion,
    Rating,
)
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.query import CriterionColumns
from pmdesk.workspaces.competition.rules import (
    MIN_RATED_SHARE,
    NOT_ENOUGH_RATINGS,
    CriterionRow,
    Scoreboard,
    is_scored,
    is_stale,
)

Index = QModelIndex | QPersistentModelIndex
RATINGS = Rating.__tablename__
CRITERIA = Criterion.__tablename__
MAX_CELLS = 400  # an edit naming more cells or criteria than this reloads the matrix
COMPETITORS = Competitor.__tablename__
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # the rating kind of a cell, for the delegate
UNRATED = "—"  # what an unrated cell and a total without enough ratings show
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "total", "rank", "category", "criterion"
CRITERION_MIME = "application/x-pmdesk-criterion"

# Heat map from weak to strong, soft enough that dark text stays readable on every step.
_HEAT = [
    QColor("#f6d5d1"),
    QColor("#fbe7c6"),
    QColor("#fdf5cc"),
    QColor("#e3f1cf"),
    QColor("#c9e8c4"),
]
_CATEGORY_BACKGROUND = QColor("#eef1f6")
_SUMMARY_BACKGROUND = QColor("#f7f8fa")
_STALE_TEXT = QColor("#8a8f98")
_US_HEADER = QColor("#1d4ed8")


def heat_colour(points: float) -> QColor:
    step = min(len(_HEAT) - 1, max(0, int(points / SCORE_MAX * len(_HEAT) - 1e-9)))
    return theme.surface(_HEAT[step])  # a dark tint of the same hue in the dark scheme


@dataclass(frozen=True)
class MatrixRow:
    kind: str  # "total", "rank", "category", "criterion"
    id: str = ""  # category or criterion id
    name: str = ""


FIXED_COLUMNS = 2  # criterion, weight


class MatrixModel(QAbstractTableModel):
    def __init__(self, controller: DocumentController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.collapsed: set[str] = set()
        self.today = date.today()
        self.rows: list[MatrixRow] = []
        self.competitors: list[tuple[str, str, bool]] = []  # id, name, is us
        # Plain copies, so painting never waits on the ORM reloading expired records after
        # another workspace's edit.
        self.criteria: dict[str, CriterionColumns] = {}
        self.category_members: dict[str, list[str]] = {}
        self.stale: set[tuple[str, str]] = set()
        self.stale_after_days = 180
        self.board = Scoreboard([], {}, {})
        self._totals: dict[str, float] = {}
        self._ranks: dict[str, int] = {}
        # How many rating cells were asked for their text: proves views read only what shows.
        self.rating_reads = 0
        self.reload()
        on_change(controller, self, self._on_changed)

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        session = self.controller.session
        # Read as the columns shown, not as records; the scoreboard is made from the same
        # reads rather than asking for the competitors and criteria again.
        competitors = query.matrix_competitors(session)
        by_place = [(c.id, c.is_us) for c in competitors]
        # ours first: the matrix reads as "us against them"
        competitors.sort(key=lambda c: (not c.is_us, c.position, c.name))
        self.competitors = [(c.id, c.name, c.is_us) for c in competitors]
        everything = query.matrix_criteria(session)
        self.criteria = {c.id: c for c in everything}
        self.stale_after_days = cards.settings(session).stale_after_days
        cutoff = self.today - timedelta(days=self.stale_after_days)
        rows = edit.rating_rows(session, cutoff)
        scored = [CriterionRow(c.id, c.name, c.category_id, c.weight, c.kind) for c in everything]
        self.board = edit.load_scoreboard(session, rows, by_place, scored)
        self.board.competitor_ids = [c[0] for c in self.competitors]
        self.stale = {(row[0], row[1]) for row in rows if row[3]}
        self.category_members = {}
        self._category_names = dict(query.matrix_categories(session))
        for criterion in self.criteria.values():
            self.category_members.setdefault(criterion.category_id, []).append(criterion.id)
        self._build_rows()
        self._recount()
        self.endResetModel()

    def _build_rows(self) -> None:
        rows = [MatrixRow("total", name="Weighted total"), MatrixRow("rank", name="Rank")]
        for category_id, name in self._category_names.items():
            rows.append(MatrixRow("category", category_id, name))
            if category_id in self.collapsed:
                continue
            for criterion_id in self.category_members.get(category_id, []):
                rows.append(MatrixRow("criterion", criterion_id, self.criteria[criterion_id].name))
        self.rows = rows

    def _recount(self) -> None:
        self._totals = self.board.totals()
        self._ranks = self.board.ranks()

    def set_collapsed(self, category_id: str, collapsed: bool) -> None:
        if collapsed == (category_id in self.collapsed):
            return
        self.beginResetModel()
        if collapsed:
            self.collapsed.add(category_id)
        else:
            self.collapsed.discard(category_id)
        self._build_rows()
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        cells = self._changed_cells(change)
        if cells is not None:
            self._refresh_cells(cells)
        elif not self._refresh_criteria(change) and change.kinds & edit.COMPETITION_TABLES:
            self.reload()

    def _changed_cells(self, change: Change) -> list[tuple[str, str]] | None:
        """(criterion id, competitor id) of every cell a ratings-only change may have written.

        Rating edits name their cells' criteria and competitors; the ids of the rating rows
        written may come with them, so known criteria and competitors are picked out. A paste
        names a block; every cell of it is read again (a few hundred at most, else reload)."""
        if change.kinds != {RATINGS}:
            return None
        criteria = [i for i in change.ids if i in self.criteria]
        known = {c[0] for c in self.competitors}
        competitors = [i for i in change.ids if i in known]
        if not criteria or not competitors or len(criteria) * len(competitors) > MAX_CELLS:
            return None
        return [(criterion, competitor) for criterion in criteria for competitor in competitors]

    def _refresh_cells(self, cells: list[tuple[str, str]]) -> None:
        """Ratings changed: update their rows' points and the totals, repaint just those."""
        session = self.controller.session
        for criterion_id, competitor_id in cells:
            state = edit.rating_state(session, competitor_id, criterion_id)
            self.board.set_value(criterion_id, competitor_id, state.value if state else "")
            key = (criterion_id, competitor_id)
            as_of = state.as_of if state is not None else None
            if is_stale(as_of, self.today, self.stale_after_days):
                self.stale.add(key)
            else:
                self.stale.discard(key)
        self._recount()
        self._repaint_rows({criterion_id for criterion_id, _competitor in cells})

    def _refresh_criteria(self, change: Change) -> bool:
        """A criteria-only change that keeps every criterion in its place (a weight, a kind,
        a name, a description): those rows and the totals are updated in place. False when the
        change needs a reload (criteria added, removed or moved, or other kinds written)."""
        if change.kinds != {CRITERIA} or not change.ids:
            return False
        named = [i for i in change.ids if i in self.criteria]
        if not named or len(named) > MAX_CELLS:
            return False
        fresh = {c.id: c for c in edit.criteria_by_id(self.controller.session, named)}
        if fresh.keys() != set(named):
            return False  # one was removed
        for criterion_id, criterion in fresh.items():
            shown = self.criteria.get(criterion_id)
            if shown is None or (shown.category_id, shown.position) != (
                criterion.category_id,
                criterion.position,
            ):
                return False
        for criterion_id, c in fresh.items():
            self.criteria[criterion_id] = CriterionColumns(
                c.id, c.category_id, c.name, c.description, c.weight, c.kind, c.position
            )
            self.board.set_criterion(
                CriterionRow(c.id, c.name, c.category_id, float(c.weight), c.kind)
            )
        self.rows = [
            MatrixRow("criterion", entry.id, fresh[entry.id].name)
            if entry.kind == "criterion" and entry.id in fresh
            else entry
            for entry in self.rows
        ]
        self._recount()
        self._repaint_rows(set(fresh))
        return True

    def _repaint_rows(self, criterion_ids: set[str]) -> None:
        """Repaint the rows of ``criterion_ids``, their categories' and the totals and ranks."""
        categories = {self.criteria[i].category_id for i in criterion_ids}
        last = self.columnCount() - 1
        for row, entry in enumerate(self.rows):
            if (
                entry.kind in ("total", "rank")
                or entry.id in criterion_ids
                or entry.id in categories
            ):
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # -- shape ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self.competitors) + 1

    def competitor_at(self, column: int) -> tuple[str, str, bool] | None:
        index = column - FIXED_COLUMNS
        return self.competitors[index] if 0 <= index < len(self.competitors) else None

    def is_gap_column(self, column: int) -> bool:
        return column == FIXED_COLUMNS + len(self.competitors)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None
        competitor = self.competitor_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Criterion"
            if section == 1:
                return "Weight"
            if competitor is not None:
                return f"{competitor[1]} (us)" if competitor[2] else competitor[1]
            return "Gap to leader"
        if role == Qt.ItemDataRole.ForegroundRole and competitor is not None and competitor[2]:
            return QBrush(theme.ink(_US_HEADER))
        if role == Qt.ItemDataRole.ToolTipRole and competitor is not None:
            return competitor[1]
        if role == Qt.ItemDataRole.ToolTipRole and self.is_gap_column(section):
            return "How many points we are behind the best competitor on each criterion."
        return None

    # -- cells ----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        column = index.column()
        if role == ROW_KIND_ROLE:
            return entry.kind
        if entry.kind == "criterion":
            return self._criterion_data(entry.id, column, role)
        if entry.kind == "category":
            return self._category_data(entry, column, role)
        return self._summary_data(entry, column, role)

    def _summary_data(self, entry: MatrixRow, column: int, role: int) -> Any:
        competitor = self.competitor_at(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.name
            if competitor is None:
                return None
            total = self._totals.get(competitor[0])
            if entry.kind == "total":
                return UNRATED if total is None else f"{total:.0f}%"
            return NOT_ENOUGH_RATINGS if total is None else f"#{self._ranks[competitor[0]]}"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            total = None if competitor is None else self._totals.get(competitor[0])
            if entry.kind == "total" and total is not None:
                return heat_colour(total / 100 * SCORE_MAX)
            return theme.surface(_SUMMARY_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= FIXED_COLUMNS:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and column >= FIXED_COLUMNS:
            return self._summary_tooltip(competitor[0]) if competitor else None
        if role == Qt.ItemDataRole.ToolTipRole and entry.kind == "total":
            return "Weighted share of the best possible result on the criteria rated."
        return None

    def _summary_tooltip(self, competitor_id: str) -> str:
        share = self.board.rated_share(competitor_id)
        rated = f"Rated on {share:.0%} of the criteria's weight."
        if competitor_id in self._totals:
            return f"Weighted share of the best possible result on what is rated. {rated}"
        return (
            f"Not enough ratings for a total or a rank: {rated} Rate at least "
            f"{MIN_RATED_SHARE:.0%} of it; unrated cells are left out, not counted as zero."
        )

    def _category_data(self, entry: MatrixRow, column: int, role: int) -> Any:
        competitor = self.competitor_at(column)
        members = self.category_members.get(entry.id, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                arrow = "▸" if entry.id in self.collapsed else "▾"
                return f"{arrow} {entry.name}"
            if column == 1:
                weight = sum(self.criteria[c].weight for c in members)
                return f"{weight:g}"
            if competitor is not None:
                score = self.board.group_score(members, competitor[0])
                return "" if score is None else f"{score:.1f}"
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if competitor is not None and entry.id in self.collapsed:
                score = self.board.group_score(members, competitor[0])
                if score is not None:
                    return heat_colour(score)
            return theme.surface(_CATEGORY_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return "Double-click to collapse or expand; competitor cells show the category score."
        return None

    def _criterion_data(self, criterion_id: str, column: int, role: int) -> Any:
        criterion = self.criteria[criterion_id]
        competitor = self.competitor_at(column)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return criterion.name
            if role == Qt.ItemDataRole.ToolTipRole:
                kind = RATING_KINDS[criterion.kind]
                return f"{criterion.description}\n({kind})" if criterion.description else kind
            return None
        if column == 1:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return f"{criterion.weight:g}" if is_scored(criterion.kind) else "—"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        if competitor is None:
            return self._gap_data(criterion_id, role)
        return self._rating_data(criterion, competitor[0], role)

    def _gap_data(self, criterion_id: str, role: int) -> Any:
        gap = self.board.gap_to_leader(criterion_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if gap is None:
                return ""
            return "Leader" if gap <= 0 else f"−{gap:.1f}"
        if role == Qt.ItemDataRole.ForegroundRole and gap is not None:
            return QBrush(theme.ink("#15803d" if gap <= 0 else "#b91c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _rating_data(self, criterion: CriterionColumns, competitor_id: str, role: int) -> Any:
        value = self.board.value(criterion.id, competitor_id)
        if role == Qt.ItemDataRole.DisplayRole:
            self.rating_reads += 1
            return display_value(criterion.kind, value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == KIND_ROLE:
            return criterion.kind
        if role == Qt.ItemDataRole.BackgroundRole:
            points = self.board.points.get(criterion.id, {}).get(competitor_id)
            return None if points is None else heat_colour(points)
        stale = self.is_stale(criterion.id, competitor_id)
        if role == Qt.ItemDataRole.ForegroundRole and (not value or stale):
            points = self.board.points.get(criterion.id, {}).get(competitor_id)
            ground = None if points is None else heat_colour(points)
            return QBrush(theme.ink(_STALE_TEXT, on=ground))
        if role == Qt.ItemDataRole.FontRole and stale:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if criterion.kind == "text":
                return Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._evidence_tooltip(criterion, competitor_id, stale)
        return None

    def is_stale(self, criterion_id: str, competitor_id: str) -> bool:
        return (criterion_id, competitor_id) in self.stale

    def _evidence_tooltip(
        self, criterion: CriterionColumns, competitor_id: str, stale: bool
    ) -> str:
        state = edit.rating_state(self.controller.session, competitor_id, criterion.id)
        if state is None or not state.value:
            return "Not rated yet."
        lines = []
        if state.source:
            lines.append(f"Source: {state.source}")
        if state.link:
            lines.append(f"Link: {state.link}")
        if state.as_of:
            lines.append(f"As of {state.as_of.isoformat()}")
        if stale:
            lines.append(f"Stale: older than {self.stale_after_days} days.")
        return "\n".join(lines) or "No evidence recorded."

    # -- editing --------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self.rows[index.row()]
        # a read-only project shows as cells that cannot be edited, dragged or dropped on
        if self.controller.read_only or entry.kind not in ("criterion", "category"):
            return flags
        flags |= Qt.ItemFlag.ItemIsDropEnabled
        if entry.kind == "category":
            return flags
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == 1 and not is_scored(self.criteria[entry.id].kind):
            return flags
        if not self.is_gap_column(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        criterion = self.criteria[self.rows[index.row()].id]
        text = "" if value is None else str(value)
        if index.column() == 0:
            if text.strip() == criterion.name:
                return False
            return actions.rename_criterion(self.controller, criterion.id, criterion.name, text)
        if index.column() == 1:
            if text.strip() == f"{criterion.weight:g}":
                return False
            return actions.set_weight(
                self.controller, criterion.id, criterion.name, criterion.weight, text
            )
        competitor = self.competitor_at(index.column())
        assert competitor is not None
        competitor_id, competitor_name = competitor[0], competitor[1]
        if text.strip() == self.board.value(criterion.id, competitor_id):
            return False
        return actions.rate(
            self.controller, competitor_id, competitor_name, criterion.id, criterion.name, text
        )

    # -- reordering by drag --------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [CRITERION_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData | None:
        rows = [self.rows[i.row()] for i in indexes if i.isValid()]
        chosen = next((row.id for row in rows if row.kind == "criterion"), None)
        if chosen is None:
            return None
        data = QMimeData()
        data.setData(CRITERION_MIME, QByteArray(chosen.encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged criterion before the row it is dropped on (or first in a category
        when dropped on the category's row). Returns False: the reload after the edit shows
        the new order, so the view must not remove anything itself."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(CRITERION_MIME):
            return False
        criterion_id = bytes(data.data(CRITERION_MIME).data()).decode()
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self.rows)
        if criterion_id not in self.criteria:
            return False
        self.move_criterion(criterion_id, *self._drop_place(criterion_id, target))
        return False

    def _drop_place(self, criterion_id: str, target: int) -> tuple[str, int]:
        """(category id, index among the other criteria of that category) for a drop row."""
        if target >= len(self.rows):
            category_id = next(e.id for e in reversed(self.rows) if e.kind == "category")
            others = [c for c in self.category_members.get(category_id, []) if c != criterion_id]
            return category_id, len(others)
        entry = self.rows[max(target, 0)]
        if entry.kind == "category":
            return entry.id, 0
        if entry.kind != "criterion":  # above the first category: first place of the first
            first = next(e.id for e in self.rows if e.kind == "category")
            return first, 0
        category_id = self.criteria[entry.id].category_id
        others = [c for c in self.category_members.get(category_id, []) if c != criterion_id]
        return category_id, others.index(entry.id) if entry.id in others else len(others)

    def move_criterion(self, criterion_id: str, category_id: str, index: int) -> bool:
        """Move a criterion to ``index`` in a category, as one undo step."""
        criterion = self.criteria[criterion_id]
        members = [c for c in self.category_members.get(category_id, []) if c != criterion_id]
        same_place = criterion.category_id == category_id and (
            self.category_members[category_id].index(criterion_id) == index
        )
        if same_place or index > len(members):
            return False
        return actions.move_criterion(
            self.controller, criterion_id, criterion.name, category_id, index
        )


def display_value(kind: str, value: str) -> str:
    if not value:  # unrated is not zero: it shows as a dash and counts for nothing
        return UNRATED if is_scored(kind) else ""
    if kind == "yes_no":
        return YES_NO_VALUES.get(value, value)
    if kind == "price":
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}"
    return value
