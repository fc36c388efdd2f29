"""Runs the command table: one call, whatever started it — a key, the menu, the tray or the socket.

It holds each command's handler and its enabled / checked state, builds one QAction per key in force
(rebuilt when a key is rebound), and lets a command's keys through while the cursor is in a text
field (a line edit would otherwise keep Ctrl+Shift+Left, Ctrl+K, Ctrl+E … for itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QKeySequenceEdit, QWidget

from assist.ui.commands import COMMANDS, Command, command
from assist.ui.composition import Composition
from assist.ui.keymap import Binding, effective
from assist.ui.settings import Settings

Reply = dict[str, object]
Handler = Callable[[dict], Reply | None]


@dataclass(slots=True)
class Registered:
    handler: Handler
    enabled: Callable[[], bool] | None = None
    checked: Callable[[], bool] | None = None


class CommandRunner(QObject):
    ran = Signal(str)  # a command ran: the focus rule settles after it
    keys_changed = Signal()  # a key was rebound or the keys reset
    key_does_nothing = Signal(str)  # an Alt chord no command or mnemonic took, by name ("Alt+X")

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.handlers: dict[str, Registered] = {}
        self.actions_by_key: dict[str, QAction] = {}
        self._field_keys: set[int] = set()  # key combinations that work even in a text field
        app = QApplication.instance()
        if isinstance(app, QApplication):  # only the focused widget is watched: no cost for other events
            app.focusChanged.connect(self._on_focus_changed)
        self.composition = Composition(window, lambda combined: combined in self._field_keys)

    def register(
        self,
        command_id: str,
        handler: Handler,
        enabled: Callable[[], bool] | None = None,
        checked: Callable[[], bool] | None = None,
    ) -> None:
        command(command_id)  # a command not in the table is a mistake: fail at once
        self.handlers[command_id] = Registered(handler, enabled, checked)

    # -- running --------------------------------------------------------------------------------

    def run(self, command_id: str, arguments: dict | None = None) -> Reply:
        """Run a command; the reply says whether it did (the socket sends it back as it is)."""
        registered = self.handlers.get(command_id)
        if registered is None:
            known = ", ".join(entry.id for entry in COMMANDS)
            return {"ok": False, "error": f"unknown command {command_id!r} (known: {known})"}
        if registered.enabled is not None and not registered.enabled():
            return {"ok": False, "error": f"{command_id} is not available now"}
        self.composition.before_command(command_id)  # half-typed pinyin is kept, not lost
        reply = registered.handler(dict(arguments or {})) or {"ok": True}
        self.ran.emit(command_id)
        return reply

    def handle_request(self, request: dict) -> Reply:
        """A command from another `assist` process: {"command": id, ...arguments}."""
        return self.run(str(request.get("command")), {k: v for k, v in request.items() if k != "command"})

    def is_enabled(self, command_id: str) -> bool:
        registered = self.handlers.get(command_id)
        return registered is not None and (registered.enabled is None or registered.enabled())

    def is_checked(self, command_id: str) -> bool | None:
        registered = self.handlers.get(command_id)
        return None if registered is None or registered.checked is None else registered.checked()

    # -- keys -----------------------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        return effective(self.settings.key_overrides())

    def keys_of(self, command_id: str) -> tuple[str, ...]:
        return next((entry.keys for entry in self.bindings() if entry.action == command_id), ())

    def build_actions(self) -> None:
        """One QAction per key in force, on the window: they work wherever the focus is in it."""
        for action in self.actions_by_key.values():
            self.window.removeAction(action)
            action.deleteLater()
        self.actions_by_key = {}
        self._field_keys = set()
        for entry in self.bindings():
            for index, key in enumerate(entry.keys):
                action = QAction(f"{entry.description_en} ({key})", self.window)
                sequence = QKeySequence(key)
                action.setShortcut(sequence)
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(lambda _=False, c=entry.action, n=index: self.run(c, {"index": n}))
                self.window.addAction(action)
                self.actions_by_key[key] = action
                if entry.in_fields and _works_in_fields(key) and sequence.count():
                    self._field_keys.add(sequence[0].toCombined())
        self.keys_changed.emit()

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        ours = new is not None and new.window() is self.window
        if ours:
            new.installEventFilter(self)
        self.composition.focus_moved(new if ours else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A command's Ctrl/Alt/F-key in a text field runs the command instead of editing the text;
        an Alt chord that nothing took types nothing. What an input method is composing there is
        noted for the composition rule."""
        if isinstance(event, QInputMethodEvent):
            self.composition.saw(event)
            return False
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if isinstance(watched, QKeySequenceEdit) or isinstance(watched.parent(), QKeySequenceEdit):
            return False  # recording a new key: the key is the text
        if event.type() == QEvent.Type.KeyPress:
            return self._refuse_unbound_alt(event)
        combined = event.keyCombination().toCombined()
        if combined in self._field_keys:
            event.ignore()
            return True  # not overridden: the shortcut runs
        return False

    def _refuse_unbound_alt(self, event: QKeyEvent) -> bool:
        """An Alt+key (without Ctrl: AltGr is Ctrl+Alt on some layouts) reaching a widget as a key
        press was taken by no command and no mnemonic (they run as shortcuts, before): a field would
        type its letter. Nothing is typed and the status line says the key does nothing."""
        modifiers = event.modifiers()
        alt_only = modifiers & Qt.KeyboardModifier.AltModifier and not modifiers & Qt.KeyboardModifier.ControlModifier
        if not alt_only or not 0x20 <= event.key() <= 0x7E:  # arrows and the like keep their meaning
            return False
        chord = modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
        self.key_does_nothing.emit(QKeySequence(event.key() | chord.value).toString())
        return True


def _works_in_fields(key: str) -> bool:
    """Keys with Ctrl or Alt, and the F-keys; plain keys (Enter, arrows, "/") stay with the field."""
    last = key.rsplit("+", 1)[-1] or "+"
    return "Ctrl+" in key or "Alt+" in key or (last.startswith("F") and last[1:].isdigit())


def menu_label(entry: Command, language_en: bool) -> str:
    return (entry.short_en or entry.label_en) if language_en else (entry.short or entry.label)
