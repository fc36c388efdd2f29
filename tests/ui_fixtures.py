"""Fixtures that build the real sidebar window with a temporary settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from assist.ui.main_window import SidebarWindow
from assist.ui.settings import Settings
from assist.ui.theme import stylesheet


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.at(tmp_path / "assist.ini")


@pytest.fixture
def clipboard(qapp):
    board = QGuiApplication.clipboard()
    board.setText("(nothing copied yet)")
    return board


@pytest.fixture
def open_window(qtbot, qapp, clipboard):
    """Build, show and activate a sidebar on a book, the way the app does."""
    qapp.setStyleSheet(stylesheet())

    def open_(book, settings: Settings, **options) -> SidebarWindow:
        window = SidebarWindow(book, settings, **options)
        qtbot.addWidget(window)
        window.place()
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return open_


@pytest.fixture
def sized_window(open_window, default_book, settings):
    """A sidebar in a language and a reading size, with the agent's details filled in."""

    def open_(language: str, size: str, first_start: bool = False, **options):
        settings.set("appearance/language", language)
        settings.set("appearance/reading_size", size)
        if not first_start:  # else: the profile bar asks for the agent's details
            settings.set("profile/dismissed", True)
            settings.set_profile_values({"organisation": "Acme", "department": "Office", "agent_number": "1024"})
        QApplication.instance().setStyleSheet(stylesheet("light", size))
        window = open_window(default_book, settings, **options)
        window.appearance.apply()
        return window

    return open_


@pytest.fixture
def window(open_window, default_book, settings) -> SidebarWindow:
    return open_window(default_book, settings)


def press(qtbot, window: SidebarWindow, key: str, target: QWidget | None = None) -> None:
    """Press a key sequence such as "Alt+5" where the focus is (or on `target`), as a user would."""
    code, modifiers = key_of(key)
    qtbot.keyClick(target or QApplication.focusWidget() or window, code, modifiers)


def key_of(key: str) -> tuple[Qt.Key, Qt.KeyboardModifier]:
    """The Qt key and modifiers of a sequence such as "Ctrl+Shift+Left", "F10" or "Esc"."""
    sequence = key.split("+")
    modifiers = Qt.KeyboardModifier.NoModifier
    names = {
        "Alt": Qt.KeyboardModifier.AltModifier,
        "Ctrl": Qt.KeyboardModifier.ControlModifier,
        "Shift": Qt.KeyboardModifier.ShiftModifier,
    }
    for name in sequence[:-1]:
        modifiers |= names[name]
    last = sequence[-1]
    named = {"Esc": Qt.Key.Key_Escape}
    code = named.get(last) or getattr(Qt.Key, f"Key_{last}", None) or Qt.Key(ord(last.upper()))
    return code, modifiers


def type_chinese(widget, text: str) -> None:
    """Commit text into a field the way a Chinese input method does (QTest cannot type non-Latin keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class FakeClock:
    """A clock the test moves by hand: timers are driven by firing their signals, never by waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def call_window(open_window, default_book, settings, clock) -> SidebarWindow:
    """A sidebar with the agent's details filled in, the built-in directory and a hand-moved clock."""
    from assist.core.directory import default_directory
    from assist.core.directory_file import check_directory_file

    settings.set_profile_values({"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1024"})
    settings.set("profile/dismissed", True)
    return open_window(default_book, settings, clock=clock, directory=check_directory_file(default_directory()))


@pytest.fixture
def source_window(open_window, settings, tmp_path) -> SidebarWindow:
    """A sidebar whose book comes from a BookSource, so the agent can add phrases of their own."""
    from assist.core.personal import PersonalStore
    from assist.ui.book_source import BookSource

    settings.set("profile/dismissed", True)
    source = BookSource(None, PersonalStore(tmp_path / "personal.yaml"))
    return open_window(source.load(), settings, source=source)


@pytest.fixture
def personal_window(qtbot, open_window, settings, tmp_path):
    """A sidebar started on a personal file with the given text (written before the start)."""
    from assist.core.personal import PersonalStore
    from assist.ui.book_source import BookSource

    def open_(text: str | None):
        path = tmp_path / "data" / "personal.yaml"
        path.parent.mkdir(exist_ok=True)
        if text is not None:
            path.write_text(text, encoding="utf-8")
        settings.set("profile/dismissed", True)
        source = BookSource(None, PersonalStore(path))
        window = open_window(source.load(), settings, source=source)
        qtbot.waitUntil(lambda: not source.vetter.busy)  # own phrases show once vetted
        return window, path

    return open_


def reload_when_the_watcher_sees_it(qtbot, source) -> None:
    """Wait for the watcher's event (it arms the reload delay), then end the delay by hand."""
    qtbot.waitUntil(source._reload_timer.isActive, timeout=5000)
    source._reload_timer.stop()
    source._reload_timer.timeout.emit()
