"""替换 in the draft panel, driven through the real window: the sentence reads well afterwards."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton

from assist.core.checker import Checker
from assist.core.loader import check_text
from tests.ui_fixtures import press, type_chinese


def pause_in_typing(panel):
    assert panel.check_timer.isActive()
    panel.check_timer.timeout.emit()


def open_draft(qtbot, window, settings, text):
    settings.set_profile_values({"organisation": "某市政务服务中心"})
    window.copier.profile_changed.emit()
    press(qtbot, window, "Ctrl+D")
    panel = window.draft_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.editor.hasFocus())
    type_chinese(panel.editor, text)
    pause_in_typing(panel)
    return panel


@pytest.mark.parametrize(
    ("draft", "replaced"),
    [
        ("你等一会吧。", "请稍等，我帮您查一下。"),  # was 你请稍等，我帮您查一下。吧。
        ("喂，查什么？", "您好，某市政务服务中心，请问有什么可以帮您？"),  # was …帮您？？
        ("这个我也不清楚", "请稍等，我帮您查一下。"),  # was 这个我也谢谢您的建议（批评）…。
        ("好的😀，你等一会吧！", "好的😀，请稍等，我帮您查一下。"),
        ("ok 你等一会吧。 thanks", "ok 请稍等，我帮您查一下。 thanks"),  # was …查一下。thanks
    ],
)
def test_replace_takes_the_words_of_the_wording_and_never_doubles_punctuation(qtbot, window, settings, draft, replaced):
    panel = open_draft(qtbot, window, settings, draft)
    qtbot.mouseClick(panel.findChildren(QPushButton, "replaceButton")[0], Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == replaced
    assert panel.findings == []


LOOKUP = "请稍等，我帮您查一下。"
THANKS = "谢谢您的建议（批评），我们会尽快向上级部门反映。"


def test_the_best_phrase_is_listed_and_the_others_are_offered_in_a_menu(qtbot, window, settings):
    panel = open_draft(qtbot, window, settings, "您反映的服务态度问题我也不清楚")
    (row_text,) = [label.text() for label in panel.findChildren(QLabel, "draftFindingText")]
    assert "谢谢您的建议" in row_text  # the words around point at the criticism
    (others,) = panel.findChildren(QToolButton, "alternativesButton")
    qtbot.mouseClick(others, Qt.MouseButton.LeftButton)
    menu = panel.choices
    qtbot.waitUntil(menu.isVisible)
    assert [action.text() for action in menu.actions()] == [f"&1 {THANKS}", f"&2 {LOOKUP}"]
    qtbot.keyClick(menu, Qt.Key.Key_2)  # each phrase has its number as its key
    qtbot.waitUntil(lambda: panel.editor.toPlainText() == "您反映的服务态度问题，" + LOOKUP)


def test_alt_enter_opens_the_phrases_for_the_finding_at_the_cursor(qtbot, window, settings):
    panel = open_draft(qtbot, window, settings, "好的😀，这个我也不清楚")
    press(qtbot, window, "Ctrl+Home")  # the cursor before the finding: the next finding's phrases
    press(qtbot, window, "Alt+Return")
    menu = panel.choices
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible())
    assert menu.activeAction() is menu.actions()[0]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.editor.toPlainText() == "好的😀，" + THANKS)
    # typing goes on after the phrase (Qt counts the emoji as two)
    assert panel.editor.hasFocus() and panel.editor.textCursor().position() == len("好的😀，" + THANKS) + 1


def test_the_situation_in_view_ranks_its_phrase_first(qtbot, window, settings):
    press(qtbot, window, "Alt+6")  # 当用户提出建议和批评时
    panel = open_draft(qtbot, window, settings, "这个我不清楚")
    assert panel.suggestions(panel.findings[0]) == [THANKS, LOOKUP]
    press(qtbot, window, "Esc", panel.editor)
    press(qtbot, window, "Alt+5")  # 查询
    assert panel.suggestions(panel.findings[0]) == [LOOKUP, THANKS]


BOOK = """\
name: 示例
situations:
  - id: hold
    title: 查询
    phrases:
      - text: 请稍等。
      - text: 不知道的话请稍等。
    forbidden:
      - text: 不知道
        instead: 请稍等。
      - text: 等一会
        instead: [hold#2, hold#1]
"""


def test_a_phrase_that_would_leave_forbidden_wording_is_not_put_in(qtbot, window, settings):
    panel = open_draft(qtbot, window, settings, "好")
    panel.set_checker(Checker(check_text(BOOK, "book.yaml").book))
    panel.editor.clear()
    type_chinese(panel.editor, "你等一会吧。")
    pause_in_typing(panel)
    qtbot.mouseClick(panel.findChildren(QPushButton, "replaceButton")[0], Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == "你等一会吧。"
    assert panel.summary.text() == "未替换：替换后这句仍有禁语“不知道”"
    panel.replace(panel.findings[0], "请稍等。")  # the other phrase is clean
    assert panel.editor.toPlainText() == "请稍等。"
