"""The book's match rules around a found wording: said alone, or excused by the words around it.

- An `utterance` entry (a bare 再见) is flagged only when its sentence holds nothing else.
- A `clauses` wording (出声呀, 说啊, the rude clauses of a long forbidden sentence) is flagged only
  when its clause holds nothing else: 出声呀！ is an order, 发出声响 and 听筒出声 are not.
- An `unless` wording (听不清楚, 稍等一下, 不知道…吗) around a match clears it.

Each looks at a bounded stretch of text around a match, so checking stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assist.core.tolerant import (
    CLAUSE_ENDS,
    FILLERS,
    INSERTED_WORDS,
    INSERTIONS,
    PUNCTUATION,
    SENTENCE_ENDS,
    class_of,
    context_pattern,
    context_words,
)

# Words that open or close a sentence without adding anything to it ("好的，再见"): a sentence of
# these and an `utterance` entry is still that entry alone. Read possessively, the longer words
# first: a text of them has one reading only (的 and 个 stand in no other word), so no backtracking.
DISCOURSE_WORDS = ("好的", "好吧", "那就", "好", "那", "行", "嗯", "对", "喂", "快")

_ONLY_NOISE = re.compile(
    f"(?:{'|'.join((*INSERTED_WORDS, *DISCOURSE_WORDS))}|[{PUNCTUATION}{class_of(FILLERS + INSERTIONS)}])*+"
)

# A speaker label at the start of a transcript line ("坐席：", "agent:"): the agent's own words follow.
AGENT_LABELS = ("坐席", "客服", "话务员", "接线员", "工号", "agent", "operator")
CALLER_LABELS = ("客户", "用户", "来电人", "市民", "群众", "caller", "customer", "user")
_SPEAKER = re.compile(
    r"\s*(?P<label>" + "|".join(AGENT_LABELS + CALLER_LABELS) + r")\s*(?:\d+\s*)?[:：]", re.IGNORECASE
)
# A sentence longer than this is never "only" a short wording plus fillers; skipping the
# check for it keeps long transcripts fast.
LONGEST_BARE_SENTENCE = 40
# How far around a match an `unless` wording is looked for, on the same line.
CONTEXT_REACH = 48


class Stretches:
    """Sentences (or clauses) of a text, found around matches given in reading order."""

    def __init__(self, ends: str) -> None:
        self._end = re.compile(f"[{re.escape(ends)}\n]+")
        self._last_end = re.compile(f".*[{re.escape(ends)}]")

    def around(self, text: str, start: int, end: int, floor: int) -> tuple[int, int]:
        """The bounds of the stretch holding text[start:end], which starts at or after `floor` (the
        end of the stretch looked at before); stretches also end at line ends."""
        line_start = text.rfind("\n", floor, start) + 1 or floor
        before = self._last_end.match(text, line_start, start)
        following = self._end.search(text, end)
        return before.end() if before else line_start, following.start() if following else len(text)


SENTENCES = Stretches(SENTENCE_ENDS)
CLAUSES = Stretches(CLAUSE_ENDS)


def only_noise(text: str, begin: int, end: int) -> bool:
    """True when text[begin:end] holds nothing but noise and discourse words."""
    return _ONLY_NOISE.fullmatch(text, begin, end) is not None


def after_speaker(text: str, begin: int, end: int) -> int:
    """Where the words start in text[begin:end], after a speaker label ("坐席：") if it opens it."""
    label = _SPEAKER.match(text, begin, end)
    return label.end() if label else begin


def contexts(unless: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """An entry's `unless` wordings as patterns: the characters they start with (most matches have
    none of them just before), all of them in one (to find quickly where one starts), then each."""
    if not unless:
        return ()
    each = [context_pattern(context) for context in unless]
    firsts = {context_words(context)[0][0] for context in unless}
    starts = re.compile(f"[{re.escape(''.join(sorted(firsts)))}]")
    return (starts, re.compile("|".join(f"(?:{pattern.pattern})" for pattern in each)), *each)


def excused(text: str, start: int, end: int, contexts: Sequence[re.Pattern[str]]) -> bool:
    """True when an `unless` wording lies around text[start:end] (starts at or before it and ends at
    or after it), within CONTEXT_REACH characters on the same line. `contexts` come from `contexts`."""
    low = max(0, start - CONTEXT_REACH)
    low = text.rfind("\n", low, start) + 1 or low
    high = min(len(text), end + CONTEXT_REACH)
    line_end = text.find("\n", end, high)
    high = line_end if line_end != -1 else high
    starts, any_context, *each = contexts
    if starts.search(text, low, start + 1) is None:
        return False
    position = low
    while (found := any_context.search(text, position, high)) is not None and found.start() <= start:
        place = found.start()
        for context in each:
            if (match := context.match(text, place, high)) is not None and match.end() >= end:
                return True
        position = place + 1
    return False
