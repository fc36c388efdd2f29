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


def counted(count: int, noun: str) -> str:
    """An English count with its noun: "1 hit", "2 hits" (the nouns the sidebar counts take -s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def book_words(zh: str, en: str) -> str:
    """A name the book gives in both languages (a title, a label): the English one when the
    interface is English and the book has it."""
    return en if _current == "en" and en else zh


_glosses = False


def glosses_shown() -> bool:
    """Whether phrases show their English gloss (off unless the agent asks: Ctrl+G)."""
    return _glosses


def show_glosses(on: bool) -> None:
    global _glosses
    _glosses = on
