"""The Qt-free layers must stay importable, and usable, where PySide6 does not exist."""

from __future__ import annotations

import subprocess
import sys
import textwrap

QT_FREE = [
    "pmdesk.domain",
    "pmdesk.store",
    "pmdesk.interchange",
    "pmdesk.export",
    "pmdesk.registry",
    "pmdesk.workspaces",  # everything but each workspace's qt/
    "pmdesk.briefing",
    "pmdesk.commands",
    "pmdesk.cli",
]


def test_qt_free_layers_import_and_work_with_pyside6_blocked(tmp_path):
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        sys.modules["PySide6"] = None  # any import of it now raises ImportError
        import pmdesk
        for name in {QT_FREE!r}:
            module = importlib.import_module(name)
            for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
                if ".qt" not in info.name:
                    importlib.import_module(info.name)
        from pmdesk.cli import main
        target = r"{tmp_path / "x.pmdb"}"
        sys.exit(main(["demo", target]) or main(["check", target]))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "a valid PM Desk project" in result.stdout
