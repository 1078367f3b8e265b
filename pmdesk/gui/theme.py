"""One palette-driven theme, light or dark as the system's colour scheme says.

The window's palette is built from a set of role colours, and every picture
the app paints (the stakeholder grid, the roadmap timeline, the canvas, the maps and charts)
asks this module for its paper, its cards and its ink instead of naming white and near-black.
A workspace keeps its own accent colours; ``surface`` turns a light tint into its dark
counterpart, and ``ink`` moves a text colour just far enough in lightness to read on what it is
drawn on (WCAG contrast 4.5), so a hue stays recognisable in both schemes.

The scheme follows ``QStyleHints.colorScheme()`` (Qt 6.5+) and its ``colorSchemeChanged``;
``PMDESK_COLOR_SCHEME=dark|light`` or ``set_scheme`` overrides it (for a platform that reports
none, such as the offscreen one tests run on).

The application has no style sheet of its own: with one, every widget of every page goes through
Qt's style-sheet style, which makes building and painting pages markedly slower. The few widgets
with rules of their own (resources/style/*.qss) get them through ``style``, and labels whose
colour carries a meaning through ``tone``; both follow a change of scheme.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from string import Template

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pmdesk.resources import resource

TEXT_CONTRAST = 4.5  # WCAG AA for body text
_AIM = 4.7  # what ink aims at: a little over, so rounding to 8-bit colours never drops below
ENV = "PMDESK_COLOR_SCHEME"


@dataclass(frozen=True)
class Theme:
    """The role colours of one scheme, as "#rrggbb"."""

    dark: bool
    window: str  # the chrome behind widgets
    base: str  # inside fields, lists and tables
    alternate: str  # every other table row
    text: str
    muted: str  # secondary text: hints, counts
    disabled: str
    button: str
    border: str
    accent: str  # selection, the current workspace
    accent_text: str  # text on the accent
    link: str
    paper: str  # behind every picture
    card: str  # a card, note or bubble on the paper
    card_edge: str
    grid: str  # fine lines in pictures
    nav: str  # the navigation column
    nav_hover: str
    nav_selected: str
    nav_selected_text: str
    banner: str  # the read-only banner
    banner_text: str
    banner_edge: str


LIGHT = Theme(
    dark=False,
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f7f8fa",
    text="#1f2733",
    muted="#5b6575",
    disabled="#9aa1ab",
    button="#f0f1f4",
    border="#d5d9e0",
    accent="#1d4ed8",
    accent_text="#ffffff",
    link="#1d4ed8",
    paper="#ffffff",
    card="#ffffff",
    card_edge="#c9cfd8",
    grid="#e2e5ea",
    nav="#f3f4f7",
    nav_hover="#e8ebf1",
    nav_selected="#e1e7f5",
    nav_selected_text="#1d4ed8",
    banner="#fff4d6",
    banner_text="#5c4400",
    banner_edge="#f0d48a",
)

DARK = Theme(
    dark=True,
    window="#202329",
    base="#181a1f",
    alternate="#1f2228",
    text="#e6e8eb",
    muted="#a7afbc",
    disabled="#6b7280",
    button="#2b2f36",
    border="#3b414b",
    accent="#3b6fe0",
    accent_text="#ffffff",
    link="#8cb0ff",
    paper="#1b1e23",
    card="#272b32",
    card_edge="#454c57",
    grid="#2f343c",
    nav="#1a1d22",
    nav_hover="#262a31",
    nav_selected="#25324d",
    nav_selected_text="#a9c3ff",
    banner="#3d3212",
    banner_text="#f5dea0",
    banner_edge="#6b5a22",
)


class _Notifier(QObject):
    changed = Signal()  # the scheme changed: pages rebuild, pictures repaint
    # Before ``changed``, in this order: a new style sheet puts back the palettes its widgets had
    # when it was first applied, so the labels' tones are set after every sheet is.
    sheets = Signal()
    tones = Signal()


_forced: str | None = None
_notifier: _Notifier | None = None
_active: Theme | None = None  # set by apply(); until then current() asks the system


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def scheme() -> str:
    """ "dark" or "light": the override if there is one, else what the system says."""
    chosen = _forced or os.environ.get(ENV, "").strip().lower()
    if chosen in ("dark", "light"):
        return chosen
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def current() -> Theme:
    """The theme in use (cheap: pictures ask for it as they paint)."""
    return _active if _active is not None else (DARK if scheme() == "dark" else LIGHT)


def set_scheme(name: str | None) -> None:
    """Force "dark" or "light" (None: follow the system again), and apply it at once."""
    global _forced
    _forced = name
    apply()


def install(app: QApplication) -> None:
    """Apply the theme and follow the system's scheme from now on."""
    apply(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply())


def apply(app: QApplication | None = None) -> None:
    """Give the application the current theme's palette; tell the views and styled widgets."""
    global _active
    app = app or QApplication.instance()  # type: ignore[assignment]
    _active = DARK if scheme() == "dark" else LIGHT
    if not isinstance(app, QApplication):
        return
    chosen = _active
    app.setPalette(palette(chosen))
    # Qt posts the change to each window; deliver it now, so that the pages rebuilt below, and
    # whatever reads a palette on the way, see the new one (the application's style sheet,
    # reset here before, did this as a side effect).
    QApplication.sendPostedEvents(None, QEvent.Type.ApplicationPaletteChange)
    notifier().sheets.emit()
    notifier().tones.emit()
    notifier().changed.emit()


def palette(theme: Theme) -> QPalette:
    roles = QPalette.ColorRole
    result = QPalette()
    for role, value in (
        (roles.Window, theme.window),
        (roles.WindowText, theme.text),
        (roles.Base, theme.base),
        (roles.AlternateBase, theme.alternate),
        (roles.Text, theme.text),
        (roles.PlaceholderText, theme.muted),
        (roles.Button, theme.button),
        (roles.ButtonText, theme.text),
        (roles.ToolTipBase, theme.card),
        (roles.ToolTipText, theme.text),
        (roles.Highlight, theme.accent),
        (roles.HighlightedText, theme.accent_text),
        (roles.Link, theme.link),
        (roles.LinkVisited, theme.link),
        (roles.BrightText, "#ffffff"),
        (roles.Light, _shift(theme.button, 0.12)),
        (roles.Midlight, _shift(theme.button, 0.06)),
        (roles.Mid, theme.border),
        (roles.Dark, _shift(theme.button, -0.25)),
        (roles.Shadow, "#000000"),
    ):
        result.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        result.setColor(disabled, role, QColor(theme.disabled))
    return result


def style(widget: QWidget, name: str) -> None:
    """Give ``widget`` the rules of resources/style/<name>.qss in this scheme's colours, now and
    whenever the scheme changes. They reach ``widget`` and what it holds, and nothing else."""
    _set_sheet(name, widget)
    _Follower(widget, partial(_set_sheet, name), notifier().sheets)


def tone(label: QWidget, name: str) -> None:
    """Colour ``label``'s text as ``name`` ("muted" or one of ``TONES``) says, in this scheme
    and the next: through its palette, which costs nothing when pages are built and painted."""
    _set_tone(name, label)
    _Follower(label, partial(_set_tone, name), notifier().tones)


def style_sheet(name: str, theme: Theme | None = None) -> str:
    """The rules of resources/style/<name>.qss with ``theme``'s colours (by default the current
    theme's) filled in."""
    return _style_sheet(name, theme or current())


@lru_cache(maxsize=64)
def _style_sheet(name: str, theme: Theme) -> str:
    text = resource("style", f"{name}.qss").read_text(encoding="utf-8")
    values = {field: getattr(theme, field) for field in theme.__dataclass_fields__}
    return Template(text).substitute(values)


def tone_colour(name: str) -> QColor:
    """The text colour of a tone in the current scheme."""
    return QColor(current().muted) if name == "muted" else ink(TONES[name])


def _set_sheet(name: str, widget: QWidget) -> None:
    widget.setStyleSheet(style_sheet(name))


def _set_tone(name: str, label: QWidget) -> None:
    colours = QPalette()  # only the text role is the label's own; the rest follows the window
    colours.setColor(QPalette.ColorRole.WindowText, tone_colour(name))
    label.setPalette(colours)


class _Follower(QObject):
    """Restyles its widget when the scheme changes; a child of the widget, it goes with it (and
    Qt then drops its connection)."""

    def __init__(
        self, widget: QWidget, restyle: Callable[[QWidget], None], when: SignalInstance
    ) -> None:
        super().__init__(widget)
        self._restyle = restyle
        when.connect(self.follow)

    def follow(self) -> None:
        self._restyle(self.parent())  # type: ignore[arg-type]


# Text colours with a meaning, as their light-scheme values; ``ink`` adapts them.
TONES = {"danger": "#b42318", "warning": "#b54708", "success": "#067647"}


# -- colours for what the app paints ---------------------------------------------------------


def paper() -> QColor:
    return QColor(current().paper)


def card() -> QColor:
    return QColor(current().card)


def card_edge() -> QColor:
    return QColor(current().card_edge)


def text() -> QColor:
    return QColor(current().text)


def muted() -> QColor:
    return QColor(current().muted)


def scene_ink(colour: str | QColor) -> QColor:
    """Text in a picture: readable on its cards and on its paper alike."""
    return ink(colour, on=current().card)


def surface(colour: str | QColor) -> QColor:
    """A fill as this scheme shows it: as given in light; in dark, a light tint becomes a dark
    one of the same hue (white becomes the paper), a strong colour stays strong."""
    given = QColor(colour)
    if not current().dark:
        return given
    hue, saturation, lightness, alpha = given.getHslF()
    if lightness > 0.985:  # white and near-white are the paper itself
        result = QColor(current().paper)
        result.setAlphaF(alpha)
        return result
    floor = QColor(current().paper).lightnessF()
    result = QColor.fromHslF(max(hue, 0.0), saturation * 0.5, floor + (1 - lightness) * 0.85, alpha)
    return result


def ink(colour: str | QColor, on: str | QColor | None = None) -> QColor:
    """``colour`` made readable as text on ``on`` (by default the window and the fields):
    its lightness moved, hue kept, until the contrast is at least 4.5."""
    grounds = [QColor(on)] if on is not None else _grounds(current())
    given = QColor(colour)
    # Pictures ask for the same few colours on every paint: each pair is worked out once.
    moved = _moved_ink(given.name(QColor.NameFormat.HexArgb), tuple(g.name() for g in grounds))
    # Readable as it is: left exactly as the workspace chose it.
    return given if moved is None else QColor(moved)


@lru_cache(maxsize=1024)
def _moved_ink(colour: str, ground_names: tuple[str, ...]) -> QColor | None:
    """``ink``'s colour, or None when ``colour`` already reads on every ground."""
    grounds = [QColor(name) for name in ground_names]
    result = QColor(colour)
    if all(contrast(result, ground) >= TEXT_CONTRAST for ground in grounds):
        return None
    ground_light = sum(luminance(ground) for ground in grounds) / len(grounds)
    lighter = ground_light < 0.18  # on a dark ground the text goes lighter
    hue, saturation, lightness, alpha = result.getHslF()
    for _step in range(50):
        lightness = min(1.0, lightness + 0.02) if lighter else max(0.0, lightness - 0.02)
        result = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
        if all(contrast(result, ground) >= _AIM for ground in grounds):
            break
    return result


def _grounds(theme: Theme) -> list[QColor]:
    """What widgets' text sits on: the window, the fields, and a tab's pane (Fusion paints it
    a little lighter than the button colour)."""
    pane = QColor(theme.button)
    grey = (pane.red() * 11 + pane.green() * 16 + pane.blue() * 5) // 32  # as qGray
    pane = pane.lighter(100 + max(1, (180 - grey) // 6))
    pane.setHsv(pane.hue(), int(pane.saturation() * 0.75), pane.value())
    return [QColor(theme.window), QColor(theme.base), pane.lighter(104)]


def ink_css(colour: str | QColor, on: str | QColor | None = None) -> str:
    """``ink`` as "#rrggbb", for style sheets and rich text."""
    return ink(colour, on).name()


def surface_css(colour: str | QColor) -> str:
    return surface(colour).name()


_STYLED = re.compile(
    r"(?<![-\w])(background-color|background|color)(\s*:\s*)(#[0-9a-fA-F]{6}\b|white\b)"
)
_STYLE_ATTRIBUTE = re.compile(r"style=(['\"])(.*?)\1")


def css(text: str) -> str:
    """A style sheet with its text colours made readable (``ink``) and its backgrounds made
    this scheme's (``surface``): the light-scheme style sheets of the pages stay as written."""

    def adapt(match: re.Match[str]) -> str:
        name, colon, value = match.groups()
        return name + colon + (ink_css(value) if name == "color" else surface_css(value))

    return _STYLED.sub(adapt, text)


def rich(html: str) -> str:
    """``css`` applied to the style attributes of rich text (never to the text itself)."""
    return _STYLE_ATTRIBUTE.sub(lambda m: f"style={m[1]}{css(m[2])}{m[1]}", html)


def on(fill: str | QColor) -> QColor:
    """Near-black or white, whichever reads better on ``fill``."""
    dark, light = QColor("#1f2733"), QColor("#ffffff")
    ground = QColor(fill)
    return dark if contrast(dark, ground) >= contrast(light, ground) else light


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _shift(colour: str, amount: float) -> str:
    hue, saturation, lightness, alpha = QColor(colour).getHslF()
    return QColor.fromHslF(
        max(hue, 0.0), saturation, min(1.0, max(0.0, lightness + amount)), alpha
    ).name()
