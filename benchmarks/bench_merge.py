"""Merging two edited copies of a 50x project, 1,000 changed records on each side.

Baseline, measured in the same run: ``pmdesk diff`` of the same two files. The merge reads a
third file (the base), merges, checks every rule and writes the result.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import Result, best_of, ratio_result

CHANGED = 1_000


def cases() -> Iterator[Result]:
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-") as folder:
        os.environ.setdefault("PMDESK_DATA_DIR", str(Path(folder) / "data"))
        from pmdesk import commands
        from pmdesk.interchange.sample import sample_data

        base = sample_data(50)
        paths = {name: Path(folder) / f"{name}.pmdb" for name in ("base", "mine", "theirs")}
        out = Path(folder) / "merged.pmdb"
        commands._write_project(base, paths["base"], "the sample")
        commands._write_project(_edited(base, "mine", 0), paths["mine"], "mine")
        commands._write_project(_edited(base, "theirs", 1), paths["theirs"], "theirs")

        def diff() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                commands.diff(Namespace(ours=paths["mine"], theirs=paths["theirs"]))

        def merge() -> None:
            out.unlink(missing_ok=True)
            options = Namespace(
                mine=paths["mine"],
                theirs=paths["theirs"],
                base=paths["base"],
                output=out,
                prefer=None,
                force=True,
                join_same_names=False,
                git_driver=None,
            )
            with contextlib.redirect_stdout(io.StringIO()):
                assert commands.merge(options) == 0

        diffed = best_of(diff, repeat=3)
        merged = best_of(merge, repeat=3)
        yield ratio_result(
            "merge 50x copies, 1,000 changes each", merged, "pmdesk diff, same files", diffed, 3
        )


def _edited(base: dict[str, Any], side: str, offset: int) -> dict[str, Any]:
    """A copy with ``CHANGED`` records edited: every other record with notes or a description,
    so the two sides touch different records and the merge has no conflict to stop at."""
    import copy

    data = copy.deepcopy(base)
    changed = 0
    for key, group in data.items():
        if not isinstance(group, dict) or key in ("format", "project"):
            continue
        for rows in group.values():
            for index, record in enumerate(rows):
                if changed == CHANGED:
                    return data
                text = next((f for f in ("notes", "description") if f in record), None)
                if text is not None and index % 2 == offset:
                    record[text] = f"{record[text]} (edited in {side})"
                    changed += 1
    return data
