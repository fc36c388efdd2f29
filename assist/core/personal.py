"""The agent's personal phrases and favourites, kept in one small YAML file in their data folder.

Every save writes a temporary file beside the real one, flushes it to disk, then renames it over
the old one: a crash or a `kill -9` in the middle leaves the old file or the new one, never half.
A file that cannot be read whole is never written over: saves are refused (with the reason) until
it reads whole again, or until the agent keeps it aside as `personal.yaml.damaged-<time>`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core import folders
from assist.core.personal_data import PersonalData, PersonalPhrase
from assist.core.problems import Position, Problem, has_errors

if TYPE_CHECKING:
    from assist.core.checker import Checker, Finding


class RefusedPhrase(ValueError):
    """A personal phrase that holds forbidden wording; the message says which and what to say instead."""


class PersonalFileDamaged(Exception):
    """The personal file could not be read whole, so it is not written over; carries the problems."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def default_path() -> Path:
    return folders.data_folder() / "personal.yaml"


_UNREADABLE = b"\0unreadable"  # stands for a file that exists but cannot be read


class PersonalStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.data = PersonalData()  # what the file held at the last read or write (what could be read)
        self.problems: tuple[Problem, ...] = ()  # found at the last read; with an error, saves are refused
        self._known: bytes | None = None  # the file's bytes at the last read or write; None: no file

    @property
    def damaged(self) -> bool:
        return has_errors(self.problems)

    def load(self) -> tuple[PersonalData, tuple[Problem, ...]]:
        """What the file holds and the problems found in it (the entries around a problem are kept)."""
        self._read(self._bytes_on_disk())
        return self.data, self.problems

    def update(self, change: Callable[[PersonalData], PersonalData]) -> PersonalData:
        """Apply `change` to what the file holds now and save it. A file changed on disk since the
        last read (fixed or edited by hand) is read again first; a damaged one is not written over."""
        on_disk = self._bytes_on_disk()
        if on_disk != self._known or self.damaged:
            self._read(on_disk)
        if self.damaged:
            raise PersonalFileDamaged(self.problems)
        data = change(self.data)
        self.save(data)
        return data

    def save(self, data: PersonalData) -> None:
        if self.damaged:
            raise PersonalFileDamaged(self.problems)
        document = {
            "phrases": [
                {"situation": p.situation, "text": p.text, **({"en": p.en} if p.en else {})} for p in data.phrases
            ],
            "favourites": [{"situation": situation, "text": text} for situation, text in data.favourites],
        }
        import yaml

        text = "# Assist: my own phrases and favourites. Written by the sidebar.\n" + yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False
        )
        folders.write_atomically(self.path, text)
        self.data, self._known = data, text.encode("utf-8")

    def keep_aside_and_start_afresh(self) -> Path:
        """Rename the damaged file to `personal.yaml.damaged-<time>` beside it, and save afresh the
        entries that could be read from it. Returns where the damaged file now is."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while kept.exists() or kept.is_symlink():
            number += 1
            kept = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        self.path.rename(kept)
        folders.sync_folder(self.path.parent)
        readable = self.data
        self.problems, self._known, self.data = (), None, PersonalData()
        if readable.phrases or readable.favourites:
            self.save(readable)
        return kept

    def changed_on_disk(self) -> bool:
        """Whether the file's bytes differ from those last read or written."""
        return self._bytes_on_disk() != self._known

    def _bytes_on_disk(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return _UNREADABLE

    def _read(self, raw: bytes | None) -> None:
        self._known = raw
        if raw is None:
            self.data, self.problems = PersonalData(), ()
        elif raw is _UNREADABLE:
            self.data, self.problems = PersonalData(), (self._unreadable(),)
        else:
            from assist.core.personal_reader import read_personal  # YAML: only once there is a file

            self.data, self.problems = read_personal(raw, str(self.path))

    def _unreadable(self) -> Problem:
        try:
            self.path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
        else:
            reason = "it changed while it was read"
        return Problem(str(self.path), Position(), f"cannot read the file: {reason}")


def vet(checker: Checker, text: str) -> None:
    """Refuse a phrase with forbidden wording, saying which and what to say instead."""
    findings = checker.check(text)
    if findings:
        raise RefusedPhrase(reasons(findings))


def reasons(findings: Sequence[Finding]) -> str:
    """Why a phrase is refused, in Chinese: which wording is forbidden and what to say instead."""
    return "；".join(f"“{f.match}”是禁语（{f.situation_title}），应说：{f.suggestion}" for f in findings)


@dataclass(frozen=True, slots=True)
class HeldBack:
    """An own phrase read from the file that holds forbidden wording: it is never offered to copy."""

    phrase: PersonalPhrase
    findings: tuple[Finding, ...]


def vetted(checker: Checker, phrases: list[PersonalPhrase]) -> tuple[list[PersonalPhrase], tuple[HeldBack, ...]]:
    """The phrases the checker lets through, and those held back for their forbidden wording (the
    same check as a phrase added in the window gets)."""
    kept: list[PersonalPhrase] = []
    held: list[HeldBack] = []
    for phrase in phrases:
        findings = checker.check(phrase.text)
        if findings:
            held.append(HeldBack(phrase, tuple(findings)))
        else:
            kept.append(phrase)
    return kept, tuple(held)
