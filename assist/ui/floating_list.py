"""A list of buttons that floats under a field, over what follows it, like a completer: showing it
moves nothing (the department picker's hits pushed every card down while typing, trial 4 item 9c).

It is a child of the scrolled page, not a window: it scrolls with the page, takes no focus from the
field being typed in, and Tab still reaches its buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QAbstractButton, QFrame, QScrollArea, QVBoxLayout, QWidget


class FloatingList(QFrame):
    def __init__(self, owner: QWidget, anchor: QWidget) -> None:
        """Floats under `anchor` (a field in `owner`), as wide as `owner` less its margins."""
        super().__init__(owner)
        self.setObjectName("floatingList")
        self.owner, self.anchor = owner, anchor
        self.buttons = QVBoxLayout(self)
        self.buttons.setContentsMargins(4, 4, 4, 4)
        self.buttons.setSpacing(2)
        owner.installEventFilter(self)
        owner.destroyed.connect(self.deleteLater)  # once floated into the page, it outlives no owner
        self.hide()

    def add(self, button: QAbstractButton) -> None:
        self.buttons.addWidget(button)
        self._place()

    def clear(self) -> None:
        while (item := self.buttons.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.hide()

    def _host(self) -> QWidget:
        """The page the list floats in: the scrolled page body, else the owner's parent."""
        widget = self.owner.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if widget is not None and widget.widget() is not None:
            return widget.widget()
        return self.owner.parentWidget() or self.owner

    def _place(self) -> None:
        if self.buttons.count() == 0 or not self.owner.isVisible():
            self.hide()
            return
        host = self._host()
        if self.parentWidget() is not host:
            self.setParent(host)
        margins = self.owner.layout().contentsMargins() if self.owner.layout() else None
        left = margins.left() if margins else 0
        right = margins.right() if margins else 0
        origin = self.owner.mapTo(host, QPoint(left, 0))
        below = self.anchor.mapTo(host, QPoint(0, self.anchor.height() + 2))
        self.setFixedWidth(max(80, self.owner.width() - left - right))
        self.setFixedHeight(
            self.buttons.totalHeightForWidth(self.width())
            if self.buttons.hasHeightForWidth()
            else self.buttons.sizeHint().height()
        )
        self.move(origin.x(), below.y())
        self.raise_()
        self.show()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._place()  # its buttons took the page's font (polished once shown): their height changed
        return handled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.owner:
            if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
                self._place()
            elif event.type() == QEvent.Type.Hide:
                self.hide()
        return False
