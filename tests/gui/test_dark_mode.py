"""Dark mode: with the dark colour scheme every workspace stays legible.

The offscreen platform reports no colour scheme, so the test forces the dark one, as a system in
dark mode would. Then, on every page and tab of the sample project at 1024×700, text must stand
out from what it is drawn on by a WCAG contrast of at least 4.5: each label (its colour and any
coloured span in it, against the pixels behind it), each cell of each table, list and tree
(its foreground against its background), and the text each picture paints (against the
picture's paper, which must itself be the dark one).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QTabWidget,
    QWidget,
)

from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.workspaces import WORKSPACES
from pmdesk.store.document import Document

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
MINIMUM = theme.TEXT_CONTRAST
SPAN_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6})")  # text, not background-color


@pytest.fixture
def dark(qapp):
    """The dark scheme, as a system in dark mode gives it; the app's looks are put back after."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    theme.set_scheme("dark")
    yield
    theme.set_scheme(None)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def window(qtbot, sample_file, monkeypatch, dark):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.use_controller(DocumentController(Document.open(sample_file)))
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


# -- what a person sees -------------------------------------------------------------------------


def _behind(shot: QImage, window: QWidget, widget: QWidget) -> QColor | None:
    """The colour most of ``widget``'s visible pixels have in the window's picture."""
    area = widget.visibleRegion().boundingRect()
    place = QRect(widget.mapTo(window, area.topLeft()), area.size()) & shot.rect()
    return None if place.isEmpty() else _mode(shot, place)


def label_problems(window: QWidget, root: QWidget) -> list[str]:
    """Labels (and their coloured spans) under ``root`` that do not stand out from behind."""
    QApplication.processEvents()
    shot = window.grab().toImage()
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.isEnabled() or not label.text().strip():
            continue
        if not label.pixmap().isNull():
            continue
        ground = _behind(shot, window, label)
        if ground is None:
            continue
        colours = [label.palette().color(label.foregroundRole())]
        colours += [QColor(code) for code in SPAN_COLOUR.findall(label.text())]
        for colour in colours:
            ratio = theme.contrast(colour, ground)
            if ratio < MINIMUM:
                text = re.sub("<[^>]+>", "", label.text())[:40]
                found.append(f"label “{text}” {colour.name()} on {ground.name()}: {ratio:.1f}")
    return found


def button_problems(root: QWidget) -> list[str]:
    found = []
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled() and button.text():
            palette = button.palette()
            ratio = theme.contrast(
                palette.color(QPalette.ColorRole.ButtonText),
                palette.color(QPalette.ColorRole.Button),
            )
            if ratio < MINIMUM:
                found.append(f"button “{button.text()}”: {ratio:.1f}")
    return found


def cell_problems(root: QWidget, rows: int = 40) -> list[str]:
    """Cells of every visible table, list and tree whose text does not stand out."""
    found = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        base = view.palette().color(QPalette.ColorRole.Base)
        text = view.palette().color(QPalette.ColorRole.Text)
        for index in _indexes(model, rows):
            if not str(index.data(Qt.ItemDataRole.DisplayRole) or "").strip():
                continue
            given = index.data(Qt.ItemDataRole.ForegroundRole)
            if given is None and not index.flags() & Qt.ItemFlag.ItemIsEnabled:
                continue  # shown greyed as disabled, on purpose
            colour = _colour(given) or text
            ground = _colour(index.data(Qt.ItemDataRole.BackgroundRole)) or base
            ratio = theme.contrast(colour, ground)
            if ratio < MINIMUM:
                shown = str(index.data(Qt.ItemDataRole.DisplayRole))[:30]
                found.append(
                    f"{type(view).__name__} cell “{shown}” {colour.name()} on {ground.name()}:"
                    f" {ratio:.1f}"
                )
    return found


def _indexes(model, rows: int, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps it private: one column
        columns, parent = 1, QModelIndex()
    for row in range(min(model.rowCount(parent), rows)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and columns > 1 and model.rowCount(index) > 0:
                yield from _indexes(model, rows, index)


def _colour(value) -> QColor | None:
    if value is None:
        return None
    colour = value.color() if hasattr(value, "color") else QColor(value)
    return colour if colour.isValid() else None


def picture_problems(root: QWidget, monkeypatch) -> list[str]:
    """Pictures whose paper is not dark, or whose text does not stand out from the pixels
    behind it (a card, a tint, a sticky note or the paper)."""
    found = []
    painted: list[tuple[QColor, QRectF]] = []
    original = QPainter.drawText

    def recording(painter, *args):
        painted.append((QColor(painter.pen().color()), _text_box(painter, args)))
        return original(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", recording)
    try:
        for view in root.findChildren(QGraphicsView):
            if not view.isVisible() or view.scene() is None:
                continue
            view.setInteractive(False)  # no hover highlight where the mouse happens to be
            painted.clear()
            image = view.viewport().grab().toImage()  # paints background, items, foreground
            paper = _mode(image, image.rect())
            if theme.luminance(paper) > 0.1:
                found.append(f"{type(view).__name__} paints on light paper {paper.name()}")
            texts = list(painted)
            for item in view.scene().items():
                if isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem):
                    if not item.isVisible():
                        continue
                    colour = (
                        item.brush().color()
                        if isinstance(item, QGraphicsSimpleTextItem)
                        else item.defaultTextColor()
                    )
                    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
                    texts.append((colour, QRectF(box)))
            for colour, box in texts:
                place = box.toAlignedRect() & image.rect()
                if place.width() < 2 or place.height() < 2:
                    continue  # scrolled out of sight
                ground = _mode(image, place)
                ratio = theme.contrast(_over(colour, ground), ground)
                if ratio < MINIMUM:
                    name = type(view).__name__
                    found.append(f"{name} text {colour.name()} on {ground.name()}: {ratio:.1f}")
    finally:
        monkeypatch.setattr(QPainter, "drawText", original)
    return sorted(set(found))


def _text_box(painter: QPainter, args: tuple) -> QRectF:
    """Where on the device a drawText call puts its text."""
    first = args[0]
    if isinstance(first, QRectF | QRect):
        box = QRectF(first)
    else:  # a point (or x, y) and the text: the baseline's start
        point = QPointF(first) if not isinstance(first, int | float) else QPointF(first, args[1])
        text = args[-1] if isinstance(args[-1], str) else ""
        metrics = painter.fontMetrics()
        box = QRectF(
            point.x(),
            point.y() - metrics.ascent(),
            metrics.horizontalAdvance(text),
            metrics.height(),
        )
    return painter.transform().mapRect(box)


def _mode(image: QImage, place: QRect) -> QColor:
    counts: Counter[int] = Counter()
    step = max(1, place.width() * place.height() // 4000)
    for index in range(0, place.width() * place.height(), step):
        counts[
            image.pixel(place.left() + index % place.width(), place.top() + index // place.width())
        ] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0])


def _over(colour: QColor, ground: QColor) -> QColor:
    """``colour`` as it shows when drawn with its transparency over ``ground``."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(
            alpha * getattr(colour, c)() + (1 - alpha) * getattr(ground, c)()
            for c in ("redF", "greenF", "blueF")
        )
    )


def _tabs(page: QWidget) -> list[tuple[QTabWidget | None, int]]:
    tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None)
    return [(tabs, index) for index in range(tabs.count())] if tabs else [(None, 0)]


# -- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [workspace.key for workspace in WORKSPACES])
def test_every_workspace_is_legible_in_the_dark_scheme(qtbot, window, monkeypatch, key):
    page = window.show_workspace(key)
    assert theme.luminance(window.palette().color(QPalette.ColorRole.Window)) < 0.05
    problems = []
    for tabs, index in _tabs(page):
        if tabs is not None:
            tabs.setCurrentIndex(index)
        QApplication.processEvents()
        where = f"{key}" + (f" › {tabs.tabText(index)}" if tabs is not None else "")
        shown = tabs.currentWidget() if tabs is not None else page
        for problem in (
            label_problems(window, page)
            + button_problems(page)
            + cell_problems(shown)
            + picture_problems(shown, monkeypatch)
        ):
            problems.append(f"{where}: {problem}")
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))


def test_the_start_page_and_navigation_are_legible_in_the_dark_scheme(window):
    window.close_project()
    start = window.stack.currentWidget()
    assert not label_problems(window, start) + button_problems(start) + cell_problems(start)
    window.new_project()
    assert not cell_problems(window.navigation)


def test_the_checks_catch_dark_text_on_the_dark_window(qtbot, dark):
    """The checks above can fail: a label in the light scheme's ink is caught in the dark."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("Dark grey, as the light scheme wrote it", holder)
    label.setStyleSheet("color: #344054;")
    span = QLabel("Plain <span style='color:#1f2733'>and a dark span</span>", holder)
    span.move(0, 30)
    holder.resize(400, 60)
    holder.show()
    qtbot.waitExposed(holder)
    found = label_problems(holder, holder)
    assert len(found) == 2 and "#344054" in found[0] and "#1f2733" in found[1]
    label.setStyleSheet(theme.css("color: #344054;"))  # what the pages do
    span.setText(theme.rich(span.text()))
    assert label_problems(holder, holder) == []


def test_a_change_of_scheme_rebuilds_the_pages_in_the_new_colours(qtbot, window):
    page = window.show_workspace("requirements")
    theme.set_scheme("light")
    rebuilt = window.show_workspace("requirements")
    assert rebuilt is not page  # built anew: labels coloured as they were built follow
    assert theme.luminance(window.palette().color(QPalette.ColorRole.Window)) > 0.8
    assert not label_problems(window, rebuilt)


def test_ink_keeps_the_hue_and_reaches_the_contrast():
    for scheme in ("dark", "light"):
        ground = QColor(theme.DARK.window if scheme == "dark" else theme.LIGHT.window)
        for colour in ("#b42318", "#067647", "#1d4ed8", "#98a2b3", "#1f2733", "#ffffff"):
            readable = theme.ink(colour, on=ground)
            assert theme.contrast(readable, ground) >= MINIMUM, (scheme, colour)
            if QColor(colour).hslSaturationF() > 0.3:
                assert abs(readable.hslHueF() - QColor(colour).hslHueF()) < 0.02
