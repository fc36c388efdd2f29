"""The agent's own phrases are never lost: a personal file that cannot be read whole is never
written over; the sidebar starts, says where the file is wrong, keeps working with the book, refuses
to save own phrases (with the reason) until the file is fixed or kept aside as `….damaged-<time>`."""

from __future__ import annotations

import errno
import os
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from assist.core import folders
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
from assist.ui.book_source import BookSource
from assist.ui.i18n import choose
from assist.ui.personal_file import NotSaved
from tests.helpers import zh
from tests.ui_fixtures import press, type_chinese

THIRTY = PersonalData([PersonalPhrase("hold", f"请您稍候，第{i}句。") for i in range(30)], [])
NEW = "请您稍候，系统正在查询。"


def thirty_phrases(path) -> str:
    """A file the sidebar wrote, with 30 phrases."""
    PersonalStore(path).save(THIRTY)
    return path.read_text(encoding="utf-8")


def add_phrase(qtbot, window, text: str) -> None:
    press(qtbot, window, "Alt+5")
    type_chinese(window.situation_page.add_field, text)
    qtbot.keyClick(window.situation_page.add_field, Qt.Key.Key_Return)


def own_phrases(window) -> list[str]:
    return [phrase.text for phrase in window.navigator.book.situation("hold").phrases if phrase.personal]


def test_a_yaml_error_then_adding_a_phrase_keeps_all_thirty(qtbot, personal_window, tmp_path, clipboard):
    text = thirty_phrases(tmp_path / "good.yaml")
    broken = text.replace(
        "- situation: hold\n  text: 请您稍候，第7句。", "- situation: hold\n  text: [请您稍候，第7句。"
    )
    window, path = personal_window(broken)
    banner = window.personal_banner
    assert banner.isVisible() and re.search(r"personal\.yaml\n第 \d+ 行第 \d+ 列：YAML 语法错误", banner.details.text())
    add_phrase(qtbot, window, NEW)
    assert path.read_text(encoding="utf-8") == broken  # not written over
    refusal = window.situation_page.refusal
    assert refusal.isVisible() and "未保存" in refusal.text() and re.search(r"第 \d+ 行第 \d+ 列", refusal.text())
    assert window.situation_page.add_field.text() == NEW  # kept, to be saved later
    press(qtbot, window, "Ctrl+1")  # the book still works
    qtbot.waitUntil(lambda: clipboard.text() == zh("请稍等,我帮您查一下。"))


def test_phrases_5_is_reported_and_the_sidebar_starts(qtbot, personal_window):
    window, path = personal_window("phrases: 5\n")
    assert window.navigator.book.situation("hold") is not None
    problems = window.source.personal_file.problems
    assert [f"{p.position.line}:{p.position.column}: {p.message}" for p in problems] == [
        "1:10: phrases must be a list (lines starting with '- '), not a number (5)"
    ]
    assert window.personal_banner.isVisible()
    press(qtbot, window, "Alt+5")
    window.situation_page.cards[0].favourite_clicked.emit()
    assert "未保存" in window.status.toolTip() and path.read_text(encoding="utf-8") == "phrases: 5\n"


def test_the_readable_entries_show_and_keep_a_copy_and_start_afresh_by_keys(qtbot, personal_window, tmp_path):
    text = thirty_phrases(tmp_path / "good.yaml")
    damaged = text.replace("  text: 请您稍候，第3句。", "  text: {wrong: type}")
    window, path = personal_window(damaged)
    assert len(own_phrases(window)) == 29  # the other phrases are shown, read only
    press(qtbot, window, "Alt+K")  # the button's mnemonic: Qt animates the click, then it happens
    qtbot.waitUntil(lambda: not window.personal_banner.isVisible())
    kept = list(path.parent.glob("personal.yaml.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damaged
    assert re.fullmatch(r"personal\.yaml\.damaged-\d{8}-\d{6}", kept[0].name)
    assert not window.personal_banner.isVisible() and "已保留副本" in window.status.toolTip()
    assert PersonalStore(path).load() == (PersonalData(THIRTY.phrases[:3] + THIRTY.phrases[4:], []), ())
    add_phrase(qtbot, window, NEW)
    assert PersonalStore(path).load()[0].phrases[-1] == PersonalPhrase("hold", NEW)
    assert own_phrases(window)[-1] == NEW


def test_a_file_fixed_by_hand_is_noticed_and_saving_resumes(qtbot, personal_window, tmp_path):
    good = thirty_phrases(tmp_path / "good.yaml")
    window, path = personal_window(good.replace("favourites: []", "favourites: [\n"))
    assert window.personal_banner.isVisible()
    with qtbot.waitSignal(window.source.personal_file.damage_changed, timeout=10_000):
        path.write_text(good, encoding="utf-8")  # the agent fixes it in an editor
    assert not window.personal_banner.isVisible()
    add_phrase(qtbot, window, NEW)
    assert len(PersonalStore(path).load()[0].phrases) == 31


def test_a_fixed_file_is_read_again_at_the_next_save(qtbot, personal_window, tmp_path):
    """Without the watcher's help (the event not delivered yet): the save reads the file first."""
    good = thirty_phrases(tmp_path / "good.yaml")
    window, path = personal_window("phrases: [\n")
    window.source.personal_file._watch(False)
    path.write_text(good, encoding="utf-8")
    add_phrase(qtbot, window, NEW)
    assert len(PersonalStore(path).load()[0].phrases) == 31
    assert len(own_phrases(window)) == 31 and not window.personal_banner.isVisible()


def test_a_phrase_added_by_hand_is_not_written_over_by_the_next_save(qtbot, personal_window, tmp_path):
    window, path = personal_window(thirty_phrases(tmp_path / "good.yaml"))
    store = PersonalStore(path)
    by_hand = PersonalData([*THIRTY.phrases, PersonalPhrase("hold", "手工加的一句。")], [])
    store.save(by_hand)
    add_phrase(qtbot, window, NEW)
    assert [p.text for p in PersonalStore(path).load()[0].phrases][-2:] == ["手工加的一句。", NEW]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_banner_speaks_the_interface_language(qtbot, personal_window, settings, language):
    settings.set("appearance/language", language)
    window, _ = personal_window("phrases:\n  - situation: hold\n    text: 好的\n    colour: red\n")
    banner = window.personal_banner
    shown = "\n".join([banner.title.text(), banner.details.text(), banner.hint.text(), banner.afresh_button.text()])
    if language == "zh":
        assert "第 4 行第 5 列：第 1 条用语中有未知的键“colour”" in shown and "能读出的 1 句照常显示" in shown
        # keys quoted from the file (the unknown one, the known ones) stay as written
        assert not re.search(r"[A-Za-z]", re.sub(r"\S*personal\.yaml\S*|YAML|\(&[KR]\)|“[^”]*”", "", shown))
    else:
        assert "personal.yaml\nline 4, column 5: unknown key 'colour' in phrase 1" in shown
        assert "Keep a copy, start afresh" in shown.replace("&", "")
        assert "The 1 phrase that could be read is shown." in shown
    choose("zh")


def test_the_source_refuses_to_save_over_a_file_with_a_yaml_error(qapp, tmp_path):
    """The defect as found: one YAML error, then adding a phrase, and 30 phrases became 1."""
    path = tmp_path / "personal.yaml"
    broken = thirty_phrases(path).replace("favourites: []", "favourites: [")
    path.write_text(broken, encoding="utf-8")
    source = BookSource(None, PersonalStore(path), parent=qapp)
    source.load()
    with pytest.raises(NotSaved, match="第 64 行第 1 列"):
        source.add_phrase(PersonalPhrase("hold", NEW))
    assert path.read_text(encoding="utf-8") == broken


def test_the_source_loads_with_wrong_types_in_the_personal_file(qapp, tmp_path):
    path = tmp_path / "personal.yaml"
    for text in ("phrases: 5\n", "favourites: {a: 1}\n", "- 1\n- 2\n", "phrases: [[1]]\nfavourites: [7]\n"):
        path.write_text(text, encoding="utf-8")
        source = BookSource(None, PersonalStore(path), parent=qapp)
        assert source.load().situation("hold") is not None
        assert source.personal_file.damaged


def test_read_again_by_keys_lifts_the_refusal(qtbot, personal_window, tmp_path):
    good = thirty_phrases(tmp_path / "good.yaml")
    window, path = personal_window("phrases: [\n")
    window.source.personal_file._watch(False)  # the agent is quicker than the watcher
    path.write_text(good, encoding="utf-8")
    press(qtbot, window, "Alt+R")
    qtbot.waitUntil(lambda: not window.personal_banner.isVisible())
    assert len(own_phrases(window)) == 30 and "已恢复" in window.status.toolTip()


def test_an_unreadable_personal_file_is_reported_and_kept(qapp, tmp_path):
    path = tmp_path / "personal.yaml"
    path.mkdir()  # not a file: reading it fails (as root, a file without permissions would still read)
    source = BookSource(None, PersonalStore(path), parent=qapp)
    assert source.load().situation("hold") is not None
    assert [p.message for p in source.personal_file.problems] == ["cannot read the file: Is a directory"]
    with pytest.raises(NotSaved):
        source.toggle_favourite("hold", "请稍等，我帮您查一下。")
    assert path.is_dir()
    kept = source.personal_file.keep_aside_and_start_afresh()
    assert kept.is_dir() and not path.exists() and not source.personal_file.damaged
    source.toggle_favourite("hold", "请稍等，我帮您查一下。")
    assert PersonalStore(path).load()[0].favourites == [("hold", "请稍等，我帮您查一下。")]


def test_the_banner_hidden_comes_back_when_a_save_is_refused(qtbot, personal_window):
    window, _ = personal_window("phrases: 5\n")
    banner = window.personal_banner
    qtbot.mouseClick(banner.findChild(QToolButton, "bannerClose"), Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    add_phrase(qtbot, window, NEW)
    assert banner.isVisible() and window.situation_page.refusal.isVisible()


def test_a_full_disk_is_answered_with_the_reason(qtbot, personal_window, tmp_path, monkeypatch):
    window, path = personal_window(thirty_phrases(tmp_path / "good.yaml"))

    def disk_full(target, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(folders, "write_atomically", disk_full)
    add_phrase(qtbot, window, NEW)
    refusal = window.situation_page.refusal
    assert refusal.isVisible() and "无法写入" in refusal.text() and os.strerror(errno.ENOSPC) in refusal.text()
    assert len(PersonalStore(path).load()[0].phrases) == 30 and len(own_phrases(window)) == 30
