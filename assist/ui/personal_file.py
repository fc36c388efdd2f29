"""The agent's personal file as the sidebar holds it: what it could read, and whether saves are refused.

A damaged file (a YAML error, a wrong type, an unreadable file) is never written over: every save
is refused with the reason until the agent fixes the file by hand (noticed by a file watcher, and
at the next save) or keeps it aside and starts afresh. The watcher notices a change that damages
the file as it notices a fix. Own phrases with forbidden wording are held back (`hold_back`): never
offered to copy, reported with their line, and kept in the file for the agent to correct.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from assist.core.personal import HeldBack, PersonalData, PersonalFileDamaged, PersonalStore
from assist.core.problems import Problem, has_errors
from assist.ui.i18n import tr

RECHECK_DELAY_MS = 300  # editors write a file in several steps: wait for them to finish


class NotSaved(Exception):
    """An own phrase or favourite was not saved; the message says why and what to do, in the
    interface's language."""


class PersonalFile(QObject):
    changed = Signal()  # the phrases or favourites changed: the book must be shown again
    damage_changed = Signal(object)  # the errors of the file (a tuple of Problem); empty: it reads whole
    refused = Signal()  # a save was refused because the file is damaged
    refusal_lifted = Signal(str)  # a refusal given earlier (its message) no longer holds: saves go through
    held_back_changed = Signal()  # the own phrases held back for forbidden wording changed

    def __init__(self, store: PersonalStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.data = PersonalData()
        self.problems: tuple[Problem, ...] = ()
        self.held_back: tuple[HeldBack, ...] = ()
        self._refusal_given = ""  # the last NotSaved message, until saves go through again
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._watcher.directoryChanged.connect(self._on_file_event)
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self._on_recheck_due)

    @property
    def damaged(self) -> bool:
        return has_errors(self.problems)

    def load(self) -> None:
        data, problems = self.store.load()
        self._show(data, tuple(problem for problem in problems if has_errors([problem])))

    def recheck(self) -> None:
        """Read the file again (the agent's "read again")."""
        self.load()

    def hold_back(self, held: tuple[HeldBack, ...]) -> None:
        """The own phrases the checker held back from the book shown (see BookSource)."""
        if [(h, h.phrase.position) for h in held] != [(h, h.phrase.position) for h in self.held_back]:
            self.held_back = held
            self.held_back_changed.emit()

    def update(self, change: Callable[[PersonalData], PersonalData]) -> None:
        """Change the phrases or favourites and save them; raise NotSaved with the reason if refused."""
        try:
            data = self.store.update(change)
        except PersonalFileDamaged as damaged:
            self._show(self.store.data, damaged.problems)
            self.refused.emit()
            raise self._not_saved(self.refusal()) from None
        except OSError as error:
            self._show(self.store.data, self.store.problems)  # as read from disk before the write failed
            raise self._not_saved(
                tr(
                    f"未保存：无法写入 {self.store.path}（{error.strerror or error}）",
                    f"Not saved: cannot write {self.store.path} ({error.strerror or error})",
                )
            ) from None
        self._show(data, ())

    def keep_aside_and_start_afresh(self) -> Path | None:
        """Keep the damaged file beside as `….damaged-<time>` and save what could be read; None if
        the file was gone already. Raise NotSaved if it cannot be moved."""
        try:
            kept = self.store.keep_aside_and_start_afresh()
        except FileNotFoundError:  # gone meanwhile (deleted by hand): nothing to keep
            self.recheck()
            return None
        except OSError as error:
            raise NotSaved(
                tr(
                    f"无法移开 {self.store.path}（{error.strerror or error}）",
                    f"Cannot move {self.store.path} aside ({error.strerror or error})",
                )
            ) from None
        self._show(self.store.data, ())
        return kept

    def refusal(self) -> str:
        """Why saves are refused, where the file is wrong and what the agent can do."""
        first = self.problems[0] if self.problems else None
        line, column = (first.position.line, first.position.column) if first else (1, 1)
        return tr(
            f"未保存：我的用语文件 {self.store.path} 第 {line} 行第 {column} 列有误，为免覆盖其中的用语，"
            "暂不保存。请修正该文件，或在上方提示中选择“保留副本，重新开始”。",
            f"Not saved: your phrases file {self.store.path} has an error at line {line}, column {column}; "
            "it is not written over. Fix the file, or choose “Keep a copy, start afresh” above.",
        )

    def _not_saved(self, message: str) -> NotSaved:
        self._refusal_given = message
        return NotSaved(message)

    def _show(self, data: PersonalData, problems: tuple[Problem, ...]) -> None:
        self._watch()
        if data != self.data:
            self.data = data
            self.changed.emit()
        if problems != self.problems:
            self.problems = problems
            self.damage_changed.emit(problems)
        if not problems and self._refusal_given:
            given, self._refusal_given = self._refusal_given, ""
            self.refusal_lifted.emit(given)

    def _watch(self, on: bool = True) -> None:
        """Watch the file and its folder (an editor may save by renaming a new file over the old one):
        the agent may fix the file, or damage it, by hand while the sidebar runs."""
        watched = [*self._watcher.files(), *self._watcher.directories()]
        if watched:
            self._watcher.removePaths(watched)
        path = self.store.path
        if on:
            for place in (path.parent, path):
                if place.exists():
                    self._watcher.addPath(str(place))

    def _on_file_event(self, _path: str) -> None:
        self._recheck_timer.start()

    def _on_recheck_due(self) -> None:
        """A change in the file's folder: read the file again if its bytes changed (other files there
        change too, and each of the sidebar's own saves is seen)."""
        if self.store.changed_on_disk():
            self.load()
        else:
            self._watch()  # a file renamed over the old one is watched anew
