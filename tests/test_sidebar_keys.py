"""The sidebar driven from the keyboard, as an agent on a call would."""

import pytest
from PySide6.QtWidgets import QLabel

from tests.helpers import CALL_FLOW, THREE_VOICES, zh
from tests.ui_fixtures import press


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["Alt+5", "Ctrl+1"], zh("请稍等,我帮您查一下。")),
        (["Alt+9", "Ctrl+2"], zh("感谢您对我工作的肯定,在今后的工作中我会更加努力,请问还有什么可以帮您?")),
        (
            ["Alt+3", "Ctrl+2"],
            zh("对不起,我听不到您的声音,请问有什么可以帮您,非常抱歉,您的电话没有声音,请您换一部电话再打来可以吗?谢谢!"),
        ),
        (
            ["Alt+0", "Ctrl+1"],
            zh("很感谢您对我们提出的宝贵意见,您的建议对我们非常重要,对改善我们今后的工作很有帮助……谢谢您的来电,再见!"),
        ),
        (["Alt+7", "Ctrl+4"], "我们立即采取措施为您解决"),
    ],
)
def test_situation_key_then_copy_key(qtbot, window, clipboard, keys, expected):
    for key in keys:
        press(qtbot, window, key)
    qtbot.waitUntil(lambda: clipboard.text() == expected)


def test_situation_key_shows_its_cards(qtbot, window):
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert [card.property("kind") for card in page.cards] == ["phrase"] * 4 + ["forbidden"] * 3
    assert "对用户咨询的问题需要通过查询才能解答时" in window.page_title.text()


def test_down_and_enter_copy_the_selected_card(qtbot, window, clipboard):
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Down")
    press(qtbot, window, "Down")
    assert [card.is_selected for card in window.situation_page.cards][:3] == [False, False, True]
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == "谢谢您的耐心等待")
    press(qtbot, window, "Up")
    press(qtbot, window, "Enter")
    qtbot.waitUntil(lambda: clipboard.text() == zh("对不起,让您久等了"))


def test_enter_on_a_forbidden_card_copies_what_to_say_instead(qtbot, window, clipboard):
    press(qtbot, window, "Alt+5")
    for _ in range(4):
        press(qtbot, window, "Down")
    card = window.situation_page.cards[4]
    assert card.is_selected and card.forbidden.text == zh("等一会!")
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))


def test_selection_stops_at_the_ends(qtbot, window):
    press(qtbot, window, "Alt+1")
    for _ in range(5):
        press(qtbot, window, "Down")
    assert window.situation_page.cards[-1].is_selected
    for _ in range(5):
        press(qtbot, window, "Up")
    assert window.situation_page.cards[0].is_selected


def test_list_page_arrows_and_enter_open_a_situation(qtbot, window):
    press(qtbot, window, "Esc")  # first start: the cursor is in the profile prompt; Esc puts it off
    press(qtbot, window, "Down")
    press(qtbot, window, "Down")
    assert window.list_page.rows[2].is_selected
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: window.navigator.situation is not None)
    assert window.navigator.situation.id == "silent"


def test_esc_goes_back_to_the_list_with_the_situation_highlighted(qtbot, window):
    press(qtbot, window, "Alt+8")
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)
    assert window.list_page.rows[7].is_selected
    assert not window.nav_bar.isVisible()


def test_copy_key_without_that_phrase_says_so(qtbot, window, clipboard):
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+9")
    assert clipboard.text() == "(nothing copied yet)"
    assert "9" in window.status.toolTip()


def test_copy_key_on_the_list_page_asks_for_a_situation(qtbot, window, clipboard):
    press(qtbot, window, "Ctrl+1")
    assert clipboard.text() == "(nothing copied yet)"
    assert "Alt+1" in window.status.toolTip()


def test_keys_work_while_typing_in_a_field(qtbot, open_window, default_book, settings, clipboard):
    window = open_window(default_book, settings)
    field = window.profile_bar.form.fields["organisation"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))
    assert field.text() == ""


def test_f1_lists_every_binding_and_esc_closes_it(qtbot, window):
    from assist.ui.commands import keys_label
    from assist.ui.keymap import BINDINGS

    press(qtbot, window, "F1")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.keys_page)
    shown = " ".join(label.text() for label in window.keys_page.findChildren(QLabel))
    for binding in BINDINGS:
        assert keys_label(binding.keys, "或") in shown  # Chinese interface
        assert binding.description in shown  # in the interface language (Chinese here)
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_page)


def test_f2_shows_the_general_guidance(qtbot, window):
    press(qtbot, window, "F2")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.guidance_page)
    text = " ".join(label.text() for label in window.guidance_page.findChildren(QLabel))
    for expected in (
        *CALL_FLOW,
        *THREE_VOICES,
        "语感自然",
        "请谅解",
        "职业用语的基本要求",
        "良好语言礼仪形象基本原则",
    ):
        assert expected in text
