"""What checking a call finds: findings, the call's score and the state of each rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from assist.core.model import QA_RULES, QaSettings

PASSED, FAILED, NOT_APPLICABLE = "pass", "fail", "n/a"


@dataclass(frozen=True, slots=True)
class QaFinding:
    rule: str  # one of QA_RULES
    line: int  # the utterance's line in its file; 0: the call as a whole
    time: float | None  # seconds from the call's start, when known
    text: str  # what was said there
    message: str  # the rule, in the norm's words, and what went wrong
    suggestion: str  # what to say instead
    start: int = -1  # the wording's place in `text`, when one wording is at fault (forbidden)
    end: int = -1

    def as_json(self) -> dict[str, object]:
        keys = ("rule", "line", "time", "text", "message", "suggestion")
        return {key: getattr(self, key) for key in keys}


@dataclass(slots=True)
class CallResult:
    call: str
    agent: str
    source: str
    findings: list[QaFinding]
    states: dict[str, str]  # rule id -> pass, fail or n/a
    score: int = 100
    passed: bool = True
    duration: float | None = None  # seconds, when timed
    utterances: list = field(default_factory=list)  # the transcript, kept for reports of failed calls

    def as_json(self) -> dict[str, object]:
        return {
            "call": self.call,
            "agent": self.agent,
            "score": self.score,
            "passed": self.passed,
            "findings": [finding.as_json() for finding in self.findings],
        }


def scored(result: CallResult, settings: QaSettings) -> CallResult:
    """Fill in the score (100 minus the weights of failed rules, floor 0) and the verdict."""
    failed = {finding.rule for finding in result.findings}
    for rule in QA_RULES:
        if rule in failed:
            result.states[rule] = FAILED
        else:
            result.states.setdefault(rule, PASSED)
    result.score = max(0, 100 - sum(settings.weights.get(rule, 0) for rule in failed))
    result.passed = result.score >= settings.pass_score
    return result
