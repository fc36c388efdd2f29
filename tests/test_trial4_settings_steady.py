"""Trial 4, items 9a and 9b: the settings page holds still and grows evenly. A refused key's note
does not push the rows below it down; at the largest reading size the labels grow with the fields."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.ui_fixtures import press


def places(page: QWidget, widgets: list[QWidget]) -> list[QPoint]:
    return [widget.mapTo(page, QPoint(0, 0)) for widget in widgets]


def test_9a_a_refused_key_note_moves_no_row(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    fields = list(page.key_edits.values())
    edit = page.key_edits["toggle_draft"]
    page.ensureWidgetVisible(edit)
    QApplication.processEvents()
    before = places(page.widget(), fields)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # taken by the search
    qtbot.waitUntil(lambda: "Ctrl+F" in page.key_message.text())
    QApplication.processEvents()
    note = page.key_message
    assert note.isVisible()
    assert places(page.widget(), fields) == before, "the rows moved when the note showed"
    top_of_note = note.mapTo(page.widget(), QPoint(0, 0)).y()
    bottom_of_field = edit.mapTo(page.widget(), QPoint(0, edit.height())).y()
    assert 0 <= top_of_note - bottom_of_field <= 4, "the note shows right under the field"


def label_sizes(qtbot, open_window, book, settings, size: str) -> dict[str, int]:
    """The font pixel size of every label with words on the settings page, at a reading size."""
    settings.set("appearance/reading_size", size)
    window = open_window(book, settings)
    window.appearance.apply()
    press(qtbot, window, "Ctrl+,")
    QApplication.processEvents()
    sizes = {
        label.text(): QFontInfo(label.font()).pixelSize()
        for label in window.settings_page.findChildren(QLabel)
        if label.text().strip() and not label.isHidden()
    }
    window.close()
    return sizes


def test_9b_at_the_largest_reading_size_the_settings_labels_grow_with_the_fields(
    qtbot, open_window, default_book, settings
):
    normal = label_sizes(qtbot, open_window, default_book, settings, "normal")
    larger = label_sizes(qtbot, open_window, default_book, settings, "larger")
    stayed = {text: (normal[text], larger[text]) for text in normal if larger.get(text, 0) < normal[text] * 1.3}
    assert stayed == {}, "labels that did not grow with the reading size (normal, larger px)"
    for text in ("单位名称", "等待超过", "主题"):
        assert text in normal


def test_9a_the_note_goes_when_the_field_is_left(qtbot, window):
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    edit = page.key_edits["toggle_draft"]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClick(edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.key_message.isVisible)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # leaves the field: the status line keeps the message
    qtbot.waitUntil(lambda: not page.key_message.isVisible())
