"""Building many small objects at once (a large file's rows, their previews)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cycle collector while a large file's rows are built: each of its passes walks
    every object made so far, which cost a 50,000-row import a quarter of its time, and rows
    hold no cycles. Memory is still freed by reference counting; a pause already in place (an
    enclosing call) is left to its owner to end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
