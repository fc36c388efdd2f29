"""Pinyin readings of phrase text, for search: full pinyin and initials, polyphones read in context.

pypinyin reads 查询 as "cha xun" (not "zha") because it knows the word. Importing it and reading
a large book take a while, and its dictionaries take some 50 MiB that would stay in the sidebar
for the whole shift: readings are made in a short-lived worker process (pinyin_worker.py) and
cached on disk, one sealed JSON file (sealed.py) per set of texts. The sidebar builds them off the
UI thread, and `assist search` reads the cache when it is warm.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assist.core import folders, sealed

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CACHE_VERSION = 2  # 2: sealed, with a checksum
KEPT_READINGS = 4  # the newest sets of readings kept (the sidebar's book, a few for `assist search`)


@dataclass(frozen=True, slots=True)
class Reading:
    full: str  # "qingshaodengwobangninchayixia"
    initials: str  # "qsdwbncyx"


def read(texts: Iterable[str]) -> dict[str, Reading]:
    """The pinyin of each text that has Chinese characters in it."""
    from pypinyin import lazy_pinyin  # slow to import: only when readings are needed

    readings: dict[str, Reading] = {}
    for text in texts:
        if text in readings or not _HAN.search(text):
            continue
        syllables = [s.lower() for s in lazy_pinyin(text, errors="ignore") if s.isalnum()]
        readings[text] = Reading("".join(syllables), "".join(s[0] for s in syllables))
    return readings


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


def to_json(readings: dict[str, Reading]) -> dict[str, list[str]]:
    return {text: [reading.full, reading.initials] for text, reading in readings.items()}


def from_json(value: object) -> dict[str, Reading]:
    """Readings written by `to_json`; Unreadable when `value` is of another shape."""
    if type(value) is not dict:
        raise sealed.Unreadable("readings are not a JSON object")
    readings = {}
    for text, pair in value.items():
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str or type(pair[1]) is not str:
            raise sealed.Unreadable(f"the reading of {text!r} is not two texts")
        readings[text] = Reading(*pair)
    return readings


def default_cache_folder() -> Path:
    return folders.cache_folder()
