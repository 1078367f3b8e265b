"""What the headless ``pmdesk`` commands do; ``cli`` parses, this module acts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pmdesk.domain.schema import record_models
from pmdesk.errors import InterchangeError, SaveError
from pmdesk.interchange.project_json import dump_project, load_project, parse_text, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.store.atomic import write_text_atomically
from pmdesk.store.document import Document
from pmdesk.store.fileformat import quoted


def demo(options: argparse.Namespace) -> int:
    _refuse_existing(options.out, options.force)
    written = _write_project(sample_data(options.scale), options.out, "the sample project")
    print(f"Wrote the sample project to {written}.")
    return 0


def load(options: argparse.Namespace) -> int:
    source: Path = options.json
    try:
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
    document = Document.open(options.file, read_only=True)
    try:
        text = to_text(dump_project(document.session))
    finally:
        document.close()
    if options.output is None:
        sys.stdout.write(text)
    else:
        write_text_atomically(options.output.absolute(), text)
    return 0


def check(options: argparse.Namespace) -> int:
    """Validate and report; works on a private copy, so the file itself is never written."""
    document = Document.open(options.file, read_only=True)
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
    width = max(len(label) for label in counts)
    for label, count in counts.items():
        print(f"  {label:<{width}}  {count:>7,}")
    return 0


def _record_counts(document: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in record_models():
        count = document.session.scalar(select(func.count()).select_from(model)) or 0
        counts[model.__label__] = count
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
