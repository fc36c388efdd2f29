"""A URL phrasebook in the sidebar: the right book after a switch, a failed visit never stopping the next
one, the offline copy surviving a broken download, and the agent's "update now" (F5 and the menu).

Downloads are real (a server on localhost) and waited for by their signals, never by the clock."""

from __future__ import annotations

import pytest

from assist.core.personal import PersonalStore
from assist.ui.book_source import BookSource
from tests.book_server import CENTRE
from tests.ui_fixtures import press

DOWNLOAD_MS = 10_000  # a download on localhost takes milliseconds; this only bounds a broken test


@pytest.fixture
def make_source(qapp, tmp_path):
    def make(location):
        return BookSource(location, PersonalStore(tmp_path / "personal.yaml"), parent=qapp)

    return make


def hold_texts(book):
    return [phrase.text for phrase in book.situation("hold").phrases]


def test_a_download_for_a_url_left_behind_is_not_applied(make_source, qtbot, book_server, tmp_path):
    """URL → file while the URL's download is still on its way: the file's book stays."""
    server, url = book_server
    server.serve("/centre.yaml", CENTRE.format(text="网上的用语。"), fault="hold")
    centre = tmp_path / "centre.yaml"
    centre.write_text(CENTRE.format(text="文件里的用语。"), encoding="utf-8")
    source = make_source(url)
    source.load()
    qtbot.waitUntil(lambda: len(server.requests) == 1, timeout=DOWNLOAD_MS)  # held by the server
    source.set_location(str(centre))
    assert hold_texts(source.book) == ["文件里的用语。"]
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS) as late:
        server.release.set()
    assert hold_texts(source.book) == ["文件里的用语。"]  # the URL's book arrived and was not applied
    assert late.args[0].url == url and late.args[0].changed
    assert source.problems == []


def test_a_download_in_flight_does_not_hold_up_the_next_url(make_source, qtbot, book_server):
    server, _ = book_server
    slow = server.serve("/slow.yaml", CENTRE.format(text="慢的用语。"), fault="hold")
    quick = server.serve("/quick.yaml", CENTRE.format(text="快的用语。"))
    source = make_source(slow)
    source.load()
    qtbot.waitUntil(lambda: len(server.requests) == 1, timeout=DOWNLOAD_MS)
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS) as done:
        source.set_location(quick)
    assert done.args[0].url == quick and hold_texts(source.book) == ["快的用语。"]
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS) as late:
        server.release.set()
    assert late.args[0].url == slow and hold_texts(source.book) == ["快的用语。"]


def test_a_malformed_answer_is_reported_and_the_next_poll_fetches_again(make_source, qtbot, book_server):
    server, url = book_server
    server.serve("/centre.yaml", CENTRE.format(text="网上的用语。"), fault="bad_status")
    source = make_source(url)
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS):
        source.load()
    assert source.problems[0].path == url
    assert source.problems[0].message_zh.startswith("服务器的回答不是有效的 HTTP（BadStatusLine")
    assert source.title == f"无法从 {url} 获取用语库，已改用内置用语库。"
    server.serve("/centre.yaml", CENTRE.format(text="网上的用语。"))  # the server is mended
    with qtbot.waitSignal(source.book_changed, timeout=DOWNLOAD_MS):
        source.fetch_now()  # the next poll
    assert hold_texts(source.book) == ["网上的用语。"] and source.problems == []


def test_an_unforeseen_failure_in_a_download_never_stops_the_next_poll(make_source, qtbot, book_server, monkeypatch):
    from assist.core import sources

    _, url = book_server
    real_fetch, calls = sources.fetch, []

    def fails_the_first_time(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("a defect in fetch")
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(sources, "fetch", fails_the_first_time)
    source = make_source(url)
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS):
        source.load()
    assert str(source.problems[0]) == f"{url}:1:1: RuntimeError('a defect in fetch')"
    with qtbot.waitSignal(source.book_changed, timeout=DOWNLOAD_MS):
        source.fetch_now()
    assert hold_texts(source.book) == ["网上的用语。"] and len(calls) == 2


def test_a_broken_download_never_replaces_the_offline_copy(make_source, qtbot, book_server):
    """A good book, then one with a YAML error, restart; the server stops, restart: the good book every time,
    and the banner names the URL."""
    server, url = book_server
    first = make_source(url)
    with qtbot.waitSignal(first.book_changed, timeout=DOWNLOAD_MS):
        first.load()
    server.serve("/centre.yaml", CENTRE.format(text="坏的新版。") + "    colour: red\n", etag='"v2"')
    second = make_source(url)  # a restart
    assert hold_texts(second.load()) == ["网上的用语。"]
    with qtbot.waitSignal(second.problems_found, timeout=DOWNLOAD_MS) as found:
        pass
    title, problems = found.args
    assert hold_texts(second.book) == ["网上的用语。"]
    assert str(problems[0]).startswith(f"{url}:7:5: unknown key 'colour' in situation 'hold'")
    assert title == f"无法从 {url} 更新用语库，仍使用上一版。"
    server.stop()
    third = make_source(url)  # a restart with the server down
    assert hold_texts(third.load()) == ["网上的用语。"] and third.problems == []
    with qtbot.waitSignal(third.problems_found, timeout=DOWNLOAD_MS) as found:
        pass
    assert [(problem.path, problem.message_zh.split("（")[0]) for problem in found.args[1]] == [(url, "无法连接服务器")]
    assert hold_texts(third.book) == ["网上的用语。"]


def test_a_book_that_cannot_be_kept_offline_is_shown_and_the_banner_says_so(
    make_source, qtbot, book_server, monkeypatch
):
    from assist.core import folders

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    _, url = book_server
    monkeypatch.setattr(folders, "write_atomically", disk_full)
    source = make_source(url)
    with qtbot.waitSignal(source.fetched, timeout=DOWNLOAD_MS):
        source.load()
    assert hold_texts(source.book) == ["网上的用语。"]
    assert source.title == "用语库已更新，但无法保存离线副本。"
    kept = source.problems[0].message_zh
    assert "无法在" in kept and "保存离线副本（磁盘空间不足）" in kept  # the system's words said in Chinese


def test_update_now_downloads_at_once_and_says_how_it_went(make_source, qtbot, book_server):
    server, url = book_server
    source = make_source(url)
    with qtbot.waitSignal(source.book_changed, timeout=DOWNLOAD_MS):
        source.load()
    server.serve("/centre.yaml", CENTRE.format(text="刚发布的用语。"), etag='"v2"')
    with qtbot.waitSignal(source.status, timeout=DOWNLOAD_MS) as said:
        source.refresh_now()
    assert said.args == ["✓ 用语库已更新"] and hold_texts(source.book) == ["刚发布的用语。"]
    with qtbot.waitSignal(source.status, timeout=DOWNLOAD_MS) as said:
        source.refresh_now()
    assert said.args == ["✓ 用语库已是最新版本"]
    assert [request.if_none_match for request in server.requests] == ["", '"v1"', '"v2"']


def test_f5_and_the_menu_read_the_centres_book_again(open_window, settings, qtbot, tmp_path):
    from assist.ui.app_menu import SidebarMenu

    centre = tmp_path / "centre.yaml"
    centre.write_text(CENTRE.format(text="第一版。"), encoding="utf-8")
    source = BookSource(str(centre), PersonalStore(tmp_path / "personal.yaml"))
    window = open_window(source.load(), settings, source=source)
    centre.write_text(CENTRE.format(text="第二版。"), encoding="utf-8")
    press(qtbot, window, "F5")  # at once: no waiting for the file watcher
    assert hold_texts(source.book) == ["第二版。"] and window.status.toolTip() == "✓ 已重新读取用语库"
    centre.write_text(CENTRE.format(text="第三版。"), encoding="utf-8")
    menu = SidebarMenu(window.runner, window.situation_titles)
    (entry,) = [action for action in menu.actions() if action.text().startswith("立即更新用语库")]
    entry.trigger()
    assert hold_texts(source.book) == ["第三版。"]


BAD_PORT = "http://127.0.0.1:99999/x"


@pytest.mark.parametrize(
    ("language", "reason", "title"),
    [
        ("zh", "端口 99999 超出范围（1–65535）", f"用语库地址 {BAD_PORT} 无法使用，仍使用上一版。"),
        (
            "en",
            "the port 99999 is out of range (1–65535)",
            f"The phrasebook address {BAD_PORT} cannot be used; still using the last good version.",
        ),
    ],
)
def test_an_unusable_address_is_explained_in_words_and_the_last_good_book_stays(
    make_source, qtbot, book_server, language, reason, title
):
    from assist.ui.i18n import choose

    _, url = book_server
    source = make_source(url)
    with qtbot.waitSignal(source.book_changed, timeout=DOWNLOAD_MS):
        source.load()
    choose(language)
    try:
        with qtbot.waitSignal(source.problems_found, timeout=DOWNLOAD_MS) as found:
            source.set_location(BAD_PORT)
        assert found.args[0] == title
        assert [(problem.path, problem.message_in(language)) for problem in found.args[1]] == [(BAD_PORT, reason)]
        assert hold_texts(source.book) == ["网上的用语。"]
        with qtbot.waitSignal(source.problems_found, timeout=DOWNLOAD_MS) as again:
            source.refresh_now()  # F5: the same answer, at once, and no download
        assert again.args == found.args and hold_texts(source.book) == ["网上的用语。"]
    finally:
        choose("zh")


def test_another_scheme_at_start_shows_the_built_in_book_and_says_why(make_source, qtbot):
    source = make_source("ftp://x/y")
    with qtbot.waitSignal(source.problems_found, timeout=DOWNLOAD_MS) as found:
        book = source.load()
    assert found.args[0] == "用语库地址 ftp://x/y 无法使用，已改用内置用语库。"
    assert [(problem.path, problem.message_zh) for problem in found.args[1]] == [
        ("ftp://x/y", "Assist 只能从文件或 http(s) 地址读取用语库，不支持 ftp://")
    ]
    assert book.situation("hold") is not None  # the built-in book


def test_a_file_url_is_read_and_watched_as_its_file(make_source, qtbot, tmp_path):
    centre = tmp_path / "本中心 centre.yaml"
    centre.write_text(CENTRE.format(text="文件里的用语。"), encoding="utf-8")
    source = make_source(centre.as_uri())
    assert hold_texts(source.load()) == ["文件里的用语。"] and source.problems == []
    with qtbot.waitSignal(source.book_changed, timeout=DOWNLOAD_MS):
        centre.write_text(CENTRE.format(text="改过的用语。"), encoding="utf-8")  # the watcher sees it
    assert hold_texts(source.book) == ["改过的用语。"]


@pytest.mark.parametrize("location", ["a" * 5000, f"file:///{'a' * 5000}"], ids=["path", "file URL"])
def test_a_file_name_too_long_for_the_system_is_reported_not_raised(make_source, location):
    source = make_source(location)
    book = source.load()
    assert book.situation("hold") is not None  # the built-in book
    assert "File name too long" in str(source.problems[0])
