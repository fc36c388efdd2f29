"""The search box: a line edit that knows when a Chinese input method is still composing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent

from assist.ui.i18n import tr
from assist.ui.inline_edit import InlineEdit


class SearchBox(InlineEdit):
    """Enter copies the selected hit, except while an input method composes (its Enter commits text)."""

    accepted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("searchBox")
        self.setPlaceholderText(
            tr(
                "搜索用语：中文、拼音、首字母、English（Ctrl+F 或 /）",
                "Search: Chinese, pinyin, initials, English (Ctrl+F or /)",
            )
        )
        self.setClearButtonEnabled(True)
        self.composing = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.composing:
                self.accepted.emit()
            event.accept()
            return
        super().keyPressEvent(event)
