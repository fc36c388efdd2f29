"""A phrasebook served over HTTP on localhost, for the URL source's tests."""

from __future__ import annotations

import http.server
import threading
from typing import ClassVar

import pytest

CENTRE = """\
name: 本中心用语
situations:
  - id: hold
    title: 查询等待（本中心）
    phrases:
      - text: {text}
"""


class BookServer(http.server.BaseHTTPRequestHandler):
    body = b""
    etag = '"v1"'
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).requests.append(self.headers.get("If-None-Match") or "")
        if self.headers.get("If-None-Match") == self.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", self.etag)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def book_server():
    BookServer.body = CENTRE.format(text="网上的用语。").encode("utf-8")
    BookServer.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BookServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}/centre.yaml"
    httpd.shutdown()
    httpd.server_close()
