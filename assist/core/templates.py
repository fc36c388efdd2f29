"""Placeholders in phrase text: `{organisation}` is filled from the agent's profile when copied."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of phrase text: literal text, or a placeholder's name."""

    text: str
    is_placeholder: bool = False


@dataclass(frozen=True, slots=True)
class Filled:
    text: str
    missing: tuple[str, ...]  # placeholders without a value, in order of appearance

    @property
    def complete(self) -> bool:
        return not self.missing


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders in `text`, each once, in order of appearance."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def segments(text: str) -> list[Segment]:
    """Split `text` into literal pieces and placeholders, for display."""
    pieces: list[Segment] = []
    cursor = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > cursor:
            pieces.append(Segment(text[cursor : match.start()]))
        pieces.append(Segment(match.group(1), is_placeholder=True))
        cursor = match.end()
    if cursor < len(text):
        pieces.append(Segment(text[cursor:]))
    return pieces


def fill(text: str, values: Mapping[str, str]) -> Filled:
    """Replace each placeholder that has a non-blank value; report the ones that have none."""
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        value = values.get(match.group(1), "").strip()
        if value:
            return value
        if match.group(1) not in missing:
            missing.append(match.group(1))
        return match.group(0)

    return Filled(PLACEHOLDER.sub(substitute, text), tuple(missing))
