"""The global key's round trip: from the softphone's chat box to the sidebar and back.

The global key remembers the window the agent was in, then brings the sidebar up with the
cursor in the search. The next copy gives that window its focus back, and hides the sidebar
again when the key had brought it out of hiding. With the setting hotkey/paste_back it also
pastes: Ctrl+V typed into that window once it has the focus and no modifier key is held down.
The clipboard stays owned by the sidebar's application while the window is hidden.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from assist.ui.focus_x11 import Target
from assist.ui.i18n import tr
from assist.ui.settings import Settings

PASTE_POLL_MS = 10
PASTE_WAIT_SECONDS = 2.0  # the target must have the focus, and the modifiers be up, within this long


class Focus(Protocol):
    def active_window(self) -> Target | None: ...
    def give_back(self, target: Target) -> bool: ...
    def take(self, window: int) -> bool: ...
    def has_focus(self, target: Target) -> bool: ...
    def modifiers_held(self) -> bool: ...
    def paste(self) -> str | None: ...


def platform_focus() -> Focus | None:
    """The focus of this desktop: X11 or Windows; None elsewhere (Wayland, offscreen)."""
    if sys.platform == "win32":
        from assist.ui.focus_windows import WindowsFocus

        return WindowsFocus()
    if QGuiApplication.platformName() == "xcb":
        from assist.ui.focus_x11 import X11Focus

        return X11Focus()
    return None


class Summon(QObject):
    returned = Signal(object)  # the Target given the focus back
    pasted = Signal(object)  # the Target pasted into
    paste_failed = Signal(str)  # why the paste did not happen

    def __init__(
        self,
        window: QWidget,
        settings: Settings,
        copied: Signal,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._clock = clock
        self.focus: Focus | None = None  # found at the first global key
        self._focus_looked_up = False
        self._target: Target | None = None
        self._own = 0  # the sidebar's window id, read outside event handlers (see eventFilter)
        self._hide_after = False
        self._paste_to: Target | None = None
        self._paste_deadline = 0.0
        self.paste_timer = QTimer(self)
        self.paste_timer.setInterval(PASTE_POLL_MS)
        self.paste_timer.timeout.connect(self._try_paste)
        copied.connect(self._on_copied)
        window.installEventFilter(self)

    def key_pressed(self, reveal: Callable[[], None]) -> None:
        """The global key: put the sidebar away if it is in use, else remember where the agent is and `reveal`."""
        window = self._window
        self._own = int(window.winId())
        active = self._active_window()
        if window.isVisible() and self._has_focus(active):
            self._go_back(hide=True)
            return
        self._target = active
        self._hide_after = not window.isVisible() or window.isMinimized()
        reveal()
        if not self._hide_after and self.focus is not None:
            self.focus.take(self._own)  # shown already: Qt's own request may come with too old a time

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only while a round trip waits, and never asking the window for its id here: winId() while Qt
        # activates or tears down the window crashes it.
        if self._target is None or event.type() != QEvent.Type.ActivationChange:
            return False
        if not self._has_focus(self._active_window()):
            self._target = None  # the agent went elsewhere by other means: the next copy stays here
        return False

    def _on_copied(self, *_: object) -> None:
        if self._target is None:
            return
        self._own = int(self._window.winId())  # the window is made anew when always-on-top changes
        if not self._has_focus(self._active_window()):
            return  # a copy asked from outside (`assist copy`) while the agent is elsewhere
        target = self._go_back(hide=self._hide_after)
        if target is not None and self._settings.get("hotkey/paste_back"):
            self._paste_to, self._paste_deadline = target, self._clock() + PASTE_WAIT_SECONDS
            self.paste_timer.start()
            self._try_paste()

    def _has_focus(self, active: Target | None) -> bool:
        """Whether the sidebar has the keyboard, by the desktop's word when there is one: on X11 Qt
        hears of a focus change late (up to 0.4 s), or, when the focus came during the global key's
        grab, not at all."""
        if self.focus is None:
            return self._window.isActiveWindow()
        return active is not None and active.window == self._own

    def _go_back(self, hide: bool) -> Target | None:
        """Hide if asked, give the remembered window its focus back; that window, if it worked."""
        target, self._target = self._target, None
        if hide:
            self._window.hide()
        if target is None or self.focus is None or not self.focus.give_back(target):
            return None
        self.returned.emit(target)
        return target

    def _try_paste(self) -> None:
        target = self._paste_to
        if target is None or self.focus is None:
            self.paste_timer.stop()
            return
        if self.focus.has_focus(target) and not self.focus.modifiers_held():
            self.paste_timer.stop()
            self._paste_to = None
            problem = self.focus.paste()
            if problem:
                self.paste_failed.emit(problem)
            else:
                self.pasted.emit(target)
        elif self._clock() > self._paste_deadline:
            self.paste_timer.stop()
            self._paste_to = None  # pasting later, somewhere the agent has moved on to, would surprise
            self.paste_failed.emit(
                tr(
                    "未自动粘贴：原窗口没有取回焦点，或按键未松开",
                    "Not pasted: the window did not get the focus back, or a key stayed down",
                )
            )

    def _active_window(self) -> Target | None:
        """The window with the focus now (perhaps the sidebar itself); None when unknown."""
        if not self._focus_looked_up:
            self._focus_looked_up = True
            self.focus = self.focus or platform_focus()
        if self.focus is None:
            return None
        return self.focus.active_window()
