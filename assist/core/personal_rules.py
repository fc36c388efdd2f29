"""What an agent's own phrase must be to be kept: not empty, new to its situation, no forbidden wording."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from assist.core.checker import Checker, Finding
from assist.core.model import Situation
from assist.core.personal import reasons


class Refusal(Enum):
    EMPTY = "empty"
    NO_SITUATION = "no-situation"
    DUPLICATE = "duplicate"
    FORBIDDEN = "forbidden"


@dataclass(frozen=True, slots=True)
class Verdict:
    """None of `refusal` means keep it; `unchanged` means an edit saved as it was (nothing to do).
    `detail` says why in Chinese; `findings` are the forbidden wordings found, for other languages."""

    refusal: Refusal | None = None
    detail: str = ""
    unchanged: bool = False
    findings: tuple[Finding, ...] = ()


def judge(situation: Situation | None, text: str, editing: str, checker: Checker) -> Verdict:
    """Whether `text` may be added to `situation` (or replace the own phrase `editing`)."""
    text = text.strip()
    if not text:
        return Verdict(Refusal.EMPTY)
    if situation is None:
        return Verdict(Refusal.NO_SITUATION)
    if editing and text == editing:
        return Verdict(unchanged=True)
    if any(phrase.text == text for phrase in situation.phrases):
        return Verdict(Refusal.DUPLICATE)
    findings = tuple(checker.check(text))
    if findings:
        return Verdict(Refusal.FORBIDDEN, reasons(findings), findings=findings)
    return Verdict()
