"""The Linux desktop files validate, agree with the app, and make a .pmdb open in PM Desk."""

from __future__ import annotations

import configparser
import importlib.util
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from pmdesk.gui.app import DESKTOP_FILE
from pmdesk.store.fileformat import APPLICATION_ID, FILE_SUFFIX
from tests.packaging.conftest import ROOT, clean_env
from tests.support import read_only_folder, system_tool

LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.pmdesk.PMDesk"
MIME_TYPE = "application/x-pmdesk-project"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str, package: str) -> str:
    return system_tool(name, package=package)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_validates_and_opens_pmdb_files():
    path = LINUX / f"{APP_ID}.desktop"
    result = subprocess.run(
        [_tool("desktop-file-validate", "desktop-file-utils"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout
    entry = _entry(path)
    assert path.stem == DESKTOP_FILE  # the name the app gives Wayland and the taskbar
    assert entry["Exec"].endswith(" %f")
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Icon"] == APP_ID


def test_the_metainfo_validates_and_names_the_same_app():
    path = LINUX / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        [_tool("appstreamcli", "appstream"), "validate", "--no-net", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    root = ET.parse(path).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert [node.text for node in root.iter("mediatype")] == [MIME_TYPE]


def test_the_mime_type_matches_the_file_format():
    mime_type = ET.parse(LINUX / f"{APP_ID}.xml").getroot().find(f"{MIME_NS}mime-type")
    assert mime_type is not None and mime_type.get("type") == MIME_TYPE
    globs = [node.get("pattern") for node in mime_type.iter(f"{MIME_NS}glob")]
    assert globs == [f"*{FILE_SUFFIX}"]
    outer = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert outer is not None and outer.get("value") == "SQLite format 3\\000"
    inner = outer.find(f"{MIME_NS}match")
    assert inner is not None and inner.get("offset") == "68" and inner.get("type") == "big32"
    assert int(inner.get("value", ""), 16) == APPLICATION_ID


def _channels(image) -> bytes:  # QImage -> its ARGB bytes
    from PySide6.QtGui import QImage

    converted = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(converted.constBits())[: converted.sizeInBytes()]


def _differing_channels(first: bytes, second: bytes) -> int:
    # Renderers differ by a step of anti-aliasing; a changed drawing differs by far more.
    return sum(1 for a, b in zip(first, second, strict=True) if abs(a - b) > 24)


def test_the_icon_sizes_are_rendered_from_the_current_svg(qapp, tmp_path):
    from PySide6.QtGui import QImage

    icons = _load("render_icons")
    for size in icons.SIZES:
        path = icons.png_path(size)
        stored = QImage(str(path))
        assert (stored.width(), stored.height()) == (size, size), path
        fresh = _channels(icons.render(size))
        assert _differing_channels(_channels(stored), fresh) <= len(fresh) // 100, (
            f"{path.name} is stale: run `make icons`"
        )
    # The comparison does notice a changed drawing: the same icon in another colour.
    recoloured = tmp_path / "recoloured.svg"
    recoloured.write_text(
        icons.SOURCE.read_text(encoding="utf-8").replace("#1d4ed8", "#b91c1c"), encoding="utf-8"
    )
    stored = _channels(QImage(str(icons.png_path(48))))
    assert _differing_channels(stored, _channels(icons.render(48, recoloured))) > len(stored) // 10


def _make_database(path: Path, application_id: int) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute("CREATE TABLE notes (text)")
    connection.close()
    return path


MIME_PROBE = """
import sys
from PySide6.QtCore import QMimeDatabase
database = QMimeDatabase()
for name in sys.argv[1:]:
    by_content = database.mimeTypeForFile(name, QMimeDatabase.MatchMode.MatchContent).name()
    print(name, database.mimeTypeForFile(name).name(), by_content)
"""


def test_installing_makes_pmdb_files_open_with_pm_desk(tmp_path: Path):
    """What `make install-desktop` does, into a scratch XDG data folder with an awkward path."""
    _tool("update-mime-database", "shared-mime-info")
    data = tmp_path / "my share"
    executable = tmp_path / "Apps $HOME" / "pmdesk"
    executable.parent.mkdir()
    executable.write_text("#!/bin/sh\n", encoding="utf-8")
    executable.chmod(0o755)
    installer = _load("install_desktop")
    assert installer.main([str(executable), "--data-dir", str(data)]) == 0

    entry_path = data / "applications" / f"{APP_ID}.desktop"
    validated = subprocess.run(
        [_tool("desktop-file-validate", "desktop-file-utils"), str(entry_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout
    assert _entry(entry_path)["Exec"] == f'"{executable.parent}/pmdesk" %f'.replace("$", "\\$")
    cache = (data / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{MIME_TYPE}={APP_ID}.desktop;" in cache
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    assert (data / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()

    # A real MIME consumer (Qt reads the database update-mime-database wrote) tells them apart.
    files = [
        _make_database(tmp_path / "plan.pmdb", APPLICATION_ID),
        _make_database(tmp_path / "renamed.dat", APPLICATION_ID),
        _make_database(tmp_path / "other-app.dat", 0),
    ]
    probe = subprocess.run(
        [sys.executable, "-c", MIME_PROBE, *map(str, files)],
        capture_output=True,
        text=True,
        env=clean_env(XDG_DATA_HOME=str(data)),
        check=True,
        timeout=60,
    )
    found = {Path(line.split()[0]).name: line.split()[1:] for line in probe.stdout.splitlines()}
    assert found["plan.pmdb"] == [MIME_TYPE, MIME_TYPE]
    assert found["renamed.dat"][1] == MIME_TYPE
    assert found["other-app.dat"][1] == "application/vnd.sqlite3"


@pytest.mark.parametrize(
    ("executable", "message"),
    [
        ("pmdesk", "give the absolute path of pmdesk, not pmdesk."),
        (
            "/nowhere/pmdesk",
            "/nowhere/pmdesk is not a program that can be run; build or install it.",
        ),
    ],
)
def test_install_refuses_an_executable_it_cannot_point_at(executable, message, tmp_path, capsys):
    installer = _load("install_desktop")
    assert installer.main([executable, "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"install-desktop: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_install_without_a_home_folder_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "missing"))
    installer = _load("install_desktop")
    assert installer.main([sys.executable]) == 1
    assert capsys.readouterr().err == (
        "install-desktop: there is no home folder (HOME is unset or missing); "
        "set XDG_DATA_HOME or --data-dir.\n"
    )
    assert not (tmp_path / "missing").exists()


def test_install_into_a_read_only_folder_says_so_and_writes_nothing(tmp_path, capsys):
    data = tmp_path / "share"
    data.mkdir()
    installer = _load("install_desktop")
    with read_only_folder(data):
        assert installer.main([sys.executable, "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.startswith(f"install-desktop: cannot write into {data}: ")
    assert list(data.iterdir()) == []
    assert os.access(data, os.W_OK)
