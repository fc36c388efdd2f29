"""The global key's translation into X11 and Windows terms (the grabbing itself: test_end_to_end_x11)."""

from assist.ui.hotkey import _parse, parse_key
from assist.ui.hotkey_windows import MOD_ALT, MOD_CONTROL, MOD_NOREPEAT, MOD_SHIFT, windows_key


def test_parse_key():
    assert parse_key("Ctrl+Alt+Space") == (frozenset({"ctrl", "alt"}), "Space")
    assert parse_key("Ctrl+Alt+Space, Ctrl+X") is None  # two keys in a row are not a global key
    assert parse_key("") is None


def test_x11_translation():
    assert _parse("Ctrl+Alt+Space") == (4 | 8, "space")
    assert _parse("Ctrl+Shift+F12") == (4 | 1, "F12")
    assert _parse("Alt+A") == (8, "a")


def test_windows_translation():
    assert windows_key("Ctrl+Alt+Space") == (MOD_CONTROL | MOD_ALT | MOD_NOREPEAT, 0x20)
    assert windows_key("Ctrl+Shift+F12") == (MOD_CONTROL | MOD_SHIFT | MOD_NOREPEAT, 0x7B)
    assert windows_key("Alt+A") == (MOD_ALT | MOD_NOREPEAT, ord("A"))
    assert windows_key("Ctrl+7") == (MOD_CONTROL | MOD_NOREPEAT, ord("7"))
