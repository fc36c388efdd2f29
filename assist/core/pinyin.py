"""Pinyin readings of phrase text, for search: full pinyin and initials, polyphones read in context.

pypinyin reads 查询 as "cha xun" (not "zha") because it knows the word. Importing it and reading
a large book take a while, and its dictionaries take some 50 MiB that would stay in the sidebar
for the whole shift: readings are made in a short-lived worker process (pinyin_worker.py) and
cached on disk, one sealed JSON file (sealed.py) per set of texts. The sidebar builds them off the
UI thread, and `assist search` reads the cache when it is warm.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assist.core import folders, sealed
from assist.core.pinyin_reading import Reading, from_json, read, to_json  # noqa: F401 - part of this module's interface

CACHE_VERSION = 2  # 2: sealed, with a checksum
KEPT_READINGS = 4  # the newest sets of readings kept (the sidebar's book, a few for `assist search`)


class ReadingCache:
    """Readings stored in one sealed JSON file per set of texts, named by a hash of the texts; a
    file that is missing, damaged or of the wrong shape is made again by the pinyin worker."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def readings(self, texts: list[str]) -> dict[str, Reading]:
        unique = sorted(set(texts))
        key = hashlib.sha256("\n".join([str(CACHE_VERSION), *unique]).encode()).hexdigest()[:24]
        path = self.folder / f"pinyin-{key}.json"
        try:
            stored = sealed.read(path)
            if type(stored) is list and len(stored) == 2 and stored[0] == key:
                return from_json(stored[1])
        except sealed.Unreadable:
            pass  # missing, damaged or of another shape: read again
        from assist.core.pinyin_worker import read_in_worker

        readings = read_in_worker(unique, self.folder)
        self._save(path, key, readings)
        return readings

    def _save(self, path: Path, key: str, readings: dict[str, Reading]) -> None:
        try:
            sealed.write(path, [key, to_json(readings)])
            older = sorted(self.folder.glob("pinyin-*.json"), key=lambda file: file.stat().st_mtime, reverse=True)
            for stale in older[KEPT_READINGS:]:  # readings of books no longer in use
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time next start


def default_cache_folder() -> Path:
    return folders.cache_folder()
