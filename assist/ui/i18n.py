"""The interface's language: Chinese by default, English when chosen or when the system speaks it.

Phrases are never translated: they stay as the book has them, with their English gloss on demand.
Only the sidebar's own words go through `tr`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

LANGUAGES = ("system", "zh", "en")
_current = "zh"


def choose(setting: str) -> str:
    """Set the language from the setting ("system": English on an English system, else Chinese)."""
    global _current
    if setting == "system":
        _current = "en" if QLocale.system().language() == QLocale.Language.English else "zh"
    else:
        _current = setting if setting in ("zh", "en") else "zh"
    return _current


def current() -> str:
    return _current


def tr(zh: str, en: str) -> str:
    """The sidebar's own words in the interface language."""
    return en if _current == "en" else zh


def book_words(zh: str, en: str) -> str:
    """A name the book gives in both languages (a title, a label): the English one when the
    interface is English and the book has it."""
    return en if _current == "en" and en else zh


def counted(count: int, noun: str, plural: str = "") -> str:
    """A count and its English noun, singular for one: "1 hit", "2 hits", "1 forbidden wording"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


_glosses = False


def glosses_shown() -> bool:
    """Whether phrases show their English gloss (off unless the agent asks: Ctrl+G)."""
    return _glosses


def title_gloss(zh: str, en: str) -> str:
    """A title's English gloss when glosses are on, unless the title is already shown in English."""
    return en if en and glosses_shown() and book_words(zh, en) != en else ""


def show_glosses(on: bool) -> None:
    global _glosses
    _glosses = on
