"""A global hotkey (default Ctrl+Alt+Space) that toggles the sidebar from any application.

On X11 the key is grabbed on the root window through libX11 (no root rights needed), on a
connection of its own whose events a socket notifier reads. On Windows, RegisterHotKey does it
(hotkey_windows.py). Wayland lets no application grab keys: there, `register` says so, and the
desktop's own shortcut settings can run `assist toggle`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

from assist.ui.i18n import tr

DEFAULT_HOTKEY = "Ctrl+Alt+Space"
_SHIFT, _LOCK, _CONTROL, _ALT, _NUMLOCK, _SUPER = 1, 2, 4, 8, 16, 64
_KEY_PRESS = 2
_GRAB_MODE_ASYNC = 1
_MODIFIERS = {"ctrl": _CONTROL, "alt": _ALT, "shift": _SHIFT, "meta": _SUPER}


def unavailable_on_wayland() -> str:
    return tr(
        "Wayland 不允许程序注册全局快捷键：请在桌面的键盘设置中把命令 `assist toggle` 绑定到一个快捷键。",
        "Wayland lets no program grab a global key: bind the command `assist toggle` to a key in your "
        "desktop's keyboard settings.",
    )


class _XEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("pad", ctypes.c_long * 24)]


class GlobalHotkey(QObject):
    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._x11: ctypes.CDLL | None = None
        self._display = None
        self._grabs: list[tuple[int, int]] = []
        self._notifier: QSocketNotifier | None = None
        self._error_handler = None
        self._grab_failed = False
        self.key = ""

    def register(self, key: str = DEFAULT_HOTKEY) -> str | None:
        """Grab `key` for the whole desktop; None when it works, else why it cannot."""
        self.unregister()
        platform = QGuiApplication.platformName()
        # Under Wayland even an X11 program (XWayland) only gets keys while one of its windows has the focus.
        if platform.startswith("wayland") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
            return unavailable_on_wayland()
        if platform != "xcb":
            return tr(
                f"全局快捷键只在 X11 上可用（当前：{platform}）。",
                f"A global key works on X11 only (this is {platform}).",
            )
        parsed = _parse(key)
        if parsed is None:
            return tr(f"无法识别的快捷键：{key}", f"Not a key: {key}")
        modifiers, key_name = parsed
        library = ctypes.util.find_library("X11")
        if library is None:
            return tr("缺少 libX11", "libX11 is missing")
        x11 = ctypes.CDLL(library)
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XGrabKey.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_ulong,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
        ]
        x11.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
        for name in ("XSync", "XPending", "XConnectionNumber", "XCloseDisplay", "XNextEvent"):
            getattr(x11, name).argtypes = (
                [ctypes.c_void_p]
                + ([ctypes.c_int] if name == "XSync" else [])
                + ([ctypes.POINTER(_XEvent)] if name == "XNextEvent" else [])
            )
        display = x11.XOpenDisplay(None)
        if not display:
            return tr("无法连接 X 服务器", "Cannot open the X display")
        keysym = x11.XStringToKeysym(key_name.encode())
        keycode = x11.XKeysymToKeycode(display, keysym) if keysym else 0
        if not keycode:
            x11.XCloseDisplay(display)
            return tr(f"这个键无法注册：{key}", f"This key cannot be grabbed: {key}")
        handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        self._error_handler = handler_type(self._on_x_error)  # kept alive while it is installed
        previous = x11.XSetErrorHandler(self._error_handler)
        self._grab_failed = False
        root = x11.XDefaultRootWindow(display)
        for extra in (0, _LOCK, _NUMLOCK, _LOCK | _NUMLOCK):  # the key works with Caps Lock and Num Lock on
            x11.XGrabKey(display, keycode, modifiers | extra, root, 1, _GRAB_MODE_ASYNC, _GRAB_MODE_ASYNC)
            self._grabs.append((keycode, modifiers | extra))
        x11.XSync(display, 0)
        x11.XSetErrorHandler(previous)
        self._x11, self._display, self._root = x11, display, root
        if self._grab_failed:
            self.unregister()
            return tr(f"{key} 已被其他程序占用", f"{key} is taken by another program")
        self._notifier = QSocketNotifier(x11.XConnectionNumber(display), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_events)
        self.key = key
        return None

    def unregister(self) -> None:
        if self._x11 is not None and self._display:
            for keycode, modifiers in self._grabs:
                self._x11.XUngrabKey(self._display, keycode, modifiers, self._root)
            self._x11.XSync(self._display, 0)
            self._x11.XCloseDisplay(self._display)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
        self._x11, self._display, self._grabs, self._notifier, self.key = None, None, [], None, ""

    def _on_x_error(self, _display: int, _event: int) -> int:
        self._grab_failed = True  # BadAccess: another client holds this key
        return 0

    def _on_events(self) -> None:
        event = _XEvent()
        pressed = False
        while self._x11 is not None and self._x11.XPending(self._display):
            self._x11.XNextEvent(self._display, ctypes.byref(event))
            pressed = pressed or event.type == _KEY_PRESS
        if pressed:
            self.activated.emit()


def parse_key(key: str) -> tuple[frozenset[str], str] | None:
    """ "Ctrl+Alt+Space" → ({"ctrl", "alt"}, "Space"); None when it is not one key with modifiers."""
    text = QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
    if not text or "," in text:
        return None
    *modifier_names, key_name = text.split("+") if not text.endswith("++") else [*text[:-2].split("+"), "+"]
    modifiers = frozenset(name.lower() for name in modifier_names)
    if not modifiers <= set(_MODIFIERS):
        return None
    return modifiers, key_name


def _parse(key: str) -> tuple[int, str] | None:
    """ "Ctrl+Alt+Space" → (Control|Mod1, "space"): X11's modifier mask and key name."""
    parsed = parse_key(key)
    if parsed is None:
        return None
    modifiers, key_name = parsed
    mask = 0
    for name in modifiers:
        mask |= _MODIFIERS[name]
    names = {"Space": "space", "Return": "Return", "Esc": "Escape", "+": "plus", "-": "minus"}
    return mask, names.get(key_name, key_name.lower() if len(key_name) == 1 else key_name)
