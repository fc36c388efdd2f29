"""Text that wraps only where a reader expects: a key stays with the words it belongs to, a short
item of a list stays whole, and a closing 等 never sits alone on a line.

Chinese may break between any two characters, so a label wrapped at its width could leave "等" or
"F4" alone on the last line. The word joiner (U+2060, no width) and the no-break space forbid a break
where they stand; Qt's line breaking honours both."""

from __future__ import annotations

from collections.abc import Iterable

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
LONGEST_WHOLE_ITEM = 10  # characters: a longer item may still break inside, or it could overflow its line


LAST_WORDS = 3  # characters of Chinese kept with a key: never "户 F4" alone on a line


def with_key(text: str, key: str) -> str:
    """`text` and the key that acts on it, which never wraps onto a line of its own nor with a lone
    Chinese character (English words do not break inside anyway)."""
    if not key:
        return text
    head, tail = text[:-LAST_WORDS], text[-LAST_WORDS:]
    if not tail.isascii() and " " not in tail:
        tail = WORD_JOINER.join(tail)
    return f"{head}{tail}{NO_BREAK_SPACE * 2}{key}"


def whole(item: str) -> str:
    """A short item that does not break inside (a longer one is left as it is)."""
    return WORD_JOINER.join(item) if len(item) <= LONGEST_WHOLE_ITEM else item


def whole_items(items: Iterable[str], separator: str, tail: str = "") -> str:
    """Items joined by `separator`, lines breaking only between them; `tail` (等, …) kept with the last."""
    text = separator.join(whole(item) for item in items)
    return f"{text}{NO_BREAK_SPACE}{tail}" if tail and text else text


def plain(text: str) -> str:
    """The text as read: without the joiners, with ordinary spaces (for tooltips and tests)."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")
