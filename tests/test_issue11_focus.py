"""Issue 11, defects 1–5 and 8: the keys never stop working, whatever the agent did last.

Each test follows the issue's reproduction steps on the real window, by keys.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese

HOLD = zh("请稍等,我帮您查一下。")


def focused():
    return QApplication.focusWidget()


def test_1_enter_copies_after_a_search_left_with_a_situation_key(qtbot, window, clipboard):
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "qsd")
    press(qtbot, window, "Alt+5")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.situation_page)
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == HOLD)
    press(qtbot, window, "Down")
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == zh("对不起,让您久等了"))
    assert not window.search_box.hasFocus()  # no text cursor left blinking in an empty box


def test_2_after_replace_in_the_draft_typing_goes_on_in_the_draft(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.editor.hasFocus())
    type_chinese(panel.editor, "等一会！")
    panel.check_now()
    press(qtbot, window, "Esc")  # the agent left the draft (or clicked a card) before fixing it
    button = panel.findChildren(QPushButton, "replaceButton")[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText().startswith(HOLD)
    qtbot.waitUntil(lambda: focused() is panel.editor)
    assert panel.editor.textCursor().position() == len(HOLD)  # the cursor right after the new words
    press(qtbot, window, "/")  # typed where the cursor is: in the draft, not a search
    assert panel.editor.toPlainText().startswith(HOLD + "/")
    assert not window.search_box.hasFocus()


def test_3_first_start_puts_the_cursor_in_the_profile_bar_and_enter_saves(qtbot, open_window, default_book, settings):
    window = open_window(default_book, settings)
    form = window.profile_bar.form
    qtbot.waitUntil(lambda: focused() is form.fields["organisation"])
    type_chinese(focused(), "某市政务服务中心")
    press(qtbot, window, "Return")
    assert focused() is form.fields["department"]
    type_chinese(focused(), "办公室")
    press(qtbot, window, "Return")
    qtbot.keyClicks(focused(), "1024")
    press(qtbot, window, "Return")
    assert settings.profile() == {"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1024"}
    assert not window.profile_bar.isVisible()
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Return")  # the keys are back on the cards
    qtbot.waitUntil(lambda: "某市政务服务中心" in QApplication.clipboard().text())


def test_4_window_keys_work_in_the_search_box_and_the_draft(qtbot, call_window, settings):
    window = call_window
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "wait")
    press(qtbot, window, "Ctrl+Shift+Left")
    assert settings.get("window/dock") == "left"
    press(qtbot, window, "Ctrl+Shift+Right")
    assert settings.get("window/dock") == "right"
    assert window.search_box.text() == "wait"
    press(qtbot, window, "Ctrl+D")
    qtbot.waitUntil(window.draft_panel.editor.hasFocus)
    press(qtbot, window, "Ctrl+Shift+Left")
    assert settings.get("window/dock") == "left"
    press(qtbot, window, "Ctrl+K")  # the department picker, even from a text field
    qtbot.waitUntil(lambda: focused() is not None and focused().objectName() == "departmentPicker")


def operate_by_keyboard(qtbot, button):
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.objectName()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def test_5_complaint_subjects_are_operable_by_keyboard(qtbot, call_window, clipboard):
    press(qtbot, call_window, "Alt+0")
    panel = call_window.situation_page.helper
    operate_by_keyboard(qtbot, panel.buttons[0])
    qtbot.waitUntil(lambda: "某市政务服务中心" in clipboard.text() or "投诉" in clipboard.text())


def test_5_silent_caller_reset_is_operable_by_keyboard(qtbot, call_window):
    window = call_window
    press(qtbot, window, "Alt+3")
    press(qtbot, window, "Ctrl+1")
    assert window.calls.silent.greetings == 1
    operate_by_keyboard(qtbot, window.situation_page.helper.findChild(QToolButton, "silentReset"))
    assert window.calls.silent.greetings == 0


def test_5_hold_reminder_buttons_are_operable_by_keyboard(qtbot, call_window, clock, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    strip = window.call_strip
    for number in range(2):  # 对不起，让您久等了 (the hold goes on), then 谢谢您的耐心等待
        clock.advance(30)
        window.calls.timer.timeout.emit()
        button = strip.offer_buttons[number]
        assert button.isVisible()
        clipboard.setText("")
        operate_by_keyboard(qtbot, button)
        qtbot.waitUntil(lambda button=button: clipboard.text() == button.text())


def test_8_a_refused_key_shows_the_binding_in_force(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    edit = window.settings_page.key_edits["toggle_draft"]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # taken by the search
    qtbot.waitUntil(lambda: "Ctrl+F" in window.settings_page.key_message.text())
    assert edit.keySequence().toString() == "Ctrl+D"
    assert settings.key_overrides() == {}


def test_8_a_plain_letter_is_refused_as_a_binding(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    edit = window.settings_page.key_edits["toggle_draft"]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: window.settings_page.key_message.text() != "")
    assert settings.key_overrides() == {}
    assert edit.keySequence().toString() == "Ctrl+D"
    press(qtbot, window, "Esc")
    press(qtbot, window, "Esc")
    press(qtbot, window, "t")  # outside a field, a letter opens nothing
    assert window.draft_panel is None or not window.draft_panel.isVisible()
    assert window.rebind("toggle_draft", "F7") is None  # F-keys need no modifier


def test_8_esc_leaves_the_key_field_unchanged(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    edit = window.settings_page.key_edits["toggle_draft"]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not edit.hasFocus())
    assert edit.keySequence().toString() == "Ctrl+D" and settings.key_overrides() == {}
