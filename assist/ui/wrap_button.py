"""A button whose text wraps onto more lines instead of being cut or widening the sidebar.

Qt's buttons keep their text on one line: a long complaint subject made the page wider than the
window, and a long live suggestion was cut off. This one draws its frame with the style (so the
stylesheet still applies) and its text wrapped in the room left inside, and asks the layout for the
height that text needs at the width it gets.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionToolButton, QToolButton, QWidget

TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
NARROWEST_TEXT = 80  # px: below this a button would be a column of single characters


class WrapButton(QToolButton):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _frame(self) -> QSize:
        """The room the style's border and padding take around the text."""
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ToolButton, option, QSize(0, 0), self)

    def _text_size(self, width: int) -> QSize:
        bounds = QRect(0, 0, max(1, width), 100_000)
        return self.fontMetrics().boundingRect(bounds, TEXT_FLAGS, self.text()).size()

    def sizeHint(self) -> QSize:
        frame = self._frame()
        text = self.fontMetrics().size(0, self.text())
        return QSize(text.width() + frame.width(), text.height() + frame.height())

    def minimumSizeHint(self) -> QSize:
        frame = self._frame()
        widest_word = max((self.fontMetrics().horizontalAdvance(word) for word in self.text().split()), default=0)
        width = min(NARROWEST_TEXT, widest_word) + frame.width()
        return QSize(width, self.fontMetrics().height() + frame.height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        frame = self._frame()
        return self._text_size(width - frame.width()).height() + frame.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""  # the frame only: the text is drawn wrapped below
        painter = QPainter(self)
        self.style().drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option, painter, self)
        frame = self._frame()
        left, top = frame.width() // 2, frame.height() // 2
        room = self.rect().adjusted(left, top, -(frame.width() - left), -(frame.height() - top))
        painter.setPen(self.palette().buttonText().color())
        painter.drawText(room, TEXT_FLAGS, self.text())
