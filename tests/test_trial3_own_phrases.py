"""Trial 3, item 13: clicking 编辑 on an own phrase while a refused phrase sits in the add line. The text
typed is set aside, never lost (it comes back when the edit is saved or left with Esc), and the stale
"不能添加…" note goes at once."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tests.ui_fixtures import press, type_chinese

OWN = "请您稍候，系统正在查询。"
REFUSED = "你等一会儿"


def with_a_refused_phrase_typed(qtbot, window):
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    page.add_field.setFocus()
    type_chinese(page.add_field, OWN)
    qtbot.keyClick(page.add_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 5)
    page = window.situation_page
    page.add_field.setFocus()
    type_chinese(page.add_field, REFUSED)
    qtbot.keyClick(page.add_field, Qt.Key.Key_Return)
    assert page.refusal.isVisible() and page.refusal.text().startswith("不能添加")
    return page


def click_edit(qtbot, page, card: int) -> None:
    edit = page.cards[card].findChild(QToolButton, "editButton")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)


def test_editing_sets_the_refused_text_aside_and_esc_brings_it_back(qtbot, source_window):
    window = source_window
    page = with_a_refused_phrase_typed(qtbot, window)
    click_edit(qtbot, page, 4)
    assert page.add_field.text() == OWN and page.add_button.text() == "保存"
    assert not page.refusal.isVisible()  # the note was about the text set aside, not this one
    assert REFUSED in window.status.toolTip()  # the agent is told where their text went
    press(qtbot, window, "Esc", page.add_field)  # leave the edit
    assert page.add_field.text() == REFUSED and page.add_button.text() == "添加"
    assert len(window.navigator.situation.phrases) == 5
    assert REFUSED not in window.status.toolTip()  # the hint about the edit goes with it


def test_saving_the_edit_brings_the_text_set_aside_back(qtbot, source_window):
    window = source_window
    page = with_a_refused_phrase_typed(qtbot, window)
    click_edit(qtbot, page, 4)
    page.add_field.setText("请您稍候，正在为您查询。")
    qtbot.keyClick(page.add_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigator.situation.phrases[4].text == "请您稍候，正在为您查询。")
    page = window.situation_page
    assert page.add_field.text() == REFUSED and page.add_button.text() == "添加"
    assert not page.refusal.isVisible()
