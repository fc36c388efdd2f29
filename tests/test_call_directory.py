"""Issue 12, the department directory: the extension of the department picked, or none, reaches the caller.

Driven by keys on the real sidebar, from the issue's reproduction steps.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tests.helpers import zh
from tests.ui_fixtures import press

IMMIGRATION = zh("请致电出入境管理局电话:0871-61234511查询即可")


def pick(qtbot, window, query):
    """Ctrl+K, Ctrl+A, type `query`, wait for the pinyin hits, Enter."""
    press(qtbot, window, "Ctrl+K")
    panel = window.situation_page.helper
    qtbot.waitUntil(panel.field.hasFocus)
    press(qtbot, window, "Ctrl+A")
    qtbot.keyClicks(panel.field, query)
    qtbot.waitUntil(lambda: panel.index.has_pinyin and bool(panel.buttons), timeout=30_000)
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    return panel


def test_a_second_pick_replaces_the_first_departments_extension(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    pick(qtbot, window, "gjj")  # 住房公积金管理中心, extension 8003
    panel = pick(qtbot, window, "huzhao")  # 出入境管理局, no extension
    assert "出入境管理局" in panel.chosen.text() and "8003" not in panel.chosen.text()
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: "出入境管理局" in clipboard.text())
    assert clipboard.text().endswith(IMMIGRATION)
    assert "8003" not in clipboard.text()


def test_a_department_without_extension_is_referred_at_once(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Ctrl+N")
    pick(qtbot, window, "huzhao")
    assert "8003" not in window.status.toolTip() and "转" not in window.situation_page.helper.chosen.text()
    press(qtbot, window, "Ctrl+1")  # no form asks for 分机号: the phrase reads well without it
    qtbot.waitUntil(lambda: clipboard.text().endswith(IMMIGRATION))
    assert window.copying.values_form is None
    card = window.situation_page.cards[0].text_label.text()
    assert "line-through" in card and "分机号" in card  # the part left out is shown struck through


def test_typed_department_may_leave_the_extension_empty(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Alt+2")
    panel = window.situation_page.helper
    qtbot.mouseClick(panel.findChild(QToolButton, "typeDepartment"), Qt.MouseButton.LeftButton)
    form = window.copying.values_form
    assert list(form.fields) == ["target_department", "target_phone", "target_extension"]
    assert "分机号" not in window.status.toolTip()  # only what must be filled is asked for
    form.fields["target_department"].setText("档案馆")
    form.fields["target_phone"].setText("0871-1234")
    form.fields["target_extension"].setFocus()
    press(qtbot, window, "Return")  # Enter on the empty extension copies the phrase without it
    qtbot.waitUntil(lambda: clipboard.text().endswith(zh("请致电档案馆电话:0871-1234查询即可")))
