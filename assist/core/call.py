"""A call in progress: the flow it has reached, the three voices given, the hold timer.

Pure bookkeeping over phrases and times, with no clock of its own: the sidebar passes the time
in, so that tests can drive minutes of a call without waiting for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assist.core.model import FlowStep, HoldRole, Phrase, Voice

FLOW = tuple(FlowStep)
VOICES = tuple(Voice)
DEFAULT_HOLD_THRESHOLD = 30.0  # seconds: the norm's "long lookup", after which the caller is told


@dataclass(slots=True)
class Hold:
    """A lookup in progress. It is overdue each `threshold` seconds after it began or was checked on."""

    started: float
    threshold: float = DEFAULT_HOLD_THRESHOLD
    checked_at: float = field(init=False)

    def __post_init__(self) -> None:
        self.checked_at = self.started

    def elapsed(self, now: float) -> float:
        return max(0.0, now - self.started)

    def reminders_due(self, now: float) -> int:
        """How many intervals have passed since the caller last heard from the agent (0: not overdue)."""
        return int(max(0.0, now - self.checked_at) // max(self.threshold, 1.0))  # a threshold of 0 is 1 s

    def check_in(self, now: float) -> None:
        self.checked_at = now


def starts_a_call(phrase: Phrase) -> bool:
    """Copying the greeting begins a call; so does the hold phrase, as the hold key does."""
    return phrase.step is FlowStep.GREET or phrase.hold is HoldRole.START


@dataclass(frozen=True, slots=True)
class Summary:
    """What the end of a call shows: the voices not given, the steps skipped, a hold left running."""

    missed_voices: tuple[Voice, ...]
    missed_steps: tuple[FlowStep, ...]
    hold_left_running: float | None  # seconds the caller had been waiting when the call ended

    @property
    def complete(self) -> bool:
        return not self.missed_voices and not self.missed_steps and self.hold_left_running is None


@dataclass(slots=True)
class Call:
    started: float
    hold_threshold: float = DEFAULT_HOLD_THRESHOLD
    steps: set[FlowStep] = field(default_factory=set)
    voices: set[Voice] = field(default_factory=set)
    hold: Hold | None = None
    ended: float | None = None
    hold_at_end: float | None = None  # how long a hold still running at the end had lasted

    def record(self, phrase: Phrase, now: float) -> None:
        """Note what copying `phrase` means for the flow, the voices and the hold timer."""
        if phrase.step is not None:
            self.reach(phrase.step)
        if phrase.voice is not None:
            self.voices.add(phrase.voice)
        if phrase.hold is HoldRole.START and self.hold is None:
            self.hold = Hold(now, self.hold_threshold)
        elif phrase.hold is HoldRole.CHECK_IN and self.hold is not None:
            self.hold.check_in(now)
        elif phrase.hold is HoldRole.RESUME:
            self.hold = None
        if phrase.step is FlowStep.END:
            self.end(now)

    def reach(self, step: FlowStep) -> None:
        """Mark `step` reached (copying a later step's phrase does not mark the earlier ones)."""
        self.steps.add(step)

    def advance(self) -> FlowStep | None:
        """Mark the step after the furthest one reached, as a key does; None when all are."""
        following = [step for step in FLOW if step not in self.steps]
        if not following:
            return None
        furthest = max((FLOW.index(step) for step in self.steps), default=-1)
        step = next((step for step in FLOW[furthest + 1 :] if step not in self.steps), following[0])
        self.steps.add(step)
        return step

    @property
    def current_step(self) -> FlowStep | None:
        reached = [step for step in FLOW if step in self.steps]
        return reached[-1] if reached else None

    def toggle_hold(self, now: float) -> None:
        self.hold = None if self.hold is not None else Hold(now, self.hold_threshold)

    def end(self, now: float) -> None:
        if self.ended is None:
            self.ended = now
            if self.hold is not None:
                self.hold_at_end = self.hold.elapsed(now)
            self.hold = None

    def duration(self, now: float) -> float:
        return max(0.0, (self.ended if self.ended is not None else now) - self.started)

    def missed_voices(self) -> list[Voice]:
        return [voice for voice in VOICES if voice not in self.voices]

    def missed_steps(self) -> list[FlowStep]:
        """The steps of the flow never reached (by a phrase or by the step key)."""
        return [step for step in FLOW if step not in self.steps]

    def summary(self) -> Summary:
        return Summary(tuple(self.missed_voices()), tuple(self.missed_steps()), self.hold_at_end)


def clock_text(seconds: float) -> str:
    """0:07, 2:13, 1:02:03."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, seconds_left = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds_left:02d}" if hours else f"{minutes}:{seconds_left:02d}"


@dataclass(slots=True)
class SilentCaller:
    """The silent-caller procedure: greet and prompt, at least twice, then ask the caller to call again.

    The norm forbids hanging up in silence or after greeting fewer than two times.
    """

    required_greetings: int = 2
    greetings: int = 0
    asked_to_call_again: bool = False

    def record(self, phrase: Phrase, is_last_prompt: bool) -> None:
        if phrase.voice is Voice.GREETING:
            self.greetings += 1
        if is_last_prompt:
            self.asked_to_call_again = True

    @property
    def may_hang_up(self) -> bool:
        return self.greetings >= self.required_greetings and self.asked_to_call_again

    @property
    def greetings_to_go(self) -> int:
        return max(0, self.required_greetings - self.greetings)
