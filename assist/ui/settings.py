"""The sidebar's settings, declared once, stored with QSettings, in two layers.

The agent's own file (XDG_CONFIG_HOME/Assist/assist.ini on Linux, %APPDATA%\\Assist on Windows) over
the centre's file, which an IT department writes once for every desktop
($XDG_CONFIG_DIRS/Assist/assist.ini, e.g. /etc/xdg/Assist/assist.ini; the machine-wide scope on
Windows). The centre's file may lock settings (`[centre] locked=phrasebook/source, ...`): a locked
setting always has the centre's value and cannot be changed by the agent.

QSettings writes its file through QSaveFile (a temporary file renamed over the old one), so a crash
in the middle of a save never leaves a half-written settings file. Tests pass their own files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QRect, QSettings


def _key_problem(value: object) -> str:
    """Why a text is not a key Qt knows ("Ctrl+Banana"), or ""."""
    from PySide6.QtGui import QKeySequence

    portable = QKeySequence.SequenceFormat.PortableText
    if QKeySequence.fromString(str(value), portable).toString(portable) != str(value):
        return f"{value!r} is not a key such as Ctrl+Alt+Space or F9"
    return ""


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type
    default: object
    description: str
    choices: tuple[str, ...] = ()  # the values a text setting takes (empty: any)
    bounds: tuple[int, int] | None = None  # the smallest and largest value of a number
    check: Callable[[object], str] | None = None  # any further rule: why a value is wrong, or ""

    def problem(self, value: object) -> str:
        """Why `value` cannot be this setting's value, or "" when it can."""
        if not isinstance(value, self.type):
            return f"{self.key} takes {self.type.__name__}, not {type(value).__name__}"
        if self.choices and value not in self.choices:
            return f"{self.key} takes one of {', '.join(self.choices)}, not {value!r}"
        if self.bounds and not self.bounds[0] <= value <= self.bounds[1]:  # type: ignore[operator]
            return f"{self.key} takes a number from {self.bounds[0]} to {self.bounds[1]}, not {value!r}"
        return self.check(value) if self.check else ""


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
        Setting("window/dock", str, "right", "The screen edge the sidebar docks at: right or left", ("right", "left")),
        Setting(
            "phrasebook/source",
            str,
            "",
            "The organisation's phrasebook: a file path or an http(s) URL (empty: the built-in book only)",
        ),
        Setting("recent/phrases", list, [], "The last phrases copied, newest first, as situation-id|text"),
        Setting(
            "hotkey/global",
            str,
            "Ctrl+Alt+Space",
            "The key that shows or hides the sidebar from any program",
            check=_key_problem,
        ),
        Setting(
            "hotkey/paste_back",
            bool,
            False,
            "After a copy from a sidebar brought up by the global key, also paste into the window the agent was in",
        ),
        Setting("hotkey/warned", bool, False, "The agent was told once that the global key cannot work here"),
        Setting(
            "appearance/language",
            str,
            "system",
            "Interface language: system, zh (Chinese) or en (English)",
            ("system", "zh", "en"),
        ),
        Setting("appearance/show_glosses", bool, False, "Show the English gloss under each phrase"),
        Setting(
            "appearance/theme",
            str,
            "system",
            "Colours: system (follow the desktop), light or dark",
            ("system", "light", "dark"),
        ),
        Setting(
            "appearance/reading_size",
            str,
            "normal",
            "Text size: compact, normal, large or larger",
            ("compact", "normal", "large", "larger"),
        ),
        Setting(
            "startup/autostart",
            bool,
            False,
            "Start the sidebar when the agent logs in (through the autostart entry the Debian package installs)",
        ),
        Setting(
            "hold/threshold_seconds",
            int,
            30,
            "Seconds of hold after which the sidebar reminds the agent to tell the caller, and again each time",
            bounds=(5, 600),
        ),
        Setting(
            "hold/show_sidebar",
            bool,
            False,
            "When the hold reminder comes and the sidebar is hidden or covered, show it without taking the focus",
        ),
    )
}


# How each value of a setting with choices is named, in Chinese and English (the settings page, the menu).
CHOICE_LABELS: dict[str, tuple[str, str]] = {
    "system": ("跟随系统", "System"),
    "light": ("浅色", "Light"),
    "dark": ("深色", "Dark"),
    "compact": ("紧凑", "Compact"),
    "normal": ("标准", "Normal"),
    "large": ("大", "Large"),
    "larger": ("特大", "Larger"),
    "right": ("右侧", "Right"),
    "left": ("左侧", "Left"),
    "zh": ("中文", "中文"),  # a language is named in its own words
    "en": ("English", "English"),
}


def choices(key: str) -> tuple[tuple[str, str], ...]:
    """A setting's values with their names in the interface language (the settings page and the menu)."""
    from assist.ui.i18n import tr

    return tuple((value, tr(*CHOICE_LABELS.get(value, (value, value)))) for value in SETTINGS[key].choices)


def choice_label(key: str, value: str) -> str:
    return dict(choices(key)).get(value, value)


PROFILE_GROUP = "profile-values"  # one entry per placeholder name: the agent's value for it
KEYS_GROUP = "keys"  # one entry per rebound action: its new key (the defaults are in keymap.BINDINGS)
LOCKED_KEY = "centre/locked"  # in the centre's file: the settings the agent cannot change


class Origin(Enum):
    """Where a setting's value comes from."""

    DEFAULT = "default"
    CENTRE = "centre"
    USER = "user"


class LockedSetting(Exception):
    """The agent tried to change a setting that the centre locked."""

    def __init__(self, key: str) -> None:
        super().__init__(f"{key} is set by your centre and cannot be changed here")
        self.key = key


class Settings:
    """Typed access to the settings declared in `SETTINGS`, plus the agent's placeholder values.

    Values are read from the agent's store, then the centre's; values are written only to the
    agent's store, and never for a setting the centre locked.
    """

    def __init__(self, store: QSettings, centre: QSettings | None = None) -> None:
        self._store = store
        self._store.setFallbacksEnabled(False)  # the centre's layer is read explicitly, below
        self._centre = centre
        locked = centre.value(LOCKED_KEY, []) if centre is not None else []
        self._locked = frozenset(key.strip() for key in _as_list(locked) if key.strip())

    @classmethod
    def for_user(cls) -> Settings:
        return cls(
            QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Assist", "assist"),
            QSettings(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, "Assist", "assist"),
        )

    @classmethod
    def at(cls, path: Path | str, centre: Path | str | None = None) -> Settings:
        centre_store = QSettings(str(centre), QSettings.Format.IniFormat) if centre is not None else None
        return cls(QSettings(str(path), QSettings.Format.IniFormat), centre_store)

    @property
    def location(self) -> str:
        return self._store.fileName()

    @property
    def centre_location(self) -> str:
        return self._centre.fileName() if self._centre is not None else ""

    def is_locked(self, key: str) -> bool:
        """True when the centre locked this setting (`profile-values/NAME` for a profile value)."""
        return key in self._locked

    def origin(self, key: str) -> Origin:
        if key not in self._locked and self._store.contains(key):
            return Origin.USER
        if self._centre is not None and self._centre.contains(key):
            return Origin.CENTRE
        return Origin.DEFAULT

    def _raw(self, key: str, default: object) -> object:
        origin = self.origin(key)
        if origin is Origin.USER:
            return self._store.value(key, default)
        if origin is Origin.CENTRE:
            return self._centre.value(key, default)  # type: ignore[union-attr]
        return default

    def get(self, key: str) -> object:
        setting = SETTINGS[key]
        value = self._raw(key, setting.default)
        if setting.type is bool and isinstance(value, str):
            value = value.lower() == "true"
        elif setting.type is list and isinstance(value, str):  # QSettings reads a one-item list as text
            value = [value]
        elif setting.type is int and isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                return setting.default  # a hand-edited value that is not a number
        if setting.problem(value):  # a hand-edited or foreign value: use the default
            return setting.default
        return value

    def set(self, key: str, value: object) -> None:
        setting = SETTINGS[key]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {key} takes {setting.type.__name__}, not {type(value).__name__}")
        if problem := setting.problem(value):
            raise ValueError(problem)
        if key in self._locked:
            raise LockedSetting(key)
        self._store.setValue(key, value)
        self._store.sync()

    def reset(self, key: str) -> None:
        """Forget the agent's own value: the centre's or the default one applies again."""
        if key in self._locked:
            raise LockedSetting(key)
        self._store.remove(key)
        self._store.sync()

    def profile(self) -> dict[str, str]:
        """The agent's placeholder values over the centre's (a locked one is always the centre's)."""
        values = _group(self._centre, PROFILE_GROUP) if self._centre is not None else {}
        for name, value in _group(self._store, PROFILE_GROUP).items():
            if f"{PROFILE_GROUP}/{name}" not in self._locked:
                values[name] = value
        return values

    def centre_profile(self) -> dict[str, str]:
        """The placeholder values the centre set (the first-start bar does not ask for them)."""
        return _group(self._centre, PROFILE_GROUP) if self._centre is not None else {}

    def key_overrides(self) -> dict[str, str]:
        """The keys rebound by the agent over those the centre rebound."""
        centre = _group(self._centre, KEYS_GROUP) if self._centre is not None else {}
        return {**centre, **_group(self._store, KEYS_GROUP)}

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
        """Store the agent's values; a value the centre locked is left as the centre set it."""
        self._store.beginGroup(PROFILE_GROUP)
        try:
            for name, value in values.items():
                if f"{PROFILE_GROUP}/{name}" not in self._locked:
                    self._store.setValue(name, value.strip())
        finally:
            self._store.endGroup()
        self._store.sync()


def _as_list(value: object) -> list[str]:
    """QSettings reads `a, b` as a list and `a` as text."""
    if isinstance(value, str):
        return value.split(",")
    return [str(item) for item in value] if isinstance(value, list) else []


def _group(store: QSettings, group: str) -> dict[str, str]:
    store.beginGroup(group)
    try:
        return {name: str(store.value(name, "")) for name in store.childKeys()}
    finally:
        store.endGroup()
