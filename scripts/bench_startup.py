#!/usr/bin/env python3
"""Benchmark: launch to first painted window, and peak memory, of Assist against a bare PySide6 window.

All are measured in the same run, alternating, each in a fresh process: the time from spawning the
process to the window's first paint event, and the process's peak resident memory. Prints a table
with medians and the ratios (targets: Assist at most 1.2x the bare window's time, 1.3x its memory).
A third window shows the floor under any keyboard-driven Chinese sidebar in PySide6: the bare
window plus Qt's key and icon names and one Chinese label.

Then the sidebar's resident memory once its pinyin search is in use (and at least 3 s after its
window showed), at a first start (empty cache: the pinyin is read) and at a later start (from the
cache), for this code and for the code of another revision (default: main), in turn.

    .venv/bin/python scripts/bench_startup.py [--runs 15] [--platform offscreen|xcb] [--before main]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_revision import code_of
from bench_table import Row, print_table

ROOT = Path(__file__).resolve().parent.parent
TIME_TARGET, MEMORY_TARGET = 1.2, 1.3  # at most these times the bare window's
MEMORY_AFTER_PINYIN_MIB = 100  # on a first start as on later ones (a native Qt clipboard manager: 97 MiB)

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
elif sys.argv[1] == "floor":
    # What any keyboard-driven Chinese sidebar in PySide6 pays for: Qt's key and icon names (PySide6
    # builds their Python enums on import) and a Chinese font, for one label.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QIcon, QKeySequence
    from PySide6.QtWidgets import QLabel, QVBoxLayout
    window = QWidget()
    window.resize(400, 800)
    QVBoxLayout(window).addWidget(QLabel("请稍等，我帮您查一下。"), alignment=Qt.AlignmentFlag.AlignTop)
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


# The child: the sidebar, left to build its pinyin search; prints its resident memory (MiB) once the
# search has pinyin, the book's and the directory's readings are cached and 3 s have passed.
MEMORY_CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from assist.core.folders import cache_folder
from assist.ui.app import create_window
from assist.ui.settings import Settings

app = QApplication(sys.argv[:1])
window = create_window(None, Settings.for_user())
window.apply_appearance()
window.place()
window.show()
shown = time.monotonic()

def check():
    readings = list(cache_folder().glob("pinyin-*.json"))
    if window.search_service.has_pinyin and len(readings) >= 2 and time.monotonic() - shown >= 3:
        status = Path("/proc/self/status").read_text()
        resident = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
        print(int(resident) / 1024, "pypinyin" in sys.modules, flush=True)
        app.quit()
    elif time.monotonic() - shown > 120:
        raise SystemExit("the pinyin search was not ready after 120 s")
    else:
        QTimer.singleShot(100, check)

QTimer.singleShot(100, check)
app.exec()
"""


def measure(kind: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to first paint, and peak memory in MiB, of one fresh process."""
    with tempfile.TemporaryFile("w+") as messages:  # Qt's warnings, shown only if the window fails
        started = time.perf_counter()
        command = [sys.executable, "-c", CHILD, kind]
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=messages, text=True)
        line = child.stdout.readline()
        painted = time.perf_counter() - started
        child.stdout.close()
        _, status, usage = os.wait4(child.pid, 0)
        exit_code = os.waitstatus_to_exitcode(status)
        if line.strip() != "painted" or exit_code != 0:
            messages.seek(0)
            raise SystemExit(f"the {kind} window did not paint (exit {exit_code}):\n{messages.read()}")
    return painted, usage.ru_maxrss / 1024


def measure_startup(runs: int, platform: str | None = None) -> list[Row]:
    """Median launch-to-first-paint time and peak memory of Assist and of a bare window, alternating."""
    compileall.compile_dir(ROOT / "assist", quiet=1)  # bytecode, as an installed or packaged Assist has
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = platform or ("xcb" if env.get("DISPLAY") else "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    results: dict[str, list[tuple[float, float]]] = {"bare": [], "assist": [], "floor": []}
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"] = f"{home}/config"  # never the user's settings
        env["XDG_CACHE_HOME"] = f"{home}/cache"
        for kind in results:  # warm the disk cache and Assist's load cache
            measure(kind, env)
        for _ in range(runs):
            for kind in results:
                results[kind].append(measure(kind, env))
    launch = {kind: statistics.median(t for t, _ in runs) * 1000 for kind, runs in results.items()}
    memory = {kind: statistics.median(m for _, m in runs) for kind, runs in results.items()}
    time_ratio, memory_ratio = launch["assist"] / launch["bare"], memory["assist"] / memory["bare"]
    bare_launch, bare_memory = f"{launch['bare']:.0f} ms bare window", f"{memory['bare']:.1f} MiB bare window"
    floor = "  floor: bare + Qt key names + a Chinese label"
    return [
        Row(
            f"launch to first paint ({env['QT_QPA_PLATFORM']})",
            f"{launch['assist']:.0f} ms",
            bare_launch,
            time_ratio,
            f"≤ {TIME_TARGET}×",
            time_ratio <= TIME_TARGET,
        ),
        Row(floor, f"{launch['floor']:.0f} ms", bare_launch, launch["floor"] / launch["bare"], "", None),
        Row(
            "peak memory",
            f"{memory['assist']:.1f} MiB",
            bare_memory,
            memory_ratio,
            f"≤ {MEMORY_TARGET}×",
            memory_ratio <= MEMORY_TARGET,
        ),
        Row(floor, f"{memory['floor']:.1f} MiB", bare_memory, memory["floor"] / memory["bare"], "", None),
    ]


def resident_after_pinyin(env: dict[str, str], code: Path) -> float:
    """The resident memory (MiB) of a sidebar of the code in `code` once its pinyin search is in use."""
    command = [sys.executable, "-c", MEMORY_CHILD]  # cwd: `python -c` looks for `assist` there first
    run = subprocess.run(command, env=env, cwd=code, capture_output=True, text=True, timeout=300)
    if run.returncode != 0 or not run.stdout.strip():
        raise SystemExit(f"the sidebar did not report its memory (exit {run.returncode}):\n{run.stderr}")
    return float(run.stdout.split()[0])


def measure_memory_from_first_start(runs: int, platform: str | None = None, before: str | None = "main") -> list[Row]:
    """Median resident memory once pinyin search is in use, at first and later starts, of this code
    and of the code of `before`, taken in turn."""
    compileall.compile_dir(ROOT / "assist", quiet=1)
    with tempfile.TemporaryDirectory() as home:
        codes = {"this code": ROOT}
        earlier = code_of(before, Path(home) / "before") if before else None
        if earlier:
            compileall.compile_dir(Path(home) / "before" / "assist", quiet=1)
            codes[f"the code of {earlier}"] = Path(home) / "before"
        figures: dict[tuple[str, str], list[float]] = {}
        for run in range(runs):
            for number, (name, code) in enumerate(codes.items()):
                env = dict(os.environ)
                env["QT_QPA_PLATFORM"] = platform or ("xcb" if env.get("DISPLAY") else "offscreen")
                env["PYTHONPATH"] = str(code)
                env["XDG_CONFIG_HOME"] = f"{home}/config-{run}-{number}"
                env["XDG_CACHE_HOME"] = f"{home}/cache-{run}-{number}"  # empty: a first start
                figures.setdefault((name, "first"), []).append(resident_after_pinyin(env, code))
                figures.setdefault((name, "later"), []).append(resident_after_pinyin(env, code))
    median = {key: statistics.median(values) for key, values in figures.items()}
    first, later = median[("this code", "first")], median[("this code", "later")]
    rows = [
        Row(
            "memory with pinyin search, first start",
            f"{first:.1f} MiB",
            f"{later:.1f} MiB a later start",
            first / later,
            f"≤ {MEMORY_AFTER_PINYIN_MIB} MiB",
            first <= MEMORY_AFTER_PINYIN_MIB,
        ),
        Row("memory with pinyin search, later start", f"{later:.1f} MiB", "", None, "", None),
    ]
    if earlier:
        name = f"the code of {earlier}"
        for start in ("first", "later"):
            ours = median[("this code", start)]
            theirs = median[(name, start)]
            what = f"  {start} start, {name}"
            rows.append(Row(what, f"{theirs:.1f} MiB", f"{ours:.1f} MiB this code", theirs / ours, "", None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--platform", default=None, help="Qt platform (default: xcb when DISPLAY is set, else offscreen)"
    )
    parser.add_argument("--before", default="main", help="the revision to compare memory with (default main)")
    args = parser.parse_args()
    rows = measure_startup(args.runs, args.platform)
    print_table(rows + measure_memory_from_first_start(max(1, args.runs // 5), args.platform, args.before))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
