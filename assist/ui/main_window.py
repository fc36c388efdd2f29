"""The sidebar window: header, banners, the page stack and the status line, wired to the navigator."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.core import templates
from assist.core.call import Call
from assist.core.model import Helper, Phrase, Phrasebook, Situation
from assist.core.problems import Problem
from assist.ui.banner import ProblemBanner
from assist.ui.book_source import BookSource
from assist.ui.call_controller import CallController
from assist.ui.call_strip import CallStrip, summary_lines
from assist.ui.cards import ElidedLabel
from assist.ui.copier import Copier
from assist.ui.geometry import docked, fit_on_screen
from assist.ui.helpers import ComplaintPanel, DirectoryPanel, SilentCallerPanel
from assist.ui.hold_alert import HoldAlert
from assist.ui.i18n import choose, glosses_shown, show_glosses, tr
from assist.ui.keymap import Binding, binding, conflict, effective
from assist.ui.navigator import Navigator, Page
from assist.ui.pages import (
    BackButton,
    CardsPage,
    GuidancePage,
    KeysPage,
    SearchPage,
    SituationListPage,
    SituationPage,
)
from assist.ui.personal_banner import PersonalFileBanner
from assist.ui.personal_file import NotSaved
from assist.ui.profile_bar import ProfileBar
from assist.ui.search_box import SearchBox
from assist.ui.search_service import SearchService
from assist.ui.settings import PROFILE_GROUP, Settings
from assist.ui.settings_page import SettingsPage
from assist.ui.summon import Summon
from assist.ui.values_form import ValuesForm

if TYPE_CHECKING:  # built on first use: the checker is not needed to show the window
    from assist.core.directory import Department, DirectoryIndex, DirectoryResult
    from assist.ui.draft_panel import DraftPanel
    from assist.ui.hotkey import GlobalHotkey
    from assist.ui.live_controller import LiveController

GEOMETRY_SAVE_DELAY_MS = 800
RECENT_PHRASES = 5
SEARCH_HITS = 20
# The pinyin index is built in the background a moment after the window is up, so that its work
# (on a first start, importing pypinyin) never competes with showing the window.
SEARCH_INDEX_DELAY_MS = 1000


class SidebarWindow(QWidget):
    _directory_indexed = Signal(object)  # a DirectoryIndex with pinyin, from its background thread

    def __init__(
        self,
        book: Phrasebook,
        settings: Settings,
        put_on_clipboard: Callable[[str], None] | None = None,
        directory: DirectoryResult | None = None,
        clock: Callable[[], float] = time.monotonic,
        source: BookSource | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("sidebar")
        # The window itself holds the focus until the agent clicks a field, so that Enter and Esc
        # reach the cards rather than the first text field.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWindowTitle("Assist · 96128 规范服务用语")
        self.settings = settings
        choose(str(settings.get("appearance/language")))  # before any widget is built with its words
        show_glosses(bool(settings.get("appearance/show_glosses")))
        self.navigator = Navigator(book, self)
        self._put_on_clipboard = put_on_clipboard or _set_clipboard_text
        self.copier = Copier(settings, self._put_on_clipboard, self)
        self.search_service = SearchService(book, self)
        self.calls = CallController(float(settings.get("hold/threshold_seconds")), clock, self)
        self.directory = directory
        self.source = source  # keeps the book up to date and holds the agent's own phrases
        if source is not None and source.parent() is None:
            # Owned by the window, so Qt deletes it (and its file watcher) here, on this thread;
            # left to Python's garbage collector it could go on any thread, and that crashes Qt.
            source.setParent(self)
        self._directory_index: DirectoryIndex | None = None
        self._directory_pinyin_started = False
        self._directory_indexed.connect(self._on_directory_indexed)
        self._situation_of: dict[int, Situation] = {}  # id(phrase) → its situation
        self.draft_panel: DraftPanel | None = None  # built on first use (Ctrl+D)
        self.actions_by_key: dict[str, QAction] = {}
        self._search_started = False
        self._watching_screens = False
        self.menu: QMenu | None = None  # the ☰ menu, built when first opened
        self.closes_to_tray = False  # set when a tray icon exists: closing then hides the sidebar
        self.hotkey: GlobalHotkey | None = None
        self.live: LiveController | None = None  # the live transcript, built at the first utterance fed
        self._editing_personal = ""  # the own phrase being edited in the add line, if any
        self._recent_stale = False  # the list page's recent phrases need showing again
        self.hotkey_problem = ""
        self._values_form: ValuesForm | None = None
        self._header_buttons: list[QToolButton] = []
        self._guidance_shown_for: tuple[object, ...] | None = None
        self._build()
        self._build_actions()
        self.navigator.page_changed.connect(self._on_page_changed)
        self.navigator.selection_changed.connect(self._on_selection_changed)
        self.navigator.book_changed.connect(self._on_book_changed)
        self.copier.copied.connect(self._on_copied)
        self.copier.values_needed.connect(self._on_values_needed)
        self.copier.profile_changed.connect(self._on_profile_changed)
        self.search_service.ready.connect(self._on_search_ready)
        self.calls.changed.connect(self._on_call_changed)
        self.calls.hold_reminder.connect(self._on_hold_reminder)
        self.hold_alert = HoldAlert(self, self.calls, settings)  # the reminder when the sidebar is out of view
        self.calls.ended.connect(self._on_call_ended)
        self.copier.is_profile_value = self._is_profile_value
        self.summon = Summon(self, settings, self.copier.copied, clock)  # the global key's way back to the softphone
        self.summon.paste_failed.connect(self.show_status)
        if source is not None:
            source.book_changed.connect(self.navigator.set_book)
            source.problems_found.connect(self.show_problems)
            source.problems_cleared.connect(self._on_problems_cleared)
            source.status.connect(self.show_status)
            source.personal_file.refusal_lifted.connect(self.situation_page.lift_refusal)
        self.search_service.failed.connect(self.show_status)
        self._geometry_timer = QTimer(self)
        self._geometry_timer.setSingleShot(True)
        self._geometry_timer.timeout.connect(self.save_geometry)
        self._on_book_changed()
        self._on_page_changed()
        self._on_selection_changed(0)
        self._ask_profile_on_first_start()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        header = QWidget()
        header.setObjectName("header")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(10, 6, 6, 6)
        # A long book name is cut short (the full name is in the tooltip) rather than widening the window.
        self.book_label = ElidedLabel()
        self.book_label.setObjectName("bookName")
        header_row.addWidget(self.book_label, 1)
        self.problems_button = self._header_button(
            "problemsButton", "⚠", tr("用语库问题", "Phrasebook problems"), self._on_show_problems
        )
        self.problems_button.hide()
        self._header_button(
            "profileButton", tr("资料", "Me"), tr("我的资料：单位、部门", "My details"), self._on_edit_profile
        )
        self._header_button(
            "guidanceButton",
            tr("总则 F2", "Guide F2"),
            tr("服务规范总则", "General guidance"),
            lambda: self._run("show_guidance", 0),
        )
        self._header_button("keysButton", "?", tr("快捷键 F1", "Keyboard F1"), lambda: self._run("show_keys", 0))
        self.menu_button = self._header_button("menuButton", "☰", tr("菜单 F10", "Menu F10"), self._on_menu_button)
        for button in self._header_buttons:
            header_row.addWidget(button)
        layout.addWidget(header)

        search_row = QWidget()
        search_row.setObjectName("searchRow")
        search_layout = QHBoxLayout(search_row)
        search_layout.setContentsMargins(8, 6, 8, 6)
        self.search_box = SearchBox()
        self.search_box.textChanged.connect(self._on_search_text)
        self.search_box.accepted.connect(self._on_search_accepted)
        self.search_box.escaped.connect(self._clear_search)
        search_layout.addWidget(self.search_box)
        layout.addWidget(search_row)
        self.call_strip = CallStrip(self.calls, lambda phrase: self.copier.copy_phrase(phrase))
        self.call_strip.new_call_prompt.confirmed.connect(self._start_call)
        layout.addWidget(self.call_strip)

        self.banner = ProblemBanner()
        layout.addWidget(self.banner)
        if self.source is not None:  # while the agent's own phrases file cannot be read
            self.personal_banner = PersonalFileBanner(self.source.personal_file)
            self.personal_banner.notice.connect(self.show_status)
            layout.addWidget(self.personal_banner)
        self.profile_bar = ProfileBar()
        self.profile_bar.saved.connect(self._on_profile_saved)
        self.profile_bar.dismissed.connect(self._on_profile_dismissed)
        layout.addWidget(self.profile_bar)

        self.nav_bar = QWidget()
        self.nav_bar.setObjectName("navBar")
        nav_row = QHBoxLayout(self.nav_bar)
        nav_row.setContentsMargins(6, 6, 6, 6)
        back = BackButton()
        back.clicked.connect(self.navigator.back)
        nav_row.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        self.page_title = QLabel()
        self.page_title.setObjectName("pageTitle")
        self.page_title.setWordWrap(True)
        self.page_title.setTextFormat(Qt.TextFormat.RichText)
        nav_row.addWidget(self.page_title, 1)
        layout.addWidget(self.nav_bar)

        self.stack = QStackedWidget()
        self.list_page = SituationListPage()
        self.list_page.row_clicked.connect(self._on_row_clicked)
        self.list_page.recent_clicked.connect(self.copier.copy_phrase)
        self.situation_page = SituationPage()
        self.situation_page.card_clicked.connect(self._on_card_clicked)
        self.situation_page.add_requested.connect(self._on_add_personal)
        self.situation_page.remove_requested.connect(self.remove_personal_phrase)
        self.situation_page.favourite_toggled.connect(self.toggle_favourite)
        self.situation_page.edit_requested.connect(self._on_edit_personal)
        self.search_page = SearchPage()
        self.search_page.card_clicked.connect(self._on_card_clicked)
        self.guidance_page = GuidancePage()
        self.keys_page = KeysPage()
        self.settings_page = SettingsPage()
        self.settings_page.profile_saved.connect(self._on_profile_saved)
        self.settings_page.hold_threshold_changed.connect(self._on_hold_threshold_changed)
        self.settings_page.theme_changed.connect(self.set_theme)
        self.settings_page.reading_size_changed.connect(self._set_reading_size)
        self.settings_page.on_top_changed.connect(self._set_on_top_setting)
        self.settings_page.dock_changed.connect(self.dock)
        self.settings_page.source_changed.connect(self.set_source)
        self.settings_page.keys_reset.connect(self.reset_keys)
        self.settings_page.language_changed.connect(self._on_language_changed)
        self.settings_page.glosses_changed.connect(self.set_glosses)
        self.settings_page.autostart_changed.connect(self._set_autostart)
        self.settings_page.rebind = self.rebind
        self.settings_page.set_hotkey = self.set_hotkey
        self.settings_page.hotkey_problem = lambda: self.hotkey_problem
        self.pages = {
            Page.SITUATIONS: self.list_page,
            Page.SITUATION: self.situation_page,
            Page.SEARCH: self.search_page,
            Page.GUIDANCE: self.guidance_page,
            Page.KEYS: self.keys_page,
            Page.SETTINGS: self.settings_page,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        layout.addWidget(self.splitter, 1)

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(False)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.status)
        self._show_hint()

    def _header_button(self, name: str, text: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        self._header_buttons.append(button)
        return button

    def bindings(self) -> tuple[Binding, ...]:
        """The key bindings in force: the keymap table with the agent's changes."""
        return effective(self.settings.key_overrides())

    def _build_actions(self) -> None:
        """One QAction per key of the bindings; they work wherever the focus is in the window."""
        for action in self.actions_by_key.values():
            self.removeAction(action)
            action.deleteLater()
        self.actions_by_key = {}
        for entry in self.bindings():
            for argument, key in enumerate(entry.keys):
                action = QAction(f"{entry.description_en} ({key})", self)
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                action.triggered.connect(lambda _=False, a=entry.action, n=argument: self._run(a, n))
                self.addAction(action)
                self.actions_by_key[key] = action

    # -- what the keys do ---------------------------------------------------------------------

    def _run(self, action: str, argument: int) -> None:
        handlers: dict[str, Callable[[int], object]] = {
            "open_situation": self.navigator.open_situation,
            "copy_phrase": self._copy_phrase_number,
            "previous_card": lambda _: self._move(-1),
            "next_card": lambda _: self._move(1),
            "activate_card": lambda _: self._activate(),
            "back": lambda _: self._back(),
            "focus_search": lambda _: self._focus_search(),
            "toggle_draft": lambda _: self._toggle_draft(),
            "copy_draft": lambda _: self._copy_draft(),
            "new_call": lambda _: self._new_call(),
            "end_call": lambda _: self.calls.end(),
            "next_step": lambda _: self.calls.advance(),
            "toggle_hold": lambda _: self.calls.toggle_hold(),
            "find_department": lambda _: self._find_department(),
            "show_settings": lambda _: self.navigator.show_page(Page.SETTINGS),
            "open_menu": lambda _: self._on_menu_button(),
            "toggle_glosses": lambda _: self.set_glosses(not glosses_shown()),
            "bigger_text": lambda _: self.change_reading_size(1),
            "smaller_text": lambda _: self.change_reading_size(-1),
            "always_on_top": lambda _: self.toggle_on_top(),
            "dock_left": lambda _: self.dock("left"),
            "dock_right": lambda _: self.dock("right"),
            "show_guidance": lambda _: self.navigator.show_page(Page.GUIDANCE),
            "show_keys": lambda _: self._toggle_keys(),
            "refresh_phrasebook": lambda _: self.source and self.source.refresh_now(),
            "accept_suggestion": lambda _: self._live().accept(),
        }
        handlers[action](argument)

    def _copy_phrase_number(self, index: int) -> None:
        card = self.navigator.phrase_card(index + 1)
        if card is None:
            if self.navigator.page is Page.SEARCH:
                self.show_status(tr(f"没有第 {index + 1} 条结果", f"No hit {index + 1}"))
            elif self.navigator.page is Page.SITUATION:
                self.show_status(tr(f"此场景没有第 {index + 1} 句用语", f"No phrase {index + 1} here"))
            else:
                self.show_status(tr("请先选择场景 Alt+1 … Alt+0", "Choose a situation first: Alt+1 … Alt+0"))
            return
        self.navigator.select(card)
        self._copy_card(card)

    def _move(self, step: int) -> None:
        if self.navigator.page in (Page.GUIDANCE, Page.KEYS, Page.SETTINGS):
            self.pages[self.navigator.page].scroll_by_page(step)
        else:
            self.navigator.move(step)

    def _activate(self) -> None:
        if self.navigator.page is Page.SITUATIONS:
            self.navigator.open_situation(self.navigator.selected)
        elif self.navigator.page in (Page.SITUATION, Page.SEARCH):
            self._copy_card(self.navigator.selected)

    def _back(self) -> None:
        """Esc: close the open form or leave the draft or the search; else back to the list.

        On the list, it puts off the first-start profile prompt.
        """
        if self._values_form is not None:
            self._close_values_form()
        elif self.draft_panel is not None and self.draft_panel.isAncestorOf(self.focusWidget()):
            self.setFocus()
        elif self.navigator.page is Page.SEARCH:
            self._clear_search()
        elif self.navigator.page is Page.SITUATIONS and self.profile_bar.isVisible():
            self.profile_bar.hide()
            self._on_profile_dismissed()
        else:
            self.navigator.back()

    def _toggle_keys(self) -> None:
        if self.navigator.page is Page.KEYS:
            self.navigator.back()
        else:
            self.navigator.show_page(Page.KEYS)

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _clear_search(self) -> None:
        """Esc in the search: empty the box, show the page from before the search, give the keys back."""
        self.search_box.clear()  # textChanged closes the search page
        self.navigator.close_search()
        if self.search_box.hasFocus():
            self.setFocus()

    def _toggle_draft(self) -> None:
        panel = self._draft()
        if panel.isVisible():
            panel.hide()
            self.setFocus()
        else:
            panel.show()
            panel.editor.setFocus()

    def _draft(self) -> DraftPanel:
        """The draft panel, built the first time it is wanted."""
        if self.draft_panel is None:
            from assist.core.checker import Checker
            from assist.ui.draft_panel import DraftPanel

            self.draft_panel = DraftPanel(Checker(self.navigator.book), self._filled)
            self.draft_panel.copy_requested.connect(self._on_copy_draft)
            self.draft_panel.situation_in_view = self._situation_in_view
            self.draft_panel.show_values(self.copier.values(), self.navigator.book.placeholders)
            self.draft_panel.hide()
            self.splitter.addWidget(self.draft_panel)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        return self.draft_panel

    def _copy_draft(self) -> None:
        if self.draft_panel is None or not self.draft_panel.isVisible():
            self.show_status(tr("先用 Ctrl+D 打开草稿", "Open the draft with Ctrl+D first"))
        else:
            self.draft_panel.request_copy()

    def _copy_card(self, index: int) -> None:
        if 0 <= index < len(self.navigator.cards):
            self._close_values_form()
            self.copier.copy_phrase(self.navigator.cards[index].phrase, index)

    # -- slots --------------------------------------------------------------------------------

    def _on_row_clicked(self, index: int) -> None:
        self.navigator.open_situation(index)

    def _on_card_clicked(self, index: int) -> None:
        self.navigator.select(index)
        self._copy_card(index)

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self.navigator.show_hits(text, self.search_service.query(text, SEARCH_HITS))
        else:
            self.navigator.close_search()

    def _on_search_accepted(self) -> None:
        if self.navigator.page is Page.SEARCH:
            self._copy_card(self.navigator.selected)

    def _on_search_ready(self) -> None:
        if self.navigator.page is Page.SEARCH:  # the pinyin index arrived while a search was shown
            self._on_search_text(self.search_box.text())

    def _on_copy_draft(self, text: str) -> None:
        if not text.strip():
            self.show_status(tr("草稿是空的", "The draft is empty"))
            return
        self._put_on_clipboard(text)
        count = len(self._draft().findings)
        if count:
            self.show_status(
                tr(f"已复制草稿，但仍有 {count} 处禁语", f"Copied, with {count} forbidden wording(s) left")
            )
        else:
            self.show_status(tr("✓ 已复制草稿", "✓ Draft copied"))

    def _situation_in_view(self) -> str | None:
        shown = self.navigator.situation
        return shown.id if shown is not None and self.navigator.page is Page.SITUATION else None

    def _filled(self, template: str) -> str:
        """A template with the agent's values, and the label of any missing one: 〔单位名称〕."""
        book = self.navigator.book
        labels = {name: f"〔{item.label}〕" for name, item in book.placeholders.items()}
        return templates.fill(template, {**labels, **self.copier.values()}).text

    def _on_book_changed(self) -> None:
        book = self.navigator.book
        self.book_label.set_full_text(book.name)
        self.book_label.setToolTip(f"{book.name}\n{book.name_en}\n{book.source}".strip())
        self.list_page.show_book(book, self._recent())
        self._guidance_shown_for = None
        self._situation_of = {id(phrase): situation for situation in book.situations for phrase in situation.phrases}
        self.call_strip.show_book(book)
        if self.search_service.book is not book:
            self.search_service.set_book(book)
            if self.draft_panel is not None:
                from assist.core.checker import Checker

                self.draft_panel.set_checker(Checker(book))
        if self.draft_panel is not None:
            self.draft_panel.show_values(self.copier.values(), book.placeholders)

    def _on_page_changed(self) -> None:
        page = self.navigator.page
        situation = self.navigator.situation
        if page is Page.SITUATIONS and self._recent_stale:
            self._recent_stale = False
            self.list_page.show_book(self.navigator.book, self._recent())
        if page is Page.SITUATION and situation is not None:
            self._values_form = None  # it lived in the cards being replaced
            self.copier.cancel()
            self.situation_page.show_situation(
                situation,
                self.copier.values(),
                self.navigator.book.placeholders,
                self._helper_for(situation),
                favourites=self._favourites_of(situation),
                personal=self.source is not None,
            )
            number = self.navigator.book.situations.index(situation) + 1
            gloss = situation.title_en if glosses_shown() else ""
            self._set_page_title(f"{number % 10 if number <= 10 else ''}  {situation.title}", gloss)
        elif page is Page.SEARCH:
            self._values_form = None
            self.copier.cancel()
            hits = [card.hit for card in self.navigator.cards if card.hit is not None]
            book = self.navigator.book
            self.search_page.show_hits(
                self.navigator.query, hits, self.copier.values(), book.placeholders, self.search_service.has_pinyin
            )
            self._set_page_title(
                tr(f"搜索“{self.navigator.query}”", f"Search “{self.navigator.query}”"),
                tr(f"{len(hits)} 条 · Enter 复制", f"{len(hits)} hits · Enter copies"),
            )
        elif page is Page.GUIDANCE:
            self._set_page_title(tr("服务规范总则", "General guidance"))
            self._refresh_guidance()
        elif page is Page.KEYS:
            self._set_page_title(tr("快捷键", "Keyboard"))
            self.keys_page.show_bindings(self.bindings())
        elif page is Page.SETTINGS:
            self._set_page_title(tr("设置", "Settings"))
            self.settings_page.show_settings(
                self.navigator.book.placeholders, self.copier.values(), self.settings, self.bindings()
            )
        self.nav_bar.setVisible(page is not Page.SITUATIONS)
        self.stack.setCurrentWidget(self.pages[page])
        if self._values_form is None and self.focusWidget() is not None and self.focusWidget().isHidden():
            self.setFocus()
        if page is not Page.SEARCH and self.search_box.text():
            self.search_box.blockSignals(True)  # another page was chosen: the search is over
            self.search_box.clear()
            self.search_box.blockSignals(False)

    def _refresh_guidance(self) -> None:
        """Build the guidance page when it is on screen and out of date (it is not needed at start)."""
        if self.navigator.page is not Page.GUIDANCE:
            return
        shown_for = (id(self.navigator.book), tuple(sorted(self.copier.values().items())))
        if self._guidance_shown_for != shown_for:
            self.guidance_page.show_guidance(self.navigator.book, self.copier.values())
            self._guidance_shown_for = shown_for

    def _set_page_title(self, title: str, subtitle: str = "") -> None:
        second = f"<br><span style='color:#6a737d;font-size:12px'>{escape(subtitle)}</span>" if subtitle else ""
        self.page_title.setText(f"<b>{escape(title)}</b>{second}")

    def _card_page(self) -> CardsPage | None:
        page = self.pages[self.navigator.page]
        return page if isinstance(page, CardsPage) else None

    def _on_selection_changed(self, index: int) -> None:
        if self.navigator.page is Page.SITUATIONS:
            self.list_page.select(index)
        elif (page := self._card_page()) is not None:
            page.select(index)

    def _on_copied(self, text: str, card: int, phrase: Phrase | None) -> None:
        self._close_values_form()
        page = self._card_page()
        if page is not None and 0 <= card < len(page.cards):
            page.cards[card].flash_copied()
        self.show_status(tr(f"✓ 已复制：{text}", f"✓ Copied: {text}"))
        if phrase is not None:
            self.calls.record(phrase)
            situation = self._situation_of.get(id(phrase))
            self._remember_recent(situation, phrase)
            if situation is not None and situation.helper is Helper.SILENT_CALLER:
                self.calls.record_silent(phrase, is_last_prompt=phrase is situation.phrases[-1])

    def _on_values_needed(self, card: int, names: list[str], optional: list[str]) -> None:
        page = self._card_page()
        if page is None or not 0 <= card < len(page.cards):
            return
        self._close_values_form()
        placeholders = self.navigator.book.placeholders
        form = ValuesForm(
            [*names, *optional],
            placeholders,
            self.copier.values(),
            tr("保存并复制 Enter", "Save and copy Enter"),
            tr("取消 Esc", "Cancel Esc"),
            prompt=tr("填写后复制，并记住这些值。", "Fill in to copy; the values are remembered."),
            optional=optional,
        )
        form.submitted.connect(self.copier.supply)
        form.cancelled.connect(self._close_values_form)
        page.cards[card].form_area.addWidget(form)
        self._values_form = form
        page.ensureWidgetVisible(form)
        form.focus_first_empty()
        missing = "、".join(placeholders[name].label if name in placeholders else name for name in names)
        self.show_status(tr(f"请先填写：{missing}", f"Fill in to copy: {missing}"))

    def _close_values_form(self) -> None:
        if self._values_form is not None:
            form, self._values_form = self._values_form, None
            had_focus = form.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
            form.hide()
            form.deleteLater()
            self.copier.cancel()
            if had_focus:
                self.setFocus()

    def _on_profile_changed(self) -> None:
        values = self.copier.values()
        placeholders = self.navigator.book.placeholders
        for page in (self.situation_page, self.search_page):
            page.show_values(values, placeholders)
        if self.draft_panel is not None:
            self.draft_panel.show_values(values, placeholders)
        if isinstance(self.situation_page.helper, DirectoryPanel):
            self.situation_page.helper.show_choice(values)
        self._refresh_guidance()

    def _on_profile_saved(self, values: dict) -> None:
        self.copier.remember(values)
        self.setFocus()
        self.show_status(tr("✓ 资料已保存", "✓ Details saved"))

    def _on_profile_dismissed(self) -> None:
        self.settings.set("profile/dismissed", True)
        self.setFocus()

    def _on_edit_profile(self) -> None:
        if self.profile_bar.isVisible():
            self.profile_bar.hide()
        else:
            placeholders = self.navigator.book.placeholders
            unlocked = [name for name in placeholders if not self.settings.is_locked(f"{PROFILE_GROUP}/{name}")]
            self.profile_bar.ask(placeholders, self.copier.values(), unlocked)

    def _on_show_problems(self) -> None:
        self.banner.setVisible(not self.banner.isVisible())

    def _on_problems_cleared(self) -> None:
        self.banner.problems = []
        self.banner.hide()
        self.problems_button.hide()
        self.show_status(tr("✓ 用语库已更新", "✓ Phrasebook updated"))

    def reveal_problems(self) -> None:
        """Show the sidebar with the last phrasebook problems in the banner."""
        self._reveal()
        self.banner.show()

    def _on_menu_button(self) -> None:
        from assist.ui.app_menu import SidebarMenu

        if self.menu is None:
            self.menu = SidebarMenu(self)
        self.menu.popup(self.menu_button.mapToGlobal(self.menu_button.rect().bottomLeft()))

    def _ask_profile_on_first_start(self) -> None:
        placeholders = self.navigator.book.placeholders
        values = self.copier.values()
        missing = [name for name, item in placeholders.items() if item.profile and not values.get(name)]
        if missing and not self.settings.get("profile/dismissed"):
            self.profile_bar.ask(placeholders, values, missing)  # not what the centre already set

    # -- recent phrases ----------------------------------------------------------------------

    def _remember_recent(self, situation: Situation | None, phrase: Phrase) -> None:
        if situation is None:
            return
        entry = f"{situation.id}|{phrase.text}"
        recent = [item for item in self.settings.get("recent/phrases") if item != entry]
        self.settings.set("recent/phrases", [entry, *recent][:RECENT_PHRASES])
        if self.navigator.page is not Page.SITUATIONS:
            self._recent_stale = True
        else:
            self.list_page.show_book(self.navigator.book, self._recent())

    def _recent(self) -> list[tuple[Situation, Phrase]]:
        """The phrases copied last that the book still has."""
        found = []
        for entry in self.settings.get("recent/phrases"):
            situation_id, _, text = str(entry).partition("|")
            situation = self.navigator.book.situation(situation_id)
            phrase = next((p for p in situation.phrases if p.text == text), None) if situation else None
            if situation is not None and phrase is not None:
                found.append((situation, phrase))
        return found

    # -- personal phrases and favourites -------------------------------------------------------

    def _on_add_personal(self, text: str) -> None:
        reason = self.add_personal_phrase(text)
        if reason:
            self.situation_page.refuse(reason)
        else:
            self.situation_page.added()

    def _favourites_of(self, situation: Situation) -> set[str]:
        if self.source is None:
            return set()
        return {text for situation_id, text in self.source.personal.favourites if situation_id == situation.id}

    def add_personal_phrase(self, text: str) -> str:
        """Add the agent's own phrase to the situation shown; return why it was refused, or ""."""
        situation = self.navigator.situation
        text = text.strip()
        if self.source is None or situation is None or not text:
            return (
                tr("请先输入用语", "Type the phrase first") if not text else tr("没有打开场景", "No situation is open")
            )
        editing, self._editing_personal = self._editing_personal, ""
        if text == editing:
            return ""  # saved unchanged
        if any(phrase.text == text for phrase in situation.phrases):
            self._editing_personal = editing
            return tr("此场景已有这句用语", "This situation has this phrase already")
        from assist.core.checker import Checker
        from assist.core.personal import PersonalPhrase, RefusedPhrase, vet

        try:
            vet(Checker(self.navigator.book), text)
        except RefusedPhrase as refused:
            self._editing_personal = editing
            return tr(f"不能添加：{refused}", f"Refused, it holds forbidden wording: {refused}")
        try:
            if editing:
                self.source.replace_phrase(situation.id, editing, PersonalPhrase(situation.id, text))
            else:
                self.source.add_phrase(PersonalPhrase(situation.id, text))
        except NotSaved as refused:
            self._editing_personal = editing
            return str(refused)
        self.show_status(tr(f"✓ 已添加我的用语：{text}", f"✓ Added: {text}"))
        return ""

    def _on_edit_personal(self, text: str) -> None:
        """Put an own phrase in the add line to be changed; Enter saves it in its place."""
        field = self.situation_page.add_field
        if field is None:
            return
        self._editing_personal = text
        field.setText(text)
        field.setFocus()
        self.show_status(tr("修改后按 Enter 保存", "Change it, then Enter saves it in its place"))

    def remove_personal_phrase(self, text: str) -> None:
        situation = self.navigator.situation
        if self.source is not None and situation is not None:
            try:
                self.source.remove_phrase(situation.id, text)
            except NotSaved as refused:
                self.show_status(str(refused))
                return
            self.show_status(tr(f"已删除我的用语：{text}", f"Removed: {text}"))

    def toggle_favourite(self, text: str) -> None:
        situation = self.navigator.situation
        if self.source is None or situation is None:
            return
        try:
            on = self.source.toggle_favourite(situation.id, text)
        except NotSaved as refused:
            self.show_status(str(refused))
            return
        self.show_status((tr("★ 已设为常用：", "★ Pinned: ") if on else tr("☆ 已取消常用：", "☆ Unpinned: ")) + text)

    # -- the call -----------------------------------------------------------------------------

    def _new_call(self) -> None:
        if not self.call_strip.ask_new_call():  # a call is on: Enter starts the new one, Esc keeps it
            self._start_call()

    def _start_call(self) -> None:
        self.copier.forget_call_values()  # the last caller's department is not this caller's
        self.calls.start()
        self.show_status(tr("通话开始 · Ctrl+E 结束", "Call started · Ctrl+E ends it"))

    def _on_call_ended(self, call: Call) -> None:
        self.copier.forget_call_values()
        missed = tr("；", "; ").join(head + rest for head, rest in summary_lines(call, self.call_strip.labels))
        if missed:
            self.show_status(tr(f"通话结束。{missed}", f"Call ended. {missed}"))
        else:
            self.show_status(tr("通话结束，三声俱全 ✓", "Call ended, all three voices ✓"))

    def _on_call_changed(self) -> None:
        if isinstance(self.situation_page.helper, SilentCallerPanel):
            self.situation_page.helper.show_state(self.calls.silent)

    def _on_hold_reminder(self, count: int) -> None:
        self.show_status(
            tr(
                f"等待已超过 {self.calls.hold_threshold * count:.0f} 秒：请告知用户大约还需多久，并致谢",
                f"On hold for {self.calls.hold_threshold * count:.0f} s: tell the caller how long, and thank them",
            )
        )

    def _on_hold_threshold_changed(self, seconds: int) -> None:
        if self._refused_by_centre("hold/threshold_seconds"):
            return
        self.settings.set("hold/threshold_seconds", int(seconds))
        self.calls.set_hold_threshold(float(seconds))

    def _is_profile_value(self, name: str) -> bool:
        placeholder = self.navigator.book.placeholders.get(name)
        return placeholder is None or placeholder.profile

    # -- helper panels ------------------------------------------------------------------------

    def _helper_for(self, situation: Situation) -> QWidget | None:
        if situation.helper is Helper.SILENT_CALLER:
            panel = SilentCallerPanel()
            panel.reset_requested.connect(self.calls.reset_silent)
            panel.show_state(self.calls.silent)
            return panel
        if situation.helper is Helper.DIRECTORY:
            index, problem = self._directory_lookup()
            directory_panel = DirectoryPanel(index, problem)
            directory_panel.picked.connect(self._on_department_picked)
            directory_panel.type_values.connect(self._on_type_department)
            directory_panel.show_choice(self.copier.values())
            return directory_panel
        if situation.helper is Helper.COMPLAINT and situation.subjects:
            return ComplaintPanel(situation, lambda subject: self._copy_ticket_note(situation, subject))
        return None

    def _directory_lookup(self) -> tuple[DirectoryIndex | None, str]:
        """The directory's index, built on first use (its pinyin comes from the reading cache)."""
        result = self.directory
        if result is None or result.directory is None:
            problems = result.problems if result is not None else ()
            first = str(problems[0]) if problems else tr("没有部门通讯录", "No department directory")
            return None, tr(f"部门通讯录不可用：{first}", f"Directory unavailable: {first}")
        if self._directory_index is None:
            from assist.core.directory import DirectoryIndex

            # Names and keywords work at once; pinyin (which may need pypinyin) is read in the background.
            self._directory_index = DirectoryIndex(result.directory)
            self._read_directory_pinyin()
        return self._directory_index, ""

    def _read_directory_pinyin(self) -> None:
        result = self.directory
        if result is None or result.directory is None or self._directory_pinyin_started:
            return
        self._directory_pinyin_started = True
        directory = result.directory

        def read() -> None:
            from assist.core.directory import DirectoryIndex
            from assist.core.pinyin import ReadingCache, default_cache_folder

            readings = ReadingCache(default_cache_folder()).readings(DirectoryIndex.texts_to_read(directory))
            with contextlib.suppress(RuntimeError):  # the sidebar closed while the pinyin was being read
                self._directory_indexed.emit(DirectoryIndex(directory, readings))

        threading.Thread(target=read, name="directory-pinyin", daemon=True).start()

    def _on_directory_indexed(self, index: DirectoryIndex) -> None:
        self._directory_index = index
        if isinstance(self.situation_page.helper, DirectoryPanel):
            self.situation_page.helper.set_index(index)

    def _find_department(self) -> None:
        """Open the misrouted-call situation if need be, and put the cursor in its department picker."""
        if not isinstance(self.situation_page.helper, DirectoryPanel) or self.navigator.page is not Page.SITUATION:
            index = next(
                (i for i, s in enumerate(self.navigator.book.situations) if s.helper is Helper.DIRECTORY), None
            )
            if index is None:
                self.show_status(tr("此用语库没有部门通讯录", "This phrasebook has no department picker"))
                return
            self.navigator.open_situation(index)
        panel = self.situation_page.helper
        if isinstance(panel, DirectoryPanel):
            panel.field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_department_picked(self, department: Department) -> None:
        self.copier.pick_department(department)
        self.setFocus()
        detail = (
            tr(f"{department.phone} 转 {department.extension}", f"{department.phone} ext. {department.extension}")
            if department.extension
            else department.phone
        )
        self.show_status(
            tr(
                f"本次通话转 {department.name} · {detail} · Ctrl+1 复制",
                f"This call: {department.name} · {detail} · Ctrl+1 copies",
            )
        )

    def _on_type_department(self) -> None:
        """Ask for the misrouted phrase's call-only values in the phrase's own card."""
        situation = self.navigator.situation
        if situation is None or not situation.phrases:
            return
        names = [
            name for name in templates.placeholders_in(situation.phrases[0].text) if not self._is_profile_value(name)
        ]
        self.copier.ask_values(names, 0, situation.phrases[0])

    def _copy_ticket_note(self, situation: Situation, subject: str) -> None:
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        labels = {name: f"〔{item.label}〕" for name, item in self.navigator.book.placeholders.items()}
        values = {**labels, **self.copier.values(), "subject": subject, "time": stamp}
        note = templates.fill(situation.ticket_note or "{subject}", values).text
        self._put_on_clipboard(note)
        self.show_status(tr(f"✓ 已复制工单备注：{note}", f"✓ Ticket note copied: {note}"))

    # -- appearance and place on screen -------------------------------------------------------

    def apply_appearance(self) -> None:
        """The stylesheet for the theme and reading size in the settings ("system" follows the desktop)."""
        from assist.ui.theme import stylesheet

        app = QApplication.instance()
        if app is not None:
            app.setStyleSheet(
                stylesheet(
                    str(self.settings.get("appearance/theme")), str(self.settings.get("appearance/reading_size"))
                )
            )

    def rebind(self, action: str, key: str) -> str | None:
        """Give `action` a new key; refuse (and say why) when another action has it."""
        overrides = self.settings.key_overrides()
        taken = conflict(action, key, overrides)
        if taken is not None:
            other = binding(taken)
            return tr(
                f"{key} 已用于“{other.description}”，未更改。",
                f"{key} is taken by: {other.description_en}. Not changed.",
            )
        self.settings.set_key_overrides({**overrides, action: key})
        self._build_actions()
        self.show_status(f"✓ {binding(action).description}：{key}")
        return None

    def reset_keys(self) -> None:
        self.settings.set_key_overrides({})
        self._build_actions()
        if self.navigator.page is Page.SETTINGS:
            self._on_page_changed()
        self.show_status(tr("快捷键已恢复默认", "Keys reset to the defaults"))

    def use_hotkey(self, hotkey: GlobalHotkey) -> None:
        """Grab the global key from the settings; where that cannot work, say so once."""
        self.hotkey = hotkey
        hotkey.activated.connect(self._on_hotkey)
        self.hotkey_problem = hotkey.register(str(self.settings.get("hotkey/global"))) or ""
        if self.hotkey_problem and not self.settings.get("hotkey/warned"):
            self.settings.set("hotkey/warned", True)
            self.show_status(self.hotkey_problem)

    def set_hotkey(self, key: str) -> str:
        """Change the global key; return why it cannot work, or ""."""
        if self.settings.is_locked("hotkey/global"):
            return tr("此项由中心设定，不能更改", "Set by your centre; it cannot be changed")
        self.settings.set("hotkey/global", key)
        if self.hotkey is None:
            return tr("全局快捷键未启用", "No global key in this window")
        self.hotkey_problem = self.hotkey.register(key) or ""
        return self.hotkey_problem

    def _on_hotkey(self) -> None:
        """The global key: bring the sidebar up with the cursor in the search, or put it away."""
        self.summon.key_pressed(reveal=lambda: (self._reveal(), self._focus_search()))

    def set_source(self, location: str) -> None:
        """Use another organisation phrasebook (a path or URL; empty: the built-in book only)."""
        if self._refused_by_centre("phrasebook/source"):
            return
        self.settings.set("phrasebook/source", location)
        if self.source is None:
            return
        self.source.set_location(location or None)
        self.show_status(tr(f"用语库：{location or '内置'}", f"Phrasebook: {location or 'built-in'}"))

    def _set_reading_size(self, size: str) -> None:
        if self._refused_by_centre("appearance/reading_size"):
            return
        self.settings.set("appearance/reading_size", size)
        self.apply_appearance()

    def _set_on_top_setting(self, on: bool) -> None:
        if on != bool(self.settings.get("window/always_on_top")):
            self.toggle_on_top()

    def set_glosses(self, on: bool) -> None:
        """Show or hide the English gloss of every phrase and situation, at once."""
        if self._refused_by_centre("appearance/show_glosses"):
            return
        if on == glosses_shown():
            return
        self.settings.set("appearance/show_glosses", on)
        show_glosses(on)
        self.list_page.show_book(self.navigator.book, self._recent())
        self._guidance_shown_for = None
        if self.navigator.page is not Page.SETTINGS:
            self._on_page_changed()
            self._on_selection_changed(self.navigator.selected)

    def _on_language_changed(self, language: str) -> None:
        if self._refused_by_centre("appearance/language"):
            return
        self.settings.set("appearance/language", language)
        self.show_status(tr("界面语言在下次启动时生效。", "The language applies at the next start."))

    def set_theme(self, theme: str) -> None:
        if self._refused_by_centre("appearance/theme"):
            return
        self.settings.set("appearance/theme", theme)
        self.apply_appearance()

    def change_reading_size(self, step: int) -> None:
        if self._refused_by_centre("appearance/reading_size"):
            return
        from assist.ui.theme import next_reading_size

        size = next_reading_size(str(self.settings.get("appearance/reading_size")), step)
        self.settings.set("appearance/reading_size", size)
        self.apply_appearance()
        self.show_status(tr(f"字号：{size}", f"Reading size: {size}"))

    def _set_autostart(self, on: bool) -> None:
        if self._refused_by_centre("startup/autostart"):
            return
        self.settings.set("startup/autostart", on)

    def _refused_by_centre(self, key: str) -> bool:
        """True (and says so) when the centre locked this setting: the action changes nothing."""
        if not self.settings.is_locked(key):
            return False
        self.show_status(tr("此项由中心设定，不能更改", "Set by your centre; it cannot be changed"))
        return True

    def toggle_on_top(self) -> None:
        if self._refused_by_centre("window/always_on_top"):
            return
        on = not bool(self.settings.get("window/always_on_top"))
        self.settings.set("window/always_on_top", on)
        self._set_on_top(on, show=True)
        self.show_status(tr("总在最前", "Always on top") if on else tr("不再总在最前", "No longer always on top"))

    def _set_on_top(self, on: bool, show: bool) -> None:
        if bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) == on:
            return
        visible = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)  # this hides the window: show it again
        if show or visible:
            self.show()

    def dock(self, side: str) -> None:
        """Dock at the left or right edge of the screen the sidebar is on, at full height."""
        if self._refused_by_centre("window/dock"):
            return
        self.settings.set("window/dock", side)
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setGeometry(docked(side, screen, self.width()))
        self.save_geometry()

    def _on_screen_changed(self) -> None:
        """Moved to another screen, or a screen changed size or went away: stay whole on a screen."""
        self.setGeometry(fit_on_screen(self.geometry()))

    def _on_color_scheme_changed(self) -> None:
        if self.settings.get("appearance/theme") == "system":
            self.apply_appearance()

    # -- commands from `assist show|hide|toggle|copy` --------------------------------------

    def handle_command(self, request: dict) -> dict:
        """Carry out a command sent by another `assist` process; the reply goes back to it."""
        command = request.get("command")
        if command == "ping":
            return {"ok": True}
        if command == "show":
            return self._reveal(request.get("situation"))
        if command == "hide":
            self.hide()
            return {"ok": True}
        if command == "toggle":
            if self.isVisible() and self.isActiveWindow():
                self.hide()
                return {"ok": True, "visible": False}
            return self._reveal(request.get("situation"))
        if command == "copy":
            return self._copy_by_id(str(request.get("situation", "")), request.get("number", 1))
        if command in ("utterance", "call-ended"):
            return self._live().handle(request)
        return {"ok": False, "error": f"unknown command {command!r}"}

    def _live(self) -> LiveController:
        if self.live is None:
            from assist.ui.live_controller import LiveController

            self.live = LiveController(self)
        return self.live

    def _reveal(self, situation_id: str | None = None) -> dict:
        if situation_id:
            index = self._situation_index(situation_id)
            if index is None:
                return {"ok": False, "error": f"no situation '{situation_id}' (known: {self._situation_ids()})"}
            self.navigator.open_situation(index)
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()
        return {"ok": True}

    def _copy_by_id(self, situation_id: str, number: object) -> dict:
        index = self._situation_index(situation_id)
        if index is None:
            return {"ok": False, "error": f"no situation '{situation_id}' (known: {self._situation_ids()})"}
        phrases = self.navigator.book.situations[index].phrases
        if not isinstance(number, int) or not 1 <= number <= len(phrases):
            return {"ok": False, "error": f"situation '{situation_id}' has phrases 1 to {len(phrases)}"}
        self.navigator.open_situation(index)
        self.navigator.select(number - 1)
        if self.copier.copy_phrase(phrases[number - 1], number - 1):
            return {"ok": True, "text": QGuiApplication.clipboard().text()}
        self._reveal()  # the agent fills in the blank in the card, then it is copied
        return {"ok": False, "error": "the phrase needs values; fill them in the sidebar"}

    def _situation_index(self, situation_id: str) -> int | None:
        ids = [situation.id for situation in self.navigator.book.situations]
        return ids.index(situation_id) if situation_id in ids else None

    def _situation_ids(self) -> str:
        return ", ".join(situation.id for situation in self.navigator.book.situations)

    # -- public -------------------------------------------------------------------------------

    def show_problems(self, title: str, problems: Sequence[Problem]) -> None:
        """Show a phrasebook's problems in the banner, and keep them reachable from the ⚠ button."""
        self.banner.show_problems(title, problems)
        self.problems_button.setVisible(bool(problems))
        self.problems_button.setToolTip(title)

    def show_status(self, text: str) -> None:
        metrics = self.status.fontMetrics()
        room = self.status.contentsRect().width() or self.width() - 20
        self.status.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 100)))
        self.status.setToolTip(text)

    def _show_hint(self) -> None:
        self.status.setText(
            tr("Alt+1…0 场景 · Ctrl+1…9 复制 · F1 快捷键", "Alt+1…0 situations · Ctrl+1…9 copy · F1 keys")
        )

    # -- geometry -----------------------------------------------------------------------------

    def place(self) -> None:
        """Restore the saved geometry, kept whole on a screen that exists now; else dock at the right edge."""
        saved = self.settings.get("window/geometry")
        valid = isinstance(saved, QRect) and saved.isValid()
        self.setGeometry(fit_on_screen(saved) if valid else docked(str(self.settings.get("window/dock"))))
        self._set_on_top(bool(self.settings.get("window/always_on_top")), show=False)

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
        if self.focusWidget() is None or not self.focusWidget().isVisible():
            self.setFocus()
        handle = self.windowHandle()
        if handle is not None and not self._watching_screens:
            self._watching_screens = True
            handle.screenChanged.connect(self._on_screen_changed)
            QGuiApplication.instance().screenRemoved.connect(self._on_screen_changed)
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        if not self._search_started:
            self._search_started = True
            QTimer.singleShot(SEARCH_INDEX_DELAY_MS, self.search_service.start)
            QTimer.singleShot(SEARCH_INDEX_DELAY_MS, self._read_directory_pinyin)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        if self.closes_to_tray:
            event.ignore()  # still in the tray: its menu quits
            self.hide()
            return
        super().closeEvent(event)


def _set_clipboard_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
