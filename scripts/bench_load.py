#!/usr/bin/env python3
"""Benchmark: loading a 20,000-phrase phrasebook cold (parse and validate) and warm (the load cache).

The book is the built-in one with its situations filled up to the size asked for. Each run is a
fresh process that loads the book the way the sidebar does (`assist.core.load_cache.checked_book`):
cold with an empty cache, warm with the cache the cold run left. The clock starts once the
process has imported the model and the cache, as the sidebar has by then; it includes importing
YAML and the loader, which only a cold load needs. The same book is also loaded warm by the code
of another revision (default: main), taken with `git archive`, in turn with this code's runs, so
that a change to the cache is measured beside the code it replaces. Prints the medians (targets:
at most 1.5 s cold and 100 ms warm).

    .venv/bin/python scripts/bench_load.py [--phrases 20000] [--runs 5] [--before main]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bench_revision import code_of
from bench_table import Row, print_table

ROOT = Path(__file__).resolve().parent.parent
COLD_TARGET_S, WARM_TARGET_MS = 1.5, 100
TOPICS = ["社保卡", "公积金", "营业执照", "户口", "医保", "驾驶证", "护照", "居住证", "不动产", "税务"]

# The child: load the book once, as the sidebar does at start, and print how long it took.
CHILD = r"""
import sys, time
import assist.core.model
from assist.core.load_cache import checked_book
started = time.perf_counter()
book, errors = checked_book(sys.argv[1])
assert book is not None and not errors, errors
print(time.perf_counter() - started, book.phrase_count)
"""


def write_big_book(path: Path, phrases: int) -> None:
    """The built-in book with each situation's phrases repeated on new topics, up to `phrases`."""
    document = yaml.safe_load((ROOT / "phrasebook" / "96128.yaml").read_text(encoding="utf-8"))
    real = [(situation, phrase) for situation in document["situations"] for phrase in situation["phrases"]]
    rng = random.Random(5)
    for index in range(phrases - len(real)):
        situation, phrase = real[index % len(real)]
        topic = "".join(rng.sample(TOPICS, 2))
        situation["phrases"].append({"text": f"关于{topic}（{index}），{phrase['text']}", "en": phrase.get("en", "")})
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load_once(book: Path, cache: Path, code: Path = ROOT) -> tuple[float, int]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(code)}
    output = subprocess.run(  # cwd: `python -c` looks for `assist` in the current folder first
        [sys.executable, "-c", CHILD, str(book)], env=env, cwd=code, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(output[0]), int(output[1])


def measure_load(phrases: int, runs: int, before: str | None = "main") -> list[Row]:
    cold, warm, warm_before = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        book, cache = Path(folder) / "big.yaml", Path(folder) / "cache"
        write_big_book(book, phrases)
        earlier = code_of(before, Path(folder) / "before") if before else None
        if earlier:
            load_once(book, Path(folder) / "cache-before", Path(folder) / "before")  # fills its cache
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            seconds, loaded = load_once(book, cache)
            cold.append(seconds)
            warm.append(load_once(book, cache)[0])
            if earlier:
                warm_before.append(load_once(book, Path(folder) / "cache-before", Path(folder) / "before")[0])
        megabytes = book.stat().st_size / 1_000_000
    cold_s, warm_ms = statistics.median(cold), statistics.median(warm) * 1000
    what = f"load a {loaded:,}-phrase book ({megabytes:.1f} MB)"
    rows = [
        Row(f"{what}, cold", f"{cold_s:.2f} s", "", None, f"≤ {COLD_TARGET_S} s", cold_s <= COLD_TARGET_S),
        Row(
            f"{what}, warm",
            f"{warm_ms:.0f} ms",
            f"{cold_s * 1000:.0f} ms the same book cold",
            warm_ms / (cold_s * 1000),
            f"≤ {WARM_TARGET_MS} ms",
            warm_ms <= WARM_TARGET_MS,
        ),
    ]
    if warm_before:
        before_ms = statistics.median(warm_before) * 1000
        this = f"{warm_ms:.0f} ms this code"
        rows.append(Row(f"  warm, the code of {earlier}", f"{before_ms:.0f} ms", this, before_ms / warm_ms, "", None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--phrases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default="main", help="the revision to compare the warm load with (default main)")
    args = parser.parse_args()
    print_table(measure_load(args.phrases, args.runs, args.before))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
