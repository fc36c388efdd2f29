"""The sidebar window's layout, top to bottom: header, search, profile prompt, page title, the page
stack with the call strip, live transcript and banners under it (and the draft below them), the
status line. Only widgets: no behaviour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from assist.ui.banner import ProblemBanner
from assist.ui.below_cards import BelowCards
from assist.ui.call_strip import CallStrip
from assist.ui.cards import ElidedLabel
from assist.ui.guidance_page import GuidancePage
from assist.ui.i18n import tr
from assist.ui.navigator import Page
from assist.ui.pages import BackButton, KeysPage, SearchPage, SituationListPage, SituationPage
from assist.ui.personal_banner import PersonalFileBanner
from assist.ui.phrase_row import PhraseRow
from assist.ui.profile_bar import ProfileBar
from assist.ui.search_box import SearchBox
from assist.ui.settings_page import SettingsPage
from assist.ui.status_line import StatusLine


def build_layout(window: Any) -> None:
    """Build the widgets onto `window` (the SidebarWindow, not imported: no import circle)."""
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    header = QWidget()
    header.setObjectName("header")
    header_row = QHBoxLayout(header)
    header_row.setContentsMargins(10, 6, 6, 6)
    # The book's short name; cut short only when even a row of its own is too narrow (full name: tooltip).
    window.book_label = ElidedLabel()
    window.book_label.setObjectName("bookName")
    window._header_buttons: dict[str, QToolButton] = {}
    for name, text, tip in (
        ("problemsButton", "⚠", tr("用语库问题", "Phrasebook problems")),
        ("profileButton", tr("资料", "Me"), tr("我的资料：单位、部门", "My details")),
        ("guidanceButton", tr("总则 F2", "Guide F2"), tr("服务规范总则", "General guidance")),
        ("keysButton", "?", tr("快捷键 F1", "Keyboard F1")),
        ("menuButton", "☰", tr("菜单 F10", "Menu F10")),
    ):
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        window._header_buttons[name] = button
    label = window.book_label
    buttons = window._header_buttons
    passing = [buttons["problemsButton"]]  # ⚠ comes and goes: the name gives it room, the header keeps its height
    row = PhraseRow(QLabel(), label, list(buttons.values()), needed=label.full_width, passing=passing)
    header_row.addWidget(row)
    window.problems_button = window._header_buttons["problemsButton"]
    window.problems_button.hide()
    window.menu_button = window._header_buttons["menuButton"]
    layout.addWidget(header)

    search_row = QWidget()
    search_row.setObjectName("searchRow")
    search_layout = QHBoxLayout(search_row)
    search_layout.setContentsMargins(8, 6, 8, 6)
    window.search_box = SearchBox()
    search_layout.addWidget(window.search_box)
    layout.addWidget(search_row)
    window.profile_bar = ProfileBar()
    layout.addWidget(window.profile_bar)

    window.nav_bar = QWidget()
    window.nav_bar.setObjectName("navBar")
    nav_row = QHBoxLayout(window.nav_bar)
    nav_row.setContentsMargins(6, 6, 6, 6)
    window.back_button = BackButton()
    nav_row.addWidget(window.back_button, 0, Qt.AlignmentFlag.AlignTop)
    window.page_title = QLabel()
    window.page_title.setObjectName("pageTitle")
    window.page_title.setWordWrap(True)
    window.page_title.setTextFormat(Qt.TextFormat.RichText)
    nav_row.addWidget(window.page_title, 1)
    layout.addWidget(window.nav_bar)

    window.stack = QStackedWidget()
    window.list_page = SituationListPage()
    window.situation_page = SituationPage()
    window.search_page = SearchPage()
    window.guidance_page = GuidancePage()
    window.keys_page = KeysPage()
    window.settings_page = SettingsPage()
    window.pages: dict[Page, QWidget] = {
        Page.SITUATIONS: window.list_page,
        Page.SITUATION: window.situation_page,
        Page.SEARCH: window.search_page,
        Page.GUIDANCE: window.guidance_page,
        Page.KEYS: window.keys_page,
        Page.SETTINGS: window.settings_page,
    }
    for page in window.pages.values():
        window.stack.addWidget(page)
    # What comes and goes by itself sits under the cards: it takes room from the page's bottom and
    # never moves a card, the page title or Back (keep_in_view.py keeps the selected card whole).
    pages_pane = QWidget()
    pane = QVBoxLayout(pages_pane)
    pane.setContentsMargins(0, 0, 0, 0)
    pane.setSpacing(0)
    pane.addWidget(window.stack, 1)
    below = BelowCards()  # capped, with the draft, to a share of the window's height; scrolls inside
    window.call_strip = CallStrip(window.calls, lambda phrase: window.copier.copy_phrase(phrase))
    below.add(window.call_strip)  # the live transcript goes under it (live_controller.py)
    window.banner = ProblemBanner()
    below.add(window.banner)
    if window.source is not None:  # while the agent's own phrases file cannot be read
        window.personal_banner = PersonalFileBanner(window.source.personal_file)
        below.add(window.personal_banner)
    pane.addWidget(below)
    window.splitter = QSplitter(Qt.Orientation.Vertical)
    window.splitter.setChildrenCollapsible(False)
    window.splitter.addWidget(pages_pane)
    layout.addWidget(window.splitter, 1)
    below.keep_room_in(window.splitter)
    window.status = StatusLine()
    layout.addWidget(window.status)
