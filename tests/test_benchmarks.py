"""The benchmark scripts keep working (their figures are read by people, never asserted here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.helpers import ROOT

# A measured figure with its unit, as the table prints it ("0.057 ms", "78.0 MiB", "72.0 MB/s").
MEASURE = re.compile(r"\d+(?:\.\d+)? (?:ms|s|MiB|MB/s)\b")


def test_the_benchmark_command_prints_every_figure():
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    compared_with = {  # each figure and what the same run measured beside it
        "launch to first paint (offscreen)": "bare window",
        "peak memory": "bare window",
        "  floor: bare + Qt key names + a Chinese label": "bare window",
        "search, 100 phrases, per keystroke": "naive rapidfuzz",
        "lint, 0.2 MB transcript": "substring loop",
        "check a 2,000-character draft": "",
        "load a 500-phrase book (0.1 MB), cold": "",
        "load a 500-phrase book (0.1 MB), warm": "the same book cold",
        "qa, 300 calls of 38 utterances (9 failing), one core (CPU time)": "lint, same text",
        "qa, the command on all": "one core",
    }
    for figure, baseline in compared_with.items():
        row = next((row for row in rows if row.startswith(figure)), None)
        assert row is not None, f"no row for {figure!r} in:\n{result.stdout}"
        measured = MEASURE.findall(row[len(figure) :])
        assert measured, f"no figure in {row!r}"
        if baseline:  # the comparison measured in the same run, with its own figure
            assert len(measured) >= 2 and baseline in row, f"no comparison with {baseline!r} in {row!r}"
