"""The keymap table is the single source of the bindings: the window, the cheat sheet and the README agree."""

from PySide6.QtGui import QKeySequence

from assist.ui.keymap import BINDINGS, markdown_table
from tests.helpers import ROOT


def readme_keyboard_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Keyboard\n", 1)[1].lstrip("\n")
    return section.split("\n\n", 1)[0]  # the first table of the section, up to the blank line after it


def test_readme_keyboard_table_matches_the_keymap():
    assert readme_keyboard_table() == markdown_table()


def test_the_required_bindings_are_declared():
    keys = {key: binding.action for binding in BINDINGS for key in binding.keys}
    assert [keys[f"Alt+{digit}"] for digit in "1234567890"] == ["open_situation"] * 10
    assert [keys[f"Ctrl+{digit}"] for digit in "123456789"] == ["copy_phrase"] * 9
    assert (keys["Up"], keys["Down"], keys["Return"], keys["Esc"], keys["F1"]) == (
        "previous_card",
        "next_card",
        "activate_card",
        "back",
        "show_keys",
    )


def test_no_key_is_bound_twice_and_every_key_parses():
    keys = [key for binding in BINDINGS for key in binding.keys]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert not QKeySequence(key).isEmpty(), key


def test_window_builds_one_action_per_key(window):
    assert set(window.actions_by_key) == {key for binding in BINDINGS for key in binding.keys}
    assert window.actions_by_key["Alt+0"].shortcut() == QKeySequence("Alt+0")
