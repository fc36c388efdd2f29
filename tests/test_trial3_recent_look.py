"""Trial 3, item 8: the recent phrase selected by keyboard shows the same selected look as a card (an
accent frame on a soft accent ground) in both themes, readable, and Enter copies the one framed."""

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from assist.ui.theme import DARK, LIGHT, stylesheet
from tests.test_issue11_contrast import contrast
from tests.ui_fixtures import press

THEMES = {"light": LIGHT, "dark": DARK}


def rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.getRgb()[:3]


def top_border(widget) -> QColor:
    QApplication.processEvents()
    return widget.grab().toImage().pixelColor(widget.width() // 2, 0)


def ground(widget) -> QColor:
    """The colour inside the frame, left of the text."""
    QApplication.processEvents()
    return widget.grab().toImage().pixelColor(3, widget.height() // 2)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_recent_phrase_selected_by_keys_looks_so(qtbot, open_window, default_book, settings, clipboard, theme):
    settings.set("appearance/theme", theme)
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    QApplication.instance().setStyleSheet(stylesheet(theme))  # as the window does (the fixture sets light)
    colours = THEMES[theme]
    for key in ("Alt+7", "Ctrl+3", "Alt+7", "Ctrl+2", "Esc"):  # the tester's steps
        press(qtbot, window, key)
    page = window.list_page
    qtbot.waitUntil(lambda: len(page.recent) == 2 and page.recent[0].isVisible())
    while window.navigator.selected < len(page.rows):
        press(qtbot, window, "Down")
    first, second = page.recent
    assert top_border(first) == QColor(colours["accent"])  # framed like a selected card
    assert ground(first) == QColor(colours["accentSoft"])
    assert top_border(second) != QColor(colours["accent"])  # the other one is not
    # The frame stands out from the page (3:1, WCAG's figure for a state) and the text stays readable.
    assert contrast(rgb(QColor(colours["accent"])), rgb(QColor(colours["window"]))) >= 3.0
    assert contrast(rgb(QColor(colours["text"])), rgb(QColor(colours["accentSoft"]))) >= 4.5
    height = first.height()
    press(qtbot, window, "Down")
    assert top_border(second) == QColor(colours["accent"]) and top_border(first) != QColor(colours["accent"])
    assert first.height() == height  # nothing moves when the frame does
    press(qtbot, window, "Return")
    assert clipboard.text() == second.text()
    qtbot.waitUntil(lambda: any(button.property("selected") for button in page.recent))
    (selected,) = [button for button in page.recent if button.property("selected")]  # the list was rebuilt
    assert selected is page.recent[0] and selected.text() == clipboard.text()  # the copied one, now first
    assert top_border(selected) == QColor(colours["accent"])
    press(qtbot, window, "Ctrl+D")  # the cursor in the draft: Enter is the draft's, the frame is drawn away
    qtbot.waitUntil(window.draft_panel.editor.hasFocus)
    qtbot.waitUntil(lambda: top_border(selected) != QColor(colours["accent"]))
    assert ground(selected) == QColor(colours["surface"])
    press(qtbot, window, "Esc")
    qtbot.waitUntil(lambda: top_border(selected) == QColor(colours["accent"]))
