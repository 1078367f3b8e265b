"""Files PM Desk ships beside its code: icons, templates, the sample project.

In a wheel or bundle they live inside the package (``pmdesk/resources``); in a source checkout
they are the top-level ``resources/`` folder. Code asks here and never builds paths itself.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    packaged = files("pmdesk") / "resources"
    root: Traversable = packaged if packaged.is_dir() else _source_tree_resources()
    return root.joinpath(*parts)


def _source_tree_resources() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"
