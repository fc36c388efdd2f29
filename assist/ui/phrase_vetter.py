"""Vetting the agent's own phrases, read from their file, with the checker of the book they join.

The first checker of a run takes a few tenths of a second to build (its patterns compile), too long
to hold up the window's first paint, so at a load it is built off the UI thread. Until it is ready
no own phrase is shown: none is ever offered unvetted. `ready` says when to vet again. Later (after
a save, or when the phrasebook changes) the checker is built at once, mostly from Python's cache of
compiled patterns, so what the agent just added shows at once.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from assist.core.model import Phrasebook
from assist.core.personal import HeldBack, PersonalPhrase, vetted

if TYPE_CHECKING:
    from assist.core.checker import Checker


class PhraseVetter(QObject):
    ready = Signal()  # a checker for the book is built: vet the phrases again
    _built = Signal(object)  # a Checker, from the thread that built it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checker: Checker | None = None
        self._building: Phrasebook | None = None  # the book whose checker is being built
        self._built.connect(self._on_built)

    @property
    def busy(self) -> bool:
        return self._building is not None

    def vet(
        self, book: Phrasebook, phrases: list[PersonalPhrase], in_background: bool = False
    ) -> tuple[list[PersonalPhrase], tuple[HeldBack, ...]]:
        """The phrases the checker lets through and those it holds back. `in_background`: if the
        checker for `book` is not built yet, none of either until it is (`ready` follows)."""
        if not phrases:
            return [], ()
        built = self._checker is not None and self._checker.book == book
        if not built and not in_background and self._building is None:
            from assist.core.checker import Checker

            self._checker, built = Checker(book), True
        if built and self._checker is not None:
            return vetted(self._checker, phrases)
        if self._building is None or self._building != book:
            self._building = book
            threading.Thread(target=self._build, args=(book,), name="own-phrase-checker", daemon=True).start()
        return [], ()

    def _build(self, book: Phrasebook) -> None:
        from assist.core.checker import Checker

        checker = Checker(book)
        with contextlib.suppress(RuntimeError):  # the sidebar closed meanwhile: nobody is waiting
            self._built.emit(checker)

    def _on_built(self, checker: Checker) -> None:
        self._checker = checker
        if self._building is not None and self._building == checker.book:
            self._building = None
        self.ready.emit()
