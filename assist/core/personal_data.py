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
