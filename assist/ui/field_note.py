"""A note that floats just under a field, over the rows below, like a tooltip: showing it moves no
row (a note put into the layout pushed every key row under it down ~25 px, trial 4 item 9a)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget


class FieldNote(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("fieldNote")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a click reaches the row under it
        self.field: QWidget | None = None
        self.hide()

    def show_under(self, field: QWidget, text: str, left: int, width: int) -> None:
        """Float `text` under `field`, from x `left` over `width` px of the parent; hide it when the
        field loses the keyboard focus (the status line keeps the message)."""
        self.setText(text)
        if not text:
            self.hide()
            return
        if self.field is not field:
            if self.field is not None:
                self.field.removeEventFilter(self)
            field.installEventFilter(self)
            self.field = field
        below = field.mapTo(self.parentWidget(), QPoint(0, field.height()))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(left, below.y() + 1)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            self.hide()
        return False
