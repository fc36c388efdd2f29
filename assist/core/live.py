"""Listening along: what a live transcript of a call means for the sidebar.

A speech recogniser sends utterances as they are said (`Heard`; partial results are replaced by
later ones). From the final ones, the rules here find the agent's forbidden wording, the standard
phrases the agent said (flow steps, the three voices, the hold), spoken greetings to a silent
caller, and what the caller's words suggest (a complaint, a wrong department, praise, silence).
At the call's end the whole-call rules of `assist qa` run over the utterances, which are only ever
held in memory. Qt-free: the sidebar passes the time in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import Enum

from assist.core.checker import Finding
from assist.core.directory import Directory
from assist.core.model import Helper, HoldRole, Phrase, Phrasebook, Voice
from assist.core.qa.results import CallResult
from assist.core.qa.rules import Inspector
from assist.core.qa.transcript import Transcript, Utterance
from assist.core.qa.wording import Said, Wording, best, clauses, longest_clause

SPEAKERS = ("agent", "caller")
MAX_TEXT = 5000  # characters in one utterance: a minute of speech is a few hundred
MAX_CALL_ID = 200
MAX_UTTERANCES = 10_000  # kept for the whole-call rules; older ones are dropped beyond this
SILENCE_SECONDS = 8.0  # no caller speech this long after the greeting: a silent caller
_NEGATIONS = "没无"  # 没意见: not a complaint
# What callers say, beside the book's complaint words (its `qa` section), per suggestion.
PRAISE_WORDS = ("表扬", "点赞", "好评", "辛苦了", "服务真好", "服务很好", "态度真好", "态度很好", "真耐心", "很耐心")
MISROUTED_WORDS = (
    "打错",
    "转错",
    "找错",
    "不归你们",
    "不是你们管",
    "你们不管",
    "哪个部门",
    "该找谁",
    "找哪里",
    "转到你们",
)
COMPLAINT_WORDS = ("投诉", "不满意", "态度差", "太差")


@dataclass(frozen=True, slots=True)
class Heard:
    """One utterance as the recogniser sent it; `final` False: a partial result a later one replaces."""

    speaker: str  # "agent" or "caller"
    text: str
    final: bool
    start: float | None = None  # seconds from the call's start, when the recogniser knows
    end: float | None = None
    call: str | None = None  # the call's id, when the feed knows it


def parse_heard(request: dict) -> Heard | str:
    """The utterance in a command of the feed, or what is wrong with it (said for the feed's user)."""
    speaker, text, final = request.get("speaker"), request.get("text"), request.get("final")
    if speaker not in SPEAKERS:
        return f'"speaker" must be "agent" or "caller", not {speaker!r}'
    if not isinstance(text, str):
        return f'"text" must be a string, not {type(text).__name__}'
    if len(text) > MAX_TEXT:
        return f'"text" is {len(text)} characters; an utterance may have at most {MAX_TEXT}'
    if not isinstance(final, bool):
        return f'"final" must be true or false, not {final!r}'
    times = []
    for key in ("start", "end"):
        value = request.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            return f'"{key}" must be seconds (a number) or null, not {value!r}'
        if value is not None and (not math.isfinite(value) or value < 0):
            return f'"{key}" must be a number of seconds from 0 up, not {value!r}'
        times.append(None if value is None else float(value))
    start, end = times
    if start is not None and end is not None and end < start:
        return f'"end" ({end}) comes before "start" ({start})'
    call = request.get("call")
    if call is not None and (not isinstance(call, str) or not call.strip() or len(call) > MAX_CALL_ID):
        return f'"call" must be a non-empty string of at most {MAX_CALL_ID} characters, or null'
    return Heard(speaker, text, final, start, end, call)


class Kind(Enum):
    """What the caller's words suggest; each opens a situation of the book."""

    COMPLAINT = "complaint"
    MISROUTED = "misrouted"
    PRAISE = "praise"
    SILENT = "silent"


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: Kind
    situation: str  # the id of the situation it opens


@dataclass(slots=True)
class Line:
    """An utterance of the transcript as shown: replaced in place while it is partial."""

    speaker: str
    text: str
    final: bool
    start: float | None = None
    end: float | None = None
    flags: list[Finding] = field(default_factory=list)  # forbidden wording in it (the agent's, once final)


@dataclass(frozen=True, slots=True)
class Spoken:
    """What an agent's final utterance said, as the call flow, voices and hold take it."""

    phrases: tuple[Phrase, ...]  # standard phrases said (their steps and voices are reached)
    hold: HoldRole | None  # START: 请稍等; RESUME: back (让您久等了, 谢谢您的耐心等待); CHECK_IN: both
    greeting: Phrase | None  # a greeting said (the silent-caller steps count it)
    call_again: Phrase | None  # the silent caller asked to call again


@dataclass(frozen=True, slots=True)
class Outcome:
    """What hearing one utterance changed."""

    line: Line
    spoken: Spoken | None = None  # an agent's final utterance: what it said
    suggestion: Suggestion | None = None  # a caller's final utterance: what it suggests
    silent_caller: bool = False  # the caller has not spoken yet (the agent's greetings count)


class LiveRules:
    """One book's rules for live speech; build once per book (the checker takes a moment)."""

    def __init__(self, book: Phrasebook) -> None:
        self.book = book
        self.inspector = Inspector(book)
        self.checker = self.inspector.checker
        self.similarity = float(book.qa.similarity)
        phrases = [p for s in book.situations for p in s.phrases if not p.personal]
        self.marked = [(Wording.of(p.text), p) for p in phrases if p.step is not None or p.voice is not None]
        self.hold_starts = tuple(w for p in phrases if p.hold is HoldRole.START for w in clauses(p.text))
        # Said in passing, 请稍等 comes with words between (请您再稍等): its kernel 稍等 is enough.
        kernels = {w.parts[0][1:] for w in self.hold_starts if w.parts[0].startswith("请") and len(w.parts[0]) >= 3}
        self.hold_kernels = _alternatives(tuple(kernels)) if kernels else None
        returns = [p for p in phrases if p.hold in (HoldRole.CHECK_IN, HoldRole.RESUME)]
        self.returns = tuple(longest_clause(p.text) for p in returns)
        silent = next((s for s in book.situations if s.helper is Helper.SILENT_CALLER), None)
        again = [p for p in (silent.phrases if silent else ()) if p.voice is None]
        self.call_again = (tuple(longest_clause(p.text) for p in again), again[-1] if again else None)
        words = (*book.qa.complaint_words, *COMPLAINT_WORDS)
        self.cues = (
            (Kind.PRAISE, _alternatives(PRAISE_WORDS)),  # first: 态度很好 is no complaint
            (Kind.MISROUTED, _alternatives(MISROUTED_WORDS)),
            (Kind.COMPLAINT, _alternatives(words)),
        )
        praise = next((s for s in book.situations for p in s.phrases if "表扬" in p.keywords), None)
        by_helper = {s.helper: s.id for s in book.situations if s.helper is not None}
        self.situations = {
            Kind.COMPLAINT: by_helper.get(Helper.COMPLAINT),
            Kind.MISROUTED: by_helper.get(Helper.DIRECTORY),
            Kind.SILENT: by_helper.get(Helper.SILENT_CALLER),
            Kind.PRAISE: praise.id if praise else None,
        }

    def agent_said(self, text: str) -> Spoken:
        said = Said.of(text)
        scored = [(wording.match(said, self.similarity)[0], phrase) for wording, phrase in self.marked]
        matched = [(score, phrase) for score, phrase in scored if score >= self.similarity]
        greets = max((s for s, p in matched if p.voice is Voice.GREETING), default=0.0)
        asks = max((s for s, p in matched if p.voice is Voice.INQUIRY), default=0.0)
        # 请问有什么可以帮您 is close to 请问还有什么可以帮您: the closer voice wins.
        dropped = Voice.INQUIRY if greets >= asks else Voice.GREETING
        phrases = [p for s, p in matched if not (greets and asks and p.voice is dropped)]
        starts = best(self.hold_starts, said, self.similarity) >= self.similarity or bool(
            self.hold_kernels and self.hold_kernels.search(said.core)
        )
        back = best(self.returns, said, self.similarity) >= self.similarity
        hold = (HoldRole.CHECK_IN if back else HoldRole.START) if starts else (HoldRole.RESUME if back else None)
        greeting = next((p for p in phrases if p.voice is Voice.GREETING), None)
        wordings, again = self.call_again
        asked_again = again if wordings and best(wordings, said, self.similarity) >= self.similarity else None
        return Spoken(tuple(phrases), hold, greeting, asked_again)

    def suggestion(self, text: str) -> Kind | None:
        """What a caller's words suggest, if anything."""
        for kind, pattern in self.cues:
            for found in pattern.finditer(text):
                if kind is not Kind.COMPLAINT or found.start() == 0 or text[found.start() - 1] not in _NEGATIONS:
                    return kind
        return None


def _alternatives(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))) if ordered else re.compile("(?!)")


class LiveCall:
    """The transcript of one call, in memory only, and what it has suggested so far."""

    def __init__(self, call_id: str | None = None) -> None:
        self.call_id = call_id
        self.lines: list[Line] = []
        self._partial: dict[str, int] = {}  # speaker → the index of their line still partial
        self.suggested: set[Kind] = set()
        self.greeted_at: float | None = None  # when the agent last greeted (sidebar clock)
        self.caller_heard_at: float | None = None
        self.ended = False

    def hear(self, heard: Heard, now: float) -> Line:
        """Add the utterance, or replace the speaker's partial one; return its line."""
        if heard.speaker == "caller" and heard.text.strip():
            self.caller_heard_at = now
        index = self._partial.pop(heard.speaker, None)
        line = Line(heard.speaker, heard.text, heard.final, heard.start, heard.end)
        if index is not None and 0 <= index < len(self.lines):
            self.lines[index] = line
        else:
            self.lines.append(line)
            index = len(self.lines) - 1
            if len(self.lines) > MAX_UTTERANCES:
                del self.lines[0]
                self._partial = {speaker: at - 1 for speaker, at in self._partial.items() if at > 0}
                index -= 1
        if not heard.final:
            self._partial[heard.speaker] = index
        return line

    def end(self) -> None:
        """The call is over: words still partial will never be finished, so they go."""
        self.ended = True
        partial = set(self._partial.values())
        self._partial = {}
        self.lines = [line for index, line in enumerate(self.lines) if index not in partial]

    @property
    def caller_spoke(self) -> bool:
        return self.caller_heard_at is not None

    def suggest(self, kind: Kind | None, rules: LiveRules) -> Suggestion | None:
        """A suggestion of `kind` the first time this call gives it, when the book has its situation."""
        situation = rules.situations.get(kind) if kind is not None else None
        if kind is None or situation is None or kind in self.suggested:
            return None
        self.suggested.add(kind)
        return Suggestion(kind, situation)

    def silence_due(self, now: float) -> bool:
        """No caller speech since the agent greeted, SILENCE_SECONDS ago or more."""
        if self.greeted_at is None or now - self.greeted_at < SILENCE_SECONDS:
            return False
        return self.caller_heard_at is None or self.caller_heard_at < self.greeted_at

    def take(self, heard: Heard, now: float, rules: LiveRules) -> Outcome:
        """Hear an utterance; a final one is checked: the agent's for wording, the caller's for cues."""
        line = self.hear(heard, now)
        if not heard.final or not heard.text.strip():
            return Outcome(line)
        if heard.speaker == "caller":
            return Outcome(line, suggestion=self.suggest(rules.suggestion(heard.text), rules))
        line.flags = rules.checker.check(heard.text.replace("\n", " "))
        spoken = rules.agent_said(heard.text)
        if spoken.greeting is not None:
            self.greeted_at = now
        return Outcome(line, spoken=spoken, silent_caller=not self.caller_spoke)

    def caller_texts(self) -> list[str]:
        return [line.text for line in self.lines if line.speaker == "caller"]

    def transcript(self) -> Transcript:
        finals = [line for line in self.lines if line.final and line.text.strip()]
        utterances = [
            Utterance(line.speaker, line.text, number, line.start, line.end)
            for number, line in enumerate(finals, start=1)
        ]
        return Transcript(self.call_id or "live", "live", utterances=utterances)

    def check(self, rules: LiveRules) -> CallResult:
        """The whole-call rules of `assist qa` over the final utterances."""
        return rules.inspector.check(self.transcript())


def directory_words(directory: Directory | None, texts: list[str]) -> str:
    """The department name or keyword the caller said last, to search the directory with ("" if none)."""
    if directory is None:
        return ""
    words = sorted(
        {word for d in directory.departments for word in (d.name, *d.keywords) if _is_chinese(word)},
        key=len,
        reverse=True,
    )
    pattern = _alternatives(tuple(words))
    for text in reversed(texts):  # the latest utterance that names one; its longest word
        if found := [match.group() for match in pattern.finditer(text)]:
            return max(found, key=len)
    return ""


def _is_chinese(word: str) -> bool:
    return len(word) >= 2 and all("\u4e00" <= char <= "\u9fff" for char in word)
