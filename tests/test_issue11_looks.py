"""Issue 11, defects 11–13: readable in both themes, usable at every reading size, the book's name
whole in the header. Each was seen failing on the code before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from assist.ui.theme import stylesheet
from tests.ui_fixtures import press


@pytest.mark.parametrize("language", ["zh", "en"])
def test_13_the_header_shows_the_books_short_name_whole(qtbot, open_window, default_book, settings, language):
    settings.set("appearance/language", language)
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    label = window.book_label
    qtbot.waitUntil(lambda: label.width() > 0)
    assert "…" not in label.text() and label.text().startswith("96128")
    full_name = {"zh": default_book.name, "en": default_book.name_en}[language]
    assert full_name in label.toolTip()  # the full name, in its tooltip (in the interface language)


def phrase_line_characters(card) -> int:
    """How many Chinese characters fit on one line of the card's phrase text."""
    label = card.text_label
    return label.contentsRect().width() // max(1, label.fontMetrics().horizontalAdvance("中"))


@pytest.mark.parametrize("size", ["compact", "normal", "large", "larger"])
def test_12_a_phrase_line_holds_14_characters_at_every_size(qtbot, open_window, default_book, settings, size):
    settings.set("appearance/reading_size", size)
    settings.set("profile/dismissed", True)
    QApplication.instance().setStyleSheet(stylesheet("light", size))
    window = open_window(default_book, settings)
    window.appearance.apply()
    press(qtbot, window, "Alt+5")
    card = window.situation_page.cards[0]
    qtbot.waitUntil(lambda: card.text_label.width() > 0)
    QApplication.processEvents()
    assert phrase_line_characters(card) >= 14, size
    assert "…" not in window.book_label.text()
