"""One bounded HTTP(S) GET of a phrasebook.

Bounded in every way a server or network can stretch it: one deadline for the whole exchange
(connecting, the headers, every byte of the body), a size cap, the announced Content-Length
checked, and redirects followed only within the book's own origin (scheme, host and port), since
Assist promises to contact no other server; an address that cannot be used (the book's or a
redirect's) is refused before any connection. Every failure is a `DownloadError` with its reason in
Chinese and English; nothing else escapes.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assist.core.download_error import DownloadError

if TYPE_CHECKING:
    from http.client import HTTPConnection, HTTPResponse

DEADLINE_SECONDS = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Response:
    body: bytes
    etag: str
    last_modified: str


def get(
    url: str, headers: dict[str, str], deadline: float = DEADLINE_SECONDS, max_bytes: int = MAX_BYTES
) -> Response | None:
    """The body at `url`, or None when the server answers 304 (the copy named in `headers` is current)."""
    from http.client import HTTPException

    from assist.core.book_address import checked_url

    origin = _origin(checked_url(url))
    clock = _Deadline(deadline)
    for _ in range(MAX_REDIRECTS + 1):
        try:
            status, reason, location, response = _exchange(url, headers, clock, max_bytes)
        except DownloadError:
            raise
        except (HTTPException, OSError, ValueError) as error:
            raise _explained(error) from error
        if status in _REDIRECT_STATUSES and location:
            target = _redirect_target(url, location)
            if _origin(target) != origin:
                raise DownloadError(
                    f"the server redirects to {target}; Assist fetches the book only from {origin}: "
                    "give the address the book is served from",
                    f"服务器把请求转到 {target}；Assist 只从 {origin} 获取用语库，请填写用语库实际所在的地址",
                )
            url = target
            continue
        if status == 304:
            return None
        if status != 200:
            raise DownloadError(
                f"the server answered {status} {reason}", f"服务器回答 {status}（{_STATUS_ZH.get(status, '无法使用')}）"
            )
        return response
    raise DownloadError(f"more than {MAX_REDIRECTS} redirects", f"服务器转址超过 {MAX_REDIRECTS} 次")


def _redirect_target(url: str, location: str) -> str:
    """The address a Location header points to, checked like the book's own."""
    from urllib.parse import urljoin

    from assist.core.book_address import AddressError, checked_url, scheme_of

    try:
        return checked_url(location if scheme_of(location) else urljoin(url, location))
    except (AddressError, ValueError) as error:  # ValueError: urljoin cannot even split it
        if not isinstance(error, AddressError):
            error = AddressError(f"not a usable address ({error})", f"地址无法使用（{error}）")
        raise DownloadError(
            f"the server redirects to {location}, which cannot be used: {error}",
            f"服务器把请求转到 {location}，该地址无法使用：{error.zh}",
        ) from None


def _exchange(
    url: str, headers: dict[str, str], clock: _Deadline, max_bytes: int
) -> tuple[int, str, str, Response | None]:
    """One request: its status, reason, Location, and the body when the status is 200."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        import ssl

        connection: HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=clock.remaining(), context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=clock.remaining())
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    try:
        with clock.cutting() as watch:
            connection.connect()
            watch(connection.sock)  # kept here: the connection forgets it once a response says it closes
            connection.request("GET", path, headers={"User-Agent": "Assist phrasebook", **headers})
            response = connection.getresponse()
            if response.status != 200:
                return response.status, response.reason, response.getheader("Location") or "", None
            body = _read_body(response, max_bytes)
            etag, last_modified = response.getheader("ETag") or "", response.getheader("Last-Modified") or ""
        return 200, response.reason, "", Response(body, etag, last_modified)
    finally:
        connection.close()


def _read_body(response: HTTPResponse, max_bytes: int) -> bytes:
    announced = response.length  # from Content-Length; None when absent or chunked
    if announced is not None and announced > max_bytes:
        raise _too_large(max_bytes)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    if announced is not None and size < announced:
        raise DownloadError(
            f"the connection closed after {size} of the {announced} bytes the server announced",
            f"连接在收到 {size} 字节后中断，服务器声明共 {announced} 字节",
        )
    return b"".join(chunks)


class _Deadline:
    """One deadline for a whole download: a connection still open when it passes is cut."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.passed = False

    def remaining(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0 or self.passed:
            raise self.error()
        return left

    def error(self) -> DownloadError:
        return DownloadError(
            f"the server did not send the whole book within {self.seconds:g} s",
            f"服务器未在 {self.seconds:g} 秒内发完用语库",
        )

    @contextmanager
    def cutting(self) -> Iterator[Callable[[socket.socket], None]]:
        """Shut the watched socket at the deadline, whatever it is waiting for then (before a socket
        is watched, the connect timeout, set to the time left, bounds the wait)."""
        watched: list[socket.socket] = []

        def cut() -> None:
            self.passed = True
            for sock in watched:
                with suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

        timer = threading.Timer(self.remaining(), cut)
        timer.daemon = True
        timer.start()
        try:
            yield watched.append
        except Exception as error:
            if self.passed:
                raise self.error() from error
            raise
        finally:
            timer.cancel()
        if self.passed:  # the cut may end a body without Content-Length quietly, as if complete
            raise self.error()


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


_STATUS_ZH = {  # the usual answers, said in Chinese (the server's reason phrase is in English)
    401: "需要登录",
    403: "拒绝访问",
    404: "找不到该文件",
    410: "文件已删除",
    429: "请求过多，请稍后再试",
    500: "服务器内部错误",
    502: "网关错误",
    503: "服务暂不可用",
    504: "网关超时",
}


def _too_large(max_bytes: int) -> DownloadError:
    size = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes} bytes"
    return DownloadError(f"the book is larger than {size}", f"用语库超过 {size}")


def _explained(error: Exception) -> DownloadError:
    """An error of the network or of the server's answer, in words for the agent."""
    from http.client import HTTPException, IncompleteRead

    if isinstance(error, IncompleteRead):
        return DownloadError("the connection closed before the whole book arrived", "连接在用语库传完之前中断")
    if isinstance(error, HTTPException) and not isinstance(error, OSError):
        detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
        return DownloadError(
            f"the server's answer is not valid HTTP ({detail})", f"服务器的回答不是有效的 HTTP（{detail}）"
        )
    if isinstance(error, OSError):
        from assist.core.problem_zh import os_error_zh

        reason = error.strerror or str(error) or type(error).__name__
        return DownloadError(f"cannot reach the server ({reason})", f"无法连接服务器（{os_error_zh(error)}）")
    return DownloadError(f"not a usable address ({error})", f"地址无法使用（{error}）")
