"""The sidebar's menu, shared by the tray icon, the ☰ button and F10, built from the command table.

Rebuilt each time it opens, so that it shows the book, the settings and the keys as they are now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QActionGroup, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from assist.core import builtin
from assist.ui.command_runner import CommandRunner, menu_label
from assist.ui.commands import COMMANDS, MENU_GROUPS
from assist.ui.i18n import current, tr
from assist.ui.settings import choices

Situations = Callable[[], list[tuple[str, str]]]  # (id, title) of each situation of the book shown


def icon() -> QIcon:
    return QIcon(str(builtin.resources_folder() / "assist.svg"))


class SidebarMenu(QMenu):
    def __init__(self, runner: CommandRunner, situations: Situations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.situations = situations
        self.setObjectName("sidebarMenu")
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        english = current() == "en"
        for group in MENU_GROUPS:
            entries = [entry for entry in COMMANDS if entry.menu == group]
            if not entries:
                continue
            if group not in ("top", "situations"):
                self.addSeparator()
            for entry in entries:
                if entry.id == "open_situation":
                    self._situations(menu_label(entry, english))
                elif entry.id == "set_theme":
                    self._themes(menu_label(entry, english))
                else:
                    self._add(entry.id, menu_label(entry, english))

    def _add(self, command_id: str, label: str) -> None:
        runner = self.runner
        checked = runner.is_checked(command_id)
        if command_id == "toggle":  # its "checked" state is: the sidebar is visible
            label, checked = (tr("隐藏侧栏", "Hide") if checked else tr("显示侧栏", "Show")), None
        keys = runner.keys_of(command_id)
        action = self.addAction(label + (f"\t{keys[0]}" if keys else ""))
        action.setObjectName(f"menu_{command_id}")
        action.setEnabled(runner.is_enabled(command_id))
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
        action.triggered.connect(lambda _=False: runner.run(command_id))

    def _situations(self, label: str) -> None:
        submenu = self.addMenu(label)
        keys = self.runner.keys_of("open_situation")
        for index, (situation_id, title) in enumerate(self.situations()):
            key = f"\t{keys[index]}" if index < len(keys) else ""
            number = f"{(index + 1) % 10} " if index < len(keys) else ""
            action = submenu.addAction(f"{number}{title}{key}")
            action.triggered.connect(lambda _=False, s=situation_id: self.runner.run("show", {"situation": s}))

    def _themes(self, label: str) -> None:
        submenu = self.addMenu(label)
        group = QActionGroup(submenu)
        current_theme = self.runner.settings.get("appearance/theme")
        for value, name in choices("appearance/theme"):
            action = submenu.addAction(name)
            action.setCheckable(True)
            action.setChecked(current_theme == value)
            action.triggered.connect(lambda _=False, v=value: self.runner.run("set_theme", {"theme": v}))
            group.addAction(action)


class Tray(QSystemTrayIcon):
    """The tray icon: a click shows or hides the sidebar; its menu is the sidebar's menu."""

    def __init__(self, runner: CommandRunner, situations: Situations, parent: QWidget) -> None:
        super().__init__(icon(), parent)
        self.setToolTip(tr("Assist · 96128 规范服务用语", "Assist · 96128 phrases"))
        self.runner = runner
        self.menu = SidebarMenu(runner, situations)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.runner.run("toggle")
