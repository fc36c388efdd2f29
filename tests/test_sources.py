"""Phrasebook sources: live reload of a file (also after a save by rename), a broken update keeping
the last good book, a URL source with its offline copy, personal phrases vetted and saved.

The file watcher's events are real and waited for; the reload delay after them is fired by hand,
never waited out on the clock.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assist.core.checker import Checker
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore, RefusedPhrase, vet
from assist.ui.book_source import BookSource
from tests.book_server import CENTRE
from tests.helpers import zh
from tests.ui_fixtures import reload_when_the_watcher_sees_it


@pytest.fixture
def make_source(qapp):
    """Sources owned by the application, as they are by the window in the sidebar (see SidebarWindow)."""

    def make(*args, **kwargs):
        return BookSource(*args, parent=qapp, **kwargs)

    return make


def write_atomically_like_an_editor(path: Path, text: str) -> None:
    """Write a temporary file, then rename it over the old one, as many editors save."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def centre_book(tmp_path) -> Path:
    path = tmp_path / "centre.yaml"
    path.write_text(CENTRE.format(text="请您稍候。"), encoding="utf-8")
    return path


def hold_texts(book):
    return [phrase.text for phrase in book.situation("hold").phrases]


def test_the_organisation_book_overlays_the_built_in_one(make_source, qtbot, centre_book, tmp_path):
    source = make_source(str(centre_book), PersonalStore(tmp_path / "personal.yaml"))
    book = source.load()
    assert book.name == "本中心用语"
    assert hold_texts(book) == ["请您稍候。"]
    assert book.situation("greeting") is not None  # the built-in situations it does not replace stay
    assert [s.id for s in book.situations][:2] == ["greeting", "misrouted"]


def test_reload_after_an_atomic_save(make_source, qtbot, centre_book, tmp_path):
    source = make_source(str(centre_book), PersonalStore(tmp_path / "personal.yaml"))
    source.load()
    for text in ("请您稍候，马上就好。", "请您再稍候片刻。"):  # twice: the watch survives the first rename
        write_atomically_like_an_editor(centre_book, CENTRE.format(text=text))
        with qtbot.waitSignal(source.book_changed, timeout=0):
            reload_when_the_watcher_sees_it(qtbot, source)
        assert hold_texts(source.book) == [text]


def test_a_broken_update_keeps_the_last_good_book_and_says_where(make_source, qtbot, centre_book, tmp_path):
    source = make_source(str(centre_book), PersonalStore(tmp_path / "personal.yaml"))
    source.load()
    write_atomically_like_an_editor(centre_book, CENTRE.format(text="请您稍候。") + "    colour: red\n")
    with qtbot.waitSignal(source.problems_found, timeout=0) as found:
        reload_when_the_watcher_sees_it(qtbot, source)
    title, problems = found.args
    assert "上一版" in title
    assert [str(p) for p in problems] == [
        f"{centre_book}:7:5: unknown key 'colour' in situation 'hold'; "
        "known keys: id, title, phrases, title_en, keywords, forbidden, "
        "conduct, subjects, note, helper, ticket_note"
    ]
    assert hold_texts(source.book) == ["请您稍候。"]  # the last good book stays
    write_atomically_like_an_editor(centre_book, CENTRE.format(text="请您稍候，已修好。"))
    with qtbot.waitSignal(source.problems_cleared, timeout=0):
        reload_when_the_watcher_sees_it(qtbot, source)
    assert hold_texts(source.book) == ["请您稍候，已修好。"]


def test_a_broken_book_at_start_shows_the_built_in_one(make_source, qtbot, tmp_path):
    broken = tmp_path / "centre.yaml"
    broken.write_text("name: x\n", encoding="utf-8")
    source = make_source(str(broken), PersonalStore(tmp_path / "personal.yaml"))
    book = source.load()
    assert book.name == "96128政务信息查询规范服务用语"
    assert "内置" in source.title and source.problems[0].message == "the phrasebook is missing 'situations'"


def test_a_url_source_loads_in_the_background_and_is_used_offline(make_source, qtbot, book_server, tmp_path):
    server, url = book_server
    source = make_source(url, PersonalStore(tmp_path / "personal.yaml"))
    with qtbot.waitSignal(source.book_changed, timeout=10_000):
        source.load()  # no copy yet: the built-in book first, the centre's when it arrives
    assert hold_texts(source.book) == ["网上的用语。"]
    server.stop()
    offline = make_source(url, PersonalStore(tmp_path / "personal.yaml"))
    assert hold_texts(offline.load()) == ["网上的用语。"]  # the cached copy, at once
    with qtbot.waitSignal(offline.problems_found, timeout=10_000) as found:
        pass
    problem = found.args[1][0]  # in both languages: the banner says it in the interface's
    assert (problem.path, problem.message_zh) == (url, "无法连接服务器（对方拒绝连接）")
    assert hold_texts(offline.book) == ["网上的用语。"]


def test_personal_phrases_are_vetted_saved_atomically_and_layered(make_source, qtbot, default_book, tmp_path):
    checker = Checker(default_book)
    with pytest.raises(RefusedPhrase, match="不清楚"):
        vet(checker, "这个我不清楚，您问别人吧")
    vet(checker, "请您稍候，系统正在查询。")
    store = PersonalStore(tmp_path / "data" / "personal.yaml")
    source = make_source(None, store)
    source.load()
    source.add_phrase(PersonalPhrase("hold", "请您稍候，系统正在查询。"))
    assert hold_texts(source.book)[-1] == "请您稍候，系统正在查询。"
    assert source.book.situation("hold").phrases[-1].personal
    assert store.load()[0].phrases == [PersonalPhrase("hold", "请您稍候，系统正在查询。")]
    assert not list(store.path.parent.glob("*.tmp"))  # the temporary file became the real one
    assert source.toggle_favourite("hold", zh("请稍等,我帮您查一下。"))
    assert store.load()[0].favourites == [("hold", zh("请稍等,我帮您查一下。"))]
    source.remove_phrase("hold", "请您稍候，系统正在查询。")
    assert store.load()[0] == PersonalData([], [("hold", zh("请稍等,我帮您查一下。"))])


def test_a_damaged_personal_file_is_reported_not_fatal(make_source, tmp_path):
    path = tmp_path / "personal.yaml"
    path.write_text("phrases: [unclosed\n", encoding="utf-8")
    source = make_source(None, PersonalStore(path))
    assert source.load().situations
    assert source.problems == []  # the book is fine; the personal file has a banner of its own
    assert [str(p) for p in source.personal_file.problems] == [
        f"{path}:2:1: YAML syntax: while parsing a flow sequence, did not find expected ',' or ']' "
        "(it began at line 1, column 10)"
    ]
