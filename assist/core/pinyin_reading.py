"""Reading pinyin with pypinyin, and readings to and from JSON: what the worker process does
(pinyin_worker.py) and what the cache stores (pinyin.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assist.core import sealed

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
