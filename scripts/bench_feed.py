#!/usr/bin/env python3
"""The feed's share of the time from an utterance said to the flag painted: from a line written to
the moment the sidebar's channel receives it, at 10 utterances a second.

`assist feed --follow FILE` (it looks for new lines at intervals) is measured beside `assist feed`
reading a pipe (the line arrives as it is written), in the same run, against a stand-in sidebar in
this process that answers at once: what is measured is the feed alone, not what the sidebar does.

    .venv/bin/python scripts/bench_feed.py            # 100 utterances each way (about 35 s)
    .venv/bin/python scripts/bench_feed.py --count 20
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE = 10  # utterances a second


class StandIn:
    """Holds the sidebar's lock, answers {"ok": true} and notes when each utterance arrived."""

    def __init__(self, runtime: Path) -> None:
        from PySide6.QtCore import QLockFile

        folder = runtime / "assist"
        folder.mkdir(mode=0o700)
        self.lock = QLockFile(str(folder / "assist.lock"))
        assert self.lock.tryLock(0)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(folder / "assist.socket"))
        self.server.listen(16)
        self.arrived: dict[int, float] = {}
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                data = b""
                while b"\n" not in data and (chunk := connection.recv(65536)):
                    data += chunk
                request = json.loads(data.split(b"\n", 1)[0])
                if request["command"] == "utterance":
                    self.arrived[int(request["text"].removeprefix("第").removesuffix("句"))] = time.monotonic()
                connection.sendall(b'{"ok": true}\n')

    def close(self) -> None:
        self.server.close()
        self.lock.unlock()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def measure(way: str, count: int, idle_seconds: float) -> tuple[list[float], float]:
    """Milliseconds from each line written to its arrival at the stand-in sidebar, and the CPU
    seconds the feed used in `idle_seconds` of waiting with nothing written."""
    runtime = Path(tempfile.mkdtemp(prefix="bf-"))
    sidebar = StandIn(runtime)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    live = runtime / "live.jsonl"
    live.touch()
    command = [sys.executable, "-m", "assist", "feed", *(["--follow", str(live)] if way == "follow" else [])]
    feed = subprocess.Popen(command, env=env, cwd=ROOT, stdin=subprocess.PIPE if way == "pipe" else None)
    written: dict[int, float] = {}
    try:
        time.sleep(1.0)  # the feed's own start (imports), which is not what is measured
        before = cpu_seconds(feed.pid)
        time.sleep(idle_seconds)
        idle = cpu_seconds(feed.pid) - before
        output = feed.stdin if way == "pipe" else live.open("ab", buffering=0)
        for number in range(count):
            line = json.dumps({"speaker": "agent", "text": f"第{number}句"}, ensure_ascii=False) + "\n"
            written[number] = time.monotonic()
            output.write(line.encode())
            output.flush()
            time.sleep(1 / RATE)
        deadline = time.monotonic() + 10
        while len(sidebar.arrived) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        output.close()
    finally:
        feed.terminate()
        feed.wait(timeout=10)
        sidebar.close()
    missing = count - len(sidebar.arrived)
    if missing:
        print(f"{way}: {missing} of {count} utterances did not arrive", file=sys.stderr)
    return [(sidebar.arrived[n] - written[n]) * 1000 for n in sidebar.arrived], idle


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100, help="utterances each way (default 100)")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle CPU measured (default 5)")
    args = parser.parse_args()
    print(f"{'line written → at the sidebar, ' + str(RATE) + '/s':<44} {'median':>9} {'p95':>9}   idle CPU")
    for way, label in (("follow", "assist feed --follow FILE"), ("pipe", "assist feed < pipe (baseline)")):
        times, idle = measure(way, args.count, args.idle)
        print(
            f"{label:<44} {statistics.median(times):7.1f} ms {percentile(times, 0.95):6.1f} ms"
            f"   {idle:.2f} s in {args.idle:g} s"
        )


if __name__ == "__main__":
    main()
