#!/usr/bin/env python3
"""Every benchmark of Assist in one run, printed as one table.

Each figure of Assist is measured beside what it is compared with, in the same run: start-up and
peak memory against a bare PySide6 window, search against the naive rapidfuzz call, lint against
a plain substring loop, the worst adversarial draft against a typical one, a large book loaded
warm against the same book cold (and against main's code), and the memory at a first start against
a later one (and against main's code). The scripts it
runs (bench_startup.py, bench_search_lint.py, bench_load.py) also run on their own.

    .venv/bin/python scripts/bench.py            # the full run, a few minutes
    .venv/bin/python scripts/bench.py --quick    # a smoke run with small sizes: checks the scripts work

It also checks whole calls with `assist qa` beside lint on the same text (bench_qa.py).
"""

from __future__ import annotations

import argparse
import os
import platform
from importlib.metadata import version

from bench_load import measure_load
from bench_qa import measure_qa
from bench_search_lint import measure_lint, measure_search
from bench_startup import measure_memory_from_first_start, measure_startup
from bench_table import print_table

from assist.core.loader import load_phrasebook


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and one run each: a smoke test")
    args = parser.parse_args()
    base = load_phrasebook()
    print(
        f"Python {platform.python_version()}, PySide6 {version('PySide6-Essentials')}, "
        f"rapidfuzz {version('rapidfuzz')}, {os.cpu_count()} cores; medians"
    )
    if args.quick:
        rows = measure_startup(runs=1) + measure_search(base, [100]) + measure_lint(base, 0.2)
        rows += measure_load(phrases=500, runs=1, before=None)
        rows += measure_memory_from_first_start(runs=1, before=None) + measure_qa(base, 300)
    else:
        rows = measure_startup(runs=15) + measure_search(base, [100, 5000, 20000]) + measure_lint(base, 20)
        rows += measure_load(phrases=20_000, runs=5) + measure_memory_from_first_start(runs=3)
        rows += measure_qa(base, 20_000)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
