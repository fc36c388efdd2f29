"""Where the organisation's phrasebook comes from: a file, or an http(s) URL served by any web server.

A URL's book is kept on disk as an offline copy and revalidated with ETag / Last-Modified, so a
poll that finds nothing new costs one small request. A download becomes the offline copy only
after it arrived whole, decoded as UTF-8 and loaded without errors; anything else is reported
with the URL and the last good copy stays. The sidebar and the `assist` commands share the copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core import folders
from assist.core.download import DEADLINE_SECONDS, MAX_BYTES, DownloadError
from assist.core.problem_zh import os_error_zh
from assist.core.problems import Position, Problem

if TYPE_CHECKING:
    from assist.core.model import Phrasebook


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one visit to the server gave."""

    url: str
    path: Path | None  # the offline copy after the visit (the last good version); None when there is none
    book: Phrasebook | None = None  # the server's new version, when it sent one that loaded
    error: str = ""  # why the server's answer could not be used, in English ("" when it could)
    error_zh: str = ""  # the same in Chinese
    problems: tuple[Problem, ...] = ()  # the new version's problems (only warnings when it loaded), named by the URL

    @property
    def changed(self) -> bool:
        return self.book is not None


def cache_folder() -> Path:
    return folders.cache_folder() / "books"


def _cache_paths(url: str, folder: Path | None = None) -> tuple[Path, Path]:
    import hashlib  # here, not at the top: the sidebar imports this module at start, URL or not

    key = hashlib.sha256(url.encode()).hexdigest()[:24]
    folder = folder or cache_folder()
    return folder / f"{key}.yaml", folder / f"{key}.json"


def cached_copy(url: str, folder: Path | None = None) -> Path | None:
    """The offline copy of a URL's book, without asking the server."""
    book_path, _ = _cache_paths(url, folder)
    return book_path if book_path.is_file() else None


def offline_book(url: str, folder: Path | None = None) -> tuple[Phrasebook | None, tuple[Problem, ...]]:
    """The book of the offline copy (None when there is none or it does not load), problems named by the URL."""
    from assist.core.load_cache import checked_book

    path = cached_copy(url, folder)
    if path is None:
        return None, (Problem(url, Position(), "no offline copy of this phrasebook yet"),)
    book, errors = checked_book(path)
    return book, tuple(replace(problem, path=url) for problem in errors)


def fetch(
    url: str, folder: Path | None = None, deadline: float = DEADLINE_SECONDS, max_bytes: int = MAX_BYTES
) -> Fetched:
    """Visit the server: a new version that loads becomes the offline copy; anything else is reported."""
    from assist.core import download

    book_path, meta_path = _cache_paths(url, folder)
    cached = book_path if book_path.is_file() else None
    meta = _read_meta(meta_path) if cached else {}
    headers = {}
    if meta.get("etag"):
        headers["If-None-Match"] = meta["etag"]
    if meta.get("last_modified"):
        headers["If-Modified-Since"] = meta["last_modified"]
    try:
        response = download.get(url, headers, deadline, max_bytes)
        if response is None and cached is None:
            raise DownloadError(
                "the server answered 304 Not Modified, but there is no copy yet",
                "服务器回答 304（未修改），但本机还没有副本",
            )
        text = _utf8(response.body) if response is not None else ""
    except DownloadError as error:
        return Fetched(url, cached, error=str(error), error_zh=error.zh)
    if response is None:
        return Fetched(url, cached)
    from assist.core.loader import check_text

    result = check_text(text, url)
    if result.book is None:
        return Fetched(
            url,
            cached,
            error="the new version has errors",
            error_zh="新版本有错误",
            problems=result.problems,
        )
    meta = {"url": url, "etag": response.etag, "last_modified": response.last_modified}
    try:
        _store(book_path, meta_path, text, meta)
    except OSError as error:
        return Fetched(
            url,
            cached,
            result.book,
            f"cannot keep an offline copy in {book_path.parent} ({error.strerror or error})",
            f"无法在 {book_path.parent} 保存离线副本（{os_error_zh(error)}）",
            result.problems,
        )
    return Fetched(url, book_path, result.book, problems=result.problems)


def _utf8(body: bytes) -> str:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DownloadError(
            f"the book is not UTF-8 text (byte {error.start} is not UTF-8); save it as UTF-8 on the server",
            f"用语库不是 UTF-8 文本（第 {error.start} 个字节不是 UTF-8），请在服务器上以 UTF-8 保存",
        ) from error
    return text.removeprefix("\ufeff")


def _store(book_path: Path, meta_path: Path, text: str, meta: dict[str, str]) -> None:
    """The book first, then its validators: a stop between the two only costs one full download."""
    import json

    folders.write_atomically(book_path, text)
    folders.write_atomically(meta_path, json.dumps(meta))


def _read_meta(path: Path) -> dict[str, str]:
    import json

    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(meta, dict):
        return {}
    return {key: value for key, value in meta.items() if isinstance(value, str)}
