"""A table header that measures a few of its sections, not two hundred, for its size.

Qt's header sizes itself by laying out the contents of its first and last hundred sections
through the style, and does it again after every reset, polish and font change: the strategy
canvas table and the competitive matrix, with hundreds of columns or rows, spent tens of
milliseconds of their first show on it. Sections
that differ only in their text's width (one line, the same font, with or without a swatch) need
the widest of each kind only: the text's width is read from font metrics, and those few
sections are measured by Qt as before, so the header has the very size Qt would give it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QWidget

SAMPLED = 100  # Qt measures this many shown sections from each end


class MeasuredHeader(QHeaderView):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        # Bumped when the sections' contents may have changed (the model's signals), and when
        # their looks may have (a font, style or palette change): the contents are read
        # again only for the first, the few chosen sections measured again for either.
        self._contents = 0
        self._looks = 0
        self._chosen: tuple[tuple[Any, ...], list[int]] | None = None
        self._hint: tuple[tuple[Any, ...], QSize] | None = None
        self._watched: QAbstractItemModel | None = None

    def setModel(self, model: QAbstractItemModel | None) -> None:
        if self._watched is not None:
            for signal in self._signals(self._watched):
                signal.disconnect(self._forget)
        # Connected before Qt's own header and view connect theirs: slots run in the order
        # connected, so the contents are forgotten before Qt asks for the new size.
        self._watched = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self._forget)
        self._forget()
        super().setModel(model)

    @staticmethod
    def _signals(model: QAbstractItemModel) -> list[Any]:
        return [
            model.modelReset,
            model.layoutChanged,
            model.headerDataChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.columnsInserted,
            model.columnsRemoved,
        ]

    def _forget(self, *_args: object) -> None:
        self._contents += 1

    def changeEvent(self, event: QEvent) -> None:
        self._looks += 1  # a font, style or palette change: measure again
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        model = self.model()
        if model is None or not self.count():
            return super().sizeHint()
        # Hiding a section changes which ones Qt measures (hidden ones are not).
        hidden = (
            tuple(i for i in range(self.count()) if self.isSectionHidden(i))
            if self.hiddenSectionCount()
            else ()
        )
        contents = (self._contents, self.count(), hidden, self.font().key())
        key = (
            *contents,
            self._looks,
            self.isSortIndicatorShown(),
            self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished),
        )
        if self._hint is not None and self._hint[0] == key:
            return QSize(self._hint[1])
        if self._chosen is None or self._chosen[0] != contents:
            self._chosen = (contents, self._candidates(model))
        hint = QSize(0, 0)
        for section in self._chosen[1]:
            hint = hint.expandedTo(self.sectionSizeFromContents(section))
        self._hint = (key, hint)
        return QSize(hint)

    def _sampled(self) -> list[int]:
        """The sections Qt's own size hint measures: the first and last hundred shown."""
        count = self.count()
        first: list[int] = []
        index = 0
        while len(first) < SAMPLED and index < count:
            if not self.isSectionHidden(index):
                first.append(index)
            index += 1
        last: list[int] = []
        back = count - 1
        while len(last) < SAMPLED and back >= max(index, count - SAMPLED):
            if not self.isSectionHidden(back):
                last.append(back)
            back -= 1
        return first + last

    def _candidates(self, model: QAbstractItemModel) -> list[int]:
        """Of the sampled sections, the widest of each look; any with a size of its own."""
        orientation = self.orientation()
        display, font_role = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole
        base = QFont(self.font())
        base.setBold(True)  # as Qt measures: the section may show highlighted
        metrics = {base.key(): QFontMetrics(base)}
        widest: dict[tuple[Any, ...], tuple[int, int]] = {}
        chosen: list[int] = []
        for section in self._sampled():
            if model.headerData(section, orientation, Qt.ItemDataRole.SizeHintRole) is not None:
                chosen.append(section)
                continue
            font = model.headerData(section, orientation, font_role)
            if isinstance(font, QFont):
                font = QFont(font)
                font.setBold(True)
                measure = metrics.setdefault(font.key(), QFontMetrics(font))
                font_key = font.key()
            else:
                measure, font_key = metrics[base.key()], base.key()
            text = model.headerData(section, orientation, display)
            lines = str(text).split("\n") if text is not None else [""]
            decorated = (
                model.headerData(section, orientation, Qt.ItemDataRole.DecorationRole) is not None
            )
            width = max(measure.horizontalAdvance(line) for line in lines)
            look = (font_key, len(lines), decorated)
            if look not in widest or width > widest[look][0]:
                widest[look] = (width, section)
        return chosen + [section for _width, section in widest.values()]
