"""The selected card stays whole in view when the page gets shorter.

Everything that comes and goes by itself (the call strip, its hold offers, the live transcript, the
banners) sits below the cards, so it only takes room from the bottom of the page: nothing above the
cards moves and no card moves under the pointer. Only when the selected card would then be cut at
the bottom does the page scroll, by just enough to show it whole (issue 11 and trial 3, items 1–2).

A card brought forward by the live transcript is selected (and so scrolled into view) before the
transcript under the cards has its height; this rule then keeps it whole.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QWidget

from assist.ui.scroll_anchor import settle_range


class KeepInView(QObject):
    def __init__(self, stack: QStackedWidget, selected: Callable[[], int], parent: QObject) -> None:
        """`stack`: the pages; `selected()`: the index of the selection on the page shown."""
        super().__init__(parent)
        self.current = stack.currentWidget
        self.selected = lambda: selected_widget(stack.currentWidget(), selected())
        self._settle = QTimer(self)  # once the page has its new height (its scroll range is known then)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._after_resize)
        self._viewports: dict[QObject, QWidget] = {}
        # Watched from the first turn of the event loop: the first call to viewport() costs ~15 ms
        # of PySide6 set-up, which need not delay the window's first paint.
        QTimer.singleShot(0, self, lambda: self._watch(stack))

    def _watch(self, stack: QStackedWidget) -> None:
        pages = [stack.widget(index) for index in range(stack.count())]
        self._viewports = {page.viewport(): page for page in pages if isinstance(page, QScrollArea)}
        for viewport in self._viewports:
            viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._viewports.get(watched) is self.current():
            assert isinstance(event, QResizeEvent)
            if event.size().height() < event.oldSize().height():
                self._settle.start()
        return False

    def _after_resize(self) -> None:
        if (card := self.selected()) is not None:
            self._keep_bottom(card)

    def _keep_bottom(self, card: QWidget) -> None:
        """Scroll down only if the card is cut at the bottom; never up, never to make a margin."""
        page = self.current()
        if not isinstance(page, QScrollArea) or not page.isAncestorOf(card) or not card.isVisible():
            return
        settle_range(page)
        viewport = page.viewport()
        top = card.mapTo(viewport, QPoint(0, 0)).y()
        cut = top + card.height() - viewport.height()
        if cut > 0:
            bar = page.verticalScrollBar()
            bar.setValue(bar.value() + min(cut, max(0, top)))  # a card taller than the page: its top


def selected_widget(page: QWidget, index: int) -> QWidget | None:
    """The card (or situation row, or recent phrase) at `index` of the selection on `page`, if any."""
    items = [*getattr(page, "rows", []), *getattr(page, "recent", [])] or list(getattr(page, "cards", []))
    return items[index] if 0 <= index < len(items) else None


def reveal(page: QScrollArea, widget: QWidget) -> None:
    """Scroll only as far as needed to show `widget` whole, once laid out: nothing when it fits already
    (scrolling before the layout, or with ensureWidgetVisible's margin, moved a card that fitted)."""
    settle_range(page)
    viewport, bar = page.viewport(), page.verticalScrollBar()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    cut = top + widget.height() - viewport.height()
    if top < 0:
        bar.setValue(bar.value() + top)
    elif cut > 0:
        bar.setValue(bar.value() + min(cut, top))  # a widget taller than the view: its top
