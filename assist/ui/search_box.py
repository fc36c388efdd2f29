"""The search box: a line edit that knows when a Chinese input method is still composing, and that
leaves the window's chords to the window (the global key puts the cursor here)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence, QResizeEvent

from assist.ui.fitted_hint import fit_hint
from assist.ui.i18n import tr
from assist.ui.inline_edit import InlineEdit


class SearchBox(InlineEdit):
    """Enter copies the selected hit, except while an input method composes (its Enter commits text)."""

    accepted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("searchBox")
        self.hint = tr(
            "搜索用语：中文、拼音、首字母、English（Ctrl+F 或 /）",
            "Search: Chinese, pinyin, initials, English (Ctrl+F or /)",
        )
        self.short_hint = tr("搜索用语（Ctrl+F 或 /）", "Search (Ctrl+F or /)")  # when the whole one does not fit
        self.setPlaceholderText(self.hint)
        self.setClearButtonEnabled(True)
        self.composing = False
        self.copied = False  # Enter copied a hit; "/" then starts a new search
        self.textEdited.connect(lambda _text: setattr(self, "copied", False))
        self.textChanged.connect(lambda text: text or setattr(self, "copied", False))  # cleared: a new search

    def _fit_hint(self) -> None:
        """The short hint when the box is too narrow for the whole one (a large reading size), cut with …
        only if even that does not fit; the whole hint is then the tooltip."""
        fit_hint(self, self.hint, self.short_hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_hint()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_window_chord(event):
            event.ignore()  # not ours: the window's shortcut runs (a line edit would select a word)
            return False
        return super().event(event)

    def _is_window_chord(self, event: QKeyEvent) -> bool:
        """A Ctrl or Alt chord that types nothing and that one of the window's actions uses."""
        chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        types_text = bool(event.text()) and event.text().isprintable()  # AltGr+key on many layouts
        if types_text or not event.modifiers() & chord:
            return False
        pressed = QKeySequence(event.keyCombination())
        return any(action.isEnabled() and pressed in action.shortcuts() for action in self.window().actions())

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.composing:
                self.copied = True
                self.accepted.emit()
            event.accept()
            return
        if event.text() == "/" and self.copied and not self.composing:
            self.copied = False
            self.selectAll()  # a new search, as "/" starts one outside the box: typing replaces the query
            event.accept()
            return
        super().keyPressEvent(event)
