"""The command line: exit 0 on success, 1 with one sentence for bad input, 2 for wrong usage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk import __version__
from pmdesk.cli import main
from tests.support import snapshot


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``pmdesk`` as a user would, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "pmdesk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"PM Desk {__version__}"


def test_demo_check_dump_load_round_trip(tmp_path, capsys):
    project = tmp_path / "demo.pmdb"
    assert main(["demo", str(project)]) == 0
    assert main(["check", str(project)]) == 0
    report = capsys.readouterr().out
    assert "“demo.pmdb”: a valid PM Desk project, format 2" in report
    assert "projects" in report
    assert main(["dump", str(project), "-o", str(tmp_path / "a.json")]) == 0
    assert main(["load", str(tmp_path / "a.json"), str(tmp_path / "b.pmdb")]) == 0
    assert main(["dump", str(tmp_path / "b.pmdb"), "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_check_never_modifies_the_file(sample_file):
    before = snapshot(sample_file)
    assert main(["check", str(sample_file)]) == 0
    assert snapshot(sample_file) == before
    assert sorted(path.name for path in sample_file.parent.iterdir()) == ["sample.pmdb"]


def test_demo_scale_multiplies_records(tmp_path, capsys):
    assert main(["demo", str(tmp_path / "big.pmdb"), "--scale", "50"]) == 0
    assert main(["dump", str(tmp_path / "big.pmdb")]) == 0
    big = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert main(["demo", str(tmp_path / "small.pmdb")]) == 0
    assert main(["dump", str(tmp_path / "small.pmdb")]) == 0
    small = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    for key in ("stakeholders", "competition", "strategy", "roadmap", "requirements"):
        for sub, rows in small[key].items():
            assert len(big[key][sub]) == 50 * len(rows)


def test_a_bad_file_prints_one_sentence_and_exits_1(tmp_path):
    bad = tmp_path / "notes.pmdb"
    bad.write_text("meeting notes", encoding="utf-8")
    before = snapshot(bad)
    result = run("check", str(bad))
    assert result.returncode == 1
    assert (
        result.stderr
        == "pmdesk: “notes.pmdb” is not a PM Desk project (it is not a database file).\n"
    )
    assert snapshot(bad) == before


def test_load_of_bad_json_names_the_line_and_writes_nothing(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text('{"format": {"version": 1},', encoding="utf-8")
    result = run("load", str(source), str(tmp_path / "out.pmdb"))
    assert result.returncode == 1
    assert result.stderr.startswith("pmdesk: “broken.json” is not valid JSON: ")
    assert "line 1" in result.stderr
    assert not (tmp_path / "out.pmdb").exists()


def test_load_refuses_to_replace_an_existing_project(tmp_path, sample_file):
    assert main(["dump", str(sample_file), "-o", str(tmp_path / "a.json")]) == 0
    before = snapshot(sample_file)
    assert main(["load", str(tmp_path / "a.json"), str(sample_file)]) == 1
    assert snapshot(sample_file) == before


@pytest.mark.parametrize(
    "args",
    [["check"], ["demo"], ["demo", "x.pmdb", "--scale", "0"], ["frobnicate", "--now"], ["--nope"]],
)
def test_wrong_usage_exits_2(args, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_self_test_shows_every_workspace(sample_file):
    result = run("--self-test", str(sample_file))
    assert result.returncode == 0, result.stderr
    lines = [line.split()[0] for line in result.stdout.splitlines()]
    assert lines[:2] == ["window", "open"]
    assert {"Overview", "Stakeholders", "Roadmap", "Briefing"} <= set(lines)


def test_a_self_test_whose_reader_left_releases_the_project(sample_file):
    """`pmdesk --self-test plan.pmdb | head -1`: the reader goes after one line, and the next
    open must not find the project left locked."""
    from pmdesk.store import lock
    from pmdesk.store.document import Document

    child = subprocess.Popen(
        [sys.executable, "-m", "pmdesk", "--self-test", str(sample_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline().split()[0] == b"window"
    child.stdout.close()  # as `head -1` does: later lines have nowhere to go
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 0, errors
    assert "Traceback" not in errors and "Broken" not in errors
    assert not lock.lock_path(sample_file).exists()
    Document.open(sample_file).close()  # no "left locked"


def test_a_message_quoting_a_long_multi_line_name_stays_one_readable_line(capsys, monkeypatch):
    from pmdesk import commands
    from pmdesk.errors import InterchangeError

    name = "line one\nline two " + "x" * 5000

    def refuse(_options):
        raise InterchangeError(f"There is already a stakeholder called “{name}”.")

    monkeypatch.setattr(commands, "check", refuse)
    assert main(["check", "plan.pmdb"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 700
    assert err.startswith("pmdesk: There is already a stakeholder called “line one line two xxx")
    assert err.endswith("xxx”.\n")


def test_load_from_a_pipe_gets_a_sentence_instead_of_waiting(tmp_path):
    pipe = tmp_path / "plan.json"
    os.mkfifo(pipe)
    result = subprocess.run(
        [sys.executable, "-m", "pmdesk", "load", str(pipe), str(tmp_path / "out.pmdb")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "pmdesk: “plan.json” is not a regular file, so it is not JSON.\n",
    )
    assert not (tmp_path / "out.pmdb").exists()
