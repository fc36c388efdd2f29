"""Draws the page the navigator says is shown: its cards, its title, the selection."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from assist.core.model import Situation
from assist.core.numbering import key_digit
from assist.ui.copier import Copier
from assist.ui.guidance_page import GuidancePage
from assist.ui.i18n import book_words, counted, title_gloss, tr
from assist.ui.keymap import Binding
from assist.ui.navigator import Navigator, Page
from assist.ui.pages import CardsPage, KeysPage, SearchPage, SituationListPage, SituationPage
from assist.ui.search_box import SearchBox
from assist.ui.search_service import SearchService
from assist.ui.settings import Settings
from assist.ui.settings_page import SettingsPage


class PageView(QObject):
    page_shown = Signal(object)  # the Page now drawn

    def __init__(
        self,
        navigator: Navigator,
        copier: Copier,
        search_service: SearchService,
        settings: Settings,
        widgets: dict[Page, QWidget],
        stack: QStackedWidget,
        title: QLabel,
        nav_bar: QWidget,
        search_box: SearchBox,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.copier = copier
        self.search_service = search_service
        self.settings = settings
        self.widgets = widgets
        self.stack = stack
        self.title = title
        self.nav_bar = nav_bar
        self.search_box = search_box
        self.list_page: SituationListPage = widgets[Page.SITUATIONS]  # type: ignore[assignment]
        self.situation_page: SituationPage = widgets[Page.SITUATION]  # type: ignore[assignment]
        self.search_page: SearchPage = widgets[Page.SEARCH]  # type: ignore[assignment]
        self.guidance_page: GuidancePage = widgets[Page.GUIDANCE]  # type: ignore[assignment]
        self.keys_page: KeysPage = widgets[Page.KEYS]  # type: ignore[assignment]
        self.settings_page: SettingsPage = widgets[Page.SETTINGS]  # type: ignore[assignment]
        # Set by the window: what a situation page shows besides the book.
        self.helper_for: Callable[[Situation], QWidget | None] = lambda situation: None
        self.favourites_of: Callable[[Situation], set[str]] = lambda situation: set()
        self.personal = False
        self.bindings: Callable[[], tuple[Binding, ...]] = lambda: ()
        self.recent_rows: Callable[[], None] = lambda: None
        self._recent_stale = False
        self._guidance_shown_for: tuple[object, ...] | None = None
        navigator.page_changed.connect(self.draw)
        navigator.selection_changed.connect(self.select)

    def draw(self) -> None:
        navigator = self.navigator
        page, situation, book = navigator.page, navigator.situation, navigator.book
        if page is Page.SITUATIONS and self._recent_stale:
            self._recent_stale = False
            self.recent_rows()
        if page is Page.SITUATION and situation is not None:
            self.situation_page.show_situation(
                situation,
                self.copier.values(),
                book.placeholders,
                self.helper_for(situation),
                favourites=self.favourites_of(situation),
                personal=self.personal,
            )
            number = key_digit(book.situations.index(situation) + 1)
            gloss = title_gloss(situation.title, situation.title_en)
            self._set_title(f"{number}  {book_words(situation.title, situation.title_en)}", gloss)
        elif page is Page.SEARCH:
            hits = [card.hit for card in navigator.cards if card.hit is not None]
            titles = {s.id: book_words(s.title, s.title_en) for s in book.situations}
            self.search_page.show_hits(
                navigator.query, hits, self.copier.values(), book.placeholders, self.search_service.has_pinyin, titles
            )
            self._set_title(
                tr(f"搜索“{navigator.query}”", f"Search “{navigator.query}”"),
                tr(f"{len(hits)} 条 · Enter 复制", f"{counted(len(hits), 'hit')} · Enter copies"),
            )
        elif page is Page.GUIDANCE:
            self._set_title(tr("服务规范总则", "General guidance"))
            self.refresh_guidance()
        elif page is Page.KEYS:
            self._set_title(tr("快捷键", "Keyboard"))
            self.keys_page.show_bindings(self.bindings())
        elif page is Page.SETTINGS:
            self._set_title(tr("设置", "Settings"))
            self.settings_page.show_settings(book.placeholders, self.copier.values(), self.settings, self.bindings())
        self.nav_bar.setVisible(page is not Page.SITUATIONS)
        self.stack.setCurrentWidget(self.widgets[page])
        if page is not Page.SEARCH and self.search_box.text():
            self.search_box.blockSignals(True)  # another page was chosen: the search is over
            self.search_box.clear()
            self.search_box.blockSignals(False)
        self.page_shown.emit(page)

    def redraw(self) -> None:
        """Draw again what is shown (the glosses or the language changed), keeping the selection."""
        self._guidance_shown_for = None
        self.recent_rows()
        if self.navigator.page is not Page.SETTINGS:
            self.draw()
            self.select(self.navigator.selected)

    def recent_changed(self) -> None:
        if self.navigator.page is Page.SITUATIONS:
            self.recent_rows()
            situations = len(self.navigator.book.situations)
            if self.navigator.selected >= situations:  # a recent phrase copied again: it heads the list now
                self.navigator.select(situations)
            self.select(self.navigator.selected)  # the rows are new: show the selection on them
        else:
            self._recent_stale = True

    def book_changed(self) -> None:
        self._guidance_shown_for = None
        self.recent_rows()

    def refresh_guidance(self) -> None:
        """Build the guidance page when it is on screen and out of date (it is not needed at start)."""
        if self.navigator.page is not Page.GUIDANCE:
            return
        shown_for = (id(self.navigator.book), tuple(sorted(self.copier.values().items())))
        if self._guidance_shown_for != shown_for:
            self.guidance_page.show_guidance(self.navigator.book, self.copier.values())
            self._guidance_shown_for = shown_for

    def card_page(self) -> CardsPage | None:
        page = self.widgets[self.navigator.page]
        return page if isinstance(page, CardsPage) else None

    def select(self, index: int) -> None:
        if self.navigator.page is Page.SITUATIONS:
            self.list_page.select(index)
        elif (page := self.card_page()) is not None:
            page.select(index)

    def move(self, step: int) -> None:
        if self.navigator.page in (Page.GUIDANCE, Page.KEYS, Page.SETTINGS):
            self.widgets[self.navigator.page].scroll_by_page(step)  # type: ignore[attr-defined]
        else:
            self.navigator.move(step)

    def toggle(self, page: Page) -> None:
        if self.navigator.page is page:
            self.navigator.back()
        else:
            self.navigator.show_page(page)

    def _set_title(self, title: str, subtitle: str = "") -> None:
        second = f"<br><span style='color:#6a737d;font-size:12px'>{escape(subtitle)}</span>" if subtitle else ""
        self.title.setText(f"<b>{escape(title)}</b>{second}")
