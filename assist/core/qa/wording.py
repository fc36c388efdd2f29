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

from rapidfuzz import fuzz

from assist.core.checker import FILLERS

_PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_]*\}")
_IGNORED = re.compile(r"[\s\W_" + FILLERS + "]+")
MIN_BLANK = 2  # characters said in a placeholder's place for it to count as filled


def core(text: str) -> str:
    """The text without punctuation, blanks and filler particles."""
    return _IGNORED.sub("", text)


@dataclass(frozen=True, slots=True)
class Wording:
    """One standard phrase, ready to be looked for in utterances."""

    text: str  # as in the book
    parts: tuple[str, ...]  # its fixed parts, without punctuation (one part when it has no placeholders)
    blank_before: tuple[bool, ...]  # whether a placeholder comes before each part

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
        return cls(text, tuple(parts), tuple(blanks))

    def score(self, said: str) -> float:
        """0-100: how closely `said` (already a core) says this phrase; 0 when a blank was left empty."""
        closeness, blanks_filled = self.match(said)
        return closeness if blanks_filled else 0.0

    def match(self, said: str) -> tuple[float, bool]:
        """How closely `said` says the fixed parts, in order, and whether every blank was filled."""
        if len(self.parts) == 1 and not self.blank_before[0]:
            whole = self.parts[0]
            return (fuzz.ratio(whole, said) if len(said) < len(whole) else fuzz.partial_ratio(whole, said)), True
        weakest = 100.0
        filled = True
        position = 0
        for part, blank in zip(self.parts, self.blank_before, strict=True):
            rest = said[position:]
            if len(rest) <= len(part):
                closeness, start, end = fuzz.ratio(part, rest), 0, len(rest)
            else:
                found = fuzz.partial_ratio_alignment(part, rest)
                closeness, start, end = found.score, found.dest_start, found.dest_end
            weakest = min(weakest, closeness)
            filled = filled and (start >= MIN_BLANK or not blank)
            position += end
        return weakest, filled


def best(wordings: tuple[Wording, ...], said: str) -> float:
    """The closest of several phrases (0-100)."""
    return max((wording.score(said) for wording in wordings), default=0.0)


_CLAUSE_END = re.compile(r"[，。！？、；：…,.!?;:（）()]+")


def clauses(text: str, min_chars: int = 3) -> tuple[Wording, ...]:
    """The phrase's clauses of at least `min_chars` characters, each as a wording of its own."""
    pieces = (piece for piece in _CLAUSE_END.split(text) if not _PLACEHOLDER.search(piece))
    return tuple(Wording.of(piece) for piece in pieces if len(core(piece)) >= min_chars)


def longest_clause(text: str) -> Wording:
    """The phrase's most telling clause: 让您久等了 of 对不起，让您久等了."""
    return max(clauses(text, 1) or (Wording.of(text),), key=lambda wording: len(wording.parts[0]))
