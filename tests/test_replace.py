"""Replacing forbidden wording with a standard phrase so that the draft reads well (assist.core.replace),
and choosing which phrase fits (assist.core.suggestions), on a labelled set of drafts."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core import templates
from assist.core.checker import Checker
from assist.core.loader import check_text, load_phrasebook
from assist.core.replace import replace
from assist.core.suggestions import best, ranked
from tests.helpers import ROOT

BOOK = load_phrasebook()
CHECKER = Checker(BOOK)
DRAFTS = yaml.safe_load((ROOT / "tests/data/replacements.yaml").read_text(encoding="utf-8"))
VALUES = {
    "organisation": "某市政务服务中心",
    "department": "商务厅办公室",
    "target_department": "市场监督管理局",
    "target_phone": "0871-12345678",
    "target_extension": "8001",
}
HOLD = "请稍等，我帮您查一下。"
THANKS_FOR_CRITICISM = "谢谢您的建议（批评），我们会尽快向上级部门反映。"


def replaced_all(draft: str, in_view: str | None = None) -> str:
    """The draft after each finding in turn is replaced with its best phrase, as an agent clicking 替换."""
    for _ in range(10):
        findings = CHECKER.check(draft)
        if not findings:
            return draft
        finding = findings[0]
        phrase = templates.fill(best(finding, draft, in_view), VALUES).text
        result = replace(CHECKER, draft, finding, phrase)
        assert result.clean, f"{draft!r}: {[f.match for f in result.left]} left after replacing"
        draft = result.text
    raise AssertionError(f"{draft!r} still has findings after 10 replacements")


def test_the_labelled_set_is_large_enough_and_each_draft_has_forbidden_wording():
    assert len(DRAFTS) >= 40
    assert all(CHECKER.check(case["draft"]) for case in DRAFTS)


@pytest.mark.parametrize("case", DRAFTS, ids=[case["draft"] for case in DRAFTS])
def test_each_labelled_draft_reads_well_after_replace(case):
    result = replaced_all(case["draft"], case.get("in_view"))
    assert result == case["replaced"]
    assert CHECKER.check(result) == []


def first(draft: str):
    return CHECKER.check(draft)[0]


def test_the_pronoun_before_and_the_particle_after_go_with_the_wording():
    result = replace(CHECKER, "你等一会吧。", first("你等一会吧。"), HOLD)
    assert (result.start, result.end, result.inserted, result.text) == (0, 6, HOLD, HOLD)


def test_the_phrases_end_wins_over_the_drafts_marks_and_a_phrase_without_one_keeps_them():
    assert replace(CHECKER, "等一会！！好吗", first("等一会！！好吗"), HOLD).text == HOLD + "好吗"
    no_mark = "我们立即采取措施为您解决"
    assert replace(CHECKER, "没办法！", first("没办法！"), no_mark).text == no_mark + "！"
    assert replace(CHECKER, "没办法您看", first("没办法您看"), no_mark).text == no_mark + "，您看"


def test_a_comma_parts_the_phrase_from_words_running_into_it():
    draft = "关于营业执照的事我不知道"
    assert replace(CHECKER, draft, first(draft), HOLD).text == "关于营业执照的事，" + HOLD


def test_the_了_of_a_word_stays():
    draft = "没办法了解您的情况"
    assert replace(CHECKER, draft, first(draft), "我们立即采取措施为您解决").text.endswith("，了解您的情况")


def test_the_start_of_the_phrase_already_written_is_not_written_twice():
    assert replace(CHECKER, "请你等着吧", first("请你等着吧"), HOLD).text == HOLD


# Trial 3, item 3: two 替换 in a row left 请稍等，我帮您查一下。我帮您查一下。 A replacement never repeats the
# phrase said right before or right after it: the sentences that already say it are merged into it.
@pytest.mark.parametrize(
    ("draft", "replaced"),
    [
        ("你等一会吧，请稍等，我帮您查一下。", HOLD),  # the second of the trial's two clicks
        ("等一会，请稍等，我帮您查一下。好吗", HOLD + "好吗"),
        ("等一会。请稍等，我帮您查一下。", HOLD),
        ("请稍等，我帮您查一下。这个我不知道。", HOLD),  # said right before
        ("好的，请稍等，我帮您查一下。你等一会吧", "好的，" + HOLD),
        ("等一会，我查一下，您稍等", HOLD + "您稍等"),  # out of the phrase's order: the agent's own words
        ("等一会，请稍等，我去系统里看看", HOLD + "我去系统里看看"),
    ],
)
def test_a_replacement_never_repeats_the_phrase_said_right_before_or_after_it(draft, replaced):
    assert replace(CHECKER, draft, first(draft), HOLD).text == replaced


def test_two_replacements_in_either_order_leave_the_phrase_once():
    draft = "你等一会吧，这个我不知道。"
    for order in ((0, 1), (1, 0)):
        text = draft
        for which in order:
            findings = CHECKER.check(text)
            text = replace(CHECKER, text, findings[min(which, len(findings) - 1)], HOLD).text
        assert text == HOLD, order


# The blanks the agent typed around the sentence stay where they were (uifix 2: 'ok 你等一会吧。 thanks'
# lost the space before 'thanks'). Marks after the wording go when the phrase brings its own; blanks do not.
@pytest.mark.parametrize(
    ("draft", "replaced"),
    [
        ("ok 你等一会吧。 thanks", f"ok {HOLD} thanks"),
        ("ok 你等一会吧 thanks", f"ok {HOLD} thanks"),
        ("  你等一会吧。  ", f"  {HOLD}  "),
        ("你等一会吧。\nthanks", f"{HOLD}\nthanks"),
        ("你等一会吧 \nthanks", f"{HOLD} \nthanks"),
        ("你等一会吧。\u3000谢谢", f"{HOLD}\u3000谢谢"),
        ("谢谢\u3000等一会吧\u3000好", f"谢谢\u3000{HOLD}\u3000好"),
        ("ok\t等一会！ 好吗", f"ok\t{HOLD} 好吗"),
        ("等一会 。 好", f"{HOLD} 好"),
        ("没办法 您看", "我们立即采取措施为您解决 您看"),
        ("没办法！ 您看", "我们立即采取措施为您解决！ 您看"),
    ],
)
def test_the_blanks_around_the_replaced_sentence_are_kept(draft, replaced):
    phrase = HOLD if "等" in draft else "我们立即采取措施为您解决"
    assert replace(CHECKER, draft, first(draft), phrase).text == replaced


def test_a_replacement_that_still_holds_forbidden_wording_says_so():
    result = replace(CHECKER, "你等一会吧。", first("你等一会吧。"), "不知道，请稍等。")
    assert not result.clean and [f.match for f in result.left] == ["不知道"]
    assert result.left[0].start == 0  # counted in the whole draft


def test_only_the_replaced_sentence_is_checked_again():
    draft = "等一会！\n没办法"  # the other line's finding is the agent's next click, not this one's problem
    assert replace(CHECKER, draft, first(draft), HOLD).clean


def test_a_question_about_a_matter_gets_the_lookup_phrase_and_a_criticism_the_thanks():
    question = "您问的社保卡补办手续我不清楚"
    assert best(first(question), question) == HOLD
    criticism = "您反映的服务态度问题我也不清楚"
    assert best(first(criticism), criticism) == THANKS_FOR_CRITICISM


def test_the_situation_in_view_ranks_its_phrase_first_and_words_around_outweigh_it():
    draft = "这个我不清楚"
    assert [s.text for s in ranked(first(draft), draft)] == [HOLD, THANKS_FOR_CRITICISM]  # the book's order
    assert [s.text for s in ranked(first(draft), draft, "criticism")] == [THANKS_FOR_CRITICISM, HOLD]
    matter = "这个政策怎么办理我不清楚"
    assert best(first(matter), matter, "criticism") == HOLD


def test_only_words_on_the_same_line_count():
    draft = "您的投诉我们收到了\n又不是我的错"
    assert best(first(draft), draft) == THANKS_FOR_CRITICISM
    assert best(first("您的投诉，又不是我的错"), "您的投诉，又不是我的错").startswith("很抱歉")


def test_an_entry_with_one_phrase_suggests_it():
    draft = "喂，查什么？"
    assert [s.text for s in ranked(first(draft), draft)] == ["您好，{organisation}，请问有什么可以帮您？"]


BOOK_WITH_REFERENCES = """\
name: 示例
situations:
  - id: hold
    title: 查询等待
    phrases:
      - text: 请稍等,我帮您查一下。
      - text: 对不起,让您久等了
    forbidden:
      - text: 等一会!
        instead: 请稍等,我帮您查一下。
  - id: criticism
    title: 批评
    phrases:
      - text: 谢谢您的建议。
    forbidden:
      - text: 不清楚
        instead:
          - hold#1
          - phrase: 谢谢您的建议。
            when: [建议, 批评]
"""


def test_instead_names_phrases_of_any_situation_and_keeps_the_single_text_form():
    result = check_text(BOOK_WITH_REFERENCES, "book.yaml")
    assert result.problems == ()
    hold, criticism = result.book.situations
    assert [(s.situation, s.text, s.when) for s in hold.forbidden[0].suggestions] == [
        ("hold", "请稍等,我帮您查一下。", ())
    ]
    entry = criticism.forbidden[0]
    assert entry.instead == "请稍等,我帮您查一下。"  # the first, as `Finding.suggestion` gives it
    assert [(s.situation, s.text, s.when) for s in entry.suggestions] == [
        ("hold", "请稍等,我帮您查一下。", ()),
        ("criticism", "谢谢您的建议。", ("建议", "批评")),
    ]
    assert criticism.replacement_for(entry).text == "谢谢您的建议。"  # its own page shows its own phrase
    assert hold.replacement_for(hold.forbidden[0]).text == "请稍等,我帮您查一下。"


@pytest.mark.parametrize(
    ("wrong", "problem"),
    [
        ("- hold#1", None),
        ("- holdd#1", "18:13: instead 'holdd#1' names no situation of the book; did you mean 'hold'?"),
        ("- hold#3", "18:13: instead 'hold#3': situation 'hold' has phrases 1 to 2"),
        ("- hold#0", "18:13: instead 'hold#0': situation 'hold' has phrases 1 to 2"),
        ("- 谢谢您的建议", "18:13: instead '谢谢您的建议' names no phrase of situation 'criticism'; did you mean"),
        ("- {phrase: hold#1, whne: [x]}", "18:30: unknown key 'whne' in instead 1; did you mean 'when'?"),
        ("- {when: [x]}", "18:13: instead 1 is missing 'phrase'"),
        ("- phrase: [hold#1]", "18:21: instead 1 phrase must be text, not a list"),
    ],
)
def test_check_reports_a_wrong_reference_at_its_line_and_column(wrong, problem):
    text = BOOK_WITH_REFERENCES.replace("- hold#1", wrong)
    result = check_text(text, "book.yaml")
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in result.errors]
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(problem), found


def test_an_empty_list_and_a_phrase_named_twice_are_reported():
    empty = BOOK_WITH_REFERENCES.replace(
        "        instead:\n          - hold#1\n          - phrase: 谢谢您的建议。\n            when: [建议, 批评]\n",
        "        instead: []\n",
    )
    assert [p.message for p in check_text(empty, "b.yaml").errors] == ["instead is empty; it needs at least one entry"]
    twice = BOOK_WITH_REFERENCES.replace("- hold#1", "- hold#1\n          - hold#1")
    result = check_text(twice, "b.yaml")
    assert result.book is not None and [p.message for p in result.problems] == ["instead names 'hold#1' twice"]


def test_the_shipped_book_offers_the_lookup_phrase_for_不清楚():
    (entry,) = [e for s in BOOK.situations for e in s.forbidden if e.text == "不清楚"]
    assert {s.text for s in entry.suggestions} == {HOLD, THANKS_FOR_CRITICISM}


@pytest.mark.parametrize(
    "draft",
    [
        "我" * 200_000 + "不知道",  # pronouns before the wording
        "等一会" + "吧" * 200_000,  # particles after it
        "等一会" + "！" * 200_000,  # marks after it
        "等一会，" + "我" * 300_000,  # a clause after it that never ends
    ],
    ids=["pronouns", "particles", "marks", "endless clause"],
)
def test_a_hostile_draft_is_replaced_without_hanging(draft):
    from tests.test_checker_never_hangs import hang_guard

    finding = first(draft)
    with hang_guard(draft, seconds=2.0):  # stops a hang; it does not time the replacement (about 1 ms here)
        result = replace(CHECKER, draft, finding, HOLD)
    assert result.clean and HOLD in result.text


SENTENCE_ENDS = set("。！？!?")
WORDINGS = sorted({w for s in BOOK.situations for e in s.forbidden for w in (e.text, *e.variants)})
NOISE = ["你", "您", "我", "也", "就", "这个", "吧", "啊", "了", "儿", "，", "。", "！", "？", "…", " ", "\n"]
PIECES = st.sampled_from([*WORDINGS, *NOISE, "好的", "您好", "社保卡", "了解", "请", "马上", "😀"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_a_replacement_never_puts_two_sentence_ends_together_and_changes_only_its_span(draft):
    for finding in CHECKER.check(draft):
        phrase = templates.fill(best(finding, draft), VALUES).text
        result = replace(CHECKER, draft, finding, phrase)
        assert result.start <= finding.start and result.end >= finding.end
        assert result.text == draft[: result.start] + result.inserted + draft[result.end :]
        after = result.start + len(result.inserted)
        assert not {result.text[after - 1 : after], result.text[after : after + 1]} <= SENTENCE_ENDS, result.text
