"""The wheel a user installs works away from the source tree, with everything it reads inside.

Forms (ui/) and data (resources/) live outside the package in the source tree, so a wheel that
forgot them would only break on the user's machine: these tests install it as a user would.
"""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

from pmdesk import __version__
from pmdesk.cli import COMMANDS
from tests.packaging.conftest import (
    ROOT,
    Built,
    Venv,
    clean_env,
    copy_source_tree,
    make_venv,
    run,
)
from tests.support import read_only_folder


def _source_files(folder: str) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_holds_the_resources_and_the_compiled_forms(built: Built):
    names = set(zipfile.ZipFile(built.wheel).namelist())
    resources = {"pmdesk/" + name for name in _source_files("resources")}
    assert resources, "resources/ is empty"
    assert resources <= names, f"missing from the wheel: {sorted(resources - names)}"
    forms = {f"pmdesk/gui/forms/ui_{path.stem}.py" for path in (ROOT / "ui").glob("*.ui")}
    assert forms <= names, f"compiled forms missing from the wheel: {sorted(forms - names)}"
    assert not any(name.startswith(("tests/", "benchmarks/", "ui/")) for name in names)


def test_the_sdist_holds_what_a_rebuild_needs(built: Built):
    with tarfile.open(built.sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(top + "/") for name in archive.getnames()}
    needed = {"pyproject.toml", *_source_files("resources"), *_source_files("ui")}
    needed |= {f"packaging/linux/{name}" for name in ("io.github.pmdesk.PMDesk.desktop",)}
    assert needed <= names, f"missing from the sdist: {sorted(needed - names)}"


def _pmdesk(venv: Venv, *args: str, cwd: Path, **env: str) -> str:
    result = run([str(venv.bin / "pmdesk"), *args], cwd=cwd, env=clean_env(**env))
    assert "Traceback" not in result.stderr
    return result.stdout


def _use_like_a_user(venv: Venv, folder: Path, **env: str) -> dict[str, str]:
    """version, demo, check and the self-test; returns what each printed."""
    project = folder / "sample.pmdb"
    printed = {"version": _pmdesk(venv, "--version", cwd=folder, **env)}
    printed["demo"] = _pmdesk(venv, "demo", str(project), "--force", cwd=folder, **env)
    printed["check"] = _pmdesk(venv, "check", str(project), cwd=folder, **env)
    printed["self-test"] = _pmdesk(venv, "--self-test", str(project), cwd=folder, **env)
    if "export" in COMMANDS:  # the briefing command, once it exists
        out = folder / "briefing.docx"
        printed["export"] = _pmdesk(venv, "export", str(project), "-o", str(out), cwd=folder, **env)
        assert out.stat().st_size > 0
    return printed


def test_the_installed_app_runs_outside_the_source_tree(installed: Venv, tmp_path: Path):
    where = run(
        [str(installed.python), "-c", "import pmdesk.resources as r; print(r.__file__)"],
        cwd=tmp_path,
        env=clean_env(),
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.folder)
    printed = _use_like_a_user(installed, tmp_path)
    assert printed["version"].strip() == f"PM Desk {__version__}"
    assert "a valid PM Desk project" in printed["check"]
    assert "stakeholders" in printed["check"]  # the sample data came from inside the wheel
    lines = [line.split()[0] for line in printed["self-test"].splitlines()]
    assert lines[:2] == ["window", "open"]


def test_a_read_only_install_location_is_fine(installed: Venv, tmp_path: Path):
    """Installed system-wide or from a read-only image: nothing is written beside the code."""
    with read_only_folder(installed.folder):
        printed = _use_like_a_user(installed, tmp_path)
    assert "a valid PM Desk project" in printed["check"]


def test_an_unwritable_home_falls_back_and_says_so(installed: Venv, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = clean_env(HOME=str(home))
    for name in ("PMDESK_DATA_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env.pop(name, None)
    with read_only_folder(home):
        project = work / "sample.pmdb"
        for args in (["demo", str(project)], ["check", str(project)], ["--self-test"]):
            result = run([str(installed.bin / "pmdesk"), *args], cwd=work, env=env)
            assert "Traceback" not in result.stderr
    assert "cannot use" in result.stderr  # it says where it keeps working copies instead
    assert list(home.iterdir()) == []


def test_two_versions_side_by_side_each_report_their_own(
    built: Built, installed: Venv, tmp_path: Path
):
    source = copy_source_tree(tmp_path / "newer-source")
    init = source / "pmdesk" / "__init__.py"
    init.write_text(
        init.read_text(encoding="utf-8").replace(
            f'__version__ = "{__version__}"', '__version__ = "99.0.0"'
        ),
        encoding="utf-8",
    )
    run(
        [
            str(built.builder.python),
            "-m",
            "build",
            "--wheel",
            "--outdir",
            str(tmp_path),
            str(source),
        ]
    )
    (newer_wheel,) = tmp_path.glob("pmdesk-99.0.0-*.whl")
    newer = make_venv(tmp_path / "newer")
    # Same dependencies as the first install (read through a .pth); its own pmdesk comes first.
    (newer.site_packages / "shared-dependencies.pth").write_text(
        f"{installed.site_packages}\n", encoding="utf-8"
    )
    newer.pip("install", "--no-deps", "--ignore-installed", str(newer_wheel))

    assert _pmdesk(installed, "--version", cwd=tmp_path).strip() == f"PM Desk {__version__}"
    assert _pmdesk(newer, "--version", cwd=tmp_path).strip() == "PM Desk 99.0.0"
    project = tmp_path / "from-newer.pmdb"
    _pmdesk(newer, "demo", str(project), cwd=tmp_path)
    assert "last saved by PM Desk 99.0.0" in _pmdesk(installed, "check", str(project), cwd=tmp_path)
    assert _pmdesk(newer, "--self-test", cwd=tmp_path).startswith("window")


def test_code_reads_shipped_files_only_through_pmdesk_resources():
    """A path built from ``__file__`` works in the checkout and breaks in a wheel or bundle."""
    forbidden = ("__file__", "importlib.resources import files", "resources.files(", "get_data(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "pmdesk").rglob("*.py"))
        if path != ROOT / "pmdesk" / "resources.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(pattern in line for pattern in forbidden)
    ]
    assert offenders == [], "use pmdesk.resources.resource() instead"
