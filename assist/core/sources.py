"""Where the organisation's phrasebook comes from: a file, or an http(s) URL served by any web server.

A URL's book is cached on disk for offline use and revalidated with ETag / Last-Modified, so a
poll that finds nothing new costs one small request. When the server cannot be reached, the
cached copy is used and the failure is reported, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assist.core import folders

FETCH_TIMEOUT_SECONDS = 10
MAX_BOOK_BYTES = 64 * 1024 * 1024


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Fetched:
    path: Path | None  # the cached copy to load; None when there is none
    changed: bool  # the server sent a new version
    error: str = ""  # why the server could not be used (the cached copy, if any, is used)


def cache_folder() -> Path:
    return folders.cache_folder() / "books"


def _cache_paths(url: str, folder: Path | None = None) -> tuple[Path, Path]:
    import hashlib  # here, not at the top: the sidebar imports this module at start, URL or not

    key = hashlib.sha256(url.encode()).hexdigest()[:24]
    folder = folder or cache_folder()
    return folder / f"{key}.yaml", folder / f"{key}.json"


def cached_copy(url: str) -> Path | None:
    """The copy of a URL's book from the last visit, without asking the server."""
    book_path, _ = _cache_paths(url)
    return book_path if book_path.exists() else None


def fetch(url: str, folder: Path | None = None, timeout: float = FETCH_TIMEOUT_SECONDS) -> Fetched:
    """Download `url` into the cache if it changed; say where the cached copy is."""
    import json
    import urllib.error  # here, not at the top: only a URL source needs urllib (and ssl)
    import urllib.request

    book_path, meta_path = _cache_paths(url, folder)
    folder = book_path.parent
    meta = _read_meta(meta_path) if book_path.exists() else {}
    request = urllib.request.Request(url, headers={"User-Agent": "Assist phrasebook"})
    if meta.get("etag"):
        request.add_header("If-None-Match", meta["etag"])
    if meta.get("last_modified"):
        request.add_header("If-Modified-Since", meta["last_modified"])
    cached = book_path if book_path.exists() else None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # only http(s): see is_url
            body = response.read(MAX_BOOK_BYTES + 1)
            if len(body) > MAX_BOOK_BYTES:
                return Fetched(cached, False, f"{url}: the book is larger than {MAX_BOOK_BYTES // 2**20} MB")
            folder.mkdir(parents=True, exist_ok=True)
            folders.write_atomically(book_path, body.decode("utf-8", errors="replace"))
            new_meta = {
                "url": url,
                "etag": response.headers.get("ETag", ""),
                "last_modified": response.headers.get("Last-Modified", ""),
            }
            folders.write_atomically(meta_path, json.dumps(new_meta))
            return Fetched(book_path, True)
    except urllib.error.HTTPError as error:
        if error.code == 304 and cached is not None:
            return Fetched(cached, False)
        return Fetched(cached, False, f"{url}: the server answered {error.code} {error.reason}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Fetched(
            cached,
            False,
            f"{url}: cannot reach the server ({reason}); using the copy from the last visit"
            if cached
            else f"{url}: cannot reach the server ({reason}) and there is no copy yet",
        )


def _read_meta(path: Path) -> dict[str, str]:
    import json

    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        return meta if isinstance(meta, dict) else {}
    except (OSError, ValueError):
        return {}
