"""scripts/bench_feed.py keeps working (its figures are read by people, never asserted here)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.helpers import ROOT


def test_the_feed_benchmark_prints_both_ways_side_by_side():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_feed.py"), "--count", "3", "--idle", "0.2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # every utterance arrived
    rows = result.stdout.splitlines()
    figures = re.compile(r"\d+\.\d ms +\d+\.\d ms +\d+\.\d\d s in 0.2 s$")
    assert any(row.startswith("assist feed --follow FILE") and figures.search(row) for row in rows), rows
    assert any(row.startswith("assist feed < pipe (baseline)") and figures.search(row) for row in rows), rows
