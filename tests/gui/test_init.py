"""The Qt layer's import: modules imported after PySide6 are not read again for ``__feature__``."""

from __future__ import annotations

import ast
import linecache
import sys
from pathlib import Path

import pmdesk
import pmdesk.gui  # what the app imports before any page


def test_no_module_of_the_app_opts_into_a_pyside_feature():
    """The shortcut in ``pmdesk.gui`` holds only while every module sees Qt's own names."""
    package = Path(pmdesk.__file__).parent
    opting = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "__feature__"
    ]
    assert opting == []


def test_a_module_imported_later_is_not_read_and_sees_qt_names(tmp_path, monkeypatch, qtbot):
    module_file = tmp_path / "later_page.py"
    module_file.write_text(
        "from PySide6.QtWidgets import QLabel\n\n"
        "def titled(text):\n"
        "    label = QLabel()\n"
        "    label.setText(text)\n"
        "    return label\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.checkcache()
    try:
        module = __import__("later_page")  # as an import statement does: PySide6 hooks it
        assert str(module_file) not in linecache.cache  # its source was never read for PySide6
        label = module.titled("Roadmap")
        qtbot.addWidget(label)
        assert label.text() == "Roadmap"
        assert not hasattr(label, "set_text")  # no snake_case names leaked into the module
    finally:
        sys.modules.pop("later_page", None)
