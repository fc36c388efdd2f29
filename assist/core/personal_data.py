"""The agent's own phrases and favourites, as data (read by personal_reader, stored by personal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assist.core.problems import Position


@dataclass(frozen=True, slots=True)
class PersonalPhrase:
    situation: str  # the id of the situation it belongs to
    text: str
    en: str = ""
    position: Position = field(default=Position(), compare=False)  # of its text in the file, when read from it


@dataclass(slots=True)
class PersonalData:
    phrases: list[PersonalPhrase] = field(default_factory=list)
    favourites: list[tuple[str, str]] = field(default_factory=list)  # (situation id, phrase text)

    # Each change gives new data (the store saves it whole); a phrase is named by its situation and text.

    def with_phrase(self, phrase: PersonalPhrase) -> PersonalData:
        return PersonalData([*self.phrases, phrase], list(self.favourites))

    def with_replaced(self, situation: str, old: str, new: PersonalPhrase) -> PersonalData:
        """`old` replaced by `new` in place, and in the favourites (a pinned phrase stays pinned)."""
        phrases = [new if (p.situation, p.text) == (situation, old) else p for p in self.phrases]
        favourites = [(s, new.text) if (s, t) == (situation, old) else (s, t) for s, t in self.favourites]
        return PersonalData(phrases, favourites)

    def without(self, situation: str, text: str) -> PersonalData:
        """The phrase left out, and unpinned."""
        kept = [p for p in self.phrases if (p.situation, p.text) != (situation, text)]
        return PersonalData(kept, [f for f in self.favourites if f != (situation, text)])

    def with_favourite(self, situation: str, text: str, on: bool) -> PersonalData:
        """The phrase pinned (at the end of the favourites) or unpinned."""
        kept = [f for f in self.favourites if f != (situation, text)]
        return PersonalData(list(self.phrases), [*kept, (situation, text)] if on else kept)
