"""How a situation is numbered wherever it is shown: by the digit of its key, Alt+1 … Alt+0."""

from __future__ import annotations


def key_digit(position: int) -> str:
    """The digit shown for the situation at 1-based `position`: 1 … 9, 0 for the tenth (Alt+0), and
    nothing after the tenth, which has no key."""
    return str(position % 10) if 1 <= position <= 10 else ""
