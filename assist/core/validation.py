"""Reading raw YAML nodes against a format: the building blocks every file format of Assist shares.

Each reader method checks one kind of value, reports a problem at the node's `path:line:col`
when it is wrong, and returns None (or an empty value) so that reading goes on and finds the
other problems too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import TypeVar

from assist.core.problems import Position, Problem, Severity, has_errors, in_reading_order
from assist.core.yaml_source import RawDocument, RawList, RawMap, RawNode, RawScalar

T = TypeVar("T")
_ID = re.compile(r"^[a-z][a-z0-9_-]*$")


def read_document(
    document: RawDocument, validator: Validator, read: Callable[[RawNode], T | None]
) -> tuple[T | None, tuple[Problem, ...]]:
    """Read a parsed document with `read`; the value is None when the file or its content has errors."""
    if document.root is None:
        return None, tuple(document.problems)
    value = read(document.root)
    problems = in_reading_order(document.problems + validator.problems)
    return (None if has_errors(problems) else value), problems


class Validator:
    """Collects problems while reading raw nodes; subclasses read one file format."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def require_entries(self, node: RawNode | None, what: str) -> None:
        if isinstance(node, RawList) and not node.items:
            self.error(node.position, f"{what} is empty; it needs at least one entry")

    def error(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.name, position, message))

    def warn(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.name, position, message, Severity.WARNING))

    def expect(self, node: RawNode, kind: type, what: str, expected: str) -> bool:
        if isinstance(node, kind):
            return True
        self.error(node.position, f"{what} must be {expected}, not {describe(node)}")
        return False

    def fields(
        self, node: RawNode, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, RawNode] | None:
        """The entries of a mapping, after reporting unknown and missing keys."""
        if not self.expect(node, RawMap, what, "a mapping (key: value lines)"):
            return None
        assert isinstance(node, RawMap)
        known = required + optional
        for key, (key_position, _) in node.entries.items():
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
                self.error(key_position, f"unknown key '{key}' in {what}{hint}")
        for key in required:
            if key not in node.entries:
                self.error(node.position, f"{what} is missing '{key}'")
        return {key: value for key, (_, value) in node.entries.items() if key in known}

    def scalar(self, node: RawNode) -> object:
        return node.value if isinstance(node, RawScalar) else None

    def text(self, node: RawNode | None, what: str) -> str | None:
        if node is None:
            return None  # a missing required key is reported by `fields`
        if not isinstance(node, RawScalar) or isinstance(node.value, bool) or node.value is None:
            self.error(node.position, f"{what} must be text, not {describe(node)}")
            return None
        text = str(node.value).strip()
        if not text:
            self.error(node.position, f"{what} is empty")
            return None
        return text

    def optional_text(self, fields: dict[str, RawNode], key: str) -> str:
        return self.text(fields.get(key), key) or "" if key in fields else ""

    def integer(self, node: RawNode, what: str) -> int | None:
        if isinstance(node, RawScalar) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        self.error(node.position, f"{what} must be a whole number, not {describe(node)}")
        return None

    def boolean(self, node: RawNode | None, what: str) -> bool:
        if node is None:
            return False
        if isinstance(node, RawScalar) and isinstance(node.value, bool):
            return node.value
        self.error(node.position, f"{what} must be true or false, not {describe(node)}")
        return False

    def identifier(self, node: RawNode | None, what: str) -> str | None:
        value = self.text(node, f"{what} id")
        if value is None or node is None:
            return None
        if not _ID.match(value):
            self.error(
                node.position,
                f"id '{value}' must be lower-case letters, digits, '-' and '_', starting with a letter",
            )
            return None
        return value

    def choice(self, node: RawNode | None, what: str, enum: type, default: T) -> T | None:
        if node is None:
            return default
        value = self.text(node, what)
        options = [member.value for member in enum]
        if value is None:
            return None
        if value not in options:
            self.error(node.position, f"{what} must be one of {', '.join(options)}, not '{value}'")
            return None
        return enum(value)

    def list_of(self, node: RawNode | None, what: str, read: Callable[[RawNode, int], T | None]) -> list[T]:
        if node is None:
            return []
        if not self.expect(node, RawList, what, "a list (lines starting with '- ')"):
            return []
        values = [read(item, index) for index, item in enumerate(items_of(node), start=1)]
        return [value for value in values if value is not None]

    def unique_list(
        self, node: RawNode | None, what: str, read: Callable[[RawNode, int], T | None], required: bool = True
    ) -> list[T]:
        """A list of entries with ids, reporting repeated ids and an empty required list."""
        entries = self.list_of(node, what, read)
        if required:
            self.require_entries(node, what)
        seen: set[str] = set()
        unique: list[T] = []
        for entry, item in zip(entries, items_of(node) if isinstance(node, RawList) else [], strict=False):
            entry_id = getattr(entry, "id", None)
            if entry_id in seen:
                self.error(item.position, f"duplicate id '{entry_id}' in {what}")
                continue
            seen.add(entry_id)
            unique.append(entry)
        return unique


def entry_name(kind: str, node: RawNode, index: int) -> str:
    """How messages name an entry: by its id when it has a usable one, else by its number."""
    if isinstance(node, RawMap) and "id" in node.entries:
        value = node.entries["id"][1]
        if isinstance(value, RawScalar) and isinstance(value.value, str) and value.value.strip():
            return f"{kind} '{value.value.strip()}'"
    return f"{kind} {index}"


def items_of(node: RawNode) -> list[RawNode]:
    return node.items if isinstance(node, RawList) else []


def describe(node: RawNode) -> str:
    if isinstance(node, RawMap):
        return "a mapping"
    if isinstance(node, RawList):
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"true/false ({str(node.value).lower()})"
    if isinstance(node.value, int | float):
        return f"a number ({node.value})"
    return f"text ('{node.value}')"
