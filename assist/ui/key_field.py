"""A field that records one key for a command: Esc leaves it unchanged, a refused key is put back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QKeySequenceEdit, QLineEdit, QWidget

from assist.ui.i18n import tr


class KeyField(QKeySequenceEdit):
    recorded = Signal(str)  # the key pressed, in the portable form ("Ctrl+J")

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(QKeySequence(key), parent)
        self.setMaximumSequenceLength(1)
        if (line := self.findChild(QLineEdit)) is not None:
            line.setPlaceholderText(tr("按新的快捷键", "Press the new key"))
        self.key = key  # the key in force
        self.editingFinished.connect(self._on_finished)

    def show_key(self, key: str) -> None:
        self.key = key
        self.setKeySequence(QKeySequence(key))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.setKeySequence(QKeySequence(self.key))  # cancelled: the key in force stays
            self.window().setFocus(Qt.FocusReason.ShortcutFocusReason)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.keySequence().isEmpty():
            self.setKeySequence(QKeySequence(self.key))

    def _on_finished(self) -> None:
        key = self.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        if key and key != self.key:
            self.recorded.emit(key)
