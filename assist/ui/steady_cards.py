"""Cards stay where they are on screen when something above the pages appears, grows or goes: the
call strip when a call starts or a hold runs long, a banner, the live transcript. The page scrolls by
as much as it was pushed, so a click aimed at a card still lands on it (issue 11: nothing moves
under the pointer). A page too short to scroll that far gets the room it needs at its bottom.

A card brought forward on purpose (by the live transcript) is scrolled whole into view here too, once
the rows above have their new height: last, so that nothing undoes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QMoveEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

WHOLE_MARGIN = 24  # room kept above or below a card scrolled into view, when the page has it


class SteadyCards(QObject):
    def __init__(self, area: QWidget, page: Callable[[], QWidget], parent: QObject) -> None:
        """`area`: what holds the pages (it moves when the rows above it change); `page()`: the page shown."""
        super().__init__(parent)
        self.area = area
        self.page = page
        self._body: QWidget | None = None  # the page content on screen when the pages moved
        self._was_at = 0  # where that content was in the window before they moved
        self._whole: QWidget | None = None  # the card to show whole once the layout has settled
        self._settle = QTimer(self)  # once the page has its new height (its scroll range is known then)
        self._settle.setSingleShot(True)
        self._settle.setInterval(0)
        self._settle.timeout.connect(self._scroll_back)
        self._page_new = QTimer(self)  # a page was just shown: how it settles is not a push
        self._page_new.setSingleShot(True)
        self._page_new.setInterval(0)
        area.installEventFilter(self)

    def page_shown(self) -> None:
        """Another page (or the same one drawn again) is shown: it starts where it starts."""
        self._body = None
        self._page_new.start()

    def show_whole(self, card: QWidget) -> None:
        """Scroll `card` fully into view (with a margin), now and again once the layout has settled."""
        self._whole = card
        self._ensure_whole()
        self._settle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Move and self.area.isVisible():
            if self._page_new.isActive():
                return False
            assert isinstance(event, QMoveEvent)
            page = self.page()
            if not self._settle.isActive() and isinstance(page, QScrollArea) and page.widget() is not None:
                self._body = page.widget()
                moved = event.pos().y() - event.oldPos().y()
                self._was_at = self._y(self._body) - moved
            self._settle.start()
        return False

    def _y(self, body: QWidget) -> int:
        return body.mapTo(self.area.window(), QPoint(0, 0)).y()

    def _scroll_back(self) -> None:
        page, body, self._body = self.page(), self._body, None
        if body is not None and isinstance(page, QScrollArea) and page.widget() is body:
            bar = page.verticalScrollBar()
            wanted = bar.value() + self._y(body) - self._was_at
            if wanted > bar.maximum():
                _room_below(page, wanted)
            bar.setValue(max(0, wanted))
        # (else another page is shown now: it starts where it starts)
        self._ensure_whole()
        self._whole = None

    def _ensure_whole(self) -> None:
        page, card = self.page(), self._whole
        if card is None or not isinstance(page, QScrollArea) or not page.isAncestorOf(card):
            return  # gone with its page
        _settle_range(page)  # a page just drawn has no scroll range yet
        margin = max(0, min(WHOLE_MARGIN, (page.viewport().height() - card.height()) // 2))
        page.ensureWidgetVisible(card, 0, margin)


def _room_below(page: QScrollArea, scrolled: int) -> None:
    """Let a page scroll down by `scrolled` pixels: empty room under its last card, until it is drawn again."""
    body = page.widget()
    layout = body.layout()
    extra = page.viewport().height() + scrolled - body.minimumSizeHint().height()
    if layout is None or extra <= 0:
        return
    margins = layout.contentsMargins()
    margins.setBottom(margins.bottom() + extra)
    layout.setContentsMargins(margins)
    _settle_range(page)


def _settle_range(page: QScrollArea) -> None:
    """Lay the page's content out and give it its scroll range now, not at the next turn of the loop."""
    layout = page.widget().layout()
    if layout is not None:
        layout.activate()
    QApplication.sendPostedEvents(page.viewport(), QEvent.Type.LayoutRequest)
