"""Putting a standard phrase in place of a forbidden wording so that the sentence still reads well.

The checker's match is the wording itself; what the agent wrote around it often belongs to it too
and would dangle once the wording is gone (你等一会吧 → 你请稍等…吧). So the replaced span grows:

- to the left over the pronouns and adverbs attached to the wording (你 您 我 也 就 这个 …), and
  over the start of the phrase when the draft already says it (请您等一会 → 请稍等…, not 请请稍等);
- to the right over the particles that end it (吧 啊 呀 嘛 呢 了 儿 …), and over the short clauses
  right after it that the phrase already says, in its order: **a phrase is never said twice**, so a
  second 替换 beside the first (你等一会吧，请稍等，我帮您查一下。) leaves the phrase once.

Punctuation is merged so that two sentence ends never follow each other. The rule: **the phrase's
own end punctuation wins.** A phrase that ends in a mark (。？！，…) replaces the marks the draft
had right after the wording (喂，查什么？ → …请问有什么可以帮您？, one question mark), but not the
blanks after them (spaces, full-width spaces, tabs and line ends stay where the agent put them); a phrase
without one keeps the draft's, and gets a comma when the draft goes on right after it. A comma is
put before the phrase when the draft runs into it without a mark.

The new sentence is then checked again. If forbidden wording is still there (a phrase that
itself holds some, or wording the span did not cover), the replacement says so in `left` rather
than being taken for a clean one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assist.core.checker import Checker, Finding
from assist.core.tolerant import FILLERS, PUNCTUATION, core_of

# Words that belong to the wording when they stand right before it, longest first.
LEADING_WORDS = (
    *("这个", "那个", "我们", "你们", "真的", "实在", "确实", "根本"),
    *("你", "您", "我", "也", "就", "都", "还", "再", "先", "真", "这", "那"),
)
MOST_LEADING_WORDS = 4  # 这个我也就…: more is no longer the wording's (and a draft of 我我我… stays fast)
MOST_PARTICLES = 8  # particles after the wording taken with it, at most
TRAILING_PARTICLES = FILLERS + "么儿了"  # 了 only at the end of a clause (not the 了 of 了解)
ENDING_MARKS = "。！？!?；;，,…、~～"  # marks that end a phrase or a clause
_MARKS_AFTER = re.compile(f"[{re.escape(ENDING_MARKS)}.:：\u3000 \t]*")  # what may follow the wording
_MARK = re.compile(f"[{PUNCTUATION}\\s]")  # punctuation as the checker reads it, and blanks
CLAUSE_MARKS = "，,、 。！？!?；;"  # what parts the wording from a clause that may repeat the phrase
SAID_AGAIN_LONGEST = 8  # characters of a clause after the wording that may repeat the phrase (2 at least)
CHECKED_AROUND = 2_000  # characters either side of the replacement checked again, at most (a long line)


@dataclass(frozen=True, slots=True)
class Replacement:
    """A draft with a phrase put in place of a finding: draft[start:end] became `inserted`."""

    text: str
    start: int
    end: int
    inserted: str
    left: tuple[Finding, ...] = ()  # forbidden wording found again where the phrase now is

    @property
    def clean(self) -> bool:
        return not self.left


def replace(checker: Checker, draft: str, finding: Finding, phrase: str) -> Replacement:
    """`draft` with `phrase` (placeholders already filled) in place of `finding`'s wording."""
    start, end = _entry_span(draft, finding)
    start, end = _span(draft, start, end, phrase)
    end = _said_again(draft, end, phrase)
    inserted = phrase
    if start > 0 and not _is_mark(draft[start - 1]):
        inserted = "，" + inserted
    marks_end = _MARKS_AFTER.match(draft, end).end()
    if phrase[-1] in ENDING_MARKS:
        # The phrase's own end wins over the draft's marks; the blanks after them stay (… thanks).
        end = end + len(draft[end:marks_end].rstrip())
    elif marks_end == end and end < len(draft) and draft[end] != "\n":
        inserted += "，"  # the draft goes on right after: keep the sentences apart
    text = draft[:start] + inserted + draft[end:]
    return Replacement(text, start, end, inserted, _left(checker, text, start, start + len(inserted)))


def _entry_span(draft: str, finding: Finding) -> tuple[int, int]:
    """The finding's span, grown over the rest of its entry's wording when the match is a part of it
    (您的意见根本不可行: the entry is 你的意见根本不可行, the match its variant 根本不可行)."""
    start, end = finding.start, finding.end
    if finding.entry is None:
        return start, end
    whole, matched = core_of(finding.entry.text), core_of(finding.match)
    at = whole.find(matched)
    if at == -1 or len(matched) == len(whole):
        return start, end
    before, after = whole[:at], whole[at + len(matched) :]
    if before and _polite(draft[max(0, start - len(before)) : start]) == _polite(before):
        start -= len(before)
    if after and _polite(draft[end : end + len(after)]) == _polite(after):
        end += len(after)
    return start, end


def _polite(text: str) -> str:
    return text.replace("你", "您")


def _said_again(draft: str, end: int, phrase: str) -> int:
    """Past the short clauses right after the wording that the phrase already says, in its order
    (等一会儿，我查一下 → 请稍等，我帮您查一下。, not …查一下。我查一下; and a second 替换 beside an
    earlier one: 你等一会吧，请稍等，我帮您查一下。 → the phrase once)."""
    letters = iter(phrase)  # shared: each clause must come later in the phrase than the one before
    while True:
        clause_start = end
        while clause_start < len(draft) and draft[clause_start] in CLAUSE_MARKS:
            clause_start += 1
        clause_end = clause_start
        while clause_end < min(len(draft), clause_start + SAID_AGAIN_LONGEST + 1) and not _is_mark(draft[clause_end]):
            clause_end += 1
        clause = _polite(draft[clause_start:clause_end])
        if not 2 <= len(clause) <= SAID_AGAIN_LONGEST or not all(letter in letters for letter in clause):
            return end
        end = clause_end


def _span(draft: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """The finding's span, grown over the words around it that belong to the wording."""
    for _ in range(MOST_LEADING_WORDS):
        word = next((w for w in LEADING_WORDS if start >= len(w) and draft.startswith(w, start - len(w))), "")
        if not word:
            break
        start -= len(word)
    for size in range(min(len(phrase), start), 0, -1):  # the draft already says the phrase's start
        opening = start - size
        if draft[opening:start] == phrase[:size] and (opening == 0 or _is_mark(draft[opening - 1])):
            start = opening
            break
    limit = min(len(draft), end + MOST_PARTICLES)
    while end < limit and draft[end] in TRAILING_PARTICLES:
        if draft[end] == "了" and end + 1 < len(draft) and not _is_mark(draft[end + 1]):
            break
        end += 1
    return start, end


def _is_mark(character: str) -> bool:
    return _MARK.match(character) is not None


def _left(checker: Checker, text: str, start: int, end: int) -> tuple[Finding, ...]:
    """The findings in the line around text[start:end] that touch it."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - CHECKED_AROUND)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end == -1 else line_end, end + CHECKED_AROUND)
    found = checker.check(text[line_start:line_end])
    return tuple(
        f._replace(start=f.start + line_start, end=f.end + line_start)
        for f in found
        if f.start + line_start < end and f.end + line_start > start
    )
