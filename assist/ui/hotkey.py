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
_KEY_PRESS, _KEY_RELEASE = 2, 3
_GRAB_MODE_ASYNC = 1
_MODIFIERS = {"ctrl": _CONTROL, "alt": _ALT, "shift": _SHIFT, "meta": _SUPER}


def unavailable_on_wayland() -> str:
    return tr(
        "Wayland 不允许程序注册全局快捷键：请在桌面的键盘设置中把命令 `assist toggle` 绑定到一个快捷键。",
        "Wayland lets no program grab a global key: bind the command `assist toggle` to a key in your "
        "desktop's keyboard settings.",
    )


class _XKeyEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("root", ctypes.c_ulong),
        ("subwindow", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("x_root", ctypes.c_int),
        ("y_root", ctypes.c_int),
        ("state", ctypes.c_uint),
        ("keycode", ctypes.c_uint),
        ("same_screen", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("key", _XKeyEvent), ("pad", ctypes.c_long * 24)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_DISPLAY = ctypes.c_void_p  # Display *
# Every libX11 function used here, with its C signature. Without one, ctypes passes and returns
# C ints: a 64-bit pointer (Qt's error handler that XSetErrorHandler hands back) comes back cut to
# 32 bits, and putting it back makes the next X error jump to nowhere.
SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "XOpenDisplay": (_DISPLAY, [ctypes.c_char_p]),
    "XCloseDisplay": (ctypes.c_int, [_DISPLAY]),
    "XDefaultRootWindow": (ctypes.c_ulong, [_DISPLAY]),
    "XStringToKeysym": (ctypes.c_ulong, [ctypes.c_char_p]),
    "XKeysymToKeycode": (ctypes.c_ubyte, [_DISPLAY, ctypes.c_ulong]),
    "XGrabKey": (
        ctypes.c_int,
        [_DISPLAY, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_int],
    ),
    "XUngrabKey": (ctypes.c_int, [_DISPLAY, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]),
    "XSync": (ctypes.c_int, [_DISPLAY, ctypes.c_int]),
    "XPending": (ctypes.c_int, [_DISPLAY]),
    "XConnectionNumber": (ctypes.c_int, [_DISPLAY]),
    "XNextEvent": (ctypes.c_int, [_DISPLAY, ctypes.POINTER(_XEvent)]),
    # Handlers are function pointers: passed and returned whole as void *.
    "XSetErrorHandler": (ctypes.c_void_p, [ctypes.c_void_p]),
    "XkbSetDetectableAutoRepeat": (ctypes.c_int, [_DISPLAY, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]),
    # focus_x11.py: the window the agent was in, and giving it the focus back
    "XGetInputFocus": (ctypes.c_int, [_DISPLAY, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int)]),
    "XSetInputFocus": (ctypes.c_int, [_DISPLAY, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]),
    "XInternAtom": (ctypes.c_ulong, [_DISPLAY, ctypes.c_char_p, ctypes.c_int]),
    "XGetWindowProperty": (
        ctypes.c_int,
        [
            _DISPLAY,
            ctypes.c_ulong,  # window
            ctypes.c_ulong,  # property
            ctypes.c_long,  # offset
            ctypes.c_long,  # length
            ctypes.c_int,  # delete
            ctypes.c_ulong,  # requested type
            ctypes.POINTER(ctypes.c_ulong),  # actual type
            ctypes.POINTER(ctypes.c_int),  # actual format
            ctypes.POINTER(ctypes.c_ulong),  # items
            ctypes.POINTER(ctypes.c_ulong),  # bytes after
            ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),  # the data, freed with XFree
        ],
    ),
    "XFree": (ctypes.c_int, [ctypes.c_void_p]),
    "XSendEvent": (ctypes.c_int, [_DISPLAY, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]),
    "XQueryPointer": (
        ctypes.c_int,
        [
            _DISPLAY,
            ctypes.c_ulong,
            *[ctypes.POINTER(ctypes.c_ulong)] * 2,  # root, child
            *[ctypes.POINTER(ctypes.c_int)] * 4,  # root x, y; window x, y
            ctypes.POINTER(ctypes.c_uint),  # the modifier and button mask
        ],
    ),
}


def load_declared(name: str, signatures: dict) -> ctypes.CDLL | None:
    """The C library `name` with every function in `signatures` declared (result and argument
    types); None when it is not installed. Undeclared, ctypes truncates pointers to int."""
    library = ctypes.util.find_library(name)
    if library is None:
        return None
    loaded = ctypes.CDLL(library)
    for function_name, (restype, argtypes) in signatures.items():
        function = getattr(loaded, function_name)
        function.restype, function.argtypes = restype, argtypes
    return loaded


def load_x11() -> ctypes.CDLL | None:
    """libX11 with every function this module calls declared; None when it is not installed."""
    return load_declared("X11", SIGNATURES)


REPEAT_WINDOW_MS = 2000  # a press this soon after the last, with no release between, is the key held down


class KeyPresses:
    """The grabbed key's X events → presses: one per press, however long the key is held.

    A held key repeats. With detectable auto-repeat (asked for in `register`) the repeats come as
    presses with no release between; where the server cannot do that, as a release and a press
    with the same time stamp. Neither is a new press. While the grab is active every key's events
    come here (releasing Ctrl before Space, say): only the grabbed key's count.
    """

    def __init__(self, keycode: int = 0) -> None:
        self.keycode = keycode
        self._held_since: int | None = None  # time of the last press while the key is down
        self._released_at: int | None = None

    def is_new_press(self, event_type: int, keycode: int, time: int) -> bool:
        if keycode != self.keycode:
            return False
        if event_type == _KEY_RELEASE:
            self._held_since, self._released_at = None, time
            return False
        if event_type != _KEY_PRESS:
            return False
        held = self._held_since is not None and (time - self._held_since) & 0xFFFFFFFF < REPEAT_WINDOW_MS
        repeat = held or time == self._released_at
        self._held_since = time
        return not repeat


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
        self._presses = KeyPresses()
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
        x11 = load_x11()
        if x11 is None:
            return tr("缺少 libX11", "libX11 is missing")
        display = x11.XOpenDisplay(None)
        if not display:
            return tr("无法连接 X 服务器", "Cannot open the X display")
        keysym = x11.XStringToKeysym(key_name.encode())
        keycode = x11.XKeysymToKeycode(display, keysym) if keysym else 0
        if not keycode:
            x11.XCloseDisplay(display)
            return tr(f"这个键无法注册：{key}", f"This key cannot be grabbed: {key}")
        self._error_handler = _ERROR_HANDLER(self._on_x_error)  # kept alive while it is installed
        previous = x11.XSetErrorHandler(ctypes.cast(self._error_handler, ctypes.c_void_p))
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
        supported = ctypes.c_int(0)
        x11.XkbSetDetectableAutoRepeat(display, 1, ctypes.byref(supported))  # a held key: presses, no releases
        self._presses = KeyPresses(keycode)
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
        presses = 0
        while self._x11 is not None and self._x11.XPending(self._display):
            self._x11.XNextEvent(self._display, ctypes.byref(event))
            presses += self._presses.is_new_press(event.type, event.key.keycode, event.key.time)
        for _ in range(presses):
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
