"""Issue 12, the call: the end-of-call summary names all that was missed, and Ctrl+N during a call asks
before throwing the call away. Driven by keys; the clock is moved by hand."""

from PySide6.QtWidgets import QToolButton

from tests.ui_fixtures import press


def tick(window, clock, seconds):
    clock.advance(seconds)
    window.calls.timer.timeout.emit()


def test_the_summary_lists_voices_steps_and_a_hold_still_running(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")  # the greeting: 问好, 招呼声
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")  # 请稍等，我帮您查一下。: 解答, the hold begins
    tick(window, clock, 65)
    with qtbot.waitSignal(window.calls.ended):
        press(qtbot, window, "Ctrl+E")  # ended without 确认, without 结束, with the caller on hold
    summary = window.call_strip.voices_label.text()
    assert "询问声、道别声" in summary
    assert "聆听、回应、确认、结束" in summary
    assert "等待 1:05" in summary
    assert window.call_strip.property("state") == "missed"
    status = window.status.toolTip()
    assert "道别声" in status and "确认" in status and "等待" in status


def test_a_complete_call_says_so(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")
    for _ in range(3):
        press(qtbot, window, "Alt+Right")  # 聆听, 回应, 解答 marked by key
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+4")  # 请问还有什么可以帮您？: 确认, 询问声
    with qtbot.waitSignal(window.calls.ended):
        press(qtbot, window, "Alt+9")
        press(qtbot, window, "Ctrl+1")  # the closing phrase: 结束, 道别声
    assert window.call_strip.property("state") == "complete"
    assert "三声俱全" in window.call_strip.voices_label.text()


def test_ctrl_n_during_a_call_asks_and_esc_keeps_the_call(qtbot, call_window, clock, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")
    call = window.calls.call
    window.copier.set_call_values({"target_department": "税务局", "target_phone": "0871-61234505"})
    tick(window, clock, 20)
    press(qtbot, window, "Ctrl+N")
    assert window.calls.call is call  # nothing thrown away yet
    prompt = window.call_strip.new_call_prompt
    assert prompt.isVisible() and prompt.hasFocus()
    assert "0:20" in prompt.text_label.text() and "开始新通话" in prompt.text_label.text()
    buttons = [button.text() for button in prompt.findChildren(QToolButton)]
    assert buttons == ["新通话 Enter", "继续本通话 Esc"]
    press(qtbot, window, "Esc")
    assert not prompt.isVisible() and window.calls.call is call
    assert window.copier.values()["target_department"] == "税务局"  # this caller's department kept
    tick(window, clock, 5)
    assert window.call_strip.timer_label.text() == "通话 0:25"
    press(qtbot, window, "Alt+9")  # the window's keys work again
    assert window.navigator.situation.id == "closing"


def test_ctrl_n_during_a_call_then_enter_starts_a_new_call(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    call = window.calls.call
    window.copier.set_call_values({"target_department": "税务局"})
    tick(window, clock, 20)
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Return")
    assert window.calls.call is not None and window.calls.call is not call
    assert not window.call_strip.new_call_prompt.isVisible()
    assert window.call_strip.timer_label.text() == "通话 0:00"
    assert "target_department" not in window.copier.values()  # the last caller's department is gone


def test_the_question_goes_away_when_the_call_ends_or_the_focus_leaves(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    call = window.calls.call
    press(qtbot, window, "Ctrl+N")
    prompt = window.call_strip.new_call_prompt
    assert prompt.isVisible()
    press(qtbot, window, "Ctrl+F")  # the agent searches instead: the question is dropped
    assert not prompt.isVisible() and window.calls.call is call
