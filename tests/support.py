"""Small helpers the tests share."""

from __future__ import annotations

from pathlib import Path


def snapshot(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time, to prove later that nothing wrote to it."""
    return path.read_bytes(), path.stat().st_mtime_ns
