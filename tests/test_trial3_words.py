"""Trial 3, defect 14: English counts read "1 hit", "2 hits"; a gloss never repeats the English title;
after an Enter copy in the search, "/" starts a new search. Each from the tester's steps."""

import pytest
from PySide6.QtWidgets import QLabel

from assist.core.call import SilentCaller
from assist.ui.helpers import SilentCallerPanel
from assist.ui.i18n import choose
from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese


def draft_pause(panel):
    panel.check_timer.timeout.emit()  # the agent stops typing: the check runs (its timer fired by hand)


@pytest.fixture
def english(open_window, default_book, settings):
    settings.set("appearance/language", "en")
    return open_window(default_book, settings)


def test_14_one_hit_is_one_hit(qtbot, english):
    press(qtbot, english, "Ctrl+F")
    qtbot.waitUntil(english.search_box.hasFocus)
    qtbot.keyClicks(english.search_box, "qsd")
    qtbot.waitUntil(lambda: "1 hit" in english.page_title.text())  # once the pinyin index is built
    assert "1 hit · Enter copies" in english.page_title.text()


def test_14_one_forbidden_wording_in_the_draft(qtbot, english, clipboard):
    press(qtbot, english, "Ctrl+D")
    panel = english.draft_panel
    qtbot.waitUntil(panel.editor.hasFocus)
    type_chinese(panel.editor, "等一会！")
    draft_pause(panel)
    assert panel.summary.text() == "1 forbidden wording"
    press(qtbot, english, "Ctrl+Return")
    assert english.status.toolTip() == "Copied, with 1 forbidden wording left"
    type_chinese(panel.editor, "喂，查什么？")
    draft_pause(panel)
    assert panel.summary.text() == "2 forbidden wordings"


@pytest.mark.parametrize(
    ("greetings", "count", "verdict"),
    [(1, "Greeted 1 time", "greet 1 more time"), (0, "Greeted 0 times", "greet 2 more times")],
)
def test_14_the_silent_caller_counts_in_english(qtbot, greetings, count, verdict):
    choose("en")
    try:
        panel = SilentCallerPanel()
        qtbot.addWidget(panel)
        panel.show_state(SilentCaller(greetings=greetings))
        assert panel.count.text() == count
        assert panel.verdict.text().endswith(verdict)
    finally:
        choose("zh")


def test_14_with_glosses_on_an_english_title_is_not_glossed_again(qtbot, english):
    press(qtbot, english, "Ctrl+G")
    first_row = english.list_page.rows[0]
    titles = [label.text() for label in first_row.findChildren(QLabel, "title")]
    assert titles == ["Incoming call"] and first_row.findChildren(QLabel, "gloss") == []  # the situation list
    press(qtbot, english, "Alt+5")
    assert english.page_title.text().count("The answer needs a lookup") == 1  # the page's header


def test_14_in_chinese_the_title_keeps_its_english_gloss(qtbot, window):
    press(qtbot, window, "Ctrl+G")
    glosses = [label.text() for label in window.list_page.rows[0].findChildren(QLabel, "gloss")]
    assert glosses == ["Incoming call"]
    press(qtbot, window, "Alt+5")
    assert "The answer needs a lookup" in window.page_title.text()


def test_14_slash_after_an_enter_copy_starts_a_new_search(qtbot, window, clipboard):
    press(qtbot, window, "Ctrl+F")
    box = window.search_box
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "qsd")
    qtbot.waitUntil(lambda: "1 条" in window.page_title.text())  # the pinyin index is built
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))
    qtbot.keyClick(box, "/")
    assert box.text() == "qsd" and box.selectedText() == "qsd"  # a new search: typing replaces the query
    qtbot.keyClicks(box, "dh")
    assert box.text() == "dh"


def test_14_slash_while_typing_a_query_is_a_slash(qtbot, window):
    press(qtbot, window, "Ctrl+F")
    box = window.search_box
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "0871/")  # nothing copied yet: the agent is typing
    assert box.text() == "0871/"
