"""Trial 3, defects 6 and 7: an Alt chord without a binding types nothing; a refused key rebind says
why where the agent looks. Each test follows the tester's reproduction steps on the real window."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.helpers import zh
from tests.ui_fixtures import press


def test_6_an_unbound_alt_letter_types_nothing_in_the_search(qtbot, window):
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "abc")
    press(qtbot, window, "Alt+N")
    press(qtbot, window, "Alt+X")
    assert window.search_box.text() == "abc"
    assert window.status.text() == "Alt+X 没有功能"
    assert window.search_box.hasFocus()  # the agent goes on typing the query


def test_6_an_unbound_alt_letter_types_nothing_in_the_draft(qtbot, window, settings):
    press(qtbot, window, "Ctrl+D")
    editor = window.draft_panel.editor
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "ok")
    press(qtbot, window, "Alt+N")
    assert editor.toPlainText() == "ok"
    assert window.status.text() == "Alt+N 没有功能"


def test_6_the_status_says_it_in_english_too(qtbot, open_window, default_book, settings):
    settings.set("appearance/language", "en")
    window = open_window(default_book, settings)
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    press(qtbot, window, "Alt+Shift+Q")
    assert window.search_box.text() == ""
    assert window.status.text() == "Alt+Shift+Q does nothing"


def test_6_bound_alt_keys_and_mnemonics_still_work_in_a_field(qtbot, window, clipboard):
    clicked = []
    button = QPushButton("保留(&K)", window)  # as the personal file's banner has
    button.clicked.connect(lambda: clicked.append(True))
    button.show()
    press(qtbot, window, "Ctrl+F")
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "qsd")
    press(qtbot, window, "Alt+K")  # a button's mnemonic
    qtbot.waitUntil(lambda: clicked == [True])  # a mnemonic clicks after a short press animation
    assert window.search_box.text() == "qsd"
    press(qtbot, window, "Alt+5")  # a bound key
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.situation_page)
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))


def test_7_a_refused_key_says_why_next_to_its_field_and_in_the_status_line(qtbot, window, settings):
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    edit = page.key_edits["copy_draft"]
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    QApplication.processEvents()
    page.ensureWidgetVisible(edit)  # the agent tabbed to it: it is in view
    qtbot.keyClick(edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # the department finder's key
    message = page.key_message
    qtbot.waitUntil(lambda: message.text().startswith("Ctrl+K 已用于"))
    assert edit.keySequence().toString() == "Ctrl+Return"  # the binding in force
    assert window.status.toolTip() == message.text()  # the status line says it too (elided: whole as tip)
    viewport = page.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(message.mapTo(viewport, message.rect().bottomLeft())))  # in view
    below_field = edit.mapTo(page.widget(), edit.rect().bottomLeft()).y()
    top = message.mapTo(page.widget(), message.rect().topLeft()).y()
    assert 0 <= top - below_field <= 12, (below_field, top)  # right under the refused field
