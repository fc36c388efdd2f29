"""Which of a forbidden wording's standard phrases fits where it was said.

A forbidden entry may offer several phrases (`instead: [hold#1, criticism#1]`). They are ranked by
two things, each phrase scoring:

- `IN_VIEW` points when it belongs to the situation the agent has open (the page in view);
- one point for each of its `when` words found near the wording: in the same line, at most `NEAR`
  characters either side (a question about a matter, 怎么 … 办理, points at the lookup phrase).

The highest score comes first; on a tie the book's order decides, so with no clue at all the
book's first phrase is the suggestion.
"""

from __future__ import annotations

from assist.core.checker import Finding
from assist.core.model import Suggestion

IN_VIEW = 1
NEAR = 30  # characters either side of the wording that count as "around" it


def ranked(finding: Finding, text: str, in_view: str | None = None) -> tuple[Suggestion, ...]:
    """The phrases to say instead of `finding`, best first. `text` is the text the finding's
    `start` and `end` count in; `in_view` the id of the situation shown, if any."""
    suggestions = finding.entry.suggestions if finding.entry is not None else ()
    if len(suggestions) < 2:
        return suggestions
    around = _around(text, finding.start, finding.end)
    scores = [_score(suggestion, around, in_view) for suggestion in suggestions]
    order = sorted(range(len(suggestions)), key=lambda index: (-scores[index], index))
    return tuple(suggestions[index] for index in order)


def best(finding: Finding, text: str, in_view: str | None = None) -> str:
    """The text of the best phrase (the finding's own suggestion when its entry offers no other)."""
    suggestions = finding.entry.suggestions if finding.entry is not None else ()
    if len(suggestions) < 2:
        return suggestions[0].text if suggestions else finding.suggestion
    around = _around(text, finding.start, finding.end)
    scores = [_score(suggestion, around, in_view) for suggestion in suggestions]
    return suggestions[scores.index(max(scores))].text  # the first of the highest: the book's order


def _score(suggestion: Suggestion, around: str, in_view: str | None) -> int:
    score = IN_VIEW if suggestion.situation == in_view else 0
    return score + sum(word in around for word in suggestion.when)  # `when` is lower-cased when read


def _around(text: str, start: int, end: int) -> str:
    """The words near text[start:end] on its line, without the wording itself, lower-cased."""
    line_start = text.rfind("\n", max(0, start - NEAR), start) + 1 or max(0, start - NEAR)
    line_end = text.find("\n", end, end + NEAR)
    before = text[max(line_start, start - NEAR) : start]
    after = text[end : line_end if line_end != -1 else end + NEAR]
    return f"{before}\n{after}".lower()
