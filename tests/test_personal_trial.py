"""Defects a new-user trial found in the agent's own phrases, each tested from its reproduction:
forbidden wording read from the personal file, a typed phrase lost on refusal, a stale refusal note,
and a file damaged while the sidebar runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from assist.core.personal import PersonalStore
from assist.ui.book_source import BookSource
from assist.ui.i18n import choose
from tests.test_personal_file import NEW, add_phrase, own_phrases
from tests.ui_fixtures import press, type_chinese

FORBIDDEN_TWO = 'phrases: [{situation: hold, text: 等一会！}, {situation: hold, text: "你问我，我问谁呀"}]\n'
GOOD = "phrases:\n  - situation: hold\n    text: 请您稍候，第1句。\n"


def recheck_when_the_watcher_sees_it(qtbot, window) -> None:
    """Wait for the file watcher's event (it arms the recheck delay), then end the delay by hand."""
    timer = window.source.personal_file._recheck_timer
    qtbot.waitUntil(timer.isActive, timeout=5000)
    timer.stop()
    timer.timeout.emit()


def test_forbidden_wording_in_the_file_is_never_copied(qtbot, personal_window, clipboard):
    window, path = personal_window(FORBIDDEN_TWO.replace("]\n", ", {situation: hold, text: 请您稍候。}]\n"))
    assert own_phrases(window) == ["请您稍候。"]  # the forbidden two are not offered
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+5")
    qtbot.waitUntil(lambda: clipboard.text() != "(nothing copied yet)")
    assert clipboard.text() == "请您稍候。" and "等一会" not in window.status.toolTip()
    banner = window.personal_banner
    shown = "\n".join([banner.title.text(), banner.details.text(), banner.hint.text()])
    assert banner.isVisible() and not banner.afresh_button.isVisible()  # nothing damaged: nothing to keep aside
    assert "第 1 行第 35 列：“等一会！”含禁语“等一会”，应说：请稍等，我帮您查一下。" in shown
    assert "第 1 行第 66 列：“你问我，我问谁呀”含禁语“你问我，我问谁”" in shown
    add_phrase(qtbot, window, NEW)  # a save keeps the held-back phrases in the file, to be corrected there
    texts = [phrase.text for phrase in PersonalStore(path).load()[0].phrases]
    assert texts == ["等一会！", "你问我，我问谁呀", "请您稍候。", NEW]
    assert not window.situation_page.refusal.isVisible()


def test_forbidden_wording_the_agent_fixes_in_the_file_is_offered_again(qtbot, personal_window):
    window, path = personal_window(FORBIDDEN_TWO)
    assert own_phrases(window) == [] and window.personal_banner.isVisible()
    path.write_text(GOOD, encoding="utf-8")
    recheck_when_the_watcher_sees_it(qtbot, window)
    assert own_phrases(window) == ["请您稍候，第1句。"] and not window.personal_banner.isVisible()


def test_a_refused_phrase_stays_typed_and_focused_when_the_file_is_damaged_then_fixed(
    qtbot, personal_window, clipboard
):
    window, path = personal_window(GOOD)
    press(qtbot, window, "Alt+5")
    path.write_text("phrases: [\n", encoding="utf-8")  # damaged while the sidebar runs
    page = window.situation_page
    qtbot.mouseClick(page.add_field, Qt.MouseButton.LeftButton)  # the agent clicks in the add line
    type_chinese(page.add_field, NEW)
    qtbot.keyClick(page.add_field, Qt.Key.Key_Return)
    assert page.add_field.text() == NEW and QApplication.focusWidget() is page.add_field
    assert "未保存" in page.refusal.text() and page.refusal.isVisible()
    path.write_text(GOOD, encoding="utf-8")  # fixed on disk
    recheck_when_the_watcher_sees_it(qtbot, window)
    assert page.add_field.text() == NEW and QApplication.focusWidget() is page.add_field
    assert not page.refusal.isVisible()  # its cause has gone
    qtbot.keyClick(page.add_field, Qt.Key.Key_Return)
    assert [p.text for p in PersonalStore(path).load()[0].phrases] == ["请您稍候，第1句。", NEW]
    assert clipboard.text() == "(nothing copied yet)" and page.add_field.text() == ""


def refused_on_a_damaged_file(qtbot, window) -> None:
    add_phrase(qtbot, window, NEW)
    assert window.situation_page.refusal.isVisible() and "有误" in window.situation_page.refusal.text()


def test_the_refusal_note_clears_when_read_again_succeeds(qtbot, personal_window):
    window, path = personal_window("phrases: [\n")
    refused_on_a_damaged_file(qtbot, window)
    window.source.personal_file._watch(False)  # the agent is quicker than the watcher
    path.write_text("phrases: []\n", encoding="utf-8")
    press(qtbot, window, "Alt+R")
    qtbot.waitUntil(lambda: "已恢复" in window.status.toolTip())
    assert not window.situation_page.refusal.isVisible()
    assert window.situation_page.add_field.text() == NEW  # still there, to be saved now


def test_the_refusal_note_clears_when_keep_a_copy_succeeds(qtbot, personal_window):
    window, _ = personal_window("phrases: 5\n")
    refused_on_a_damaged_file(qtbot, window)
    press(qtbot, window, "Alt+K")
    qtbot.waitUntil(lambda: "已保留副本" in window.status.toolTip())
    assert not window.situation_page.refusal.isVisible()


def test_a_file_damaged_while_the_sidebar_runs_raises_the_banner(qtbot, personal_window):
    window, path = personal_window(GOOD)
    assert not window.personal_banner.isVisible()
    path.write_text("phrases: [\n", encoding="utf-8")
    recheck_when_the_watcher_sees_it(qtbot, window)
    assert window.personal_banner.isVisible() and "YAML 语法错误" in window.personal_banner.details.text()


def test_the_held_back_phrases_are_listed_in_english_too(qtbot, personal_window, settings):
    settings.set("appearance/language", "en")
    window, _ = personal_window(FORBIDDEN_TWO)
    banner = window.personal_banner
    shown = "\n".join([banner.title.text(), banner.details.text(), banner.hint.text()])
    assert "has 2 phrases with forbidden wording: not shown, never copied." in shown
    assert (
        "line 1, column 35: “等一会！” holds forbidden wording “等一会” (say instead: 请稍等，我帮您查一下。)" in shown
    )
    assert "Correct the phrases with forbidden wording in the file" in shown
    choose("zh")


def test_at_a_load_no_own_phrase_shows_before_it_is_vetted(qtbot, qapp, tmp_path):
    """The checker is built off the UI thread at a load (its patterns take a while to compile): until
    it is ready the book shows none of the agent's phrases, then only those it lets through."""
    path = tmp_path / "personal.yaml"
    path.write_text(FORBIDDEN_TWO.replace("]\n", ", {situation: hold, text: 请您稍候。}]\n"), encoding="utf-8")
    source = BookSource(None, PersonalStore(path), parent=qapp)
    book = source.load()
    assert not [phrase for phrase in book.situation("hold").phrases if phrase.personal] and source.vetter.busy
    with qtbot.waitSignal(source.book_changed, timeout=10_000):
        pass
    assert [phrase.text for phrase in source.book.situation("hold").phrases if phrase.personal] == ["请您稍候。"]
    assert [held.phrase.text for held in source.personal_file.held_back] == ["等一会！", "你问我，我问谁呀"]
