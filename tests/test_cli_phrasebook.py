"""`--phrasebook` on the command line: on either side of the command, a file or an http(s) URL, with the
sidebar's offline copy, so a centre can test its published book from a terminal."""

from __future__ import annotations

import pytest

from assist.cli import main
from assist.core.sources import cached_copy
from tests.book_server import CENTRE


@pytest.fixture
def centre_file(tmp_path):
    path = tmp_path / "centre.yaml"
    path.write_text(CENTRE.format(text="文件里的等待用语。"), encoding="utf-8")
    return path


@pytest.mark.parametrize("before", [True, False], ids=["before the command", "after the command"])
def test_phrasebook_file_on_either_side_of_search(centre_file, capsys, before):
    option = ["--phrasebook", str(centre_file)]
    argv = [*option, "search", "等待用语"] if before else ["search", *option, "等待用语"]
    assert main(argv) == 0
    assert "文件里的等待用语。" in capsys.readouterr().out


@pytest.mark.parametrize("before", [True, False], ids=["before the command", "after the command"])
def test_phrasebook_url_for_search(book_server, capsys, before):
    _, url = book_server
    argv = ["--phrasebook", url, "search", "网上"] if before else ["search", "--phrasebook", url, "网上"]
    assert main(argv) == 0
    assert "网上的用语。" in capsys.readouterr().out
    assert cached_copy(url) is not None  # the same offline copy as the sidebar's


CENTRE_FORBIDDEN = (
    CENTRE.format(text="请您稍候。")
    + """\
    forbidden:
      - text: 急什么
        instead: 请您稍候。
"""
)


def test_phrasebook_url_for_lint(book_server, tmp_path, capsys):
    server, url = book_server
    server.serve("/centre.yaml", CENTRE_FORBIDDEN)  # wording only this centre forbids
    transcript = tmp_path / "call.txt"
    transcript.write_text("坐席：急什么。\n", encoding="utf-8")
    assert main(["lint", str(transcript)]) == 0  # the built-in book does not forbid it
    assert main(["--phrasebook", url, "lint", str(transcript)]) == 1
    assert '忌 "急什么"' in capsys.readouterr().out


def test_check_a_published_book(book_server, capsys):
    server, url = book_server
    assert main(["--phrasebook", url, "check"]) == 0
    assert capsys.readouterr().out == f"{url}: ok: 1 situation, 1 phrase, 0 forbidden phrases\n"
    server.serve("/centre.yaml", CENTRE.format(text="新版。") + "    colour: red\n", etag='"v2"')
    assert main(["check", url]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{url}:7:5: unknown key 'colour' in situation 'hold'")
    assert "新版。" not in cached_copy(url).read_text(encoding="utf-8")  # the offline copy stays the good one


def test_an_unreachable_url_uses_the_offline_copy_and_says_so(book_server, capsys):
    server, url = book_server
    assert main(["search", "--phrasebook", url, "网上"]) == 0
    capsys.readouterr()
    server.stop()
    assert main(["--phrasebook", url, "search", "网上"]) == 0
    out, err = capsys.readouterr()
    assert "网上的用语。" in out
    assert err.startswith(f"assist: {url}: cannot reach the server (")
    assert err.endswith("; using the offline copy from the last visit\n")
    assert main(["--phrasebook", url, "check"]) == 2  # check is about the server's book: it must be reached
    assert capsys.readouterr().err.startswith(f"assist check: {url}: cannot reach the server (")


def test_an_unreachable_url_without_a_copy_is_a_usage_error(book_server, capsys):
    server, url = book_server
    server.stop()
    assert main(["--phrasebook", url, "search", "网上"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"assist: {url}: cannot reach the server (")
    assert err.endswith(f"; there is no offline copy yet\nassist: cannot use the phrasebook {url}\n")
