"""PySide6 6.12.0 on CPython 3.11 drops a reference to None per void call until it aborts."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(10_000):
        label.setText(str(number))
    # Other code may take or drop a few references meanwhile; the bug drops one per call.
    assert sys.getrefcount(None) > before - 1_000
