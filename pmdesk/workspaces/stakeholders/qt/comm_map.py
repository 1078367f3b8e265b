"""The communication map: product management at the centre, each department around it, and
each stakeholder with the channel and cadence the PM keeps with them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart import map_columns
from pmdesk.workspaces.stakeholders.model import ATTITUDES, Stakeholder, StakeholderRelationship
from pmdesk.workspaces.stakeholders.qt.grid import card_info
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import OVERDUE_RED, font, link_pen

HUB_BLUE = "#1d4ed8"
INTERNAL_INK = "#1e3a8a"
EXTERNAL_INK = "#0f766e"
SPOKE = "#a9bce6"


def _rect(rect: chart.Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.width, rect.height)


class MapBackdrop(QGraphicsItem):
    """The hub, the departments and every line between them and their people."""

    def __init__(self, layout: chart.CommunicationLayout, product: str) -> None:
        super().__init__()
        self.layout = layout
        self.product = product
        self.setZValue(-1)

    def boundingRect(self) -> QRectF:
        return _rect(self.layout.bounds)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        nodes = {node.name: node for node in self.layout.departments}
        # department -> its people: thin curves from the node to each chip's near side
        for person_id, chip in self.layout.chips.items():
            node = nodes[self.layout.chip_department[person_id]]
            ink = theme.scene_ink(EXTERNAL_INK if node.external else INTERNAL_INK)
            ink.setAlphaF(0.35)
            painter.setPen(QPen(ink, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            target = _near_side(chip, node)
            path = QPainterPath(QPointF(node.x, node.y))
            middle = QPointF((node.x + target.x()) / 2, target.y())
            path.quadTo(middle, target)
            painter.drawPath(path)
        # hub -> departments: thicker where more people are engaged
        for node in self.layout.departments:
            colour = theme.surface(SPOKE if not node.external else "#9fd3cb")
            pen = QPen(colour, 2 + min(node.count, 6) * 1.2)
            if node.external:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QLineF(QPointF(0, 0), QPointF(node.x, node.y)))
        for node in self.layout.departments:
            self._paint_department(painter, node)
        self._paint_hub(painter)

    def _paint_hub(self, painter: QPainter) -> None:
        radius = chart.HUB_RADIUS
        painter.setPen(QPen(theme.paper(), 4))
        painter.setBrush(QColor(HUB_BLUE))
        painter.drawEllipse(QPointF(0, 0), radius, radius)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(font(15, bold=True))
        painter.drawText(
            QRectF(-radius, -radius + 8, 2 * radius, 2 * radius - 30),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "Product management",
        )
        if self.product:
            painter.setFont(font(11))
            painter.setPen(QColor("#dbe4ff"))
            painter.drawText(
                QRectF(-radius, 22, 2 * radius, 18), Qt.AlignmentFlag.AlignCenter, self.product
            )

    def _paint_department(self, painter: QPainter, node: chart.DepartmentNode) -> None:
        radius = chart.DEPARTMENT_RADIUS
        fill = theme.surface("#f0fdfa" if node.external else "#eef2ff")
        ink = theme.ink(EXTERNAL_INK if node.external else INTERNAL_INK, on=fill)
        pen = QPen(ink, 2)
        if node.external:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        center = QPointF(node.x, node.y)
        painter.drawEllipse(center, radius, radius)
        painter.setPen(ink)
        painter.setFont(font(11, bold=True))
        box = QRectF(node.x - radius + 4, node.y - radius + 6, 2 * radius - 8, 2 * radius - 22)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, node.name)
        painter.setFont(font(10))
        painter.drawText(
            QRectF(node.x - radius, node.y + radius - 20, 2 * radius, 14),
            Qt.AlignmentFlag.AlignCenter,
            f"{node.count} {'person' if node.count == 1 else 'people'}",
        )


def _near_side(chip: chart.Rect, node: chart.DepartmentNode) -> QPointF:
    center_x = chip.x + chip.width / 2
    y = chip.y + chip.height / 2
    if abs(center_x - node.x) < chip.width / 2:  # straight above or below the node
        return QPointF(center_x, chip.y + chip.height if chip.y > node.y else chip.y)
    return QPointF(chip.x if center_x > node.x else chip.x + chip.width, y)


class ChipItem(QGraphicsItem):
    """A stakeholder on the map: name, attitude, and how the PM keeps in touch."""

    def __init__(self, person: Stakeholder, rect: chart.Rect, today: date) -> None:
        super().__init__()
        self.person_id = person.id
        self.name = person.name
        self.attitude = person.attitude
        plan = " · ".join(part for part in (person.channel, person.cadence) if part)
        self.plan = plan or "No communication plan yet"
        self.has_plan = bool(plan)
        self.overdue = person.is_overdue(today)
        self.on_open: Callable[[str], None] | None = None
        self._box = QRectF(0, 0, rect.width, rect.height)
        self.setPos(rect.x, rect.y)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setToolTip(card_info(person, today).tooltip)
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-6, -6, 6, 6)

    def chip_rect(self) -> QRectF:
        return self._box.translated(self.pos())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        box = self._box
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(20, 30, 50, 26))
        painter.drawRoundedRect(box.translated(1, 1.5), 6, 6)
        painter.setBrush(theme.card())
        selected = self.isSelected()
        painter.setPen(
            QPen(theme.scene_ink(HUB_BLUE), 2) if selected else QPen(theme.card_edge(), 1)
        )
        painter.drawRoundedRect(box, 6, 6)
        colour = QColor(chart.ATTITUDE_COLOURS.get(self.attitude, "#888888"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QPointF(box.left() + 14, box.center().y()), 6, 6)
        text_left = box.left() + 26
        width = box.width() - 32
        name_font = font(12, bold=True)
        plan_font = font(10)
        painter.setFont(name_font)
        painter.setPen(theme.scene_ink(chart.INK))
        name = QFontMetricsF(name_font).elidedText(self.name, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRectF(text_left, box.top() + 3, width, 17), Qt.AlignmentFlag.AlignVCenter, name
        )
        painter.setFont(plan_font)
        painter.setPen(theme.scene_ink(chart.MUTED_INK if self.has_plan else "#9aa1ab"))
        plan = QFontMetricsF(plan_font).elidedText(self.plan, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRectF(text_left, box.top() + 19, width, 14), Qt.AlignmentFlag.AlignVCenter, plan
        )
        if self.overdue:
            painter.setPen(QPen(theme.card(), 1.5))
            painter.setBrush(QColor(OVERDUE_RED))
            painter.drawEllipse(QPointF(box.right() - 1, box.top() + 1), 5, 5)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_open is not None:
            self.on_open(self.person_id)


class LegendItem(QGraphicsItem):
    def __init__(self, at: QPointF) -> None:
        super().__init__()
        self.setPos(at)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, 760, 24)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font(11))
        metrics = QFontMetricsF(painter.font())
        x = 0.0
        for key, label in ATTITUDES.items():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(chart.ATTITUDE_COLOURS[key]))
            painter.drawEllipse(QPointF(x + 6, 10), 6, 6)
            painter.setPen(theme.scene_ink(chart.INK))
            painter.drawText(QPointF(x + 16, 14), label)
            x += 16 + metrics.horizontalAdvance(label) + 16
        for label, ink, dashed in (
            ("internal", INTERNAL_INK, False),
            ("external", EXTERNAL_INK, True),
        ):
            pen = QPen(
                theme.scene_ink(ink), 2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
            )
            painter.setPen(pen)
            painter.setBrush(theme.surface("#f0fdfa" if dashed else "#eef2ff"))
            painter.drawEllipse(QPointF(x + 8, 10), 7, 7)
            painter.setPen(theme.scene_ink(chart.INK))
            painter.drawText(QPointF(x + 20, 14), label)
            x += 20 + metrics.horizontalAdvance(label) + 16
        painter.setPen(QPen(theme.card(), 1.5))
        painter.setBrush(QColor(OVERDUE_RED))
        painter.drawEllipse(QPointF(x + 6, 10), 5, 5)
        painter.setPen(theme.scene_ink(chart.INK))
        painter.drawText(QPointF(x + 16, 14), "touchpoint overdue")


class MapLinksItem(QGraphicsItem):
    """Relationship lines between people on the map, under the chips so names stay readable.

    Lines between people far apart bend towards the centre; between neighbours in one column
    they loop out sideways, where a straight line would hide under the chips.
    """

    def __init__(self, chips: dict[str, ChipItem], links: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self._paths: list[tuple[QPainterPath, str]] = []
        for source, target, kind in links:
            if source in chips and target in chips:
                path = _link_path(chips[source].chip_rect(), chips[target].chip_rect())
                self._paths.append((path, kind))
        self.setZValue(0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    @property
    def count(self) -> int:
        return len(self._paths)

    def boundingRect(self) -> QRectF:
        rect = QRectF()
        for path, _kind in self._paths:
            rect = rect.united(path.boundingRect())
        return rect.adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path, kind in self._paths:
            painter.setPen(link_pen(kind, 1.6))
            painter.drawPath(path)


def _link_path(source: QRectF, target: QRectF) -> QPainterPath:
    same_column = abs(source.center().x() - target.center().x()) < 1
    if same_column:
        outward = 1 if source.center().x() > 0 else -1
        edge = source.right() if outward > 0 else source.left()
        start = QPointF(edge, source.center().y())
        end = QPointF(edge, target.center().y())
        bulge = 18 + abs(end.y() - start.y()) / 4
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(outward * bulge, 0), end + QPointF(outward * bulge, 0), end)
        return path
    start, end = source.center(), target.center()
    path = QPainterPath(start)
    path.quadTo((start + end) / 2 * 0.6, end)  # bend towards product management
    return path


class CommunicationMap(QWidget):
    """The map tab: rebuilt from the records and the filter whenever either changes."""

    def __init__(self, open_person: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.scene.setBackgroundBrush(theme.paper())
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.view.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.view.setAccessibleName("Communication map")
        self._open = open_person
        self.chips: dict[str, ChipItem] = {}
        self.links: MapLinksItem | None = None
        self.lines = QCheckBox("Relationship lines")
        self.lines.setToolTip("Draw who reports to, influences, backs or fights whom")
        self.lines.toggled.connect(self._lines_toggled)
        # Around a hub for a team; in columns by department or attitude for a big programme.
        self.grouping = QComboBox()
        self.grouping.setObjectName("mapGrouping")
        for key, label in map_columns.GROUPINGS.items():
            self.grouping.addItem(label, key)
        self.grouping.setToolTip("How the map groups people; the filters above pick whom")
        self._grouping_chosen = False  # until the PM chooses, the size of the map decides
        self.grouping.activated.connect(self._grouping_changed)
        self._shown: tuple | None = None
        bar = QHBoxLayout()
        caption = QLabel("Group")
        caption.setBuddy(self.grouping)
        bar.addWidget(caption)
        bar.addWidget(self.grouping)
        bar.addStretch(1)
        bar.addWidget(self.lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def show_people(
        self,
        people: Sequence[Stakeholder],
        product: str,
        today: date,
        relationships: Sequence[StakeholderRelationship] = (),
    ) -> None:
        self._shown = (people, product, today, relationships)
        self.scene.clear()
        self.chips = {}
        if not self._grouping_chosen:
            wanted = map_columns.default_grouping(len(people))
            self.grouping.setCurrentIndex(self.grouping.findData(wanted))
        grouping = self.grouping.currentData()
        placed: chart.CommunicationLayout | map_columns.ColumnsLayout
        if grouping == "ring":
            placed = chart.communication_layout(people)
            self.scene.addItem(MapBackdrop(placed, product))
        else:
            from pmdesk.workspaces.stakeholders.qt.comm_columns import ColumnsBackdrop

            placed = map_columns.columns_layout(people, grouping)
            self.scene.addItem(ColumnsBackdrop(placed))
        by_id = {person.id: person for person in people}
        for person_id, rect in placed.chips.items():
            chip = ChipItem(by_id[person_id], rect, today)
            chip.on_open = self._open
            self.chips[person_id] = chip
            self.scene.addItem(chip)
        self.links = MapLinksItem(
            self.chips, [(r.source_id, r.target_id, r.kind) for r in relationships]
        )
        self.links.setVisible(self.lines.isChecked())
        self.scene.addItem(self.links)
        bounds = _rect(placed.bounds)
        legend_at = QPointF(bounds.left() + 8, bounds.bottom() + 6)
        self.scene.addItem(LegendItem(legend_at))
        self.scene.setSceneRect(bounds.adjusted(0, 0, 0, 36))
        self._fit()

    def _grouping_changed(self) -> None:
        self._grouping_chosen = True
        if self._shown is not None:
            self.show_people(*self._shown)

    def _lines_toggled(self, shown: bool) -> None:
        if self.links is not None:
            self.links.setVisible(shown)

    def _fit(self) -> None:
        if self.grouping.currentData() == "ring":
            self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            return
        # Columns fit the width, at most at full size, and scroll down: names stay readable.
        rect = self.scene.sceneRect()
        room = self.view.viewport().width() - 4
        scale = min(1.0, room / rect.width()) if rect.width() > 0 else 1.0
        self.view.resetTransform()
        self.view.scale(scale, scale)
        self.view.ensureVisible(QRectF(rect.left(), rect.top(), 1, 1), 0, 0)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self._fit()
