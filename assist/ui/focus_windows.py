"""The window the agent was in, on Windows: the foreground window, given back, and Ctrl+V sent to it.

The same interface as X11Focus (focus_x11.py). GetForegroundWindow is read when the global key
arrives; SetForegroundWindow is allowed then because the sidebar is the foreground window (the
agent has just typed in it); SendInput types Ctrl+V. Only the structures below are checked off
Windows (their sizes); the calls into user32 need Windows itself and have not been run.
"""

from __future__ import annotations

import ctypes
import sys

from assist.ui.focus_x11 import Target
from assist.ui.i18n import tr

INPUT_KEYBOARD, KEYEVENTF_KEYUP = 1, 0x2
VK_SHIFT, VK_CONTROL, VK_MENU, VK_LWIN, VK_RWIN, VK_V = 0x10, 0x11, 0x12, 0x5B, 0x5C, 0x56
_WORD, _DWORD, _LONG, _ULONG_PTR = ctypes.c_uint16, ctypes.c_uint32, ctypes.c_int32, ctypes.c_size_t


class MOUSEINPUT(ctypes.Structure):
    _fields_ = [
        ("dx", _LONG),
        ("dy", _LONG),
        ("mouseData", _DWORD),
        ("dwFlags", _DWORD),
        ("time", _DWORD),
        ("dwExtraInfo", _ULONG_PTR),
    ]


class KEYBDINPUT(ctypes.Structure):
    _fields_ = [
        ("wVk", _WORD),
        ("wScan", _WORD),
        ("dwFlags", _DWORD),
        ("time", _DWORD),
        ("dwExtraInfo", _ULONG_PTR),
    ]


class _INPUT_UNION(ctypes.Union):
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT)]  # the largest member sets INPUT's size


class INPUT(ctypes.Structure):
    _fields_ = [("type", _DWORD), ("union", _INPUT_UNION)]


# Every user32 function used here, with its C signature (HWND is a pointer).
SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "GetForegroundWindow": (ctypes.c_void_p, []),
    "SetForegroundWindow": (ctypes.c_int, [ctypes.c_void_p]),
    "IsWindow": (ctypes.c_int, [ctypes.c_void_p]),
    "SendInput": (ctypes.c_uint, [ctypes.c_uint, ctypes.POINTER(INPUT), ctypes.c_int]),
    "GetAsyncKeyState": (ctypes.c_short, [ctypes.c_int]),
}


def _user32() -> ctypes.CDLL:
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    for name, (restype, argtypes) in SIGNATURES.items():
        function = getattr(user32, name)
        function.restype, function.argtypes = restype, argtypes
    return user32


def ctrl_v() -> ctypes.Array:
    """Ctrl down, V down, V up, Ctrl up: the four inputs SendInput types."""
    keys = (INPUT * 4)()
    for item, (key, flags) in zip(
        keys, ((VK_CONTROL, 0), (VK_V, 0), (VK_V, KEYEVENTF_KEYUP), (VK_CONTROL, KEYEVENTF_KEYUP)), strict=True
    ):
        item.type = INPUT_KEYBOARD
        item.union.ki.wVk, item.union.ki.dwFlags = key, flags
    return keys


class WindowsFocus:
    def __init__(self) -> None:
        self._user32 = _user32() if sys.platform == "win32" else None

    def active_window(self) -> Target | None:
        if self._user32 is None:
            return None
        window = self._user32.GetForegroundWindow()
        return Target(window, managed=True) if window else None

    def give_back(self, target: Target) -> bool:
        if self._user32 is None or not self._user32.IsWindow(target.window):
            return False
        return bool(self._user32.SetForegroundWindow(target.window))

    def take(self, window: int) -> bool:
        return self.give_back(Target(window, managed=True))

    def has_focus(self, target: Target) -> bool:
        return self.active_window() == target

    def modifiers_held(self) -> bool:
        if self._user32 is None:
            return False
        keys = (VK_SHIFT, VK_CONTROL, VK_MENU, VK_LWIN, VK_RWIN)
        return any(self._user32.GetAsyncKeyState(key) & 0x8000 for key in keys)

    def paste(self) -> str | None:
        if self._user32 is None:
            return tr("这不是 Windows", "This is not Windows")
        keys = ctrl_v()
        if self._user32.SendInput(len(keys), keys, ctypes.sizeof(INPUT)) != len(keys):
            return tr("无法自动粘贴（SendInput 被拒绝）", "Cannot paste by itself (SendInput was refused)")
        return None
