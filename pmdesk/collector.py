"""How PM Desk tunes Python's cycle collector: the one module that does, with one rule.

A project allocates hundreds of thousands of small objects (records, rows, document elements),
and each pass of the collector walks every object still alive, so the default settings made
opening, importing and exporting pay again and again for what had already been made. Three
tools answer that:

- :func:`collect_less` runs the youngest collection less often, for the whole process.
- :func:`freeze_for_good` leaves what exists now out of every later walk. **The rule:** freeze
  only what lives as long as the process (modules, classes, functions after start-up; the whole
  heap at exit), and never unfreeze: an unfreeze hands everything frozen so far, Qt's wrappers
  included, back to the collector at once, and a collection after one crashed in them.
- :func:`collection_paused` stops the collector while a batch without cycles is built (a large
  file's rows, a briefing's elements). Memory is still freed by reference counting, and the
  collector resumes when the batch is done. The pause is the whole process's: an export on its
  thread pauses the UI thread's collections too, for the seconds it runs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Objects allocated between two collections of the youngest generation (Python's default is
# 700). Opening a project allocates a few hundred thousand; at 700 each open paid hundreds of
# young collections, each walking what had survived so far.
YOUNG_COLLECTION_EVERY = 10_000


def collect_less() -> None:
    """Run the youngest collection every :data:`YOUNG_COLLECTION_EVERY` allocations."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)


def freeze_for_good() -> None:
    """Leave every object alive now out of the collector's walks, for the rest of the process
    (see the module's rule: only for what lives that long)."""
    gc.freeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cycle collector while a batch without cycles is built; a pause already in
    place (an enclosing call) is left to its owner to end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
