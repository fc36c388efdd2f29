"""Issue 11, defect 14, offscreen: a command that comes while an input method composes commits the
composition into its field first (the input method is played by QInputMethodEvents, as Qt's IBus
plugin sends them). The real IBus on Xvfb: tests/test_input_method_x11.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from assist.ui.commands import command
from assist.ui.composition import LEAVES_COMPOSITION, qt_key
from tests.test_summon import FakeHotkey
from tests.ui_fixtures import press


def compose(widget, text: str) -> None:
    """What an input method does while the agent types pinyin: the field shows `text`, not yet typed."""
    QApplication.sendEvent(widget, QInputMethodEvent(text, []))


@pytest.fixture
def composing(qtbot, window):
    """`qing` composing in the search box: it shows 清."""
    press(qtbot, window, "Ctrl+F")
    compose(window.search_box, "清")
    assert window.search_box.text() == "" and window.runner.composition.preedit == "清"
    return window


def test_ctrl_d_commits_the_composition_then_opens_the_draft(qtbot, composing):
    window = composing
    press(qtbot, window, "Ctrl+D")
    assert window.search_box.text() == "清"
    assert window.draft.panel is not None and window.draft.panel.isVisible()


def test_f10_commits_the_composition_then_opens_the_menu(qtbot, composing):
    window = composing
    press(qtbot, window, "F10")
    qtbot.waitUntil(lambda: window.menu is not None and window.menu.isVisible())
    assert window.search_box.text() == "清"
    window.menu.hide()


def test_the_composition_in_the_draft_is_copied_by_ctrl_return(qtbot, window, clipboard):
    press(qtbot, window, "Ctrl+D")
    compose(window.draft.panel.editor, "请稍等")
    press(qtbot, window, "Ctrl+Return")
    qtbot.waitUntil(lambda: clipboard.text() == "请稍等")
    assert window.draft.panel.editor.toPlainText() == "请稍等"


def test_the_global_key_commits_the_composition_before_it_puts_the_sidebar_away(qtbot, composing):
    window = composing
    hotkey = FakeHotkey()
    window.use_hotkey(hotkey)
    hotkey.activated.emit()
    assert window.search_box.text() == "清"


def test_the_transcripts_commands_leave_the_composition_alone(composing):
    window = composing
    for command_id in sorted(LEAVES_COMPOSITION):
        command(command_id)  # each is a command of the table
    assert window.runner.run("ping") == {"ok": True}
    assert window.search_box.text() == "" and window.runner.composition.preedit == "清"


def test_without_a_composition_nothing_is_committed(qtbot, window):
    press(qtbot, window, "Ctrl+F")
    assert window.runner.composition.commit() is False
    assert window.search_box.text() == ""


@pytest.mark.parametrize(
    ("keysym", "state", "key"),
    [
        (ord("2"), 4, "Ctrl+2"),
        (ord("5"), 8, "Alt+5"),
        (ord("d"), 4, "Ctrl+D"),
        (0xFFC7, 0, "F10"),  # XK_F10
        (ord("+"), 4 | 1, "Ctrl++"),  # + is typed with Shift
        (0xFF51, 4 | 1, "Ctrl+Shift+Left"),
        (0xFF0D, 4, "Ctrl+Return"),
        (ord(","), 4, "Ctrl+,"),
    ],
)
def test_x11_keys_are_read_as_the_command_tables_keys(keysym, state, key):
    assert qt_key(keysym, state) == QKeySequence(key)[0].toCombined()


def test_keys_no_command_can_have_are_not_read():
    assert qt_key(0xFFE3, 4) is None  # Control_L itself
    assert qt_key(ord("q"), 0) == QKeyCombination(Qt.Key.Key_Q).toCombined()  # plain: not a field key
