"""Copying a phrase: fill its placeholders from the profile, then put it on the clipboard.

When a value is missing, nothing is copied; `values_needed` asks the window to ask the
agent in place, and `supply` remembers the answer and finishes the copy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from assist.core import templates
from assist.ui.settings import Settings


class Copier(QObject):
    copied = Signal(str, int)  # the text now on the clipboard, the card it came from (-1: none)
    values_needed = Signal(int, list)  # the card, the names of the placeholders without a value
    profile_changed = Signal()

    def __init__(
        self, settings: Settings, put_on_clipboard: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._put_on_clipboard = put_on_clipboard
        self._pending: tuple[str, int] | None = None

    def values(self) -> dict[str, str]:
        return self._settings.profile()

    def copy(self, template: str, card: int = -1) -> bool:
        """Copy `template` filled in; return False (and ask for values) when some are missing."""
        filled = templates.fill(template, self.values())
        if not filled.complete:
            self._pending = (template, card)
            self.values_needed.emit(card, list(filled.missing))
            return False
        self._pending = None
        self._put_on_clipboard(filled.text)
        self.copied.emit(filled.text, card)
        return True

    def supply(self, values: dict[str, str]) -> None:
        """Remember values the agent typed and finish the copy that was waiting for them."""
        self.remember(values)
        if self._pending is not None:
            template, card = self._pending
            self.copy(template, card)

    def remember(self, values: dict[str, str]) -> None:
        self._settings.set_profile_values({name: value for name, value in values.items() if value.strip()})
        self.profile_changed.emit()

    def cancel(self) -> None:
        self._pending = None
