"""Issue 11, defects 6, 7 and 9: copying never moves the layout, the recent list is usable, the status
line never keeps a message whose cause has gone. Each was seen failing on the code before the fix,
except "the form is filled", which guards it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from assist.ui.settings import Settings
from assist.ui.values_form import ValuesForm
from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese


def open_form(window):
    return next((form for form in window.findChildren(ValuesForm) if form.isVisible()), None)


def test_6_the_copy_confirmation_does_not_move_the_next_card(qtbot, window, clipboard):
    press(qtbot, window, "Alt+7")  # (copying the hold phrase starts a call, whose strip is another matter)
    cards = window.situation_page.cards
    qtbot.waitUntil(lambda: cards[1].isVisible())
    before = cards[1].mapTo(window, cards[1].rect().topLeft()).y()
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: clipboard.text() == "对不起")
    assert cards[0].property("copied") and cards[0].copy_button.text() == "✓已复制"
    QApplication.processEvents()
    assert cards[1].mapTo(window, cards[1].rect().topLeft()).y() == before


def test_6_removing_an_own_phrase_can_be_undone(qtbot, source_window):
    window = source_window
    press(qtbot, window, "Alt+5")
    type_chinese(window.situation_page.add_field, "请您稍候，系统正在查询。")
    qtbot.keyClick(window.situation_page.add_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 5)
    window.setFocus()
    window.situation_page.cards[4].remove_clicked.emit()
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 4)
    assert "Ctrl+Z" in window.status.toolTip()
    press(qtbot, window, "Ctrl+Z")
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 5)
    assert window.navigator.situation.phrases[-1].text == "请您稍候，系统正在查询。"


def test_7_recent_phrases_show_the_filled_text(qtbot, call_window):
    window = call_window
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    text = window.list_page.recent[0].text()
    assert "某市政务服务中心" in text and "{" not in text


def test_7_a_recent_phrase_whose_values_are_gone_asks_for_them(qtbot, open_window, default_book, settings, clipboard):
    settings.set("profile/dismissed", True)
    settings.set_profile_values({"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1024"})
    first = open_window(default_book, settings)
    first.copier.set_call_values({"target_department": "市医保局", "target_phone": "12345", "target_extension": "8"})
    press(qtbot, first, "Alt+2")
    press(qtbot, first, "Ctrl+1")
    qtbot.waitUntil(lambda: "市医保局" in clipboard.text())
    first.close()
    window = open_window(default_book, Settings.at(settings.location))  # after a restart
    recent = window.list_page.recent[0]
    assert "{" not in recent.text()
    clipboard.setText("")
    qtbot.mouseClick(recent, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_form(window) is not None)
    assert "target_department" in open_form(window).fields
    assert "请先填写" in window.status.toolTip()


def test_7_the_recent_list_is_reached_with_down_and_enter_copies(qtbot, window, clipboard):
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    press(qtbot, window, "Esc")
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    clipboard.setText("")
    for _ in range(len(window.navigator.book.situations) + 2):
        press(qtbot, window, "Down")
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))


def test_9_fill_in_message_goes_when_the_form_is_cancelled(qtbot, call_window):
    window = call_window
    press(qtbot, window, "Alt+2")
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: open_form(window) is not None)
    assert "请先填写" in window.status.text()
    press(qtbot, window, "Esc")
    assert "请先填写" not in window.status.text()


def test_9_fill_in_message_goes_when_the_form_is_filled(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Alt+2")
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: open_form(window) is not None)
    form = open_form(window)
    for name, value in (("target_department", "市医保局"), ("target_phone", "12345"), ("target_extension", "8")):
        type_chinese(form.fields[name], value)
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "市医保局" in clipboard.text())
    assert "请先填写" not in window.status.text()


def test_9_draft_warning_goes_when_the_finding_is_fixed(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    type_chinese(panel.editor, "等一会！")
    press(qtbot, window, "Ctrl+Return")
    assert "仍有 1 处禁语" in window.status.text()
    qtbot.mouseClick(panel.findChildren(QPushButton, "replaceButton")[0], Qt.MouseButton.LeftButton)
    assert "禁语" not in window.status.text()


def test_9_book_updated_is_not_shown_under_an_error_banner(qtbot, settings, tmp_path):
    from assist.ui.app import create_window

    book = tmp_path / "centre.yaml"
    good = "name: 本中心\nsituations:\n  - id: hold\n    title: 查询等待\n    phrases:\n      - text: 请您稍候。\n"
    book.write_text(good.replace("phrases:", "phrasez:"), encoding="utf-8")
    settings.set("profile/dismissed", True)
    window = create_window(book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.banner.isVisible()
    book.write_text(good, encoding="utf-8")
    window.source.reload()
    assert "已更新" in window.status.text() and not window.banner.isVisible()
    book.write_text(good.replace("phrases:", "phrasez:"), encoding="utf-8")
    window.source.reload()
    assert window.banner.isVisible()
    assert "已更新" not in window.status.text()
