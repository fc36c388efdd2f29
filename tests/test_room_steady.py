"""Trial 4, items 4 and 5: on a page that does not scroll, ☆ keeps the clicked card under the pointer;
and Ctrl+1 opening the values form in a card that fits scrolls nothing. Both seen failing first."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.test_strip_below import star_of
from tests.ui_fixtures import press


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_4_the_star_keeps_its_card_under_the_pointer_on_a_short_page(qtbot, source_window):
    """zhl: Alt+1 (a page that does not scroll), click ☆ twice: the second click met the pinned copy."""
    window = source_window
    press(qtbot, window, "Alt+1")
    page = window.situation_page
    settle()
    assert page.verticalScrollBar().maximum() == 0  # everything fits: nothing to scroll
    star = star_of(page.cards[0])
    pointer = star.mapToGlobal(star.rect().center())
    top = star.mapToGlobal(QPoint(0, 0)).y()
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.pinned) == 1)  # ★ 常用 is inserted above it
    settle()
    star = star_of(page.cards[0])
    assert star.text() == "★"
    assert abs(star.mapToGlobal(QPoint(0, 0)).y() - top) <= 1, (star.mapToGlobal(QPoint(0, 0)).y(), top)
    assert QApplication.widgetAt(pointer) is star  # the second click unpins, as the agent meant
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.pinned)
    settle()
    assert abs(star_of(page.cards[0]).mapToGlobal(QPoint(0, 0)).y() - top) <= 1


def test_5_the_values_form_opening_in_a_card_that_fits_scrolls_nothing(qtbot, open_window, default_book, settings):
    """zhl: Alt+3, Ctrl+1 with the organisation unset: the form opens in the card; the page moved up 43 px."""
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    press(qtbot, window, "Alt+3")
    page = window.situation_page
    settle()
    card = page.cards[0]
    before = card.mapToGlobal(QPoint(0, 0))
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: window.findChild(QWidget, "valuesForm") is not None)
    settle()
    form = window.findChild(QWidget, "valuesForm")
    assert form.isVisible()
    bottom = card.mapTo(page.viewport(), QPoint(0, card.height())).y()
    assert bottom <= page.viewport().height()  # the card with its form fits
    assert card.mapToGlobal(QPoint(0, 0)) == before
    assert page.verticalScrollBar().value() == 0
