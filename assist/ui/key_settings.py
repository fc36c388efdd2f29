"""Changing keys: rebinding a command (refused when taken or when it would eat typed text), restoring
the defaults, and the global key that shows the sidebar from any program."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assist.ui.command_runner import CommandRunner
from assist.ui.i18n import tr
from assist.ui.keymap import binding, conflict, unusable
from assist.ui.status_line import StatusLine

if TYPE_CHECKING:
    from assist.ui.hotkey import GlobalHotkey


class KeySettings(QObject):
    def __init__(self, runner: CommandRunner, status: StatusLine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = runner.settings
        self.status = status
        self.hotkey: GlobalHotkey | None = None
        self.hotkey_problem = ""

    def rebind(self, action: str, key: str) -> str | None:
        """Give `action` a new key; refuse when another action has it or it has no modifier, and say
        why in the status line too (the caller shows it by the field)."""
        refusal = self._refusal(action, key)
        if refusal is not None:
            self.status.say(refusal, cause="keys")
            return refusal
        self.settings.set_key_overrides({**self.settings.key_overrides(), action: key})
        self.runner.build_actions()
        entry = binding(action)
        self.status.say(tr(f"✓ {entry.description}：{key}", f"✓ {entry.description_en}: {key}"))
        return None

    def _refusal(self, action: str, key: str) -> str | None:
        if unusable(key):
            return tr(
                f"{key} 会吞掉打字：请用 Ctrl、Alt 或 F 键，未更改。",
                f"{key} would eat typed text: use Ctrl, Alt or an F-key. Not changed.",
            )
        taken = conflict(action, key, self.settings.key_overrides())
        if taken is not None:
            other = binding(taken)
            return tr(
                f"{key} 已用于“{other.description}”，未更改。",
                f"{key} is taken by: {other.description_en}. Not changed.",
            )
        return None

    def reset(self) -> None:
        self.settings.set_key_overrides({})
        self.runner.build_actions()
        self.status.say(tr("快捷键已恢复默认", "Keys reset to the defaults"))

    def use_hotkey(self, hotkey: GlobalHotkey, on_pressed: Callable[[], object]) -> None:
        """Grab the global key from the settings; where that cannot work, say so once."""
        self.hotkey = hotkey
        hotkey.activated.connect(self.runner.composition.commit)  # half-typed pinyin is kept first
        hotkey.activated.connect(on_pressed)
        self.hotkey_problem = hotkey.register(str(self.settings.get("hotkey/global"))) or ""
        if self.hotkey_problem and not self.settings.get("hotkey/warned"):
            self.settings.set("hotkey/warned", True)
            self.status.say(self.hotkey_problem)

    def set_hotkey(self, key: str) -> str:
        """Change the global key; return why it cannot work, or ""."""
        if self.settings.is_locked("hotkey/global"):
            return tr("此项由中心设定，不能更改", "Set by your centre; it cannot be changed")
        self.settings.set("hotkey/global", key)
        if self.hotkey is None:
            return tr("全局快捷键未启用", "No global key in this window")
        self.hotkey_problem = self.hotkey.register(key) or ""
        return self.hotkey_problem
