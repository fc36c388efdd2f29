"""No text makes the checker hang: drafts built from filler and forbidden characters, and the
cases that froze the window (你问 + 200 × 我 took over two minutes).

Each check runs under a guard that interrupts it after HANG_SECONDS, a few hundred times what a
2,000-character draft takes: the guard detects a hang, it does not time the checker. The timings
are in the benchmark (`scripts/bench_search_lint.py`: the worst of the adversarial drafts beside a
typical one).
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from assist.core.checker import FILLERS, INSERTIONS, Checker, core_of
from assist.core.loader import load_phrasebook

HANG_SECONDS = 1.0  # for 2,000 characters; ten times that for 400,000
BOOK = load_phrasebook()
CHECKER = Checker(BOOK)
WORDINGS = sorted({w for s in BOOK.situations for e in s.forbidden for w in (e.text, *e.variants)})
LETTERS = sorted({char for wording in WORDINGS for char in core_of(wording)})
NOISE = [*FILLERS, *INSERTIONS, "这个", "，", "。", "！", "？", "…", " ", "\n", "坐席："]
PIECES = st.sampled_from(LETTERS + NOISE + WORDINGS + ["好的", "那就", "再见"])

# The cases of the report, and others of the same kind found since.
REPORTED = {
    "你问 + 200 × 我": "你问" + "我" * 200,
    "你问 + 100 × 我": "你问" + "我" * 100,
    "你先听我 + 1,996 × 我": "你先听我" + "我" * 1996,
    "2,000 × 说": "说" * 2000,
    "2,000 × 不": "不" * 2000,
    "1,000 × 我也": "我也" * 1000,
    "18 × 那就 + 再见吗": "那就" * 18 + "再见吗",  # the utterance rule's "nothing else in the sentence"
    "666 × 再见。": "再见。" * 666,
    "1,000 × 喂…": "喂…" * 1000,
    "你就 × 1,000": "你就" * 1000,
}


class CheckerHung(AssertionError):
    pass


@contextlib.contextmanager
def hang_guard(text: str, seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Interrupt the check if it runs longer than HANG_SECONDS (the regular expression engine
    looks at signals while it runs, so even a pattern stuck in backtracking is stopped)."""

    def interrupt(signum: int, frame: object) -> None:
        raise CheckerHung(f"checking {len(text):,} characters took over {seconds} s: {text[:60]!r}…")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def checked(text: str, seconds: float = HANG_SECONDS) -> list:
    with hang_guard(text, seconds):
        findings = CHECKER.check(text)
    for finding in findings:  # and the answer is sound
        assert text[finding.start : finding.end] == finding.match
    return findings


@pytest.mark.parametrize("text", REPORTED.values(), ids=REPORTED.keys())
def test_the_reported_drafts_are_answered(text):
    checked(text)


@pytest.mark.parametrize("text", REPORTED.values(), ids=REPORTED.keys())
def test_time_grows_no_faster_than_the_text(text):
    """The same drafts 200 times over (400,000 characters): a check that took time growing with the
    square of the length (a match tried from every place of a run to its end) would run for minutes."""
    checked(text * 200, seconds=10 * HANG_SECONDS)


def _repeated(unit: list[str], prefix: list[str]) -> str:
    """A 2,000-character draft: a start, then one short unit over and over (the hardest shape)."""
    unit_text = "".join(unit) or "我"
    return ("".join(prefix) + unit_text * 2000)[:2000]


# The start of a forbidden wording, then noise that could be read as its next letters.
WORDING_STARTS = st.builds(
    lambda wording, length: [core_of(wording)[:length]], st.sampled_from(WORDINGS), st.integers(1, 6)
)
NOISY_UNITS = st.lists(st.sampled_from([*INSERTIONS, *FILLERS, "，", "…", "这个", *LETTERS]), min_size=1, max_size=3)
DRAFTS = st.one_of(
    st.builds(_repeated, NOISY_UNITS, WORDING_STARTS),
    st.builds(_repeated, st.lists(PIECES, min_size=1, max_size=6), st.lists(PIECES, max_size=4)),
    st.lists(PIECES, min_size=50, max_size=400).map(lambda pieces: "".join(pieces)[:2000]),
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # a hang is reported as found: shrinking would re-run it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(DRAFTS)
@example("我也" * 1000)
@example("你问" + "我你" * 999)
def test_no_draft_of_filler_and_forbidden_characters_hangs(text):
    checked(text)


def test_a_line_dense_with_findings_keeps_every_finding(default_book):
    """Fast is not enough: the answer is the same as for the short text, over and over."""
    text = "等一会！喂，查什么？" * 200
    findings = checked(text)
    assert [f.forbidden for f in findings] == ["等一会！", "喂，查什么？"] * 200
    assert findings[-1].end == len(text) - 1
