"""Finding a phrase any way an agent would type it: Chinese, English, full pinyin, initials, typos.

Every phrase (and every forbidden wording, which leads to the phrase to say instead) is a document
with a few fields; situation-wide fields (title, keywords) are kept once per situation. A query is
looked up as a plain substring of each field with `str.find` over one joined string per field, in
C. While the agent types, each keystroke narrows the previous keystroke's matches instead of
scanning again. Only when nothing matches does a fuzzy match (rapidfuzz) run, over the documents
that matched the longest prefix of the query, so a typo late in a word stays cheap.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from assist.core import templates
from assist.core.model import Phrase, Phrasebook, Situation
from assist.core.pinyin import Reading, ReadingCache, default_cache_folder

# How much a match in each field is worth; a document's best field gives its score.
WEIGHTS = {
    "text": 100.0,
    "forbidden": 96.0,
    "title": 90.0,
    "keywords": 88.0,
    "pinyin": 86.0,
    "initials": 84.0,
    "en": 82.0,
    "note": 78.0,
    "title_pinyin": 76.0,
    "title_initials": 74.0,
    "title_en": 72.0,
}
SITUATION_FIELDS = ("title", "keywords", "title_pinyin", "title_initials", "title_en")
FUZZY_WEIGHT = 0.7  # a fuzzy match scores at most 70: below any exact one
FUZZY_CUTOFF = 75.0
MATCHES_PER_FIELD = 400  # enough to rank broad one- or two-letter queries without scanning everything
START_BONUS = 2.0  # a match at the start of a field ranks a little higher
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found by a query: `text` is the phrase to say (a forbidden wording leads to its fix)."""

    text: str
    situation: str  # the situation's id
    score: float
    number: int = 0  # the phrase's number in its situation (Ctrl+number copies it there)
    situation_title: str = ""
    forbidden: str = ""  # the forbidden wording the query matched, if that is how it was found
    phrase: Phrase | None = field(default=None, compare=False, repr=False)

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "situation": self.situation, "score": round(self.score, 1)}


@dataclass(frozen=True, slots=True)
class _Document:
    phrase: Phrase
    situation: Situation
    situation_index: int
    number: int
    forbidden: str = ""


@dataclass(slots=True)
class _Matches:
    """The first values of a field that contain a needle, in order, and where the scan stopped."""

    needle: str
    found: list[tuple[int, int]]  # (value index, position in the value)
    stopped_at: int  # offset in the joined values; the end when `found` lists every match

    def complete(self, joined: str) -> bool:
        return self.stopped_at >= len(joined)


class _Field:
    """One field's values, joined, so that a substring is found with `str.find` in one C-level scan."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self.joined = "\n".join(values)
        self.starts: list[int] = []
        position = 0
        for value in values:
            self.starts.append(position)
            position += len(value) + 1
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


class Search:
    """Search over one book. Build once per book load; `query` is fast enough for every keystroke."""

    def __init__(self, book: Phrasebook, readings: Mapping[str, Reading] | None = None, pinyin: bool = True) -> None:
        """Index `book`. Pinyin readings come from `readings`, else from the reading cache (which may
        import pypinyin and take a moment for a large book); `pinyin=False` leaves pinyin out."""
        self.book = book
        if readings is None and pinyin:
            readings = ReadingCache(default_cache_folder()).readings(self.texts_to_read(book))
        self.has_pinyin = bool(pinyin)
        readings = readings or {}
        none = Reading("", "")
        self._documents: list[_Document] = []
        self._phrase_documents: list[list[int]] = []  # per situation, its phrases' documents in order
        values: dict[str, list[str]] = {name: [] for name in WEIGHTS if name not in SITUATION_FIELDS}
        situation_values: dict[str, list[str]] = {name: [] for name in SITUATION_FIELDS}
        for situation_index, situation in enumerate(book.situations):
            title = readings.get(situation.title, none)
            situation_values["title"].append(situation.title)
            situation_values["keywords"].append(" ".join(situation.keywords).lower())
            situation_values["title_pinyin"].append(title.full)
            situation_values["title_initials"].append(title.initials)
            situation_values["title_en"].append(situation.title_en.lower())
            self._phrase_documents.append([])
            for number, phrase in enumerate(situation.phrases, start=1):
                self._phrase_documents[-1].append(len(self._documents))
                text = spoken_text(phrase.text, book)
                self._add(
                    values,
                    _Document(phrase, situation, situation_index, number),
                    readings.get(text, none),
                    text=text,
                    en=phrase.en.lower(),
                    note=phrase.note,
                )
            for entry in situation.forbidden:
                replacement = situation.replacement_for(entry)
                number = situation.phrases.index(replacement) + 1
                for wording in dict.fromkeys((entry.text, *entry.variants)):
                    document = _Document(replacement, situation, situation_index, number, entry.text)
                    self._add(values, document, readings.get(wording, none), forbidden=wording)
        self._fields = {name: _Field(field_values) for name, field_values in values.items()}
        self._situation_fields = {name: _Field(field_values) for name, field_values in situation_values.items()}

    @staticmethod
    def texts_to_read(book: Phrasebook) -> list[str]:
        """Every text whose pinyin the search wants: build `readings` for these."""
        texts = [situation.title for situation in book.situations]
        for situation in book.situations:
            texts += [spoken_text(phrase.text, book) for phrase in situation.phrases]
            texts += [wording for entry in situation.forbidden for wording in (entry.text, *entry.variants)]
        return texts

    def _add(
        self,
        values: dict[str, list[str]],
        document: _Document,
        reading: Reading,
        text: str = "",
        forbidden: str = "",
        en: str = "",
        note: str = "",
    ) -> None:
        for name, value in (
            ("text", text),
            ("forbidden", forbidden),
            ("pinyin", reading.full),
            ("initials", reading.initials),
            ("en", en),
            ("note", note),
        ):
            values[name].append(value)
        self._documents.append(document)

    def query(self, text: str, limit: int = 10) -> list[Hit]:
        """The best `limit` phrases for `text`, best first."""
        needles = _needles(text)
        if not needles or limit <= 0:
            return []
        needles.sort(key=lambda item: WEIGHTS[item[0]], reverse=True)  # the fields worth most first
        scores: dict[int, float] = {}
        for number, (name, needle) in enumerate(needles):
            weight = WEIGHTS[name]
            if name in SITUATION_FIELDS:
                for situation_index, position in self._situation_fields[name].matches(needle):
                    score = weight + (START_BONUS if position == 0 else 0.0)
                    for index in self._phrase_documents[situation_index][:limit]:
                        if score > scores.get(index, 0.0):
                            scores[index] = score
            else:
                plain, at_start = weight, weight + START_BONUS
                for index, position in self._fields[name].matches(needle):
                    score = at_start if position == 0 else plain
                    if score > scores.get(index, 0.0):
                        scores[index] = score
            if number + 1 < len(needles) and self._settled(scores, WEIGHTS[needles[number + 1][0]], limit):
                break
        if not scores:
            scores = self._fuzzy(needles, limit)
        return self._best(scores, limit)

    def _settled(self, scores: dict[int, float], next_weight: float, limit: int) -> bool:
        """True when `limit` phrases already score above anything the remaining fields can give,
        so that searching them could not change the best `limit` (a broad query stops early)."""
        if len(scores) < limit:
            return False
        ceiling = next_weight + START_BONUS
        documents = self._documents
        above = {
            (documents[index].situation_index, documents[index].number)
            for index, score in scores.items()
            if score > ceiling
        }
        return len(above) >= limit

    def _fuzzy(self, needles: list[tuple[str, str]], limit: int) -> dict[int, float]:
        """Typo-tolerant scores, over the documents that matched the longest prefix of the query."""
        scores: dict[int, float] = {}
        for name, needle in needles:
            if len(needle) < 3 or name.endswith("initials"):
                continue
            weight = WEIGHTS[name] * FUZZY_WEIGHT / 100
            if name in SITUATION_FIELDS:
                for _, score, situation_index in process.extract(
                    needle,
                    self._situation_fields[name].values,
                    scorer=fuzz.partial_ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    limit=None,
                ):
                    for index in self._phrase_documents[situation_index][:limit]:
                        _keep_best(scores, index, score * weight)
                continue
            values = self._fields[name].values
            candidates = self._prefix_candidates(self._fields[name], needle)
            choices = {index: values[index] for index in candidates} if candidates else values
            for _, score, index in process.extract(
                needle, choices, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=limit * 4
            ):
                _keep_best(scores, index, score * weight)
        return scores

    @staticmethod
    def _prefix_candidates(field_: _Field, needle: str) -> list[int]:
        """The values that contain the longest prefix of `needle` found anywhere in the field."""
        remembered = field_.last_found
        if remembered is not None and needle.startswith(remembered.needle) and len(remembered.needle) >= 2:
            return [index for index, _ in remembered.found]  # the agent typed on past the last match
        shortest, longest = 2, len(needle) - 1  # prefixes that match form a run: find its end by halving
        best: list[tuple[int, int]] = []
        while shortest <= longest:
            middle = (shortest + longest) // 2
            found = field_.matches(needle[:middle])
            if found:
                best, shortest = found, middle + 1
            else:
                longest = middle - 1
        return [index for index, _ in best]  # empty: not even two characters in common, so every value

    def _best(self, scores: dict[int, float], limit: int) -> list[Hit]:
        documents = self._documents
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        hits: list[Hit] = []
        seen: set[tuple[int, int]] = set()
        for index, score in ranked:
            document = documents[index]
            key = (document.situation_index, document.number)
            if key in seen:
                continue
            seen.add(key)
            hits.append(
                Hit(
                    document.phrase.text,
                    document.situation.id,
                    score,
                    document.number,
                    document.situation.title,
                    document.forbidden,
                    document.phrase,
                )
            )
            if len(hits) == limit:
                break
        return hits


def _keep_best(scores: dict[int, float], index: int, score: float) -> None:
    if score > scores.get(index, 0.0):
        scores[index] = score


def spoken_text(text: str, book: Phrasebook) -> str:
    """Phrase text as it reads, with each placeholder shown as its label: "您好，单位名称，…"."""
    pieces = []
    for segment in templates.segments(text):
        placeholder = book.placeholders.get(segment.text) if segment.is_placeholder else None
        pieces.append(placeholder.label if placeholder else segment.text)
    return "".join(pieces)


def _needles(query: str) -> list[tuple[str, str]]:
    """What to look for in which field: Chinese text as typed, Latin text as pinyin and as English."""
    query = query.strip().lower()
    if _HAN.search(query):
        chinese = _NOT_WORD.sub("", query)
        fields = ("text", "forbidden", "title", "keywords", "note")
        return [(name, chinese) for name in fields] if chinese else []
    squeezed = _NOT_WORD.sub("", query)  # "shao deng" → "shaodeng", "q s d" → "qsd"
    english = " ".join(query.split())
    needles = [
        ("pinyin", squeezed),
        ("title_pinyin", squeezed),
        ("en", english),
        ("keywords", english),
        ("title_en", english),
    ]
    if 2 <= len(squeezed) <= 12:
        needles += [("initials", squeezed), ("title_initials", squeezed)]
    return [(name, needle) for name, needle in needles if needle]
