"""The phrasebook the sidebar shows, kept up to date: built-in, organisation's, personal, live.

A file source is watched (surviving editors that save by writing a new file and renaming it over
the old one); a URL source is polled in the background, and a download is applied only while its
URL is still the source. A broken update never replaces the book: the last good one stays, and the
problems go to the banner with their file (or URL) and line. `refresh_now` is the agent's "update now".
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from assist.core import builtin
from assist.core.book_address import AddressError, locate
from assist.core.layers import overlay, with_personal
from assist.core.load_cache import checked_book
from assist.core.model import Phrasebook
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
from assist.core.problems import Position, Problem
from assist.ui.i18n import current, tr
from assist.ui.personal_file import PersonalFile
from assist.ui.phrase_vetter import PhraseVetter

if TYPE_CHECKING:  # the URL machinery (http.client, ssl) loads only for a URL source
    from assist.core.sources import Fetched


EMPTY_BOOK = Phrasebook(name="没有可用的用语库", situations=(), name_en="No usable phrasebook")
RELOAD_DELAY_MS = 300  # editors write a file in several steps: wait for them to finish
DEFAULT_POLL_MINUTES = 5


class BookSource(QObject):
    book_changed = Signal(object)  # the Phrasebook to show now
    problems_found = Signal(str, list)  # a banner title and the problems (the last good book stays)
    problems_cleared = Signal()
    status = Signal(str)  # a short answer to the agent's "update now"
    fetched = Signal(
        object
    )  # a download (a Fetched) was handled: applied, or dropped if its URL is no longer the source
    _downloaded = Signal(object)  # a Fetched, from the download thread

    def __init__(
        self,
        location: str | None,
        personal: PersonalStore,
        poll_minutes: float = DEFAULT_POLL_MINUTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.location = location or None
        self.store = personal
        self.personal_file = PersonalFile(personal, self)  # refuses saves while the file is damaged
        self.personal_file.changed.connect(self._on_personal_changed)
        self.problems: list[Problem] = []
        self.title = ""
        self._builtin = EMPTY_BOOK
        self._organisation: Phrasebook | None = None  # the last good organisation book
        self.book = EMPTY_BOOK
        self.vetter = PhraseVetter(self)  # own phrases read from the file show once vetted
        self.vetter.ready.connect(self._on_personal_changed)
        self._loading = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._watcher.directoryChanged.connect(self._on_file_event)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(int(poll_minutes * 60_000))
        self._poll_timer.timeout.connect(self.fetch_now)
        self._downloaded.connect(self._on_downloaded)
        self._in_flight: set[str] = set()  # URLs being downloaded: one download per URL at a time
        self._asked = False  # the agent asked for an update: say how it went

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> Phrasebook:
        """The first load, synchronous and never slow: a URL's cached copy is used, then refreshed;
        own phrases show once vetted, a moment later."""
        self._loading = True
        try:
            return self._load()
        finally:
            self._loading = False

    def _load(self) -> Phrasebook:
        book, errors = checked_book(builtin.default_phrasebook())
        self._builtin = book or EMPTY_BOOK
        builtin_problems = list(errors)
        self.personal_file.load()  # its problems go to a banner of their own
        target = self._target()
        if target is None:
            self._compose(builtin_problems, tr("内置用语库有误。", "The built-in phrasebook is broken."))
        elif isinstance(target, AddressError):
            self._report_unusable(target, builtin_problems)
        elif isinstance(target, str):
            from assist.core.sources import cached_copy, offline_book

            if cached_copy(target) is not None:
                self._use_organisation(*offline_book(target), builtin_problems)
            else:  # no copy yet: the download starting now brings it, or says why not
                self._compose(builtin_problems, self._title())
            self._poll_timer.start()
            QTimer.singleShot(0, self.fetch_now)
        else:
            self._watch(target)
            self._load_organisation(target, builtin_problems)
        return self.book

    def _target(self) -> str | Path | AddressError | None:
        """The source: a checked http(s) URL, a file (also from a file:// URL), why it cannot be used, or None."""
        if self.location is None:
            return None
        try:
            return locate(self.location)
        except AddressError as error:
            return error

    def _report_unusable(self, error: AddressError, problems: list[Problem]) -> None:
        """An address that cannot be used: the banner says why, the last good book (if any) stays."""
        location = self.location or ""
        reason = Problem(location, Position(), error.zh if current() == "zh" else str(error))
        if self._organisation:
            title = tr(
                f"用语库地址 {location} 无法使用，仍使用上一版。",
                f"The phrasebook address {location} cannot be used; still using the last good version.",
            )
        else:
            title = tr(
                f"用语库地址 {location} 无法使用，已改用内置用语库。",
                f"The phrasebook address {location} cannot be used; showing the built-in phrasebook.",
            )
        self._compose([*problems, reason], title)

    def set_location(self, location: str | None) -> None:
        """Switch to another organisation book and load it; if it is broken, the built-in book shows.

        An address that cannot be used at all (a bad port, another scheme) keeps the book shown."""
        for watched in [*self._watcher.files(), *self._watcher.directories()]:
            self._watcher.removePath(watched)
        self._poll_timer.stop()
        self._asked = False
        self.location = location
        if not isinstance(self._target(), AddressError):
            self._organisation = None
        self.load()
        self.book_changed.emit(self.book)

    def reload(self) -> None:
        """Read the organisation's file again (the watcher calls this after a change)."""
        path = self._target()
        if not isinstance(path, Path):
            return
        self._watch(path)
        self._load_organisation(path, [])
        self.book_changed.emit(self.book)

    def refresh_now(self) -> None:
        """The agent's "update now": download a URL's book at once, or read the file again."""
        target = self._target()
        if target is None:
            self.status.emit(tr("正在使用内置用语库，无需更新", "Using the built-in phrasebook: nothing to update"))
        elif isinstance(target, AddressError):
            self._report_unusable(target, [])
        elif isinstance(target, str):
            self._asked = True
            self._poll_timer.start()  # the next poll, a whole interval from now
            self.fetch_now()
        else:
            self.reload()
            if not self.problems:
                self.status.emit(tr("✓ 已重新读取用语库", "✓ Phrasebook read again"))

    def fetch_now(self) -> None:
        """Revalidate a URL source in the background (unless that URL is being downloaded already)."""
        url = self._target()
        if not isinstance(url, str) or url in self._in_flight:
            return
        from assist.core.sources import Fetched, cached_copy, fetch

        self._in_flight.add(url)

        def download() -> None:
            try:
                fetched = fetch(url)
            except Exception as error:  # a defect must not leave the URL "in flight" and stop every later poll
                fetched = Fetched(url, cached_copy(url), error=repr(error), error_zh=repr(error))
            with contextlib.suppress(RuntimeError):  # the sidebar closed during the download
                self._downloaded.emit(fetched)

        threading.Thread(target=download, name="phrasebook-fetch", daemon=True).start()

    def _on_downloaded(self, fetched: Fetched) -> None:
        self._in_flight.discard(fetched.url)
        if fetched.url == self.location:  # else the agent chose another source meanwhile
            self._apply(fetched)
        self.fetched.emit(fetched)

    def _apply(self, fetched: Fetched) -> None:
        asked, self._asked = self._asked, False
        problems = list(fetched.problems) if fetched.book is None else []  # a book that loaded: warnings only
        if fetched.error and not problems:
            problems = [Problem(fetched.url, Position(), fetched.error_zh if current() == "zh" else fetched.error)]
        if fetched.book is not None:
            self._organisation = fetched.book
        title = self._title(fetched_from=fetched.url) if problems else ""
        if problems and fetched.book is not None:
            title = tr(
                "用语库已更新，但无法保存离线副本。", "Phrasebook updated, but its offline copy could not be kept."
            )
        self._compose(problems, title)
        if fetched.book is not None:
            self.book_changed.emit(self.book)
        if asked and not problems:
            updated = fetched.book is not None
            self.status.emit(
                tr("✓ 用语库已更新", "✓ Phrasebook updated")
                if updated
                else tr("✓ 用语库已是最新版本", "✓ The phrasebook is up to date")
            )

    def _load_organisation(self, path: Path, problems: list[Problem]) -> None:
        book, errors = checked_book(path)
        self._use_organisation(book, errors, problems)

    def _use_organisation(self, book: Phrasebook | None, errors: tuple[Problem, ...], problems: list[Problem]) -> None:
        if book is not None:
            self._organisation = book
        self._compose(problems + list(errors), self._title())

    def _title(self, fetched_from: str = "") -> str:
        """The banner's title: what is wrong with the organisation's book, and which book shows instead."""
        if fetched_from:
            if self._organisation:
                return tr(
                    f"无法从 {fetched_from} 更新用语库，仍使用上一版。",
                    f"Could not update the phrasebook from {fetched_from}; still using the last good version.",
                )
            return tr(
                f"无法从 {fetched_from} 获取用语库，已改用内置用语库。",
                f"Could not get the phrasebook from {fetched_from}; showing the built-in phrasebook.",
            )
        name, target = self.location or "", self._target()
        shown = target.name if isinstance(target, Path) and target.name else name
        if self._organisation:
            return tr(
                f"用语库 {shown} 有误或无法读取，仍使用上一版。",
                f"{shown} is broken or unreadable; still using the last good version.",
            )
        return tr(
            f"用语库 {shown} 有误或无法读取，已改用内置用语库。",
            f"{shown} is broken or unreadable; showing the built-in phrasebook.",
        )

    def _compose(self, problems: list[Problem], title: str) -> None:
        base = overlay(self._builtin, self._organisation) if self._organisation else self._builtin
        # The same check as phrases added in the window; while loading, off the UI thread.
        own, held = self.vetter.vet(base, self.personal.phrases, in_background=self._loading)
        self.book = with_personal(base, own)
        self.personal_file.hold_back(held)
        self._report(problems, title)

    def _report(self, problems: list[Problem], title: str) -> None:
        if problems:
            self.problems, self.title = problems, title
            self.problems_found.emit(title, problems)
        elif self.problems:
            self.problems, self.title = [], ""
            self.problems_cleared.emit()

    # -- watching -----------------------------------------------------------------------------

    def _watch(self, path: Path) -> None:
        """Watch the file and its folder: a save by rename replaces the file the watcher knew.

        A path the system refuses (a name too long, say) is not watched: loading it says why."""
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        with contextlib.suppress(OSError):
            folder = str(path.resolve().parent)
            if folder not in watched and Path(folder).is_dir():
                self._watcher.addPath(folder)
            if str(path) not in watched and path.exists():
                self._watcher.addPath(str(path))

    def _on_file_event(self, _path: str) -> None:
        self._reload_timer.start()

    # -- personal phrases and favourites ----------------------------------------------------
    # Each change raises personal_file.NotSaved, with the reason, when the file is not written.

    @property
    def personal(self) -> PersonalData:
        return self.personal_file.data

    def _on_personal_changed(self) -> None:
        self._compose(self.problems, self.title)
        self.book_changed.emit(self.book)

    def add_phrase(self, phrase: PersonalPhrase) -> None:
        self.personal_file.update(lambda data: PersonalData([*data.phrases, phrase], list(data.favourites)))

    def replace_phrase(self, situation: str, old: str, new: PersonalPhrase) -> None:
        def change(data: PersonalData) -> PersonalData:
            phrases = [new if (p.situation, p.text) == (situation, old) else p for p in data.phrases]
            favourites = [(s, new.text) if (s, t) == (situation, old) else (s, t) for s, t in data.favourites]
            return PersonalData(phrases, favourites)

        self.personal_file.update(change)

    def remove_phrase(self, situation: str, text: str) -> None:
        def change(data: PersonalData) -> PersonalData:
            kept = [p for p in data.phrases if (p.situation, p.text) != (situation, text)]
            return PersonalData(kept, [f for f in data.favourites if f != (situation, text)])

        self.personal_file.update(change)

    def toggle_favourite(self, situation: str, text: str) -> bool:
        """Pin or unpin a phrase; True when it is now pinned."""
        on = (situation, text) not in self.personal.favourites

        def change(data: PersonalData) -> PersonalData:
            kept = [f for f in data.favourites if f != (situation, text)]
            return PersonalData(list(data.phrases), [*kept, (situation, text)] if on else kept)

        self.personal_file.update(change)
        return on
