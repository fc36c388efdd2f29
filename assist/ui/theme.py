"""Light and dark themes and the reading size, applied to one stylesheet template.

`resources/assist.qss` names its colours `@token`; a theme gives each token a colour, and the
reading size scales every `font-size`. "system" follows the desktop's light or dark setting.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from assist.core import builtin

# Every text colour reaches WCAG AA (4.5:1) on the backgrounds it is used on (tests/test_issue11_contrast.py).
LIGHT = {
    "surface": "#ffffff",
    "window": "#f4f5f7",
    "border": "#d8dde3",
    "text": "#1f2328",
    "strong": "#24292f",
    "muted": "#4d5560",
    "faint": "#5c6570",
    "fainter": "#646d78",
    "accent": "#1f6feb",
    "accentSoft": "#eef5ff",
    "accentLine": "#8cb4f5",
    "accentFrame": "#b6d0f7",
    "link": "#0969da",
    "linkSoft": "#ddf4ff",
    "button": "#f6f8fa",
    "buttonLine": "#d0d7de",
    "badge": "#eaeef2",
    "scroll": "#c4cad1",
    "handle": "#e4e8ec",
    "ok": "#1a7f37",
    "okSoft": "#eefaf1",
    "okLine": "#9fd5ad",
    "danger": "#c62828",
    "dangerStrong": "#d32f2f",
    "dangerSoft": "#fff6f6",
    "dangerLine": "#f2c4c4",
    "warn": "#9a5b00",
    "warnText": "#8a4b00",
    "warnDeep": "#5c3b00",
    "warnSoft": "#fff4e5",
    "warnLine": "#f0b35a",
    "missSoft": "#fff1e6",
    "missLine": "#f0a060",
    "note": "#8250df",
    "input": "#ffffff",
    "onAccent": "#ffffff",
    "accentButton": "#1f6feb",  # under white text
    "focus": "#0550ae",  # the keyboard focus ring: at least 3:1 against every background it is drawn on
    "focusOnAccent": "#1f2328",  # the ring on a filled accent button
}
DARK = {
    "surface": "#1f2328",
    "window": "#16191d",
    "border": "#30363d",
    "text": "#e6edf3",
    "strong": "#f0f6fc",
    "muted": "#aab1ba",
    "faint": "#9ba3ad",
    "fainter": "#8b949e",
    "accent": "#4493f8",
    "accentSoft": "#182a44",
    "accentLine": "#3b6db3",
    "accentFrame": "#2d4f80",
    "link": "#58a6ff",
    "linkSoft": "#1c3350",
    "button": "#21262d",
    "buttonLine": "#3d444d",
    "badge": "#30363d",
    "scroll": "#484f58",
    "handle": "#30363d",
    "ok": "#3fb950",
    "okSoft": "#12261b",
    "okLine": "#2e6b3d",
    "danger": "#ff7b72",
    "dangerStrong": "#da3633",
    "dangerSoft": "#2a1618",
    "dangerLine": "#5c2a2a",
    "warn": "#d29922",
    "warnText": "#e3b341",
    "warnDeep": "#f0d38a",
    "warnSoft": "#2b2111",
    "warnLine": "#6e4f14",
    "missSoft": "#2d1c10",
    "missLine": "#8a5222",
    "note": "#bc8cff",
    "input": "#0d1117",
    "onAccent": "#ffffff",
    "accentButton": "#1f6feb",
    "focus": "#79c0ff",
    "focusOnAccent": "#ffffff",
}
THEMES = {"light": LIGHT, "dark": DARK}
READING_SIZES = {"compact": 0.9, "normal": 1.0, "large": 1.2, "larger": 1.4}
_TOKEN = re.compile(r"@([A-Za-z]+)")
_in_use = "light"  # the theme of the last stylesheet made: see colour()
_FONT_SIZE = re.compile(r"font-size:\s*(\d+)px")


def system_theme() -> str:
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def resolve(theme: str) -> str:
    """ "system" becomes the desktop's current choice; an unknown name becomes light."""
    if theme == "system":
        return system_theme()
    return theme if theme in THEMES else "light"


def stylesheet(theme: str = "light", reading_size: str = "normal") -> str:
    global _in_use
    _in_use = resolve(theme)
    try:
        template = (builtin.resources_folder() / "assist.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # an unstyled sidebar still works
    colours = THEMES.get(resolve(theme), LIGHT)
    scale = READING_SIZES.get(reading_size, 1.0)
    # The drawn images (e.g. a combo's ▾) are files beside the stylesheet, one per theme.
    folder = builtin.resources_folder().as_posix()
    template = template.replace("@resources", folder).replace("@themeName", resolve(theme))
    styled = _TOKEN.sub(lambda match: colours.get(match.group(1), match.group(0)), template)
    return _FONT_SIZE.sub(lambda match: f"font-size: {round(int(match.group(1)) * scale)}px", styled)


def colour(token: str) -> str:
    """A colour of the theme in use, for rich text that colours its words in HTML (the stylesheet cannot)."""
    return THEMES[_in_use][token]


def next_reading_size(current: str, step: int) -> str:
    names = list(READING_SIZES)
    index = names.index(current) if current in names else names.index("normal")
    return names[max(0, min(len(names) - 1, index + step))]
