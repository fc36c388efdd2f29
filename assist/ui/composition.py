"""One rule for a command that comes while an input method is composing (pinyin typed, the characters
not yet chosen): the composition is committed first — what the field shows stays in it as typed
text — and then the command runs. Enter while composing stays with the input method (it never copies).

Input methods differ here: IBus eats Ctrl/Alt keys while composing (the command never ran), fcitx5
lets them through and the composition was lost, and F10 or the global key dropped it under both.
So the same thing happens whatever the input method:
- the command runner commits before every command an agent starts (a key, the menu, the tray, the
  global key, `assist show|toggle|copy`); the transcript's commands leave the composition alone;
- on X11 a native event filter sees a command's Ctrl/Alt/F-key before the input method does and
  commits first: with nothing left to compose, the input method lets the key through to the command.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from assist.ui.hotkey import load_declared

# Commands that arrive from the speech recognition or a health check, not from the agent: they run
# in the background while the agent may be typing, and must not cut the composition short.
LEAVES_COMPOSITION = frozenset({"ping", "utterance", "call-ended"})

_KEY_PRESS = 2  # XCB_KEY_PRESS
_SHIFT, _CONTROL, _ALT, _SUPER = 1, 4, 8, 64
_X11_SIGNATURES = {
    "XkbKeycodeToKeysym": (ctypes.c_ulong, [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.c_int]),
}
_SPECIAL_KEYSYMS = {
    0xFF0D: Qt.Key.Key_Return,
    0xFF8D: Qt.Key.Key_Enter,
    0xFF1B: Qt.Key.Key_Escape,
    0xFF51: Qt.Key.Key_Left,
    0xFF52: Qt.Key.Key_Up,
    0xFF53: Qt.Key.Key_Right,
    0xFF54: Qt.Key.Key_Down,
    0xFFAB: Qt.Key.Key_Plus,  # the keypad's + and -
    0xFFAD: Qt.Key.Key_Minus,
}
_F1 = 0xFFBE  # XK_F1; XK_F35 is 0xFFE0


class Composition(QObject):
    """The composition in the window's focused field, and the way to commit it."""

    def __init__(self, window: QWidget, is_command_key: Callable[[int], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.preedit = ""  # what the input method shows in the field, not yet typed text
        self._field: QWidget | None = None
        self._keys_filter: CommandKeysFilter | None = None  # X11: installed only while composing
        self._filtering = False
        app = QApplication.instance()
        if isinstance(app, QApplication) and QGuiApplication.platformName() == "xcb":
            self._keys_filter = CommandKeysFilter(self, is_command_key)
            self.destroyed.connect(lambda: app.removeNativeEventFilter(self._keys_filter))

    def commit(self) -> bool:
        """Put the composition into its field as typed text and end it; False when there was none."""
        field, text = self._field, self.preedit
        if field is None or not text:
            return False
        self._set_preedit("")
        # Not QInputMethod.commit(): with libpinyin, Qt's IBus plugin committed nothing (seen: 清
        # vanished). So the text shown is sent as typed text here, and the input method is told to
        # start afresh (IBus: Reset).
        QGuiApplication.inputMethod().reset()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(field, event)
        return True

    def before_command(self, command_id: str) -> None:
        if command_id not in LEAVES_COMPOSITION:
            self.commit()

    def focus_moved(self, field: QWidget | None) -> None:
        """The window's focused widget changed (None: it is in no widget of this window)."""
        self._field = field
        self._set_preedit("")

    def saw(self, event: QInputMethodEvent) -> None:
        """An input-method event reached the focused field (the command runner watches it)."""
        self._set_preedit(event.preeditString())

    def _set_preedit(self, text: str) -> None:
        """Keep the preedit; the X11 key filter watches the keys only while there is one."""
        self.preedit = text
        app = QApplication.instance()
        if self._keys_filter is None or self._filtering == bool(text) or not isinstance(app, QApplication):
            return
        self._filtering = bool(text)
        if text:
            app.installNativeEventFilter(self._keys_filter)
        else:
            app.removeNativeEventFilter(self._keys_filter)


class CommandKeysFilter(QAbstractNativeEventFilter):
    """X11: a command's key pressed while composing commits the composition before the input method
    sees the key (Qt hands each key to the input method before its shortcuts)."""

    def __init__(self, composition: Composition, is_command_key: Callable[[int], bool]) -> None:
        super().__init__()
        self.composition = composition
        self.is_command_key = is_command_key
        self._x11: ctypes.CDLL | None = None

    def nativeEventFilter(self, event_type: QByteArray | bytes, message: int) -> tuple[bool, int]:
        if bytes(event_type) != b"xcb_generic_event_t":
            return False, 0
        # xcb_key_press_event_t: response_type, detail (the keycode), …, state (16 bits at byte 28)
        head = ctypes.string_at(int(message), 30)
        if head[0] & 0x7F == _KEY_PRESS:
            combined = self._key_of(head[1], int.from_bytes(head[28:30], "little"))
            if combined is not None and self.is_command_key(combined):
                self.composition.commit()
        return False, 0  # the key goes on: to the input method, then to the command's shortcut

    def _key_of(self, keycode: int, state: int) -> int | None:
        """The key as Qt combines it (key and modifiers), or None when it is none a command can have."""
        if self._x11 is None:
            self._x11 = load_declared("X11", _X11_SIGNATURES)
        display = _display()
        if self._x11 is None or not display:
            return None
        group, level = (state >> 13) & 3, 1 if state & _SHIFT else 0
        return qt_key(self._x11.XkbKeycodeToKeysym(display, keycode, group, level), state)


def qt_key(keysym: int, state: int) -> int | None:
    """An X keysym and modifier state as Qt's combined key (`QKeyCombination.toCombined()`)."""
    if 0x20 < keysym < 0x7F:
        key = ord(chr(keysym).upper())
    elif _F1 <= keysym <= _F1 + 34:
        key = Qt.Key.Key_F1.value + keysym - _F1
    elif keysym in _SPECIAL_KEYSYMS:
        key = _SPECIAL_KEYSYMS[keysym].value
    else:
        return None
    modifiers = Qt.KeyboardModifier.NoModifier
    for mask, modifier in (
        (_CONTROL, Qt.KeyboardModifier.ControlModifier),
        (_ALT, Qt.KeyboardModifier.AltModifier),
        (_SUPER, Qt.KeyboardModifier.MetaModifier),
    ):
        if state & mask:
            modifiers |= modifier
    if state & _SHIFT and not 0x20 < keysym < 0x7F:  # "Ctrl++" is bound as Ctrl and +, typed with Shift
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    return modifiers.value | key


def _display() -> int:
    """Qt's own connection to the X server (its Display *), 0 when there is none."""
    app = QGuiApplication.instance()
    native = app.nativeInterface() if isinstance(app, QGuiApplication) else None
    return int(native.display() or 0) if native is not None and hasattr(native, "display") else 0
