"""The theme as a person sees it: the navigation, the page titles, the read-only banner and the
toned labels wear the colours of the scheme in use, light or dark, and take the other scheme's
when it changes while the window is open. The pixels are read from the window's picture."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.start_page import StartPage
from pmdesk.store.document import Document

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def light(qapp):
    """The light scheme, applied as the app applies it; the app's looks are put back after."""
    palette = QPalette(qapp.palette())
    theme.set_scheme("light")
    yield
    theme.set_scheme(None)
    qapp.setPalette(palette)


@pytest.fixture
def window(qtbot, monkeypatch, light):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow(start_empty=True)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _shot(window: QWidget) -> QImage:
    QApplication.processEvents()
    return window.grab().toImage()


def _at(shot: QImage, window: QWidget, widget: QWidget, point: QPoint) -> str:
    return shot.pixelColor(widget.mapTo(window, point)).name()


def _ink(shot: QImage, window: QWidget, label: QLabel) -> tuple[str, str]:
    """(ground, ink) of a label's text: its most common colour, and the most common of the
    colours that stand out from it most (the solid middle of the strokes)."""
    origin = label.mapTo(window, QPoint(0, 0))
    counts = Counter(
        shot.pixelColor(origin.x() + x, origin.y() + y).name()
        for x in range(label.width())
        for y in range(label.height())
    )
    ground = counts.most_common(1)[0][0]
    best = max(theme.contrast(QColor(name), QColor(ground)) for name in counts)
    strongest = [n for n in counts if theme.contrast(QColor(n), QColor(ground)) > best - 0.05]
    return ground, max(strongest, key=counts.__getitem__)


def _navigation_colours(window: MainWindow) -> dict[str, str]:
    shot = _shot(window)
    navigation = window.navigation
    selected = navigation.visualItemRect(navigation.currentItem())
    other = navigation.visualItemRect(navigation.item(navigation.currentRow() + 1))
    middle = selected.center().y()
    return {
        "selected": _at(shot, window, navigation.viewport(), QPoint(selected.right() - 4, middle)),
        "edge": _at(shot, window, navigation.viewport(), QPoint(selected.left() + 1, middle)),
        "other": _at(shot, window, navigation.viewport(), QPoint(other.right() - 4, other.top())),
    }


def _expected_navigation(scheme: theme.Theme) -> dict[str, str]:
    return {"selected": scheme.nav_selected, "edge": scheme.nav_selected_text, "other": scheme.nav}


def test_the_application_has_no_style_sheet_of_its_own(qapp, light):
    # One would send every widget of every page through Qt's slow style-sheet style.
    assert qapp.styleSheet() == ""


def test_the_navigation_shows_the_current_workspace_in_either_scheme(window, sample_file):
    window.load(sample_file)
    window.show_workspace("goals")
    assert _navigation_colours(window) == _expected_navigation(theme.LIGHT)
    theme.set_scheme("dark")
    assert _navigation_colours(window) == _expected_navigation(theme.DARK)
    theme.set_scheme("light")
    assert _navigation_colours(window) == _expected_navigation(theme.LIGHT)


def test_page_titles_are_large_and_in_the_text_colour(window, sample_file):
    window.load(sample_file)
    for scheme, key in ((theme.LIGHT, "overview"), (theme.DARK, "roadmap")):
        theme.set_scheme("dark" if scheme.dark else "light")
        page = window.show_workspace(key)
        title = page.findChild(QLabel, "pageTitle")
        plain = next(label for label in page.findChildren(QLabel) if label.font() == page.font())
        assert title.fontInfo().pixelSize() == 22 > plain.fontInfo().pixelSize()
        assert _ink(_shot(window), window, title)[1] == scheme.text, key


def test_the_overview_form_labels_are_bold(window, sample_file):
    window.load(sample_file)
    page = window.show_workspace("overview")
    QApplication.processEvents()
    vision = page.ui.visionLabel
    assert vision.fontInfo().bold() and page.ui.intro.fontInfo().bold() is False


def test_the_read_only_banner_follows_the_scheme(window, sample_file):
    window.use_controller(DocumentController(Document.open(sample_file, read_only=True)))
    banner = window.banner
    assert banner.isVisible()
    for scheme in (theme.LIGHT, theme.DARK):
        theme.set_scheme("dark" if scheme.dark else "light")
        shot = _shot(window)
        assert _at(shot, window, banner, QPoint(banner.width() - 3, 3)) == scheme.banner
        edge = QPoint(banner.width() - 3, banner.height() - 1)
        assert _at(shot, window, banner, edge) == scheme.banner_edge
        assert _ink(shot, window, banner)[1] == scheme.banner_text


def test_toned_labels_of_the_start_page_follow_a_change_of_scheme(window):
    window.show_start_page()
    start = window.stack.currentWidget()
    assert isinstance(start, StartPage)
    intro = next(label for label in start.findChildren(QLabel) if label.text().startswith("Open"))
    assert _ink(_shot(window), window, intro) == (theme.LIGHT.window, theme.LIGHT.muted)
    # The start page's own rules are set again on a change too, after which the tone must hold.
    theme.set_scheme("dark")
    assert _ink(_shot(window), window, intro) == (theme.DARK.window, theme.DARK.muted)


@pytest.mark.parametrize("tone", sorted(theme.TONES))
def test_a_toned_label_reads_in_both_schemes(qtbot, light, tone):
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("Something went wrong here, in bold", holder)
    label.setStyleSheet("font-weight: 700; font-size: 18px;")  # solid strokes to read from
    theme.tone(label, tone)
    holder.resize(400, 40)
    holder.show()
    qtbot.waitExposed(holder)
    for dark in (False, True):
        theme.set_scheme("dark" if dark else "light")
        ground, ink = _ink(_shot(holder), holder, label)
        assert ink == theme.ink(theme.TONES[tone]).name()
        assert theme.contrast(QColor(ink), QColor(ground)) >= theme.TEXT_CONTRAST
