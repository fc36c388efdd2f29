#!/usr/bin/env python3
"""Benchmark: search latency per keystroke and lint throughput, each against the naive way, in one run.

Search: synthetic books of 100, 5,000 and 20,000 phrases (real phrases of the built-in book with
varied words around them); realistic queries typed one character at a time (Chinese, pinyin,
initials, English, a typo, words apart, a whole phrase). Each keystroke is timed with Assist's
`Search.query` and, right after, with the naive call,
`rapidfuzz.process.extract(query, texts, scorer=fuzz.partial_ratio, limit=10)`.

Lint: a synthetic transcript of agent and caller lines, checked with Assist's `Checker` and with a
plain loop testing each forbidden text as a substring of each line, five times each, alternating.

Drafts: a typical 2,000-character draft, and the worst of a set of adversarial ones built to make
a backtracking checker hang (the start of a forbidden wording, then fillers and wording characters
over and over: 你问 + 1,998 × 我, 我也 × 1,000, 再见。 × 666, and 300 generated ones).

    .venv/bin/python scripts/bench_search_lint.py [--sizes 100 5000 20000] [--megabytes 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench_table import Row, print_table
from rapidfuzz import fuzz, process

from assist.core.checker import FILLERS, INSERTIONS, Checker, core_of
from assist.core.loader import load_phrasebook
from assist.core.model import Phrase, Phrasebook, Situation
from assist.core.pinyin import read
from assist.core.search import Search

SEARCH_TARGET_MS = 1.0  # median per keystroke at 20,000 phrases
LINT_TARGET_MB_S = 50
WORST_DRAFT_TARGET_MS = 5.0
LINT_REPEATS = 5
QUERIES = [
    "请稍等",
    "qsd",
    "shaodeng",
    "tousu",
    "wait a moment",
    "apology",
    "shaodneg",
    "不清楚",
    "thank you",
    "zaijian",
    "社保卡",
    "xiexie pingjia",
    "on hold",
    "对不起让您久等了",
]
WORDS = [
    "社保卡",
    "公积金",
    "营业执照",
    "户口",
    "医保",
    "驾驶证",
    "护照",
    "居住证",
    "不动产",
    "税务",
    "养老金",
    "补办",
    "挂失",
    "查询",
    "办理",
    "预约",
    "材料",
    "窗口",
    "网上",
    "手机",
    "身份证",
    "地址",
    "时间",
]
# A day of calls: mostly ordinary agent and caller lines, with forbidden wording now and then
# (about one line in twenty) and polite lines that look like it (听不清楚, 谢谢您的来电，再见).
CLEAN_LINES = [
    "坐席：您好，请问有什么可以帮您？",
    "客户：我想问一下社保卡怎么办理，在哪里可以办。",
    "坐席：您可以携带身份证到就近的社保服务中心办理，我帮您查一下地址。",
    "客户：好的，谢谢你啊。",
    "坐席：请问还有什么可以帮您？",
    "客户：没有了。",
    "坐席：谢谢您的来电，请您在听到提示音后对我的服务做出评价，再见！",
    "客户：公积金提取要带什么材料？",
    "坐席：请稍等，我帮您查一下。",
    "坐席：对不起，让您久等了。",
    "坐席：需要身份证原件、银行卡和提取申请表。",
    "客户：营业执照年检在网上能办吗？",
    "坐席：可以的，您登录政务服务网，在企业服务栏目里办理即可。",
    "客户：我这边信号不好，你再说一遍。",
    "坐席：对不起，我这边听不清楚，麻烦您大声一点。",
    "客户：驾驶证到期换证要体检吗？",
    "坐席：需要的，您可以到指定医院体检后再去车管所办理。",
    "坐席：不知道您还有什么需要？",
]
FORBIDDEN_LINES = ["坐席：这个不清楚，你问别人吧。", "坐席：等一会！", "坐席：喂，查什么？"]
LINES = CLEAN_LINES * 6 + FORBIDDEN_LINES


def big_book(base: Phrasebook, size: int, rng: random.Random) -> Phrasebook:
    real = [(situation, phrase) for situation in base.situations for phrase in situation.phrases]
    per_situation: dict[str, list[Phrase]] = {situation.id: [] for situation in base.situations}
    for index in range(size):
        situation, phrase = real[index % len(real)]
        extra = "".join(rng.sample(WORDS, 2))
        if index < len(real):  # the book's own phrases as they are: forbidden entries refer to them
            per_situation[situation.id].append(phrase)
            continue
        text = f"关于{extra}，{phrase.text}"
        per_situation[situation.id].append(Phrase(text, f"{phrase.en} ({extra})", keywords=phrase.keywords))
    situations = tuple(
        Situation(
            s.id,
            s.title,
            tuple(per_situation[s.id]),
            s.title_en,
            s.keywords,
            tuple(f for f in s.forbidden),
            s.do,
            s.dont,
        )
        for s in base.situations
    )
    return Phrasebook(base.name, situations, placeholders=base.placeholders)


def keystrokes() -> list[str]:
    return [query[:length] for query in QUERIES for length in range(1, len(query) + 1)]


def timed(function, argument) -> float:
    started = time.perf_counter()
    function(argument)
    return (time.perf_counter() - started) * 1000


def measure_search(base: Phrasebook, sizes: list[int]) -> list[Row]:
    """Median time per keystroke of Assist's search and of the naive rapidfuzz call, per book size."""
    rng = random.Random(7)
    rows = []
    for size in sizes:
        book = big_book(base, size, rng)
        search = Search(book, read(Search.texts_to_read(book)))
        texts = [phrase.text for situation in book.situations for phrase in situation.phrases]

        def naive_search(query: str, texts: list[str] = texts) -> object:
            return process.extract(query, texts, scorer=fuzz.partial_ratio, limit=10)

        ours, naive = [], []
        for query in keystrokes() * 3:  # each keystroke both ways in turn, so both see the same machine
            ours.append(timed(search.query, query))
            naive.append(timed(naive_search, query))
        median, naive_median = statistics.median(ours), statistics.median(naive)
        rows.append(
            Row(
                f"search, {size:,} phrases, per keystroke",
                f"{median:.2f} ms (p90 {_p90(ours):.2f})",
                f"{naive_median:.2f} ms (p90 {_p90(naive):.2f}) naive rapidfuzz",
                median / naive_median,
                f"≤ {SEARCH_TARGET_MS} ms" if size >= 20_000 else "",
                median <= SEARCH_TARGET_MS if size >= 20_000 else None,
            )
        )
    return rows


def measure_lint(base: Phrasebook, megabytes: float) -> list[Row]:
    """Throughput of Assist's checker and of a plain substring loop on one synthetic transcript."""
    rng = random.Random(11)
    lines: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        line = rng.choice(LINES)
        lines.append(line)
        size += len(line.encode()) + 1
    text = "\n".join(lines)
    checker = Checker(base)
    forbidden = [entry.text for situation in base.situations for entry in situation.forbidden]
    ours_s, naive_s = [], []
    for _ in range(LINT_REPEATS):  # alternating, so that both see the same machine
        started = time.perf_counter()
        findings = len(checker.check(text))
        ours_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        naive_findings = sum(1 for line in lines for wording in forbidden if wording in line)
        naive_s.append(time.perf_counter() - started)
    ours = size / 1_000_000 / statistics.median(ours_s)
    naive = size / 1_000_000 / statistics.median(naive_s)
    return [
        Row(
            f"lint, {size / 1_000_000:.1f} MB transcript",
            f"{ours:.1f} MB/s ({findings:,} findings)",
            f"{naive:.1f} MB/s ({naive_findings:,} findings) substring loop",
            ours / naive,
            f"≥ {LINT_TARGET_MB_S} MB/s",
            ours >= LINT_TARGET_MB_S,
        ),
        *measure_drafts(checker, rng, generated=300 if megabytes >= 1 else 20),
    ]


def adversarial_drafts(book: Phrasebook, rng: random.Random, generated: int) -> dict[str, str]:
    """2,000-character drafts made to find a checker's worst case, by name."""
    wordings = sorted({w for s in book.situations for e in s.forbidden for w in (e.text, *e.variants)})
    letters = sorted({char for wording in wordings for char in core_of(wording)})
    noise = [*FILLERS, *INSERTIONS, "这个", "，", "…", " ", "。"]
    drafts = {
        "你问 + 1,998 × 我": "你问" + "我" * 1998,
        "你先听我 + 1,996 × 我": "你先听我" + "我" * 1996,
        "2,000 × 说": "说" * 2000,
        "1,000 × 我也": "我也" * 1000,
        "666 × 再见。": "再见。" * 667,
        "1,000 × 喂…": "喂…" * 1000,
    }
    for _ in range(generated):
        start = core_of(rng.choice(wordings))[: rng.randint(1, 6)]
        unit = "".join(rng.choice(noise + letters) for _ in range(rng.randint(1, 3)))
        drafts[f"{start} + {unit} …"] = start + unit * 2000
    return {name: draft[:2000] for name, draft in drafts.items()}


def measure_drafts(checker: Checker, rng: random.Random, generated: int) -> list[Row]:
    """The median time to check a typical draft, and the worst median over the adversarial ones."""
    typical = "".join(rng.choice(LINES) for _ in range(80))[:2000]
    typical_ms = statistics.median(timed(checker.check, typical) for _ in range(200))
    medians = {
        name: statistics.median(timed(checker.check, draft) for _ in range(15))
        for name, draft in adversarial_drafts(checker.book, rng, generated).items()
    }
    worst = max(medians, key=medians.__getitem__)
    worst_ms = medians[worst]
    return [
        Row("check a 2,000-character draft", f"{typical_ms:.3f} ms", "", None, "", None),
        Row(
            f"  the worst of {len(medians)} adversarial drafts",
            f"{worst_ms:.2f} ms ({worst})",
            f"{typical_ms:.3f} ms the typical draft",
            worst_ms / typical_ms,
            f"≤ {WORST_DRAFT_TARGET_MS:g} ms",
            worst_ms <= WORST_DRAFT_TARGET_MS,
        ),
    ]


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 5000, 20000])
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    base = load_phrasebook()
    print_table(measure_search(base, args.sizes) + measure_lint(base, args.megabytes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
