"""Does an utterance say a standard phrase? A near match, not word for word.

Punctuation and filler particles are ignored. A phrase without placeholders counts when the
utterance holds a close copy of it (rapidfuzz, 0-100 against `similarity`); an utterance shorter
than the phrase is compared whole, so a bare 再见 is not the closing that ends in 再见. A phrase with
placeholders ({organisation}) counts when its fixed parts come in order with something said in
each blank between them: 您好，云南省商务厅办公室，请问有什么可以帮您 names the organisation, 您好，
请问有什么可以帮您 does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from assist.core.checker import FILLERS

_PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_]*\}")
_IGNORED = re.compile(r"[\s\W_" + FILLERS + "]+")
_IGNORED_BUT_LINE_BREAKS = re.compile(r"(?:[^\S\n]|[^\w\s]|[_" + FILLERS + "])+")
MIN_BLANK = 2  # characters said in a placeholder's place for it to count as filled


def core(text: str) -> str:
    """The text without punctuation, blanks and filler particles."""
    return _IGNORED.sub("", text)


class Said(NamedTuple):
    """An utterance ready for matching: its core and the set of its characters."""

    core: str
    chars: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Said:
        said = core(text)
        return cls(said, frozenset(said))


def said_all(texts: list[str]) -> list[Said]:
    """`Said.of` of each text, in one pass over them all (utterances come by the dozen)."""
    joined = "\n".join(texts)
    if joined.count("\n") != max(len(texts) - 1, 0):  # a text with a line break of its own
        return [Said.of(text) for text in texts]
    cores = _IGNORED_BUT_LINE_BREAKS.sub("", joined).split("\n") if texts else []
    return [Said(said, frozenset(said)) for said in cores]


@dataclass(frozen=True, slots=True)
class Wording:
    """One standard phrase, ready to be looked for in utterances."""

    text: str  # as in the book
    parts: tuple[str, ...]  # its fixed parts, without punctuation (one part when it has no placeholders)
    blank_before: tuple[bool, ...]  # whether a placeholder comes before each part
    chars: frozenset[str]  # the characters of its parts
    repeats: int  # how many of its characters repeat one before them
    length: int  # of its parts together

    @classmethod
    def of(cls, text: str) -> Wording:
        parts: list[str] = []
        blanks: list[bool] = []
        pending_blank = False
        for index, piece in enumerate(_PLACEHOLDER.split(text)):
            pending_blank = pending_blank or index > 0
            part = core(piece)
            if part:
                parts.append(part)
                blanks.append(pending_blank)
                pending_blank = False
        joined = "".join(parts)
        chars = frozenset(joined)
        return cls(text, tuple(parts), tuple(blanks), chars, len(joined) - len(chars), len(joined))

    def could_reach(self, said: Said, similarity: float) -> bool:
        """False when `said` shares too few characters with the phrase to score `similarity`: a cheap
        test before the real one. A score of s% (rapidfuzz's Indel ratio over a window of at most the
        phrase's length L) needs at least s*L/(200-s) characters of the phrase in common."""
        return len(self.chars & said.chars) + self.repeats >= similarity * self.length / (200 - similarity) - 1e-9

    def score(self, said: Said, similarity: float = 0) -> float:
        """0-100: how closely `said` says this phrase; 0 when a blank was left empty or it cannot reach
        `similarity`."""
        closeness, blanks_filled = self.match(said, similarity)
        return closeness if blanks_filled else 0.0

    def match(self, said: Said, similarity: float = 0) -> tuple[float, bool]:
        """How closely `said` says the fixed parts, in order, and whether every blank was filled."""
        if similarity and not self.could_reach(said, similarity):
            return 0.0, False
        text = said.core
        if len(self.parts) == 1 and not self.blank_before[0]:
            whole = self.parts[0]
            return (fuzz.ratio(whole, text) if len(text) < len(whole) else fuzz.partial_ratio(whole, text)), True
        weakest = 100.0
        filled = True
        position = 0
        for part, blank in zip(self.parts, self.blank_before, strict=True):
            rest = text[position:]
            if len(rest) <= len(part):
                closeness, start, end = fuzz.ratio(part, rest), 0, len(rest)
            else:
                found = fuzz.partial_ratio_alignment(part, rest)
                closeness, start, end = found.score, found.dest_start, found.dest_end
            weakest = min(weakest, closeness)
            filled = filled and (start >= MIN_BLANK or not blank)
            position += end
        return weakest, filled


def best(wordings: tuple[Wording, ...], said: Said, similarity: float = 0) -> float:
    """The closest of several phrases (0-100); below `similarity`, possibly 0 without comparing.
    (`Wording.could_reach` written out: this runs for most utterances of every call.)"""
    top = 0.0
    chars = said.chars
    factor = similarity / (200 - similarity)
    for wording in wordings:
        if len(wording.chars & chars) + wording.repeats < factor * wording.length - 1e-9:
            continue
        closeness, filled = wording.match(said)
        if filled and closeness > top:
            top = closeness
    return top


_CLAUSE_END = re.compile(r"[，。！？、；：…,.!?;:（）()]+")


def clauses(text: str, min_chars: int = 3) -> tuple[Wording, ...]:
    """The phrase's clauses of at least `min_chars` characters, each as a wording of its own."""
    pieces = (piece for piece in _CLAUSE_END.split(text) if not _PLACEHOLDER.search(piece))
    return tuple(Wording.of(piece) for piece in pieces if len(core(piece)) >= min_chars)


def longest_clause(text: str) -> Wording:
    """The phrase's most telling clause: 让您久等了 of 对不起，让您久等了."""
    return max(clauses(text, 1) or (Wording.of(text),), key=lambda wording: len(wording.parts[0]))
