"""The call strip sits below the cards (trial 3, items 1, 2, 9, 10, 12): its appearing, growing and
shrinking only shortens the page from the bottom; nothing above the cards moves, the card the agent
works with stays whole in view, and pinning or a new text size keeps in place what the agent looked at.
Each test drives the real window by keys or clicks and was seen failing on the strip-above layout."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from assist.ui.theme import stylesheet
from tests.helpers import zh
from tests.test_trial_focus_layout import settle
from tests.ui_fixtures import press

HOLD = zh("请稍等,我帮您查一下。")
SORRY = zh("对不起,让您久等了")


def screen_rect(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def whole_in_view(page, card) -> bool:
    top_left = card.mapTo(page.viewport(), QPoint(0, 0))
    return page.viewport().rect().contains(QRect(top_left, card.size()))


def fixed_parts(window) -> dict[str, QRect]:
    """What sits above the cards: none of it may move while a call goes on."""
    parts = {"header": window.book_label, "search": window.search_box, "back": window.back_button}
    return {name: screen_rect(widget) for name, widget in parts.items() if widget.isVisible()}


def test_the_strip_lies_below_the_cards_and_above_the_status_line(qtbot, call_window, clipboard):
    window = call_window
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")  # 请稍等: a call and its hold start, the strip appears
    settle()
    strip, pages = screen_rect(window.call_strip), screen_rect(window.stack)
    assert window.call_strip.isVisible()
    assert strip.top() > pages.bottom()
    assert strip.bottom() < screen_rect(window.status).top()


def test_1_the_search_hit_copied_stays_whole_in_view(qtbot, call_window, clipboard):
    """zhl: Ctrl+F, qsd, Enter: the only hit (请稍等) starts a call; it stayed under the strip."""
    window = call_window
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.waitUntil(lambda: window.search_service.has_pinyin, timeout=10_000)
    qtbot.keyClicks(window.search_box, "qsd")
    page = window.search_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page and len(page.cards) >= 1)
    settle()
    card = page.cards[0]
    before, parts = screen_rect(card), fixed_parts(window)
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == HOLD)
    settle()
    assert window.call_strip.isVisible()
    assert whole_in_view(page, card)
    assert screen_rect(card) == before
    assert fixed_parts(window) == parts


@pytest.mark.parametrize("situation", ["Alt+1", "Alt+5"])
def test_1_the_strip_appearing_moves_nothing_above_or_on_the_page(qtbot, call_window, clipboard, situation):
    window = call_window
    press(qtbot, window, situation)
    cards = window.situation_page.cards
    settle()
    before, parts = [screen_rect(card) for card in cards[:2]], fixed_parts(window)
    press(qtbot, window, "Ctrl+1")  # the greeting or 请稍等 starts a call
    qtbot.waitUntil(lambda: clipboard.text() != "(nothing copied yet)")
    settle()
    assert window.call_strip.isVisible()
    assert [screen_rect(card) for card in cards[:2]] == before
    assert all(whole_in_view(window.situation_page, card) for card in cards[:2])
    assert fixed_parts(window) == parts


def test_2_the_back_button_stays_under_the_pointer_when_the_hold_offer_closes(qtbot, call_window, clock, clipboard):
    """enl: Alt+5, Ctrl+1, 31 s, click 对不起，让您久等了: the offer row closes; Back must not slide."""
    window = call_window
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")
    clock.advance(31)
    window.calls.timer.timeout.emit()  # the hold is overdue: the strip grows its offers
    settle()
    offer = next(button for button in window.call_strip.offer_buttons if button.text() == SORRY)
    assert offer.isVisible()
    parts, cards = fixed_parts(window), [screen_rect(card) for card in window.situation_page.cards[:2]]
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text() == SORRY)
    settle()
    assert not offer.isVisible()  # the offer row closed: the strip shrank
    assert fixed_parts(window) == parts
    assert [screen_rect(card) for card in window.situation_page.cards[:2]] == cards


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_the_selected_card_stays_whole_when_the_strip_shortens_the_page(qtbot, qapp, call_window, clock, size):
    """A card selected near the bottom edge is scrolled up just enough when the strip takes room."""
    window = call_window
    qapp.setStyleSheet(stylesheet("light", size))
    window.resize(400, 800)
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    settle()
    visible = [card for card in page.cards if whole_in_view(page, card)]
    target = page.cards.index(visible[-1])  # the lowest card shown whole
    for _ in range(target):
        press(qtbot, window, "Down")
    settle()
    card = page.cards[target]
    assert card.is_selected and whole_in_view(page, card)
    press(qtbot, window, "Ctrl+H")  # a hold starts a call: the strip appears
    clock.advance(31)
    window.calls.timer.timeout.emit()  # and grows its offers
    settle()
    assert window.call_strip.isVisible()
    assert whole_in_view(page, card), (card.mapTo(page.viewport(), QPoint(0, 0)), page.viewport().rect())
    assert page.verticalScrollBar().value() > 0 or card.mapTo(page.viewport(), QPoint(0, 0)).y() >= 0


def test_the_top_card_does_not_move_when_the_selected_one_is_in_view(qtbot, call_window, clock):
    """Scrolling happens only when the selected card would be cut at the bottom."""
    window = call_window
    window.resize(400, 800)
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    settle()
    press(qtbot, window, "Ctrl+H")
    clock.advance(31)
    window.calls.timer.timeout.emit()
    settle()
    assert page.verticalScrollBar().value() == 0
