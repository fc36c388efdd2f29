"""Finding a phrase any way an agent would type it: Chinese, English, full pinyin, initials, typos.

Every phrase (and every forbidden wording, which leads to the phrase to say instead) is a document
with a few fields; situation-wide fields (title, keywords) are kept once per situation. The query
and the fields are normalised alike (`search_text`), so punctuation and spaces never decide.
A phrase ranks by how it was found:

1. the whole phrase typed (its text, pinyin, initials or English gloss, punctuation aside);
2. the query found as one piece in a field, worth the field's weight ("shao deng" in the pinyin),
   or typed as one of a phrase's own keywords ("praise"), worth more than its situation's keywords;
3. every word of a query of several words, apart, each in any field ("xiexie pingjia");
4. when nothing above matches, a typo-tolerant match (rapidfuzz) of the query.

Fields are scanned with `str.find` in C; each keystroke narrows the previous keystroke's matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from assist.core import templates
from assist.core.model import Forbidden, Phrase, Phrasebook, Situation
from assist.core.pinyin import Reading, ReadingCache, default_cache_folder
from assist.core.search_fields import Field
from assist.core.search_text import has_chinese, search_words, spaced, squeezed
from assist.core.search_words import FieldGroup, WordFinder

# How much a match in each field is worth; a document's best field gives its score.
WEIGHTS = {
    "text": 100.0,
    "forbidden": 96.0,
    "title": 90.0,
    "keywords": 88.0,
    "pinyin": 86.0,
    "initials": 84.0,
    "en": 82.0,
    "phrase_keywords": 80.0,  # part of a phrase's own keyword ("wait" in "kept waiting")
    "note": 78.0,
    "title_pinyin": 76.0,
    "title_initials": 74.0,
    "title_en": 72.0,
}
SITUATION_FIELDS = ("title", "keywords", "title_pinyin", "title_initials", "title_en")
WHOLE_FIELDS = ("text", "forbidden", "pinyin", "initials", "en")  # where a whole phrase typed is looked up
CHINESE_FIELDS = ("text", "forbidden", "phrase_keywords", "title", "keywords", "note")
OWN_KEYWORD = 92.0  # the query is one of a phrase's own keywords: above its situation's keywords
WHOLE_BONUS = 40.0  # a whole phrase typed outranks any phrase that only contains the query
START_BONUS = 2.0  # a match at the start of a field ranks a little higher
EVERY_WORD_SCORE = 71.0  # every word found apart: below any match of the query as one piece
FUZZY_WEIGHT = 0.7  # a fuzzy match scores at most 70: below any exact one
FUZZY_CUTOFF = 75.0
KEYWORD_SEPARATOR = "|"  # between keywords, so that a query never matches across two


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


def _home_of(book: Phrasebook, situation: Situation, entry: Forbidden) -> tuple[Phrase, Situation, int, int] | None:
    """The phrase to say instead of a forbidden entry listed under `situation`, with the situation it
    belongs to (its own, or another one the entry refers to), that situation's index and the phrase's
    number there: typing the forbidden wording finds it, and Enter copies it."""
    try:
        replacement = situation.replacement_for(entry)
    except StopIteration:
        return None
    homes = [suggestion.situation for suggestion in entry.suggestions if suggestion.phrase == replacement]
    for home_id in (*homes, situation.id):
        for index, candidate in enumerate(book.situations):
            if candidate.id == home_id and replacement in candidate.phrases:
                return replacement, candidate, index, candidate.phrases.index(replacement) + 1
    return None


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
        self._own_keywords: dict[str, list[int]] = {}  # a phrase's keyword → the phrase's documents
        keywords = _KeywordReader()
        values: dict[str, list[str]] = {name: [] for name in WEIGHTS if name not in SITUATION_FIELDS}
        situation_values: dict[str, list[str]] = {name: [] for name in SITUATION_FIELDS}
        for situation_index, situation in enumerate(book.situations):
            title = readings.get(situation.title, none)
            situation_values["title"].append(squeezed(situation.title))
            situation_values["keywords"].append(keywords.joined(situation.keywords))
            situation_values["title_pinyin"].append(title.full)
            situation_values["title_initials"].append(title.initials)
            situation_values["title_en"].append(spaced(situation.title_en))
            self._phrase_documents.append([])
            for number, phrase in enumerate(situation.phrases, start=1):
                self._phrase_documents[-1].append(len(self._documents))
                for keyword in keywords.each(phrase.keywords):
                    self._own_keywords.setdefault(keyword, []).append(len(self._documents))
                text = spoken_text(phrase.text, book)
                self._add(
                    values,
                    _Document(phrase, situation, situation_index, number),
                    readings.get(text, none),
                    text=squeezed(text),
                    en=spaced(phrase.en),
                    note=squeezed(phrase.note),
                    phrase_keywords=keywords.joined(phrase.keywords),
                )
            for entry in situation.forbidden:
                home = _home_of(book, situation, entry)
                if home is None:  # a book built by hand whose replacement is none of its phrases
                    continue
                replacement, home_situation, home_index, number = home
                for wording in dict.fromkeys((entry.text, *entry.variants)):
                    document = _Document(replacement, home_situation, home_index, number, entry.text)
                    self._add(values, document, readings.get(wording, none), forbidden=squeezed(wording))
        self._fields = {name: Field(field_values, name in WHOLE_FIELDS) for name, field_values in values.items()}
        self._situation_fields = {name: Field(field_values) for name, field_values in situation_values.items()}
        fields, situation_fields = self._fields, self._situation_fields
        self._words = WordFinder(
            chinese=FieldGroup(
                [fields[name] for name in ("text", "forbidden", "note", "phrase_keywords")],
                [situation_fields[name] for name in ("title", "keywords")],
            ),
            latin=FieldGroup(
                [fields[name] for name in ("pinyin", "initials", "en", "phrase_keywords")],
                [situation_fields[name] for name in ("title_pinyin", "title_initials", "title_en", "keywords")],
            ),
            situation_of=[document.situation_index for document in self._documents],
        )

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
        phrase_keywords: str = "",
    ) -> None:
        for name, value in (
            ("text", text),
            ("forbidden", forbidden),
            ("phrase_keywords", phrase_keywords),
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
        for name, needle in needles:  # a whole phrase or a phrase's own keyword typed: one look-up each
            if name in WHOLE_FIELDS:
                for index in self._fields[name].whole.get(needle, ()):
                    _keep_best(scores, index, WEIGHTS[name] + WHOLE_BONUS)
            elif name == "phrase_keywords":
                for index in self._own_keywords.get(needle, ()):
                    _keep_best(scores, index, OWN_KEYWORD)
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
        words = search_words(text)
        if words and not self._enough(scores, limit):
            self._add_every_word(scores, words, limit)
        if not scores:
            scores = self._fuzzy(needles, limit)
        return self._best(scores, limit)

    def _add_every_word(self, scores: dict[int, float], words: list[str], limit: int) -> None:
        """Score the first documents (in book order) that contain every word, until `limit` phrases
        have a score: the rest would tie with them and rank after them."""
        phrases = {self._key(index) for index in scores}
        for index in self._words.documents(words):
            if len(phrases) >= limit:
                return
            if index not in scores:
                scores[index] = EVERY_WORD_SCORE
                phrases.add(self._key(index))

    def _enough(self, scores: dict[int, float], limit: int) -> bool:
        """True when `limit` phrases already match the query as one piece (or whole): phrases with
        its words apart would rank below them all."""
        if len(scores) < limit:
            return False
        phrases: set[tuple[int, int]] = set()
        for index in scores:
            phrases.add(self._key(index))
            if len(phrases) >= limit:
                return True
        return False

    def _key(self, index: int) -> tuple[int, int]:
        document = self._documents[index]
        return document.situation_index, document.number

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
    def _prefix_candidates(field_: Field, needle: str) -> list[int]:
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
            key = self._key(index)
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


class _KeywordReader:
    """Keywords as searched, read once per list (a large book repeats the same lists)."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, ...], tuple[str, ...]] = {}

    def each(self, keywords: tuple[str, ...]) -> tuple[str, ...]:
        read = self._read.get(keywords)
        if read is None:
            read = self._read[keywords] = tuple(dict.fromkeys(spaced(keyword) for keyword in keywords))
        return read

    def joined(self, keywords: tuple[str, ...]) -> str:
        return KEYWORD_SEPARATOR.join(self.each(keywords))


def _needles(query: str) -> list[tuple[str, str]]:
    """What to look for in which field: Chinese text squeezed, Latin text as pinyin and as English."""
    chinese = squeezed(query)  # "对不起，让您久等了" → "对不起让您久等了", "shao deng" → "shaodeng"
    if has_chinese(chinese):
        return [(name, chinese) for name in CHINESE_FIELDS]
    english = spaced(query)
    needles = [
        ("pinyin", chinese),
        ("title_pinyin", chinese),
        ("en", english),
        ("phrase_keywords", english),
        ("keywords", english),
        ("title_en", english),
    ]
    if 2 <= len(chinese) <= 12:
        needles += [("initials", chinese), ("title_initials", chinese)]
    return [(name, needle) for name, needle in needles if needle]
