"""Assist: the 96128 hotline's standard service phrases, as a sidebar and as a library.

    import assist
    book = assist.load_phrasebook()                     # the built-in book, or a path
    hits = assist.Search(book).query("qsd", limit=10)   # hits with .text, .situation, .score
    findings = assist.Checker(book).check("喂，查什么？")  # findings with .line, .column, .match, …

The names are imported on first use, so that starting the sidebar does not pay for what it
does not need yet.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "load_phrasebook": "assist.core.loader",
    "PhrasebookError": "assist.core.problems",
    "Phrasebook": "assist.core.model",
    "Search": "assist.core.search",
    "Hit": "assist.core.search",
    "Checker": "assist.core.checker",
    "Finding": "assist.core.checker",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'assist' has no attribute {name!r}")
