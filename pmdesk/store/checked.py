"""The file contents this PM Desk has already checked in full, remembered by fingerprint.

Opening a project runs every content rule on every record (``content``), which at 200× the
sample takes over a second. The SHA-256 of the file is computed anyway while it is copied in
(``atomic.copy_hashing``): when it equals the fingerprint of bytes that this same version of
PM Desk, reading this same format, has already seen pass ``quick_check`` and the content rules,
the bytes are identical to bytes that passed, and checking them again can only find the same.

The memory is a small JSON file in PM Desk's data folder, naming the version and format it was
written for and the newest :data:`KEEP` fingerprints. It is a shortcut and never a verdict:
whatever is wrong with it (missing, garbled, foreign, of another version, unreadable,
unwritable) only means that the next open checks in full. Two PM Desks that remember at once
each replace the file whole (``atomic``), so the later one may drop the other's newest entry:
that file is checked in full once more. Whoever can write the data folder can also write the
working copies an open hands to SQLite, so trusting this file adds no one to trust.

Only opens that ran the full check are remembered, not saves: the edit path does not run the
content rules, so a save may write something an open would refuse, and remembering it would
hide exactly that from the next open.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from pmdesk import __version__
from pmdesk.errors import SaveError
from pmdesk.store.atomic import write_text_atomically
from pmdesk.store.fileformat import FORMAT_VERSION
from pmdesk.store.paths import data_dir

FILE_NAME = "checked.json"
KEEP = 64  # fingerprints remembered, newest first: a PM's recent projects, a few bytes each
MAX_BYTES = 64 * 1024  # far more than KEEP entries need; a larger file is not ours
_DIGEST = re.compile(r"[0-9a-f]{64}")


def memory_path() -> Path:
    return data_dir() / FILE_NAME


def was_checked(digest: str | None) -> bool:
    """Whether bytes with this SHA-256 passed the full check under this version and format."""
    return digest is not None and digest in _remembered()


def remember(digest: str | None) -> None:
    """Note that bytes with this SHA-256 passed the full check; never raises."""
    if digest is None or not _DIGEST.fullmatch(digest):
        return
    digests = [digest] + [known for known in _remembered() if known != digest]
    text = json.dumps(
        {"pmdesk": __version__, "format": FORMAT_VERSION, "checked": digests[:KEEP]}, indent=1
    )
    # A data folder that cannot take the file costs the next open its full check, nothing more.
    with contextlib.suppress(OSError, SaveError):
        write_text_atomically(memory_path(), text + "\n")


def _remembered() -> list[str]:
    """The fingerprints remembered for this version and format, newest first; none when the
    memory is missing, unreadable, garbled or written by another version."""
    try:
        with memory_path().open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return []
        memory = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return []
    if not isinstance(memory, dict):
        return []
    if memory.get("pmdesk") != __version__ or memory.get("format") != FORMAT_VERSION:
        return []
    digests = memory.get("checked")
    if not isinstance(digests, list):
        return []
    return [d for d in digests if isinstance(d, str) and _DIGEST.fullmatch(d)][:KEEP]
