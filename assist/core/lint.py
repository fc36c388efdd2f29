"""Checking transcripts and drafts for forbidden wording, file by file, as `assist lint` does.

Files are read in large blocks that end at a line break, so a transcript of any size is checked
in bounded memory at the checker's full speed. Transcripts that are not UTF-8 are most often
GB18030/GBK in a Chinese call centre; those are read as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from assist.core.checker import AGENT_LABELS, CALLER_LABELS, Checker, Finding

BLOCK_CHARACTERS = 8 * 1024 * 1024
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


def lint_text(
    checker: Checker, text: str, path: str = "", agent_only: bool = False, first_line: int = 1
) -> list[Finding]:
    """Findings in `text`; with `agent_only`, only on lines labelled as the agent's (坐席：, agent:)."""
    findings = checker.check(text, path)
    if agent_only:
        findings = [f for f in findings if speaker(text, text.rfind("\n", 0, f.start) + 1) == "agent"]
    if first_line != 1:
        findings = [f._replace(line=f.line + first_line - 1) for f in findings]
    return findings


def lint_stream(checker: Checker, stream: IO[str], path: str, agent_only: bool = False) -> Iterator[Finding]:
    """Findings in a text stream, read block by block; each block ends at a line break."""
    first_line = 1
    carry = ""
    while True:
        block = stream.read(BLOCK_CHARACTERS)
        text = carry + block
        if not block:
            if text:
                yield from lint_text(checker, text, path, agent_only, first_line)
            return
        cut = text.rfind("\n")
        if cut == -1:
            carry = text
            continue
        whole, carry = text[: cut + 1], text[cut + 1 :]
        yield from lint_text(checker, whole, path, agent_only, first_line)
        first_line += whole.count("\n")


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
