"""The phrasebook as immutable, validated domain objects (stage two of loading builds them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from assist.core.problems import Position


class MatchMode(Enum):
    """How a forbidden entry matches what an agent says."""

    CONTAINS = "contains"  # anywhere in an utterance ("等一会" in "你等一会!")
    UTTERANCE = "utterance"  # only as the whole utterance, ignoring punctuation (a bare "再见")


@dataclass(frozen=True, slots=True)
class Gloss:
    """A line of text with its optional English gloss."""

    text: str
    en: str = ""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A named blank in a phrase, such as the organisation's name; written `{name}` in phrase text."""

    name: str
    label: str
    label_en: str = ""
    example: str = ""
    profile: bool = False  # the agent's own value (asked for at first start), not one that changes per call
    example_en: str = ""  # the example the English interface shows (else `example`, when it is not Chinese)


class FlowStep(Enum):
    """The norm's call flow: 问好 → 聆听 → 回应 → 解答 → 确认 → 结束."""

    GREET = "greet"
    LISTEN = "listen"
    RESPOND = "respond"
    ANSWER = "answer"
    CONFIRM = "confirm"
    END = "end"


class Voice(Enum):
    """The three voices every call must have (三声): 招呼声, 询问声, 道别声."""

    GREETING = "greeting"
    INQUIRY = "inquiry"
    FAREWELL = "farewell"


class HoldRole(Enum):
    """What a phrase does to the hold timer."""

    START = "start"  # 请稍等，我帮您查一下。
    CHECK_IN = "check-in"  # 对不起，让您久等了: still looking; the timer goes on
    RESUME = "resume"  # 谢谢您的耐心等待: back with the answer; the timer stops


class Helper(Enum):
    """A helper panel a situation shows above its phrases."""

    SILENT_CALLER = "silent-caller"  # counts greetings, says when the agent may hang up
    DIRECTORY = "directory"  # picks the department to send a misrouted caller to
    COMPLAINT = "complaint"  # picks the complaint subject, copies a note for the ticket


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    en: str = ""
    note: str = ""
    position: Position = field(default=Position(), compare=False)
    step: FlowStep | None = None  # the flow step saying it reaches
    voice: Voice | None = None  # the voice it gives
    hold: HoldRole | None = None
    personal: bool = False  # one of the agent's own phrases, not the book's
    keywords: tuple[str, ...] = ()  # search words that point at this phrase, Chinese and English
    note_en: str = ""  # the note (when to say it) in English


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A standard phrase to say instead of a forbidden wording: a phrase of any situation of the book.

    `when` lists words that, near the forbidden wording, show that this phrase fits the sentence
    (a question about a matter: 怎么, 办理 → the lookup phrase); see `assist.core.suggestions`.
    """

    situation: str  # the id of the situation the phrase belongs to
    phrase: Phrase
    when: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.phrase.text


@dataclass(frozen=True, slots=True)
class Forbidden:
    """A forbidden wording (禁语) and the standard phrases to say instead.

    `instead` is the text of the first of them (the book's default choice); `suggestions` holds them
    all, in the book's order, once the loader has resolved the references between situations.
    """

    text: str
    instead: str
    en: str = ""
    match: MatchMode = MatchMode.CONTAINS
    unless: tuple[str, ...] = ()  # longer wordings that contain `text` yet are fine ("听不清楚")
    variants: tuple[str, ...] = ()  # other ways people say the same thing
    clauses: tuple[str, ...] = ()  # parts of `text` that are forbidden said alone as a clause (出声呀)
    position: Position = field(default=Position(), compare=False)
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    title: str
    phrases: tuple[Phrase, ...]
    title_en: str = ""
    keywords: tuple[str, ...] = ()
    forbidden: tuple[Forbidden, ...] = ()
    do: tuple[Gloss, ...] = ()
    dont: tuple[Gloss, ...] = ()
    subjects: tuple[Gloss, ...] = ()
    note: str = ""
    helper: Helper | None = None
    ticket_note: str = ""  # a one-line note for the ticket: {subject}, {time} and placeholders

    def replacement_for(self, forbidden: Forbidden) -> Phrase:
        """The standard phrase to show for a forbidden entry on this situation's page: the first of
        its suggestions from this situation, else its first (validated to exist when loading)."""
        own = [suggestion.phrase for suggestion in forbidden.suggestions if suggestion.situation == self.id]
        if own:
            return own[0]
        if forbidden.suggestions:
            return forbidden.suggestions[0].phrase
        return next(phrase for phrase in self.phrases if phrase.text == forbidden.instead)


class GuidanceStyle(Enum):
    LIST = "list"  # items with details, one under the other
    FLOW = "flow"  # ordered steps shown with arrows
    WORDS = "words"  # short words shown side by side


@dataclass(frozen=True, slots=True)
class GuidanceItem:
    text: str
    en: str = ""
    detail: str = ""  # an explanation, or a standard phrase quoted (when there is no `detail_en`)
    detail_en: str = ""


@dataclass(frozen=True, slots=True)
class GuidanceSection:
    id: str
    title: str
    items: tuple[GuidanceItem, ...]
    title_en: str = ""
    style: GuidanceStyle = GuidanceStyle.LIST


QA_RULES = (
    "greeting",
    "forbidden",
    "anything-else",
    "closing",
    "hold-return",
    "hold-checkin",
    "silent-caller",
    "three-voices",
    "complaint-response",
)


@dataclass(frozen=True, slots=True)
class QaSettings:
    """How `assist qa` scores whole calls: the book's `qa` section, or these defaults."""

    weights: Mapping[str, int] = field(
        default_factory=lambda: {
            "greeting": 15,
            "forbidden": 20,
            "anything-else": 10,
            "closing": 15,
            "hold-return": 10,
            "hold-checkin": 10,
            "silent-caller": 20,
            "three-voices": 10,
            "complaint-response": 15,
        }
    )
    pass_score: int = 80  # a call passes with this score or more
    similarity: int = 80  # how close (0-100) an utterance must be to a standard phrase to count as it
    greeting_within: float = 10.0  # seconds from the call's start
    hold_threshold: float = 30.0  # seconds of silence on hold before the caller must hear from the agent
    complaint_words: tuple[str, ...] = ("投诉", "意见", "不满", "批评", "差评", "态度")
    response_situations: tuple[str, ...] = ("criticism", "apology", "opinion", "complaint")


@dataclass(frozen=True, slots=True)
class Phrasebook:
    name: str
    situations: tuple[Situation, ...]
    source: str = ""  # the file it was loaded from
    name_en: str = ""
    short_name: str = ""  # for the sidebar's narrow header; the name is shown in full in its tooltip
    short_name_en: str = ""
    placeholders: Mapping[str, Placeholder] = field(default_factory=dict)
    guidance: tuple[GuidanceSection, ...] = ()
    qa: QaSettings = field(default_factory=QaSettings)

    def situation(self, situation_id: str) -> Situation | None:
        return next((situation for situation in self.situations if situation.id == situation_id), None)

    @property
    def phrase_count(self) -> int:
        return sum(len(situation.phrases) for situation in self.situations)
