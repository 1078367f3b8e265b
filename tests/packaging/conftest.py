"""Fresh virtual environments outside the source tree, and running PM Desk as a user would.

Building and installing take tens of seconds, so each environment is made once per test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Venv:
    folder: Path

    @property
    def bin(self) -> Path:
        return self.folder / ("Scripts" if os.name == "nt" else "bin")

    @property
    def python(self) -> Path:
        return self.bin / "python"

    @property
    def site_packages(self) -> Path:
        found = run(
            [str(self.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        )
        return Path(found.stdout.strip())

    def pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run([str(self.python), "-m", "pip", "--quiet", *args], timeout=600)


def run(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: int = 180,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and fail the test with its output if it fails."""
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result


def clean_env(**overrides: str) -> dict[str, str]:
    """The test's environment without anything that could reach the source tree."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(overrides)
    return env


def make_venv(folder: Path) -> Venv:
    """A new virtual environment from the base interpreter (not a copy of the dev .venv)."""
    base = getattr(sys, "_base_executable", sys.executable)
    run([base, "-m", "venv", str(folder)], env=clean_env())
    return Venv(folder)


def copy_source_tree(target: Path) -> Path:
    """The files a build reads, without the dev .venv, git data or caches."""
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache"
    )
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    builder: Venv


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The wheel and sdist, made by ``python -m build`` (the wheel from the sdist, so a file the
    sdist forgets is missing from the wheel too)."""
    folder = tmp_path_factory.mktemp("build")
    builder = make_venv(folder / "builder")
    builder.pip("install", "build>=1")
    out = folder / "dist"
    run(
        [str(builder.python), "-m", "build", "--outdir", str(out), str(ROOT)],
        env=clean_env(),
        timeout=600,
    )
    (wheel,) = out.glob("pmdesk-*.whl")
    (sdist,) = out.glob("pmdesk-*.tar.gz")
    return Built(wheel, sdist, builder)


@pytest.fixture(scope="session")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv outside the source tree with the wheel and the dependencies it declares."""
    venv = make_venv(tmp_path_factory.mktemp("app") / "venv")
    venv.pip("install", str(built.wheel))
    return venv
