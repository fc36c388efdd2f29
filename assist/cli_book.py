"""The phrasebook a command works on (a file, a URL, or the built-in book), shared by the commands."""

from __future__ import annotations

import sys
from pathlib import Path

from assist.core import builtin
from assist.core.model import Phrasebook
from assist.core.sources import is_url


def book_or_exit(path: str | None) -> Phrasebook | None:
    """The phrasebook for a command, or None after printing why it cannot be used."""
    from assist.core.loader import check_file

    if path and is_url(path):
        from assist.cli_url import url_book

        return url_book(path)
    target = Path(path) if path else builtin.default_phrasebook()
    result = check_file(target)
    if result.book is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"assist: cannot use the phrasebook {target}", file=sys.stderr)
    return result.book
