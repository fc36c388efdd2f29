"""Which controller carries out each command of the table, with its enabled and checked state.

`register_commands` is called once by the window with itself; nothing here imports the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from assist.ui.commands import COMMANDS
from assist.ui.i18n import glosses_shown
from assist.ui.navigator import Page


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
            return window.reveal(arguments["situation"])
        navigator.open_situation(index(arguments))
        return None

    def show_settings() -> None:
        window.reveal()
        navigator.show_page(Page.SETTINGS)

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
        "toggle": lambda a: window.toggle(a.get("situation")),
        "set_theme": lambda a: appearance.set_theme(str(a.get("theme", "system"))),
        "show_problems": lambda a: window.reveal_problems(),
        "quit": lambda a: QApplication.quit(),
        "show": lambda a: window.reveal(a.get("situation")),
        "hide": lambda a: window.hide(),
        "copy": lambda a: window.copy_by_id(str(a.get("situation", "")), a.get("number", 1)),
        "ping": lambda a: None,
        "refresh_phrasebook": lambda a: window.source.refresh_now() if window.source is not None else None,
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
