"""The search box and the draft panel, driven through the real window."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese

HOLD = zh("请稍等,我帮您查一下。")


def pause_in_typing(panel):
    """The agent stops typing: the check waiting for that pause runs (its timer fired by hand)."""
    assert panel.check_timer.isActive()
    panel.check_timer.timeout.emit()


def search_for(qtbot, window, text):
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    if text.isascii():
        qtbot.keyClicks(window.search_box, text)
    else:
        type_chinese(window.search_box, text)


def test_ctrl_f_focuses_search_and_hits_are_ranked_as_you_type(qtbot, window):
    search_for(qtbot, window, "qsd")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.search_page)
    # Right after start the pinyin index may still be building: the hits come when it is ready.
    qtbot.waitUntil(lambda: bool(window.search_page.cards), timeout=30_000)
    assert window.search_page.cards[0].phrase.text == HOLD
    assert "qsd" in window.page_title.text()


def test_slash_focuses_search_but_types_in_fields(qtbot, window):
    press(qtbot, window, "Esc")  # first start: the cursor is in the profile prompt; Esc puts it off
    press(qtbot, window, "/")
    qtbot.waitUntil(window.search_box.hasFocus)
    assert window.search_box.text() == ""
    qtbot.keyClicks(window.search_box, "a/b")
    assert window.search_box.text() == "a/b"


def test_enter_copies_the_first_or_the_selected_hit(qtbot, window, clipboard):
    search_for(qtbot, window, "wait")
    qtbot.waitUntil(lambda: len(window.search_page.cards) >= 3)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clipboard.text() == HOLD)
    press(qtbot, window, "Down")  # the arrows move through the hits while typing
    assert window.search_page.cards[1].is_selected
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clipboard.text() == window.search_page.cards[1].phrase.text)
    assert window.search_box.hasFocus()


def test_ctrl_digit_copies_the_nth_hit(qtbot, window, clipboard):
    search_for(qtbot, window, "道歉")
    qtbot.waitUntil(lambda: len(window.search_page.cards) == 4)
    press(qtbot, window, "Ctrl+2")
    qtbot.waitUntil(lambda: clipboard.text() == "请原谅")


def test_enter_while_an_input_method_composes_does_not_copy(qtbot, window, clipboard):
    search_for(qtbot, window, "")
    composing = QInputMethodEvent("qsd", [])  # the IME shows "qsd" but has not committed anything yet
    QApplication.sendEvent(window.search_box, composing)
    assert window.search_box.composing
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert clipboard.text() == "(nothing copied yet)"
    type_chinese(window.search_box, "稍等")  # the IME commits; Enter now copies
    assert not window.search_box.composing
    qtbot.waitUntil(lambda: bool(window.search_page.cards))
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clipboard.text() == HOLD)


def test_esc_clears_the_search_and_goes_back(qtbot, window):
    press(qtbot, window, "Alt+6")
    search_for(qtbot, window, "hold")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.search_page)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.situation_page)
    assert window.search_box.text() == "" and window.navigator.situation.id == "criticism"
    assert not window.search_box.hasFocus()


def test_a_forbidden_wording_hit_offers_its_replacement(qtbot, window, clipboard):
    search_for(qtbot, window, "等一会")
    qtbot.waitUntil(lambda: bool(window.search_page.cards))
    card = window.search_page.cards[0]
    assert card.hit.forbidden == zh("等一会!") and card.phrase.text == HOLD
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(card.width() // 2, 5))
    qtbot.waitUntil(lambda: clipboard.text() == HOLD)


def test_nothing_found_says_so(qtbot, window):
    search_for(qtbot, window, "xyzxyz")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.search_page)
    assert window.search_page.cards == []
    texts = [label.text() for label in window.search_page.findChildren(QLabel)]
    assert any("xyzxyz" in text and "没有找到" in text for text in texts)


def test_pinyin_index_is_built_in_the_background(qtbot, window):
    qtbot.waitUntil(lambda: window.search_service.has_pinyin, timeout=30_000)
    search_for(qtbot, window, "shaodeng")
    qtbot.waitUntil(lambda: bool(window.search_page.cards) and window.search_page.cards[0].phrase.text == HOLD)


def test_a_hit_with_a_blank_asks_for_the_value_in_place(qtbot, window, clipboard):
    search_for(qtbot, window, "您好")
    qtbot.waitUntil(lambda: bool(window.search_page.cards))
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    form = window.copying.values_form
    assert form is not None and window.search_page.cards[0].isAncestorOf(form)
    type_chinese(form.fields["organisation"], "某市政务服务中心")
    qtbot.keyClick(form.fields["organisation"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "某市政务服务中心" in clipboard.text())


def test_draft_panel_flags_as_you_type_and_replaces_with_one_click(qtbot, window, clipboard):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.editor.hasFocus())
    type_chinese(panel.editor, "您好，这个我不清楚，等一会！")
    pause_in_typing(panel)
    assert [f.match for f in panel.findings] == ["不清楚", "等一会"]
    underlined = panel.editor.extraSelections()
    assert [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in underlined] == [(6, 9), (10, 13)]
    buttons = panel.findChildren(QPushButton, "replaceButton")
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == zh("您好,这个我不清楚,请稍等,我帮您查一下。")  # one sentence end, not 。!
    assert [f.match for f in panel.findings] == ["不清楚"]
    press(qtbot, window, "Ctrl+Return")
    qtbot.waitUntil(lambda: clipboard.text() == panel.editor.toPlainText())
    assert "1" in window.status.toolTip()  # copied, with a warning about what is left


def test_draft_keeps_typing_responsive_and_fills_placeholders(qtbot, window, settings):
    settings.set_profile_values({"organisation": "某市政务服务中心"})
    window.copier.profile_changed.emit()
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    type_chinese(panel.editor, "喂，查什么？")
    assert panel.findings == []  # not checked on the keystroke itself: after a pause
    pause_in_typing(panel)
    panel.replace(panel.findings[0])
    assert panel.editor.toPlainText().startswith(zh("您好,某市政务服务中心,请问有什么可以帮您?"))


def test_a_draft_with_an_emoji_is_underlined_and_replaced_where_the_finding_is(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    type_chinese(panel.editor, "好的😀，等一会！")  # the emoji is one character, but two places in Qt's text
    pause_in_typing(panel)
    assert [f.match for f in panel.findings] == ["等一会"]
    (underlined,) = panel.editor.extraSelections()
    assert (underlined.cursor.selectionStart(), underlined.cursor.selectionEnd()) == (5, 8)
    assert underlined.cursor.selectedText() == "等一会"
    qtbot.mouseClick(panel.findChildren(QPushButton, "replaceButton")[0], Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == zh("好的😀,请稍等,我帮您查一下。")
    assert panel.findings == []


def test_a_finding_the_draft_has_lost_since_is_not_replaced(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    type_chinese(panel.editor, "好的😀，等一会！")
    pause_in_typing(panel)
    (finding,) = panel.findings
    panel.editor.setPlainText("好")  # deleted before the click: the finding points past the end
    panel.replace(finding)
    assert panel.editor.toPlainText() == "好" and panel.findings == []


def test_a_long_draft_is_checked_in_slices_and_typing_goes_on_meanwhile(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    draft = "您好，请问有什么可以帮您？\n" * 20_000 + "等一会！"  # 280,000 characters
    panel.editor.setPlainText(draft)
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(panel.checked, timeout=30_000) as first_check:
        pause_in_typing(panel)
        assert not first_check.signal_triggered  # the window went back to its events before the end
        type_chinese(panel.editor, "喂，查什么？")  # typing meanwhile: the check starts over after a pause
        assert panel.editor.toPlainText().endswith("等一会！喂，查什么？")
        pause_in_typing(panel)
    assert [(f.line, f.match) for f in first_check.args[0]] == [(20_001, "等一会"), (20_001, "喂，查什么")]
    assert [f.match for f in panel.findings] == ["等一会", "喂，查什么"]


def test_a_draft_dense_with_findings_lists_the_first_twenty_and_underlines_the_first_500(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    type_chinese(panel.editor, "等一会！\n" * 30)
    pause_in_typing(panel)
    assert len(panel.findings) == len(panel.editor.extraSelections()) == 30
    assert len(panel.findChildren(QPushButton, "replaceButton")) == 20  # rows are widgets: a few, not thousands
    assert panel.summary.text() == "30 处禁语，列出前 20 处"
    panel.editor.setPlainText("等一会！\n" * 600)  # a pasted transcript rather than a draft
    pause_in_typing(panel)
    assert len(panel.findings) == 600 and len(panel.editor.extraSelections()) == 500
    assert panel.summary.text() == "600 处禁语，标出前 500 处，列出前 20 处"


def test_ctrl_d_closes_the_panel_and_esc_leaves_it(qtbot, window):
    press(qtbot, window, "Ctrl+D")
    qtbot.waitUntil(window.draft_panel.editor.hasFocus)
    press(qtbot, window, "Esc")
    assert not window.draft_panel.editor.hasFocus() and window.draft_panel.isVisible()
    press(qtbot, window, "Ctrl+D")
    assert not window.draft_panel.isVisible()
