"""The call strip sits below the cards (trial 3, items 1, 2, 9, 10, 12): its appearing, growing and
shrinking only shortens the page from the bottom; nothing above the cards moves, the card the agent
works with stays whole in view, and pinning or a new text size keeps in place what the agent looked at.
Each test drives the real window by keys or clicks and was seen failing on the strip-above layout."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QToolButton

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


# -- 12: ☆ keeps the pinned card under the pointer ----------------------------------------------


def star_of(card):
    return next(button for button in card.findChildren(QToolButton) if button.objectName() == "favouriteButton")


@pytest.mark.parametrize("scrolled", [False, True], ids=["at the top", "scrolled"])
def test_12_the_card_whose_star_was_clicked_stays_under_the_pointer(qtbot, source_window, scrolled):
    window = source_window
    window.resize(400, 600)
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    settle()
    if scrolled:
        page.verticalScrollBar().setValue(40)
        settle()
    star = star_of(page.cards[2])  # ☆ of 谢谢您的耐心等待
    before = star.mapToGlobal(QPoint(0, 0))
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.pinned) == 1)  # ★ 常用 is inserted above it
    settle()
    assert star_of(page.cards[2]).text() == "★"
    assert star_of(page.cards[2]).mapToGlobal(QPoint(0, 0)) == before
    qtbot.mouseClick(star_of(page.cards[2]), Qt.MouseButton.LeftButton)  # unpinned: 常用 goes again
    qtbot.waitUntil(lambda: not page.pinned)
    settle()
    assert star_of(page.cards[2]).mapToGlobal(QPoint(0, 0)) == before


# -- 10: a new text size keeps in view what was at the top --------------------------------------


@pytest.mark.parametrize("keys", [["Ctrl+="] * 3, ["Ctrl+-"]], ids=["larger", "smaller"])
def test_10_changing_the_text_size_keeps_the_top_of_the_view(qtbot, call_window, keys):
    """end: Alt+2, Ctrl+plus ×3: the department picker at the top of situation 2 went off the top."""
    window = call_window
    press(qtbot, window, "Alt+2")
    page = window.situation_page
    settle()
    panel = page.helper
    assert panel is not None and panel.isVisible()
    for key in keys:
        press(qtbot, window, key)
        settle()
    top = panel.mapTo(page.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < page.viewport().height() // 4, top


@pytest.mark.parametrize("keys", [["Ctrl+="] * 3, ["Ctrl+-"]], ids=["larger", "smaller"])
def test_10_a_scrolled_page_keeps_its_top_card_at_the_top_when_the_size_changes(qtbot, call_window, keys):
    window = call_window
    window.resize(400, 600)
    press(qtbot, window, "Alt+5")
    page = window.situation_page
    settle()
    card = page.cards[3]
    page.verticalScrollBar().setValue(card.mapTo(page.widget(), QPoint(0, 0)).y() - 8)
    settle()
    before = card.mapTo(page.viewport(), QPoint(0, 0)).y()
    for key in keys:
        press(qtbot, window, key)
        settle()
    assert card.mapTo(page.viewport(), QPoint(0, 0)).y() == before


# -- 9: the strip's text scales with the reading size, and the strip stays compact -----------------


def overdue_strip_at(qtbot, qapp, window, clock, size: str):
    qapp.setStyleSheet(stylesheet("light", size))
    window.resize(400, 800)
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+1")  # 请稍等: a call and its hold
    clock.advance(31)
    window.calls.timer.timeout.emit()  # "等待 0:31 · 请告知用户…" and the two offers
    settle()
    return window.call_strip


def font_px(widget) -> int:
    return widget.fontInfo().pixelSize()


def test_9_the_strip_text_scales_like_the_rest_and_the_strip_stays_compact(qtbot, qapp, call_window, clock):
    window = call_window
    strip = overdue_strip_at(qtbot, qapp, window, clock, "normal")
    parts = (strip.timer_label, strip.hold_label, strip.voices_label, strip.offer_buttons[0], window.status)
    normal = [font_px(widget) for widget in parts]
    strip = overdue_strip_at(qtbot, qapp, window, clock, "larger")
    larger = [font_px(widget) for widget in parts]
    ratio = larger[-1] / normal[-1]  # the status line scales with the reading size
    assert ratio > 1.3
    for widget, small, big in zip(parts, normal, larger, strict=True):
        assert big / small == pytest.approx(ratio, abs=0.1), widget.objectName()
    assert strip.isVisible() and strip.offer_buttons[0].isVisible()
    assert strip.height() <= 800 // 4, strip.height()
    assert window.stack.height() >= 800 // 2


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("size", ["normal", "larger"])
def test_9_the_search_placeholder_is_not_cut(qtbot, qapp, open_window, default_book, settings, language, size):
    settings.set("appearance/language", language)
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    qapp.setStyleSheet(stylesheet("light", size))
    window.resize(400, 800)
    settle()
    box = window.search_box
    room = box.style().subElementRect(box.style().SubElement.SE_LineEditContents, _option(box), box).width()
    room -= sum(button.width() for button in box.findChildren(QToolButton))  # the ✕ that clears it
    text = box.placeholderText()
    assert box.fontMetrics().horizontalAdvance(text) <= room, text
    assert "Ctrl+F" in text and text.endswith(("）", ")")), text  # whole, or the short hint: the key stays
    assert text == box.hint or box.toolTip() == box.hint


def _option(box):
    from PySide6.QtWidgets import QStyleOptionFrame

    option = QStyleOptionFrame()
    box.initStyleOption(option)
    return option


def test_a_banner_and_the_live_transcript_come_under_the_cards_and_move_nothing(qtbot, call_window):
    from assist.core.problems import Position, Problem

    window = call_window
    press(qtbot, window, "Alt+5")
    cards = window.situation_page.cards
    settle()
    before, parts = [screen_rect(card) for card in cards[:2]], fixed_parts(window)
    window.show_problems("用语库有问题", [Problem("book.yaml", Position(3, 1), "bad indentation")])
    controller = window.live_controller()
    line = {"command": "utterance", "speaker": "caller", "text": "你好", "final": True, "start": 1, "end": 2}
    assert window.handle_command(line) == {"ok": True}
    qtbot.waitUntil(controller.strip.isVisible, timeout=10_000)
    settle()
    assert window.banner.isVisible()
    for shown in (window.banner, controller.strip):
        assert screen_rect(shown).top() > screen_rect(window.stack).bottom()
    assert [screen_rect(card) for card in cards[:2]] == before
    rows = {name: (rect.top(), rect.height()) for name, rect in fixed_parts(window).items()}
    assert rows == {name: (rect.top(), rect.height()) for name, rect in parts.items()}  # (⚠ joins the header row)
