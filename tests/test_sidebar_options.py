"""Living next to the softphone: key bindings, settings that survive a restart, personal phrases,
favourites, themes and reading size, always on top, docking."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from assist.ui.geometry import DEFAULT_WIDTH
from assist.ui.settings import Settings
from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese


def test_a_key_can_be_rebound_and_a_conflict_is_refused(qtbot, window, settings, clipboard):
    assert window.rebind("copy_draft", "Ctrl+M") is None
    assert "Ctrl+M" in window.actions_by_key and "Ctrl+Return" not in window.actions_by_key
    refusal = window.rebind("toggle_draft", "Ctrl+M")  # Ctrl+M copies the draft now
    assert refusal is not None and "Ctrl+M" in refusal and "复制草稿" in refusal
    refusal = window.rebind("show_keys", "Alt+5")  # a situation key
    assert refusal is not None and "打开第 1–10 个场景" in refusal
    assert settings.key_overrides() == {"copy_draft": "Ctrl+M"}
    press(qtbot, window, "F1")
    assert any("Ctrl+M" in label.text() for label in window.keys_page.findChildren(QLabel))
    window.reset_keys()
    assert settings.key_overrides() == {} and "Ctrl+Return" in window.actions_by_key


def test_the_settings_page_records_a_key_and_refuses_a_taken_one(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    edit = page.key_edits["toggle_draft"]
    edit.setKeySequence(QKeySequence("Ctrl+F"))  # taken by the search
    edit.editingFinished.emit()
    assert "Ctrl+F" in page.key_message.text() and settings.key_overrides() == {}
    edit.setKeySequence(QKeySequence("Ctrl+J"))
    edit.editingFinished.emit()
    assert settings.key_overrides() == {"toggle_draft": "Ctrl+J"} and page.key_message.text() == ""
    press(qtbot, window, "Esc")
    press(qtbot, window, "Ctrl+J")
    assert window.draft_panel is not None and window.draft_panel.isVisible()


def test_settings_survive_a_restart(qtbot, open_window, default_book, settings):
    first = open_window(default_book, settings)
    first.rebind("show_guidance", "F3")
    first.appearance.set_theme("dark")
    first.appearance.change_reading_size(1)
    first.settings_page.hold_threshold_changed.emit(45)
    first.copier.remember({"organisation": "某市政务服务中心"})
    first.setGeometry(50, 60, 380, 500)
    first.close()
    again = Settings.at(settings.location)
    second = open_window(default_book, again)
    assert again.key_overrides() == {"show_guidance": "F3"} and "F3" in second.actions_by_key
    assert again.get("appearance/theme") == "dark" and again.get("appearance/reading_size") == "large"
    assert again.get("hold/threshold_seconds") == 45 and second.calls.hold_threshold == 45
    assert again.profile()["organisation"] == "某市政务服务中心"
    assert second.geometry().topLeft().x() == 50 and second.width() == 380


def test_theme_and_reading_size_change_the_stylesheet(qtbot, window, settings):
    window.appearance.set_theme("dark")
    dark = QApplication.instance().styleSheet()
    assert "#16191d" in dark and "@" not in dark.split("*/", 1)[1]
    press(qtbot, window, "Ctrl+=")
    assert settings.get("appearance/reading_size") == "large"
    assert "font-size: 17px" in QApplication.instance().styleSheet()  # 14px × 1.2
    press(qtbot, window, "Ctrl+-")
    press(qtbot, window, "Ctrl+-")
    assert settings.get("appearance/reading_size") == "compact"
    window.appearance.set_theme("light")
    assert "#f4f5f7" in QApplication.instance().styleSheet()


def test_always_on_top_shows_the_window_again(qtbot, window, settings):
    press(qtbot, window, "Ctrl+T")
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.waitUntil(window.isVisible)
    assert settings.get("window/always_on_top") is True
    press(qtbot, window, "Ctrl+T")
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    qtbot.waitUntil(window.isVisible)


def test_docking_left_and_right(qtbot, window, settings):
    area = window.screen().availableGeometry()
    window.appearance.dock("left")
    assert window.geometry().left() == area.left() and window.height() == area.height()
    press(qtbot, window, "Ctrl+Shift+Right")
    assert window.geometry().right() == area.right() and settings.get("window/dock") == "right"
    assert window.width() == DEFAULT_WIDTH


def test_dock_keys_work_while_the_cursor_is_in_the_search(qtbot, window, settings):
    """The global key leaves the cursor in the search: the dock keys must not select words there."""
    area = window.screen().availableGeometry()
    press(qtbot, window, "Ctrl+F")
    qtbot.keyClicks(window.search_box, "qsd")
    assert window.search_box.hasFocus()
    press(qtbot, window, "Ctrl+Shift+Left")
    assert window.geometry().left() == area.left() and settings.get("window/dock") == "left"
    press(qtbot, window, "Ctrl+Shift+Right")
    assert window.geometry().right() == area.right() and settings.get("window/dock") == "right"
    assert window.search_box.text() == "qsd" and window.search_box.hasFocus()


def test_the_search_box_keeps_typing_and_its_own_keys(qtbot, window):
    """Only the window's chords win in the search box: "/" still types, Ctrl+Left still moves."""
    press(qtbot, window, "Ctrl+F")
    qtbot.keyClicks(window.search_box, "a b/")
    assert window.search_box.text() == "a b/"
    press(qtbot, window, "Ctrl+Left")
    assert window.search_box.cursorPosition() < len("a b/")


def test_a_personal_phrase_with_forbidden_wording_is_refused(qtbot, source_window):
    window = source_window
    press(qtbot, window, "Alt+5")
    field = window.situation_page.add_field
    type_chinese(field, "这个我不清楚，您稍等")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    refusal = window.situation_page.refusal
    # on the hold page, for a matter asked about, the phrase that fits is the lookup
    assert refusal.isVisible() and "不清楚" in refusal.text() and "请稍等，我帮您查一下" in refusal.text()
    assert [p.text for p in window.navigator.situation.phrases if p.personal] == []
    assert field.text() == "这个我不清楚，您稍等"  # kept, to be corrected


def test_a_personal_phrase_is_added_copied_pinned_and_removed(qtbot, source_window, clipboard):
    window = source_window
    press(qtbot, window, "Alt+5")
    type_chinese(window.situation_page.add_field, "请您稍候，系统正在查询。")
    qtbot.keyClick(window.situation_page.add_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.situation.phrases[-1].text == "请您稍候，系统正在查询。")
    press(qtbot, window, "Ctrl+5")
    qtbot.waitUntil(lambda: clipboard.text() == "请您稍候，系统正在查询。")
    window.situation_page.cards[2].favourite_clicked.emit()  # pin 谢谢您的耐心等待
    qtbot.waitUntil(lambda: len(window.situation_page.pinned) == 1)
    assert window.situation_page.pinned[0].phrase.text == "谢谢您的耐心等待"
    assert window.situation_page.pinned[0].number == 3  # a pinned phrase keeps its number
    window.situation_page.cards[4].edit_clicked.emit()  # edit the own phrase in place
    field = window.situation_page.add_field
    assert field.text() == "请您稍候，系统正在查询。" and field.hasFocus()
    field.setText("请您稍候，系统正在为您查询。")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.situation.phrases[-1].text == "请您稍候，系统正在为您查询。")
    assert len(window.navigator.situation.phrases) == 5
    window.situation_page.cards[4].remove_clicked.emit()
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 4)
    assert window.navigator.situation.phrases[0].text == zh("请稍等,我帮您查一下。")


def test_recent_phrases_are_listed_and_copy_again(qtbot, window, settings, clipboard):
    for keys in (("Alt+5", "Ctrl+1"), ("Alt+9", "Ctrl+2"), ("Alt+5", "Ctrl+1")):
        for key in keys:
            press(qtbot, window, key)
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    texts = [button.text() for button in window.list_page.recent]
    assert texts[0] == zh("请稍等,我帮您查一下。") and len(texts) == 2  # newest first, no repeats
    clipboard.setText("")
    qtbot.mouseClick(window.list_page.recent[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text().startswith(zh("感谢您对我工作的肯定")))
    assert len(Settings.at(settings.location).get("recent/phrases")) == 2  # kept across restarts


def test_the_interface_speaks_english_when_asked(qtbot, open_window, default_book, settings, clipboard):
    settings.set("appearance/language", "en")
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    assert window.findChild(QToolButton, "guidanceButton").text() == "Guide F2"
    assert window.search_box.placeholderText().startswith("Search:")
    press(qtbot, window, "Alt+5")
    card = window.situation_page.cards[0]
    assert card.copy_button.text() == "Copy"
    assert card.phrase.text == zh("请稍等,我帮您查一下。")  # phrases stay as the book has them
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: window.status.toolTip().startswith("✓ Copied"))
    press(qtbot, window, "F1")
    shown = " ".join(label.text() for label in window.keys_page.findChildren(QLabel))
    assert "Copy the draft" in shown and "复制草稿" not in shown


def test_english_glosses_are_shown_on_demand(qtbot, window, settings):
    press(qtbot, window, "Alt+5")
    assert window.situation_page.cards[0].gloss_label is None  # not by default
    assert "The answer needs a lookup" not in window.page_title.text()
    press(qtbot, window, "Ctrl+G")
    assert window.situation_page.cards[0].gloss_label.text() == "One moment please, I will look it up for you."
    assert "The answer needs a lookup" in window.page_title.text()
    assert settings.get("appearance/show_glosses") is True
    press(qtbot, window, "Ctrl+G")
    assert window.situation_page.cards[0].gloss_label is None
