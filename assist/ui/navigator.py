"""What the sidebar shows and which card is selected: the state the widgets observe.

The widgets hold no logic of their own: keys and clicks call the navigator, and the
navigator's signals tell the widgets what to redraw.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from assist.core.model import Forbidden, Phrase, Phrasebook, Situation

if TYPE_CHECKING:  # the search module (and rapidfuzz) loads after the window is up
    from assist.core.search import Hit


class Page(Enum):
    SITUATIONS = "situations"
    SITUATION = "situation"
    GUIDANCE = "guidance"
    KEYS = "keys"
    SEARCH = "search"
    SETTINGS = "settings"


@dataclass(frozen=True, slots=True)
class Card:
    """A card on a situation page: a standard phrase, or a forbidden one with what to say instead."""

    phrase: Phrase  # the phrase this card copies: its own, or a forbidden entry's replacement
    forbidden: Forbidden | None = None
    hit: Hit | None = None  # on the search page: the hit this card shows


def cards_of(situation: Situation) -> list[Card]:
    standard = [Card(phrase) for phrase in situation.phrases]
    forbidden = [Card(situation.replacement_for(entry), entry) for entry in situation.forbidden]
    return standard + forbidden


class Navigator(QObject):
    page_changed = Signal()
    selection_changed = Signal(int)
    book_changed = Signal()

    def __init__(self, book: Phrasebook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.page = Page.SITUATIONS
        self.situation: Situation | None = None
        self.cards: list[Card] = []  # the copyable cards of the page shown: a situation's, or search hits
        self.selected = 0  # the highlighted situation on the list page, else the selected card
        self.query = ""
        self.extra_rows = 0  # rows under the situations on the list page (the recent phrases)
        self._before_search: tuple[Page, Situation | None] | None = None

    def set_book(self, book: Phrasebook) -> None:
        """Show another book, staying on the same situation when the new book has it."""
        shown = self.situation.id if self.situation else None
        self.book = book
        self.book_changed.emit()
        index = self._index_of(shown)
        # The new book's own situation (or none): never keep an object of the book that was replaced.
        self.situation = book.situations[index] if index is not None else None
        if self.page is Page.SITUATION and index is not None:
            self.open_situation(index)
        elif self.page is Page.SITUATION:
            self.back()
        else:
            self._select(min(self.selected, len(self._selectable()) - 1))

    def _index_of(self, situation_id: str | None) -> int | None:
        """Where the situation with this id is in the book shown now."""
        return next((i for i, situation in enumerate(self.book.situations) if situation.id == situation_id), None)

    def open_situation(self, index: int) -> bool:
        if not 0 <= index < len(self.book.situations):
            return False
        self.situation = self.book.situations[index]
        self.cards = cards_of(self.situation)
        self.page = Page.SITUATION
        self.selected = 0
        self.page_changed.emit()
        self.selection_changed.emit(self.selected)
        return True

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        """Show search results; the page shown before the search comes back when it is closed."""
        if self.page is not Page.SEARCH:
            self._before_search = (self.page, self.situation)
        self.query = query
        self.cards = [Card(hit.phrase, hit=hit) for hit in hits if hit.phrase is not None]
        self.page = Page.SEARCH
        self.selected = 0
        self.page_changed.emit()
        self.selection_changed.emit(self.selected)

    def close_search(self) -> None:
        """Leave the search page for the page that was shown before it."""
        if self.page is not Page.SEARCH:
            return
        page, situation = self._before_search or (Page.SITUATIONS, None)
        self._before_search = None
        self.query = ""
        index = self._index_of(situation.id if situation else None)
        if page is Page.SITUATION and index is not None:
            self.open_situation(index)
        else:
            self.show_page(Page.SITUATIONS if page is Page.SITUATION else page)

    def show_page(self, page: Page) -> None:
        if page in (Page.SITUATION, Page.SEARCH):
            raise ValueError("open a situation with open_situation(), search results with show_hits()")
        if page is Page.SITUATIONS:
            index = self._index_of(self.situation.id if self.situation else None)
            self.selected = index if index is not None else 0
        self.page = page
        self.page_changed.emit()
        self.selection_changed.emit(self.selected)

    def back(self) -> None:
        self.show_page(Page.SITUATIONS)

    def move(self, step: int) -> None:
        count = len(self._selectable())
        if count:
            self._select(max(0, min(count - 1, self.selected + step)))

    def select(self, index: int) -> None:
        if 0 <= index < len(self._selectable()):
            self._select(index)

    def phrase_card(self, number: int) -> int | None:
        """The card index of phrase `number` (1-based): of the situation shown, or the n-th search hit."""
        if self.page is Page.SEARCH:
            return number - 1 if 1 <= number <= len(self.cards) else None
        if self.page is not Page.SITUATION or self.situation is None:
            return None
        return number - 1 if 1 <= number <= len(self.situation.phrases) else None

    def _selectable(self) -> list[object]:
        if self.page is Page.SITUATIONS:
            return [*self.book.situations, *range(self.extra_rows)]
        if self.page in (Page.SITUATION, Page.SEARCH):
            return list(self.cards)
        return []

    def _select(self, index: int) -> None:
        self.selected = max(index, 0)
        self.selection_changed.emit(self.selected)
