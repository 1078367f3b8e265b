"""Run every benchmark module and print one table."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks import Result


def main(selected: list[str]) -> int:
    folder = Path(__file__).parent
    names = sorted(info.name for info in pkgutil.iter_modules([str(folder)]))
    modules = [name for name in names if name.startswith("bench_")]
    if selected:
        modules = [name for name in modules if any(word in name for word in selected)]
    print(
        f"{'case':<46}{'measured':>11}{'baseline':>11}{'ratio':>8}  {'target':<10} ok  baseline is"
    )
    failed = 0
    for name in modules:
        module = importlib.import_module(f"benchmarks.{name}")
        for result in module.cases():
            failed += not result.ok
            _print(result)
    print(f"\n{failed} case(s) missed their target." if failed else "\nEvery case met its target.")
    return 0


def _print(result: Result) -> None:
    print(
        f"{result.name:<46}{result.measured * 1000:>9.1f}ms{result.baseline * 1000:>9.1f}ms"
        f"{result.ratio:>7.2f}x  {result.target:<10} {'yes' if result.ok else 'NO '} "
        f"{result.baseline_name}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
