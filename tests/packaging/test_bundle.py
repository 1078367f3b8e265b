"""The standalone bundle (PyInstaller, folder style) starts and finds everything it ships.

Needs PyInstaller (the ``package`` extra: ``make package`` installs it); the build takes about
half a minute on two cores.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pmdesk import __version__
from pmdesk.cli import COMMANDS
from tests.packaging.conftest import ROOT, clean_env, run
from tests.support import read_only_folder


def _bundle_entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_entry", ROOT / "packaging/bundle_entry.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is installed by `make package`")
    folder = tmp_path_factory.mktemp("bundle")
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(folder / "dist"),
            "--workpath",
            str(folder / "work"),
            str(ROOT / "packaging" / "pmdesk.spec"),
        ],
        env=clean_env(),
        timeout=900,
    )
    return folder / "dist" / "pmdesk"


def test_the_bundle_runs_the_app_and_its_commands(bundle: Path, tmp_path: Path):
    executable = str(bundle / "pmdesk")
    project = tmp_path / "sample.pmdb"

    def pmdesk(*args: str) -> str:
        result = run([executable, *args], cwd=tmp_path, env=clean_env())
        assert "Traceback" not in result.stderr
        return result.stdout

    assert pmdesk("--version").strip() == f"PM Desk {__version__}"
    pmdesk("demo", str(project))
    assert "stakeholders" in pmdesk("check", str(project))
    lines = [line.split()[0] for line in pmdesk("--self-test", str(project)).splitlines()]
    assert lines[:2] == ["window", "open"]


def test_the_bundle_ships_every_resource(bundle: Path):
    shipped = bundle / "_internal" / "pmdesk" / "resources"
    source = ROOT / "resources"
    expected = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    found = {p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file()}
    assert expected <= found, f"missing from the bundle: {sorted(map(str, expected - found))}"


def test_the_bundle_runs_from_a_read_only_folder(bundle: Path, tmp_path: Path):
    with read_only_folder(bundle):
        result = run([str(bundle / "pmdesk"), "--self-test"], cwd=tmp_path, env=clean_env())
    assert result.stdout.startswith("window")


def test_matplotlib_keeps_its_font_cache_in_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "pyinstaller-temp"))  # what PyInstaller sets
    folder = _bundle_entry().keep_matplotlib_cache_in_user_folder()
    assert folder == tmp_path / "cache" / "pmdesk" / f"matplotlib-{__version__}"
    assert folder.is_dir()
    assert os.environ["MPLCONFIGDIR"] == str(folder)


def test_an_unwritable_cache_folder_keeps_the_temporary_one_and_says_so(
    tmp_path, monkeypatch, capsys
):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "pyinstaller-temp"))
    with read_only_folder(cache):
        assert _bundle_entry().keep_matplotlib_cache_in_user_folder() is None
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "pyinstaller-temp")
    assert "cannot keep the chart font cache in" in capsys.readouterr().err
    assert list(cache.iterdir()) == []


def test_the_bundle_keeps_the_font_cache_across_starts(bundle: Path, tmp_path: Path):
    """Charts in the briefing need matplotlib's font list: built once in the user's cache, then
    reused by the next start instead of being rebuilt in a new temporary folder."""
    if "export" not in COMMANDS:
        pytest.skip("no command draws a chart yet")
    cache = tmp_path / "cache"
    folder = cache / "pmdesk" / f"matplotlib-{__version__}"
    env = clean_env(XDG_CACHE_HOME=str(cache))
    project = tmp_path / "sample.pmdb"
    run([str(bundle / "pmdesk"), "demo", str(project)], cwd=tmp_path, env=env)
    export = [str(bundle / "pmdesk"), "export", str(project), "-o", str(tmp_path / "b.docx")]
    run(export, cwd=tmp_path, env=env)
    before = {path.name: path.stat().st_mtime_ns for path in folder.glob("fontlist-*.json")}
    assert before, f"no font list in {folder}"
    (tmp_path / "b.docx").unlink()
    run(export, cwd=tmp_path, env=env)
    after = {path.name: path.stat().st_mtime_ns for path in folder.glob("fontlist-*.json")}
    assert after == before
