"""How search reads text: what the agent types and what the book holds are normalised the same way.

Punctuation, spaces and case never decide whether a phrase is found: 对不起让您久等了 finds
对不起，让您久等了, and "Can't hear!" finds "can't hear". Chinese text and pinyin are compared
squeezed (no spaces, no punctuation); English is compared as words separated by single spaces.
"""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def has_chinese(text: str) -> bool:
    return _HAN.search(text) is not None


def squeezed(text: str) -> str:
    """Lower case, letters and digits only: "对不起，让您久等了" → "对不起让您久等了", "Shao Deng" → "shaodeng"."""
    return _NOT_LETTER_OR_DIGIT.sub("", text.lower()) if text else ""


def spaced(text: str) -> str:
    """Lower case, words separated by one space: "Sorry, I can't hear you!" → "sorry i can t hear you"."""
    return _NOT_LETTER_OR_DIGIT.sub(" ", text.lower()).strip() if text else ""


def words(text: str) -> list[str]:
    """The words of `text`, lower case, without punctuation: "xiexie  pingjia" → ["xiexie", "pingjia"]."""
    return [word for word in _NOT_LETTER_OR_DIGIT.split(text.lower()) if word]


def search_words(query: str) -> list[str]:
    """The words of a query that a phrase must each contain (apart, in any field) to match as words.

    None when the query is one word, or only single letters ("q s d" is initials typed apart)."""
    found = list(dict.fromkeys(words(query)))
    if len(found) < 2 or all(len(word) == 1 and not has_chinese(word) for word in found):
        return []
    return found
