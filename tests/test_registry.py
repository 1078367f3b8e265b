"""The registry and the folders agree, and everything a spec names exists."""

from __future__ import annotations

from pathlib import Path

import pytest

import pmdesk
from pmdesk import registry
from pmdesk.domain.history import RecordHistory
from pmdesk.domain.project import Project

WORKSPACES = Path(pmdesk.__file__).parent / "workspaces"


def test_every_workspace_package_is_listed_once_and_every_listed_one_exists():
    folders = {
        f"pmdesk.workspaces.{folder.name}"
        for folder in WORKSPACES.iterdir()
        if (folder / "__init__.py").exists()
    }
    listed = [name for name in registry.PACKAGES if name.startswith("pmdesk.workspaces.")]
    assert sorted(listed) == sorted(folders)
    assert len(set(registry.PACKAGES)) == len(registry.PACKAGES)
    assert "pmdesk.briefing" in registry.PACKAGES


def test_keys_and_dump_keys_are_unique():
    keys = [spec.key for spec in registry.specs()]
    dump_keys = [spec.dump_key for spec in registry.specs() if spec.dump_key]
    assert len(set(keys)) == len(keys)
    assert len(set(dump_keys)) == len(dump_keys)
    assert {"format", "project"}.isdisjoint(dump_keys)


@pytest.mark.parametrize("spec", registry.specs(), ids=lambda spec: spec.key)
def test_everything_a_spec_names_exists(spec):
    for model in spec.models().values():
        assert model.__tablename__
    for table, rule in spec.rules.items():
        assert table in spec.kinds(), f"{spec.key} has a rule for a table it does not own"
        assert callable(registry.resolve(rule))
    if spec.section is not None:
        section = registry.resolve(spec.section)
        assert section.key == spec.key and spec.section_title
    assert spec.page is not None
    assert registry.resolve(spec.page).__name__.endswith("Page")


def test_every_table_belongs_to_exactly_one_workspace():
    owners: dict[str, str] = {}
    for spec in registry.specs():
        for table in spec.kinds():
            assert table not in owners, f"{table} is in {owners.get(table)} and {spec.key}"
            owners[table] = spec.key
    shared = {Project.__tablename__, RecordHistory.__tablename__}  # the merge history
    assert set(registry.metadata().tables) == set(owners) | shared


def test_the_briefing_order_names_each_workspace_with_a_section_once():
    with_sections = {spec.key for spec in registry.specs() if spec.section is not None}
    assert sorted(registry.SECTION_ORDER) == sorted(with_sections)
    assert list(registry.section_titles()) == list(registry.SECTION_ORDER)


def test_reading_the_list_loads_no_models_or_pages(tmp_path):
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pmdesk import registry\n"
        "registry.specs()\n"
        "loaded = [m for m in sys.modules if m.startswith(('sqlalchemy', 'PySide6', 'matplotlib'))"
        " or m.endswith(('.model', '.qt.page'))]\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_contracts_hold_every_workspace():
    """import-linter's layers contract names its containers one by one: a new workspace must
    join it, or its qt could sit below its section unnoticed."""
    import tomllib

    settings = tomllib.loads((Path(pmdesk.__file__).parent.parent / "pyproject.toml").read_text())
    contracts = settings["tool"]["importlinter"]["contracts"]
    layered = next(contract for contract in contracts if contract["type"] == "layers")
    listed = [name for name in registry.PACKAGES if name.startswith("pmdesk.workspaces.")]
    assert sorted(layered["containers"]) == sorted(listed)


@pytest.mark.parametrize("spec", registry.specs(), ids=lambda spec: spec.key)
def test_every_workspace_has_a_short_guide_that_names_it(spec):
    guide = registry.guide(spec.key)
    lines = [line for line in guide.splitlines() if line.strip()]
    assert lines[0] == f"# {spec.title}"
    assert 5 <= len(lines) <= 12, "a guide is a few lines a PM reads at a glance"


def test_the_guides_are_the_registrys_workspaces_and_no_others():
    from pmdesk.resources import resource

    shipped = {entry.name for entry in resource("guides").iterdir()}
    assert shipped == {f"{spec.key}.md" for spec in registry.specs()}
    with pytest.raises(KeyError):
        registry.guide("../README")


@pytest.mark.parametrize("spec", registry.specs(), ids=lambda spec: spec.key)
def test_every_page_can_reveal_a_record(spec):
    """Find jumps to a record through the page's ``reveal(kind, record_id)``."""
    page = registry.resolve(spec.page)
    assert callable(getattr(page, "reveal", None)), f"{page.__name__} has no reveal()"
