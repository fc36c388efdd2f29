"""The feed: utterances from a speech recogniser, one JSON object a line, checked before they reach the sidebar.

A line is `{"speaker": "agent"|"caller", "text": "…", "final": true|false, "start": s, "end": s}`;
`final` defaults to true (false: a partial result that a later line replaces), `start` and `end`
(seconds) may be left out, and `call` may name the call. A line that is not one is a FeedProblem
that says where and what is wrong, never what was said: the transcript is not repeated anywhere.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

SPEAKERS = ("agent", "caller")
MAX_TEXT_CHARS = 4000  # a long sentence is a few hundred; the sidebar's command is at most 64 KiB
MAX_CALL_CHARS = 200
MAX_LINE_BYTES = 60 * 1024  # a longer line is refused unread, so a runaway writer cannot fill memory
FIELDS = ("speaker", "text", "final", "start", "end", "call")


@dataclass(frozen=True)
class Utterance:
    speaker: str
    text: str
    final: bool = True
    start: float | None = None
    end: float | None = None
    call: str | None = None

    def as_request(self) -> dict[str, object]:
        """The sidebar's `utterance` command for this utterance."""
        return {
            "command": "utterance",
            "speaker": self.speaker,
            "text": self.text,
            "final": self.final,
            "start": self.start,
            "end": self.end,
            "call": self.call,
        }


@dataclass(frozen=True)
class FeedProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def parse_line(line: str | bytes, number: int) -> Utterance | FeedProblem | None:
    """The utterance on line `number`, why it is not one, or None for a blank line."""
    if len(line) > MAX_LINE_BYTES:
        return FeedProblem(number, f"longer than {MAX_LINE_BYTES // 1024} KiB")
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            return FeedProblem(number, f"not UTF-8 (byte {error.start + 1}); write the feed in UTF-8")
    if number == 1:
        line = line.removeprefix("\ufeff")  # the byte order mark an editor on Windows may write
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as error:
        where = f" at column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        return FeedProblem(number, f"not valid JSON{where}; each line must be one JSON object")
    if not isinstance(record, dict):
        return FeedProblem(number, f"a JSON {_kind(record)}, not an object like {{'speaker': 'agent', 'text': …}}")
    problem = _problem_in(record)
    if problem:
        return FeedProblem(number, problem)
    return Utterance(
        speaker=record["speaker"],
        text=record["text"].strip(),
        final=record.get("final", True),
        start=_seconds(record.get("start")),
        end=_seconds(record.get("end")),
        call=record.get("call"),
    )


def _problem_in(record: dict) -> str:
    """What is wrong with a line's object, or ""."""
    speaker = record.get("speaker")
    if speaker not in SPEAKERS:
        found = "missing" if speaker is None else f"{speaker[:20]!r}" if isinstance(speaker, str) else _kind(speaker)
        return f'"speaker" must be "agent" or "caller" (found {found})'
    text = record.get("text")
    if not isinstance(text, str):
        return f'"text" must be a string (found {"nothing" if text is None else _kind(text)})'
    if not text.strip():
        return '"text" is empty'
    if len(text) > MAX_TEXT_CHARS:
        return f'"text" is longer than {MAX_TEXT_CHARS} characters; split the utterance'
    if not isinstance(record.get("final", True), bool):
        return f'"final" must be true or false (found {_kind(record["final"])})'
    for name in ("start", "end"):
        value = record.get(name)
        if value is not None and (not _is_number(value) or value < 0):
            return f'"{name}" must be a number of seconds, 0 or more (found {_kind(value)})'
    start, end = record.get("start"), record.get("end")
    if start is not None and end is not None and end < start:
        return f'"end" ({end}) is before "start" ({start})'
    call = record.get("call")
    if call is not None and (not isinstance(call, str) or len(call) > MAX_CALL_CHARS):
        return f'"call" must be a string of at most {MAX_CALL_CHARS} characters'
    for name in ("text", "call"):
        surrogate = _unpaired_surrogate(record.get(name))
        if surrogate:  # JSON can write one ("\\ud800"); UTF-8, and so the sidebar's channel, cannot
            return f'"{name}" is not text: it has an unpaired surrogate (\\u{ord(surrogate):04x})'
    return ""


def problem_in_call(call: str) -> bool:
    """True when `call` cannot name a call: too long, or not encodable text."""
    return len(call) > MAX_CALL_CHARS or bool(_unpaired_surrogate(call))


def _unpaired_surrogate(value: object) -> str:
    if not isinstance(value, str):
        return ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return value[error.start]
    return ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _seconds(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _kind(value: object) -> str:
    """A value's JSON type, named without repeating the value (it may be what was said)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "a number" if math.isfinite(value) else "not a finite number"
    return {str: "a string", list: "an array", dict: "an object"}.get(type(value), type(value).__name__)
