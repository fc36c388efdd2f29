"""The search index's fields: each field's values joined into one string and scanned with `str.find`
in C. While the agent types, each keystroke narrows what the last one found instead of scanning again.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

MATCHES_PER_FIELD = 400  # enough to rank broad one- or two-letter queries without scanning everything


@dataclass(slots=True)
class _Matches:
    """The first values of a field that contain a needle, in order, and where the scan stopped."""

    needle: str
    found: list[tuple[int, int]]  # (value index, position in the value)
    stopped_at: int  # offset in the joined values; the end when `found` lists every match

    def complete(self, joined: str) -> bool:
        return self.stopped_at >= len(joined)


class Field:
    """One field's values, joined, so that a substring is found with `str.find` in one C-level scan.

    `whole` (when asked for) maps each value to the values equal to it: a whole phrase typed is
    found by one look-up, however many values the field has."""

    def __init__(self, values: list[str], whole: bool = False) -> None:
        self.values = values
        self.joined = "\n".join(values)
        self.starts: list[int] = []
        position = 0
        for value in values:
            self.starts.append(position)
            position += len(value) + 1
        self.whole: dict[str, list[int]] = {}
        for index, value in enumerate(values if whole else ()):
            if value:
                self.whole.setdefault(value, []).append(index)
        self._last: _Matches | None = None
        self.last_found: _Matches | None = None  # the last search that found something

    def matches(self, needle: str) -> list[tuple[int, int]]:
        """The first values containing `needle` (at most MATCHES_PER_FIELD), in order.

        When the agent types on ("sha" after "sh"), the last search is narrowed: its matches that
        still match are kept, and a capped search goes on from where it stopped, not from the start.
        """
        last = self._last
        if last is not None and last.needle in needle:
            values = self.values
            found = [(index, values[index].find(needle)) for index, _ in last.found if needle in values[index]]
            stopped_at = last.stopped_at if last.complete(self.joined) else self._scan(needle, found, last.stopped_at)
        else:
            found = []
            stopped_at = self._scan(needle, found, 0)
        self._last = _Matches(needle, found, stopped_at)
        if found:
            self.last_found = self._last
        return found

    def _scan(self, needle: str, found: list[tuple[int, int]], start: int) -> int:
        """Add to `found` the values from offset `start` on that contain `needle`, up to the cap;
        return the offset where the scan stopped (the end of the joined values when it did not)."""
        find, starts, end = self.joined.find, self.starts, len(self.joined)
        position = find(needle, start)
        while position != -1:
            index = bisect_right(starts, position) - 1
            if len(found) == MATCHES_PER_FIELD:
                return starts[index]  # this value is not in `found`: a narrower search starts here
            found.append((index, position - starts[index]))
            position = find(needle, starts[index + 1] if index + 1 < len(starts) else end)
        return end
