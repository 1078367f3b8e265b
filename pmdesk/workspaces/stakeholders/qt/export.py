"""Pictures of the maps as files: PNG for slides and mail, SVG for print and further editing.

A title line sits above the picture so a slide carries its own caption. Files are written
beside the target first and moved into place, so a failed export leaves an old file intact.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from pmdesk.errors import SaveError
from pmdesk.store.atomic import replace_atomically
from pmdesk.workspaces.stakeholders.chart.layout import INK, MUTED_INK
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import font

TITLE_HEIGHT = 56.0
PNG_SCALE = 2.0  # about 200 dpi on a slide


def export_scene(scene: QGraphicsScene, target: Path, title: str, subtitle: str) -> Path:
    """Write ``scene`` as PNG or SVG, chosen by the file suffix (PNG when there is none)."""
    suffix = target.suffix.lower()
    if suffix not in (".png", ".svg"):
        target = target.with_name(target.name + ".png")
        suffix = ".png"
    selected = scene.selectedItems()
    scene.clearSelection()  # a selection outline is not part of the picture
    write = _write_svg if suffix == ".svg" else _write_png
    try:
        replace_atomically(target, lambda temporary: write(scene, temporary, title, subtitle))
    finally:
        for item in selected:
            item.setSelected(True)
    return target


def _page_size(scene: QGraphicsScene) -> QSize:
    source = scene.sceneRect()
    return QSize(int(source.width()), int(source.height() + TITLE_HEIGHT))


def _paint(painter: QPainter, scene: QGraphicsScene, title: str, subtitle: str) -> None:
    size = _page_size(scene)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("#ffffff"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor(INK))
    painter.setFont(font(20, bold=True))
    painter.drawText(QRectF(16, 8, size.width() - 32, 28), Qt.AlignmentFlag.AlignVCenter, title)
    painter.setPen(QColor(MUTED_INK))
    painter.setFont(font(12))
    painter.drawText(QRectF(16, 34, size.width() - 32, 18), Qt.AlignmentFlag.AlignVCenter, subtitle)
    target = QRectF(0, TITLE_HEIGHT, size.width(), size.height() - TITLE_HEIGHT)
    scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def _write_png(scene: QGraphicsScene, path: Path, title: str, subtitle: str) -> None:
    size = _page_size(scene)
    image = QImage(size * PNG_SCALE, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(int(200 / 0.0254))
    image.setDotsPerMeterY(int(200 / 0.0254))
    painter = QPainter(image)
    painter.scale(PNG_SCALE, PNG_SCALE)
    _paint(painter, scene, title, subtitle)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise SaveError(f"The picture could not be written to {path.parent}.")


def _write_svg(scene: QGraphicsScene, path: Path, title: str, subtitle: str) -> None:
    size = _page_size(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription(subtitle)
    painter = QPainter(generator)
    _paint(painter, scene, title, subtitle)
    if not painter.end():
        raise SaveError(f"The picture could not be written to {path.parent}.")
