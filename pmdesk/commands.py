"""What the headless ``pmdesk`` commands do; ``cli`` parses, this module acts."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, union_all

from pmdesk.errors import InterchangeError, SaveError
from pmdesk.interchange.diff import describe, diff_projects
from pmdesk.interchange.project_json import (
    MAX_DUMP_BYTES,
    dump_project,
    load_project,
    parse_text,
    to_text,
)
from pmdesk.interchange.sample import sample_data
from pmdesk.registry import record_models
from pmdesk.store.atomic import write_text_atomically
from pmdesk.store.document import Document
from pmdesk.store.fileformat import FILE_SUFFIX, quoted


def demo(options: argparse.Namespace) -> int:
    _refuse_existing(options.out, options.force)
    written = _write_project(sample_data(options.scale), options.out, "the sample project")
    print(f"Wrote the sample project to {written}.")
    return 0


def load(options: argparse.Namespace) -> int:
    source: Path = options.json
    try:
        status = source.stat()
        if not stat.S_ISREG(status.st_mode):
            raise InterchangeError(f"{quoted(source)} is not a regular file, so it is not JSON.")
        if status.st_size > MAX_DUMP_BYTES:
            raise InterchangeError(
                f"{quoted(source)} is {status.st_size / 1024**2:,.0f} MB, larger than any dump "
                f"PM Desk writes ({MAX_DUMP_BYTES // 1024**2} MB at most)."
            )
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InterchangeError(f"{quoted(source)} does not exist.") from None
    except UnicodeDecodeError:
        raise InterchangeError(f"{quoted(source)} is not UTF-8 text, so it is not JSON.") from None
    except OSError as error:
        raise InterchangeError(f"{quoted(source)} cannot be read: {error.strerror}.") from None
    _refuse_existing(options.out, options.force)
    data = parse_text(text, quoted(source))
    written = _write_project(data, options.out, quoted(source))
    print(f"Wrote {written}.")
    return 0


def dump(options: argparse.Namespace) -> int:
    text = to_text(_read_dump(options.file))
    if options.output is None:
        sys.stdout.write(text)
    else:
        write_text_atomically(options.output.absolute(), text)
    return 0


def diff(options: argparse.Namespace) -> int:
    """Print the records added, removed and changed from OURS to THEIRS, matched by UUID."""
    if getattr(options, "format", "text") == "json":
        sys.stdout.write(diff_json(options))
        return 0
    ours, theirs = (_read_dump(path) for path in (options.ours, options.theirs))
    changes = diff_projects(ours, theirs)
    sys.stdout.write(describe(changes, quoted(options.ours), quoted(options.theirs)))
    return 0


def _read_dump(path: Path) -> dict[str, Any]:
    document = Document.open(path, read_only=True)
    try:
        return dump_project(document.session)
    finally:
        document.close()


def check(options: argparse.Namespace) -> int:
    """Validate and report; works on a private copy, so nothing is written to or beside the file."""
    # Every check, even of bytes this version has opened before: that is what this reports.
    document = Document.open(options.file, read_only=True, check_fully=True)
    try:
        counts = _record_counts(document)
        info = document.info
    finally:
        document.close()
    assert info is not None  # an opened file always has its info
    print(
        f"{quoted(options.file)}: a valid PM Desk project, format {info.format_version}, "
        f"last saved by PM Desk {info.written_by}."
    )
    # Document.open refuses a file that fails any of these, so reaching here means each passed.
    print("  Checks: integrity ok; only PM Desk tables and indexes, no triggers or views;")
    print("          every record follows the rules of its kind (fields, types, lengths,")
    print("          allowed kinds and ranges, references, the workspace's own rules);")
    print("          all text valid UTF-8; read from a private copy with hardened SQLite.")
    lock_owner = _lock_owner(options.file)
    if lock_owner:
        print(f"  Open now by {lock_owner}.")
    print("  Records:")
    width = max(len(label) for label in counts)
    for label, count in counts.items():
        print(f"    {label:<{width}}  {count:>7,}")
    return 0


def _lock_owner(path: Path) -> str | None:
    from pmdesk.store import lock

    try:
        owner = lock.read_owner(path.absolute())
    except ValueError:
        return "someone (its lock file cannot be read)"
    return owner.describe() if owner else None


# Terms per compound query: the hardened connection allows 50 (store/hardening.py).
COUNTS_PER_QUERY = 40


def _record_counts(document: Document) -> dict[str, int]:
    """Records of each kind, by label, in as few queries as the connection's limits allow."""
    models = record_models()
    counts: dict[str, int] = {}
    for start in range(0, len(models), COUNTS_PER_QUERY):
        batch = models[start : start + COUNTS_PER_QUERY]
        query = union_all(*(select(func.count()).select_from(m.__table__) for m in batch))
        for model, count in zip(batch, document.session.scalars(query), strict=True):
            counts[model.__label__] = int(count)
    return counts


def _refuse_existing(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise SaveError(f"{quoted(target)} already exists; use --force to replace it.")
    if target.is_dir():
        raise SaveError(f"{quoted(target)} is a folder; name a .pmdb file to write.")


def _write_project(data: dict[str, Any], target: Path, source: str) -> Path:
    document = Document.new()
    try:
        load_project(document.session, data, source)
        return document.save(target)
    finally:
        document.close()


def export(options: argparse.Namespace) -> int:
    """Write a briefing; the project is opened read-only, so the export never changes it."""
    from pmdesk.briefing.exporter import export_briefing
    from pmdesk.briefing.model import find_briefing, list_briefings
    from pmdesk.briefing.settings import BriefingSettings

    document = Document.open(options.file, read_only=True)
    try:
        if options.briefing is not None:
            settings = BriefingSettings.of(find_briefing(document.session, options.briefing))
        else:
            briefings = list_briefings(document.session)
            settings = BriefingSettings.of(briefings[0]) if briefings else BriefingSettings()
        result = export_briefing(
            document.session,
            options.output,
            settings,
            template=options.template,
            base_folder=options.file.absolute().parent,
        )
    finally:
        document.close()
    for warning in result.warnings:
        print(f"pmdesk: warning: {warning}", file=sys.stderr)
    print(f"Wrote the briefing “{settings.name}” to {result.path}.")
    return 0


# -- import ------------------------------------------------------------------------------------


def import_file(options: argparse.Namespace) -> int:
    """``pmdesk import``: see :mod:`pmdesk.import_command`."""
    from pmdesk.import_command import run

    return run(options)


# -- merge and diff as JSON ----------------------------------------------------------------------


def diff_json(options: argparse.Namespace) -> str:
    """The changes of ``pmdesk diff`` as JSON, for scripts and other tools."""
    ours, theirs = (_read_dump(path) for path in (options.ours, options.theirs))
    return to_text(
        {
            "from": str(options.ours),
            "to": str(options.theirs),
            "changes": [
                {
                    "section": change.section,
                    "id": change.record_id,
                    "label": change.label,
                    "kind": change.kind,
                    "fields": [
                        {"field": name, "from": old, "to": new} for name, old, new in change.fields
                    ],
                }
                for change in diff_projects(ours, theirs)
            ],
        }
    )


def merge(options: argparse.Namespace) -> int:
    """Merge THEIRS into MINE against their common ancestor; write OUT only when all is decided.

    As a git merge driver (``--git-driver %O %A %B``) the result replaces %A, and conflicts
    leave %A as it was, so git reports the file as conflicted.
    """
    from pmdesk.interchange.history import DUMP_KEY, ancestor
    from pmdesk.interchange.merge3 import merge_projects

    if options.git_driver:
        base_path, mine_path, theirs_path = options.git_driver
        target = mine_path
    else:
        base_path, mine_path, theirs_path = options.base, options.mine, options.theirs
        if options.output is None:
            raise SaveError("Name the merged project to write with -o OUT.")
        target = options.output
        _refuse_existing(target, options.force)
    if mine_path.exists() and theirs_path.exists() and mine_path.samefile(theirs_path):
        raise InterchangeError(
            f"{quoted(mine_path)} and {quoted(theirs_path)} are the same file: "
            "there is nothing to merge."
        )
    mine, theirs = _read_dump(mine_path), _read_dump(theirs_path)
    # git passes an empty base when both branches added the file
    if base_path and base_path.stat().st_size:
        base = _read_dump(base_path)
    else:  # the files' own histories tell what they shared
        base = ancestor(mine, theirs, mine.get(DUMP_KEY) or {}, theirs.get(DUMP_KEY) or {})
    if base is None:
        print(
            "pmdesk: the two copies carry no shared history (one was last saved by an older "
            "PM Desk), so they are compared record by record: records in one copy only are "
            "kept (a deletion looks like an addition), and fields that differ are conflicts.",
            file=sys.stderr,
        )
    result = merge_projects(base, mine, theirs)
    same = [duplicate.key for duplicate in result.duplicates] if options.join_same_names else []
    outcome = result.resolve(prefer=options.prefer, same=same)
    if outcome.data is None:
        count = len(outcome.conflicts)
        print(f"pmdesk: {count} conflict{'s' if count != 1 else ''}:", file=sys.stderr)
        for conflict in outcome.conflicts:
            print(f"  {conflict.section}: {conflict.sentence}", file=sys.stderr)
        print(
            f"pmdesk: {quoted(target)} was not written. Choose with --prefer mine or "
            "--prefer theirs, or merge in the app (File › Merge with Another Copy…).",
            file=sys.stderr,
        )
        return 1
    for duplicate in result.duplicates:
        if not options.join_same_names:
            print(
                f"pmdesk: both copies added “{duplicate.label}” ({duplicate.section}); kept both. "
                "Use --join-same-names to keep one.",
                file=sys.stderr,
            )
    if options.git_driver:
        temporary = target.with_name(f".{target.name}.merged{FILE_SUFFIX}")
        try:
            _write_project(outcome.data, temporary, "the merge")
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        written = target
    else:
        written = _write_project(outcome.data, target, "the merge")
    print(f"Merged into {written}: {result.summary.describe()}.")
    return 0
