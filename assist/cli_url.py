"""A phrasebook URL for the `assist` commands: the server's book now, or the sidebar's offline copy.

`check` is about what the server publishes, so it needs the server; `search` and `lint` fall back
on the offline copy and say so on standard error.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from assist.core.model import Phrasebook
from assist.core.problems import Problem


def url_book(url: str) -> Phrasebook | None:
    """The book at `url` (else its offline copy), or None after printing why there is none."""
    from assist.core.sources import fetch, offline_book

    fetched = fetch(url)
    if fetched.book is not None:
        if fetched.error:
            print(f"assist: {url}: {fetched.error}", file=sys.stderr)
        return fetched.book
    for problem in fetched.problems:
        print(problem, file=sys.stderr)
    book, errors = offline_book(url)
    if fetched.error:
        fallback = "using the offline copy from the last visit" if book else "there is no offline copy yet"
        print(f"assist: {url}: {fetched.error}; {fallback}", file=sys.stderr)
    elif book is None:  # the server says the copy is current, but the copy does not load
        for problem in errors:
            print(problem, file=sys.stderr)
    if book is None:
        print(f"assist: cannot use the phrasebook {url}", file=sys.stderr)
    return book


def check_url(url: str) -> tuple[tuple[Problem, ...], str] | None:
    """The problems of the book the server publishes and what it holds; None (said why) if it cannot be had.

    A book without errors becomes the offline copy, as it does in the sidebar."""
    from assist.core.loader import check_file
    from assist.core.sources import fetch
    from assist.core.summary import summary_of

    fetched = fetch(url)
    if fetched.book is None and not fetched.problems:
        if fetched.error:
            print(f"assist check: {url}: {fetched.error}", file=sys.stderr)
            return None
        if fetched.path is not None:  # 304: the offline copy is the server's book
            result = check_file(fetched.path)
            return tuple(replace(problem, path=url) for problem in result.problems), summary_of(result.book)
    if fetched.book is not None and fetched.error:
        print(f"assist check: {url}: {fetched.error}", file=sys.stderr)
    return fetched.problems, summary_of(fetched.book)
