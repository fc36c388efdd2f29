#!/usr/bin/env python3
"""Benchmark: launch to first painted window, and peak memory, of Assist against a bare PySide6 window.

Both are measured in the same run, alternating, each in a fresh process: the time from spawning the
process to the window's first paint event, and the process's peak resident memory. Prints a table
with medians and the ratios (target: Assist at most 1.3x the bare window on both).

    .venv/bin/python scripts/bench_startup.py [--runs 15] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child: build the window the way its program does, print a line at the first paint, then quit.
CHILD = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False

app = QApplication(sys.argv[:1])
if sys.argv[1] == "bare":
    window = QWidget()
    window.resize(400, 800)
else:
    from assist.ui.app import create_window
    from assist.ui.settings import Settings
    window = create_window(None, Settings.for_user())
    window.apply_appearance()
    window.place()
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def measure(kind: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to first paint, and peak memory in MiB, of one fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind], env=env, stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    painted = time.perf_counter() - started
    child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if line.strip() != "painted" or child.returncode != 0:
        raise SystemExit(f"the {kind} window did not paint (exit {child.returncode})")
    return painted, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--platform", default=None, help="Qt platform (default: xcb when DISPLAY is set, else offscreen)"
    )
    args = parser.parse_args()
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = args.platform or ("xcb" if env.get("DISPLAY") else "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as config:
        env["XDG_CONFIG_HOME"] = config  # a first start, never the user's settings
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "assist": []}
        measure("bare", env), measure("assist", env)  # warm the disk cache
        for _ in range(args.runs):
            for kind in results:
                results[kind].append(measure(kind, env))
    times = {kind: statistics.median(t for t, _ in runs) for kind, runs in results.items()}
    memory = {kind: statistics.median(m for _, m in runs) for kind, runs in results.items()}
    print(f"platform {env['QT_QPA_PLATFORM']}, {args.runs} runs each, medians")
    print(f"{'':24}{'bare PySide6':>14}{'Assist':>10}{'ratio':>8}{'target':>8}")
    print(
        f"{'launch to first paint':24}{times['bare'] * 1000:>11.0f} ms{times['assist'] * 1000:>7.0f} ms"
        f"{times['assist'] / times['bare']:>8.2f}{'1.30':>8}"
    )
    print(
        f"{'peak memory':24}{memory['bare']:>10.1f} MiB{memory['assist']:>6.1f} MiB"
        f"{memory['assist'] / memory['bare']:>8.2f}{'1.30':>8}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
