#!/usr/bin/env python3
"""Benchmark: from an utterance sent to the running sidebar to its forbidden wording painted red.

The sidebar runs here, listening on its command channel as `assist` does; another process sends
utterances over the socket (`assist.ui.instance.send`, as `assist feed` does) at 10 a second, the
agent's and the caller's in turn, every agent utterance with a forbidden wording of another
situation (so each flag opens another situation's page). The time is from just before the sender
writes the utterance to the live strip's first paint showing its flag (both sides read the same
monotonic clock). Beside it, in the same run: the round trip of a `ping` over the same channel,
sent between the utterances: the floor any command pays.

    .venv/bin/python scripts/bench_live.py [--utterances 200] [--platform offscreen|xcb]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_table import Row, print_table

TARGET_MS = 100.0  # the issue: flagged within 100 ms of the final utterance arriving
RATE = 10.0  # utterances a second
FORBIDDEN = ["你等一会！", "这个我不知道", "又不是我的错", "没办法", "你提意见也没用！", "快点说！"]

# The sender: utterances at RATE a second, a ping half-way between each two; prints what it did.
SENDER = r"""
import json, sys, time
from assist.ui.instance import send
count, rate, forbidden = int(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3])
start = time.monotonic() + 0.2
for index in range(count):
    for offset, kind in ((0.0, "utterance"), (0.5, "ping")):
        time.sleep(max(0.0, start + (index + offset) / rate - time.monotonic()))
        if kind == "ping":
            sent = time.monotonic()
            reply = send({"command": "ping"})
            print(json.dumps({"kind": "ping", "ms": (time.monotonic() - sent) * 1000, "ok": reply is not None}))
            continue
        agent = index % 2 == 0
        text = f"{forbidden[index // 2 % len(forbidden)]}第{index}句" if agent else f"我想问一下第{index}句的事"
        message = {"command": "utterance", "speaker": "agent" if agent else "caller", "text": text,
                   "final": True, "start": index / rate, "end": index / rate + 0.1}
        sent = time.monotonic()
        reply = send(message)
        print(json.dumps({"kind": "utterance", "index": index, "sent": sent, "ok": reply == {"ok": True}}), flush=True)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_live(utterances: int = 200, platform: str = "offscreen") -> list[Row]:
    """Runs the sidebar in this process (Qt on `platform`) and the sender in another."""
    folder = Path(tempfile.mkdtemp(prefix="assist-bench-live-"))
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700)
    os.environ.update(
        QT_QPA_PLATFORM=platform,
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_CACHE_HOME=str(folder / "cache"),
        XDG_DATA_HOME=str(folder / "data"),
    )
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from assist.core.loader import load_phrasebook
    from assist.ui.instance import Instance
    from assist.ui.main_window import SidebarWindow
    from assist.ui.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    settings = Settings.at(folder / "assist.ini")
    settings.set("profile/dismissed", True)
    window = SidebarWindow(load_phrasebook(), settings, put_on_clipboard=lambda _text: None)
    window.apply_appearance()
    window.place()
    window.show()
    instance = Instance(window.handle_command)
    if not instance.claim() or not instance.listen():
        raise SystemExit("bench_live: could not listen on the command channel")
    live = window.live_controller()
    live.handle({"command": "call-ended"})  # the first command builds the rules
    deadline = time.monotonic() + 60
    while live.rules is None:  # built once per book, in the background
        if time.monotonic() > deadline:
            raise SystemExit("bench_live: the live rules were not built within 60 s")
        app.processEvents()
        time.sleep(0.01)
    painted: dict[str, float] = {}  # the flagged text → when its flag was first painted
    live.strip.flag_painted.connect(
        lambda: (
            painted.setdefault(live.live.lines[-1].text if live.live else "", time.monotonic())
            if live.live and live.live.lines and live.live.lines[-1].flags
            else None
        )
    )
    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER, str(utterances), str(RATE), json.dumps(FORBIDDEN, ensure_ascii=False)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    timer = QTimer()
    timer.timeout.connect(lambda: sender.poll() is not None and app.quit())
    timer.start(50)
    app.exec()
    records = [json.loads(line) for line in sender.stdout.read().splitlines()]
    instance.release()
    window.close()
    flags, pings, lost = [], [], 0
    for record in records:
        if record["kind"] == "ping":
            pings.append(record["ms"])
            continue
        index = record["index"]
        if index % 2:
            continue
        text = f"{FORBIDDEN[index // 2 % len(FORBIDDEN)]}第{index}句"
        if not record["ok"] or text not in painted:
            lost += 1
            continue
        flags.append((painted[text] - record["sent"]) * 1000)
    if not flags:
        raise SystemExit("bench_live: no flag was painted")
    median, p95 = statistics.median(flags), percentile(flags, 0.95)
    ping_median, ping_p95 = statistics.median(pings), percentile(pings, 0.95)
    note = f", {lost} not painted" if lost else ""
    return [
        Row(
            f"live: utterance sent → flag painted, {RATE:.0f}/s ({platform}{note})",
            f"median {median:.1f} ms, p95 {p95:.1f} ms",
            f"ping round trip: median {ping_median:.1f} ms, p95 {ping_p95:.1f} ms",
            p95 / ping_p95 if ping_p95 else None,
            f"p95 ≤ {TARGET_MS:.0f} ms",
            p95 <= TARGET_MS and not lost,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=200)
    parser.add_argument("--platform", default="offscreen", choices=("offscreen", "xcb"))
    args = parser.parse_args()
    print_table(measure_live(args.utterances, args.platform))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
