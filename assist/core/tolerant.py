"""A forbidden wording as a regular expression that tolerates how people say it, in linear time.

The pattern of a wording lets each of its characters repeat (喂喂喂) and allows, between two
characters, what does not change what it says: punctuation and spaces, filler particles
(啊 呀 吧 …) and words slipped in (你 您 我 也 就 这个). Some of those are also letters of wordings
(你问我，我问谁呀), so a pattern that merely made them optional could read a text in exponentially
many ways, and one draft froze the window for minutes. These patterns read any text one way only:

- a character takes all of its repeats at once, possessively (`喂*+`);
- the noise between two characters is taken possessively and never includes the next character,
  so the first occurrence of the next character is the one used (which finds every match the
  optional reading finds: anything skipped before a later occurrence would be noise too);
- the noise between two characters is at most `MOST_SLIPPED_IN` characters long, or a few such
  stretches with 这个 between them;
- a match never starts inside a run of its first character (a lookbehind).

So each place in a text is read a bounded number of times, and checking takes time linear in the
length of the text, whatever it holds.

The text itself is not rewritten first (fillers dropped, repeats folded, with a map back to the
offsets): doing so in Python, or even with `str.translate`, took longer than the whole check
(0.74 s against 0.48 s for 17 MB), so findings keep the text's own offsets. A character that can
be written several ways (a traditional form) would become a character class here.
"""

from __future__ import annotations

import re

PUNCTUATION = (
    r" \t\r\f\v!-/:-@\[-`{-~"  # ASCII punctuation and blanks (not the newline: lines stand alone)
    r"\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f"  # Latin-1 and general punctuation: … — “ ” ·
    r"\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f"  # CJK punctuation: 。、「」 and vertical forms
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width ！，：？ …
)
FILLERS = "啊呀吧嘛呢啦哦嗯呃额哈噢喔诶哎"  # particles that carry no meaning of their own
INSERTIONS = "你您我也就"  # pronouns and adverbs slipped into a phrase ("你等一会", "我就没办法")
INSERTED_WORDS = ("这个",)
MOST_SLIPPED_IN = 16  # characters of noise between two characters of a wording, at most…
MOST_SLIPPED_WORDS = 2  # …then a slipped-in word (这个) and as many again, at most this many times
SENTENCE_ENDS = "。！？!?；;"
_NOISE_CHARACTERS = FILLERS + INSERTIONS
_PUNCTUATION_RE = re.compile(f"[{PUNCTUATION}]+")


def core_of(text: str) -> str:
    """The characters of a wording that matter for matching: no punctuation, no spaces."""
    return _PUNCTUATION_RE.sub("", text)


def pattern_core(text: str) -> str:
    """What must appear for a wording to match: its core without fillers at either end ("我问谁呀")."""
    core = core_of(text)
    return core.strip(FILLERS) or core


def _class(chars: str, without: str) -> str:
    return "".join(re.escape(char) for char in chars if char != without)


def _noise(following: str) -> str:
    """The noise allowed before the character `following`: never `following` itself."""
    characters = f"[{PUNCTUATION}{_class(_NOISE_CHARACTERS, following)}]{{0,{MOST_SLIPPED_IN}}}+"
    words = [re.escape(word) for word in INSERTED_WORDS if not word.startswith(following)]
    if not words:
        return characters
    return f"{characters}(?:(?:{'|'.join(words)}){characters}){{0,{MOST_SLIPPED_WORDS}}}+"


def _repeats(char: str) -> str:
    """Further repeats of `char`, taken possessively, but not one that starts a slipped-in word
    (the second 这 of 这这个是应该的 is the start of 这个, which is noise)."""
    words = [re.escape(word[1:]) for word in INSERTED_WORDS if word[0] == char]
    if not words:
        return f"{re.escape(char)}*+"
    return f"(?:{re.escape(char)}(?!{'|'.join(words)}))*+"


def tolerant(core: str, unless: tuple[str, ...] = ()) -> tuple[str, str, tuple[str, ...]]:
    """The pattern of a wording's core, as (its first character, the rest, exceptions left over).

    The pattern is `first + rest`; keeping the first character apart lets a set of patterns be
    joined by first character. Exceptions that only add text before the wording (听 in 听不清楚)
    become a lookbehind, those that only add text after it (您 in 不知道您) a lookahead; the others
    are returned, to be checked around each match.
    """
    first = re.escape(core[0])
    guards = [f"(?<!{re.escape(core[0] * 2)})"]  # not inside a run of the first character
    before, after, remaining = _split_exceptions(core, unless)
    guards += [f"(?<!{re.escape(text + core[0])})" for text in before]
    rest = []
    for index, char in enumerate(core):
        following = core[index + 1] if index + 1 < len(core) else ""
        if index:
            rest.append(re.escape(char))
        if following != char:  # the last of a run takes all further repeats: 喂喂 matches 喂喂喂
            rest.append(_repeats(char))
        if following:
            rest.append(_noise(following))
    if after:
        rest.append(f"(?!{'|'.join(re.escape(text) for text in after)})")
    return first, "".join(guards + rest), remaining


def _split_exceptions(core: str, unless: tuple[str, ...]) -> tuple[list[str], list[str], tuple[str, ...]]:
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
    return before, after, tuple(remaining)


def safe_cut_pattern(letters: str) -> re.Pattern[str]:
    """Where a text may be cut into pieces checked on their own with the same findings: just after
    a sentence end that follows a character no wording holds and that is not noise."""
    stoppers = f"[^{PUNCTUATION}\\n{_class(FILLERS + INSERTIONS + ''.join(INSERTED_WORDS) + letters, '')}]"
    return re.compile(f"{stoppers}[{re.escape(SENTENCE_ENDS)}]")
