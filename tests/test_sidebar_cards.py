"""Cards: clicks copy, forbidden phrases are marked and copy their replacement, blanks are asked in place."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton

from assist.ui.settings import Settings
from assist.ui.unbroken import plain
from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, 5))


def test_click_anywhere_on_a_card_copies_it_with_visible_confirmation(qtbot, window, clipboard):
    press(qtbot, window, "Alt+5")
    card = window.situation_page.cards[2]
    click(qtbot, card)
    qtbot.waitUntil(lambda: clipboard.text() == "谢谢您的耐心等待")
    assert card.copy_button.text() == "✓已复制" and card.property("copied") is True
    assert card.is_selected
    assert "谢谢您的耐心等待" in window.status.toolTip()
    assert card._feedback_timer.isActive()  # the flash ends on its timer, fired here by hand
    card._feedback_timer.stop()
    card._feedback_timer.timeout.emit()
    assert card.copy_button.text() == "复制"
    assert card.property("copied") is False


def test_copy_button_copies(qtbot, window, clipboard):
    press(qtbot, window, "Alt+6")
    card = window.situation_page.cards[0]
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text() == zh("谢谢您的建议(批评),我们会尽快向上级部门反映。"))


def test_forbidden_cards_are_unmistakably_marked(qtbot, window):
    press(qtbot, window, "Alt+5")
    forbidden = [card for card in window.situation_page.cards if card.property("kind") == "forbidden"]
    assert [card.forbidden.text for card in forbidden] == [zh("等一会!"), "不知道", zh("你问我,我问谁呀")]
    for card in forbidden:
        labels = {label.objectName(): label for label in card.findChildren(QLabel)}
        assert labels["forbiddenBadge"].text() == "忌"
        assert f"<s>{card.forbidden.text}</s>" in labels["forbiddenText"].text()
        assert labels["forbiddenText"].isVisible()
        assert "改说" in labels["insteadArrow"].text() and "Ctrl+1" in labels["insteadArrow"].text()
        assert labels["insteadText"].text() == zh("请稍等,我帮您查一下。")
    color = forbidden[0].palette().color(forbidden[0].backgroundRole())
    assert color.red() > color.blue()  # the red-tinted card of the stylesheet


def test_clicking_a_forbidden_phrase_copies_its_replacement_never_itself(qtbot, window, clipboard):
    press(qtbot, window, "Alt+9")
    praise_card = window.situation_page.cards[3]
    assert praise_card.forbidden.text == "我应该的"
    click(qtbot, praise_card)
    qtbot.waitUntil(
        lambda: clipboard.text() == zh("感谢您对我工作的肯定,在今后的工作中我会更加努力,请问还有什么可以帮您?")
    )
    qtbot.mouseClick(window.situation_page.cards[2].copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text().startswith(zh("谢谢您的来电,")))
    assert "我应该的" not in clipboard.text()


def test_conduct_is_shown_compactly(qtbot, window):
    press(qtbot, window, "Alt+3")
    conduct = [label for label in window.situation_page.findChildren(QLabel) if label.objectName() == "conduct"]
    assert len(conduct) == 1
    assert "礼貌招呼、提示" in conduct[0].text() and "招呼用语模糊不清" in conduct[0].text()


def test_clicking_a_situation_row_opens_it(qtbot, window):
    click(qtbot, window.list_page.rows[3])
    qtbot.waitUntil(lambda: window.navigator.situation is not None)
    assert window.navigator.situation.id == "clarify"


def test_missing_value_is_shown_as_a_blank_and_asked_for_in_place(qtbot, window, clipboard, settings):
    press(qtbot, window, "Alt+1")
    card = window.situation_page.cards[0]
    assert "〔单位名称〕" in card.text_label.text()
    press(qtbot, window, "Ctrl+1")
    assert clipboard.text() == "(nothing copied yet)"
    form = window.copying.values_form
    assert form is not None and card.isAncestorOf(form)
    field = form.fields["organisation"]
    qtbot.waitUntil(field.hasFocus)
    type_chinese(field, "云南省商务厅办公室")
    press(qtbot, window, "Return")
    expected = zh("您好,云南省商务厅办公室,请问有什么可以帮您?")
    qtbot.waitUntil(lambda: clipboard.text() == expected)
    assert settings.profile()["organisation"] == "云南省商务厅办公室"
    assert "〔单位名称〕" not in card.text_label.text() and "云南省商务厅办公室" in card.text_label.text()
    clipboard.setText("")
    press(qtbot, window, "Ctrl+1")  # remembered: copies at once
    qtbot.waitUntil(lambda: clipboard.text() == expected)
    assert window.copying.values_form is None


def test_esc_cancels_the_values_form_without_copying(qtbot, window, clipboard):
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")
    form = window.copying.values_form
    qtbot.waitUntil(form.fields["organisation"].hasFocus)
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.copying.values_form is None)
    assert window.stack.currentWidget() is window.situation_page  # Esc closed the form, not the page
    assert clipboard.text() == "(nothing copied yet)"
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)


def test_forbidden_card_with_a_blank_asks_in_place_too(qtbot, window, clipboard):
    press(qtbot, window, "Alt+2")
    forbidden_card = window.situation_page.cards[1]
    click(qtbot, forbidden_card)
    form = window.copying.values_form
    assert forbidden_card.isAncestorOf(form)
    assert list(form.fields) == ["department", "target_department", "target_phone", "target_extension"]
    for name, value in zip(form.fields, ["商务厅办公室", "市场监督管理局", "0871-12345678", "8001"], strict=True):
        form.fields[name].setText(value)
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text().endswith(zh("请致电市场监督管理局电话:0871-12345678转8001查询即可")))


def test_profile_bar_on_first_start_saves_inline(qtbot, open_window, default_book, settings):
    window = open_window(default_book, settings)
    assert window.profile_bar.isVisible()
    fields = window.profile_bar.form.fields
    assert list(fields) == ["organisation", "department", "agent_number"]
    fields["organisation"].setFocus()
    type_chinese(fields["organisation"], "某市政务服务中心")
    press(qtbot, window, "Return")  # one value is enough to save; Enter moves on while some are empty
    qtbot.waitUntil(fields["department"].hasFocus)
    type_chinese(fields["department"], "办公室")
    press(qtbot, window, "Return")
    qtbot.waitUntil(fields["agent_number"].hasFocus)
    qtbot.keyClicks(fields["agent_number"], "1024")
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: not window.profile_bar.isVisible())
    assert settings.profile() == {"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1024"}
    second = open_window(default_book, Settings.at(settings.location))
    assert not second.profile_bar.isVisible()


def test_profile_bar_later_is_remembered(qtbot, open_window, default_book, settings):
    window = open_window(default_book, settings)
    window.profile_bar.form.fields["organisation"].setFocus()
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: not window.profile_bar.isVisible())
    assert settings.get("profile/dismissed") is True
    assert not open_window(default_book, Settings.at(settings.location)).profile_bar.isVisible()


def test_esc_on_the_list_puts_off_the_profile_prompt(qtbot, window, settings):
    assert window.profile_bar.isVisible()
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: not window.profile_bar.isVisible())
    assert settings.get("profile/dismissed") is True
    window.findChild(QToolButton, "profileButton").click()  # the header's 资料 button brings it back
    assert window.profile_bar.isVisible()


def test_a_forbidden_card_shows_a_few_fine_wordings_not_the_whole_rule(qtbot, window):
    press(qtbot, window, "Alt+5")
    card = next(card for card in window.situation_page.cards if card.property("kind") == "forbidden")
    notes = [plain(label.text()) for label in card.findChildren(QLabel) if label.text().startswith("不算禁语")]
    assert notes == ["不算禁语：稍等一会、稍等一下、稍等会儿 等"]
