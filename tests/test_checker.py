"""The forbidden-phrase checker against a labelled set of utterances, the match rules and the book."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.checker import Checker, core_of
from assist.core.loader import check_text, load_phrasebook
from assist.core.model import MatchMode
from assist.core.sliced_check import SlicedCheck
from tests.helpers import LINT_JSON_KEYS, ROOT

HALF_WIDTH = str.maketrans("，？！：；。", ",?!:;.")
BOOK = load_phrasebook()
# Pieces of speech: sentences that end next to ordinary characters (where a slice may end), wordings
# and the noise around them, over and over.
SPEECH = ["请问办理什么业务。", "您好！", "等一会", "喂", "，", "。", "？", "再见", "不清楚", "听", "我", "你", "啊"]
SPEECH += ["\n", "坐席：", "谢谢您的来电", "没办法", "这个", "好的", "说", "快点", "应该的", "不知道", "您"]
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


def _scores(checker: Checker) -> tuple[float, float]:
    """Recall and precision over the labelled set (printed for the record; each case is required above)."""
    true_positive = false_positive = false_negative = 0
    for case in CASES:
        expected = list(case["flag"])
        for found in (finding.forbidden for finding in checker.check(case["text"])):
            if found in expected:
                expected.remove(found)
                true_positive += 1
            else:
                false_positive += 1
        false_negative += len(expected)
    return true_positive / (true_positive + false_negative), true_positive / (true_positive + false_positive)


def _as_spoken(wording: str, match: MatchMode) -> dict[str, str]:
    """A forbidden wording in the ways agents say it, each a kind of noise the checker tolerates.

    A wording flagged only as a whole utterance (a bare 再见) is said whole, alone in its sentence.
    """
    core = core_of(wording)
    if match is MatchMode.UTTERANCE:
        return {
            "as written": wording,
            "half-width punctuation": wording.translate(HALF_WIDTH),
            "between discourse words": f"好的，{wording}啊！",
            "said twice": f"{wording}，{wording}。",
            "after a speaker label": f"坐席：{core}",
        }
    return {
        "as written": wording,
        "half-width punctuation": wording.translate(HALF_WIDTH),
        "a filler after each character": "啊".join(core),
        "a pause after each character": "…".join(core),
        "spaces between characters": " ".join(core),
        "the first character repeated": core[0] * 3 + core[1:],
        "an adverb slipped in": core[0] + "就" + core[1:],
        "a pronoun slipped in": core[:-1] + "您" + core[-1],
        "这个 slipped in": core[0] + "这个" + core[1:],
    }


def test_every_forbidden_wording_is_found_as_agents_say_it(default_book, checker, capsys):
    """Each entry and variant of the book, with each kind of noise: found once, as its entry."""
    missed = []
    forms = 0
    for situation in default_book.situations:
        for entry in situation.forbidden:
            for wording in (entry.text, *entry.variants):
                for noise, said in _as_spoken(wording, entry.match).items():
                    forms += 1
                    found = [finding.entry for finding in checker.check(said)]
                    if found != [entry]:
                        missed.append(f"{said!r} ({wording}, {noise}): {[e and e.text for e in found]}")
    recall, precision = _scores(checker)
    with capsys.disabled():
        print(
            f"\nchecker: recall {recall:.1%}, precision {precision:.1%} over {len(CASES)} labelled utterances; "
            f"{forms - len(missed)} of {forms} spoken forms of the book's wordings found"
        )
    assert not missed, "\n".join(missed)


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
    assert finding.suggestion == "请稍等，我帮您查一下。"  # the book's first phrase for 不清楚
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


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(SPEECH), max_size=60).map("".join), st.integers(1, 40))
def test_a_text_checked_in_slices_has_the_findings_of_one_check(text, slice_characters):
    """Slices end only where no finding can be split (see Checker.cut), so the draft panel, which
    checks a long draft a slice at a time, finds what one check finds, at the same places."""
    checker = Checker(BOOK)
    assert SlicedCheck(checker, text, slice_characters).finish() == checker.check(text)


def test_up_to_sixteen_characters_of_noise_between_two_characters():
    """The bound that keeps the check linear: more noise than that between two characters is
    not one wording any more."""
    checker = Checker(BOOK)
    assert [f.match for f in checker.check("等" + "，" * 16 + "一会")] == ["等" + "，" * 16 + "一会"]
    assert checker.check("等" + "，" * 17 + "一会") == []
