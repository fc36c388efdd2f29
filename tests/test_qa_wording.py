"""Near matches of standard phrases (assist/core/qa/wording.py), and the cheap test before them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.qa.wording import Said, Wording, best, longest_clause

GREETING = Wording.of("您好，{organisation}，请问有什么可以帮您？")
CLOSING = Wording.of("谢谢您的来电，请您在听到提示音后对我的服务做出评价，再见！")


def test_the_greeting_needs_the_organisation_named_but_not_word_for_word():
    assert GREETING.match(Said.of("您好，云南省商务厅办公室，请问有什么可以帮您？")) == (100.0, True)
    assert GREETING.match(Said.of("您好啊，商务厅，请问有什么可以帮您的吗？"))[0] >= 80
    assert GREETING.match(Said.of("您好，请问有什么可以帮您？")) == (100.0, False)  # no organisation
    assert GREETING.score(Said.of("喂，查什么？")) < 50


def test_a_shorter_utterance_is_compared_whole():
    assert CLOSING.score(Said.of("再见！")) < 30
    assert CLOSING.score(Said.of("谢谢您的来电，再见！")) < 80
    assert CLOSING.score(Said.of("好的，谢谢您的来电，请您在听到提示音后对我的服务做出评价，再见。")) == 100


def test_the_most_telling_clause():
    assert longest_clause("对不起，让您久等了").text == "让您久等了"


chinese = st.text(alphabet="您好请问有什么可以帮查一下稍等谢来电再见让久了", min_size=0, max_size=30)


@settings(max_examples=400, deadline=None)
@given(phrase=chinese.filter(bool), said=chinese, similarity=st.integers(50, 100))
def test_the_cheap_test_never_turns_away_a_match(phrase, said, similarity):
    wording, utterance = Wording.of(phrase), Said.of(said)
    if not wording.parts:
        return
    if not wording.could_reach(utterance, similarity):
        assert wording.score(utterance) < similarity
    assert (best((wording,), utterance, similarity) >= similarity) == (wording.score(utterance) >= similarity)
