"""Checking transcripts and drafts for forbidden wording, file by file, as `assist lint` does.

Files are read in blocks that end at a line break (or, inside a very long line, where the checker
says no finding can be cut), and findings are handed on as they are found: a transcript of any
size is checked in flat memory at the checker's full speed. Transcripts that are not UTF-8 are
most often GB18030/GBK in a Chinese call centre; those are read as such. Where an entry offers
several phrases, a finding's `suggestion` is the one that fits the words around it (`suggestions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from assist.core.checker import AGENT_LABELS, CALLER_LABELS, Checker, Finding
from assist.core.suggestions import best

BLOCK_CHARACTERS = 1 << 20
# A line longer than this many blocks with no place to cut it is cut anyway (text made only of
# wording characters and noise: a finding across the cut may be missed, memory stays bounded).
LONGEST_CARRY_BLOCKS = 4
_LABEL = re.compile(r"\s*(?P<label>" + "|".join(AGENT_LABELS + CALLER_LABELS) + r")\s*(?:\d+\s*)?[:：]", re.IGNORECASE)
_AGENTS = {label.lower() for label in AGENT_LABELS}


class LintError(Exception):
    """A file that cannot be checked (missing, unreadable, not text); the message names it."""


def speaker(text: str, line_start: int = 0) -> str | None:
    """ "agent" or "caller" when the line starting at `line_start` opens with a speaker label."""
    match = _LABEL.match(text, line_start)
    if match is None:
        return None
    return "agent" if match.group("label").lower() in _AGENTS else "caller"


class _Place:
    """Where the next piece of a stream starts: line breaks, characters, and the line it continues."""

    def __init__(self) -> None:
        self.characters = 0
        self.lines = 0
        self.columns = 0  # characters of the current line in earlier pieces
        self.speaker: str | None = None  # the speaker of the current line, if it began earlier

    def advance(self, piece: str) -> None:
        self.characters += len(piece)
        last_break = piece.rfind("\n")
        if last_break == -1:  # all of the piece is in one line
            if not self.columns:
                self.speaker = speaker(piece)
            self.columns += len(piece)
            return
        self.lines += piece.count("\n")
        self.columns = len(piece) - last_break - 1
        self.speaker = speaker(piece, last_break + 1) if self.columns else None


def lint_stream(checker: Checker, stream: IO[str], path: str, agent_only: bool = False) -> Iterator[Finding]:
    """Findings in a text stream, read block by block, handed on as they are found."""
    place = _Place()
    carry = ""
    while True:
        block = stream.read(BLOCK_CHARACTERS)
        text = carry + block
        if not text:
            return
        end = len(text) if not block else checker.last_cut(text, 0, len(text))
        if end <= 0:
            if len(text) < LONGEST_CARRY_BLOCKS * BLOCK_CHARACTERS:
                carry = text
                continue
            end = len(text)
        piece, carry = text[:end], text[end:]
        del text
        yield from _lint_piece(checker, piece, path, agent_only, place)
        place.advance(piece)


def _lint_piece(checker: Checker, piece: str, path: str, agent_only: bool, place: _Place) -> Iterator[Finding]:
    for finding in checker.scan(piece, path):
        continued = finding.line == 1 and place.columns > 0
        if agent_only:
            said_by = place.speaker if continued else speaker(piece, finding.start - finding.column + 1)
            if said_by != "agent":
                continue
        if finding.entry is not None and len(finding.entry.suggestions) > 1:  # the phrase that fits the line
            finding = finding._replace(suggestion=best(finding, piece))
        yield finding.moved(place.characters, place.lines, place.columns)


def open_transcript(path: str) -> IO[str]:
    """Open a transcript as text: UTF-8, or GB18030 when it is not UTF-8."""
    try:
        with open(path, "rb") as raw:
            head = raw.read(1 << 16)
    except FileNotFoundError:
        raise LintError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LintError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise LintError(f"{path}: cannot read: {error.strerror or error}") from None
    if b"\0" in head:
        raise LintError(f"{path}: not a text file")
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            encoding = "gb18030"
    return open(path, encoding=encoding, errors="replace", newline=None)
