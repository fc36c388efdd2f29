"""A monkey at the keyboard and the mouse: thousands of random keys and clicks, the ☰/F10 menu
included, then the agent's keys must still do what the F1 sheet says. (pytest-qt fails a test when
a Qt slot raises.)"""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu

from assist.ui.keymap import BINDINGS
from tests.helpers import zh
from tests.ui_fixtures import press

# Every binding but the reading size and always-on-top keys, which restyle or recreate the whole
# window each time (their own tests cover them) and would make this test take minutes.
SLOW = {"bigger_text", "smaller_text", "always_on_top"}
KEYS = [key for entry in BINDINGS if entry.action not in SLOW for key in entry.keys]
KEYS += ["Return", "Esc", "Up", "Down", "a", "q", "s", "d", "1", "2", "/"]
# Menu entries taken out: Quit would end the test's application, Hide would leave the monkey typing
# into a hidden window for the rest of the run; the others are the slow keys' entries.
LEFT_OUT = (
    *("退出", "Quit", "隐藏侧栏", "Hide"),
    *("放大字号", "Larger text", "缩小字号", "Smaller text", "总在最前", "Always on top"),
)


class MenuWatch(QObject):
    """Counts the menus shown and takes out the entries left out of the monkey's reach (LEFT_OUT)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMenu):
            self.shown += 1
            for action in watched.actions():
                if action.text().startswith(LEFT_OUT):
                    action.setEnabled(False)
                    action.setVisible(False)
        return False


def test_random_keys_clicks_and_menus_break_nothing(qtbot, call_window, clipboard):
    window = call_window
    watch = MenuWatch()
    QApplication.instance().installEventFilter(watch)
    rng = random.Random(20261129)
    try:
        for step in range(2500):
            popup = QApplication.activePopupWidget()
            if rng.random() < 0.8:
                press(qtbot, window, rng.choice(KEYS), target=popup)
            else:
                target = popup or window
                point = QPoint(rng.randrange(max(1, target.width())), rng.randrange(max(1, target.height())))
                child = target.childAt(point) if popup is None else None
                clicked = child if child is not None and child.isVisible() else target
                qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton, pos=clicked.mapFrom(target, point))
            if step % 250 == 0:
                window.calls.timer.timeout.emit()
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert watch.shown >= 5, f"the monkey opened a menu only {watch.shown} times"
    # Whatever state the monkey left, the agent gets back to work with the documented keys.
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    assert window.handle_command({"command": "show"})["ok"]
    qtbot.waitUntil(window.isVisible)
    for _ in range(3):
        press(qtbot, window, "Esc")
    clipboard.clear()
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))
