"""Finding forbidden wording (禁语) in what an agent says or writes.

Each forbidden entry of the book, and each of its variants, becomes a pattern that tolerates
the ways people actually say it: half- or full-width punctuation and spaces, filler particles
(啊 呀 吧 …), inserted pronouns and adverbs (你 您 我 也 就 这个), and repeated characters
(喂喂喂, 喂…喂…). All patterns are joined into one regular expression, so a line is scanned
once, in C. The book's match rules keep polite speech apart: an `utterance` entry (a bare 再见)
is flagged only when a sentence holds nothing else, and an `unless` wording (听不清楚) around a
match clears it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from assist.core.model import Forbidden, MatchMode, Phrasebook, Situation

_PUNCTUATION = (
    r" \t\r\f\v!-/:-@\[-`{-~"  # ASCII punctuation and blanks (not the newline: lines stand alone)
    r"\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f"  # Latin-1 and general punctuation: … — “ ” ·
    r"\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f"  # CJK punctuation: 。、「」 and vertical forms
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width ！，：？ …
)
FILLERS = "啊呀吧嘛呢啦哦嗯呃额哈噢喔诶哎"  # particles that carry no meaning of their own
INSERTIONS = "你您我也就"  # pronouns and adverbs slipped into a phrase ("你等一会", "我就没办法")
INSERTED_WORDS = ("这个",)
# What may stand between two characters of a forbidden phrase without changing what it says.
_NOISE = f"(?:[{_PUNCTUATION}{FILLERS}{INSERTIONS}]|{'|'.join(INSERTED_WORDS)})"
_NOISE_RE = re.compile(f"{_NOISE}+")
_PUNCTUATION_RE = re.compile(f"[{_PUNCTUATION}]+")
# Words that open or close a sentence without adding anything to it ("好的，再见"): a sentence of
# these and an `utterance` entry is still that entry alone.
_DISCOURSE_WORDS = re.compile("好的|好吧|好|那就|那|行|嗯|对")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_LAST_SENTENCE_END = re.compile(r".*[。！？!?；;]")
_ONLY_NOISE = re.compile(f"(?:{_NOISE}|{_DISCOURSE_WORDS.pattern})*")
# A speaker label at the start of a transcript line ("坐席：", "agent:"): the agent's own words follow.
AGENT_LABELS = ("坐席", "客服", "话务员", "接线员", "工号", "agent", "operator")
CALLER_LABELS = ("客户", "用户", "来电人", "市民", "群众", "caller", "customer", "user")
_SPEAKER = re.compile(
    r"^\s*(?P<label>" + "|".join(AGENT_LABELS + CALLER_LABELS) + r")\s*(?:\d+\s*)?[:：]", re.IGNORECASE
)


class Finding(NamedTuple):
    """One forbidden wording found; the attribute names are those of `assist lint --format json`.

    `line`, `column` and `end_column` are 1-based and counted in characters; `end_column` is the
    column just after the match. `start` and `end` are offsets in the whole checked text.
    (A named tuple rather than a dataclass: a transcript can hold many, and they are built fast.)
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


@dataclass(frozen=True, slots=True)
class _Rule:
    entry: Forbidden
    situation: Situation
    pattern: re.Pattern[str]  # this wording alone, tolerant of noise
    unless: tuple[str, ...] = ()  # the entry's exceptions, without punctuation


def core_of(text: str) -> str:
    """The characters of a wording that matter for matching: no punctuation, no spaces."""
    return _PUNCTUATION_RE.sub("", text)


def _pattern_core(text: str) -> str:
    """What must appear for a wording to match: its core without fillers at either end ("我问谁呀")."""
    core = core_of(text)
    return core.strip(FILLERS) or core


def _tolerant(core: str) -> str:
    """`core` as a pattern: each character may repeat, with noise allowed between characters.

    Each character is written `XX*` rather than `X+` so that the joined pattern starts with
    literal characters, which lets the regular expression engine skip ahead in C.
    """
    return f"{_NOISE}*".join(f"{re.escape(char)}{re.escape(char)}*" for char in core)


def _with_exceptions(pattern: str, core: str, unless: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Fold simple exceptions into the pattern; return it and the exceptions left to check in Python.

    An exception that only adds text before the wording (听 in 听不清楚) becomes a lookbehind, one
    that only adds text after it (您 in 不知道您) a lookahead, so the scan never stops on them.
    """
    before: list[str] = []
    after: list[str] = []
    remaining: list[str] = []
    for context in (core_of(context) for context in unless):
        if context.endswith(core) and context != core:
            before.append(context[: -len(core)])
        elif context.startswith(core) and context != core:
            after.append(context[len(core) :])
        else:
            remaining.append(context)
    # The lookbehind goes after the first character, (?<!听不) rather than (?<!听) before 不, so
    # that every branch of the joined pattern still starts with a literal character.
    first = re.escape(core[0])
    behind = "".join(f"(?<!{re.escape(text + core[0])})" for text in before)
    ahead = f"(?!{'|'.join(re.escape(text) for text in after)})" if after else ""
    return first + behind + pattern[len(first) :] + ahead, tuple(remaining)


class Checker:
    """Finds the book's forbidden wording in text. Build once per book; `check` is cheap."""

    def __init__(self, book: Phrasebook) -> None:
        self.book = book
        contained: list[tuple[str, _Rule]] = []
        self._utterances: list[tuple[str, _Rule]] = []
        for situation in book.situations:
            for entry in situation.forbidden:
                for wording in dict.fromkeys((entry.text, *entry.variants)):
                    core = _pattern_core(wording)
                    if core:
                        pattern, unless = _with_exceptions(_tolerant(core), core, entry.unless)
                        rule = _Rule(entry, situation, re.compile(pattern), unless)
                        target = self._utterances if entry.match is MatchMode.UTTERANCE else contained
                        target.append((core, rule))
        # Longer wordings first, so that "你问我，我问谁呀" wins over a shorter entry inside it. The
        # joined pattern has no groups (groups would stop the engine from skipping ahead); the rule
        # that matched is the first one, in the same order, that matches at the same place.
        contained.sort(key=lambda item: len(item[0]), reverse=True)
        self._rules = [rule for _, rule in contained]
        self._rules_by_first: dict[str, list[_Rule]] = {}
        for core, rule in contained:
            self._rules_by_first.setdefault(core[0], []).append(rule)
        self._any = _joined(self._rules_by_first) if contained else None

    def check(self, text: str, path: str = "") -> list[Finding]:
        """Every finding in `text`, in reading order. Each line is checked on its own."""
        findings = [*self._contained(text), *self._whole_utterances(text)]
        if not findings:
            return []
        findings.sort(key=lambda item: item[0])
        lines = _Lines(text)
        return [lines.finding(start, end, rule, path) for start, end, rule in findings]

    def _contained(self, text: str) -> Iterator[tuple[int, int, _Rule]]:
        if self._any is None:
            return
        for match in self._any.finditer(text):
            start, end = match.span()
            candidates = self._rules_by_first[text[start]]
            rule = next(rule for rule in candidates if rule.pattern.match(text, start))
            if not rule.unless or not _excused(text, start, end, rule.unless):
                yield start, end, rule

    def _whole_utterances(self, text: str) -> Iterator[tuple[int, int, _Rule]]:
        """Utterance entries: flagged only when their sentence holds nothing else ("好的，再见！")."""
        for core, rule in self._utterances:
            checked_up_to = -1
            for match in rule.pattern.finditer(text):
                if match.start() < checked_up_to:
                    continue
                begin, finish = _sentence_around(text, match.start(), match.end())
                checked_up_to = finish
                if _is_only(core, text[begin:finish]):
                    last = match.end()
                    for later in rule.pattern.finditer(text, match.end(), finish):
                        last = later.end()
                    yield match.start(), last, rule


def _joined(rules_by_first: dict[str, list[_Rule]]) -> re.Pattern[str]:
    """One pattern for all rules, grouped by their first character (不(?:清楚…|知道…)|喂(?:…)): at
    each place in the text the engine then tries only the rules that can start there."""
    groups = []
    for first, rules in rules_by_first.items():
        escaped = re.escape(first)
        rests = [rule.pattern.pattern[len(escaped) :] for rule in rules]  # every pattern starts with it
        groups.append(f"{escaped}(?:{'|'.join(rests)})")
    return re.compile("|".join(groups))


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


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end]; sentences end at 。！？; and at line ends."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _LAST_SENTENCE_END.match(text, line_start, start)
    following = _SENTENCE_END.search(text, end)
    return before.end() if before else line_start, following.start() if following else len(text)


class _Lines:
    """Turns offsets in a text into 1-based line and column numbers, for offsets in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line = 1
        self._counted_to = 0

    def finding(self, start: int, end: int, rule: _Rule, path: str) -> Finding:
        self._line += self.text.count("\n", self._counted_to, start)
        self._counted_to = start
        line_start = self.text.rfind("\n", 0, start) + 1
        return Finding(
            line=self._line,
            column=start - line_start + 1,
            end_column=end - line_start + 1,
            match=self.text[start:end],
            forbidden=rule.entry.text,
            situation=rule.situation.id,
            suggestion=rule.entry.instead,
            path=path,
            start=start,
            end=end,
            situation_title=rule.situation.title,
            entry=rule.entry,
        )
