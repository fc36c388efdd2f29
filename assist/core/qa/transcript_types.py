"""What a transcript reader yields (transcript.py, json_lines.py): calls, utterances, problems."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_UTTERANCES = 10_000  # in one call: some 10 hours of talk; more is not a call
MAX_PROBLEMS = 10  # reported per file or call; after them, reading it stops (a wrong or binary file)


class Utterance(NamedTuple):
    """One turn of speech (a named tuple: a batch holds millions, and they are made fast)."""

    speaker: str  # "agent" or "caller"
    text: str
    line: int  # in its file
    start: float | None = None  # seconds from the call's start
    end: float | None = None


@dataclass(slots=True)
class Transcript:
    call: str
    source: str  # the file it was read from
    agent: str = ""  # the agent's number, when known
    utterances: list[Utterance] = field(default_factory=list)

    @property
    def timed(self) -> bool:
        return bool(self.utterances) and all(utterance.start is not None for utterance in self.utterances)


@dataclass(frozen=True, slots=True)
class InputProblem:
    source: str
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}" if self.line else f"{self.source}: {self.message}"


Lines = Iterator[tuple[int, str] | InputProblem]


class RawCall(NamedTuple):
    """The lines of one call in JSON Lines, not yet parsed: one string, cheap to send to a worker."""

    source: str
    first_line: int  # the number of its first line
    text: str  # its lines, joined with line breaks


class LineBlock(NamedTuple):
    """Lines read together: numbered from `first`."""

    first: int
    lines: list[str]


Blocks = Iterator[LineBlock | InputProblem]
