"""A phrasebook served over HTTP on localhost, for the URL source's tests.

Each path answers as the test sets it (`server.serve(...)`): a book with an ETag (and 304 when the
client already has it), or a fault a real server or network can produce — a malformed status line,
a body cut short of its Content-Length, a chunked body cut before its last chunk, a response sent one
byte at a time, a redirect, an answer held back until the test releases it.
"""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass

import pytest

CENTRE = """\
name: 本中心用语
situations:
  - id: hold
    title: 查询等待（本中心）
    phrases:
      - text: {text}
"""

DRIBBLE_SECONDS = 0.05  # between two bytes of a "dribble" answer


@dataclass
class Page:
    body: bytes
    etag: str = '"v1"'
    fault: str = ""  # "", "bad_status", "truncated", "dribble", "dribble_body", "redirect", "hold", "no_length",
    # "chunked" (sent in two chunks), "chunked_cut" (the first chunk only: the connection closes before the last)
    location: str = ""  # where a "redirect" points


@dataclass(frozen=True)
class Request:
    path: str
    if_none_match: str


class BookHTTPServer(http.server.ThreadingHTTPServer):
    """The server, with the pages it serves and every request it received."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages: dict[str, Page] = {}
        self.requests: list[Request] = []
        self.release = threading.Event()  # lets "hold" pages answer
        self.dribbled = (0, 0)  # bytes of the last "dribble" answer sent (counted before each is written), of all

    def url(self, path: str = "/centre.yaml") -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def serve(self, path: str, body: str | bytes, **page: str) -> str:
        """Answer `path` with `body` (UTF-8 when text) as `page` says; return its URL."""
        self.pages[path] = Page(body.encode("utf-8") if isinstance(body, str) else body, **page)
        return self.url(path)

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: BookHTTPServer

    def do_GET(self) -> None:
        if_none_match = self.headers.get("If-None-Match") or ""
        self.server.requests.append(Request(self.path, if_none_match))
        page = self.server.pages.get(self.path)
        if page is None:
            self.send_error(404)
            return
        if page.fault == "hold":
            self.server.release.wait(30)
        if page.fault == "bad_status":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
            return
        if page.fault == "redirect":
            self.send_response(302)
            self.send_header("Location", page.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if if_none_match == page.etag:
            self.send_response(304)
            self.end_headers()
            return
        if page.fault in ("chunked", "chunked_cut"):
            self._chunked(page)
            return
        head = f"HTTP/1.0 200 OK\r\nETag: {page.etag}\r\n"
        if page.fault != "no_length":
            head += f"Content-Length: {len(page.body)}\r\n"
        head_bytes = (head + "\r\n").encode("ascii")
        if page.fault == "truncated":
            self.wfile.write(head_bytes + page.body[: len(page.body) // 2])
        elif page.fault == "dribble":
            self._dribble(head_bytes + page.body)
        elif page.fault == "dribble_body":
            self.wfile.write(head_bytes)
            self._dribble(page.body)
        else:
            self.wfile.write(head_bytes + page.body)

    def _chunked(self, page: Page) -> None:
        half = len(page.body) // 2
        chunks = [page.body[:half], page.body[half:], b""][: 1 if page.fault == "chunked_cut" else 3]
        head = f"HTTP/1.1 200 OK\r\nETag: {page.etag}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks)
        self.wfile.write(head.encode("ascii") + body)
        self.close_connection = True

    def _dribble(self, data: bytes) -> None:
        """One byte at a time, as a slow or hostile server does, until done or the client hangs up."""
        for index in range(len(data)):
            self.server.dribbled = (index + 1, len(data))
            try:
                self.wfile.write(data[index : index + 1])
            except OSError:
                return
            time.sleep(DRIBBLE_SECONDS)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def book_server():
    """A server holding the centre's book at /centre.yaml: yields (server, that URL)."""
    server = BookHTTPServer()
    url = server.serve("/centre.yaml", CENTRE.format(text="网上的用语。"))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server, url
    server.stop()


@pytest.fixture
def other_server():
    """A second server (another port: another origin), to see that it is never contacted."""
    server = BookHTTPServer()
    server.serve("/centre.yaml", CENTRE.format(text="别处的用语。"))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.stop()
