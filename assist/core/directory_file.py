"""Reading and validating a department directory file, with every problem at its `path:line:col`."""

from __future__ import annotations

import re
from pathlib import Path

from assist.core.directory import Department, Directory, DirectoryResult
from assist.core.validation import Validator, read_document
from assist.core.yaml_source import RawDocument, RawNode, RawScalar, read_file, read_text

_PHONE = re.compile(r"^[0-9+()\- ]{3,30}$")


def check_directory_file(path: Path | str) -> DirectoryResult:
    return _validate(read_file(path), str(path))


def check_directory_text(text: str, name: str = "<text>") -> DirectoryResult:
    return _validate(read_text(text, name), name)


def _validate(document: RawDocument, name: str) -> DirectoryResult:
    reader = _DirectoryReader(name)
    return DirectoryResult(*read_document(document, reader, reader.directory))


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
