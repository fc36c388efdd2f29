"""The sidebar's menu, shared by the tray icon and the ☰ button: show/hide, situations, window
options, settings, the last phrasebook problem, quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from assist.core import builtin
from assist.ui.i18n import tr
from assist.ui.navigator import Page

if TYPE_CHECKING:
    from assist.ui.main_window import SidebarWindow


def theme_choices() -> tuple[tuple[str, str], ...]:
    return (("system", tr("跟随系统", "System")), ("light", tr("浅色", "Light")), ("dark", tr("深色", "Dark")))


def icon() -> QIcon:
    return QIcon(str(builtin.resources_folder() / "assist.svg"))


class SidebarMenu(QMenu):
    """Rebuilt each time it opens, so that it shows the book and the settings as they are now."""

    def __init__(self, window: SidebarWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.setObjectName("sidebarMenu")
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        window = self.window
        visible = window.isVisible()
        self._add(
            tr("隐藏侧栏", "Hide") if visible else tr("显示侧栏", "Show"),
            lambda: window.handle_command({"command": "toggle"}),
        )
        situations = self.addMenu(tr("场景", "Situations"))
        for number, situation in enumerate(window.navigator.book.situations, start=1):
            key = f"\tAlt+{number % 10}" if number <= 10 else ""
            situations.addAction(
                f"{number % 10 if number <= 10 else ''} {situation.title}{key}",
                lambda situation_id=situation.id: window.handle_command({"command": "show", "situation": situation_id}),
            )
        self.addSeparator()
        on_top = self._add(tr("总在最前", "Always on top") + "\tCtrl+T", window.toggle_on_top)
        on_top.setCheckable(True)
        on_top.setChecked(bool(window.settings.get("window/always_on_top")))
        self._add(tr("停靠左侧", "Dock left"), lambda: window.dock("left"))
        self._add(tr("停靠右侧", "Dock right"), lambda: window.dock("right"))
        themes = self.addMenu(tr("主题", "Theme"))
        group = QActionGroup(themes)
        for name, label in theme_choices():
            action = themes.addAction(label, lambda name=name: window.set_theme(name))
            action.setCheckable(True)
            action.setChecked(window.settings.get("appearance/theme") == name)
            group.addAction(action)
        self._add(tr("放大字号", "Larger text") + "\tCtrl++", lambda: window.change_reading_size(1))
        self._add(tr("缩小字号", "Smaller text") + "\tCtrl+-", lambda: window.change_reading_size(-1))
        self.addSeparator()
        self._add(
            tr("设置…", "Settings…") + "\tCtrl+,",
            lambda: (window.handle_command({"command": "show"}), window.navigator.show_page(Page.SETTINGS)),
        )
        if window.source is not None:
            self._add(tr("立即更新用语库", "Update phrasebook now") + "\tF5", window.source.refresh_now)
        problems = self._add(tr("用语库问题…", "Phrasebook problems…"), window.reveal_problems)
        problems.setEnabled(bool(window.banner.problems))
        self.addSeparator()
        self._add(tr("退出", "Quit"), QApplication.quit)

    def _add(self, text: str, slot: object) -> QAction:
        action = self.addAction(text)
        action.triggered.connect(slot)
        return action


class Tray(QSystemTrayIcon):
    """The tray icon: a click shows or hides the sidebar; its menu is the sidebar's menu."""

    def __init__(self, window: SidebarWindow) -> None:
        super().__init__(icon(), window)
        self.setToolTip("Assist · 96128 规范服务用语")
        self.menu = SidebarMenu(window)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.window = window

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.window.handle_command({"command": "toggle"})
