"""The department directory: where to send a misrouted caller, found by name, keyword or pinyin.

The directory is a YAML file (`phrasebook/directory.yaml`), read and validated like the phrasebook
by directory_file.py; this module holds its model and its search, and no YAML. Choosing a
department fills the misrouted-call phrase's {target_department}, {target_phone} and
{target_extension}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core import builtin
from assist.core.problems import Position, Problem

if TYPE_CHECKING:
    from assist.core.pinyin import Reading

_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    phone: str
    extension: str = ""
    keywords: tuple[str, ...] = ()
    position: Position = field(default=Position(), compare=False)

    def values(self) -> dict[str, str]:
        """The placeholder values this department fills in (an empty extension included)."""
        return {"target_department": self.name, "target_phone": self.phone, "target_extension": self.extension}


PICKED_VALUES = ("target_department", "target_phone", "target_extension")


def after_pick(values: Mapping[str, str], department: Department) -> dict[str, str]:
    """The call's values once `department` is picked: it replaces all of the directory's values, so
    that no extension of an earlier pick is left behind when this department has none."""
    kept = {name: value for name, value in values.items() if name not in PICKED_VALUES}
    return {**kept, **{name: value for name, value in department.values().items() if value}}


@dataclass(frozen=True, slots=True)
class Directory:
    departments: tuple[Department, ...]
    name: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class DirectoryResult:
    directory: Directory | None
    problems: tuple[Problem, ...]


def default_directory() -> Path:
    return builtin.phrasebook_folder() / "directory.yaml"


class DirectoryIndex:
    """Finds departments by name, keyword, full pinyin or initials, forgiving typos."""

    def __init__(self, directory: Directory, readings: Mapping[str, Reading] | None = None) -> None:
        self.has_pinyin = readings is not None
        readings = readings or {}
        self.departments = directory.departments
        self._words: list[list[str]] = []  # per department: its words, their pinyin and initials
        for department in self.departments:
            words = [department.name, *department.keywords]
            spoken = [readings[word] for word in words if word in readings]
            forms = [*words, *(r.full for r in spoken), *(r.initials for r in spoken)]
            self._words.append([_NOT_WORD.sub("", form.lower()) for form in forms if form])

    @staticmethod
    def texts_to_read(directory: Directory) -> list[str]:
        return [word for department in directory.departments for word in (department.name, *department.keywords)]

    def query(self, text: str, limit: int = 8) -> list[Department]:
        """Departments whose words contain `text` (name matches first); typos forgiven when none do."""
        needle = _NOT_WORD.sub("", text.strip().lower())
        if not needle:
            return list(self.departments[:limit])
        ranked = []
        for index, words in enumerate(self._words):
            places = [rank for rank, word in enumerate(words) if needle in word]
            if places:
                ranked.append((min(places) > 0, not words[min(places)].startswith(needle), index))
        if ranked:
            return [self.departments[index] for *_, index in sorted(ranked)[:limit]]
        if len(needle) < 2:
            return []
        from rapidfuzz import fuzz, process  # only for typos: not needed to open the panel

        keys = [" ".join(words) for words in self._words]
        found = process.extract(needle, keys, scorer=fuzz.partial_ratio, score_cutoff=75, limit=limit)
        return [self.departments[index] for _, _, index in found]
