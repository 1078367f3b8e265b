"""The Qt-free layers must stay importable, and usable, where PySide6 does not exist."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

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


def _graph():
    grimp = pytest.importorskip("grimp")  # installed with import-linter, in the test extra
    return grimp.build_graph("pmdesk", exclude_type_checking_imports=True)


def _cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each one import circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in graph.modules:
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_in_a_circle():
    assert _cycles(_graph()) == []


UPPER = ("qt", "section", "chart", "io")  # what a workspace builds on its models and rules


def test_a_workspaces_models_and_rules_sit_below_its_pictures_io_section_and_pages():
    graph = _graph()
    from pmdesk import registry

    problems = []
    for name in registry.PACKAGES:
        for module in sorted(graph.find_descendants(name)):
            part = module[len(name) + 1 :].split(".")[0]
            if part in UPPER:
                continue
            for imported in graph.find_modules_directly_imported_by(module):
                if (
                    imported.startswith(name + ".")
                    and imported[len(name) + 1 :].split(".")[0] in UPPER
                ):
                    problems.append(f"{module} imports {imported}")
    assert problems == []
