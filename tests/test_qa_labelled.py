"""`assist qa` on the labelled set of whole calls (tests/data/qa/): per-rule precision and recall.

Each call's file says which rules it should fail (`# expect: rule rule` or `none`).
"""

from __future__ import annotations

import re

import pytest

from assist.core.model import QA_RULES
from assist.core.qa.results import NOT_APPLICABLE
from assist.core.qa.rules import Inspector
from assist.core.qa.transcript import Transcript, Utterance, read_calls
from assist.core.templates import fill
from tests.helpers import ROOT

DATA = ROOT / "tests/data/qa"
_EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)


def labelled_calls() -> list[tuple[str, set[str], bool]]:
    """(file name, rules it should fail, timed) for every call of the set."""
    calls = []
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = set(_EXPECT.search(text).group(1).split()) - {"none"}
        assert expected <= set(QA_RULES), path.name
        calls.append((path.name, expected, "\n[" in text))
    return calls


@pytest.fixture(scope="module")
def results(default_book):
    inspector = Inspector(default_book)
    found = {}
    for item in read_calls([str(DATA)]):
        assert isinstance(item, Transcript), str(item)
        result = inspector.check(item)
        found[item.call + ".txt"] = result
    return found


def test_the_set_has_thirty_calls_exercising_every_rule_both_ways(results):
    calls = labelled_calls()
    assert len(calls) >= 30
    for rule in QA_RULES:
        failing = [name for name, expected, _ in calls if rule in expected]
        passing = [
            name for name, expected, _ in calls if rule not in expected and results[name].states[rule] != NOT_APPLICABLE
        ]
        assert failing and passing, f"{rule}: failing {failing}, passing {passing}"
    assert any(timed for *_, timed in calls) and any(not timed for *_, timed in calls)


def test_per_rule_precision_and_recall(results, capsys):
    calls = labelled_calls()
    lines = [f"{'rule':<20}{'precision':>10}{'recall':>8}{'tp':>4}{'fp':>4}{'fn':>4}"]
    wrong = []
    for rule in QA_RULES:
        true_positive = false_positive = false_negative = 0
        for name, expected, _ in calls:
            failed = results[name].states[rule] == "fail"
            true_positive += failed and rule in expected
            false_positive += failed and rule not in expected
            false_negative += not failed and rule in expected
            if failed != (rule in expected):
                wrong.append(f"{name}: {rule} {'found' if failed else 'missed'}")
        precision = true_positive / ((true_positive + false_positive) or 1)
        recall = true_positive / ((true_positive + false_negative) or 1)
        lines.append(
            f"{rule:<20}{precision:>10.2f}{recall:>8.2f}{true_positive:>4}{false_positive:>4}{false_negative:>4}"
        )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert wrong == []


def test_the_model_call_file_has_no_finding(results):
    model = results["model-call.txt"]
    assert (model.findings, model.score, model.passed) == ([], 100, True)


def test_a_model_call_written_from_the_books_own_phrases_has_no_finding(default_book):
    """greeting → answer → 请问还有什么可以帮您 → closing, each phrase word for word from the book."""
    values = {name: placeholder.example for name, placeholder in default_book.placeholders.items()}
    phrase = {p.text: p for s in default_book.situations for p in s.phrases}
    greeting = default_book.situation("greeting").phrases[0].text
    inquiry = next(text for text, p in phrase.items() if p.voice and p.voice.value == "inquiry" and len(text) < 15)
    closing = default_book.situation("closing").phrases[0].text
    lines = [("agent", greeting), ("caller", "请问外贸备案要带什么材料？"), ("agent", "带营业执照副本就可以。")]
    lines += [("agent", inquiry), ("caller", "没有了。"), ("agent", closing)]
    call = Transcript("model", "<built>")
    call.utterances = [Utterance(who, fill(text, values).text, n) for n, (who, text) in enumerate(lines, 1)]
    result = Inspector(default_book).check(call)
    assert result.findings == []
    assert result.states["greeting"] == result.states["closing"] == result.states["anything-else"] == "pass"
