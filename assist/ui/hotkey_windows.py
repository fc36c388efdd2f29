"""The global key on Windows: RegisterHotKey, and a native event filter that sees its WM_HOTKEY.

The same interface as GlobalHotkey (hotkey.py): `register(key)` returns None when it works, else
why not; `activated` fires when the key is pressed anywhere. Only the key translation below runs
(and is tested) off Windows; the calls into user32 need Windows itself.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Signal

from assist.ui.hotkey import DEFAULT_HOTKEY, parse_key
from assist.ui.i18n import tr

WM_HOTKEY = 0x0312
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x1, 0x2, 0x4, 0x8, 0x4000
_MODIFIERS = {"alt": MOD_ALT, "ctrl": MOD_CONTROL, "shift": MOD_SHIFT, "meta": MOD_WIN}
_NAMED_KEYS = {
    "Space": 0x20,
    "Return": 0x0D,
    "Enter": 0x0D,
    "Esc": 0x1B,
    "Tab": 0x09,
    "Backspace": 0x08,
    "Ins": 0x2D,
    "Del": 0x2E,
    "Home": 0x24,
    "End": 0x23,
    "PgUp": 0x21,
    "PgDown": 0x22,
    "Left": 0x25,
    "Up": 0x26,
    "Right": 0x27,
    "Down": 0x28,
}
HOTKEY_ID = 0xA551  # any id of ours, 0x0000–0xBFFF
# Every user32 function used here, with its C signature (HWND is a pointer: NULL for no window).
SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "RegisterHotKey": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_uint]),
    "UnregisterHotKey": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int]),
}


def _user32() -> ctypes.CDLL:
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    for name, (restype, argtypes) in SIGNATURES.items():
        function = getattr(user32, name)
        function.restype, function.argtypes = restype, argtypes
    return user32


def windows_key(key: str) -> tuple[int, int] | None:
    """ "Ctrl+Alt+Space" → (MOD_CONTROL|MOD_ALT|MOD_NOREPEAT, VK_SPACE); None when it cannot be one."""
    parsed = parse_key(key)
    if parsed is None:
        return None
    modifiers, name = parsed
    mask = MOD_NOREPEAT
    for modifier in modifiers:
        mask |= _MODIFIERS[modifier]
    if name in _NAMED_KEYS:
        return mask, _NAMED_KEYS[name]
    if len(name) == 1 and (name.isascii() and name.isalnum()):
        return mask, ord(name.upper())  # VK codes of letters and digits are their ASCII codes
    if name.startswith("F") and name[1:].isdigit() and 1 <= int(name[1:]) <= 24:
        return mask, 0x70 + int(name[1:]) - 1  # VK_F1 …
    return None


class _HotkeyFilter(QAbstractNativeEventFilter):
    def __init__(self, on_hotkey: object) -> None:
        super().__init__()
        self._on_hotkey = on_hotkey

    def nativeEventFilter(self, event_type: bytes, message: int) -> tuple[bool, int]:
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if msg.message == WM_HOTKEY and msg.wParam == HOTKEY_ID:
                self._on_hotkey()
        return False, 0


class WindowsHotkey(QObject):
    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter: _HotkeyFilter | None = None
        self._registered = False
        self.key = ""

    def register(self, key: str = DEFAULT_HOTKEY) -> str | None:
        self.unregister()
        translated = windows_key(key)
        if translated is None:
            return tr(f"无法识别的快捷键：{key}", f"Not a key: {key}")
        if sys.platform != "win32":
            return tr("这不是 Windows", "This is not Windows")
        if not _user32().RegisterHotKey(None, HOTKEY_ID, translated[0], translated[1]):
            return tr(f"{key} 已被其他程序占用", f"{key} is taken by another program")
        self._registered = True
        self._filter = _HotkeyFilter(self.activated.emit)
        QCoreApplication.instance().installNativeEventFilter(self._filter)
        self.key = key
        return None

    def unregister(self) -> None:
        if self._registered:
            _user32().UnregisterHotKey(None, HOTKEY_ID)
            self._registered = False
        if self._filter is not None:
            QCoreApplication.instance().removeNativeEventFilter(self._filter)
            self._filter = None
        self.key = ""
