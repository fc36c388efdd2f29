"""Issue 14's rules without a window: utterances checked, heard, and what they suggest."""

from __future__ import annotations

import pytest

from assist.core import live
from assist.core.directory import default_directory
from assist.core.directory_file import check_directory_file
from assist.core.live import Heard, Kind, LiveCall, LiveRules, directory_words, parse_heard
from assist.core.model import FlowStep, HoldRole, Voice


@pytest.fixture(scope="module")
def rules(default_book) -> LiveRules:
    return LiveRules(default_book)


def test_a_valid_utterance_is_read_with_its_times_as_floats():
    heard = parse_heard(
        {"command": "utterance", "speaker": "caller", "text": "喂", "final": False, "start": 1, "end": 2.5}
    )
    assert heard == Heard("caller", "喂", False, 1.0, 2.5, None)
    assert isinstance(heard.start, float)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我要投诉你们", Kind.COMPLAINT),
        ("我对你们很不满", Kind.COMPLAINT),
        ("我没意见，就是问问", None),
        ("你们态度很好，谢谢", Kind.PRAISE),
        ("我是不是打错电话了", Kind.MISROUTED),
        ("这个该找谁办", Kind.MISROUTED),
        ("好的，谢谢", None),
    ],
)
def test_the_callers_words_suggest_a_situation(rules, text, kind):
    assert rules.suggestion(text) is kind


@pytest.mark.parametrize(
    ("text", "hold"),
    [
        ("好的，请稍等，我帮您查一下。", HoldRole.START),
        ("您稍等，我看看", HoldRole.START),
        ("对不起，让您久等了，年报在网上填。", HoldRole.RESUME),
        ("谢谢您的耐心等待。", HoldRole.RESUME),
        ("让您久等了，请您再稍等一会儿。", HoldRole.CHECK_IN),
        ("年报在网上填。", None),
    ],
)
def test_the_hold_as_the_agent_says_it(rules, text, hold):
    assert rules.agent_said(text).hold is hold


def test_the_greeting_is_heard_as_the_greeting_not_as_the_inquiry(rules):
    said = rules.agent_said("您好，某市政务服务中心，请问有什么可以帮您？")
    assert said.greeting is not None and {p.voice for p in said.phrases} == {Voice.GREETING}
    inquiry = rules.agent_said("请问还有什么可以帮您？")
    assert inquiry.greeting is None and {p.step for p in inquiry.phrases} == {FlowStep.CONFIRM}


def test_each_suggestion_comes_once_a_call(rules):
    call = LiveCall()
    first = call.take(Heard("caller", "我要投诉", True), 0, rules)
    again = call.take(Heard("caller", "我还是要投诉", True), 1, rules)
    assert first.suggestion is not None and first.suggestion.situation == "complaint"
    assert again.suggestion is None


def test_silence_counts_from_the_last_greeting_until_the_caller_speaks(rules):
    call = LiveCall()
    call.take(Heard("agent", "您好，某市政务服务中心，请问有什么可以帮您？", True), 10, rules)
    assert not call.silence_due(17.9) and call.silence_due(18)
    call.take(Heard("caller", "喂", False), 19, rules)  # a partial is speech too
    assert not call.silence_due(30)


def test_only_final_utterances_reach_the_whole_call_rules(rules):
    call = LiveCall("c1")
    call.take(Heard("agent", "您好", False, 0.5), 1, rules)
    call.take(Heard("agent", "您好，某市政务服务中心，请问有什么可以帮您？", True, 0.5, 3), 3, rules)
    call.take(Heard("caller", "", True), 4, rules)
    transcript = call.transcript()
    assert transcript.call == "c1" and [u.line for u in transcript.utterances] == [1]
    assert transcript.timed


def test_a_very_long_call_keeps_its_last_utterances_and_its_partial_in_place(rules, monkeypatch):
    monkeypatch.setattr(live, "MAX_UTTERANCES", 3)
    call = LiveCall()
    call.take(Heard("caller", "一", False), 0, rules)
    for number in range(4):
        call.take(Heard("agent", f"第{number}句", True), 0, rules)
    call.take(Heard("caller", "一二", True), 0, rules)
    assert [line.text for line in call.lines] == ["第2句", "第3句", "一二"]


def test_the_directory_word_is_the_longest_in_the_latest_utterance_naming_one():
    directory = check_directory_file(default_directory()).directory
    assert directory_words(directory, ["我要办社保", "公积金怎么提取"]) == "公积金"
    assert directory_words(directory, ["你好"]) == "" and directory_words(None, ["公积金"]) == ""


def test_the_end_of_a_call_drops_the_words_still_partial_and_keeps_the_final_ones(rules):
    call = LiveCall()
    call.take(Heard("agent", "您好，请问有什么可以帮您？", True), 0, rules)
    call.take(Heard("caller", "我想", False), 1, rules)
    call.take(Heard("agent", "我帮您查", False), 2, rules)
    call.end()
    assert call.ended and [line.text for line in call.lines] == ["您好，请问有什么可以帮您？"]
