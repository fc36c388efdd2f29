"""Issue 11, defect 10: the interface speaks one language. Every page is walked in Chinese and in
English; no word of the other language shows outside the phrasebook's own phrase text."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from tests.ui_fixtures import FakeClock, press

PAGES = {
    "first start": [],  # the profile bar and its fields' examples (the first page walked: nothing saved yet)
    "list": [],
    "situation": ["Alt+5"],
    "misrouted": ["Alt+2", "Ctrl+1"],  # with the form asking for the call's values
    "silent caller": ["Alt+3"],
    "complaint": ["Alt+0"],
    "search": ["Ctrl+F", "w", "a", "i", "t"],
    "guidance": ["F2"],
    "keys": ["F1"],
    "settings": ["Ctrl+,"],
    "draft": ["Alt+5", "Ctrl+D"],
    "call": ["Ctrl+N", "Alt+Right", "Ctrl+H"],  # the call strip: flow, voices, hold timer
    "call ended": ["Ctrl+N", "Ctrl+E"],  # what the call missed
    "hold overdue": ["Ctrl+N", "Ctrl+H", "+40s"],  # the reminder and the phrases it offers
    "new call asked": ["Ctrl+N", "Ctrl+N"],  # a call is on: start another?
    "department": ["Ctrl+K"],  # the department finder of a misrouted call
    "glosses": ["Alt+5", "Ctrl+G"],  # English glosses on: in the English interface, nothing changes language
    "misrouted glosses": ["Alt+2", "Ctrl+G"],  # the extension left out: its blank is struck through
}
# The phrasebook's own text: never translated (an English gloss shows on demand): its phrases, the
# forbidden wording, the words and phrases its guidance quotes. (Its notes, conduct, complaint
# subjects and guidance headings are in the interface language: the book gives them in English too.)
PHRASE_TEXT = {
    "phraseText", "insteadText", "forbiddenText", "hitForbidden", "recentPhrase", "holdOffer",
    "unless", "guidancePhrase", "settingsFile", "departmentChosen",
}  # fmt: skip
BLANK = re.compile(r"〔[^〕]*〕")  # a placeholder without its value, named
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# In the Chinese interface, Latin letters are fine in key names, file paths and names of things.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LATIN_ALLOWED = {
    "Ctrl", "Alt", "Shift", "Enter", "Return", "Esc", "Up", "Down", "Left", "Right", "Space", "Tab",
    "Assist", "English", "http", "https", "URL", "yaml", "srv", "assist", "centre", "tmp", "pytest", "of", "root",
    "ini", "pinyin", "qsd",
}  # fmt: skip


def texts(widget: QWidget) -> list[str]:
    tip = [widget.toolTip()] if widget.toolTip() else []
    return [re.sub(r"<[^>]+>", "", text) for text in [*shown_texts(widget), *tip] if text]


def shown_texts(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel | QAbstractButton):
        shown = [widget.text()]
    elif isinstance(widget, QLineEdit):
        shown = [widget.text(), widget.placeholderText()]
    elif isinstance(widget, QPlainTextEdit):
        shown = [widget.placeholderText()]
    elif isinstance(widget, QComboBox):
        shown = [widget.itemText(i) for i in range(widget.count())]
    else:
        return []
    return shown


PATH = re.compile(r"(?:[/\\][A-Za-z0-9_.\-]+)+")  # a file's path is a name, in no language


def foreign(text: str, language: str) -> bool:
    text = PATH.sub("", text)
    if language == "en":
        return bool(CHINESE.search(text)) and text not in ("中文",)  # a language is named in its own words
    return any(word not in LATIN_ALLOWED and not re.fullmatch(r"F\d+", word) for word in LATIN_WORD.findall(text))


def in_phrase_text(widget: QWidget) -> bool:
    while widget is not None:
        if widget.objectName() in PHRASE_TEXT:
            return True
        widget = widget.parentWidget()
    return False


@pytest.mark.parametrize("language", ["zh", "en"])
def test_10_every_page_speaks_the_interface_language(qtbot, open_window, default_book, settings, language):
    settings.set("appearance/language", language)
    values = {"zh": ("某市政务服务中心", "办公室"), "en": ("Acme", "Office")}[language]
    profile = {"organisation": values[0], "department": values[1], "agent_number": "1024"}
    found = set()
    for page, keys in PAGES.items():
        if page.endswith("glosses") and language == "zh":
            continue  # glosses are English on purpose, shown when the agent asks
        if page == "search":  # the agent's own query is not the interface's words
            keys = ["Ctrl+F", *("wait" if language == "en" else "qsd")]
        if page != "first start":
            settings.set("profile/dismissed", True)
            settings.set_profile_values(profile)
        clock = FakeClock()
        window = open_window(default_book, settings, clock=clock)
        for key in keys:
            if key.startswith("+"):  # time passes: the call's timer ticks
                clock.advance(float(key.strip("+s")))
                window.calls.timer.timeout.emit()
            else:
                press(qtbot, window, key)
        qtbot.waitUntil(lambda: True)
        QApplication.processEvents()
        if foreign(window.windowTitle(), language):  # the taskbar shows it
            found.add((page, "windowTitle", window.windowTitle()))
        for widget in window.findChildren(QWidget):
            if not widget.isVisibleTo(window):
                continue
            if not in_phrase_text(widget):
                found.update((page, widget.objectName(), text) for text in texts(widget) if foreign(text, language))
            else:  # the phrase is the book's, but a blank in it is named in the interface language
                blanks = [blank for text in texts(widget) for blank in BLANK.findall(text)]
                found.update((page, widget.objectName(), blank) for blank in blanks if foreign(blank, language))
        window.close()
    assert sorted(found) == [], "\n".join(map(str, sorted(found)))


def test_10_the_reading_size_is_named_in_the_interface_language(qtbot, window):
    press(qtbot, window, "Ctrl+=")
    assert window.status.text() == "字号：大"
    press(qtbot, window, "Ctrl+-")
    assert window.status.text() == "字号：标准"


def test_10_editing_an_own_phrase_says_save_not_add(qtbot, source_window):
    window = source_window
    press(qtbot, window, "Alt+5")
    field = window.situation_page.add_field
    field.setText("请您稍候，系统正在查询。")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.navigator.situation.phrases) == 5)
    window.situation_page.cards[4].edit_clicked.emit()
    assert window.situation_page.add_button.text() == "保存"
    window.situation_page.add_field.setText("这个我不清楚，您稍等")
    qtbot.keyClick(window.situation_page.add_field, Qt.Key.Key_Return)
    assert window.situation_page.refusal.text().startswith("不能保存")


def menu_texts(menu) -> list[str]:
    """Every entry of a menu and its submenus (the keys after the tab are key names)."""
    found = []
    for action in menu.actions():
        found += [action.text().split("\t")[0], action.toolTip()] if action.text() else []
        if action.menu() is not None:
            found += menu_texts(action.menu())
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_10_the_menu_speaks_the_interface_language(qtbot, open_window, default_book, settings, language):
    from assist.ui.app_menu import SidebarMenu

    settings.set("appearance/language", language)
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    menu = SidebarMenu(window.runner, window.situation_titles)
    qtbot.addWidget(menu)
    assert [text for text in menu_texts(menu) if foreign(text, language)] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_10_first_start_fields_show_an_example_in_both_languages(qtbot, open_window, default_book, settings, language):
    settings.set("appearance/language", language)
    window = open_window(default_book, settings)
    fields = window.profile_bar.form.fields
    assert set(fields) == {"organisation", "department", "agent_number"}
    for name, field in fields.items():
        example = field.placeholderText()
        assert example.startswith({"zh": "例如：", "en": "e.g. "}[language]), (name, example)
        assert not foreign(example, language), (name, example)
