"""Issue 14, the sidebar side: recorded calls (tests/data/live/*.jsonl) fed through the command
channel's handler, on a hand-moved clock; what the sidebar shows and copies."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from assist.core.model import FlowStep, Voice
from assist.ui.navigator import Page
from assist.ui.unbroken import plain
from tests.helpers import zh
from tests.ui_fixtures import press

CALLS = Path(__file__).parent / "data" / "live"


def recorded(name: str) -> list[dict]:
    lines = (CALLS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [{"command": "utterance", **json.loads(line)} for line in lines]


def send(window, message: dict) -> dict:
    reply = window.handle_command(message)
    assert reply == {"ok": True}, reply
    return reply


def tick(window, clock, seconds: float) -> None:
    clock.advance(seconds)
    window.calls.timer.timeout.emit()


def feed(window, clock, messages: list[dict], until: float | None = None) -> None:
    """Send each utterance when its start comes on the hand-moved clock (the timer ticking between)."""
    begin = getattr(window, "_feed_began", None)
    if begin is None:
        begin = window._feed_began = clock.now
    for message in messages:
        if until is not None and message["start"] > until:
            break
        while clock.now + 1 <= begin + message["start"]:
            tick(window, clock, 1)
        clock.now = max(clock.now, begin + message["start"])
        send(window, message)


@pytest.fixture
def live(qtbot, call_window):
    """The sidebar with its live controller and rules ready."""
    controller = call_window.live_controller()
    assert controller.handle({"command": "call-ended"}) == {"ok": True}  # builds the rules
    qtbot.waitUntil(lambda: controller.rules is not None, timeout=10_000)
    return call_window


@pytest.fixture
def alerts(monkeypatch):
    marked = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, duration=0: marked.append(widget))
    return marked


def shown_lines(window) -> list[str]:
    return [label.text() for label in window.live.strip.line_labels if label.isVisible()]


def test_a_clean_call_shows_the_last_lines_advances_the_flow_and_scores_at_the_end(qtbot, live, clock):
    window = live
    messages = recorded("clean")
    feed(window, clock, messages[:1])  # a partial of the greeting
    assert window.live.strip.isVisible() and "您好，某市" in shown_lines(window)[0]
    feed(window, clock, messages[1:])
    lines = shown_lines(window)
    assert len(lines) == 4  # slim: the last four of seven utterances (partials replaced in place)
    assert len(window.live.live.lines) == 6
    assert "坐席" in lines[-1] and "来电" in lines[-2]
    call = window.calls.call
    assert call.voices == set(Voice)
    assert {FlowStep.GREET, FlowStep.RESPOND, FlowStep.CONFIRM, FlowStep.END} <= call.steps
    assert call.ended is None  # the closing said does not end the call: the feed does
    assert not window.live.strip.offer_row.isVisible()
    send(window, {"command": "call-ended"})
    assert window.calls.call is None and window.calls.last_call is call
    assert window.live.strip.result.isVisible()
    assert "质检 100 · 合格" in window.live.strip.result.text()


def test_forbidden_wording_is_flagged_and_its_card_brought_forward_without_the_focus(
    qtbot, live, clock, alerts, clipboard
):
    window = live
    softphone = QLineEdit()
    qtbot.addWidget(softphone)
    softphone.show()
    softphone.activateWindow()
    qtbot.waitUntil(softphone.isActiveWindow)
    messages = recorded("forbidden")
    feed(window, clock, messages[:3])  # the partial 你等一会: not flagged yet
    assert not window.live.strip.offer_row.isVisible() and alerts == []
    feed(window, clock, messages[3:4])
    line = shown_lines(window)[-1]
    assert "color:#cf222e" in line and ">等一会</span>" in line
    assert window.live.strip.offer.property("kind") == "flag"
    offer = plain(window.live.strip.offer.text())  # (drawn with joiners that keep F4 with its words)
    assert "请稍等，我帮您查一下。" in offer and "F4" in offer
    navigator = window.navigator
    assert navigator.page is Page.SITUATION and navigator.situation.id == "hold"
    assert navigator.cards[navigator.selected].forbidden.text == "等一会！"
    assert alerts == [window]  # marked urgent: the sidebar is not in view
    assert softphone.isActiveWindow() and not window.isActiveWindow()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Return")
    assert clipboard.text() == "请稍等，我帮您查一下。"


def test_a_flag_never_moves_the_page_while_the_agent_types(qtbot, live, clock):
    window = live
    press(qtbot, window, "Ctrl+F")
    window.search_box.setText("jianyi")
    feed(window, clock, recorded("forbidden")[:4])
    assert window.navigator.page is Page.SEARCH and window.search_box.text() == "jianyi"
    assert window.live.strip.offer.property("kind") == "flag"
    press(qtbot, window, "F4")  # the agent's own key brings it
    assert window.navigator.page is Page.SITUATION and window.navigator.situation.id == "hold"


def test_the_hold_starts_on_please_wait_and_ends_on_sorry_to_keep_you_waiting(qtbot, live, clock):
    window = live
    messages = recorded("hold")
    feed(window, clock, messages, until=8)
    hold = window.calls.call.hold
    assert hold is not None and window.call_strip.hold_row.isVisible()
    with qtbot.waitSignal(window.calls.hold_reminder):
        tick(window, clock, 30)
    feed(window, clock, messages[3:4])  # 对不起，让您久等了，…the answer
    assert window.calls.call.hold is None and not window.call_strip.hold_row.isVisible()
    feed(window, clock, messages[4:])
    send(window, {"command": "call-ended"})
    assert "合格" in window.live.strip.result.text()


def test_a_complaint_is_suggested_and_opened_only_by_the_key(qtbot, live, clock, clipboard):
    window = live
    press(qtbot, window, "Alt+5")  # the agent is reading the hold situation
    feed(window, clock, recorded("complaint")[:3])
    offer = window.live.strip.offer
    assert offer.property("kind") == "suggestion" and "投诉" in offer.text() and "→ 0 " in offer.text()
    assert window.navigator.situation.id == "hold"  # never switched on its own
    press(qtbot, window, "F4")
    assert window.navigator.situation.id == "complaint" and not window.live.strip.offer_row.isVisible()
    press(qtbot, window, "Ctrl+2")
    assert clipboard.text() == "很抱歉…是我们的工作没做到位，给您添麻烦了"


def test_a_caller_silent_eight_seconds_after_the_greeting_is_suggested_and_greetings_count(qtbot, live, clock):
    window = live
    messages = recorded("silent")
    feed(window, clock, messages[:1])
    tick(window, clock, 7)
    assert not window.live.strip.offer_row.isVisible()
    tick(window, clock, 1)
    assert "没有出声" in window.live.strip.offer.text()
    press(qtbot, window, "F4")
    assert window.navigator.situation.id == "silent"
    feed(window, clock, messages[1:])
    silent = window.calls.silent
    assert silent.greetings == 2 and silent.asked_to_call_again and silent.may_hang_up
    assert "可以挂机" in window.situation_page.helper.verdict.text()


def test_a_wrong_department_fills_the_directory_search_from_the_callers_words(qtbot, live, clock, clipboard):
    window = live
    feed(window, clock, recorded("misrouted"))
    assert "找错了部门" in window.live.strip.offer.text()
    press(qtbot, window, "F4")
    panel = window.situation_page.helper
    assert window.navigator.situation.id == "misrouted" and panel.field.text() == "公积金"
    assert panel.field.hasFocus()
    press(qtbot, window, "Return")
    press(qtbot, window, "Ctrl+1")
    assert clipboard.text().endswith(zh("请致电住房公积金管理中心电话:0871-61234503转8003查询即可"))


def test_praise_is_suggested(qtbot, live, clock, clipboard):
    window = live
    feed(window, clock, recorded("praise"))
    assert "表扬" in window.live.strip.offer.text()
    press(qtbot, window, "F4")
    press(qtbot, window, "Ctrl+2")
    assert clipboard.text().startswith("感谢您对我工作的肯定")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"speaker": "boss"}, '"speaker" must be'),
        ({"speaker": None}, '"speaker" must be'),
        ({"text": 5}, '"text" must be a string'),
        ({"text": "长" * 5001}, "at most 5000"),
        ({"final": "yes"}, '"final" must be true or false'),
        ({"final": 1}, '"final" must be true or false'),
        ({"start": "1"}, '"start" must be seconds'),
        ({"start": True}, '"start" must be seconds'),
        ({"start": -1}, "from 0 up"),
        ({"end": float("inf")}, "from 0 up"),
        ({"start": 5, "end": 4}, "comes before"),
        ({"call": ""}, '"call" must be'),
        ({"call": 7}, '"call" must be'),
    ],
)
def test_a_bad_utterance_gets_an_error_and_changes_nothing(live, change, error):
    window = live
    message = {"command": "utterance", "speaker": "agent", "text": "你好", "final": True, "start": 1, "end": 2}
    reply = window.handle_command({**message, **change})
    assert reply["ok"] is False and error in reply["error"]
    assert window.calls.call is None and window.live.live is None


def test_a_missing_field_is_an_error(live):
    reply = live.handle_command({"command": "utterance", "speaker": "agent", "text": "你好"})
    assert reply == {"ok": False, "error": '"final" must be true or false, not None'}


def test_another_calls_words_end_the_call_and_an_ended_calls_words_are_refused(live, clock):
    window = live
    send(window, {"command": "utterance", "speaker": "agent", "text": "您好", "final": True, "call": "a"})
    first = window.calls.call
    send(window, {"command": "utterance", "speaker": "caller", "text": "喂", "final": True, "call": "b"})
    assert first.ended is not None and window.calls.call is not first
    assert [line.text for line in window.live.live.lines] == ["喂"]
    send(window, {"command": "call-ended"})
    reply = window.handle_command(
        {"command": "utterance", "speaker": "caller", "text": "喂", "final": True, "call": "b"}
    )
    assert reply["ok"] is False and "has ended" in reply["error"]


MARKER = "身份证号码五三零一零二"


def every_text(window) -> str:
    texts = []
    for widget in window.findChildren(QLabel):
        texts += [widget.text(), widget.toolTip()]
    for widget in window.findChildren(QAbstractButton):
        texts += [widget.text(), widget.toolTip()]
    for widget in window.findChildren(QLineEdit):
        texts.append(widget.text())
    return "\n".join(texts)


def test_the_transcript_is_never_written_nor_printed_and_is_dropped_when_the_next_call_starts(
    qtbot, live, clock, capfd, settings, tmp_path
):
    window = live
    messages = recorded("forbidden")
    messages[1] = {**messages[1], "text": f"我的{MARKER}，出口退税要多久？"}
    messages[3] = {**messages[3], "text": f"你等一会！{MARKER}"}
    feed(window, clock, messages)
    send(window, {"command": "call-ended"})
    assert MARKER in every_text(window)  # on screen until the next call
    press(qtbot, window, "Ctrl+N")
    assert MARKER not in every_text(window) and not window.live.strip.isVisible()
    assert window.live.live.lines == []
    folders = [tmp_path, *(Path(os.environ[name]) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"))]
    written = [path for folder in folders if folder.exists() for path in folder.rglob("*") if path.is_file()]
    assert written and not [path for path in written if MARKER.encode() in path.read_bytes()]
    printed = capfd.readouterr()
    assert MARKER not in printed.out + printed.err


def test_ctrl_e_ends_the_call_and_shows_the_qa_findings(qtbot, live, clock):
    window = live
    feed(window, clock, recorded("forbidden"))
    press(qtbot, window, "Ctrl+E")
    result = window.live.strip.result.text()
    assert "质检 80 · 合格" in result and "忌：“等一会”" in result


def test_please_wait_said_with_sorry_to_keep_you_waiting_keeps_the_hold_on(qtbot, live, clock):
    window = live
    feed(window, clock, recorded("hold"), until=8)
    started = window.calls.call.hold.started
    clock.advance(20)
    say = {"command": "utterance", "speaker": "agent", "final": True}
    send(window, {**say, "text": "对不起，让您久等了，请您再稍等，我还在查。"})
    hold = window.calls.call.hold
    assert hold is not None and hold.started == started and hold.checked_at == clock.now


def test_the_close_button_drops_the_transcript_at_once(qtbot, live, clock):
    window = live
    feed(window, clock, recorded("complaint")[:3])
    window.live.strip.findChild(QAbstractButton, "liveClose").click()
    assert window.live.live.lines == [] and not window.live.strip.isVisible()
    assert "投诉你们" not in every_text(window)
    assert window.calls.call is not None  # the call goes on


def test_the_caller_and_the_agent_partials_are_replaced_in_place_each_their_own(live):
    window = live
    for speaker, text, final in [
        ("agent", "您好", False),
        ("caller", "我想", False),
        ("agent", "您好，请问", False),
        ("caller", "我想问一下", True),
        ("agent", "您好，请问有什么可以帮您？", True),
    ]:
        send(window, {"command": "utterance", "speaker": speaker, "text": text, "final": final})
    lines = window.live.live.lines
    assert [(line.speaker, line.text) for line in lines] == [
        ("agent", "您好，请问有什么可以帮您？"),
        ("caller", "我想问一下"),
    ]
    assert all(line.final for line in lines)


def test_a_flag_leaves_a_search_alone_while_another_program_is_in_front(qtbot, live, clock):
    window = live
    press(qtbot, window, "Ctrl+F")
    window.search_box.setText("jianyi")
    softphone = QLineEdit()
    qtbot.addWidget(softphone)
    softphone.show()
    softphone.activateWindow()
    qtbot.waitUntil(softphone.isActiveWindow)
    feed(window, clock, recorded("forbidden")[:4])
    assert window.navigator.page is Page.SEARCH and window.search_box.text() == "jianyi"


def test_call_ended_with_a_call_that_is_not_text_is_an_error(live):
    reply = live.handle_command({"command": "call-ended", "call": 5})
    assert reply == {"ok": False, "error": '"call" must be a string or null'}
