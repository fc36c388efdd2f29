"""The window's wiring: which controller carries out each command of the table (with its enabled and
checked state), and which slot each widget's signal reaches.

Both are called once by the window with itself; nothing here imports the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from assist.ui.commands import COMMANDS
from assist.ui.i18n import glosses_shown, tr
from assist.ui.keep_in_view import KeepInView
from assist.ui.navigator import Page
from assist.ui.scroll_anchor import hold_top
from assist.ui.selection_look import SelectionLook


def register_commands(window: Any) -> None:
    """`window` is the SidebarWindow (not imported, to keep the import graph free of circles)."""
    runner, view, copying, navigator = window.runner, window.view, window.copying, window.navigator
    calls, appearance, draft, helpers = window.calls, window.appearance, window.draft, window.helpers
    settings = window.settings

    def index(arguments: dict) -> int:
        value = arguments.get("index", arguments.get("number", 1) - 1 if "number" in arguments else 0)
        return int(value) if isinstance(value, int) else 0

    def open_situation(arguments: dict) -> dict | None:
        if "situation" in arguments:
            return window.presence.reveal(arguments["situation"])
        navigator.open_situation(index(arguments))
        return None

    def show_problems() -> None:  # the sidebar, with the last phrasebook problems in the banner
        window.presence.reveal()
        window.banner.show()

    def situation_in_view() -> str | None:  # the draft ranks its phrases first
        shown = navigator.situation
        return shown.id if shown is not None and navigator.page is Page.SITUATION else None

    draft.situation_in_view = situation_in_view

    def show_settings() -> None:
        window.presence.reveal()
        navigator.show_page(Page.SETTINGS)

    window.live = None  # the live transcript's controller, built at the first utterance fed

    def live() -> Any:
        if window.live is None:
            from assist.ui.live_controller import LiveController

            window.live = LiveController(window)
        return window.live

    window.live_controller = live

    handlers = {
        "open_situation": open_situation,
        "copy_phrase": lambda a: copying.copy_number(index(a)),
        "previous_card": lambda a: view.move(-1),
        "next_card": lambda a: view.move(1),
        "activate_card": lambda a: copying.activate(),
        "back": lambda a: window.back(),
        "focus_search": lambda a: window.focus_search(),
        "toggle_draft": lambda a: draft.toggle(),
        "copy_draft": lambda a: draft.copy(),
        "new_call": lambda a: window.call_messages.new_call(),
        "end_call": lambda a: calls.end(),
        "next_step": lambda a: calls.advance(),
        "find_department": lambda a: helpers.find_department(),
        "toggle_hold": lambda a: calls.toggle_hold(),
        "undo": lambda a: window.personal.undo(),
        "bigger_text": lambda a: appearance.change_reading_size(1),
        "smaller_text": lambda a: appearance.change_reading_size(-1),
        "always_on_top": lambda a: appearance.toggle_on_top(),
        "dock_left": lambda a: appearance.dock("left"),
        "dock_right": lambda a: appearance.dock("right"),
        "toggle_glosses": lambda a: appearance.set_glosses(not glosses_shown()),
        "show_settings": lambda a: show_settings(),
        "show_guidance": lambda a: navigator.show_page(Page.GUIDANCE),
        "open_menu": lambda a: window.open_menu(),
        "show_keys": lambda a: view.toggle(Page.KEYS),
        "toggle": lambda a: window.presence.toggle(a.get("situation")),
        "set_theme": lambda a: appearance.set_theme(str(a.get("theme", "system"))),
        "show_problems": lambda a: show_problems(),
        "quit": lambda a: QApplication.quit(),
        "show": lambda a: window.presence.reveal(a.get("situation")),
        "hide": lambda a: window.hide(),
        "copy": lambda a: window.presence.copy(str(a.get("situation", "")), a.get("number", 1)),
        "ping": lambda a: None,
        "refresh_phrasebook": lambda a: window.source.refresh_now() if window.source is not None else None,
        "accept_suggestion": lambda a: live().accept(),
        "utterance": lambda a: live().handle({**a, "command": "utterance"}),
        "call-ended": lambda a: live().handle({**a, "command": "call-ended"}),
    }
    enabled = {
        "show_problems": lambda: bool(window.banner.problems),
        "undo": lambda: window.personal.removed is not None,
        "end_call": lambda: calls.call is not None,
        "refresh_phrasebook": lambda: window.source is not None,
    }
    checked = {
        "toggle": window.isVisible,
        "always_on_top": lambda: bool(settings.get("window/always_on_top")),
        "toggle_glosses": glosses_shown,
    }
    for command in COMMANDS:
        runner.register(command.id, handlers[command.id], enabled.get(command.id), checked.get(command.id))


def connect_signals(window: Any) -> None:
    """Clicks and signals of the widgets: each is a command or a controller's slot."""
    run = window.runner.run
    buttons = window._header_buttons
    buttons["problemsButton"].clicked.connect(lambda: window.banner.setVisible(not window.banner.isVisible()))
    buttons["profileButton"].clicked.connect(window._on_edit_profile)
    buttons["guidanceButton"].clicked.connect(lambda: run("show_guidance"))
    buttons["keysButton"].clicked.connect(lambda: run("show_keys"))
    buttons["menuButton"].clicked.connect(lambda: run("open_menu"))
    window.back_button.clicked.connect(lambda: run("back"))
    window.search_box.textChanged.connect(window._on_search_text)
    window.search_box.accepted.connect(window._on_search_accepted)
    window.search_box.escaped.connect(window.clear_search)
    window.profile_bar.saved.connect(window._on_profile_saved)
    window.profile_bar.dismissed.connect(window._on_profile_dismissed)
    window.list_page.row_clicked.connect(window.navigator.open_situation)
    window.list_page.recent_clicked.connect(window._on_recent_clicked)
    window.situation_page.card_clicked.connect(window.copying.click_card)
    window.search_page.card_clicked.connect(window.copying.click_card)
    page = window.settings_page
    page.profile_saved.connect(window._on_profile_saved)
    page.hold_threshold_changed.connect(window.call_messages.set_hold_threshold)
    page.theme_changed.connect(window.appearance.set_theme)
    page.reading_size_changed.connect(window.appearance.set_reading_size)
    page.on_top_changed.connect(window.appearance.set_on_top_setting)
    page.dock_changed.connect(window.appearance.dock)
    page.source_changed.connect(window.set_source)
    page.keys_reset.connect(window.reset_keys)
    page.language_changed.connect(window.appearance.set_language)
    page.glosses_changed.connect(window.appearance.set_glosses)
    page.autostart_changed.connect(window.appearance.set_autostart)
    page.rebind = window.keys.rebind
    page.set_hotkey = window.keys.set_hotkey
    page.hotkey_problem = lambda: window.keys.hotkey_problem
    page.keys = window.runner.keys_of
    window.navigator.book_changed.connect(window._on_book_changed)
    window.navigator.page_changed.connect(window.on_page_changed)
    window.copier.profile_changed.connect(window._on_values_changed)
    window.copying.recent_changed.connect(window.view.recent_changed)
    window.search_service.ready.connect(window._on_search_ready)
    window.search_service.failed.connect(window.status.say)
    window.runner.ran.connect(lambda _command: window.focus.settle())
    window.runner.key_does_nothing.connect(
        lambda key: window.status.say(tr(f"{key} 没有功能", f"{key} does nothing"), lifetime_ms=4_000)
    )
    look = window.selection_look = SelectionLook(window.stack.currentWidget, window.focus.cards_have_keys, window)
    window.view.page_shown.connect(look.update)
    window.navigator.selection_changed.connect(look.update)
    window.keep_in_view = KeepInView(window.stack, lambda: window.navigator.selected, window)
    window.appearance.hold_view = lambda: hold_top(window.stack.currentWidget())
    if window.source is not None:
        window.source.book_changed.connect(window.navigator.set_book)
        window.source.problems_found.connect(window.show_problems)
        window.source.problems_cleared.connect(window._on_problems_cleared)
        window.source.status.connect(window.status.say)
        window.personal_banner.notice.connect(window.status.say)
        window.source.personal_file.refusal_lifted.connect(window.situation_page.lift_refusal)
    window._geometry_timer = QTimer(window)
    window._geometry_timer.setSingleShot(True)
    window._geometry_timer.timeout.connect(window.save_geometry)
