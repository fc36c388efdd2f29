"""Problems found in a phrasebook, each tied to a place in its file.

Loading never stops at the first problem: every stage collects them so that
`assist check` can list them all, one `path:line:col: message` per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A place in a file: line and column are 1-based and counted in characters.

    A named tuple rather than a dataclass: a book has one per entry, and tuples are the quickest
    to make when a cached book is read back."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    position: Position
    message: str  # in English, as `assist check` prints it
    severity: Severity = Severity.ERROR
    zh: str = ""  # the message in Chinese when it is known where the problem is found

    @property
    def message_zh(self) -> str:
        """The message in Chinese: given where it was found, or from the catalogue of messages."""
        from assist.core.problem_zh import in_chinese

        return self.zh or in_chinese(self.message)

    def message_in(self, language: str) -> str:
        """The message in the interface's language ("zh" or "en")."""
        return self.message_zh if language == "zh" else self.message

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else "warning: "
        return f"{self.path}:{self.position.line}:{self.position.column}: {label}{self.message}"


def in_reading_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems sorted by line and column, as `assist check` prints them."""
    return tuple(sorted(problems, key=lambda problem: (problem.position.line, problem.position.column)))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


class PhrasebookError(Exception):
    """A phrasebook could not be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
