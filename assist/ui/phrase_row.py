"""A row of a label with a key badge before it and buttons after it: a copyable phrase, the header.
When the label would get less room than it needs beside them (a large reading size, a narrow
sidebar), the badge and the buttons move to a row of their own above it. A phrase needs
MIN_LINE_CHARACTERS per line. Buttons that come and go (the header's ⚠) never change that choice:
the label gives up room to them instead, so the row keeps its height with or without them."""

from __future__ import annotations

from collections.abc import Callable, Collection

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
        passing: Collection[QWidget] = (),
    ) -> None:
        """`needed()`: the width the text wants (default: MIN_LINE_CHARACTERS Chinese characters);
        `passing`: those of `buttons` that show only now and then (not counted in the choice)."""
        super().__init__(parent)
        self.passing = tuple(passing)
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
        side = self.side.sizeHint().width()
        side -= sum(button.sizeHint().width() + self.side.layout().spacing() for button in self._shown_passing())
        room = width - self.key.sizeHint().width() - side - spacing
        return room < self.needed()

    def _shown_passing(self) -> list[QWidget]:
        return [button for button in self.passing if not button.isHidden()]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._needs_own_row(event.size().width()))

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.Polish):
            self._arrange(self._needs_own_row(self.width()))
        return super().event(event)
