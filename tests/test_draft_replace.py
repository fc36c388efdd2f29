"""替换 in the draft panel, driven through the real window: the sentence reads well afterwards."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

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
    ],
)
def test_replace_takes_the_words_of_the_wording_and_never_doubles_punctuation(
    qtbot, window, settings, draft, replaced
):
    panel = open_draft(qtbot, window, settings, draft)
    qtbot.mouseClick(panel.findChildren(QPushButton, "replaceButton")[0], Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == replaced
    assert panel.findings == []
