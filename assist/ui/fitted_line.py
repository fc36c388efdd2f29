"""A one-line rich-text label that shrinks its text to fit its width instead of wrapping or cutting it.

For the call strip's flow (问好 → … → 结束, Greet → … → End): read at a glance as one line, at every
reading size and in either language. The font is never changed (the stylesheet keeps it): the text
is drawn scaled down, by no more than it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPaintEvent, QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittedLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        document.setHtml(self.text())
        return document

    def natural_width(self) -> float:
        """The width the text takes at its own size, on one line."""
        return self._document().idealWidth()

    def scale(self) -> float:
        """How much the text is shrunk to fit (1.0: not at all)."""
        room = self.contentsRect().width()
        natural = self.natural_width()
        return 1.0 if natural <= room or natural <= 0 else room / natural

    def sizeHint(self) -> QSize:
        document = self._document()
        return QSize(int(document.idealWidth()) + 1, int(document.size().height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        document = self._document()
        document.setTextWidth(document.idealWidth())
        scale = self.scale()
        room = self.contentsRect()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        top = room.top() + (room.height() - document.size().height() * scale) / 2
        painter.translate(QPointF(room.left(), top))
        painter.scale(scale, scale)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.WindowText))
        document.documentLayout().draw(painter, context)
