"""Placeholders in phrase text: `{organisation}` is filled from the agent's profile when copied.

A part in square brackets is optional: `请致电{target_phone}[转{target_extension}]查询即可` reads
"请致电0871-61234511查询即可" when the extension is blank, its connecting words (转) left out with
it. An optional part holds at least one placeholder and is left out when any of its placeholders
has no value; brackets do not nest. Literal brackets in phrase text are written 【】 or ［］.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# An optional part: brackets around text that holds a placeholder (other brackets stay as they are).
OPTIONAL = re.compile(r"\[([^\[\]]*\{[a-z][a-z0-9_]*\}[^\[\]]*)\]")
REQUIRED = -1  # the group of a segment outside any optional part


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of phrase text: literal text, or a placeholder's name; `group` numbers its optional part."""

    text: str
    is_placeholder: bool = False
    group: int = REQUIRED


@dataclass(frozen=True, slots=True)
class Filled:
    text: str
    missing: tuple[str, ...]  # required placeholders without a value, in order of appearance

    @property
    def complete(self) -> bool:
        return not self.missing


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders in `text` (optional ones too), each once, in order of appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def optional_placeholders(text: str) -> list[str]:
    """Names that appear only inside optional parts: the phrase reads well without them."""
    required = {s.text for s in segments(text) if s.is_placeholder and s.group == REQUIRED}
    return [name for name in placeholders_in(text) if name not in required]


def problems(text: str) -> list[str]:
    """What is wrong with the optional parts of `text`, each with the character where it is."""
    found: list[str] = []
    depth_open = -1
    for offset, char in enumerate(text):
        if char == "[":
            if depth_open >= 0:
                found.append(f"'[' at character {offset + 1} opens a part inside another; optional parts do not nest")
            depth_open = offset
        elif char == "]":
            if depth_open < 0:
                found.append(f"']' at character {offset + 1} closes no '['; write 】 for a literal bracket")
                continue
            if not PLACEHOLDER.search(text[depth_open:offset]):
                found.append(
                    f"optional part '{text[depth_open : offset + 1]}' at character {depth_open + 1} holds no "
                    "placeholder; write it as plain text, or 【】 for literal brackets"
                )
            depth_open = -1
    if depth_open >= 0:
        found.append(f"'[' at character {depth_open + 1} is never closed; end the optional part with ']'")
    return found


def segments(text: str) -> list[Segment]:
    """Split `text` into literal pieces and placeholders (brackets of optional parts dropped)."""
    pieces: list[Segment] = []
    cursor = 0
    for group, match in enumerate(OPTIONAL.finditer(text)):
        pieces += _plain_segments(text[cursor : match.start()], REQUIRED)
        pieces += _plain_segments(match.group(1), group)
        cursor = match.end()
    pieces += _plain_segments(text[cursor:], REQUIRED)
    return pieces


def _plain_segments(text: str, group: int) -> list[Segment]:
    pieces: list[Segment] = []
    cursor = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > cursor:
            pieces.append(Segment(text[cursor : match.start()], group=group))
        pieces.append(Segment(match.group(1), is_placeholder=True, group=group))
        cursor = match.end()
    if cursor < len(text):
        pieces.append(Segment(text[cursor:], group=group))
    return pieces


def complete_groups(pieces: list[Segment], values: Mapping[str, str]) -> set[int]:
    """The optional parts whose placeholders all have a value: they are kept."""
    groups = {piece.group for piece in pieces if piece.group != REQUIRED}
    blank = {p.group for p in pieces if p.is_placeholder and not values.get(p.text, "").strip()}
    return groups - blank


def fill(text: str, values: Mapping[str, str]) -> Filled:
    """Replace each placeholder that has a non-blank value, leave out optional parts that lack one,
    and report the required placeholders that have none."""
    pieces = segments(text)
    kept = complete_groups(pieces, values)
    missing: list[str] = []
    out: list[str] = []
    for piece in pieces:
        if piece.group != REQUIRED and piece.group not in kept:
            continue
        if not piece.is_placeholder:
            out.append(piece.text)
            continue
        value = values.get(piece.text, "").strip()
        if value:
            out.append(value)
        else:
            out.append("{" + piece.text + "}")
            if piece.text not in missing:
                missing.append(piece.text)
    return Filled("".join(out), tuple(missing))
