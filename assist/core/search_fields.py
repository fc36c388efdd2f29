"""The search index's fields: each field's values joined into one string and scanned with `str.find`
in C, and the documents that contain several words apart.

While the agent types, each keystroke narrows what the last one found instead of scanning again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from assist.core.search_text import has_chinese

MATCHES_PER_FIELD = 400  # enough to rank broad one- or two-letter queries without scanning everything
KEPT_WORDS = 16  # words whose documents are kept for the next keystrokes


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

    def every_value_with(self, needle: str) -> list[int]:
        """Every value that contains `needle`, in order, however many there are."""
        found: list[int] = []
        find, starts, end = self.joined.find, self.starts, len(self.joined)
        position = find(needle)
        while position != -1:
            index = bisect_right(starts, position) - 1
            found.append(index)
            position = find(needle, starts[index + 1] if index + 1 < len(starts) else end)
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


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """The fields a word is looked for in: the documents' own, and their situations'."""

    documents: Sequence[Field]
    situations: Sequence[Field]


class WordFinder:
    """The documents that contain every one of several words, each word anywhere in the document's
    fields or its situation's ("xiexie pingjia" finds 谢谢您的来电，…评价，再见！).

    The longest word picks the candidates (every document that has it, kept for the next
    keystrokes, so that typing on narrows them); the other words are checked on each candidate.
    """

    def __init__(
        self,
        chinese: FieldGroup,
        latin: FieldGroup,
        situation_of: Sequence[int],
        situation_documents: Sequence[range],
    ) -> None:
        self._groups = {True: chinese, False: latin}
        self._situation_of = situation_of
        self._situation_documents = situation_documents
        self._kept: dict[tuple[bool, str], list[int]] = {}

    def documents(self, words: Sequence[str]) -> Iterator[int]:
        """The documents that contain every word, in book order (read as many as needed)."""
        longest, *others = sorted(words, key=len, reverse=True)
        checks = [self._check(word) for word in others]
        for document in self._every_document_with(longest):
            if all(contains(document) for contains in checks):
                yield document

    def _every_document_with(self, word: str) -> list[int]:
        key = (has_chinese(word), word)
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        narrower = [found for (chinese, other), found in self._kept.items() if chinese == key[0] and other in word]
        if narrower:  # "pingj" after "ping": only what had "ping" can have "pingj"
            contains = self._check(word)
            found = [document for document in min(narrower, key=len) if contains(document)]
        else:
            group = self._groups[key[0]]
            documents: set[int] = set()
            for field in group.documents:
                documents.update(field.every_value_with(word))
            for situation in self._situations_with(word, group):
                documents.update(self._situation_documents[situation])
            found = sorted(documents)
        self._kept[key] = found
        if len(self._kept) > KEPT_WORDS:
            del self._kept[next(iter(self._kept))]  # the oldest
        return found

    def _check(self, word: str) -> Callable[[int], bool]:
        """A test of whether a document contains `word`."""
        group = self._groups[has_chinese(word)]
        in_situation = set(self._situations_with(word, group))
        situation_of = self._situation_of
        value_lists = [field.values for field in group.documents]

        def contains(document: int) -> bool:
            if situation_of[document] in in_situation:
                return True
            return any(word in values[document] for values in value_lists)

        return contains

    @staticmethod
    def _situations_with(word: str, group: FieldGroup) -> list[int]:
        count = len(group.situations[0].values) if group.situations else 0
        return [index for index in range(count) if any(word in field.values[index] for field in group.situations)]
