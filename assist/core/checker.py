"""Finding forbidden wording (禁语) in what an agent says or writes.

Each forbidden entry of the book, and each of its variants, becomes a pattern that tolerates
the ways people actually say it (see `tolerant`): half- or full-width punctuation and spaces,
filler particles (啊 呀 吧 …), inserted pronouns and adverbs (你 您 我 也 就 都 还 有 这个 什么 真的),
repeated characters (喂喂喂, 喂…喂…) and traditional characters (等一會, see `fold`). All patterns
are joined into one regular expression, so a line is scanned once, in C, in time linear in its
length. The book's match rules keep polite speech apart (see `said_alone`): an `utterance` entry
(a bare 再见) is flagged only when a sentence holds nothing else, a `clauses` wording (出声呀) only
when a clause holds nothing else, and an `unless` wording (听不清楚, 稍等一下) around a match clears it.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from assist.core.fold import folding_table
from assist.core.model import Forbidden, MatchMode, Phrasebook, Situation
from assist.core.said_alone import (
    AGENT_LABELS,
    CALLER_LABELS,
    CLAUSES,
    DISCOURSE_WORDS,
    LONGEST_BARE_SENTENCE,
    SENTENCES,
    Stretches,
    after_speaker,
    contexts,
    excused,
    only_noise,
)
from assist.core.tolerant import (
    FILLERS,
    INSERTED_WORDS,
    INSERTIONS,
    context_words,
    core_of,
    pattern_core,
    safe_cut_pattern,
    tolerant,
)

__all__ = ["AGENT_LABELS", "CALLER_LABELS", "FILLERS", "INSERTIONS", "Checker", "Finding", "core_of"]


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
    unless: tuple[re.Pattern[str], ...] = ()  # the entry's exceptions, tolerant of noise


@dataclass(frozen=True, slots=True)
class _Alone:
    """A wording flagged only when said alone in a sentence (an utterance) or a clause."""

    core: str
    rest: str  # its pattern after the first character
    rule: _Rule
    stretches: Stretches


class Checker:
    """Finds the book's forbidden wording in text. Build once per book; `check` is cheap."""

    def __init__(self, book: Phrasebook) -> None:
        self.book = book
        contained: list[tuple[str, str, _Rule]] = []
        self._alone: list[_Alone] = []
        letters: set[str] = set()
        words: set[str] = set()  # every character the rules read, to fold their traditional forms
        for situation in book.situations:
            for entry in situation.forbidden:
                unless = contexts(entry.unless)
                words.update("".join(word for context in entry.unless for word in context_words(context)))
                wordings = [(wording, False) for wording in dict.fromkeys((entry.text, *entry.variants))]
                wordings += [(clause, True) for clause in entry.clauses]
                for wording, is_clause in wordings:
                    core = pattern_core(wording)
                    if not core:
                        continue
                    letters.update(core)
                    first, rest = tolerant(core, unless=entry.unless)
                    # a clause written with its particle (说啊) is said alone only with one: not 您说
                    if is_clause and core_of(wording) != core and core_of(wording)[-1] in FILLERS:
                        rest += f"(?=[{re.escape(FILLERS)}])"
                    rule = _Rule(entry, situation, re.compile(first + rest), unless)
                    if is_clause:
                        self._alone.append(_Alone(core, rest, rule, CLAUSES))
                    elif entry.match is MatchMode.UTTERANCE:
                        self._alone.append(_Alone(core, rest, rule, SENTENCES))
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
        # Each branch starts with one character, not a class of its written forms: the engine then
        # skips ahead to the next possible first character, in C.
        branches = [f"{re.escape(char)}(?:{'|'.join(rests)})" for char, rests in rests_by_first.items()]
        self._any = re.compile("|".join(branches)) if branches else None
        noise = FILLERS + INSERTIONS + "".join(INSERTED_WORDS) + "".join(DISCOURSE_WORDS + AGENT_LABELS)
        # Traditional characters (等一會): the text is folded first when it holds one the rules read.
        self._fold = folding_table(letters | words | set(noise))
        traditional = "".join(sorted(chr(source) for source in self._fold))
        self._traditional = re.compile(f"[{re.escape(traditional)}]") if traditional else None
        self._safe_cut = safe_cut_pattern("".join(sorted(letters)) + traditional)

    def check(self, text: str, path: str = "") -> list[Finding]:
        """Every finding in `text`, in reading order. Each line is checked on its own."""
        return list(self.scan(text, path))

    def fold(self, text: str) -> str:
        """`text` with the traditional forms of the characters the rules read written simplified,
        one character for one, so that offsets stay (the text itself when it holds none)."""
        if self._traditional is None or self._traditional.search(text) is None:
            return text
        return text.translate(self._fold)

    def scan(self, text: str, path: str = "") -> Iterator[Finding]:
        """The findings of `check`, one at a time, so that a long text's are never all held."""
        yield from self.scan_part(text, self.fold(text), 0, len(text), path)

    def scan_part(
        self, text: str, folded: str, start: int, end: int, path: str = "", lines: tuple[int, int] = (1, 0)
    ) -> Iterator[Finding]:
        """The findings in text[start:end], where the text may be cut (see `last_cut`), with their
        places in the whole text: `folded` is `fold(text)`, `lines` the line number at `start` and
        the offset where that line starts. The rules look at the words around a match in the whole
        text, so the findings of the parts are those of the whole."""
        alone = (self._said_alone(folded, start, end, alone) for alone in self._alone)
        sources = [self._contained(folded, start, end), *alone]
        places = _Lines(text, *lines, start)
        last_end = start
        for found_start, found_end, rule in heapq.merge(*sources, key=lambda found: found[0]):
            if found_start < last_end:  # a clause inside a whole wording already found
                continue
            last_end = found_end
            yield places.finding(found_start, found_end, rule, path)

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

    def _contained(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, _Rule]]:
        if self._any is None:
            return
        rules_by_first = self._rules_by_first
        for match in self._any.finditer(text, start, end):
            found_start, found_end = match.span()
            for rule in rules_by_first[text[found_start]]:
                if rule.pattern.match(text, found_start, end):
                    break
            if not rule.unless or not excused(text, found_start, found_end, rule.unless):
                yield found_start, found_end, rule

    def _said_alone(self, text: str, start: int, end: int, alone: _Alone) -> Iterator[tuple[int, int, _Rule]]:
        """A wording flagged only when its sentence (or clause) holds nothing else ("好的，再见！")."""
        checked_up_to = start  # stretches are looked at once each, in order: linear in the text
        for match in alone.rule.pattern.finditer(text, start, end):
            if match.start() >= checked_up_to:
                checked_up_to, found = self._alone_finding(text, end, alone, match, checked_up_to)
                if found is not None:
                    yield found

    def _alone_finding(
        self, text: str, end: int, alone: _Alone, match: re.Match[str], floor: int
    ) -> tuple[int, tuple[int, int, _Rule] | None]:
        """Where the stretch of `match` ends, and the finding when the wording is alone in it."""
        rule = alone.rule
        begin, finish = alone.stretches.around(text, match.start(), match.end(), floor)
        finish = min(finish, end)
        start, stop = match.span()
        if finish - begin > LONGEST_BARE_SENTENCE or not only_noise(text, after_speaker(text, begin, start), start):
            return finish, None
        if not only_noise(text, stop, finish):  # something else, or the wording again (再见再见)
            for later in rule.pattern.finditer(text, stop, finish):
                if not only_noise(text, stop, later.start()):
                    return finish, None
                stop = later.end()
            if not only_noise(text, stop, finish):
                return finish, None
        if rule.unless and excused(text, start, stop, rule.unless):
            return finish, None
        return finish, (start, stop, rule)


class _Lines:
    """Turns offsets in a text into 1-based line and column numbers, for offsets in increasing order."""

    def __init__(self, text: str, line: int = 1, line_start: int = 0, counted_to: int = 0) -> None:
        self.text = text
        self._line = line
        self._line_start = line_start
        self._counted_to = counted_to

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
