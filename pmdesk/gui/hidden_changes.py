"""Edits reach a view that is out of sight when it comes back into sight, merged into one.

Every built workspace page listens to every edit. Refreshing the pages the PM is not looking
at (another workspace, another tab) made one edit on a big project cost a refresh of every
page visited so far: about a tenth of a second each at 50 times the sample. A view hidden
inside a window on screen now keeps what it was told, and gets it all, as one ``Change``, as
soon as it is shown again, before it paints. Views hear of edits in the order they started
listening, held or not, as they did when each listened to the controller itself. A view whose
window is not on screen (built on its own, say) hears of each edit at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from pmdesk.gui.document import Change, DocumentController, union


@dataclass
class _Listener:
    view: QWidget
    handler: Callable[[Change], None]
    held: Change | None = None

    def in_sight(self) -> bool:
        """Shown, or about to be: no ancestor up to the window is hidden (another workspace,
        another tab), or the window itself is not on screen."""
        window = self.view.window()
        return not window.isVisible() or self.view.isVisibleTo(window)


class _Listeners(QObject):
    """A controller's listeners, in the order they started listening."""

    def __init__(self, controller: DocumentController) -> None:
        super().__init__(controller)
        self._listeners: list[_Listener] = []
        controller.changed.connect(self._changed)

    def add(self, view: QWidget, handler: Callable[[Change], None]) -> None:
        listener = _Listener(view, handler)
        self._listeners.append(listener)
        view.installEventFilter(self)
        # As a connection would be, the listener is dropped with its view.
        view.destroyed.connect(lambda: self._drop(listener))

    def _drop(self, listener: _Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, change: Change) -> None:
        for listener in list(self._listeners):
            if listener not in self._listeners:  # its view went with an earlier handler
                continue
            if listener.held is not None or not listener.in_sight():
                listener.held = change if listener.held is None else union(listener.held, change)
            else:
                listener.handler(change)
        self._hand_over()  # a view shown by an earlier handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self._hand_over()
        return False

    def _hand_over(self) -> None:
        for listener in list(self._listeners):
            if listener in self._listeners and listener.held is not None and listener.in_sight():
                held, listener.held = listener.held, None
                listener.handler(held)


def on_change(
    controller: DocumentController, listener: QObject, handler: Callable[[Change], None]
) -> None:
    """Call ``handler`` with each edit's ``Change``; while ``listener`` (for a model, the widget
    it belongs to) is hidden inside a window on screen, with all of them at once when it is
    shown. A model that belongs to no widget hears of each edit at once."""
    view: QObject | None = listener
    while view is not None and not isinstance(view, QWidget):
        view = view.parent()
    if view is None:
        controller.changed.connect(handler)
        return
    listeners = controller.findChild(_Listeners)
    if listeners is None:
        listeners = _Listeners(controller)
    listeners.add(view, handler)
