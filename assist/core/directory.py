"""The department directory: where to send a misrouted caller, found by name, keyword or pinyin.

A YAML file (`phrasebook/directory.yaml`) read and validated like the phrasebook, with every
problem at its `path:line:col`. Choosing a department fills the misrouted-call phrase's
{target_department}, {target_phone} and {target_extension}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core import builtin
from assist.core.problems import Position, Problem, has_errors, in_reading_order
from assist.core.validation import Validator
from assist.core.yaml_source import RawDocument, RawNode, RawScalar, read_file, read_text

if TYPE_CHECKING:
    from assist.core.pinyin import Reading

_PHONE = re.compile(r"^[0-9+()\- ]{3,30}$")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    phone: str
    extension: str = ""
    keywords: tuple[str, ...] = ()
    position: Position = field(default=Position(), compare=False)

    def values(self) -> dict[str, str]:
        """The placeholder values this department fills in."""
        return {"target_department": self.name, "target_phone": self.phone, "target_extension": self.extension}


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


def check_directory_file(path: Path | str) -> DirectoryResult:
    return _validate(read_file(path), str(path))


def check_directory_text(text: str, name: str = "<text>") -> DirectoryResult:
    return _validate(read_text(text, name), name)


def _validate(document: RawDocument, name: str) -> DirectoryResult:
    if document.root is None:
        return DirectoryResult(None, tuple(document.problems))
    reader = _DirectoryReader(name)
    directory = reader.directory(document.root)
    problems = in_reading_order(reader.problems)
    return DirectoryResult(None if has_errors(problems) else directory, problems)


class _DirectoryReader(Validator):
    def directory(self, root: RawNode) -> Directory | None:
        fields = self.fields(root, "the directory", required=("departments",), optional=("name",))
        if fields is None:
            return None
        departments = self.list_of(fields.get("departments"), "departments", self.department)
        self.require_entries(fields.get("departments"), "departments")
        seen: set[str] = set()
        for department in departments:
            if department.name in seen:
                self.error(department.position, f"department '{department.name}' is listed twice")
            seen.add(department.name)
        return Directory(tuple(departments), self.optional_text(fields, "name"), self.name)

    def department(self, node: RawNode, index: int) -> Department | None:
        fields = self.fields(
            node, f"department {index}", required=("name", "phone"), optional=("extension", "keywords")
        )
        if fields is None:
            return None
        name = self.text(fields.get("name"), "name")
        phone = self.number_text(fields.get("phone"), "phone")
        extension = self.number_text(fields.get("extension"), "extension") if "extension" in fields else ""
        keywords = self.list_of(fields.get("keywords"), "keywords", lambda item, _: self.text(item, "keyword"))
        if name is None or phone is None or extension is None:
            return None
        return Department(name, phone, extension, tuple(keywords), node.position)

    def number_text(self, node: RawNode | None, what: str) -> str | None:
        """A phone number or extension: digits, spaces, + - ( ); written as text or as a number."""
        if node is None:
            return None
        if isinstance(node, RawScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
            value = str(node.value)
        else:
            value = self.text(node, what)
            if value is None:
                return None
        if not _PHONE.match(value):
            self.error(node.position, f"{what} '{value}' may hold only digits, spaces and + - ( )")
            return None
        return value


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
