"""Which phrasebook shows: the built-in one, the organisation's over it, the agent's own phrases on top.

The rules, without Qt (the sidebar's BookSource watches files, polls and downloads, then asks here):
- a broken organisation book never replaces a good one: the last good book stays; before any good
  one was read, the built-in book shows;
- an address that cannot be used at all (a bad port, another scheme) keeps what shows;
- a download that loaded with warnings only is applied, without a banner;
- each verdict names the problems and the banner's title as a kind and its subject, for the
  interface to say in its language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from assist.core.book_address import AddressError, locate
from assist.core.layers import overlay, with_personal
from assist.core.model import Phrasebook
from assist.core.personal_data import PersonalPhrase
from assist.core.problems import Position, Problem

if TYPE_CHECKING:  # the URL machinery (http.client, ssl) loads only for a URL source
    from assist.core.sources import Fetched

EMPTY_BOOK = Phrasebook(name="没有可用的用语库", situations=(), name_en="No usable phrasebook")


class TitleKind(Enum):
    """What the banner's title says; `Title.kept_last` says which book shows instead."""

    BUILTIN_BROKEN = "builtin-broken"  # the built-in book itself has errors
    ADDRESS_UNUSABLE = "address-unusable"  # the address cannot be used at all
    BOOK_BROKEN = "book-broken"  # the organisation's file (or offline copy) is broken or unreadable
    FETCH_FAILED = "fetch-failed"  # the server's answer could not be used
    NO_OFFLINE_COPY = "no-offline-copy"  # a new version applied, but its offline copy was not kept


@dataclass(frozen=True, slots=True)
class Title:
    kind: TitleKind
    subject: str = ""  # the address, URL or file name the title names
    kept_last: bool = False  # the last good organisation book shows (else the built-in book)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What to tell the agent after a load: the problems (none: clear the banner) and the title."""

    problems: tuple[Problem, ...] = ()
    title: Title | None = None
    new_book: bool = False  # a new organisation book was taken (a download that loaded)


class BookKeeper:
    """The state behind the book shown: the built-in book, the last good organisation book, the address."""

    def __init__(self, location: str | None = None) -> None:
        self.location = location or None
        self.builtin = EMPTY_BOOK
        self.organisation: Phrasebook | None = None  # the last good organisation book

    # -- where the organisation's book is ----------------------------------------------------

    def target(self) -> str | Path | AddressError | None:
        """The source: a checked http(s) URL, a file (also from a file:// URL), why it cannot be used, or None."""
        if self.location is None:
            return None
        try:
            return locate(self.location)
        except AddressError as error:
            return error

    def switch(self, location: str | None) -> None:
        """Another address: its book replaces the last good one, unless the address cannot be used at all."""
        self.location = location or None
        if not isinstance(self.target(), AddressError):
            self.organisation = None

    # -- the book shown ----------------------------------------------------------------------

    @property
    def base(self) -> Phrasebook:
        """The book before the agent's own phrases: the organisation's over the built-in one."""
        return overlay(self.builtin, self.organisation) if self.organisation else self.builtin

    def book_with(self, own: list[PersonalPhrase]) -> Phrasebook:
        """The book shown: `base` with the own phrases the checker let through."""
        return with_personal(self.base, own)

    # -- verdicts ----------------------------------------------------------------------------

    def take_builtin(self, book: Phrasebook | None, errors: tuple[Problem, ...]) -> Verdict:
        """The built-in book as read; with no organisation book, its errors are the verdict."""
        self.builtin = book or EMPTY_BOOK
        return Verdict(tuple(errors), Title(TitleKind.BUILTIN_BROKEN) if errors else None)

    def unusable(self, error: AddressError, problems: tuple[Problem, ...] = ()) -> Verdict:
        """An address that cannot be used: why, and the book shown stays."""
        location = self.location or ""
        reason = Problem(location, Position(), str(error), zh=error.zh)
        title = Title(TitleKind.ADDRESS_UNUSABLE, location, kept_last=self.organisation is not None)
        return Verdict((*problems, reason), title)

    def waiting_for_download(self, problems: tuple[Problem, ...] = ()) -> Verdict:
        """A URL with no offline copy yet: the built-in book shows until the download brings one."""
        return Verdict(problems, self.broken_title() if problems else None)

    def loaded(
        self, book: Phrasebook | None, errors: tuple[Problem, ...], problems: tuple[Problem, ...] = ()
    ) -> Verdict:
        """The organisation's file (or offline copy) as read: a good book is taken, a broken one is not."""
        if book is not None:
            self.organisation = book
        found = (*problems, *errors)
        return Verdict(found, self.broken_title() if found else None)

    def fetched(self, fetched: Fetched) -> Verdict:
        """A download: a book that loaded is taken (its warnings are not shown); else why not."""
        problems = fetched.problems if fetched.book is None else ()
        if fetched.error and not problems:
            problems = (Problem(fetched.url, Position(), fetched.error, zh=fetched.error_zh),)
        if fetched.book is not None:
            self.organisation = fetched.book
        title = None
        if problems:
            kind = TitleKind.NO_OFFLINE_COPY if fetched.book is not None else TitleKind.FETCH_FAILED
            title = Title(kind, fetched.url, kept_last=self.organisation is not None)
        return Verdict(problems, title, new_book=fetched.book is not None)

    def broken_title(self) -> Title:
        """The title for a broken organisation book: its file name (or address), and which book shows."""
        target = self.target()
        shown = target.name if isinstance(target, Path) and target.name else self.location or ""
        return Title(TitleKind.BOOK_BROKEN, shown, kept_last=self.organisation is not None)
