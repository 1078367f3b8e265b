"""``make bench``: speed claims measured as ratios against a baseline taken in the same run.

Each ``bench_*.py`` module here has a ``cases()`` function yielding :class:`Result` rows. The
absolute figures vary with the machine; the ratio to a baseline of similar work is what the
issues' targets are checked against, and both are printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str
    measured: float  # seconds
    baseline_name: str
    baseline: float  # seconds
    target: str  # what the issue asks, in words: "< 2.5x", "< 150 ms"
    ok: bool

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline > 0 else float("inf")


def best_of(run: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by a noisy machine."""
    fastest = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def ratio_result(
    name: str, measured: float, baseline_name: str, baseline: float, max_ratio: float
) -> Result:
    ok = measured <= baseline * max_ratio
    return Result(name, measured, baseline_name, baseline, f"< {max_ratio:g}x", ok)


def time_result(
    name: str, measured: float, baseline_name: str, baseline: float, max_ms: float
) -> Result:
    return Result(
        name, measured, baseline_name, baseline, f"< {max_ms:g} ms", measured * 1000 < max_ms
    )
