"""Register PM Desk with the Linux desktop for the current user (``make install-desktop``).

Copies the desktop entry (its Exec pointing at the given ``pmdesk``), the MIME type of .pmdb
files, the AppStream metainfo and the icons into ``$XDG_DATA_HOME`` (``~/.local/share``), then
refreshes the MIME and desktop databases, so a double-click on a .pmdb opens PM Desk.
Run ``python packaging/install_desktop.py --help``; nothing here needs root.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ICONS = PACKAGING.parent / "resources" / "icons"
APP_ID = "io.github.pmdesk.PMDesk"


class InstallError(Exception):
    """A reason the files could not be installed, as one sentence."""


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share`` (the folder desktops search for the user)."""
    override = os.environ.get("XDG_DATA_HOME")
    if override and Path(override).is_absolute():
        return Path(override)
    home = os.environ.get("HOME") or ""
    if not home or not Path(home).is_dir():
        raise InstallError(
            "there is no home folder (HOME is unset or missing); set XDG_DATA_HOME or --data-dir."
        )
    return Path(home) / ".local" / "share"


def exec_line(executable: Path) -> str:
    """The desktop entry's Exec value: the path quoted as the Desktop Entry spec asks."""
    escaped = "".join("\\" + char if char in '"`$\\' else char for char in str(executable))
    return f'"{escaped}" %f'


def desktop_entry(executable: Path) -> str:
    lines = []
    source = (PACKAGING / "linux" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    for line in source.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line(executable)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={executable}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(executable: Path, data_dir: Path) -> list[Path]:
    """Copy every file into ``data_dir``; returns what was written."""
    if not executable.is_absolute():
        raise InstallError(f"give the absolute path of pmdesk, not {executable}.")
    if not (executable.is_file() and os.access(executable, os.X_OK)):
        raise InstallError(f"{executable} is not a program that can be run; build or install it.")
    copies = {
        PACKAGING / "linux" / f"{APP_ID}.xml": data_dir / "mime" / "packages" / f"{APP_ID}.xml",
        PACKAGING / "linux" / f"{APP_ID}.metainfo.xml": data_dir
        / "metainfo"
        / f"{APP_ID}.metainfo.xml",
        ICONS / "pmdesk.svg": data_dir
        / "icons"
        / "hicolor"
        / "scalable"
        / "apps"
        / f"{APP_ID}.svg",
    }
    for png in sorted((ICONS / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        copies[png] = data_dir / "icons" / "hicolor" / png.relative_to(ICONS / "hicolor")
    entry = data_dir / "applications" / f"{APP_ID}.desktop"
    try:
        for source, target in copies.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(desktop_entry(executable), encoding="utf-8")
    except OSError as error:
        raise InstallError(f"cannot write into {data_dir}: {error.strerror}.") from None
    return [entry, *copies.values()]


def refresh_databases(data_dir: Path) -> list[str]:
    """Rebuild the user's MIME and desktop caches; returns notes on tools that are missing."""
    notes = []
    steps = [
        ("update-mime-database", [str(data_dir / "mime")]),
        ("update-desktop-database", [str(data_dir / "applications")]),
        ("gtk-update-icon-cache", ["-f", "-t", "-q", str(data_dir / "icons" / "hicolor")]),
    ]
    for tool, args in steps:
        found = shutil.which(tool)
        if found is None:
            notes.append(f"{tool} is not installed; the desktop picks the change up at next login.")
            continue
        result = subprocess.run([found, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            notes.append(f"{tool} failed: {result.stderr.strip() or result.returncode}")
    return notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", type=Path, help="absolute path of the pmdesk to open files")
    parser.add_argument("--data-dir", type=Path, help="default: $XDG_DATA_HOME or ~/.local/share")
    options = parser.parse_args(argv)
    try:
        data_dir = options.data_dir or default_data_dir()
        written = install(options.executable, data_dir)
    except InstallError as error:
        print(f"install-desktop: {error}", file=sys.stderr)
        return 1
    for note in refresh_databases(data_dir):
        print(f"install-desktop: {note}", file=sys.stderr)
    print(
        f"Installed {len(written)} files into {data_dir}; "
        f".pmdb files now open with {options.executable}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
