"""What the bars' colours mean, for the "Colour by" chosen: the same entries as the exported
chart's legend."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from pmdesk.workspaces.roadmap.chart.style import legend_entries
from pmdesk.workspaces.roadmap.plan import Roadmap


class ColourLegend(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roadmapLegend")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.entries: list[tuple[str, str]] = []

    def show_for(self, colour_by: str, roadmap: Roadmap) -> None:
        lanes = [(lane.name, lane.color) for lane in roadmap.lanes]
        self.entries = legend_entries(colour_by, lanes)
        swatches = "&nbsp;&nbsp; ".join(
            # The swatch is a fill in the bars' own colour, not a coloured glyph: it must match the
            # bars in either scheme, and the label beside it is text in the text colour.
            f"<span style='background-color:{color}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{escape(label)}"
            for label, color in self.entries
        )
        self.setText(swatches)
        self.setToolTip("\n".join(label for label, _color in self.entries))
