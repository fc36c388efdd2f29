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
(0.74 s against 0.48 s for 17 MB), so findings keep the text's own offsets. Traditional characters
(等一會) are folded one for one first (`fold`), so offsets stay; only a text that holds one the
patterns read is rewritten, and looking for one costs a fifth of the check. (As character classes
in the patterns, 會 beside 会, they made every check twice as slow.)
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
# Pronouns and adverbs slipped into a phrase ("你等一会", "我就没办法", "没有办法", "都没用", "不太清楚",
# "不关我们的事", "没啥办法", "快点儿说"), and words ("没什么办法", "真的没办法", "你倒是说啊").
INSERTIONS = "你您我们也就都还有太啥儿"
INSERTED_WORDS = ("这个", "什么", "真的", "倒是")
MOST_SLIPPED_IN = 16  # characters of noise between two characters of a wording, at most…
MOST_SLIPPED_WORDS = 2  # …then a slipped-in word (这个) and as many again, at most this many times
SENTENCE_ENDS = "。！？!?；;"
CLAUSE_ENDS = SENTENCE_ENDS + "，,、…"
_NOISE_CHARACTERS = FILLERS + INSERTIONS
_PUNCTUATION_RE = re.compile(f"[{PUNCTUATION}]+")


def core_of(text: str) -> str:
    """The characters of a wording that matter for matching: no punctuation, no spaces."""
    return _PUNCTUATION_RE.sub("", text)


def pattern_core(text: str) -> str:
    """What must appear for a wording to match: its core without fillers at either end ("我问谁呀")."""
    core = core_of(text)
    return core.strip(FILLERS) or core


def class_of(chars: str, without: str = "") -> str:
    """The characters of `chars` but `without`, for a character class."""
    return "".join(re.escape(char) for char in chars if char != without)


def _char(char: str) -> str:
    return re.escape(char)


def word_pattern(word: str) -> str:
    return re.escape(word)


def _noise(following: str, punctuation: str = PUNCTUATION) -> str:
    """The noise allowed before the character `following`: never `following` itself."""
    characters = f"[{punctuation}{class_of(_NOISE_CHARACTERS, following)}]{{0,{MOST_SLIPPED_IN}}}+"
    words = [word_pattern(word) for word in INSERTED_WORDS if not word.startswith(following)]
    if not words:
        return characters
    return f"{characters}(?:(?:{'|'.join(words)}){characters}){{0,{MOST_SLIPPED_WORDS}}}+"


def _repeats(char: str) -> str:
    """Further repeats of `char`, taken possessively, but not one that starts a slipped-in word
    (the second 这 of 这这个是应该的 is the start of 这个, which is noise)."""
    words = [word_pattern(word[1:]) for word in INSERTED_WORDS if word[0] == char]
    if not words:
        return f"{_char(char)}*+"
    return f"(?:{_char(char)}(?!{'|'.join(words)}))*+"


def tolerant(core: str, punctuation: str = PUNCTUATION, unless: tuple[str, ...] = ()) -> tuple[str, str]:
    """The pattern of a wording's core, as (its first character, the rest).

    The pattern is `first + rest`; keeping the first character apart lets a set of patterns be
    joined by first character. `punctuation` is what may stand between two characters. Exceptions
    written around the wording as it is (听不清楚, 不知道您) become a lookbehind or a lookahead: most
    exceptions are met as written, and those cost nothing then (the others are looked for around
    each match).
    """
    first = _char(core[0])
    rest = [f"(?<!{first}{first})"]  # not inside a run of the first character
    before, after = _literal_exceptions(core, unless)
    rest += [f"(?<!{word_pattern(text)}{first})" for text in before]
    for index, char in enumerate(core):
        following = core[index + 1] if index + 1 < len(core) else ""
        if index:
            rest.append(_char(char))
        if following != char:  # the last of a run takes all further repeats: 喂喂 matches 喂喂喂
            rest.append(_repeats(char))
        if following:
            rest.append(_noise(following, punctuation))
    if after:
        rest.append(f"(?!{'|'.join(word_pattern(text) for text in after)})")
    return first, "".join(rest)


def _literal_exceptions(core: str, unless: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The text that exceptions without gaps add before the core (听 of 听不清楚) or after it (您 of 不知道您)."""
    before: list[str] = []
    after: list[str] = []
    for context in unless:
        if _GAPS.search(context):
            continue
        context = core_of(context)
        if context.endswith(core) and context != core:
            before.append(context[: -len(core)])
        elif context.startswith(core) and context != core:
            after.append(context[len(core) :])
    return before, after


# In an `unless` wording, "…" stands for a few words of the same clause ("不知道…吗": 不知道现在方便吗),
# and "……" for anything before or after on the same line ("祝……再见": 祝您生活愉快！再见！).
_GAP_IN_CLAUSE = f"[^{re.escape(CLAUSE_ENDS)}\\n]{{1,24}}?"
_GAP_IN_LINE = "[^\\n]{0,40}?"
_GAPS = re.compile("(…{2,}|…)")
# Inside the words of an `unless` wording, only what does not end a clause: 不知道，你去问别人 is
# not the polite 不知道你….
_CONTEXT_PUNCTUATION = re.escape(" \t\u3000\"'“”‘’·~—-")


def context_pattern(context: str) -> re.Pattern[str]:
    """An `unless` wording as a pattern, tolerant of noise like a forbidden wording, with its gaps."""
    parts = _GAPS.split(context)
    pattern = []
    for index, part in enumerate(parts):
        if index % 2:
            pattern.append(_GAP_IN_LINE if len(part) > 1 else _GAP_IN_CLAUSE)
        elif core := core_of(part):
            pattern.append("".join(tolerant(core, _CONTEXT_PUNCTUATION)))
    return re.compile("".join(pattern))


def context_words(context: str) -> list[str]:
    """The words of an `unless` wording between its gaps ("不知道…吗": 不知道, 吗)."""
    return [core for index, part in enumerate(_GAPS.split(context)) if not index % 2 and (core := core_of(part))]


def safe_cut_pattern(letters: str) -> re.Pattern[str]:
    """Where a text may be cut into pieces checked on their own with the same findings: just after
    a sentence end that follows a character no wording holds and that is not noise."""
    stoppers = f"[^{PUNCTUATION}\\n{class_of(FILLERS + INSERTIONS + ''.join(INSERTED_WORDS) + letters, '')}]"
    return re.compile(f"{stoppers}[{re.escape(SENTENCE_ENDS)}]")
