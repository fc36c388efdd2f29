"""Finding forbidden wording (禁语) in what an agent says or writes.

Each forbidden entry of the book, and each of its variants, becomes a pattern that tolerates
the ways people actually say it (see `tolerant`): half- or full-width punctuation and spaces,
filler particles (啊 呀 吧 …), inserted pronouns and adverbs (你 您 我 也 就 这个), and repeated
characters (喂喂喂, 喂…喂…). All patterns are joined into one regular expression, so a line is
scanned once, in C, in time linear in its length. The book's match rules keep polite speech apart:
an `utterance` entry (a bare 再见) is flagged only when a sentence holds nothing else, and an
`unless` wording (听不清楚) around a match clears it.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from assist.core.model import Forbidden, MatchMode, Phrasebook, Situation
from assist.core.tolerant import (
    FILLERS,
    INSERTED_WORDS,
    INSERTIONS,
    PUNCTUATION,
    SENTENCE_ENDS,
    core_of,
    pattern_core,
    safe_cut_pattern,
    tolerant,
)

__all__ = ["AGENT_LABELS", "CALLER_LABELS", "FILLERS", "INSERTIONS", "Checker", "Finding", "core_of"]

# Words that open or close a sentence without adding anything to it ("好的，再见"): a sentence of
# these and an `utterance` entry is still that entry alone. Read possessively, the longer words
# first: a text of them has one reading only (的 and 个 stand in no other word), so no backtracking.
_DISCOURSE_WORDS = ("好的", "好吧", "那就", "好", "那", "行", "嗯", "对")
_ONLY_NOISE = re.compile(f"(?:{'|'.join((*INSERTED_WORDS, *_DISCOURSE_WORDS))}|[{PUNCTUATION}{FILLERS}{INSERTIONS}])*+")
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}\n]+")
_LAST_SENTENCE_END = re.compile(f".*[{SENTENCE_ENDS}]")
# A speaker label at the start of a transcript line ("坐席：", "agent:"): the agent's own words follow.
AGENT_LABELS = ("坐席", "客服", "话务员", "接线员", "工号", "agent", "operator")
CALLER_LABELS = ("客户", "用户", "来电人", "市民", "群众", "caller", "customer", "user")
_SPEAKER = re.compile(
    r"^\s*(?P<label>" + "|".join(AGENT_LABELS + CALLER_LABELS) + r")\s*(?:\d+\s*)?[:：]", re.IGNORECASE
)


class Finding(NamedTuple):
    """One forbidden wording found; the attribute names are those of `assist lint --format json`.

    `line`, `column` and `end_column` are 1-based and counted in characters (code points, as Python
    counts them); `end_column` is the column just after the match. `start` and `end` are offsets in
    the whole checked text. (A named tuple rather than a dataclass: a transcript can hold many, and
    they are built fast.)
    """

    line: int
    column: int
    end_column: int
    match: str
    forbidden: str  # the forbidden entry's text in the book
    situation: str  # the situation's id
    suggestion: str  # the standard phrase to say instead
    path: str = ""
    start: int = 0
    end: int = 0
    situation_title: str = ""
    entry: Forbidden | None = None

    def as_json(self) -> dict[str, object]:
        keys = ("path", "line", "column", "end_column", "match", "forbidden", "situation", "suggestion")
        return {key: getattr(self, key) for key in keys}

    def moved(self, characters: int, lines: int, columns: int) -> Finding:
        """The finding of a piece of text placed in a whole: `characters` before the piece, `lines`
        line breaks, and `columns` characters of the piece's first line before it (0 if it starts one)."""
        shift = columns if self.line == 1 else 0
        return self._replace(
            line=self.line + lines,
            column=self.column + shift,
            end_column=self.end_column + shift,
            start=self.start + characters,
            end=self.end + characters,
        )


@dataclass(frozen=True, slots=True)
class _Rule:
    entry: Forbidden
    situation: Situation
    pattern: re.Pattern[str]  # this wording alone, tolerant of noise
    unless: tuple[str, ...] = ()  # the entry's exceptions not folded into the pattern, without punctuation


class Checker:
    """Finds the book's forbidden wording in text. Build once per book; `check` is cheap."""

    def __init__(self, book: Phrasebook) -> None:
        self.book = book
        contained: list[tuple[str, str, _Rule]] = []
        self._utterances: list[tuple[str, _Rule]] = []
        letters = set()
        for situation in book.situations:
            for entry in situation.forbidden:
                for wording in dict.fromkeys((entry.text, *entry.variants)):
                    core = pattern_core(wording)
                    if not core:
                        continue
                    letters.update(core)
                    first, rest, unless = tolerant(core, entry.unless)
                    rule = _Rule(entry, situation, re.compile(first + rest), unless)
                    if entry.match is MatchMode.UTTERANCE:
                        self._utterances.append((core, rule))
                    else:
                        contained.append((core, rest, rule))
        # Longer wordings first, so that "你问我，我问谁呀" wins over a shorter entry inside it. The
        # joined pattern has no groups (groups would stop the engine from skipping ahead); the rule
        # that matched is the first one, in the same order, that matches at the same place.
        contained.sort(key=lambda item: len(item[0]), reverse=True)
        self._rules_by_first: dict[str, list[_Rule]] = {}
        rests_by_first: dict[str, list[str]] = {}
        for core, rest, rule in contained:
            self._rules_by_first.setdefault(core[0], []).append(rule)
            rests_by_first.setdefault(core[0], []).append(rest)
        branches = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in rests_by_first.items()]
        self._any = re.compile("|".join(branches)) if branches else None
        self._safe_cut = safe_cut_pattern("".join(sorted(letters)))

    def check(self, text: str, path: str = "") -> list[Finding]:
        """Every finding in `text`, in reading order. Each line is checked on its own."""
        return list(self.scan(text, path))

    def scan(self, text: str, path: str = "") -> Iterator[Finding]:
        """The findings of `check`, one at a time, so that a long text's are never all held."""
        utterances = (self._whole_utterances(text, core, rule) for core, rule in self._utterances)
        sources = [self._contained(text), *utterances]
        lines = _Lines(text)
        for start, end, rule in heapq.merge(*sources, key=lambda found: found[0]):
            yield lines.finding(start, end, rule, path)

    def last_cut(self, text: str, start: int, end: int) -> int:
        """The last place in text[start:end] where the text can be cut into pieces that are checked
        on their own with the same findings, or -1: after a line break, else after a sentence end
        that follows a character no wording holds (looked for in the last half of the range)."""
        line_break = text.rfind("\n", start, end)
        if line_break != -1:
            return line_break + 1
        last = None
        for last in self._safe_cut.finditer(text, max(start, (start + end) // 2), end):  # noqa: B007
            pass
        return last.end() if last else -1

    def first_cut(self, text: str, start: int, end: int) -> int:
        """The first such place in text[start:end], or -1."""
        line_break = text.find("\n", start, end)
        safe = self._safe_cut.search(text, start, line_break if line_break != -1 else end)
        if safe is not None:
            return safe.end()
        return line_break + 1 if line_break != -1 else -1

    def _contained(self, text: str) -> Iterator[tuple[int, int, _Rule]]:
        if self._any is None:
            return
        rules_by_first = self._rules_by_first
        for match in self._any.finditer(text):
            start, end = match.span()
            for rule in rules_by_first[text[start]]:
                if rule.pattern.match(text, start):
                    break
            if not rule.unless or not _excused(text, start, end, rule.unless):
                yield start, end, rule

    def _whole_utterances(self, text: str, core: str, rule: _Rule) -> Iterator[tuple[int, int, _Rule]]:
        """An utterance entry: flagged only when its sentence holds nothing else ("好的，再见！")."""
        checked_up_to = 0  # sentences are looked at once each, in order: linear in the text
        for match in rule.pattern.finditer(text):
            if match.start() < checked_up_to:
                continue
            begin, finish = _sentence_around(text, match.start(), match.end(), checked_up_to)
            checked_up_to = finish
            if _is_only(core, text[begin:finish]):
                last = match.end()
                for later in rule.pattern.finditer(text, match.end(), finish):
                    last = later.end()
                yield match.start(), last, rule


def _excused(text: str, start: int, end: int, unless: tuple[str, ...]) -> bool:
    """True when text[start:end] lies inside one of the `unless` wordings ("听不清楚")."""
    for context in unless:
        position = text.find(context, max(0, end - len(context)), start + len(context))
        while position != -1 and position <= start:
            if position + len(context) >= end:
                return True
            position = text.find(context, position + 1, start + len(context))
    return False


# A sentence longer than this is never "only" a short wording plus fillers; skipping the
# check for it keeps long transcripts fast.
_LONGEST_BARE_SENTENCE = 40


def _is_only(core: str, sentence: str) -> bool:
    """True when `sentence` holds `core` (perhaps repeated) and nothing but noise and discourse words."""
    if len(sentence) > _LONGEST_BARE_SENTENCE or core not in sentence:
        return False
    return _ONLY_NOISE.fullmatch(_SPEAKER.sub("", sentence, count=1).replace(core, "")) is not None


def _sentence_around(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end], which starts at or after `floor` (the end
    of the sentence looked at before); sentences end at 。！？; and at line ends."""
    line_start = text.rfind("\n", floor, start) + 1 or floor
    before = _LAST_SENTENCE_END.match(text, line_start, start)
    following = _SENTENCE_END.search(text, end)
    return before.end() if before else line_start, following.start() if following else len(text)


class _Lines:
    """Turns offsets in a text into 1-based line and column numbers, for offsets in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line = 1
        self._line_start = 0
        self._counted_to = 0

    def finding(self, start: int, end: int, rule: _Rule, path: str) -> Finding:
        breaks = self.text.count("\n", self._counted_to, start)
        if breaks:
            self._line += breaks
            self._line_start = self.text.rfind("\n", self._counted_to, start) + 1
        self._counted_to = start
        entry, situation = rule.entry, rule.situation
        line_start = self._line_start
        return Finding(  # positional: built for each finding, and a transcript can hold many
            self._line,
            start - line_start + 1,
            end - line_start + 1,
            self.text[start:end],
            entry.text,
            situation.id,
            entry.instead,
            path,
            start,
            end,
            situation.title,
            entry,
        )
