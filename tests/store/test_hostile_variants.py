"""What ``check`` accepts works everywhere: a few hundred hostile variants of the sample (a
fixed seed; see ``hostile``) go through ``pmdesk check``; each accepted one is dumped, loaded back
and compared with the sample, and the pages (and a fixed share of the briefing sections) of the
workspaces that show the changed record are built and painted. Nothing may crash, a refusal is
one sentence naming the record, and neither the file nor its folder is written."""

from __future__ import annotations

import os
import random
from functools import cache
from pathlib import Path

import pytest

from pmdesk import cli, registry
from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.gui.document import DocumentController
from pmdesk.gui.workspaces import build_page
from pmdesk.interchange.diff import describe, diff_projects
from pmdesk.interchange.find import search
from pmdesk.interchange.project_json import dump_project, load_project, parse_text, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document
from tests.store import hostile
from tests.support import snapshot

REFUSALS = 200  # variants check must refuse: a fraction of a second each
OTHERS = 50  # variants check may accept: each goes through every command and page
# A briefing export takes about a second; this many variants (a fixed choice) are exported as
# well. PMDESK_HOSTILE_ALL=1 tries every variant the models call for, each accepted one
# exported too (about an hour).
EXPORTS = 10
EVERYTHING = bool(os.environ.get("PMDESK_HOSTILE_ALL"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    document = Document.new()
    try:
        load_project(document.session, sample_data(), "the sample")
        return document.save(tmp_path_factory.mktemp("hostile") / "sample.pmdb")
    finally:
        document.close()


def _related(table: str) -> list[registry.WorkspaceSpec]:
    """The workspaces whose records are ``table`` or point to or from it: those whose page and
    briefing section can show what the variant changed."""
    metadata = registry.metadata()
    near = {table}
    for other in metadata.sorted_tables:
        for key in other.foreign_keys:
            if other.name == table:
                near.add(key.column.table.name)
            if key.column.table.name == table:
                near.add(other.name)
    specs = [spec for spec in registry.specs() if spec.kinds() & near]
    overview = registry.spec("overview")
    return specs if table != "project" else [overview, *specs]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _open_everywhere(qapp, path: Path, table: str, tmp: Path, *, export: bool) -> None:
    """Dump, reload and diff the file, and build and paint the pages (and the briefing
    sections) of every workspace that shows ``table``."""
    document = Document.open(path, read_only=True)
    try:
        data = dump_project(document.session)
        copy = Document.new()
        try:
            load_project(copy.session, parse_text(to_text(data), "its dump"), "its dump")
            assert dump_project(copy.session) == data, "its dump does not load back the same"
        finally:
            copy.close()
        describe(diff_projects(_sample_dump(), data), "“sample.pmdb”", "“variant.pmdb”")
        for text in ("a", "é", "zz"):  # Find reads every word of the file
            search(document.session, text)
        controller = DocumentController(document)
        for spec in _related(table):
            if spec.page is not None:
                page = build_page(spec, controller)
                page.resize(1024, 700)
                page.grab()  # lays out and paints the page, as a screen would
                page.deleteLater()
            if export and spec.section is not None:
                settings = BriefingSettings(sections=(SectionChoice(spec.key, {}),))
                export_briefing(document.session, tmp / "briefing.docx", settings)
        qapp.processEvents()
    finally:
        document.close()


@cache
def _sample_dump() -> dict:
    document = Document.new()
    try:
        load_project(document.session, sample_data(), "the sample")
        return dump_project(document.session)
    finally:
        document.close()


def test_every_hostile_variant_is_refused_in_a_sentence_or_works_everywhere(
    qapp, sample, tmp_path, capsys
):
    problems: list[str] = []
    outcomes = {"accepted": 0, "refused": 0}
    picked = hostile.variants(sample) if EVERYTHING else hostile.chosen(sample, REFUSALS, OTHERS)
    exported = set(random.Random(19).sample(range(len(picked)), EXPORTS))
    for number, variant in enumerate(picked):
        path = tmp_path / f"variant-{number}.pmdb"
        variant.write(sample, path)
        export = number in exported or EVERYTHING
        try:
            outcomes[_try_everything(qapp, variant, path, capsys, export=export)] += 1
        except AssertionError as error:
            problems.append(f"{variant.name}: {error}")
        except Exception as error:
            problems.append(f"{variant.name}: {type(error).__name__}: {error}")
        path.unlink(missing_ok=True)
    assert not problems, "\n".join(problems)
    assert outcomes["accepted"] > 20 and outcomes["refused"] >= REFUSALS, outcomes


def _try_everything(qapp, variant: hostile.Variant, path: Path, capsys, *, export: bool) -> str:
    folder = path.parent
    before, beside = snapshot(path), sorted(os.listdir(folder))
    code, out, err = _run(capsys, "check", str(path))
    assert code in (0, 1), f"check ended with {code}"
    assert "did not expect" not in err, err
    assert snapshot(path) == before, "check changed the file"
    assert sorted(os.listdir(folder)) == beside, "check left files beside it"
    if code == 1:
        assert variant.expect != "accept", f"refused: {err}"
        assert err.startswith("pmdesk: ") and err.count("\n") == 1, err
        return "refused"
    assert variant.expect != "refuse", "accepted by check"
    assert out.startswith("“variant-"), out
    _open_everywhere(qapp, path, variant.table, folder, export=export)
    return "accepted"
