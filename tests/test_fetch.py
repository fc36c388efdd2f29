"""One visit to a phrasebook's server (`sources.fetch`), against servers that misbehave: every failure
is an answer naming what went wrong, and only a whole, UTF-8 book that loads becomes the offline copy."""

from __future__ import annotations

import pytest

from assist.core.sources import fetch
from tests.book_server import CENTRE, Request


def test_fetch_revalidates_with_etag_and_falls_back_to_the_offline_copy(book_server, tmp_path):
    server, url = book_server
    first = fetch(url, tmp_path)
    assert first.changed and first.path.read_text(encoding="utf-8").startswith("name: 本中心用语")
    second = fetch(url, tmp_path)
    assert not second.changed and second.path == first.path and not second.error
    assert server.requests == [Request("/centre.yaml", ""), Request("/centre.yaml", '"v1"')]
    server.stop()
    offline = fetch(url, tmp_path, deadline=5)
    assert offline.path == first.path and "cannot reach the server" in offline.error
    assert "无法连接服务器" in offline.error_zh


def test_a_malformed_status_line_is_an_answer_not_an_exception(book_server, tmp_path):
    server, url = book_server
    good = fetch(url, tmp_path)
    server.serve("/centre.yaml", CENTRE.format(text="新版。"), etag='"v2"', fault="bad_status")
    fetched = fetch(url, tmp_path)
    assert "not valid HTTP (BadStatusLine" in fetched.error
    assert fetched.path == good.path and not fetched.changed


def test_a_truncated_body_is_refused_and_its_etag_never_stored(book_server, tmp_path):
    server, url = book_server
    fetch(url, tmp_path)
    server.serve("/centre.yaml", CENTRE.format(text="第二版的用语。"), etag='"v2"', fault="truncated")
    cut = fetch(url, tmp_path)
    assert not cut.changed and "connection closed after" in cut.error and "bytes the server announced" in cut.error
    assert "网上的用语。" in cut.path.read_text(encoding="utf-8")  # the offline copy is the whole first version
    server.serve("/centre.yaml", CENTRE.format(text="第二版的用语。"), etag='"v2"')
    whole = fetch(url, tmp_path)
    assert server.requests[-1].if_none_match == '"v1"'  # not v2: the cut copy's ETag was not kept
    assert whole.changed and "第二版的用语。" in whole.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fault", ["dribble", "dribble_body"])
def test_one_deadline_for_the_whole_download(book_server, tmp_path, fault):
    """A server sending one byte at a time (here one per 0.05 s: 8 s for the book) is cut at the deadline,
    while it sends the headers as well as while it sends the body."""
    server, url = book_server
    server.serve("/centre.yaml", CENTRE.format(text="慢慢传来的用语。"), fault=fault)
    fetched = fetch(url, tmp_path, deadline=0.5)
    assert fetched.error == "the server did not send the whole book within 0.5 s"
    assert fetched.error_zh == "服务器未在 0.5 秒内发完用语库"
    assert fetched.path is None and not list(tmp_path.iterdir())
    sent, whole = server.dribbled
    assert sent < whole  # cut at the deadline, not when the server had sent everything


def test_a_book_not_in_utf8_is_refused_not_garbled(book_server, tmp_path):
    server, url = book_server
    server.serve("/centre.yaml", CENTRE.format(text="请您稍候。").encode("gbk"))
    fetched = fetch(url, tmp_path)
    assert fetched.error.startswith("the book is not UTF-8 text (byte 6 is not UTF-8)")
    assert fetched.path is None and not fetched.changed


def test_redirects_are_followed_only_within_the_books_origin(book_server, other_server, tmp_path):
    server, _ = book_server
    moved = server.serve("/old.yaml", b"", fault="redirect", location="/centre.yaml")
    assert fetch(moved, tmp_path).changed  # the same server: followed
    away = server.serve("/away.yaml", b"", fault="redirect", location=other_server.url())
    fetched = fetch(away, tmp_path)
    assert fetched.error.startswith(f"the server redirects to {other_server.url()}; ")
    assert f"only from http://127.0.0.1:{server.server_address[1]}" in fetched.error
    assert other_server.requests == []  # never contacted


def test_a_book_over_the_size_cap_is_refused(book_server, tmp_path):
    server, url = book_server
    big = CENTRE.format(text="很长的用语" * 40)
    for fault in ("", "no_length"):  # announced by Content-Length, or found while reading
        server.serve("/centre.yaml", big, fault=fault)
        fetched = fetch(url, tmp_path, max_bytes=200)
        assert fetched.error == "the book is larger than 200 bytes" and fetched.path is None


def test_a_new_version_with_errors_never_replaces_the_offline_copy(book_server, tmp_path):
    server, url = book_server
    good = fetch(url, tmp_path)
    server.serve("/centre.yaml", CENTRE.format(text="新版。") + "    colour: red\n", etag='"v2"')
    broken = fetch(url, tmp_path)
    assert broken.path == good.path and "网上的用语。" in good.path.read_text(encoding="utf-8")
    assert str(broken.problems[0]).startswith(f"{url}:7:5: unknown key 'colour'")
    assert broken.error == "the new version has errors"
    fetch(url, tmp_path)
    assert server.requests[-1].if_none_match == '"v1"'  # nor does its ETag


def test_a_book_that_cannot_be_stored_is_still_used_and_the_reason_given(book_server, tmp_path, monkeypatch):
    from assist.core import folders

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    _, url = book_server
    monkeypatch.setattr(folders, "write_atomically", disk_full)
    fetched = fetch(url, tmp_path)
    assert fetched.book is not None and fetched.path is None
    assert fetched.error == f"cannot keep an offline copy in {tmp_path} (No space left on device)"


def test_a_chunked_body_cut_before_its_last_chunk_is_refused(book_server, tmp_path):
    """Chunked encoding marks the end of the body, so a cut is seen (without it and without a Content-Length,
    a cut body cannot be told from a whole one: see the README)."""
    server, url = book_server
    server.serve("/centre.yaml", CENTRE.format(text="分块传来的用语。"), fault="chunked")
    whole = fetch(url, tmp_path)
    assert whole.changed and "分块传来的用语。" in whole.path.read_text(encoding="utf-8")
    server.serve("/centre.yaml", CENTRE.format(text="分块的第二版。"), etag='"v2"', fault="chunked_cut")
    cut = fetch(url, tmp_path)
    assert cut.error == "the connection closed before the whole book arrived"
    assert cut.error_zh == "连接在用语库传完之前中断"
    assert not cut.changed and "分块传来的用语。" in cut.path.read_text(encoding="utf-8")


def test_a_redirect_to_an_unusable_address_is_refused_with_the_reason(book_server, tmp_path):
    server, _ = book_server
    moved = server.serve("/moved.yaml", b"", fault="redirect", location="http://127.0.0.1:99999/centre.yaml")
    fetched = fetch(moved, tmp_path)
    assert fetched.error == (
        "the server redirects to http://127.0.0.1:99999/centre.yaml, which cannot be used: "
        "the port 99999 is out of range (1–65535)"
    )
    assert fetched.error_zh == (
        "服务器把请求转到 http://127.0.0.1:99999/centre.yaml，该地址无法使用：端口 99999 超出范围（1–65535）"
    )
    assert fetched.path is None
    for location, reason in [
        ("http://[::1/centre.yaml", "the IPv6 address after '[' has no closing ']'"),
        ("//[::1/centre.yaml", "not a usable address (Invalid IPv6 URL)"),  # relative to the scheme
    ]:
        server.serve("/moved.yaml", b"", fault="redirect", location=location)
        assert fetch(moved, tmp_path).error == f"the server redirects to {location}, which cannot be used: {reason}"


@pytest.mark.parametrize("address", ["http://127.0.0.1:99999/x", "http://[::1/x", "ftp://x/y"])
def test_fetch_answers_an_unusable_address_without_raising(tmp_path, address):
    fetched = fetch(address, tmp_path)
    assert fetched.error and fetched.error_zh and fetched.path is None


def test_a_missing_book_is_said_in_both_languages_without_the_servers_english(book_server, tmp_path):
    server, _ = book_server
    missing = fetch(server.url("/gone.yaml"), tmp_path)
    assert (missing.error, missing.error_zh) == ("the server answered 404 Not Found", "服务器回答 404（找不到该文件）")
