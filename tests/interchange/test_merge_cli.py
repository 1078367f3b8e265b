"""``pmdesk merge`` and ``pmdesk diff --format json``, as a person runs them on real files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import pmdesk as pmdesk_package
from pmdesk.cli import main
from pmdesk.domain.project import get_project, set_field
from pmdesk.store.database import set_format
from pmdesk.store.document import Document
from pmdesk.store.fileformat import FORMAT_VERSION
from tests.support import read_only_folder, snapshot


def edited_copy(sample_file: Path, name: str, **fields: str) -> Path:
    """A copy of the sample saved under ``name`` with the overview's fields changed."""
    target = sample_file.with_name(name)
    shutil.copy(sample_file, target)
    document = Document.open(target)
    try:
        for key, value in fields.items():
            set_field(document.session, key, value)
        document.save()
    finally:
        document.close()
    return target


def vision_of(path: Path) -> str:
    document = Document.open(path, read_only=True)
    try:
        from pmdesk.domain.project import get_project

        return get_project(document.session).vision
    finally:
        document.close()


def test_changes_on_both_sides_are_merged_into_out(sample_file, tmp_path, capsys):
    mine = edited_copy(sample_file, "mine.pmdb", vision="My vision")
    theirs = edited_copy(sample_file, "theirs.pmdb", problem="Their problem")
    out = tmp_path / "merged.pmdb"
    code = main(["merge", str(mine), str(theirs), "--base", str(sample_file), "-o", str(out)])
    assert code == 0
    assert "Merged into" in capsys.readouterr().out
    assert main(["diff", str(mine), str(out), "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["section"], [f["field"] for f in c["fields"]]) for c in changes] == [
        ("project", ["problem"])
    ]


def test_conflicts_are_named_and_out_is_not_written(sample_file, tmp_path, capsys):
    mine = edited_copy(sample_file, "mine.pmdb", vision="My vision")
    theirs = edited_copy(sample_file, "theirs.pmdb", vision="Their vision")
    out = tmp_path / "merged.pmdb"
    args = ["merge", str(mine), str(theirs), "--base", str(sample_file), "-o", str(out)]
    assert main(args) == 1
    errors = capsys.readouterr().err
    assert "1 conflict:" in errors
    assert "vision is “My vision” in yours, “Their vision” in theirs" in errors
    assert "was not written" in errors
    assert not out.exists()
    assert main([*args, "--prefer", "theirs"]) == 0
    assert vision_of(out) == "Their vision"


def test_without_a_base_the_files_own_history_finds_what_they_shared(sample_file, tmp_path):
    mine = edited_copy(sample_file, "mine.pmdb", vision="My vision")
    theirs = edited_copy(sample_file, "theirs.pmdb", problem="Their problem")
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(mine), str(theirs), "-o", str(out)]) == 0  # no conflict to settle
    document = Document.open(out, read_only=True)
    try:
        merged = get_project(document.session)
        assert (merged.vision, merged.problem) == ("My vision", "Their problem")
    finally:
        document.close()


def test_copies_without_history_are_compared_record_by_record(sample_file, tmp_path, capsys):
    mine = edited_copy(sample_file, "mine.pmdb", vision="My vision")
    theirs = edited_copy(sample_file, "theirs.pmdb", problem="Their problem")
    for old in (mine, theirs):  # as last saved by a PM Desk that kept no history
        with sqlite3.connect(old) as connection:
            connection.execute("DELETE FROM record_history")
        connection.close()
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(mine), str(theirs), "-o", str(out)]) == 1
    errors = capsys.readouterr().err
    assert "no shared history" in errors and "compared record by record" in errors
    assert "2 conflicts" in errors and not out.exists()
    assert main(["merge", str(mine), str(theirs), "-o", str(out), "--prefer", "mine"]) == 0
    assert vision_of(out) == "My vision"


def test_merging_a_file_with_itself_is_refused(sample_file, tmp_path, capsys):
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(sample_file), str(sample_file), "-o", str(out)]) == 1
    assert "are the same file: there is nothing to merge" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_of_another_product_is_refused(sample_file, tmp_path, capsys):
    other = tmp_path / "other.pmdb"
    document = Document.new()
    try:
        document.save(other)
    finally:
        document.close()
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(sample_file), str(other), "-o", str(out)]) == 1
    assert "share no records" in capsys.readouterr().err
    assert not out.exists()


def test_a_newer_format_is_refused_and_left_alone(sample_file, tmp_path, capsys):
    newer = tmp_path / "newer.pmdb"
    shutil.copy(sample_file, newer)
    set_format(newer, FORMAT_VERSION + 1)
    before = snapshot(newer)
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(sample_file), str(newer), "-o", str(out)]) == 1
    assert "newer" in capsys.readouterr().err.lower()
    assert snapshot(newer) == before and not out.exists()


def test_a_damaged_file_is_refused(sample_file, tmp_path, capsys):
    damaged = tmp_path / "damaged.pmdb"
    damaged.write_bytes(sample_file.read_bytes()[:5000])
    out = tmp_path / "merged.pmdb"
    assert main(["merge", str(sample_file), str(damaged), "-o", str(out)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert not out.exists()


def test_a_copy_in_a_read_only_folder_merges_and_stays_as_it_was(sample_file, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    theirs = edited_copy(sample_file, "theirs.pmdb", vision="Their vision")
    theirs = Path(shutil.move(theirs, shared / "theirs.pmdb"))
    before = snapshot(theirs)
    out = tmp_path / "merged.pmdb"
    with read_only_folder(shared):
        args = ["merge", str(sample_file), str(theirs), "-o", str(out), "--base", str(sample_file)]
        assert main(args) == 0
    assert vision_of(out) == "Their vision" and snapshot(theirs) == before


def test_an_out_in_a_read_only_folder_is_refused_in_a_sentence(sample_file, tmp_path, capsys):
    shared = tmp_path / "shared"
    shared.mkdir()
    theirs = edited_copy(sample_file, "theirs.pmdb", vision="Their vision")
    with read_only_folder(shared):
        assert main(["merge", str(sample_file), str(theirs), "-o", str(shared / "m.pmdb")]) == 1
    assert "pmdesk:" in capsys.readouterr().err
    assert list(shared.iterdir()) == []


def test_an_existing_out_needs_force(sample_file, tmp_path, capsys):
    out = tmp_path / "merged.pmdb"
    out.write_bytes(b"keep me")
    theirs = edited_copy(sample_file, "theirs.pmdb", vision="Their vision")
    assert main(["merge", str(sample_file), str(theirs), "-o", str(out)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"


def test_git_merges_pmdb_files_with_the_driver(sample_file, tmp_path):
    """The two lines of the README make ``git merge`` merge projects field by field."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "PM",
        "GIT_AUTHOR_EMAIL": "pm@example.com",
        "GIT_COMMITTER_NAME": "PM",
        "GIT_COMMITTER_EMAIL": "pm@example.com",
        "PYTHONPATH": str(Path(pmdesk_package.__file__).parents[1]),
    }
    python = Path(sys.executable)
    pmdesk = f"{python} -m pmdesk"

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    git("init", "-q", "-b", "main")
    git("config", "merge.pmdesk.driver", f"{pmdesk} merge --git-driver %O %A %B")
    (repo / ".gitattributes").write_text("*.pmdb merge=pmdesk\n")
    project = repo / "plan.pmdb"
    shutil.copy(sample_file, project)
    git("add", ".")
    git("commit", "-qm", "start")
    git("checkout", "-qb", "colleague")
    shutil.copy(edited_copy(sample_file, "theirs.pmdb", problem="Their problem"), project)
    git("commit", "-qam", "their problem")
    git("checkout", "-q", "main")
    shutil.copy(edited_copy(sample_file, "mine.pmdb", vision="My vision"), project)
    git("commit", "-qam", "my vision")
    result = git("merge", "-q", "--no-edit", "colleague")
    assert result.returncode == 0, result.stderr
    document = Document.open(project, read_only=True)
    try:
        from pmdesk.domain.project import get_project

        merged = get_project(document.session)
        assert (merged.vision, merged.problem) == ("My vision", "Their problem")
    finally:
        document.close()


def test_the_git_driver_leaves_a_conflicted_file_as_mine(sample_file, tmp_path):
    base = sample_file
    mine = edited_copy(sample_file, "mine.pmdb", vision="My vision")
    theirs = edited_copy(sample_file, "theirs.pmdb", vision="Their vision")
    before = snapshot(mine)
    assert main(["merge", "--git-driver", str(base), str(mine), str(theirs)]) == 1
    assert snapshot(mine) == before  # git reports the file as conflicted, mine intact
