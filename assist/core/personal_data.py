"""The agent's own phrases and favourites, as data (read by personal_reader, stored by personal)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PersonalPhrase:
    situation: str  # the id of the situation it belongs to
    text: str
    en: str = ""


@dataclass(slots=True)
class PersonalData:
    phrases: list[PersonalPhrase] = field(default_factory=list)
    favourites: list[tuple[str, str]] = field(default_factory=list)  # (situation id, phrase text)
