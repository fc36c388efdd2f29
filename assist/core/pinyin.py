"""Pinyin readings of phrase text, for search: full pinyin and initials, polyphones read in context.

pypinyin reads 查询 as "cha xun" (not "zha") because it knows the word. Importing it and reading
a large book take a while, so readings are cached on disk per text; the sidebar builds them off
the UI thread, and `assist search` reads the cache when it is warm.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assist.core import folders

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CACHE_VERSION = 1
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
    """Readings stored in one JSON file per set of texts, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def readings(self, texts: list[str]) -> dict[str, Reading]:
        unique = sorted(set(texts))
        key = hashlib.sha256("\n".join([str(CACHE_VERSION), *unique]).encode()).hexdigest()[:24]
        path = self.folder / f"pinyin-{key}.json"
        cached = self._load(path)
        if cached is not None:
            return cached
        readings = read(unique)
        self._save(path, readings)
        return readings

    @staticmethod
    def _load(path: Path) -> dict[str, Reading] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {text: Reading(*pair) for text, pair in data.items()}
        except (OSError, ValueError, TypeError):
            return None  # missing or damaged: read again

    def _save(self, path: Path, readings: dict[str, Reading]) -> None:
        data = {text: [reading.full, reading.initials] for text, reading in readings.items()}
        try:
            folders.write_atomically(path, json.dumps(data, ensure_ascii=False))
            older = sorted(self.folder.glob("pinyin-*.json"), key=lambda file: file.stat().st_mtime, reverse=True)
            for stale in older[KEPT_READINGS:]:  # readings of books no longer in use
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time next start


def default_cache_folder() -> Path:
    return folders.cache_folder()
