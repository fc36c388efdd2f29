"""JSON Lines of many calls: `{"call", "speaker", "text", "start", "end", "agent"}` a line.

The reading process only groups lines by call (a quick look for the "call" key, not a parse);
`parse_call` then parses a group where the call is checked, on whichever core. A problem in a
record drops its call (and is reported with its line), not the batch.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterator

from assist.core.qa.transcript_types import (
    MAX_PROBLEMS,
    MAX_UTTERANCES,
    Blocks,
    InputProblem,
    RawCall,
    Transcript,
    Utterance,
)

SPEAKERS = ("agent", "caller")
_CALL_ID = re.compile(r'"call"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')
_USUAL_START = '{"call": "'


def group_json_lines(blocks: Blocks, source: str) -> Iterator[RawCall | InputProblem]:
    """The lines of each call, together; a call seen again after other calls is reported.
    (This runs in the reading process for every line of a batch: kept to a tight loop.)"""
    group: list[str] = []
    first = 0
    key: str | None = None
    seen: set[str] = set()
    overflowing = False  # the current call has too many lines: the rest of them are skipped
    same_call = "\0"  # how the lines of the current call usually start: a quicker test than a search
    for number, line in _numbered(blocks):
        if line is None:  # the file cannot be read on: its last call is incomplete
            yield number
            return
        if line.startswith(same_call):
            line_key = key
        else:
            line_key = _call_key(line) or key  # a blank or broken line stays with its call
            quoted = line_key is not None and line_key.startswith('"')
            same_call = _USUAL_START[:-1] + line_key if quoted else "\0"
        if line_key != key:
            if group:
                yield RawCall(source, first, "\n".join(group))
                group = []
            if line_key in seen:
                yield InputProblem(source, number, f"call {line_key} again after other calls; keep its lines together")
            seen.add(line_key)
            key, overflowing = line_key, False
        if overflowing:
            continue
        if len(group) >= MAX_UTTERANCES:
            yield InputProblem(source, number, f"more than {MAX_UTTERANCES:,} lines in one call; not one call")
            group, overflowing = [], True
            continue
        if not group:
            first = number
        group.append(line)
    if group:
        yield RawCall(source, first, "\n".join(group))


def _numbered(blocks: Blocks) -> Iterator[tuple]:
    """(number, line) for each line; (problem, None) where the blocks end with a problem."""
    for block in blocks:
        if isinstance(block, InputProblem):
            yield block, None
            return
        yield from zip(itertools.count(block.first), block.lines)


def _call_key(line: str) -> str | None:
    """The call's id as written on the line (with its quotes), found without parsing the line."""
    if line.startswith(_USUAL_START):  # {"call": "…", as most writers put it: a quick look
        end = line.find('"', len(_USUAL_START))
        if end != -1 and line[end - 1] != "\\":
            return line[len(_USUAL_START) - 1 : end + 1]
    found = _CALL_ID.search(line)
    return found.group(1) if found else None


def parse_call(raw: RawCall) -> list[Transcript | InputProblem]:
    """The call's transcript, or the problems that keep it from being checked."""
    plain = _plain_call(raw)
    return [plain] if plain is not None else _careful_call(raw)


def _plain_call(raw: RawCall) -> Transcript | None:
    """The usual call, read quickly: one parse for all its lines, every record plainly good, in
    order. None at the first thing out of the ordinary: `_careful_call` then says what it is."""
    lines = raw.text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():  # the blank lines after the last call of a file
        lines.pop()
    try:
        records = json.loads("[" + ",".join(lines) + "]")
    except ValueError:
        return None
    if len(records) != len(lines) or type(records[0]) is not dict:
        return None
    call_id = records[0].get("call")
    if (type(call_id) is not str and type(call_id) is not int) or call_id == "":
        return None
    utterances = []
    last_start = 0.0  # and no start before the call's
    for number, record in enumerate(records, raw.first_line):
        if type(record) is not dict or record.get("call") != call_id:
            return None
        speaker, text, start, end = record.get("speaker"), record.get("text"), record.get("start"), record.get("end")
        if speaker not in SPEAKERS or type(text) is not str:
            return None
        if start is not None:
            if (type(start) is not float and type(start) is not int) or start < last_start:
                return None
            last_start = start
        if end is not None and ((type(end) is not float and type(end) is not int) or end < 0):
            return None
        utterances.append(Utterance(speaker, text, number, start, end))
    return Transcript(str(call_id), raw.source, str(records[0].get("agent") or ""), utterances)


def _careful_call(raw: RawCall) -> list[Transcript | InputProblem]:
    """The call read record by record, each problem named with its line."""
    numbered = [
        (number, line)
        for number, line in enumerate(raw.text.split("\n"), start=raw.first_line)
        if line and not line.isspace()
    ]
    records = _parse_all([line for _, line in numbered])
    problems: list[Transcript | InputProblem] = []
    call: Transcript | None = None
    last_start = -math.inf
    for (number, line), record in zip(numbered, records, strict=True):
        if not _plainly_good(record):
            problems.append(InputProblem(raw.source, number, _problem(line, record)))
            continue
        call_id = str(record["call"])
        if call is None:
            call = Transcript(call_id, raw.source, str(record.get("agent") or ""))
        elif call_id != call.call:
            problems.append(InputProblem(raw.source, number, f"call '{call_id}' among the lines of '{call.call}'"))
            continue
        start = record.get("start")
        if start is not None:
            if start < last_start:
                problems.append(InputProblem(raw.source, number, f"start {start} goes backwards in call '{call_id}'"))
            last_start = start
        call.utterances.append(Utterance(record["speaker"], record["text"], number, start, record.get("end")))
    if len(problems) > MAX_PROBLEMS:
        more = InputProblem(raw.source, 0, f"{len(problems) - MAX_PROBLEMS} more problems in these lines")
        return [*problems[:MAX_PROBLEMS], more]
    if problems or call is None:
        return problems
    return [call]


def _parse_all(lines: list[str]) -> list[object]:
    """Each line's JSON value (one parse for the whole call when every line is valid), or None."""
    try:
        records = json.loads("[" + ",".join(lines) + "]")
        if len(records) == len(lines):
            return records
    except ValueError:
        pass
    return [_parse(line) for line in lines]


def _parse(line: str) -> object:
    try:
        return json.loads(line)
    except ValueError:
        return None


def _plainly_good(record: object) -> bool:
    """The usual record, checked quickly: the checks of `_problem` for the common case."""
    if type(record) is not dict:
        return False
    call, start, end = record.get("call"), record.get("start"), record.get("end")
    return (
        ((type(call) is str and call != "") or type(call) is int)
        and record.get("speaker") in SPEAKERS
        and type(record.get("text")) is str
        and (start is None or ((type(start) is float or type(start) is int) and start >= 0))
        and (end is None or ((type(end) is float or type(end) is int) and end >= 0))
    )


def _problem(line: str, record: object) -> str:
    """What is wrong with a record that is not plainly good."""
    if record is None:
        try:
            json.loads(line)
        except ValueError as error:
            return f"not JSON: {error}"
    if not isinstance(record, dict):
        return "not a JSON object"
    call = record.get("call")
    if not isinstance(call, str | int) or isinstance(call, bool) or call == "":
        return 'missing "call" (the call\'s id)'
    speaker = record.get("speaker")
    if speaker not in SPEAKERS:
        return f'unknown speaker {json.dumps(speaker, ensure_ascii=False)}: use "agent" or "caller"'
    if not isinstance(record.get("text"), str):
        return 'missing "text"'
    for key in ("start", "end"):
        value = record.get(key)
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool) or value < 0):
            return f'"{key}" must be seconds from the call\'s start, not {json.dumps(value)}'
    return "not a record of a call"  # not reached: `_plainly_good` and these checks agree
