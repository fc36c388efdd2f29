"""Copying a phrase: fill its placeholders, then put it on the clipboard.

Values come from the agent's profile (their organisation, department, number: remembered) and
from the call in progress (the department a misrouted caller should ring: forgotten when the
call ends). When a value is missing, nothing is copied; `values_needed` asks the window to ask
the agent in place, and `supply` stores the answer where it belongs and finishes the copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, Signal

from assist.core import directory, templates
from assist.core.directory import Department
from assist.core.model import Phrase
from assist.ui.settings import Settings


class Copier(QObject):
    copied = Signal(str, int, object)  # the text now on the clipboard, its card (-1: none), its Phrase or None
    # the card, the placeholders that must be filled, and those of optional parts that may stay empty
    values_needed = Signal(int, list, list)
    profile_changed = Signal()  # the agent's values or the call's values changed

    def __init__(
        self, settings: Settings, put_on_clipboard: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._put_on_clipboard = put_on_clipboard
        self._pending: tuple[str, int, Phrase | None] | None = None
        self._call_values: dict[str, str] = {}
        self.is_profile_value: Callable[[str], bool] = lambda name: True

    def values(self) -> dict[str, str]:
        return {**self._settings.profile(), **self._call_values}

    def copy(self, template: str, card: int = -1, phrase: Phrase | None = None) -> bool:
        """Copy `template` filled in; return False (and ask for values) when some are missing."""
        values = self.values()
        filled = templates.fill(template, values)
        if not filled.complete:
            self._pending = (template, card, phrase)
            self.values_needed.emit(card, list(filled.missing), self._optional_to_ask(template, filled.missing))
            return False
        self._pending = None
        self._put_on_clipboard(filled.text)
        self.copied.emit(filled.text, card, phrase)
        return True

    def _optional_to_ask(self, template: str, missing: tuple[str, ...]) -> list[str]:
        """The empty values of optional parts worth asking for: only beside a missing value of their own
        kind. A department picked without an extension has none, and its part simply drops; the
        extension is asked for when the call's department is typed by hand."""
        values = self.values()
        kinds = {self.is_profile_value(name) for name in missing}
        return [
            name
            for name in templates.optional_placeholders(template)
            if not values.get(name, "").strip() and self.is_profile_value(name) in kinds
        ]

    def copy_phrase(self, phrase: Phrase, card: int = -1) -> bool:
        return self.copy(phrase.text, card, phrase)

    def supply(self, values: dict[str, str]) -> None:
        """Store values the agent typed and finish the copy that was waiting for them."""
        self.remember(values)
        if self._pending is not None:
            template, card, phrase = self._pending
            self.copy(template, card, phrase)

    def remember(self, values: Mapping[str, str]) -> None:
        """Profile values go to the settings; the others belong to this call only."""
        given = {name: value.strip() for name, value in values.items() if value.strip()}
        self._settings.set_profile_values({n: v for n, v in given.items() if self.is_profile_value(n)})
        for name in values:  # a call value typed empty is gone (an extension this department has not)
            if not self.is_profile_value(name):
                self._call_values.pop(name, None)
        self._call_values.update({n: v for n, v in given.items() if not self.is_profile_value(n)})
        self.profile_changed.emit()

    def set_call_values(self, values: Mapping[str, str]) -> None:
        self._call_values.update({name: value for name, value in values.items() if value})
        self.profile_changed.emit()

    def pick_department(self, department: Department) -> None:
        """The department this call is referred to: its values replace any earlier pick's."""
        self._call_values = directory.after_pick(self._call_values, department)
        self.profile_changed.emit()

    def forget_call_values(self) -> None:
        if self._call_values:
            self._call_values.clear()
            self.profile_changed.emit()

    def ask_values(self, names: list[str], card: int, phrase: Phrase) -> None:
        """Ask for values even when some are known (to type this call's own); then copy `phrase`."""
        self._pending = (phrase.text, card, phrase)
        optional = templates.optional_placeholders(phrase.text)
        self.values_needed.emit(card, [n for n in names if n not in optional], [n for n in names if n in optional])

    def cancel(self) -> None:
        self._pending = None
