"""The window the agent was in, on X11: which one it is, giving it the focus back, pasting into it.

With a window manager the active window is the root's _NET_ACTIVE_WINDOW, and the focus goes
back by asking the manager (a _NET_ACTIVE_WINDOW client message). Without one (Xvfb, a bare X
server) it is the input-focus window, set back with XSetInputFocus. The paste is Ctrl+V typed
through XTest (libXtst). Every function called is declared: libX11's in hotkey.SIGNATURES,
libXtst's in XTST_SIGNATURES below.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
from collections.abc import Iterator
from dataclasses import dataclass

from assist.ui.hotkey import _ERROR_HANDLER, load_declared, load_x11
from assist.ui.i18n import tr

_DISPLAY = ctypes.c_void_p
XTST_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "XTestQueryExtension": (
        ctypes.c_int,
        [_DISPLAY, *[ctypes.POINTER(ctypes.c_int)] * 4],
    ),
    "XTestFakeKeyEvent": (ctypes.c_int, [_DISPLAY, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]),
}
_NONE, _POINTER_ROOT = 0, 1  # what XGetInputFocus returns when no window has the focus
_REVERT_TO_PARENT, _CURRENT_TIME = 2, 0
_CLIENT_MESSAGE, _FORMAT_32 = 33, 32
_SUBSTRUCTURE_NOTIFY, _SUBSTRUCTURE_REDIRECT = 1 << 19, 1 << 20
_SOURCE_PAGER = 2  # a _NET_ACTIVE_WINDOW request "from a pager": managers honour it without a timestamp
_HELD_MODIFIERS = 1 | 4 | 8 | 64  # Shift, Control, Mod1 (Alt), Mod4 (Super)


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("client", _XClientMessageEvent), ("pad", ctypes.c_long * 24)]


def load_xtst() -> ctypes.CDLL | None:
    """libXtst with every function this module calls declared; None when it is not installed."""
    return load_declared("Xtst", XTST_SIGNATURES)


@dataclass(frozen=True, slots=True)
class Target:
    """A window to go back to, and whether a window manager manages the focus."""

    window: int
    managed: bool


class X11Focus:
    """Reads and moves the focus on the X server of $DISPLAY, on a connection of its own."""

    def __init__(self, display: str | None = None) -> None:
        self._x11 = load_x11()
        name = display.encode() if display else None
        self._display = self._x11.XOpenDisplay(name) if self._x11 is not None else None
        self._root = self._x11.XDefaultRootWindow(self._display) if self._display else 0
        self._failed = False
        self._error_handler = _ERROR_HANDLER(self._on_x_error)  # kept alive while it may be installed

    def active_window(self) -> Target | None:
        """The window with the focus now; None when there is none (or no X server)."""
        if not self._display:
            return None
        with self._trapping_errors():
            if self._manager_present():
                active = self._property(self._root, b"_NET_ACTIVE_WINDOW")
                return Target(active, managed=True) if active else None
            focus, revert_to = ctypes.c_ulong(0), ctypes.c_int(0)
            self._x11.XGetInputFocus(self._display, ctypes.byref(focus), ctypes.byref(revert_to))
        return None if focus.value in (_NONE, _POINTER_ROOT, self._root) else Target(focus.value, managed=False)

    def give_back(self, target: Target) -> bool:
        """Give `target` the focus; False when that cannot be done (the window is gone)."""
        if not self._display:
            return False
        with self._trapping_errors():
            if target.managed:
                event = _XEvent()
                message = event.client
                message.type, message.send_event, message.window = _CLIENT_MESSAGE, 1, target.window
                message.message_type = self._atom(b"_NET_ACTIVE_WINDOW")
                message.format = _FORMAT_32
                message.data[0], message.data[1], message.data[2] = _SOURCE_PAGER, _CURRENT_TIME, 0
                mask = _SUBSTRUCTURE_REDIRECT | _SUBSTRUCTURE_NOTIFY
                self._x11.XSendEvent(self._display, self._root, 0, mask, ctypes.byref(event))
            else:
                self._x11.XSetInputFocus(self._display, target.window, _REVERT_TO_PARENT, _CURRENT_TIME)
        return not self._failed

    def take(self, window: int) -> bool:
        """Give the focus to a window of ours that is shown already.

        Qt asks for it too, but stamped with the time of the last event Qt saw. The global key came
        on another connection, so without a window manager the server finds Qt's time older than the
        agent's last click into the softphone, and ignores the request.
        """
        if not self._display:
            return False
        with self._trapping_errors():
            managed = self._manager_present()
        return self.give_back(Target(window, managed))

    def managed(self) -> bool:
        """A window manager runs, and so says which window is active."""
        if not self._display:
            return False
        with self._trapping_errors():
            return self._manager_present()

    def has_focus(self, target: Target) -> bool:
        return self.active_window() == target

    def modifiers_held(self) -> bool:
        """Shift, Ctrl, Alt or Super down now: a paste then would be another chord."""
        if not self._display:
            return False
        root, child = ctypes.c_ulong(0), ctypes.c_ulong(0)
        coordinates = [ctypes.c_int(0) for _ in range(4)]
        mask = ctypes.c_uint(0)
        self._x11.XQueryPointer(
            self._display,
            self._root,
            ctypes.byref(root),
            ctypes.byref(child),
            *(ctypes.byref(number) for number in coordinates),
            ctypes.byref(mask),
        )
        return bool(mask.value & _HELD_MODIFIERS)

    def paste(self) -> str | None:
        """Type Ctrl+V into the focused window; None when done, else why not."""
        xtst = load_xtst()
        if xtst is None or not self._display:
            return tr("缺少 libXtst，无法自动粘贴", "libXtst is missing: cannot paste by itself")
        numbers = [ctypes.c_int(0) for _ in range(4)]
        if not xtst.XTestQueryExtension(self._display, *(ctypes.byref(number) for number in numbers)):
            return tr("X 服务器不支持 XTest，无法自动粘贴", "The X server has no XTest: cannot paste by itself")
        control = self._x11.XKeysymToKeycode(self._display, self._x11.XStringToKeysym(b"Control_L"))
        v = self._x11.XKeysymToKeycode(self._display, self._x11.XStringToKeysym(b"v"))
        for keycode, down in ((control, 1), (v, 1), (v, 0), (control, 0)):
            xtst.XTestFakeKeyEvent(self._display, keycode, down, _CURRENT_TIME)
        self._x11.XSync(self._display, 0)
        return None

    def _manager_present(self) -> bool:
        """An EWMH window manager runs: the root names its check window, and that window names itself.

        (A manager that died leaves the root's word behind; its window is gone.)
        """
        check = self._property(self._root, b"_NET_SUPPORTING_WM_CHECK")
        return bool(check) and self._property(check, b"_NET_SUPPORTING_WM_CHECK") == check

    def _property(self, window: int, name: bytes) -> int | None:
        """The first 32-bit value of a window's property; None when it has no such property."""
        kind, size = ctypes.c_ulong(0), ctypes.c_int(0)
        count, left = ctypes.c_ulong(0), ctypes.c_ulong(0)
        data = ctypes.POINTER(ctypes.c_ubyte)()
        status = self._x11.XGetWindowProperty(
            self._display,
            window,
            self._atom(name),
            0,
            1,
            0,
            0,  # AnyPropertyType
            ctypes.byref(kind),
            ctypes.byref(size),
            ctypes.byref(count),
            ctypes.byref(left),
            ctypes.byref(data),
        )
        if status != 0 or not data:
            return None
        try:
            if size.value != _FORMAT_32 or count.value < 1:
                return None
            return ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0]  # format 32 comes as C longs
        finally:
            self._x11.XFree(data)

    def _atom(self, name: bytes) -> int:
        return self._x11.XInternAtom(self._display, name, 0)

    @contextlib.contextmanager
    def _trapping_errors(self) -> Iterator[None]:
        """Run X calls with X errors (a window that went away: BadWindow) noted, not fatal."""
        self._failed = False
        previous = self._x11.XSetErrorHandler(ctypes.cast(self._error_handler, ctypes.c_void_p))
        try:
            yield
        finally:
            self._x11.XSync(self._display, 0)
            self._x11.XSetErrorHandler(previous)

    def _on_x_error(self, _display: int, _event: int) -> int:
        self._failed = True
        return 0
