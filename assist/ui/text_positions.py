"""Python counts a text in code points, Qt's text documents in UTF-16 units: an emoji (😀) is one
character to Python and two positions to a QTextCursor. Every conversion between the two is here."""

from __future__ import annotations

import re
from bisect import bisect_left

_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")  # the characters UTF-16 writes as two units


class QtPositions:
    """Positions in `text` as Qt counts them, from offsets as Python counts them."""

    def __init__(self, text: str) -> None:
        self._wide = [match.start() for match in _OUTSIDE_BMP.finditer(text)]

    def of(self, offset: int) -> int:
        """The Qt position of the Python offset `offset`."""
        return offset + bisect_left(self._wide, offset)
