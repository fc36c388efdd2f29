"""The phrases copied last: newest first, no repeats, kept as "situation-id|template" strings."""

from __future__ import annotations

from collections.abc import Iterable

from assist.core.model import Phrase, Phrasebook, Situation

RECENT_PHRASES = 5


def remembered(entries: Iterable[object], situation_id: str, template: str) -> list[str]:
    """The recent list with this phrase at its head."""
    entry = f"{situation_id}|{template}"
    return [entry, *(str(item) for item in entries if str(item) != entry)][:RECENT_PHRASES]


def resolve(entries: Iterable[object], book: Phrasebook) -> list[tuple[Situation, Phrase]]:
    """The recent phrases the book still has, with their situations."""
    found = []
    for entry in entries:
        situation_id, _, text = str(entry).partition("|")
        situation = book.situation(situation_id)
        phrase = next((p for p in situation.phrases if p.text == text), None) if situation else None
        if situation is not None and phrase is not None:
            found.append((situation, phrase))
    return found
