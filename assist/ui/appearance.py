"""How the sidebar looks and where it sits: theme, reading size, glosses, always on top, docking."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from assist.ui.geometry import docked, fit_on_screen
from assist.ui.i18n import glosses_shown, show_glosses, tr
from assist.ui.locks import refused_by_centre
from assist.ui.settings import Settings, choice_label
from assist.ui.status_line import StatusLine


class Appearance(QObject):
    def __init__(self, window: QWidget, settings: Settings, status: StatusLine, redraw: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.status = status
        self.redraw = redraw  # draws the pages again (the glosses changed)
        # Set by the window: notes what is at the top of the page shown, and returns what keeps it there.
        self.hold_view: Callable[[], Callable[[], None]] = lambda: lambda: None

    def apply(self) -> None:
        """The stylesheet for the theme and reading size in the settings ("system" follows the desktop)."""
        from assist.ui.theme import stylesheet

        app = QApplication.instance()
        if app is not None:
            theme, size = self.settings.get("appearance/theme"), self.settings.get("appearance/reading_size")
            keep_top = self.hold_view()  # a new size makes rows taller or shorter: the top row stays
            app.setStyleSheet(stylesheet(str(theme), str(size)))
            keep_top()

    def _locked(self, key: str) -> bool:
        return refused_by_centre(self.settings, self.status, key)

    def set_theme(self, theme: str) -> None:
        if self._locked("appearance/theme"):
            return
        self.settings.set("appearance/theme", theme)
        self.apply()
        self.redraw()  # the filled values in the phrases are coloured for the theme

    def set_reading_size(self, size: str) -> None:
        if self._locked("appearance/reading_size"):
            return
        self.settings.set("appearance/reading_size", size)
        self.apply()

    def change_reading_size(self, step: int) -> None:
        from assist.ui.theme import next_reading_size

        if self._locked("appearance/reading_size"):
            return
        size = next_reading_size(str(self.settings.get("appearance/reading_size")), step)
        self.set_reading_size(size)
        self.status.say(tr("字号：", "Reading size: ") + choice_label("appearance/reading_size", size))

    def set_glosses(self, on: bool) -> None:
        """Show or hide the English gloss of every phrase and situation, at once."""
        if self._locked("appearance/show_glosses") or on == glosses_shown():
            return
        self.settings.set("appearance/show_glosses", on)
        show_glosses(on)
        self.redraw()

    def set_language(self, language: str) -> None:
        if self._locked("appearance/language"):
            return
        self.settings.set("appearance/language", language)
        self.status.say(tr("界面语言在下次启动时生效。", "The language applies at the next start."))

    def toggle_on_top(self) -> None:
        if self._locked("window/always_on_top"):
            return
        on = not bool(self.settings.get("window/always_on_top"))
        self.settings.set("window/always_on_top", on)
        self.set_on_top(on, show=True)
        self.status.say(tr("总在最前", "Always on top") if on else tr("不再总在最前", "No longer always on top"))

    def set_on_top_setting(self, on: bool) -> None:
        if on != bool(self.settings.get("window/always_on_top")):
            self.toggle_on_top()

    def set_on_top(self, on: bool, show: bool) -> None:
        window = self.window
        if bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) == on:
            return
        visible = window.isVisible()
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)  # this hides the window: show it again
        if show or visible:
            window.show()

    def dock(self, side: str) -> None:
        """Dock at the left or right edge of the screen the sidebar is on, at full height."""
        if self._locked("window/dock"):
            return
        self.settings.set("window/dock", side)
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        self.window.setGeometry(docked(side, screen, self.window.width()))
        self.settings.set("window/geometry", self.window.geometry())

    def set_autostart(self, on: bool) -> None:
        if not self._locked("startup/autostart"):
            self.settings.set("startup/autostart", on)

    def on_screen_changed(self) -> None:
        """Moved to another screen, or a screen changed size or went away: stay whole on a screen."""
        self.window.setGeometry(fit_on_screen(self.window.geometry()))

    def on_color_scheme_changed(self) -> None:
        if self.settings.get("appearance/theme") == "system":
            self.apply()
