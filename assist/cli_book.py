"""The phrasebook a command works on (a file, a URL, or the built-in book), shared by the commands."""

from __future__ import annotations

import sys

from assist.core import builtin
from assist.core.book_address import AddressError, locate
from assist.core.model import Phrasebook


def book_or_exit(path: str | None) -> Phrasebook | None:
    """The phrasebook for a command, or None after printing why it cannot be used."""
    from assist.core.loader import check_file

    try:
        target = locate(path) if path else builtin.default_phrasebook()
    except AddressError as error:
        print(f"assist: {path}: {error}", file=sys.stderr)
        return None
    if isinstance(target, str):
        from assist.cli_url import url_book

        return url_book(target)
    result = check_file(target)
    if result.book is None:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"assist: cannot use the phrasebook {target}", file=sys.stderr)
    return result.book
