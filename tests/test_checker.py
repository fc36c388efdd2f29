"""The forbidden-phrase checker: the book's wordings as agents say them, the match rules, slicing.
(The labelled set of agent speech is in test_checker_labelled.py.)"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assist.core.checker import Checker, core_of
from assist.core.fold import other_forms
from assist.core.loader import check_text, load_phrasebook
from assist.core.model import MatchMode
from assist.core.sliced_check import SlicedCheck
from tests.helpers import LINT_JSON_KEYS

HALF_WIDTH = str.maketrans("，？！：；。", ",?!:;.")
BOOK = load_phrasebook()
# Pieces of speech: sentences that end next to ordinary characters (where a slice may end), wordings
# and the noise around them, over and over.
SPEECH = ["请问办理什么业务。", "您好！", "等一会", "喂", "，", "。", "？", "再见", "不清楚", "听", "我", "你", "啊"]
SPEECH += ["\n", "坐席：", "谢谢您的来电", "没办法", "这个", "好的", "说", "快点", "应该的", "不知道", "您"]


@pytest.fixture(scope="module")
def checker(default_book) -> Checker:
    return Checker(default_book)


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
            "in traditional characters": _traditional(wording),
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
        "什么 slipped in": core[0] + "什么" + core[1:],
        "都 slipped in": core[0] + "都" + core[1:],
        "in traditional characters": _traditional(wording),
    }


def _traditional(text: str) -> str:
    """`text` written with a traditional form of each character that has one (等一会 → 等一會)."""
    return "".join((other_forms(char) or char)[0] for char in text)


def _clause_as_spoken(clause: str) -> dict[str, str]:
    """A clause of a long forbidden sentence, said alone as agents say it."""
    return {
        "as written": f"{clause}！",
        "half-width punctuation": f"{clause}!",
        "after 喂": f"喂，{clause}！",
        "with 你 before it": f"你{clause}",
        "said twice": f"{clause}{clause}！",
        "after a speaker label": f"坐席：{clause}",
        "in traditional characters": _traditional(f"{clause}！"),
    }


def test_every_forbidden_wording_is_found_as_agents_say_it(default_book, checker, capsys):
    """Each entry, variant and clause of the book, with each kind of noise: found, as its entry."""
    missed = []
    forms = 0
    for situation in default_book.situations:
        for entry in situation.forbidden:
            spoken = [(wording, _as_spoken(wording, entry.match)) for wording in (entry.text, *entry.variants)]
            spoken += [(clause, _clause_as_spoken(clause)) for clause in entry.clauses]
            for wording, ways in spoken:
                for noise, said in ways.items():
                    forms += 1
                    found = [finding.entry for finding in checker.check(said)]
                    if found != [entry]:
                        missed.append(f"{said!r} ({wording}, {noise}): {[e and e.text for e in found]}")
    with capsys.disabled():
        print(f"\nchecker: {forms - len(missed)} of {forms} spoken forms of the book's wordings found")
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


def test_a_clause_is_flagged_only_said_alone(checker):
    assert [f.match for f in checker.check("喂，出声呀！")] == ["出声"]
    assert checker.check("您的电话好像没有发出声响") == []
    assert checker.check("听筒出声很小的话可以调大音量") == []
    assert [f.forbidden for f in checker.check("你说啊！")] == ["喂，出声呀，说啊，再不出声就挂机啦。"]
    assert checker.check("您说，我在听") == []  # 说啊 needs its particle


def test_a_clause_inside_its_whole_sentence_is_one_finding(checker):
    (finding,) = checker.check("打错了，真烦！")
    assert finding.match == "打错了，真烦"


def test_unless_wordings_tolerate_noise_and_keep_to_their_clause(checker):
    assert checker.check("请您稍等一下，我帮您看看") == []  # 请稍等 with 您 slipped in
    assert checker.check("不知道现在方便说话吗？") == []  # 不知道…吗
    assert [f.forbidden for f in checker.check("不知道，你自己不会查吗？")] == ["不知道"]  # not one clause
    assert checker.check("祝您生活愉快！再见！") == []  # 祝……再见: anywhere on the line
    assert [f.forbidden for f in checker.check("祝您生活愉快！\n再见！")] == ["再见"]  # not on the next line


def test_traditional_characters_are_found_at_their_own_places(checker):
    (finding,) = checker.check("您好。等一會！")
    assert (finding.start, finding.end, finding.match) == (3, 6, "等一會")
    assert checker.check("請您稍等一下，我幫您查一下") == []


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from([*SPEECH, "祝您生活愉快", "等一會", "請", "稍等一下", "如果", "不知道…吗"]), max_size=60
    ).map("".join),
    st.integers(1, 40),
)
@example("谢谢您的来电。再见！", 7)  # cut after 。: 再见 alone in its slice, 谢谢……再见 in the whole
@example("谢谢您的来电。" * 20 + "再见！", 3)
def test_the_words_around_a_match_are_read_in_the_whole_text_when_it_is_sliced(text, slice_characters):
    checker = Checker(BOOK)
    assert SlicedCheck(checker, text, slice_characters).finish() == checker.check(text)
