"""Issue 12, the hold: copying 请稍等 starts it in any mode, and its reminder reaches an agent who is
in the softphone (urgent window, tray message, tray tooltip, and on request the sidebar shown
without taking the focus). Time is a hand-moved clock; the once-a-second timer is fired by hand.
"""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSystemTrayIcon

from assist.core.model import FlowStep
from tests.ui_fixtures import press


def tick(window, clock, seconds):
    clock.advance(seconds)
    window.calls.timer.timeout.emit()


class FakeTray:
    """Stands in for the tray icon (the offscreen platform has no tray): records what it was asked."""

    def __init__(self) -> None:
        self.tip = "Assist · 96128 规范服务用语"
        self.messages: list[tuple[str, str]] = []

    def toolTip(self) -> str:
        return self.tip

    def setToolTip(self, tip: str) -> None:
        self.tip = tip

    def showMessage(self, title: str, text: str, *_args) -> None:
        self.messages.append((title, text))


@pytest.fixture
def alerts(monkeypatch):
    """The windows marked urgent through QApplication.alert."""
    marked = []
    monkeypatch.setattr(QApplication, "alert", lambda widget, duration=0: marked.append(widget))
    return marked


@pytest.fixture
def softphone(qtbot, call_window):
    """Another program's window, the one the agent types in; the sidebar is active to begin with."""
    other = QLineEdit()
    other.setWindowTitle("softphone")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    call_window.activateWindow()
    qtbot.waitUntil(call_window.isActiveWindow)
    return other


def focus_softphone(qtbot, softphone):
    softphone.activateWindow()
    qtbot.waitUntil(softphone.isActiveWindow)


def test_copying_the_hold_phrase_starts_the_hold_without_a_call_on(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")  # 请稍等，我帮您查一下。, no Ctrl+N before
    assert window.calls.call is not None and window.calls.call.hold is not None
    assert window.call_strip.hold_row.isVisible()
    with qtbot.waitSignal(window.calls.hold_reminder):
        tick(window, clock, 30)


def test_copying_the_greeting_starts_the_call(qtbot, call_window, clock):
    window = call_window
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")  # 您好，…请问有什么可以帮您？ without Ctrl+N
    call = window.calls.call
    assert call is not None and FlowStep.GREET in call.steps
    assert window.call_strip.isVisible() and window.call_strip.timer_label.text() == "通话 0:00"
    tick(window, clock, 20)
    press(qtbot, window, "Ctrl+1")  # greeting again: the same call goes on
    assert window.calls.call is call and window.call_strip.timer_label.text() == "通话 0:20"


def test_a_hidden_sidebar_marks_itself_urgent_and_tells_through_the_tray(qtbot, call_window, clock, alerts):
    window = call_window
    tray = FakeTray()
    window.hold_alert.tray = tray
    press(qtbot, window, "Ctrl+H")
    window.handle_command({"command": "hide"})  # the agent went back to the softphone
    tick(window, clock, 29)
    assert alerts == [] and tray.messages == []
    tick(window, clock, 1)
    assert alerts == [window]
    assert tray.messages == [("等待已超过 30 秒", "请告知用户大约还需多久，并致谢")]
    assert "等待 0:30" in tray.tip
    assert not window.isVisible()  # shown only when the agent asked for it (a setting)
    tick(window, clock, 30)
    assert len(alerts) == 2 and tray.messages[-1][0] == "等待已超过 60 秒"
    window.calls.toggle_hold()  # back with the answer
    assert tray.tip == "Assist · 96128 规范服务用语"


def test_a_covered_sidebar_is_marked_urgent_too(qtbot, call_window, clock, alerts, softphone):
    window = call_window
    tray = FakeTray()
    window.hold_alert.tray = tray
    press(qtbot, window, "Ctrl+H")
    focus_softphone(qtbot, softphone)  # the softphone may cover the sidebar (not always on top)
    tick(window, clock, 30)
    assert alerts == [window] and len(tray.messages) == 1


def test_the_sidebar_in_view_reminds_in_its_strip_only(qtbot, call_window, clock, alerts):
    window = call_window
    tray = FakeTray()
    window.hold_alert.tray = tray
    press(qtbot, window, "Ctrl+H")
    with qtbot.waitSignal(window.calls.hold_reminder):
        tick(window, clock, 30)
    assert window.call_strip.property("state") == "holdOverdue"
    assert alerts == [] and tray.messages == [] and tray.tip == "Assist · 96128 规范服务用语"


def test_without_a_tray_the_urgent_hint_still_comes(qtbot, call_window, clock, alerts):
    window = call_window
    assert window.hold_alert.tray is None
    press(qtbot, window, "Ctrl+H")
    window.handle_command({"command": "hide"})
    tick(window, clock, 30)
    assert alerts == [window]


def test_the_setting_shows_the_sidebar_without_taking_the_focus(
    qtbot, call_window, clock, alerts, settings, softphone, monkeypatch
):
    window = call_window
    press(qtbot, window, "Ctrl+,")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.settings_page)
    window.settings_page.show_on_hold.setChecked(True)
    assert settings.get("hold/show_sidebar") is True
    press(qtbot, window, "Esc")
    press(qtbot, window, "Ctrl+H")
    window.handle_command({"command": "hide"})
    focus_softphone(qtbot, softphone)
    # The offscreen platform activates every window it shows, so what is checked is what the sidebar
    # asks of the window system: to be shown without activation, and never to be activated.
    shown_without_activating, activated = [], []
    watcher = ShowWatcher(shown_without_activating)
    window.installEventFilter(watcher)
    monkeypatch.setattr(window, "activateWindow", lambda: activated.append(True))
    tick(window, clock, 30)
    qtbot.waitExposed(window)
    assert window.isVisible() and shown_without_activating == [True] and activated == []
    assert alerts == [window]


class ShowWatcher(QObject):
    """Notes, at each Show event, whether the window was asked to show without activating."""

    def __init__(self, seen: list[bool]) -> None:
        super().__init__()
        self.seen = seen

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show:
            self.seen.append(watched.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating))
        return False


def test_the_real_tray_icon_shows_the_message(qtbot, call_window, clock, alerts, monkeypatch):
    """The real Tray class receives the message (its showMessage recorded: offscreen draws no tray)."""
    from assist.ui.app_menu import Tray

    window = call_window
    tray = Tray(window.runner, window.situation_titles, window)
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: shown.append(args[:2]))
    window.hold_alert.tray = tray
    press(qtbot, window, "Ctrl+H")
    window.handle_command({"command": "hide"})
    tick(window, clock, 30)
    assert shown == [("等待已超过 30 秒", "请告知用户大约还需多久，并致谢")]
    assert "等待 0:30" in tray.toolTip()
