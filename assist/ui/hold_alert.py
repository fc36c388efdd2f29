"""The hold reminder for an agent who is in the softphone, not looking at the sidebar.

The call strip turns amber when a hold passes its threshold; that is enough when the sidebar is in
view. When it is hidden, minimised or may be covered (not the active window and not always on top),
the reminder must reach the agent elsewhere: the window is marked urgent (the taskbar flashes), the
tray shows a message and its tooltip the hold's time, and, when the agent chose it in the settings,
the sidebar comes back into view without taking the focus from the softphone.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from assist.core.call import clock_text
from assist.ui.call_controller import CallController
from assist.ui.i18n import tr
from assist.ui.settings import Settings


class TrayLike(Protocol):
    """What the reminder needs of the tray icon (QSystemTrayIcon; tests pass a stand-in)."""

    def toolTip(self) -> str: ...
    def setToolTip(self, tip: str) -> None: ...
    def showMessage(self, title: str, text: str) -> None: ...


class HoldAlert(QObject):
    def __init__(self, window: QWidget, calls: CallController, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.calls = calls
        self.settings = settings
        self.tray: TrayLike | None = None  # set by the app when the desktop has a tray
        self._usual_tip: str | None = None  # the tray's tooltip before a reminder changed it
        calls.hold_reminder.connect(self._on_reminder)
        calls.changed.connect(self._on_changed)

    def in_view(self) -> bool:
        """Whether the agent can see the sidebar's amber strip."""
        window = self.window
        if not window.isVisible() or window.isMinimized():
            return False
        return window.isActiveWindow() or bool(self.settings.get("window/always_on_top"))

    def _on_reminder(self, count: int) -> None:
        if self.in_view():
            return
        seconds = self.calls.hold_threshold * count
        QApplication.alert(self.window)
        if self.tray is not None:
            self.tray.showMessage(
                tr(f"等待已超过 {seconds:.0f} 秒", f"On hold for over {seconds:.0f} s"),
                tr("请告知用户大约还需多久，并致谢", "Tell the caller how long, and thank them"),
            )
            self._show_hold_in_tip()
        if self.settings.get("hold/show_sidebar"):
            self._show_without_focus()

    def _show_hold_in_tip(self) -> None:
        call = self.calls.call
        if self.tray is None or call is None or call.hold is None:
            return
        if self._usual_tip is None:
            self._usual_tip = self.tray.toolTip()
        elapsed = clock_text(call.hold.elapsed(self.calls.clock()))
        self.tray.setToolTip(
            tr(f"Assist · 等待 {elapsed} · 请告知用户", f"Assist · on hold {elapsed} · tell the caller")
        )

    def _on_changed(self) -> None:
        """Keep the tray's tooltip on the hold's time while overdue; put it back once the hold ends."""
        if self._usual_tip is None or self.tray is None:
            return
        if self.calls.hold_overdue:
            self._show_hold_in_tip()
        else:
            self.tray.setToolTip(self._usual_tip)
            self._usual_tip = None

    def _show_without_focus(self) -> None:
        window = self.window
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        try:
            window.show()
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
            window.raise_()
        finally:
            window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
