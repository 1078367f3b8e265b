"""Compiled forms in pmdesk/gui/forms must match their Qt Designer sources in ui/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _uic() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    assert found, "pyside6-uic is missing from the environment"
    return found


def test_every_form_has_a_source():
    compiled = {
        path.stem.removeprefix("ui_") for path in (ROOT / "pmdesk/gui/forms").glob("ui_*.py")
    }
    assert compiled == {path.stem for path in FORMS}


@pytest.mark.parametrize("form", FORMS, ids=lambda path: path.name)
def test_compiled_form_is_up_to_date(form: Path):
    fresh = subprocess.run([_uic(), str(form)], capture_output=True, text=True, check=True).stdout
    compiled = (ROOT / "pmdesk/gui/forms" / f"ui_{form.stem}.py").read_text(encoding="utf-8")
    assert compiled == fresh, f"{form.name} changed: run `make forms`"
