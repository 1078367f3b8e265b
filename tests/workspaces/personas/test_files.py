"""The sample's personas and business case as `pmdesk check` counts them and `dump` keeps them."""

from __future__ import annotations

import json
import re

from pmdesk.cli import main


def _count(report: str, label: str) -> int:
    found = re.search(rf"^\s+{re.escape(label)}\s+(\d+)$", report, re.MULTILINE)
    assert found, label
    return int(found.group(1))


def test_check_counts_the_go_to_market_records_and_the_dump_round_trips(tmp_path, capsys):
    project = tmp_path / "demo.pmdb"
    assert main(["demo", str(project)]) == 0
    capsys.readouterr()
    assert main(["check", str(project)]) == 0
    report = capsys.readouterr().out
    expected = {
        "personas": 3,
        "key messages": 7,
        "proof points": 14,
        "positioning statements": 1,
        "business cases": 1,
        "price tiers": 3,
        "forecast scenarios": 3,
        "one-off costs": 2,
    }
    assert {label: _count(report, label) for label in expected} == expected
    assert main(["dump", str(project), "-o", str(tmp_path / "a.json")]) == 0
    assert main(["load", str(tmp_path / "a.json"), str(tmp_path / "b.pmdb")]) == 0
    assert main(["dump", str(tmp_path / "b.pmdb"), "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert list(data["personas"]) == sorted(data["personas"])  # the dump's sub-keys are sorted
    assert {"personas", "business_case"} <= set(data)
