"""What a checked book or directory holds, as `assist check` says it."""

from __future__ import annotations

from assist.core.model import Phrasebook


def summary_of(book: Phrasebook | None) -> str:
    """What a valid book holds, as `assist check` says it ("" for no book)."""
    if book is None:
        return ""
    forbidden = sum(len(situation.forbidden) for situation in book.situations)
    counts = (len(book.situations), "situation"), (book.phrase_count, "phrase"), (forbidden, "forbidden phrase")
    return ", ".join(count(number, noun) for number, noun in counts)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
