"""Stage one of loading: YAML text into raw nodes that remember where they came from.

The parser's event stream is turned into nodes with an explicit stack instead of
PyYAML's recursive composer, so that hostile input gets a clear problem rather than
a crash: nesting is capped, aliases are counted by the size they expand to (an
"alias bomb" is refused before it costs memory), and any tag that would construct
an object (`!!python/object`, custom tags) is refused. Nothing here knows what a
phrasebook is; it only delivers positioned data to the validator.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assist.core.problems import Position, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 3_000_000

_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "value")}
_ALLOWED_TAGS = _SCALAR_TAGS | {_YAML_TAG + "map", _YAML_TAG + "seq"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Characters YAML does not allow in a document; their presence usually means a binary file.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


@dataclass(slots=True, eq=False)
class RawScalar:
    value: str | int | float | bool | None
    position: Position
    size: int = 1


@dataclass(slots=True, eq=False)
class RawList:
    items: list[RawNode]
    position: Position
    size: int = 1


@dataclass(slots=True, eq=False)
class RawMap:
    """A mapping whose keys are strings; each entry keeps the key's own position."""

    entries: dict[str, tuple[Position, RawNode]]
    position: Position
    size: int = 1


RawNode = RawScalar | RawList | RawMap


@dataclass(slots=True)
class RawDocument:
    root: RawNode | None
    problems: list[Problem] = field(default_factory=list)


class _Stop(Exception):
    """Raised inside the builder when reading cannot go on; the problem is already recorded."""


def read_file(path: Path | str) -> RawDocument:
    """Read a YAML file into raw nodes, reporting unreadable, binary or oversized files."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            return _fail(
                name,
                Position(),
                f"the file is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB",
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return _fail(name, Position(), "no such file")
    except IsADirectoryError:
        return _fail(name, Position(), "this is a folder, not a file")
    except OSError as error:
        return _fail(name, Position(), f"cannot read the file: {error.strerror or error}")
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str, empty_ok: bool = False) -> RawDocument:
    """Decode (UTF-8, or UTF-16 with a byte-order mark) and parse; see `read_text` for `empty_ok`."""
    has_utf16_mark = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    encoding = "utf-16" if has_utf16_mark else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        return _fail(
            name,
            _position_of_byte(data, error.start),
            f"not {encoding.removesuffix('-sig').upper()} text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8",
        )
    return read_text(text, name, empty_ok)


def read_text(text: str, name: str, empty_ok: bool = False) -> RawDocument:
    """Parse; a file with no data (blank, or only comments) is a problem unless `empty_ok`, when
    it reads as a document without a root and without problems."""
    text = text.removeprefix("\ufeff")
    bad = _first_control_character(text)
    if bad is not None:
        index, char = bad
        return _fail(
            name,
            _position_of_char(text, index),
            f"control character U+{ord(char):04X} in the text; is this a binary file?",
        )
    if not text.strip():
        return RawDocument(None) if empty_ok else _fail(name, Position(), "the file is empty")
    builder = _Builder(name)
    try:
        builder.consume(yaml.parse(text, Loader=_Loader))
    except _Stop:
        pass
    except yaml.MarkedYAMLError as error:
        builder.problem(_mark_position(error.problem_mark or error.context_mark), _yaml_message(error))
    except yaml.YAMLError as error:
        builder.problem(Position(), f"YAML error: {error}")
    empty_document = isinstance(builder.root, RawScalar) and builder.root.value is None
    if (builder.root is None or empty_document) and not builder.problems:
        if empty_ok:
            return RawDocument(None)
        builder.problem(
            Position(),
            "the file holds no data, only comments or blank lines; a phrasebook needs at least 'name' and 'situations'",
        )
    return RawDocument(builder.root if not builder.problems else None, builder.problems)


class _Builder:
    """Turns parser events into raw nodes, with an explicit stack."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root: RawNode | None = None
        self.problems: list[Problem] = []
        self._stack: list[_Open] = []
        self._anchors: dict[str, RawNode] = {}
        self._open_anchors: set[str] = set()
        self._expanded = 0
        self._documents = 0

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(Problem(self.name, position, message))

    def stop(self, position: Position, message: str) -> _Stop:
        self.problem(position, message)
        return _Stop()

    def consume(self, events: Iterator[yaml.Event]) -> None:
        for event in events:
            position = _mark_position(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                self._documents += 1
                if self._documents > 1:
                    raise self.stop(position, "a phrasebook holds one YAML document; remove the extra '---'")
            elif isinstance(event, yaml.ScalarEvent):
                self._check_tag(event.tag, position, scalar=True)
                node = RawScalar(self._scalar_value(event, position), position)
                self._remember_anchor(event.anchor, node)
                self._add(node, position)
            elif isinstance(event, yaml.AliasEvent):
                self._add(self._alias(event.anchor, position), position, counted=True)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self._check_tag(event.tag, position, scalar=False)
                if len(self._stack) >= MAX_DEPTH:
                    raise self.stop(position, f"nested deeper than {MAX_DEPTH} levels")
                is_map = isinstance(event, yaml.MappingStartEvent)
                node: RawNode = RawMap({}, position) if is_map else RawList([], position)
                if event.anchor is not None:
                    self._open_anchors.add(event.anchor)
                self._stack.append(_Open(node, event.anchor))
                self._count(1, position)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                finished = self._stack.pop()
                if finished.pending_key is not None:
                    raise self.stop(position, "a mapping key has no value")
                if finished.anchor is not None:
                    self._open_anchors.discard(finished.anchor)
                    self._anchors[finished.anchor] = finished.node
                self._add(finished.node, finished.node.position, counted=True)

    def _add(self, node: RawNode, position: Position, counted: bool = False) -> None:
        if not counted:
            self._count(1, position)
        if not self._stack:
            self.root = node
            return
        parent = self._stack[-1]
        parent.node.size += node.size
        if isinstance(parent.node, RawList):
            parent.node.items.append(node)
        elif parent.pending_key is None:
            if not isinstance(node, RawScalar):
                raise self.stop(position, "a mapping key must be plain text, not a list or mapping")
            key = "" if node.value is None else str(node.value)
            if key in parent.node.entries:
                raise self.stop(position, f"duplicate key '{key}'")
            parent.pending_key = (key, position)
        else:
            key, key_position = parent.pending_key
            parent.node.entries[key] = (key_position, node)
            parent.pending_key = None

    def _alias(self, anchor: str, position: Position) -> RawNode:
        if anchor in self._open_anchors:
            raise self.stop(position, f"alias *{anchor} refers to itself")
        node = self._anchors.get(anchor)
        if node is None:
            raise self.stop(position, f"alias *{anchor} has no anchor &{anchor} before it")
        self._count(node.size, position)
        return node

    def _remember_anchor(self, anchor: str | None, node: RawNode) -> None:
        if anchor is not None:
            self._anchors[anchor] = node

    def _count(self, nodes: int, position: Position) -> None:
        self._expanded += nodes
        if self._expanded > MAX_EXPANDED_NODES:
            raise self.stop(
                position,
                f"more than {MAX_EXPANDED_NODES:,} values once aliases are expanded (an alias bomb?)",
            )

    def _check_tag(self, tag: str | None, position: Position, scalar: bool) -> None:
        if tag is None or tag == "!":
            return
        allowed = _SCALAR_TAGS if scalar else _ALLOWED_TAGS - _SCALAR_TAGS
        if tag not in allowed:
            shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
            raise self.stop(
                position,
                f"tag {shown} is not allowed: a phrasebook holds only text, numbers, true/false, lists and mappings",
            )

    def _scalar_value(self, event: yaml.ScalarEvent, position: Position) -> str | int | float | bool | None:
        tag = event.tag
        if tag is None or tag == "!":
            if tag == "!" or not event.implicit[0]:
                return event.value
            tag = _Loader.resolve(_Loader, yaml.ScalarNode, event.value, (True, False))
        kind = tag.removeprefix(_YAML_TAG)
        if kind in ("str", "timestamp", "value"):
            return event.value
        constructor = yaml.SafeLoader.yaml_constructors[tag]
        try:
            return constructor(_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
        except (ValueError, yaml.YAMLError):
            raise self.stop(position, f"'{event.value}' is not a valid {kind}") from None


@dataclass(slots=True)
class _Open:
    node: RawMap | RawList
    anchor: str | None
    pending_key: tuple[str, Position] | None = None


_CONSTRUCTOR = yaml.SafeLoader("")


def _fail(name: str, position: Position, message: str) -> RawDocument:
    return RawDocument(None, [Problem(name, position, message)])


def _mark_position(mark: yaml.Mark | None) -> Position:
    if mark is None:
        return Position()
    return Position(mark.line + 1, mark.column + 1)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    message = "YAML syntax: " + (", ".join(parts) if parts else "cannot parse")
    start, problem = error.context_mark, error.problem_mark
    if start is not None and problem is not None and start.line != problem.line:
        message += f" (it began at line {start.line + 1}, column {start.column + 1})"
    return message


def _first_control_character(text: str) -> tuple[int, str] | None:
    match = _CONTROL_CHARACTER.search(text)
    return (match.start(), match.group()) if match else None


def _position_of_char(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _position_of_byte(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(data.count(b"\n", 0, offset) + 1, column)
