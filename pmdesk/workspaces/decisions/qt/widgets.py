"""Small widgets of the decision log's detail panel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    label.setStyleSheet("font-weight: 600; padding-top: 6px;")
    return label
