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
from assist.core.book_address import AddressError
from assist.core.book_keeper import EMPTY_BOOK, BookKeeper, Verdict
from assist.core.load_cache import checked_book
from assist.core.model import Phrasebook
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
from assist.core.problems import Problem
from assist.ui.book_titles import title_text
from assist.ui.i18n import tr
from assist.ui.personal_file import PersonalFile
from assist.ui.phrase_vetter import PhraseVetter

if TYPE_CHECKING:  # the URL machinery (http.client, ssl) loads only for a URL source
    from assist.core.sources import Fetched


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
        self.keeper = BookKeeper(location)  # the rules: which book shows, which problems, which title
        self.store = personal
        self.personal_file = PersonalFile(personal, self)  # refuses saves while the file is damaged
        self.personal_file.changed.connect(self._on_personal_changed)
        self.verdict = Verdict()  # the problems shown, and the banner's title
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
        builtin_verdict = self.keeper.take_builtin(*checked_book(builtin.default_phrasebook()))
        builtin_problems = builtin_verdict.problems
        self.personal_file.load()  # its problems go to a banner of their own
        target = self.keeper.target()
        if target is None:
            self._compose(builtin_verdict)
        elif isinstance(target, AddressError):
            self._compose(self.keeper.unusable(target, builtin_problems))
        elif isinstance(target, str):
            from assist.core.sources import cached_copy, offline_book

            if cached_copy(target) is not None:
                self._compose(self.keeper.loaded(*offline_book(target), builtin_problems))
            else:  # no copy yet: the download starting now brings it, or says why not
                self._compose(self.keeper.waiting_for_download(builtin_problems))
            self._poll_timer.start()
            QTimer.singleShot(0, self.fetch_now)
        else:
            self._watch(target)
            self._compose(self.keeper.loaded(*checked_book(target), builtin_problems))
        return self.book

    @property
    def location(self) -> str | None:
        return self.keeper.location

    def set_location(self, location: str | None) -> None:
        """Switch to another organisation book and load it; if it is broken, the built-in book shows.

        An address that cannot be used at all (a bad port, another scheme) keeps the book shown."""
        for watched in [*self._watcher.files(), *self._watcher.directories()]:
            self._watcher.removePath(watched)
        self._poll_timer.stop()
        self._asked = False
        self.keeper.switch(location)
        self.load()
        self.book_changed.emit(self.book)

    def reload(self) -> None:
        """Read the organisation's file again (the watcher calls this after a change)."""
        path = self.keeper.target()
        if not isinstance(path, Path):
            return
        self._watch(path)
        self._compose(self.keeper.loaded(*checked_book(path)))
        self.book_changed.emit(self.book)

    def refresh_now(self) -> None:
        """The agent's "update now": download a URL's book at once, or read the file again."""
        target = self.keeper.target()
        if target is None:
            self.status.emit(tr("正在使用内置用语库，无需更新", "Using the built-in phrasebook: nothing to update"))
        elif isinstance(target, AddressError):
            self._compose(self.keeper.unusable(target))
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
        url = self.keeper.target()
        if not isinstance(url, str) or url in self._in_flight:
            return
        from assist.core.sources import Fetched, cached_copy, fetch

        self._in_flight.add(url)

        def download() -> None:
            try:
                fetched = fetch(url)
            except Exception as error:  # a defect must not leave the URL "in flight" and stop every later poll
                fetched = Fetched(url, cached_copy(url), error=repr(error), error_zh="下载时出现意外错误，请稍后重试")
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
        verdict = self.keeper.fetched(fetched)
        self._compose(verdict)
        if verdict.new_book:
            self.book_changed.emit(self.book)
        if asked and not verdict.problems:
            self.status.emit(
                tr("✓ 用语库已更新", "✓ Phrasebook updated")
                if verdict.new_book
                else tr("✓ 用语库已是最新版本", "✓ The phrasebook is up to date")
            )

    def _compose(self, verdict: Verdict) -> None:
        # The same check as phrases added in the window; while loading, off the UI thread.
        own, held = self.vetter.vet(self.keeper.base, self.personal.phrases, in_background=self._loading)
        self.book = self.keeper.book_with(own)
        self.personal_file.hold_back(held)
        self._report(verdict)

    def _report(self, verdict: Verdict) -> None:
        if verdict.problems:
            self.verdict = verdict
            self.problems_found.emit(self.title, list(verdict.problems))
        elif self.problems:
            self.verdict = Verdict()
            self.problems_cleared.emit()

    @property
    def problems(self) -> list[Problem]:
        return list(self.verdict.problems)

    @property
    def title(self) -> str:
        """The banner's title, in the interface's language ("" while nothing is wrong)."""
        return title_text(self.verdict.title) if self.verdict.title and self.verdict.problems else ""

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
        self._compose(self.verdict)
        self.book_changed.emit(self.book)

    def add_phrase(self, phrase: PersonalPhrase) -> None:
        self.personal_file.update(lambda data: data.with_phrase(phrase))

    def replace_phrase(self, situation: str, old: str, new: PersonalPhrase) -> None:
        self.personal_file.update(lambda data: data.with_replaced(situation, old, new))

    def remove_phrase(self, situation: str, text: str) -> None:
        self.personal_file.update(lambda data: data.without(situation, text))

    def toggle_favourite(self, situation: str, text: str) -> bool:
        """Pin or unpin a phrase; True when it is now pinned."""
        on = (situation, text) not in self.personal.favourites
        self.personal_file.update(lambda data: data.with_favourite(situation, text, on))
        return on
