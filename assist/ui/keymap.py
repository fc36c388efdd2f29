"""The key bindings in force: the command table's default keys with the agent's changes (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from assist.ui.commands import COMMANDS, keys_label, markdown_table

__all__ = ["BINDINGS", "Binding", "binding", "conflict", "effective", "markdown_table", "unusable"]


@dataclass(frozen=True, slots=True)
class Binding:
    """A command and its keys. With several keys, the n-th key runs the command with argument n."""

    action: str
    keys: tuple[str, ...]
    description: str
    description_en: str
    in_fields: bool = True

    @property
    def keys_label(self) -> str:
        return keys_label(self.keys)


BINDINGS: tuple[Binding, ...] = tuple(
    Binding(entry.id, entry.keys, entry.label, entry.label_en, entry.in_fields) for entry in COMMANDS if entry.keys
)
MODIFIERS = ("Ctrl+", "Alt+", "Meta+")


def effective(overrides: dict[str, str]) -> tuple[Binding, ...]:
    """The bindings with the agent's changes: `overrides` maps an action to its one new key.

    Only actions with one or two keys can be rebound; the numbered ones (Alt+1 … Alt+0) keep theirs.
    """
    return tuple(
        Binding(entry.action, (overrides[entry.action],), entry.description, entry.description_en, entry.in_fields)
        if entry.action in overrides and len(entry.keys) <= 2
        else entry
        for entry in BINDINGS
    )


def unusable(key: str) -> bool:
    """A key that would eat typed text: one without Ctrl, Alt or Meta (the F-keys are fine)."""
    last = key.rsplit("+", 1)[-1] if not key.endswith("++") else "+"
    is_function_key = last.startswith("F") and last[1:].isdigit()
    return not is_function_key and not any(modifier in key for modifier in MODIFIERS)


def conflict(action: str, key: str, overrides: dict[str, str]) -> str | None:
    """The action that already uses `key` (normalised by the caller), if another one does."""
    for entry in effective(overrides):
        if entry.action != action and key.lower() in (existing.lower() for existing in entry.keys):
            return entry.action
    return None


def binding(action: str) -> Binding:
    return next(entry for entry in BINDINGS if entry.action == action)
