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


BAD_ADDRESSES = [
    ("http://127.0.0.1:99999/x", "the port 99999 is out of range (1–65535)"),
    ("https://127.0.0.1:abc/x", "the port 'abc' is not a number"),
    ("http://[::1/x", "the IPv6 address after '[' has no closing ']'"),
    ("http://[zzz]/x", "[zzz] is not an IPv6 address"),
    ("http://::1/x", "an IPv6 address is written in brackets, such as http://[::1]/book.yaml"),
    ("http:///centre.yaml", "the address names no server, as in https://server/book.yaml"),
    ("http://host/my book.yaml", "the address holds a space or control character (character 15); write a space as %20"),
    ("ftp://x/y", "Assist reads a phrasebook from a file or an http(s) address; ftp:// is not supported"),
    (
        "mailto:centre@example.org",
        "Assist reads a phrasebook from a file or an http(s) address; mailto: is not supported",
    ),
    ("file://server/share/centre.yaml", "a file:// address on another computer (server) cannot be read; give a path"),
]


@pytest.mark.parametrize(("address", "reason"), BAD_ADDRESSES, ids=[address for address, _ in BAD_ADDRESSES])
@pytest.mark.parametrize("command", ["search", "check", "lint"])
def test_an_unusable_address_is_a_usage_error_that_says_why(capsys, command, address, reason):
    argv = {"search": ["search", "--phrasebook", address, "qsd"], "check": ["check", address]}
    assert main(argv.get(command, ["--phrasebook", address, command, "-"])) == 2
    out, err = capsys.readouterr()
    prefix = "assist check" if command == "check" else "assist"
    assert err == f"{prefix}: {address}: {reason}\n" and out == ""


def test_a_file_url_is_read_as_the_file_it_names(centre_file, capsys):
    assert main(["search", "--phrasebook", centre_file.as_uri(), "等待用语"]) == 0
    assert "文件里的等待用语。" in capsys.readouterr().out
    assert main(["check", centre_file.as_uri()]) == 0
    assert capsys.readouterr().out == f"{centre_file}: ok: 1 situation, 1 phrase, 0 forbidden phrases\n"
    missing = centre_file.with_name("其他 centre.yaml")
    assert main(["check", missing.as_uri()]) == 2  # percent-encoded in the URL, plain in the message
    assert capsys.readouterr().err == f"assist check: {missing}: no such file\n"


def test_the_sidebar_started_with_an_unusable_address_says_why_on_standard_error(monkeypatch, capsys):
    import assist.ui.app

    opened = []
    monkeypatch.setattr(assist.ui.app, "run", lambda location, directory: opened.append(location) or 0)
    assert main(["--phrasebook", "ftp://x/y"]) == 0
    assert opened == ["ftp://x/y"]  # the sidebar opens, with the banner saying the same
    assert capsys.readouterr().err == (
        "assist: ftp://x/y: Assist reads a phrasebook from a file or an http(s) address; ftp:// is not supported; "
        "opening the built-in phrasebook\n"
    )


@pytest.mark.parametrize("command", ["search", "check"])
def test_a_name_too_long_for_the_system_is_a_usage_error_not_a_traceback(capsys, command):
    long_name = "a" * 5000
    unsupported = "Assist reads a phrasebook from a file or an http(s) address; ftp:// is not supported"
    for location, said in [(f"ftp://{long_name}", unsupported), (long_name, "File name too long")]:
        argv = ["check", location] if command == "check" else ["search", "--phrasebook", location, "qsd"]
        assert main(argv) == 2
        assert said in capsys.readouterr().err
