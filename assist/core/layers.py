"""Phrasebook layers: the built-in book, then the organisation's book, then the agent's own phrases.

The organisation's book replaces the built-in situations that have its ids and adds the others;
personal phrases are added at the end of their situation, marked as the agent's own.
"""

from __future__ import annotations

from dataclasses import replace

from assist.core.model import Phrase, Phrasebook
from assist.core.personal import PersonalPhrase


def overlay(base: Phrasebook, organisation: Phrasebook) -> Phrasebook:
    replaced = {situation.id: situation for situation in organisation.situations}
    situations = [replaced.pop(situation.id, situation) for situation in base.situations]
    situations += [situation for situation in organisation.situations if situation.id in replaced]
    return replace(
        organisation,
        situations=tuple(situations),
        placeholders={**base.placeholders, **organisation.placeholders},
        guidance=organisation.guidance or base.guidance,
    )


def with_personal(book: Phrasebook, phrases: list[PersonalPhrase]) -> Phrasebook:
    """`book` with the agent's phrases added; a phrase for a situation the book lacks is left out."""
    if not phrases:
        return book
    situations = []
    for situation in book.situations:
        own = tuple(Phrase(p.text, p.en, personal=True) for p in phrases if p.situation == situation.id)
        situations.append(replace(situation, phrases=situation.phrases + own) if own else situation)
    return replace(book, situations=tuple(situations))
