"""During the call: flow and voices, the hold timer, the silent caller, the directory, the profile page.

Time is a fake clock moved by the test; the once-a-second timer is driven by firing its signal.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton

from assist.core.directory_file import check_directory_text
from assist.core.model import FlowStep, Voice
from tests.helpers import zh
from tests.ui_fixtures import press


def tick(window, clock, seconds):
    clock.advance(seconds)
    window.calls.timer.timeout.emit()


def test_call_flow_and_three_voices_then_what_was_missed(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    assert window.call_strip.isVisible() and window.call_strip.property("state") == "active"
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")  # the greeting: 问好, 招呼声
    tick(window, clock, 65)
    assert window.call_strip.timer_label.text() == "通话 1:05"
    press(qtbot, window, "Alt+Right")  # the agent marks 聆听 by key
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+4")  # 请问还有什么可以帮您？: 确认, 询问声
    call = window.calls.call
    assert call.steps == {FlowStep.GREET, FlowStep.LISTEN, FlowStep.CONFIRM}
    assert call.voices == {Voice.GREETING, Voice.INQUIRY}
    assert "招呼声✓" in window.call_strip.voices_label.text() and "询问声✓" in window.call_strip.voices_label.text()
    with qtbot.waitSignal(window.calls.ended):
        press(qtbot, window, "Ctrl+E")
    assert window.call_strip.property("state") == "missed"
    assert "道别声" in window.call_strip.voices_label.text() and "未做到" in window.call_strip.voices_label.text()
    assert "道别声" in window.status.toolTip()
    with qtbot.waitSignal(window.calls.cleared):
        window.calls.summary_timer.timeout.emit()  # the summary's time is up
    assert not window.call_strip.isVisible()


def test_copying_the_closing_phrase_ends_the_call(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    for keys in (("Alt+1", "Ctrl+1"), ("Alt+5", "Ctrl+4"), ("Alt+9", "Ctrl+1")):
        for key in keys:
            press(qtbot, window, key)
    qtbot.waitUntil(lambda: window.calls.call is None)
    summary = window.call_strip.voices_label.text()
    assert "未做到" not in summary  # the three voices were given
    assert "跳过的步骤：</b>聆听、回应、解答" in summary  # never marked (the steps without a phrase here)
    assert window.call_strip.property("state") == "missed"


def test_hold_timer_threshold_repeat_check_in_and_resume(qtbot, call_window, clock, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")  # 请稍等，我帮您查一下。 starts the hold timer
    strip = window.call_strip
    assert strip.hold_row.isVisible() and not any(b.isVisible() for b in strip.offer_buttons)
    tick(window, clock, 29)
    assert strip.property("state") == "active"
    with qtbot.waitSignal(window.calls.hold_reminder) as first:
        tick(window, clock, 1)  # 30 s: amber, and the phrases to say are offered
    assert first.args == [1]
    assert strip.property("state") == "holdOverdue"
    assert [b.text() for b in strip.offer_buttons if b.isVisible()] == [zh("对不起,让您久等了"), "谢谢您的耐心等待"]
    assert strip.hold_label.text().startswith("等待 0:30")
    with qtbot.waitSignal(window.calls.hold_reminder) as second:
        tick(window, clock, 30)  # and again at each further interval
    assert second.args == [2]
    # The offers are laid out (they sit in the scrolled area under the cards) before the agent can click
    qtbot.waitUntil(lambda: strip.offer_buttons[0].height() > 0)
    qtbot.mouseClick(strip.offer_buttons[0], Qt.MouseButton.LeftButton)  # 对不起，让您久等了: still looking
    qtbot.waitUntil(lambda: clipboard.text() == zh("对不起,让您久等了"))
    assert window.calls.call.hold is not None and strip.property("state") == "active"
    tick(window, clock, 29)
    assert strip.property("state") == "active"
    with qtbot.waitSignal(window.calls.hold_reminder):
        tick(window, clock, 1)
    press(qtbot, window, "Ctrl+3")  # 谢谢您的耐心等待: back with the answer
    assert window.calls.call.hold is None and not strip.hold_row.isVisible()


def test_hold_key_starts_and_stops_the_timer_and_the_threshold_is_a_setting(qtbot, call_window, clock, settings):
    window = call_window
    press(qtbot, window, "Ctrl+,")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.settings_page)
    window.settings_page.threshold.setValue(10)
    assert settings.get("hold/threshold_seconds") == 10
    press(qtbot, window, "Ctrl+H")  # with no call on, the hold key starts one
    assert window.calls.call is not None and window.calls.call.hold is not None
    with qtbot.waitSignal(window.calls.hold_reminder):
        tick(window, clock, 10)
    press(qtbot, window, "Ctrl+H")
    assert window.calls.call.hold is None


def test_silent_caller_counts_greetings_and_says_when_to_hang_up(qtbot, call_window):
    window = call_window
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")  # the greeting of an ordinary call is not a silent-caller greeting
    press(qtbot, window, "Alt+3")
    panel = window.situation_page.helper
    assert "已招呼 0 次" in panel.count.text() and panel.verdict.property("state") == "wait"
    press(qtbot, window, "Ctrl+1")
    assert "已招呼 1 次" in panel.count.text()
    press(qtbot, window, "Ctrl+2")  # asked to call again after one greeting only
    assert panel.verdict.property("state") == "wait" and "至少还要招呼 1 次" in panel.verdict.text()
    press(qtbot, window, "Ctrl+1")
    assert panel.verdict.property("state") == "ok" and "可以挂机" in panel.verdict.text()
    qtbot.mouseClick(panel.findChild(QToolButton, "silentReset"), Qt.MouseButton.LeftButton)
    assert "已招呼 0 次" in panel.count.text()


def test_directory_picker_fills_the_misrouted_phrase_for_this_call(qtbot, call_window, clipboard, settings):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Ctrl+K")
    panel = window.situation_page.helper
    qtbot.waitUntil(panel.field.hasFocus)
    assert window.navigator.situation.id == "misrouted"
    qtbot.keyClicks(panel.field, "gjj")  # initials of 公积金: found once the pinyin is read, off the UI thread
    qtbot.waitUntil(lambda: panel.index.has_pinyin and bool(panel.buttons), timeout=30_000)
    assert panel.buttons[0].text().startswith("住房公积金管理中心")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert "住房公积金管理中心" in panel.chosen.text()
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: "住房公积金管理中心" in clipboard.text())
    assert clipboard.text().endswith(zh("请致电住房公积金管理中心电话:0871-61234503转8003查询即可"))
    assert zh("我这里是办公室,") in clipboard.text()
    assert "target_department" not in settings.profile()  # for this call only
    press(qtbot, window, "Ctrl+E")
    assert "住房公积金管理中心" not in window.situation_page.cards[0].text_label.text()


def test_values_typed_for_this_call_are_not_remembered(qtbot, call_window, clipboard, settings):
    window = call_window
    press(qtbot, window, "Alt+2")
    panel = window.situation_page.helper
    qtbot.mouseClick(panel.findChild(QToolButton, "typeDepartment"), Qt.MouseButton.LeftButton)
    form = window.copying.values_form
    assert list(form.fields) == ["target_department", "target_phone", "target_extension"]
    for name, value in zip(form.fields, ["档案馆", "0871-1234", "66"], strict=True):
        form.fields[name].setText(value)
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text().endswith(zh("请致电档案馆电话:0871-1234转66查询即可")))
    assert set(settings.profile()) == {"organisation", "department", "agent_number"}


def test_an_invalid_directory_is_reported_with_its_line(qtbot, open_window, default_book, settings):
    broken = check_directory_text("departments:\n  - name: 甲\n    phone: 12a\n", "centre-directory.yaml")
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings, directory=broken)
    press(qtbot, window, "Alt+2")
    panel = window.situation_page.helper
    assert not panel.field.isEnabled()
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "centre-directory.yaml:3:12: phone '12a'" in texts


def test_complaint_subject_copies_a_ticket_note(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Alt+0")
    buttons = window.situation_page.helper.buttons
    assert [b.text() for b in buttons] == ["复制备注：投诉信息联络员服务态度", "复制备注：资料错误"]
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    note = clipboard.text()
    assert note.startswith("【投诉】事项：资料错误；时间：") and note.endswith("受理工号：1024")


def test_profile_page_edits_the_agents_values(qtbot, call_window, settings):
    window = call_window
    press(qtbot, window, "Ctrl+,")
    form = window.settings_page.form
    assert list(form.fields) == ["organisation", "department", "agent_number"]
    form.fields["agent_number"].setText("2048")
    qtbot.keyClick(form.fields["agent_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: settings.profile()["agent_number"] == "2048")
