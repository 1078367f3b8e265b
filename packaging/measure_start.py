"""Start-to-painted-window time and size of the bundle next to the venv (``make bench-package``).

Each start runs ``--self-test`` (offscreen, no project) in a fresh process; "process" is the
wall time from launching the program until it printed the painted window, "in app" is the
figure the self-test itself prints (from QApplication creation). Medians of several starts.
"""

from __future__ import annotations

import contextlib
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def start_once(executable: Path, env: dict[str, str]) -> tuple[float, float]:
    # A terminal, not a pipe: the bundle ignores PYTHONUNBUFFERED, and a piped stdout would
    # hold the "window" line back until exit.
    reader, writer = pty.openpty()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(executable), "--self-test"], stdout=writer, stderr=subprocess.DEVNULL, env=env
    )
    os.close(writer)
    with os.fdopen(reader, "r", encoding="utf-8", errors="replace") as stdout:
        first = stdout.readline()
        painted = (time.perf_counter() - started) * 1000
        with contextlib.suppress(OSError):  # EIO once the program has exited
            stdout.read()
    process.wait(timeout=120)
    if process.returncode != 0 or not first.startswith("window"):
        raise SystemExit(f"{executable} --self-test failed")
    return painted, float(first.split()[1])


def folder_size(folder: Path) -> int:
    """Bytes on disk, counting the bundle's symbolic links once (as links)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def main() -> int:
    bundle = ROOT / "dist" / "pmdesk" / "pmdesk"
    venv = Path(sys.executable).parent / "pmdesk"
    if not bundle.exists():
        print("no bundle in dist/pmdesk: run `make package` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="pmdesk-measure-") as scratch:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PMDESK_DATA_DIR": f"{scratch}/data",
            "XDG_CONFIG_HOME": f"{scratch}/config",
        }
        print(f"{'':<8}{'process ms':>12}{'in app ms':>11}")
        for name, executable in (("venv", venv), ("bundle", bundle)):
            start_once(executable, env)  # warm the disk cache and the font cache
            times = [start_once(executable, env) for _ in range(RUNS)]
            process = statistics.median(t[0] for t in times)
            in_app = statistics.median(t[1] for t in times)
            print(f"{name:<8}{process:>12.0f}{in_app:>11.0f}")
    size = folder_size(bundle.parent)
    print(f"bundle size: {size / 2**20:.0f} MiB in {bundle.parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
