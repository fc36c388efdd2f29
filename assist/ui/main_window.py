"""The sidebar window: its layout and its Qt events. What it does lives in the controllers, and every
key, menu entry and socket command reaches them through the command table (command_runner.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QWidget

from assist.core.model import Phrasebook, Situation
from assist.core.problems import Problem
from assist.ui.appearance import Appearance
from assist.ui.book_source import BookSource
from assist.ui.call_controller import CallController
from assist.ui.call_messages import CallMessages
from assist.ui.command_runner import CommandRunner
from assist.ui.copier import Copier
from assist.ui.copying import Copying
from assist.ui.draft_control import DraftControl
from assist.ui.focus import FocusRule
from assist.ui.geometry import docked, fit_on_screen
from assist.ui.helper_panels import HelperPanels
from assist.ui.hold_alert import HoldAlert
from assist.ui.i18n import book_words, choose, show_glosses, tr
from assist.ui.key_settings import KeySettings
from assist.ui.locks import refused_by_centre
from assist.ui.navigator import Navigator, Page
from assist.ui.page_view import PageView
from assist.ui.personal_phrases import PersonalPhrases
from assist.ui.presence import Presence
from assist.ui.search_service import SearchService
from assist.ui.settings import PROFILE_GROUP, Settings
from assist.ui.summon import Summon
from assist.ui.window_commands import connect_signals, register_commands
from assist.ui.window_layout import build_layout

GEOMETRY_SAVE_DELAY_MS = 800
SEARCH_HITS = 20
# The pinyin index is built in the background a moment after the window is up, so that its work
# (on a first start, importing pypinyin) never competes with showing the window.
SEARCH_INDEX_DELAY_MS = 1000


class SidebarWindow(QWidget):
    def __init__(
        self,
        book: Phrasebook,
        settings: Settings,
        put_on_clipboard: Callable[[str], None] | None = None,
        directory: object | None = None,
        clock: Callable[[], float] = time.monotonic,
        source: BookSource | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("sidebar")
        # The window itself holds the focus while no field is in use, so that Enter and Esc reach the cards.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.settings = settings
        choose(str(settings.get("appearance/language")))  # before any widget is built with its words
        self.setWindowTitle(tr("Assist · 96128 规范服务用语", "Assist · 96128 phrases"))
        show_glosses(bool(settings.get("appearance/show_glosses")))
        self.navigator = Navigator(book, self)
        self.put_on_clipboard = put_on_clipboard or _set_clipboard_text
        self.copier = Copier(settings, self.put_on_clipboard, self)
        self.search_service = SearchService(book, self)
        self.calls = CallController(float(settings.get("hold/threshold_seconds")), clock, self)
        self.source = source  # keeps the book up to date and holds the agent's own phrases
        if source is not None and source.parent() is None:
            # Owned by the window, so Qt deletes it (and its file watcher) here, on this thread;
            # left to Python's garbage collector it could go on any thread, and that crashes Qt.
            source.setParent(self)
        self.closes_to_tray = False  # set when a tray icon exists: closing then hides the sidebar
        self.menu = None  # the ☰ menu, built when first opened
        self._situation_of: dict[int, Situation] = {}  # id(phrase) → its situation
        self._started = False
        self._shown: tuple[object, str] = (None, "")
        self._same_page = False
        build_layout(self)
        self.runner = CommandRunner(settings, self)
        self.focus = FocusRule(self, self._left_behind, self._first_prompt)
        self.view = PageView(
            self.navigator,
            self.copier,
            self.search_service,
            settings,
            self.pages,
            self.stack,
            self.page_title,
            self.nav_bar,
            self.search_box,
            self,
        )
        self.copying = Copying(
            self.navigator, self.copier, self.calls, settings, self.view, self.status, self.focus, self
        )
        self.copying.situation_of = lambda phrase: self._situation_of.get(id(phrase))
        self.helpers = HelperPanels(
            self.navigator,
            self.copier,
            self.calls,
            self.situation_page,
            self.status,
            self.focus,
            directory,  # type: ignore[arg-type]
            self.put_on_clipboard,
            self,
        )
        self.personal = PersonalPhrases(
            source, self.navigator, self.situation_page, self.status, self.runner.keys_of, self.copying.filled, self
        )
        self.appearance = Appearance(self, settings, self.status, self.view.redraw)
        self.keys = KeySettings(self.runner, self.status, self)
        self.draft = DraftControl(
            self.splitter,
            self.copier,
            lambda: self.navigator.book,
            self.copying.filled,
            self.put_on_clipboard,
            self.status,
            self.focus,
            self,
        )
        self.presence = Presence(self, self.navigator, self.copier)
        self.call_messages = CallMessages(self.calls, self.copier, settings, self.status, self.call_strip, self)
        self.hold_alert = HoldAlert(self, self.calls, settings)  # the reminder when the sidebar is out of view
        self.summon = Summon(self, settings, self.copier.copied, clock)  # the global key's way back to the softphone
        self.summon.paste_failed.connect(self.status.say)
        self.view.helper_for = self.helpers.panel_for
        self.view.favourites_of = lambda situation: self.personal.favourites_of(situation.id)
        self.view.personal = source is not None
        self.view.bindings = self.runner.bindings
        self.view.recent_rows = self._show_recent
        self.copier.is_profile_value = self._is_profile_value
        connect_signals(self)
        register_commands(self)
        self.runner.build_actions()
        self._on_book_changed()
        self.view.draw()
        self.view.select(0)
        self._ask_profile_on_first_start()

    # -- building -----------------------------------------------------------------------------

    # -- the focus rule's questions -------------------------------------------------------------

    def on_page_changed(self) -> None:
        shown = (self.navigator.page, self.navigator.situation.id if self.navigator.situation else "")
        self._same_page, self._shown = shown == self._shown, shown  # the same page drawn again (a new book)
        self.focus.page_changed()

    def _left_behind(self, widget: QWidget) -> bool:
        """When another page is shown: the search box (unless searching: its cursor would catch Enter
        for nothing), the profile prompt, and any field of the pages (Qt moves the focus to the next
        field when the focused one goes with its page; no one chose it)."""
        if widget is self.search_box:
            return self.navigator.page is not Page.SEARCH
        return self.profile_bar.isAncestorOf(widget) or (not self._same_page and self.stack.isAncestorOf(widget))

    def _first_prompt(self) -> QWidget | None:
        form = self.profile_bar.form
        if not self.profile_bar.isVisible() or form is None:
            return None
        empty = [field for field in form.fields.values() if not field.text().strip()]
        return (empty or list(form.fields.values()) or [None])[0]

    def _is_profile_value(self, name: str) -> bool:
        placeholder = self.navigator.book.placeholders.get(name)
        return placeholder is None or placeholder.profile

    # -- what the window itself does -------------------------------------------------------------

    def back(self) -> None:
        """Esc: close the open form or leave the draft or the search; else back to the list.

        On the list, it puts off the first-start profile prompt.
        """
        if self.copying.values_form is not None:
            self.copying.close_form()
        elif self.draft.leave():
            pass
        elif self.navigator.page is Page.SEARCH:
            self.clear_search()
        elif self.navigator.page is Page.SITUATIONS and self.profile_bar.isVisible():
            self.profile_bar.hide()
            self._on_profile_dismissed()
        else:
            self.navigator.back()

    def focus_search(self) -> None:
        self.focus.to_field(self.search_box)
        self.search_box.selectAll()

    def clear_search(self) -> None:
        """Esc in the search: empty the box, show the page from before the search, give the keys back."""
        self.search_box.clear()  # textChanged closes the search page
        self.navigator.close_search()
        self.focus.to_cards()

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self.navigator.show_hits(text, self.search_service.query(text, SEARCH_HITS))
        else:
            self.navigator.close_search()

    def _on_search_accepted(self) -> None:
        if self.navigator.page is Page.SEARCH:
            self.copying.copy_card(self.navigator.selected)

    def _on_search_ready(self) -> None:
        if self.navigator.page is Page.SEARCH:  # the pinyin index arrived while a search was shown
            self._on_search_text(self.search_box.text())

    def _on_book_changed(self) -> None:
        book = self.navigator.book
        short = tr(book.short_name or book.name, book.short_name_en or book.name_en or book.short_name or book.name)
        self.book_label.set_full_text(short)
        self.book_label.setToolTip(f"{book_words(book.name, book.name_en)}\n{book.source}".strip())
        self._situation_of = {id(phrase): situation for situation in book.situations for phrase in situation.phrases}
        self.view.book_changed()
        self.call_strip.show_book(book)
        if self.search_service.book is not book:
            self.search_service.set_book(book)
        self.draft.book_changed(book)

    def _show_recent(self) -> None:
        entries = self.copying.recent()
        self.list_page.show_book(self.navigator.book, entries, self.copying.filled)
        self.navigator.extra_rows = len(entries)

    def _on_recent_clicked(self, index: int) -> None:
        entries = self.copying.recent()
        if 0 <= index < len(entries):
            self.copying.copy_recent(*entries[index])
            self.focus.settle()

    def _on_values_changed(self) -> None:
        values, placeholders = self.copier.values(), self.navigator.book.placeholders
        for page in (self.situation_page, self.search_page):
            page.show_values(values, placeholders)
        self.draft.values_changed()
        self.view.refresh_guidance()

    def _on_profile_saved(self, values: dict) -> None:
        self.copier.remember(values)
        self.focus.settle()
        self.status.say(tr("✓ 资料已保存", "✓ Details saved"))

    def _on_profile_dismissed(self) -> None:
        self.settings.set("profile/dismissed", True)
        self.focus.settle()

    def _on_edit_profile(self) -> None:
        if self.profile_bar.isVisible():
            self.profile_bar.hide()
            self.focus.settle()
        else:
            placeholders = self.navigator.book.placeholders
            unlocked = [name for name in placeholders if not self.settings.is_locked(f"{PROFILE_GROUP}/{name}")]
            self.profile_bar.ask(placeholders, self.copier.values(), unlocked)
            if (field := self._first_prompt()) is not None:
                self.focus.to_field(field)

    def _ask_profile_on_first_start(self) -> None:
        placeholders = self.navigator.book.placeholders
        values = self.copier.values()
        missing = [name for name, item in placeholders.items() if item.profile and not values.get(name)]
        if missing and not self.settings.get("profile/dismissed"):
            self.profile_bar.ask(placeholders, values, missing)  # not what the centre already set

    # -- the phrasebook and its problems ----------------------------------------------------------

    def show_problems(self, title: str, problems: Sequence[Problem]) -> None:
        """Show a phrasebook's problems in the banner, and keep them reachable from the ⚠ button."""
        self.banner.show_problems(title, problems)
        self.problems_button.setVisible(bool(problems))
        self.problems_button.setToolTip(title)
        self.status.clear("book")  # "updated" is no longer true

    def _on_problems_cleared(self) -> None:
        self.banner.problems = []
        self.banner.hide()
        self.problems_button.hide()
        self.status.say(tr("✓ 用语库已更新", "✓ Phrasebook updated"), cause="book")

    def set_source(self, location: str) -> None:
        """Use another organisation phrasebook (a path or URL; empty: the built-in book only)."""
        if refused_by_centre(self.settings, self.status, "phrasebook/source"):
            return
        self.settings.set("phrasebook/source", location)
        if self.source is None:
            return
        self.source.set_location(location or None)
        self.status.say(tr(f"用语库：{location or '内置'}", f"Phrasebook: {location or 'built-in'}"))

    # -- the menu, and what the app, the tray and the socket reach --------------------------------

    def open_menu(self) -> None:
        from assist.ui.app_menu import SidebarMenu

        if self.menu is None:
            self.menu = SidebarMenu(self.runner, self.situation_titles, self)
        self.menu.popup(self.menu_button.mapToGlobal(self.menu_button.rect().bottomLeft()))

    def situation_titles(self) -> list[tuple[str, str]]:
        return [
            (situation.id, tr(situation.title, situation.title_en or situation.title))
            for situation in self.navigator.book.situations
        ]

    # -- kept for the app, the tests and the tray ---------------------------------------------------

    def handle_command(self, request: dict) -> dict:
        """A command from another `assist` process (see instance.py): any command of the table."""
        return self.runner.handle_request(request)

    @property
    def actions_by_key(self) -> dict:
        return self.runner.actions_by_key

    @property
    def _values_form(self):  # the form open in a card, where older tests look for it
        return self.copying.values_form

    @property
    def draft_panel(self):
        return self.draft.panel

    def rebind(self, action: str, key: str) -> str | None:
        return self.keys.rebind(action, key)

    def reset_keys(self) -> None:
        self.keys.reset()
        if self.navigator.page is Page.SETTINGS:
            self.view.draw()

    def use_hotkey(self, hotkey: object) -> None:
        self.keys.use_hotkey(hotkey, self._on_hotkey)  # type: ignore[arg-type]

    def _on_hotkey(self) -> None:
        """The global key: bring the sidebar up with the cursor in the search, or put it away."""
        self.summon.key_pressed(reveal=lambda: (self.presence.reveal(), self.focus_search()))

    def apply_appearance(self) -> None:
        self.appearance.apply()

    # -- geometry and Qt events ---------------------------------------------------------------------

    def place(self) -> None:
        """Restore the saved geometry, kept whole on a screen that exists now; else dock at the right edge."""
        saved = self.settings.get("window/geometry")
        valid = isinstance(saved, QRect) and saved.isValid()
        self.setGeometry(fit_on_screen(saved) if valid else docked(str(self.settings.get("window/dock"))))
        self.appearance.set_on_top(bool(self.settings.get("window/always_on_top")), show=False)

    def save_geometry(self) -> None:
        # The window's own rectangle, not Qt's saveGeometry(): that one guesses frame sizes, and
        # without a window manager the guess moves the window down a little at every start.
        self.settings.set("window/geometry", self.geometry())

    def moveEvent(self, event) -> None:
        super().moveEvent(event)
        if self.isVisible():
            self._geometry_timer.start(GEOMETRY_SAVE_DELAY_MS)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._geometry_timer.start(GEOMETRY_SAVE_DELAY_MS)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus.on_shown()
        if not self._started:
            self._started = True
            handle = self.windowHandle()
            if handle is not None:
                handle.screenChanged.connect(self.appearance.on_screen_changed)
                QGuiApplication.instance().screenRemoved.connect(self.appearance.on_screen_changed)
                QGuiApplication.styleHints().colorSchemeChanged.connect(self.appearance.on_color_scheme_changed)
            QTimer.singleShot(SEARCH_INDEX_DELAY_MS, self.search_service.start)
            QTimer.singleShot(SEARCH_INDEX_DELAY_MS, self.helpers.read_pinyin)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        if self.closes_to_tray:
            event.ignore()  # still in the tray: its menu quits
            self.hide()
            return
        super().closeEvent(event)


def _set_clipboard_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
