"""The agent's personal phrases and favourites, kept in one small YAML file in their data folder.

Every save writes a temporary file beside the real one, flushes it to disk, then renames it over
the old one: a crash or a `kill -9` in the middle leaves the old file or the new one, never half.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core import folders

if TYPE_CHECKING:
    from assist.core.checker import Checker


@dataclass(frozen=True, slots=True)
class PersonalPhrase:
    situation: str  # the id of the situation it belongs to
    text: str
    en: str = ""


@dataclass(slots=True)
class PersonalData:
    phrases: list[PersonalPhrase] = field(default_factory=list)
    favourites: list[tuple[str, str]] = field(default_factory=list)  # (situation id, phrase text)


class RefusedPhrase(ValueError):
    """A personal phrase that holds forbidden wording; the message says which and what to say instead."""


def default_path() -> Path:
    return folders.data_folder() / "personal.yaml"


class PersonalStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def load(self) -> tuple[PersonalData, str]:
        """The data, and a message when the file could not be read (the data is then empty)."""
        if not self.path.exists():
            return PersonalData(), ""
        import yaml  # here: a sidebar without personal phrases never needs it at start

        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            return PersonalData(), ""
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
            return PersonalData(), f"{self.path}: cannot read personal phrases: {error}"
        if not isinstance(raw, dict):
            return PersonalData(), f"{self.path}: personal phrases must be a mapping"
        phrases = [
            PersonalPhrase(str(item.get("situation", "")), str(item.get("text", "")).strip(), str(item.get("en", "")))
            for item in raw.get("phrases") or []
            if isinstance(item, dict) and str(item.get("text", "")).strip()
        ]
        favourites = [
            (str(item.get("situation", "")), str(item.get("text", "")))
            for item in raw.get("favourites") or []
            if isinstance(item, dict)
        ]
        return PersonalData(phrases, favourites), ""

    def save(self, data: PersonalData) -> None:
        document = {
            "phrases": [
                {"situation": p.situation, "text": p.text, **({"en": p.en} if p.en else {})} for p in data.phrases
            ],
            "favourites": [{"situation": situation, "text": text} for situation, text in data.favourites],
        }
        import yaml

        text = "# Assist: my own phrases and favourites. Written by the sidebar.\n" + yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False
        )
        folders.write_atomically(self.path, text)


def vet(checker: Checker, text: str) -> None:
    """Refuse a phrase with forbidden wording, saying which and what to say instead."""
    findings = checker.check(text)
    if findings:
        reasons = "；".join(f"“{f.match}”是禁语（{f.situation_title}），应说：{f.suggestion}" for f in findings)
        raise RefusedPhrase(reasons)
