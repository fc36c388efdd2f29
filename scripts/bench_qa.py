#!/usr/bin/env python3
"""Benchmark: `assist qa` calls per second, beside `lint` throughput on the same text, in one run.

A synthetic batch of typical calls (40 utterances each: greeting, questions, a hold, answers, the
inquiry, the closing; some with forbidden wording, some with a complaint) written as JSON Lines.
Measured in this run:
  - qa, one core: reading the JSON Lines and checking every call in this process;
  - lint, one core: the forbidden-wording checker alone over the same utterances (what `assist lint`
    does), as calls/s and MB/s: the floor qa's extra rules are compared with;
  - qa, all cores: `assist qa --format jsonl FILE` as a command, output to /dev/null.
The one-core figures are per second of this process's CPU time, so that other work on a shared
machine does not blur them; the command's figure is per second of wall time.

    .venv/bin/python scripts/bench_qa.py [--calls 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_table import Row, print_table

from assist.core.checker import Checker
from assist.core.loader import load_phrasebook
from assist.core.model import Phrasebook
from assist.core.qa.batch import default_jobs
from assist.core.qa.json_lines import parse_call
from assist.core.qa.rules import Inspector
from assist.core.qa.transcript import read_calls

TARGET_PER_CORE = 2000  # calls a second
QUESTIONS = [
    "请问营业执照年报在哪里填？",
    "我想问一下展会补贴的申请条件。",
    "外贸备案需要带什么材料？",
    "出口退税要多久？",
]
ANSWERS = [
    "年报在国家企业信用信息公示系统上填报，每年六月三十日截止。",
    "展会补贴需要企业在本省注册，参展后三个月内提交申请。",
    "备案需要带营业执照副本和经营者身份证明原件。",
    "出口退税一般在材料齐全后二十个工作日内办结。",
]
CALLER = ["嗯，好的。", "那我明白了。", "是这样啊。", "还有一个问题。", "你们的网站我打不开。", "好的，我记一下。"]
AGENT = [
    "对不起，您是说营业执照的年报对吗？",
    "是这样，我明白。",
    "您可以在网站首页找到入口。",
    "这个需要您本人去窗口办理。",
]


def synthetic_call(number: int, rng: random.Random) -> list[dict]:
    lines: list[tuple[str, str]] = [("agent", "您好，云南省商务厅办公室，请问有什么可以帮您？")]
    while len(lines) < 33:
        lines.append(("caller", rng.choice(QUESTIONS + CALLER)))
        lines.append(("agent", rng.choice(AGENT + ANSWERS)))
    lines += [("agent", "请稍等，我帮您查一下。"), ("agent", "谢谢您的耐心等待，" + rng.choice(ANSWERS))]
    if number % 7 == 0:
        lines.append(("caller", "我要投诉，你们的资料是错的。"))
        lines.append(("agent", "很抱歉，是我们的工作没做到位，给您添麻烦了。"))
    if number % 5 == 0:
        lines.append(("agent", "这个我不知道。"))
    lines += [("agent", "请问还有什么可以帮您？"), ("caller", "没有了，谢谢。")]
    lines.append(("agent", "谢谢您的来电，请您在听到提示音后对我的服务做出评价，再见！"))
    records, clock = [], 0.0
    for speaker, text in lines[:40] if len(lines) > 40 else lines:
        records.append({"call": f"c{number}", "agent": str(1000 + number % 50), "speaker": speaker, "text": text})
        records[-1] |= {"start": round(clock, 1), "end": round(clock + 2.5, 1)}
        clock += 3.0
    return records


def measure_qa(book: Phrasebook, count: int) -> list[Row]:
    """qa on one core beside lint on the same utterances, and the command on all cores."""
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "calls.jsonl"
        with batch.open("w", encoding="utf-8") as out:
            for number in range(count):
                for record in synthetic_call(number, rng):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        calls = [parsed for raw in read_calls([str(batch)]) for parsed in parse_call(raw)]
        utterances = sum(len(call.utterances) for call in calls) / len(calls)

        inspector = Inspector(book)  # built once per worker: not part of the rate
        began = time.process_time()
        failed = 0
        for raw in read_calls([str(batch)]):
            for call in parse_call(raw):
                failed += not inspector.check(call).passed
        qa_one = count / (time.process_time() - began)

        checker = Checker(book)
        texts = ["\n".join(u.text for u in call.utterances) for call in calls]
        megabytes = sum(len(text.encode()) for text in texts) / 1e6
        began = time.process_time()
        for text in texts:
            checker.check(text)
        lint_seconds = time.process_time() - began

        began = time.perf_counter()
        command = [sys.executable, "-m", "assist", "qa", "--format", "jsonl", str(batch)]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False, env=os.environ.copy())
        qa_all = count / (time.perf_counter() - began)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lint_rate = count / lint_seconds
    what = f"qa, {count:,} calls of {utterances:.0f} utterances ({failed:,} failing)"
    return [
        Row(
            f"{what}, one core (CPU time)",
            _rate(qa_one),
            f"{lint_rate:,.0f} calls/s ({megabytes / lint_seconds:.0f} MB/s) lint, same text",
            qa_one / lint_rate,
            f"≥ {TARGET_PER_CORE:,} calls/s",
            qa_one >= TARGET_PER_CORE,
        ),
        Row(
            f"qa, the command on all {default_jobs()} cores (load average {load:.1f})",
            _rate(qa_all),
            f"{_rate(qa_one)} one core",
            qa_all / qa_one,
            "",
            None,
        ),
    ]


def _rate(calls_a_second: float) -> str:
    return f"{calls_a_second:,.0f} calls/s ({1000 / calls_a_second:.2f} ms a call)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    print_table(measure_qa(load_phrasebook(), args.calls))


if __name__ == "__main__":
    main()
