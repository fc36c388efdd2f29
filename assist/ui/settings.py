"""The sidebar's settings, declared once, stored with QSettings.

QSettings writes its file through QSaveFile (a temporary file renamed over the old one),
so a crash in the middle of a save never leaves a half-written settings file. Tests
pass their own file; the app uses the user's config folder (XDG_CONFIG_HOME on Linux).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSettings


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type
    default: object
    description: str
    choices: tuple[tuple[str, str, str], ...] = ()  # (value, Chinese label, English label)


SETTINGS: dict[str, Setting] = {
    setting.key: setting
    for setting in (
        Setting(
            "window/geometry",
            QRect,
            QRect(),
            "Where the sidebar was and how big, restored at start",
        ),
        Setting("profile/dismissed", bool, False, "The agent closed the first-start profile prompt"),
        Setting("window/always_on_top", bool, False, "Keep the sidebar above other windows"),
        Setting(
            "window/dock",
            str,
            "right",
            "The screen edge the sidebar docks at: right or left",
            (("right", "右侧", "Right"), ("left", "左侧", "Left")),
        ),
        Setting(
            "phrasebook/source",
            str,
            "",
            "The organisation's phrasebook: a file path or an http(s) URL (empty: the built-in book only)",
        ),
        Setting("recent/phrases", list, [], "The last phrases copied, newest first, as situation-id|text"),
        Setting("hotkey/global", str, "Ctrl+Alt+Space", "The key that shows or hides the sidebar from any program"),
        Setting("hotkey/warned", bool, False, "The agent was told once that the global key cannot work here"),
        Setting(
            "appearance/language",
            str,
            "system",
            "Interface language: system, zh (Chinese) or en (English)",
            (("system", "跟随系统", "System"), ("zh", "中文", "中文"), ("en", "English", "English")),
        ),
        Setting("appearance/show_glosses", bool, False, "Show the English gloss under each phrase"),
        Setting(
            "appearance/theme",
            str,
            "system",
            "Colours: system (follow the desktop), light or dark",
            (("system", "跟随系统", "System"), ("light", "浅色", "Light"), ("dark", "深色", "Dark")),
        ),
        Setting(
            "appearance/reading_size",
            str,
            "normal",
            "Text size: compact, normal, large or larger",
            (
                ("compact", "紧凑", "Compact"),
                ("normal", "标准", "Normal"),
                ("large", "大", "Large"),
                ("larger", "特大", "Larger"),
            ),
        ),
        Setting(
            "hold/threshold_seconds",
            int,
            30,
            "Seconds of hold after which the sidebar reminds the agent to tell the caller, and again each time",
        ),
    )
}


def choices(key: str) -> tuple[tuple[str, str], ...]:
    """A setting's values with their labels in the interface language (the settings page and the menu)."""
    from assist.ui.i18n import tr

    return tuple((value, tr(zh, en)) for value, zh, en in SETTINGS[key].choices)


def choice_label(key: str, value: str) -> str:
    return dict(choices(key)).get(value, value)


PROFILE_GROUP = "profile-values"  # one entry per placeholder name: the agent's value for it
KEYS_GROUP = "keys"  # one entry per rebound action: its new key (the defaults are in keymap.BINDINGS)


class Settings:
    """Typed access to the settings declared in `SETTINGS`, plus the agent's placeholder values."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def for_user(cls) -> Settings:
        return cls(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Assist", "assist"))

    @classmethod
    def at(cls, path: Path | str) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def location(self) -> str:
        return self._store.fileName()

    def get(self, key: str) -> object:
        setting = SETTINGS[key]
        value = self._store.value(key, setting.default)
        if setting.type is bool and isinstance(value, str):
            return value.lower() == "true"
        if setting.type is list and isinstance(value, str):  # QSettings reads a one-item list as text
            return [value]
        if setting.type is int and isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                return setting.default  # a hand-edited value that is not a number
        if not isinstance(value, setting.type):  # a hand-edited or foreign value: use the default
            return setting.default
        return value

    def set(self, key: str, value: object) -> None:
        setting = SETTINGS[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} takes {setting.type.__name__}, not {type(value).__name__}")
        self._store.setValue(key, value)
        self._store.sync()

    def profile(self) -> dict[str, str]:
        self._store.beginGroup(PROFILE_GROUP)
        try:
            return {name: str(self._store.value(name, "")) for name in self._store.childKeys()}
        finally:
            self._store.endGroup()

    def key_overrides(self) -> dict[str, str]:
        self._store.beginGroup(KEYS_GROUP)
        try:
            return {action: str(self._store.value(action, "")) for action in self._store.childKeys()}
        finally:
            self._store.endGroup()

    def set_key_overrides(self, overrides: dict[str, str]) -> None:
        self._store.remove(KEYS_GROUP)
        self._store.beginGroup(KEYS_GROUP)
        try:
            for action, key in overrides.items():
                self._store.setValue(action, key)
        finally:
            self._store.endGroup()
        self._store.sync()

    def set_profile_values(self, values: dict[str, str]) -> None:
        self._store.beginGroup(PROFILE_GROUP)
        try:
            for name, value in values.items():
                self._store.setValue(name, value.strip())
        finally:
            self._store.endGroup()
        self._store.sync()
