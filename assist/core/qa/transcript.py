"""Reading whole calls: transcript files (one utterance a line) and JSON Lines of many calls.

A transcript line is `[mm:ss] 坐席：text` (the time is optional; `[hh:mm:ss]` too). JSON Lines carry
`{"call", "speaker", "text", "start", "end", "agent"}` a line, the lines of a call together.
Both are read a block of lines at a time, so a batch of any size is read in bounded memory; a line
longer than MAX_LINE characters or holding a NUL byte ends the reading of its file (a binary or
broken file, not speech). JSON Lines are only grouped by call here (json_lines.py).
Problems name the file and line; the call they are in is not checked, the rest of the batch is.
"""

from __future__ import annotations

import codecs
import io
import itertools
import math
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from assist.core.checker import AGENT_LABELS, CALLER_LABELS
from assist.core.lint import LintError, open_transcript
from assist.core.qa.transcript_types import (
    MAX_PROBLEMS,
    MAX_UTTERANCES,
    Blocks,
    InputProblem,
    LineBlock,
    Lines,
    RawCall,
    Transcript,
    Utterance,
)

MAX_LINE = 100_000  # characters; no spoken utterance is this long
BLOCK = 1 << 20  # characters read at once
_TIME = re.compile(r"\s*\[\s*(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2}(?:\.\d+)?)\s*\]\s*")
_LABEL = re.compile(
    r"\s*(?P<label>" + "|".join(AGENT_LABELS + CALLER_LABELS) + r")\s*(?P<number>\d+)?\s*[:：]\s*", re.IGNORECASE
)
_AGENT_LABELS = {label.lower() for label in AGENT_LABELS}
_LABEL_HINT = "start the line with 坐席： or 客户： (agent:, caller:)"


def read_calls(paths: Iterable[str]) -> Iterator[Transcript | InputProblem | RawCall]:
    """Every call in the files and folders (`-`: standard input), and every problem met reading them.

    A call of JSON Lines comes as its raw lines (`RawCall`): `parse_call` turns it into a transcript,
    in whichever process checks it, so that reading a batch is not the bottleneck of many cores."""
    for name in paths:
        if name == "-":
            yield from _read_stream(_stdin_text(), "<stdin>", "stdin")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(item for item in path.rglob("*") if item.is_file() and not item.name.startswith("."))
            if not files:
                yield InputProblem(name, 0, "the folder holds no transcripts")
            for item in files:
                yield from _read_file(item)
        else:
            yield from _read_file(path)


def _read_file(path: Path) -> Iterator[Transcript | InputProblem | RawCall]:
    try:
        stream = open_transcript(str(path))
    except LintError as error:
        source, _, message = str(error).rpartition(": ")
        yield InputProblem(source or str(path), 0, message)
        return
    with stream:
        yield from _read_stream(stream, str(path), path.stem)


def _stdin_text() -> IO[str]:
    """Standard input as text: UTF-8, or GB18030 when it is not UTF-8 (as files are read)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return sys.stdin
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)
    head = raw.peek(1 << 16)[: 1 << 16]
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            encoding = "gb18030"
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)


def _line_blocks(stream: IO[str], source: str) -> Blocks:
    """The stream's lines, a block at a time (several times faster than a line at a time), stopping
    with a problem at the first line longer than MAX_LINE or holding a NUL byte."""
    number = 0
    carry = ""
    for block in _text_blocks(stream):
        text = carry + block
        lines = text.split("\n")
        carry = lines.pop() if block else ""
        if "\0" in text or max(map(len, lines), default=0) > MAX_LINE:
            bad = next((index for index, line in enumerate(lines) if "\0" in line or len(line) > MAX_LINE), None)
        else:
            bad = None  # (a NUL in the unfinished last line is found with the next block)
        if bad is not None:
            yield LineBlock(number + 1, lines[:bad])
            what = "a NUL byte: not a text file" if "\0" in lines[bad] else f"longer than {MAX_LINE:,} characters"
            yield InputProblem(source, number + bad + 1, f"line {what}; the rest is not read")
            return
        yield LineBlock(number + 1, lines)
        number += len(lines)
        if len(carry) > MAX_LINE:
            yield InputProblem(source, number + 1, f"line longer than {MAX_LINE:,} characters; the rest is not read")
            return


def _text_blocks(stream: IO[str]) -> Iterator[str]:
    """The stream's text in blocks, the last one empty. The bytes under a text stream are decoded
    here, which is several times faster than the stream's own reading (line ends are left as they
    are: a \\r before a line break is dropped with the line's blanks)."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        while block := stream.read(BLOCK):
            yield block
        yield ""
        return
    decoder = codecs.getincrementaldecoder(stream.encoding)(errors="replace")
    while data := raw.read(BLOCK):
        if block := decoder.decode(data):
            yield block
    if block := decoder.decode(b"", final=True):
        yield block
    yield ""


def lines_of(blocks: Blocks) -> Lines:
    """Numbered lines, one at a time."""
    for block in blocks:
        if isinstance(block, InputProblem):
            yield block
            return
        for number, line in enumerate(block.lines, block.first):
            yield number, line.rstrip("\r")


def _read_stream(stream: IO[str], source: str, call_id: str) -> Iterator[Transcript | InputProblem | RawCall]:
    blocks = _line_blocks(stream, source)
    peeked: list[LineBlock | InputProblem] = []  # the blocks up to the first line that says what the file is
    opening = ""
    for block in blocks:
        peeked.append(block)
        if isinstance(block, InputProblem):
            break
        opening = next((line for line in block.lines if line.strip()), "")
        if opening:
            break
    if isinstance(peeked[0], InputProblem):
        yield peeked[0]
        return
    everything = itertools.chain(peeked, blocks)
    if opening.lstrip("\ufeff \t").startswith("{"):
        from assist.core.qa.json_lines import group_json_lines

        yield from group_json_lines(everything, source)
    else:
        yield from _read_transcript(lines_of(everything), source, call_id)


def _read_transcript(
    lines: Iterator[tuple[int, str] | InputProblem], source: str, call_id: str
) -> Iterator[Transcript | InputProblem]:
    call = Transcript(call_id, source)
    problems: list[InputProblem] = []
    last_start = -math.inf
    for item in lines:
        if len(problems) >= MAX_PROBLEMS:
            problems.append(InputProblem(source, 0, f"{MAX_PROBLEMS} problems; the rest is not read"))
            break
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        number, line = item
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(call.utterances) >= MAX_UTTERANCES:
            problems.append(InputProblem(source, number, f"more than {MAX_UTTERANCES:,} utterances; not one call"))
            break
        start = None
        time = _TIME.match(line)
        if time is not None:
            hours, minutes, seconds = time.groups()
            start = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
            shown = time.group().strip()
            if float(seconds) >= 60 or (hours and int(minutes) >= 60):
                problems.append(InputProblem(source, number, f"{shown} is not a time: write [mm:ss] or [hh:mm:ss]"))
            elif start < last_start:
                problems.append(InputProblem(source, number, f"the time [{time.group().strip()[1:-1]}] goes backwards"))
            last_start = max(last_start, start)
            line = line[time.end() :]
        label = _LABEL.match(line)
        if label is None:
            shown = line.strip()[:20]
            problems.append(InputProblem(source, number, f"no speaker label before '{shown}': {_LABEL_HINT}"))
            continue
        speaker = "agent" if label.group("label").lower() in _AGENT_LABELS else "caller"
        if speaker == "agent" and label.group("number") and not call.agent:
            call.agent = label.group("number")
        call.utterances.append(Utterance(speaker, line[label.end() :].strip(), number, start))
    yield from problems
    if not problems:
        yield call if call.utterances else InputProblem(source, 0, "no utterances")
