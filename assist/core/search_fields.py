"""The search index's fields: each field's values joined into one string and scanned with `str.find`
in C, and the documents that contain several words apart.

While the agent types, each keystroke narrows what the last one found instead of scanning again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assist.core.search_text import has_chinese

MATCHES_PER_FIELD = 400  # enough to rank broad one- or two-letter queries without scanning everything
KEPT_WORDS = 8  # words whose documents are kept for the next keystrokes (the query being typed)


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


@dataclass(frozen=True, slots=True)
class FieldGroup:
    """The fields a word is looked for in: the documents' own, and their situations'."""

    documents: Sequence[Field]
    situations: Sequence[Field]


class WordFinder:
    """The documents that contain every one of several words, each word anywhere in the document's
    fields or its situation's ("xiexie pingjia" finds 谢谢您的来电，…评价，再见！).

    One word picks the candidates: every document that has it, found by a scan in C and kept for the
    next keystrokes (so typing on narrows them: "pingj" after "ping"). A word already kept is
    preferred, else the longest. The other words are checked on each candidate, in book order,
    only until enough are found.
    """

    def __init__(self, chinese: FieldGroup, latin: FieldGroup, situation_of: Sequence[int]) -> None:
        self._groups = {True: chinese, False: latin}
        self._situation_of = situation_of  # each document's situation, in book order
        self._texts: dict[bool, _DocumentTexts] = {}  # per script, built at the first query of words
        self._kept: dict[tuple[bool, str], list[int]] = {}

    def documents(self, words: Sequence[str]) -> Iterator[int]:
        """The documents that contain every word, in book order (read as many as needed)."""
        kept = [word for word in words if (has_chinese(word), word) in self._kept]
        first = min(kept, key=lambda word: len(self._kept[has_chinese(word), word])) if kept else max(words, key=len)
        tests = [self._test(word) for word in words if word != first]
        situation_of = self._situation_of
        for document in self._every_document_with(first):
            situation = situation_of[document]
            for word, texts, in_situations in tests:
                if situation not in in_situations and not texts.has(word, document):
                    break
            else:
                yield document

    def _every_document_with(self, word: str) -> list[int]:
        key = (has_chinese(word), word)
        found = self._kept.pop(key, None)
        if found is None:
            _, texts, in_situations = self._test(word)
            narrower = [kept for (chinese, other), kept in self._kept.items() if chinese == key[0] and other in word]
            if narrower:  # only what had "ping" can have "pingj"
                situation_of = self._situation_of
                found = [
                    document
                    for document in min(narrower, key=len)
                    if situation_of[document] in in_situations or texts.has(word, document)
                ]
            else:
                documents = set(texts.every_document_with(word))
                for document, situation in enumerate(self._situation_of):
                    if situation in in_situations:
                        documents.add(document)
                found = sorted(documents)
        self._kept[key] = found  # the newest last: the words of the query being typed stay
        if len(self._kept) > KEPT_WORDS:
            del self._kept[next(iter(self._kept))]
        return found

    def _test(self, word: str) -> tuple[str, _DocumentTexts, set[int]]:
        """What a document is tested against: the word, the documents' text in the word's script,
        and the situations that have the word (so every document of theirs has it)."""
        chinese = has_chinese(word)
        group = self._groups[chinese]
        count = len(group.situations[0].values) if group.situations else 0
        in_situations = {
            index for index in range(count) if any(word in field.values[index] for field in group.situations)
        }
        texts = self._texts.get(chinese)
        if texts is None:
            texts = self._texts[chinese] = _DocumentTexts([field.values for field in group.documents])
        return word, texts, in_situations


class _DocumentTexts:
    """Each document's fields in one string, all documents joined: a word is found in one
    document, or in every document, by `str.find` in C."""

    def __init__(self, columns: list[list[str]]) -> None:
        texts = ["\n".join(values) for values in zip(*columns, strict=True)]
        self.joined = "\n".join(texts)
        self.starts: list[int] = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.starts.append(position)  # where a document after the last would start

    def has(self, word: str, document: int) -> bool:
        return self.joined.find(word, self.starts[document], self.starts[document + 1]) != -1

    def every_document_with(self, word: str) -> Iterator[int]:
        find, starts = self.joined.find, self.starts
        position = find(word)
        while position != -1:
            document = bisect_right(starts, position) - 1
            yield document
            position = find(word, starts[document + 1])
