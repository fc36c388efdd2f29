"""The global key's round trip, in the window (offscreen, the desktop's focus played by a fake):
remember the window the agent was in, come up, and after a copy give it the focus back, hide
again, and with hotkey/paste_back paste into it. The real thing on X11: test_softphone_x11.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from assist.ui.focus_x11 import Target
from assist.ui.summon import PASTE_WAIT_SECONDS
from tests.helpers import zh
from tests.ui_fixtures import press

CHAT_BOX = Target(4242, managed=False)
PHRASE = zh("请稍等,我帮您查一下。")


class FakeFocus(QObject):
    """The desktop: which window has the focus, which modifier keys are down, what was pasted where.

    When Qt activates the sidebar, the desktop has given it the focus (as the X server has by then).
    """

    def __init__(self, window) -> None:
        super().__init__()
        window.installEventFilter(self)  # runs before the sidebar's own filters, as the desktop comes first
        self.sidebar = Target(int(window.winId()), managed=False)
        self.active: Target | None = CHAT_BOX
        self.modifiers = False
        self.given_back: list[Target] = []
        self.pasted_into: list[Target | None] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ActivationChange and watched.isActiveWindow():
            self.active = self.sidebar
        return False

    def active_window(self) -> Target | None:
        return self.active

    def give_back(self, target: Target) -> bool:
        self.given_back.append(target)
        self.active = target
        return True

    def take(self, window: int) -> bool:
        self.active = Target(window, managed=False)
        return True

    def has_focus(self, target: Target) -> bool:
        return self.active == target

    def modifiers_held(self) -> bool:
        return self.modifiers

    def paste(self) -> str | None:
        self.pasted_into.append(self.active)
        return None


class FakeHotkey(QObject):
    activated = Signal()
    key = "Ctrl+Alt+Space"

    def register(self, key: str) -> str | None:
        return None


@pytest.fixture
def desk(qtbot, call_window):
    """The sidebar hidden, the agent in the chat box; `key()` is the global key."""
    window = call_window
    focus = FakeFocus(window)
    window.summon.focus = focus
    hotkey = FakeHotkey()
    window.use_hotkey(hotkey)
    window.hide()
    chat_box = QWidget()  # the softphone's window, active while the agent types in it
    qtbot.addWidget(chat_box)
    chat_box.show()
    chat_box.activateWindow()
    qtbot.waitUntil(chat_box.isActiveWindow)

    def key() -> None:
        hotkey.activated.emit()
        if window.isVisible():
            qtbot.waitUntil(window.isActiveWindow)

    return window, focus, key


def summon_and_copy(qtbot, window, key) -> None:
    key()
    assert window.isVisible() and window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, "qsd")
    # Right after start the pinyin index may still be building: the hits come when it is ready.
    qtbot.waitUntil(lambda: bool(window.search_page.cards), timeout=30_000)
    assert window.search_page.cards[0].phrase.text == PHRASE
    press(qtbot, window, "Return")


def test_a_copy_gives_the_focus_back_and_hides_the_sidebar_again(qtbot, desk, clipboard):
    window, focus, key = desk
    summon_and_copy(qtbot, window, key)
    assert clipboard.text() == PHRASE
    assert focus.given_back == [CHAT_BOX] and not window.isVisible()
    assert focus.pasted_into == []  # paste_back is off by default


def test_with_paste_back_the_phrase_is_pasted_into_the_chat_box(qtbot, desk, settings):
    window, focus, key = desk
    settings.set("hotkey/paste_back", True)
    summon_and_copy(qtbot, window, key)
    assert focus.pasted_into == [CHAT_BOX]


def test_the_paste_waits_for_the_modifier_keys_to_be_released(qtbot, desk, settings):
    window, focus, key = desk
    settings.set("hotkey/paste_back", True)
    focus.modifiers = True  # Ctrl still down from Ctrl+1, say
    key()
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    assert focus.given_back == [CHAT_BOX] and focus.pasted_into == []
    window.summon.paste_timer.timeout.emit()
    assert focus.pasted_into == []
    focus.modifiers = False
    window.summon.paste_timer.timeout.emit()
    assert focus.pasted_into == [CHAT_BOX] and not window.summon.paste_timer.isActive()


def test_no_paste_when_the_window_never_gets_the_focus_back(qtbot, desk, settings, clock):
    window, focus, key = desk
    settings.set("hotkey/paste_back", True)
    focus.give_back = lambda target: True  # the request is sent, but the focus stays elsewhere
    summon_and_copy(qtbot, window, key)
    clock.advance(PASTE_WAIT_SECONDS - 0.1)
    window.summon.paste_timer.timeout.emit()
    assert window.summon.paste_timer.isActive()
    clock.advance(0.2)
    window.summon.paste_timer.timeout.emit()
    focus.active = CHAT_BOX  # too late: the agent has moved on
    window.summon.paste_timer.timeout.emit()
    assert focus.pasted_into == [] and not window.summon.paste_timer.isActive()
    assert zh("未自动粘贴") in window.status.toolTip()


def test_a_phrase_that_asks_for_values_goes_back_once_they_are_typed(qtbot, desk, settings):
    window, focus, key = desk
    settings.set("hotkey/paste_back", True)
    key()
    press(qtbot, window, "Alt+2")
    press(qtbot, window, "Ctrl+1")  # the department to ring is not known yet: the sidebar asks
    form = window._values_form
    assert form is not None and window.isVisible() and focus.given_back == []
    for name, value in zip(form.fields, ["档案馆", "0871-1234", "66"], strict=True):
        form.fields[name].setText(value)
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    assert focus.given_back == [CHAT_BOX] and focus.pasted_into == [CHAT_BOX] and not window.isVisible()


def test_a_sidebar_in_view_stays_in_view(qtbot, desk):
    window, focus, key = desk
    window.show()  # docked beside the chat box, where the agent works
    qtbot.waitExposed(window)
    assert not window.isActiveWindow()
    summon_and_copy(qtbot, window, key)
    assert focus.given_back == [CHAT_BOX] and window.isVisible()


def test_a_copy_without_the_global_key_stays_in_the_sidebar(qtbot, desk):
    window, focus, _key = desk
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    assert focus.given_back == [] and window.isVisible()


def test_leaving_the_sidebar_by_other_means_ends_the_round_trip(qtbot, desk, settings):
    window, focus, key = desk
    settings.set("hotkey/paste_back", True)
    key()
    other = QWidget()  # the agent clicks into another window, then back into the sidebar
    qtbot.addWidget(other)
    other.show()
    focus.active = CHAT_BOX
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    focus.active = focus.sidebar
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    assert focus.given_back == [] and focus.pasted_into == [] and window.isVisible()


def test_news_of_a_lost_focus_that_comes_late_does_not_end_the_round_trip(qtbot, desk):
    """On X11 Qt reports the chat box's focus, from just before the global key, up to 0.4 s late."""
    window, focus, key = desk
    key()
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # Qt's late news: the desktop says the sidebar has the focus
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    assert focus.given_back == [CHAT_BOX]


def test_a_copy_asked_from_outside_while_the_agent_is_elsewhere_stays_put(qtbot, desk):
    """Summoned, then the focus moved on without Qt hearing of it (on X11, during a key grab): a copy
    asked by `assist copy` from a terminal must not send the focus to the chat box."""
    window, focus, key = desk
    key()
    focus.active = Target(777, managed=False)  # the terminal
    assert window.handle_command({"command": "copy", "situation": "hold", "number": 1})["ok"]
    assert focus.given_back == [] and window.isVisible()


def test_at_the_copy_the_desktops_word_on_the_focus_counts_not_qts(qtbot, desk):
    """On X11 a focus given during the global key's grab may never reach Qt: the sidebar has the keys
    while Qt calls it inactive. The copy still goes back to the chat box."""
    window, focus, key = desk
    key()
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()  # Qt: the sidebar is inactive; the desktop: it has the focus
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    assert window.handle_command({"command": "copy", "situation": "hold", "number": 1})["ok"]
    assert focus.given_back == [CHAT_BOX]


def test_the_global_key_in_the_sidebar_puts_it_away_and_goes_back(qtbot, desk):
    window, focus, key = desk
    key()
    key()
    assert not window.isVisible() and focus.given_back == [CHAT_BOX]
    assert QApplication.activeWindow() is not window


def test_the_settings_page_turns_paste_back_on(qtbot, call_window, settings):
    press(qtbot, call_window, "Ctrl+,")
    box = call_window.settings_page.paste_back
    assert not box.isChecked() and not settings.get("hotkey/paste_back")
    box.setChecked(True)
    assert settings.get("hotkey/paste_back") is True
