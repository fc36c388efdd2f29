"""Trial 4, items 9a and 9b: the settings page holds still and grows evenly. A refused key's note
does not push the rows below it down; at the largest reading size the labels grow with the fields."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

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
