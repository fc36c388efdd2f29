"""The forbidden-phrase checker against a labelled set of utterances, the match rules and the book."""

from __future__ import annotations

import pytest
import yaml

from assist.core.checker import Checker
from assist.core.loader import check_text
from tests.helpers import LINT_JSON_KEYS, ROOT

CASES = yaml.safe_load((ROOT / "tests/data/checker_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checker(default_book) -> Checker:
    return Checker(default_book)


def test_the_labelled_set_is_large_and_balanced():
    assert len(CASES) >= 100
    assert sum(1 for case in CASES if case["flag"]) >= 50
    assert sum(1 for case in CASES if not case["flag"]) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_labelled_utterance(checker, case):
    found = [finding.forbidden for finding in checker.check(case["text"])]
    assert found == case["flag"]


def test_recall_and_precision_over_the_labelled_set(checker, capsys):
    true_positive = false_positive = false_negative = 0
    for case in CASES:
        found = [finding.forbidden for finding in checker.check(case["text"])]
        expected = list(case["flag"])
        for item in found:
            if item in expected:
                expected.remove(item)
                true_positive += 1
            else:
                false_positive += 1
        false_negative += len(expected)
    recall = true_positive / (true_positive + false_negative)
    precision = true_positive / (true_positive + false_positive)
    with capsys.disabled():
        print(f"\nchecker over {len(CASES)} labelled utterances: recall {recall:.1%}, precision {precision:.1%}")
    assert recall >= 0.95 and precision >= 0.95


def test_no_standard_phrase_of_the_book_is_ever_flagged(default_book, checker):
    for situation in default_book.situations:
        for phrase in situation.phrases:
            assert checker.check(phrase.text) == [], phrase.text
        for item in (*situation.do, *situation.dont):
            assert all(f.forbidden != "再见" for f in checker.check(item.text))


def test_finding_carries_span_entry_situation_and_suggestion(checker):
    (finding,) = checker.check("您好。这个我不清楚，您问别人吧")
    assert (finding.line, finding.column, finding.end_column) == (1, 7, 10)
    assert finding.match == "不清楚"
    assert (finding.start, finding.end) == (6, 9)
    assert finding.forbidden == "不清楚"
    assert finding.situation == "criticism"
    assert finding.suggestion == "谢谢您的建议（批评），我们会尽快向上级部门反映。"
    assert set(finding.as_json()) == LINT_JSON_KEYS


def test_lines_are_checked_on_their_own(checker):
    findings = checker.check("第一行没问题\n好的，再见\n喂\n喂")
    assert [(f.line, f.column, f.forbidden) for f in findings] == [(2, 4, "再见")]


def test_match_covers_noise_inside_but_not_around(checker):
    (finding,) = checker.check("嗯，喂，你查什么呀？")
    assert finding.match == "喂，你查什么"


def test_a_minimal_book_checks_with_its_own_rules():
    book = check_text(
        "name: t\nsituations:\n  - id: a\n    title: a\n    phrases:\n      - text: 好的\n"
        "    forbidden:\n      - text: 烦\n        instead: 好的\n        unless: [不烦, 麻烦]\n"
    ).book
    checker = Checker(book)
    assert [f.column for f in checker.check("烦，真烦，不烦，麻烦")] == [1, 4]


def test_empty_book_and_empty_text():
    book = check_text("name: t\nsituations:\n  - id: a\n    title: a\n    phrases:\n      - text: 好的\n").book
    assert Checker(book).check("喂，查什么？") == []
    assert Checker(book).check("") == []
