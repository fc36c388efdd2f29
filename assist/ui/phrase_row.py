"""A row of a label with a key badge before it and buttons after it: a copyable phrase, the header.
When the label would get less room than it needs beside them (a large reading size, a narrow
sidebar), the badge and the buttons move to a row of their own above it. A phrase needs
MIN_LINE_CHARACTERS per line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

MIN_LINE_CHARACTERS = 14


class PhraseRow(QWidget):
    def __init__(
        self,
        key: QLabel,
        text: QLabel,
        buttons: list[QWidget],
        needed: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`needed()`: the width the text wants (default: MIN_LINE_CHARACTERS Chinese characters)."""
        super().__init__(parent)
        self.key, self.text = key, text
        self.needed = needed or (lambda: MIN_LINE_CHARACTERS * self.text.fontMetrics().horizontalAdvance("中"))
        self.side = QWidget()
        side = QHBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(4)
        for button in buttons:
            side.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.stacked: bool | None = None
        self._arrange(False)

    def _arrange(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        for widget in (self.key, self.text, self.side):
            self.grid.removeWidget(widget)
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(self.key, 0, 0, top)
        self.grid.addWidget(self.side, 0, 2, top | Qt.AlignmentFlag.AlignRight)
        if stacked:
            self.grid.addWidget(self.text, 1, 0, 1, 3)
        else:
            self.grid.addWidget(self.text, 0, 1)
        self.grid.setColumnStretch(1, 1)

    def _needs_own_row(self, width: int) -> bool:
        spacing = 2 * self.grid.horizontalSpacing()
        room = width - self.key.sizeHint().width() - self.side.sizeHint().width() - spacing
        return room < self.needed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._needs_own_row(event.size().width()))

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish):
            self._arrange(self._needs_own_row(self.width()))
        return super().event(event)
