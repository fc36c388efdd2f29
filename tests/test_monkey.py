"""A monkey at the keyboard and the mouse: thousands of random keys and clicks, no exception, no
setting lost. (pytest-qt fails a test when a Qt slot raises.)"""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolButton

from assist.ui.keymap import BINDINGS
from tests.ui_fixtures import press

# Every binding, plus typing keys; but not the menu (its Quit would end the test's application), nor
# the reading size and always-on-top keys, which restyle or recreate the whole window each time
# (their own tests cover them) and would make this test take minutes.
SLOW_OR_FATAL = {"open_menu", "bigger_text", "smaller_text", "always_on_top"}
KEYS = [key for entry in BINDINGS if entry.action not in SLOW_OR_FATAL for key in entry.keys]
KEYS += ["Return", "Esc", "Up", "Down", "a", "q", "s", "d", "1", "2", "/"]


def test_random_keys_and_clicks_break_nothing(qtbot, call_window, settings, clipboard):
    window = call_window
    profile = settings.profile()
    rng = random.Random(20261126)
    for step in range(2500):
        if rng.random() < 0.8:
            key = rng.choice(KEYS)
            press(qtbot, window, key)
        else:
            target = window.childAt(QPoint(rng.randrange(window.width()), rng.randrange(window.height())))
            # Not the ☰ button: its menu's Quit would end the test's application. Nor the agent's details
            # (资料, the profile fields of the settings page): typed keys and Enter there are an edit made
            # on purpose, which the last assertion would take for a lost value.
            profile_button = window.findChild(QToolButton, "profileButton")
            details = window.settings_page.form
            if (
                target is not None
                and target.isVisible()
                and target not in (window.menu_button, profile_button)
                and not (details is not None and details.isAncestorOf(target))
            ):
                qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
        if step % 250 == 0:
            window.calls.timer.timeout.emit()
    assert window.isVisible() or window.closes_to_tray is False
    assert settings.profile() == profile  # no value the agent set was lost or changed
    assert window.navigator.book.situations
