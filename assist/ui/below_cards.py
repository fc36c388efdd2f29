"""The area under the cards: the call strip, the live transcript with its QA list, the banners.

It grows with what it shows, but it and the draft together take at most BOTTOM_SHARE of the window's
height, so the selected card stays readable; what does not fit scrolls inside, behind a visible
scroll bar. With the draft open, the draft gets the room it needs first (the area at least a quarter).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QSplitter, QVBoxLayout, QWidget
from shiboken6 import isValid

BOTTOM_SHARE = 0.4  # of the window's height, for this area and the draft together


class BelowCards(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splitter: QSplitter | None = None
        self.cap = 1_000_000
        self.setObjectName("belowCards")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        content = QWidget()
        content.setObjectName("belowCardsContent")
        self.rows = QVBoxLayout(content)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(0)
        self.setWidget(content)
        content.installEventFilter(self)

    def add(self, widget: QWidget) -> None:
        self.rows.addWidget(widget)

    def keep_room_in(self, splitter: QSplitter) -> None:
        """Share the room with the draft, the splitter's second widget once it is built."""
        self.splitter = splitter
        splitter.installEventFilter(self)
        self.window().installEventFilter(self)

    def _draft(self) -> QWidget | None:
        if self.splitter is None or not isValid(self.splitter) or self.splitter.count() < 2:
            return None
        return self.splitter.widget(1)

    def content_height(self) -> int:
        width = max(1, self.viewport().width())
        if self.rows.hasHeightForWidth():
            return self.rows.totalHeightForWidth(width)
        return self.rows.totalSizeHint().height() if self.rows.count() else 0

    def _shown_height(self) -> int:
        content = self.content_height()
        return 0 if content <= 0 or not any(self._visible_rows()) else min(content, self.cap)

    def _visible_rows(self) -> list[bool]:
        return [self.rows.itemAt(i).widget().isVisibleTo(self.widget()) for i in range(self.rows.count())]

    def sizeHint(self) -> QSize:
        return QSize(self.widget().sizeHint().width(), self._shown_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._shown_height())

    def share_room(self) -> None:
        """Cap this area, and the draft beside it, to their share of the window's height; the draft
        keeps at least the height it needs to show its heading, field and verdict."""
        budget = int(BOTTOM_SHARE * self.window().height())
        draft = self._draft()
        if draft is None or not draft.isVisibleTo(self.window()):
            self.cap = budget
            if draft is not None:
                draft.setMaximumHeight(16_777_215)
        else:
            handle = self.splitter.handleWidth()  # below the cards too
            needed = _least_height(draft)
            self.cap = max(budget - needed - handle, budget // 4)
            draft.setMaximumHeight(max(budget - self._shown_height() - handle, needed))
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self.widget() and kind == QEvent.Type.LayoutRequest) or (
            watched is self.window() and kind == QEvent.Type.Resize
        ):
            self.share_room()
        elif watched is self.splitter and kind == QEvent.Type.ChildAdded:
            child = event.child()  # the draft, built the first time it is wanted
            if isinstance(child, QWidget):
                child.installEventFilter(self)
        elif watched is not self and watched is self._draft() and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self.share_room()
        return super().eventFilter(watched, event)


def _least_height(widget: QWidget) -> int:
    """The height `widget` needs at its width: wrapped labels counted, fields at their smallest."""
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        return max(layout.totalMinimumHeightForWidth(widget.width()), widget.minimumSizeHint().height())
    return widget.minimumSizeHint().height()
