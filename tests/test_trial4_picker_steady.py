"""Trial 4, item 9c: typing in the department picker moves no card. The hits show in a list that
floats under the picker, over the cards, and a hit is still picked by a click or by Enter."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from assist.ui.cards import Card
from tests.ui_fixtures import press


def test_9c_the_pickers_hits_do_not_push_the_cards_down(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Alt+2")  # the misrouted call: the department picker above its cards
    page = window.situation_page
    panel = page.helper
    body = page.widget()
    cards = [card for card in body.findChildren(Card) if card.isVisible()]
    assert cards
    before = [card.mapTo(body, QPoint(0, 0)) for card in cards]
    press(qtbot, window, "Ctrl+K")
    qtbot.waitUntil(panel.field.hasFocus)
    qtbot.keyClicks(panel.field, "gjj")
    qtbot.waitUntil(lambda: bool(panel.buttons) and panel.buttons[0].isVisible(), timeout=30_000)
    QApplication.processEvents()
    assert [card.mapTo(body, QPoint(0, 0)) for card in cards] == before, "the cards moved while typing"
    hit = panel.buttons[0]
    top_of_hit = hit.mapTo(body, QPoint(0, 0)).y()
    assert top_of_hit >= panel.field.mapTo(body, QPoint(0, panel.field.height())).y(), "the hits show under the picker"
    assert hit.visibleRegion().boundingRect().size() == hit.size(), "the first hit is drawn whole, over the cards"
    assert panel.field.hasFocus()  # typing goes on in the picker
    name = hit.text().split()[0]
    hit.click()
    qtbot.waitUntil(lambda: name in panel.chosen.text())
    assert not hit.isVisible() or not panel.buttons


def test_9c_the_floating_hits_leave_with_their_page(qtbot, call_window):
    window = call_window
    press(qtbot, window, "Alt+2")
    panel = window.situation_page.helper
    press(qtbot, window, "Ctrl+K")
    qtbot.waitUntil(panel.field.hasFocus)
    qtbot.keyClicks(panel.field, "gjj")
    qtbot.waitUntil(lambda: bool(panel.buttons) and panel.buttons[0].isVisible(), timeout=30_000)
    hit = panel.buttons[0]
    press(qtbot, window, "Alt+5")  # another situation: its page has no picker
    qtbot.waitUntil(lambda: not hit.isVisible())
