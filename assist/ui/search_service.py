"""The search index of the book shown, built off the UI thread.

Reading a large book's pinyin takes a while (on a first start, a worker process imports pypinyin
and reads it, so that pypinyin's dictionaries never stay in the sidebar: see pinyin_worker.py), so
the full index is built in a background thread and swapped in when ready. Until then queries run on
a quick index without pinyin, built on first use: Chinese and English work from the first keystroke.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from assist.core.model import Phrasebook
from assist.ui.i18n import tr

if TYPE_CHECKING:
    from assist.core.search import Hit, Search


class SearchService(QObject):
    ready = Signal()  # the full index, pinyin included, is in use
    failed = Signal(str)
    _built = Signal(object, object)  # (book, Search), emitted from the worker thread

    def __init__(self, book: Phrasebook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self._full: Search | None = None
        self._quick: Search | None = None
        self._building = False
        self._built.connect(self._on_built)

    @property
    def book(self) -> Phrasebook:
        return self._book

    @property
    def has_pinyin(self) -> bool:
        return self._full is not None

    def set_book(self, book: Phrasebook) -> None:
        self._book, self._full, self._quick, self._building = book, None, None, False
        self.start()

    def start(self) -> None:
        """Build the full index in the background, once per book; `ready` says when it is in use."""
        if self._building or self._full is not None:
            return
        self._building = True
        threading.Thread(target=self._build, args=(self._book,), name="search-index", daemon=True).start()

    def query(self, text: str, limit: int = 20) -> list[Hit]:
        self.start()  # the agent searches before the index was due: build it now
        search = self._full
        if search is None:
            if self._quick is None:
                from assist.core.search import Search

                self._quick = Search(self._book, pinyin=False)
            search = self._quick
        return search.query(text, limit)

    def _build(self, book: Phrasebook) -> None:
        try:
            from assist.core.search import Search

            search = Search(book)
        except Exception as error:  # reported, never fatal: search still works without pinyin
            self.failed.emit(tr(f"拼音索引无法建立：{error}", f"Pinyin search unavailable: {error}"))
            return
        with contextlib.suppress(
            RuntimeError
        ):  # the sidebar closed while the index was being built: nobody is waiting for it
            self._built.emit(book, search)

    def _on_built(self, book: Phrasebook, search: Search) -> None:
        if book is self._book:  # not a book that has since been replaced
            self._full = search
            self.ready.emit()
