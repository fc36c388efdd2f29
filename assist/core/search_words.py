"""Several words apart: the documents that contain every word of a query, each anywhere in the
document's fields or its situation's ("xiexie pingjia" finds 谢谢您的来电，…评价，再见！)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assist.core.search_fields import Field
from assist.core.search_text import has_chinese

KEPT_WORDS = 8  # words whose documents are kept for the next keystrokes (the query being typed)


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
