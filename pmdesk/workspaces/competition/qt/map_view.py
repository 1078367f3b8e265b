"""The Positioning map tab: choose two axes (and a bubble size), drag a bubble to re-rate a
competitor on both axes in one undo step, edit the quadrant labels, export PNG or SVG.

A crowded map names only the bubbles whose names fit without covering another name; the
others show their name while the mouse is over them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QPainter,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.chart import positioning as chart
from pmdesk.workspaces.competition.model import SCORE_MAX
from pmdesk.workspaces.competition.qt import actions

SIDE = 520.0  # pixels of the 0–5 square
PAD = chart.MARGIN / SCORE_MAX * SIDE
AXIS_TITLES = {"x": "Horizontal axis", "y": "Vertical axis", "size": "Bubble size"}
UNPLACED_NAMED = 8  # the note names this many unplaced competitors, then counts the rest
TOOLTIP_NAMED = 40
LABEL_GAP = 4.0


def to_scene(x: float, y: float) -> QPointF:
    return QPointF(x / SCORE_MAX * SIDE, (SCORE_MAX - y) / SCORE_MAX * SIDE)


def from_scene(point: QPointF) -> tuple[float, float]:
    x = point.x() / SIDE * SCORE_MAX
    y = SCORE_MAX - point.y() / SIDE * SCORE_MAX
    return chart.clamp_score(x), chart.clamp_score(y)


def _ink(colour: str) -> QColor:
    """Text on the map: readable on whichever quadrant tint it crosses (the green one is the
    lightest in the dark scheme)."""
    grounds = [theme.surface(tint) for tint in chart.QUADRANT_TINTS]
    return theme.ink(colour, on=max(grounds, key=theme.luminance))


class BubbleItem(QGraphicsEllipseItem):
    """A competitor; dropping it reports the new centre, in scores, to the panel."""

    def __init__(self, bubble: chart.Bubble, on_drop: Callable[[str, float, float], None]) -> None:
        radius = bubble.radius * SIDE
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.bubble = bubble
        self._on_drop = on_drop
        self._dragging = False
        colour = QColor(chart.US_COLOUR if bubble.is_us else chart.THEM_COLOUR)
        colour.setAlphaF(0.85 if bubble.is_us else 0.6)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(theme.paper(), 2))
        self.setPos(to_scene(bubble.x, bubble.y))
        self.setZValue(3)
        self.setToolTip(
            f"{bubble.name}: {bubble.x:.1f} × {bubble.y:.1f}"
            + (f", size {bubble.size_value:.1f}" if bubble.size_value is not None else "")
        )
        self.label = QGraphicsSimpleTextItem(bubble.name, self)
        font = QFont()
        font.setBold(bubble.is_us)
        self.label.setFont(font)
        width = self.label.boundingRect().width()
        self.label.setPos(-width / 2, radius + LABEL_GAP)
        self.label.setBrush(QBrush(_ink("#0f172a")))
        self.named = True  # its name has room on the map; otherwise it shows on hover
        self.setAcceptHoverEvents(True)

    def label_spots(self) -> list[QPointF]:
        """Where the name may go, in the bubble's coordinates: below it first (as drawn when
        nothing is in the way), then above, right and left."""
        box = self.label.boundingRect()
        radius = self.rect().width() / 2
        w, h = box.width(), box.height()
        return [
            QPointF(-w / 2, radius + LABEL_GAP),
            QPointF(-w / 2, -radius - LABEL_GAP - h),
            QPointF(radius + LABEL_GAP, -h / 2),
            QPointF(-radius - LABEL_GAP - w, -h / 2),
        ]

    def set_named(self, named: bool) -> None:
        self.named = named
        self.label.setVisible(named)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self.named:
            self.label.setVisible(True)
            self.setZValue(4)  # above its neighbours while it is read
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self.named:
            self.label.setVisible(False)
            self.setZValue(3)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self._dragging:
            # A click (or a shaking hand) is not a drag: the bubble, and the ratings it
            # stands for, stay put until the mouse has gone the platform's drag distance.
            travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
            if travel.manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        dragged, self._dragging = self._dragging, False
        if dragged and self.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable:
            x, y = from_scene(self.pos())
            if (x, y) != (self.bubble.x, self.bubble.y):
                self._on_drop(self.bubble.competitor_id, x, y)


def place_labels(
    bubbles: Iterable[BubbleItem], bounds: QRectF, keep_clear: Iterable[QRectF] = ()
) -> None:
    """Give each bubble's name the first spot inside ``bounds`` where it covers no name
    already placed, nothing in ``keep_clear`` (the map's own titles) and no other bubble; a
    name with no such spot is left to show on hover. Our product is named first, then the
    biggest bubbles (the order they are drawn in)."""
    items = sorted(bubbles, key=lambda item: not item.bubble.is_us)
    names, discs = _Buckets(), _Buckets()
    for rect in keep_clear:
        names.add(_box(rect), _box(rect))
    for item in items:
        centre, radius = item.pos(), item.rect().width() / 2
        disc = (item, centre.x(), centre.y(), radius)
        discs.add(
            (centre.x() - radius, centre.y() - radius, centre.x() + radius, centre.y() + radius),
            disc,
        )
    left, top, right, bottom = _box(bounds)
    for item in items:
        size = item.label.boundingRect()
        origin = item.pos()
        spot = None
        for place in item.label_spots():
            x, y = origin.x() + place.x(), origin.y() + place.y()
            box = (x, y, x + size.width(), y + size.height())
            if box[0] < left or box[1] < top or box[2] > right or box[3] > bottom:
                continue
            if any(_overlap(box, other) for other in names.near(box)):  # type: ignore[arg-type]
                continue
            if any(
                owner is not item and _covers(box, cx, cy, r)
                for owner, cx, cy, r in discs.near(box)  # type: ignore[misc]
            ):
                continue
            spot = place, box
            break
        item.set_named(spot is not None)
        if spot is not None:
            item.label.setPos(spot[0])
            names.add(spot[1], spot[1])


Box = tuple[float, float, float, float]  # left, top, right, bottom
BUCKET = 40.0  # scene units: about a name's height, a bubble's width


class _Buckets:
    """Things filed under the squares of a coarse grid that their boxes touch, so a question
    about one spot looks only at what lies near it: a map of a thousand bubbles places its
    names in a blink instead of comparing every name with every bubble."""

    def __init__(self) -> None:
        self._squares: dict[tuple[int, int], list[object]] = {}

    @staticmethod
    def _keys(box: Box) -> list[tuple[int, int]]:
        columns = range(math.floor(box[0] / BUCKET), math.floor(box[2] / BUCKET) + 1)
        rows = range(math.floor(box[1] / BUCKET), math.floor(box[3] / BUCKET) + 1)
        return [(column, row) for column in columns for row in rows]

    def add(self, box: Box, thing: object) -> None:
        for key in self._keys(box):
            self._squares.setdefault(key, []).append(thing)

    def near(self, box: Box) -> list[object]:
        """What lies in the squares ``box`` touches (a thing in two of them comes twice)."""
        squares = self._squares
        return [thing for key in self._keys(box) for thing in squares.get(key, ())]


def _box(rect: QRectF) -> Box:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _overlap(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _covers(box: Box, cx: float, cy: float, radius: float) -> bool:
    """Whether a bubble (its centre and radius) overlaps a text box."""
    x = min(max(cx, box[0]), box[2])
    y = min(max(cy, box[1]), box[3])
    return (x - cx) ** 2 + (y - cy) ** 2 < radius**2


def unplaced_note(names: tuple[str, ...]) -> tuple[str, str]:
    """The note's sentence on competitors without a place, and a tooltip naming more of them:
    a big project has hundreds, and the full list would push the map off the page."""
    if not names:
        return "", ""
    shown = ", ".join(names[:UNPLACED_NAMED])
    if len(names) > UNPLACED_NAMED:
        shown += f" and {len(names) - UNPLACED_NAMED:,} more"
    listed = list(names[:TOOLTIP_NAMED])
    if len(names) > TOOLTIP_NAMED:
        listed.append(f"and {len(names) - TOOLTIP_NAMED:,} more")
    return f"Not placed (no rating on an axis): {shown}.", "\n".join(listed)


class QuadrantLabel(QGraphicsTextItem):
    """A quadrant's label, edited in place; the change is stored when the label loses focus."""

    def __init__(self, field: str, text: str, on_edit: Callable[[str, str], None]) -> None:
        super().__init__(text)
        self.field = field
        self._on_edit = on_edit
        font = QFont()
        font.setItalic(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.setDefaultTextColor(_ink("#475569"))
        self.setZValue(2)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._on_edit(self.field, self.toPlainText())


class MapView(QGraphicsView):
    """Keeps the whole map in sight at any window size."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class MapPanel(QWidget):
    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, lazy: bool = False
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        # A lazy panel (a tab not shown yet) reads the project only when it becomes visible.
        self._lazy = self._stale = lazy
        self.layout_data: chart.MapLayout | None = None
        self.axis_boxes: dict[str, QComboBox] = {}
        # Two choosers a line: criterion names are long, and a chooser must never clip its
        # label or its choice at laptop widths.
        choosers = QGridLayout()
        choosers.setColumnStretch(1, 1)
        choosers.setColumnStretch(3, 1)
        self.png_button = QPushButton("Export PNG…")
        self.svg_button = QPushButton("Export SVG…")
        self.png_button.clicked.connect(lambda: self.export(".png"))
        self.svg_button.clicked.connect(lambda: self.export(".svg"))
        for place, name in enumerate(cards.AXES):
            row, column = divmod(place, 2)
            box = QComboBox()
            box.setObjectName(f"{name}Axis")
            box.setMinimumWidth(250)
            box.activated.connect(lambda _i, n=name: self._axis_chosen(n))
            box.setEnabled(not controller.read_only)
            self.axis_boxes[name] = box
            caption = QLabel(AXIS_TITLES[name])
            caption.setBuddy(box)
            choosers.addWidget(caption, row, 2 * column)
            choosers.addWidget(box, row, 2 * column + 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.svg_button)
        choosers.addLayout(buttons, len(cards.AXES) // 2, 2, 1, 2)

        self.scene = QGraphicsScene(self)
        self.view = MapView(self.scene)
        self.view.setObjectName("positioningMap")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setBackgroundBrush(QBrush(theme.paper()))
        self.note = QLabel()
        self.note.setStyleSheet(theme.css("color: #5b6575;"))
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(choosers)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        on_change(controller, self, self._on_changed)
        if not lazy:
            self.refresh()

    # -- building -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        session = self.controller.session
        self.criteria = {c.id: c for c in edit.criteria(session)}
        self.categories = edit.categories(session)
        self.names = {c.id: c.name for c in edit.competitors(session)}
        self.settings = cards.settings(session)
        self._fill_choosers()
        self.layout_data = chart.project_map_layout(session)
        self._draw()

    def _fill_choosers(self) -> None:
        for name, box in self.axis_boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem("None" if name == "size" else "Choose…", None)
            for category in self.categories:
                box.addItem(f"{category.name} (category)", f"category:{category.id}")
                bold = QFont()
                bold.setBold(True)
                box.setItemData(box.count() - 1, bold, Qt.ItemDataRole.FontRole)
                for criterion in self.criteria.values():
                    if criterion.category_id == category.id and criterion.kind != "text":
                        box.addItem(criterion.name, f"criterion:{criterion.id}")
            chosen = cards.axis(self.settings, name)
            found = box.findData(_axis_key(chosen)) if chosen.is_set else 0
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)

    def _draw(self) -> None:
        self.scene.clear()
        layout = self.layout_data
        assert layout is not None
        corners = ((0, SCORE_MAX), (chart.MIDPOINT, SCORE_MAX), (0, chart.MIDPOINT))
        corners += ((chart.MIDPOINT, chart.MIDPOINT),)
        half = SIDE / 2
        for (x, y), tint in zip(corners, chart.QUADRANT_TINTS, strict=True):
            top_left = to_scene(x, y)
            rect = self.scene.addRect(QRectF(top_left.x(), top_left.y(), half, half))
            rect.setBrush(QBrush(theme.surface(tint)))
            rect.setPen(QPen(theme.surface("#cbd5e1"), 1))
            rect.setZValue(0)
        editable = not self.controller.read_only
        # names just outside the square's corners, where no bubble can hide them
        spots = ((0, -2, False, True), (SIDE, -2, True, True), (0, SIDE + 2, False, False))
        spots += ((SIDE, SIDE + 2, True, False),)
        self.quadrant_labels: list[QuadrantLabel] = []
        for field, text, (x, y, right, bottom) in zip(
            cards.QUADRANT_FIELDS, layout.quadrants, spots, strict=True
        ):
            label = QuadrantLabel(field, text, self._quadrant_edited)
            if editable:
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
                label.setToolTip("Click to rename this quadrant.")
            box = label.boundingRect()
            label.setPos(x - (box.width() if right else 0), y - (box.height() if bottom else 0))
            self.scene.addItem(label)
            self.quadrant_labels.append(label)
        draggable, why = self._draggable()
        self.bubbles: dict[str, BubbleItem] = {}
        for bubble in layout.bubbles:
            item = BubbleItem(bubble, self._bubble_dropped)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, draggable and editable)
            if draggable and editable:
                item.setCursor(Qt.CursorShape.OpenHandCursor)
            self.scene.addItem(item)
            self.bubbles[bubble.competitor_id] = item
        x_title = self.scene.addSimpleText(f"{layout.x_label or 'Choose a horizontal axis'}  →")
        x_title.setPos(half - x_title.boundingRect().width() / 2, SIDE + PAD)
        y_title = self.scene.addSimpleText(f"{layout.y_label or 'Choose a vertical axis'}  →")
        y_title.setRotation(-90)
        y_title.setPos(
            -PAD - 30 - y_title.boundingRect().height(), half + y_title.boundingRect().width() / 2
        )
        for title in (x_title, y_title):
            title.setBrush(QBrush(_ink("#1f2733")))
        self.scene.setSceneRect(QRectF(-PAD - 70, -PAD, SIDE + 2 * PAD + 90, SIDE + 2 * PAD + 30))
        titles = [x_title, y_title, *self.quadrant_labels]
        place_labels(
            self.bubbles.values(),
            self.scene.sceneRect(),
            [title.sceneBoundingRect() for title in titles],
        )
        notes = []
        if layout.size_label:
            notes.append(f"Bubble size: {layout.size_label}.")
        unplaced, unplaced_tip = unplaced_note(layout.unplaced)
        if unplaced:
            notes.append(unplaced)
        notes.append(why if why else "Drag a bubble to re-rate that competitor on both axes.")
        self.note.setText(" ".join(notes))
        self.note.setToolTip(unplaced_tip)
        self.view.fit()

    def _draggable(self) -> tuple[bool, str]:
        """Bubbles can be dragged only when both axes are single criteria rated by score or
        yes/partial/no; otherwise say why not."""
        for name in ("x", "y"):
            chosen = cards.axis(self.settings, name)
            if chosen.category_id:
                return False, "Category axes are averages; re-rate their criteria in the matrix."
            criterion = self.criteria.get(chosen.criterion_id or "")
            if criterion is None:
                return False, ""
            if criterion.kind == "price":
                return False, "Prices are rated in money; change them in the matrix."
        return True, ""

    # -- edits ------------------------------------------------------------------------------------

    def _axis_chosen(self, name: str) -> None:
        chosen = _axis_from_key(self.axis_boxes[name].currentData())
        actions.choose_axis(self.controller, name, chosen, AXIS_TITLES[name])

    def _quadrant_edited(self, field: str, text: str) -> None:
        actions.rename_quadrant(self.controller, field, text)

    def _bubble_dropped(self, competitor_id: str, x: float, y: float) -> None:
        """Rate the competitor on both axis criteria at once: one undo step."""
        targets: dict[str, str] = {}
        for name, value in (("x", x), ("y", y)):
            criterion = self.criteria[cards.axis(self.settings, name).criterion_id or ""]
            targets[criterion.id] = _snap(criterion.kind, value)
        actions.rate_on_map(self.controller, competitor_id, self.names[competitor_id], targets)

    def drag_bubble(self, competitor_id: str, x: float, y: float) -> None:
        """What a mouse drag ends in: move the bubble, then drop it (used by tests too)."""
        item = self.bubbles[competitor_id]
        if not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable:
            return
        item.setPos(to_scene(x, y))
        self._bubble_dropped(competitor_id, *from_scene(item.pos()))

    def export(self, suffix: str) -> Path | None:
        if self.layout_data is None:
            return None
        kind = "PNG images (*.png)" if suffix == ".png" else "SVG drawings (*.svg)"
        target = dialogs.choose_export_file(
            self, "Export Positioning Map", f"positioning-map{suffix}", kind
        )
        if target is None:
            return None
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            return chart.save_map(self.layout_data, target)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Export Map", str(error))
            return None

    def _on_changed(self, change: Change) -> None:
        if change.kinds & edit.COMPETITION_TABLES:
            if self.isVisible() or not self._lazy:
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)


def _axis_key(chosen: cards.Axis) -> str:
    if chosen.criterion_id:
        return f"criterion:{chosen.criterion_id}"
    return f"category:{chosen.category_id}" if chosen.category_id else ""


def _axis_from_key(key: object) -> cards.Axis:
    kind, _, record_id = str(key or "").partition(":")
    if kind == "criterion":
        return cards.Axis(criterion_id=record_id)
    return cards.Axis(category_id=record_id) if kind == "category" else cards.Axis()


def _snap(kind: str, value: float) -> str:
    """A dragged position as the rating it means: half points for scores, the nearest of
    no / partial / yes for yes-no criteria."""
    if kind == "yes_no":
        return min(
            (("no", 0.0), ("partial", SCORE_MAX / 2), ("yes", float(SCORE_MAX))),
            key=lambda option: abs(option[1] - value),
        )[0]
    return f"{round(value * 2) / 2:g}"
