"""Scroll anchoring, as browsers do it: what the agent was looking at stays where it was on screen
when the page is rebuilt or restyled around it.

Pinning a phrase (☆) inserts ★ 常用 above its card: the card whose star was clicked stays under the
pointer (trial 3, item 12). A new reading size makes everything taller or shorter: what was at the top
of the view stays at the top (item 10).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

LAYOUT_PASSES = 4


class ScrollAnchor:
    def __init__(self, page: QScrollArea, find: Callable[[], QWidget | None]) -> None:
        """Note where `find()` is in the page's view; `restore()` puts what `find()` then gives there again."""
        self.page = page
        self.find = find
        anchor = find()
        self._at = _y_in_view(page, anchor) if anchor is not None and page.isAncestorOf(anchor) else None

    def restore(self) -> None:
        """Scroll so the anchor is where it was (as far as the page can scroll)."""
        anchor = self.find()
        if self._at is None or anchor is None or not self.page.isAncestorOf(anchor):
            return
        settle_range(self.page)
        bar = self.page.verticalScrollBar()
        wanted = bar.value() + _y_in_view(self.page, anchor) - self._at
        if wanted > bar.maximum():
            _room_below(self.page, wanted)
        bar.setValue(max(0, wanted))

    def restore_later(self) -> None:
        """Restore once the posted layout work is done (a restyled page gets its sizes a turn later)."""
        QTimer.singleShot(0, self.restore)


def top_in_view(page: QScrollArea) -> QWidget | None:
    """The first row of the page's content that shows at the top of its view (at least half of it)."""
    body = page.widget()
    if body is None or body.layout() is None:
        return None
    layout = body.layout()
    for index in range(layout.count()):
        widget = layout.itemAt(index).widget()
        if widget is not None and widget.isVisible() and _y_in_view(page, widget) + widget.height() // 2 >= 0:
            return widget
    return None


def _y_in_view(page: QScrollArea, widget: QWidget) -> int:
    return widget.mapTo(page.viewport(), QPoint(0, 0)).y()


def _room_below(page: QScrollArea, wanted: int) -> None:
    """Empty room under the last row, so the page can scroll down to `wanted` (until redrawn); a page
    shorter than its view first needs the room to fill the view."""
    body = page.widget()
    layout = body.layout()
    content = (
        layout.totalHeightForWidth(body.width()) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
    )
    extra = page.viewport().height() + wanted - content
    if extra <= 0:
        return
    margins = layout.contentsMargins()
    margins.setBottom(margins.bottom() + extra)
    layout.setContentsMargins(margins)
    settle_range(page)


def settle_range(page: QScrollArea) -> None:
    """Lay the page's content out and give it its scroll range now, not at the next turns of the loop
    (a size change climbs one layout a pass: a few passes settle a card, its page and the window)."""
    layout = page.widget().layout() if page.widget() is not None else None
    for _ in range(LAYOUT_PASSES):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if layout is not None:
            layout.activate()
    QApplication.sendPostedEvents(page.viewport(), QEvent.Type.LayoutRequest)


def hold_top(page: QWidget) -> Callable[[], None]:
    """Note what is at the top of `page`'s view; the function returned keeps it there (now and once laid out)."""
    if not isinstance(page, QScrollArea):
        return lambda: None
    top = top_in_view(page)
    anchor = ScrollAnchor(page, lambda: top)

    def restore() -> None:
        anchor.restore()
        anchor.restore_later()

    return restore
