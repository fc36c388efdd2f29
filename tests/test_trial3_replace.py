"""Trial 3, item 3: two 替换 in a row, clicked where the agent's pointer is, on the real draft panel.

After a replacement the findings list keeps its rows in place (the replaced one reads ✓ 已替换 until
the next edit), so a second click at the same spot never replaces another finding; and the two
replacements leave the phrase once."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tests.test_draft_replace import open_draft, pause_in_typing
from tests.ui_fixtures import press, type_chinese

HOLD = "请稍等，我帮您查一下。"


def replace_buttons(panel) -> list[QPushButton]:
    return [b for b in panel.findChildren(QPushButton, "replaceButton") if b.isVisible()]


def centre(widget) -> QPoint:
    return widget.mapToGlobal(widget.rect().center())


def settled(qtbot, panel, buttons: int) -> None:
    """Wait for the list to be rebuilt and laid out (old rows are deleted by the event loop)."""
    qtbot.waitUntil(lambda: len(panel.findChildren(QPushButton, "replaceButton")) == buttons)
    QApplication.sendPostedEvents()


def test_a_second_click_at_the_same_spot_replaces_nothing_and_the_other_button_stays_put(
    qtbot, window, settings, clipboard
):
    panel = open_draft(qtbot, window, settings, "你等一会吧，这个我不知道。")
    settled(qtbot, panel, 2)
    first, second = replace_buttons(panel)
    first_spot, second_spot = centre(first), centre(second)
    list_height = panel.findings_scroll.height()
    assert QApplication.widgetAt(second_spot) is second
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)  # 不知道 first, as the tester did
    settled(qtbot, panel, 1)
    assert panel.editor.toPlainText() == "你等一会吧，" + HOLD
    under_pointer = QApplication.widgetAt(second_spot)
    assert under_pointer is None or under_pointer.objectName() != "replaceButton"
    (remaining,) = replace_buttons(panel)
    assert centre(remaining) == first_spot  # the other finding's button did not move
    assert panel.findings_scroll.height() == list_height
    done = [label.text() for label in panel.findChildren(QLabel, "draftFindingDone") if label.isVisible()]
    assert len(done) == 1 and "已替换" in done[0]
    qtbot.mouseClick(QApplication.widgetAt(second_spot) or panel, Qt.MouseButton.LeftButton)  # a double click
    assert panel.editor.toPlainText() == "你等一会吧，" + HOLD
    qtbot.mouseClick(remaining, Qt.MouseButton.LeftButton)
    settled(qtbot, panel, 0)
    assert panel.editor.toPlainText() == HOLD  # the phrase once, never 请稍等，我帮您查一下。我帮您查一下。
    press(qtbot, window, "Ctrl+Return")
    assert clipboard.text() == HOLD


def test_the_replaced_rows_go_at_the_next_edit(qtbot, window, settings):
    panel = open_draft(qtbot, window, settings, "你等一会吧，这个我不知道。")
    qtbot.mouseClick(replace_buttons(panel)[0], Qt.MouseButton.LeftButton)
    settled(qtbot, panel, 1)
    assert [label for label in panel.findChildren(QLabel, "draftFindingDone") if label.isVisible()]
    type_chinese(panel.editor, "好")
    pause_in_typing(panel)
    qtbot.waitUntil(lambda: not panel.findChildren(QLabel, "draftFindingDone"))
    assert len(replace_buttons(panel)) == 1
