"""Search: Chinese, English, full pinyin, initials, typos, forbidden wording leading to its fix;
stopping early and narrowing as the agent types never change the hits."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.pinyin import ReadingCache, read
from assist.core.search import Search
from tests.helpers import zh
from tests.search_fixtures import first

HOLD = zh("请稍等,我帮您查一下。")
SILENT_PROMPT = zh("您好!{organisation}?请问有什么可以帮您?您好!请说!")


@pytest.mark.parametrize("query", ["稍等", "请稍等", "查一下", "我帮您查"])
def test_chinese(search, query):
    assert first(search, query) == HOLD


@pytest.mark.parametrize("query", ["shaodeng", "shao deng", "qingshaodeng", "SHAODENG", "chayixia"])
def test_full_pinyin(search, query):
    assert first(search, query) == HOLD


@pytest.mark.parametrize("query", ["qsd", "q s d", "wbncyx"])
def test_initials(search, query):
    assert first(search, query) == HOLD


def test_polyphones_read_in_context():
    readings = read(["对用户咨询的问题需要通过查询才能解答时", "银行"])
    assert "chaxun" in readings["对用户咨询的问题需要通过查询才能解答时"].full
    assert readings["银行"].full == "yinhang"


@pytest.mark.parametrize(
    ("query", "situation"),
    [
        ("wait", "hold"),
        ("apolog", "apology"),
        ("goodbye", "closing"),
        ("complaint", "complaint"),
        ("thank you for calling", "closing"),
        ("interrupt", "clarify"),
        ("wrong department", "misrouted"),
    ],
)
def test_english_glosses_and_keywords(search, query, situation):
    assert search.query(query, limit=3)[0].situation == situation


def test_situation_titles_and_keywords_in_chinese(search):
    assert {hit.situation for hit in search.query("投诉", limit=5)} == {"complaint"}
    assert search.query("表扬", limit=1)[0].situation == "closing"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("shaodneg", HOLD), ("qingshaodegn", HOLD), ("apologiez", "对不起"), ("thank you for caling", None)],
)
def test_typos_are_forgiven(search, query, expected):
    hits = search.query(query, limit=3)
    assert hits, query
    if expected:
        assert hits[0].text == expected
    else:
        assert hits[0].situation == "closing"
    assert hits[0].score < 75  # a fuzzy hit never outranks an exact one


def test_a_forbidden_wording_finds_what_to_say_instead(search):
    (hit,) = search.query("等一会", limit=1)
    assert hit.text == HOLD and hit.forbidden == zh("等一会!")
    assert search.query("bu qingchu", limit=1)[0].forbidden == "不清楚"


def test_placeholders_are_searched_by_their_label(search):
    assert search.query("单位名称", limit=5)[0].situation in {"greeting", "silent"}


def test_hits_are_unique_ranked_and_limited(search):
    hits = search.query("您", limit=4)
    assert len(hits) == 4
    assert len({(h.situation, h.number) for h in hits}) == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert search.query("   ") == [] and search.query("xyzxyzxyz") == []


def test_typing_narrows_and_stays_correct(search):
    for length in range(1, len("shaodeng") + 1):
        search.query("shaodeng"[:length])
    assert first(search, "shaodeng") == HOLD
    assert first(search, "tousu") != HOLD  # an unrelated query after narrowing scans afresh
    assert search.query("zai", limit=50) and first(search, "zaijian").startswith(zh("谢谢您的来电,"))


def test_without_pinyin_chinese_and_english_still_work(default_book):
    plain = Search(default_book, pinyin=False)
    assert first(plain, "稍等") == HOLD and plain.query("qsd") == []


def test_reading_cache_is_written_once_and_reused(tmp_path):
    cache = ReadingCache(tmp_path)
    first_readings = cache.readings(["请稍等", "查询"])
    files = list(tmp_path.glob("pinyin-*.json"))
    assert len(files) == 1
    assert cache.readings(["查询", "请稍等"]) == first_readings
    files[0].write_text("{broken", encoding="utf-8")
    assert cache.readings(["请稍等", "查询"]) == first_readings  # a damaged cache is read again


def test_the_reading_cache_keeps_only_the_newest_sets(tmp_path):
    from assist.core.pinyin import KEPT_READINGS

    cache = ReadingCache(tmp_path)
    books = [["请稍等", f"第{'一二三四五六七'[n]}本书"] for n in range(KEPT_READINGS + 3)]
    for texts in books:
        cache.readings(texts)
    assert len(list(tmp_path.glob("pinyin-*.json"))) == KEPT_READINGS
    assert cache.readings(books[-1])["第七本书"].initials == "dqbs"  # the newest is still there


# What an agent types in each situation, in everyday English and in Chinese, and the phrase they
# expect on top (Enter copies it). Written by hand: the test fails when the ranking breaks.
class EveryFieldScored(Search):
    """The same search without its shortcuts: it never stops early (a broad query scores every
    field, and words apart are looked for even when enough phrases matched as one piece), and it
    is built afresh for each query, so that no keystroke narrows the last one's matches."""

    def _settled(self, scores, next_weight, limit):
        return False

    def _enough(self, scores, limit):
        return False


@settings(max_examples=300, deadline=None)
@given(data=st.data(), limit=st.integers(min_value=1, max_value=6), words=st.integers(1, 3))
def test_stopping_early_and_narrowing_never_change_the_hits(search, default_book, readings, data, limit, words):
    readable = [value for field in search._fields.values() for value in field.values if value]
    pieces = []
    for _ in range(words):  # a piece of the book's text, some split in two where it reads on
        value = data.draw(st.sampled_from(readable))
        start = data.draw(st.integers(0, max(0, len(value) - 1)))
        piece = value[start : start + data.draw(st.integers(1, 8))]
        split = data.draw(st.integers(0, len(piece)))
        pieces += [piece[:split], piece[split:]]
    query = " ".join(piece for piece in pieces if piece)
    for length in range(1, len(query)):  # typed one key at a time, as in the search box
        search.query(query[:length], limit)
    fresh = EveryFieldScored(default_book, readings)
    assert search.query(query, limit) == fresh.query(query, limit)


def test_a_word_with_chinese_is_not_narrowed_from_a_latin_word_inside_it(default_book, readings):
    # A note with an English aside, 先招呼、提示 (first, greet and prompt), reads 先招呼提示first… in the
    # Chinese fields, while "first" alone is looked for in pinyin and English, where no phrase has it.
    silent = default_book.situation("silent")
    prompt = replace(silent.phrases[0], note="先招呼、提示 (first, greet and prompt)")
    situations = tuple(
        replace(s, phrases=(prompt, *s.phrases[1:])) if s is silent else s for s in default_book.situations
    )
    book = replace(default_book, situations=situations)
    search = Search(book, readings)
    search.query("first 招呼")
    (hit,) = search.query("提示first 招呼", limit=1)
    assert hit.text == SILENT_PROMPT and hit.score > 70  # found by its words, not as a typo


def test_a_forbidden_wording_whose_replacement_is_in_another_situation_finds_it(write_book):
    """The replacement may be a phrase of another situation (`instead: hold#1`): the index is built,
    and typing the wording finds that phrase under its own situation and number."""
    from assist.core.loader import load_phrasebook

    path = write_book(
        "name: 例\nsituations:\n"
        "  - id: hold\n    title: 查询等待\n    phrases:\n      - text: 请稍等，我帮您查一下。\n"
        "  - id: closing\n    title: 结束\n    phrases:\n      - text: 谢谢您的来电，再见！\n"
        "    forbidden:\n      - text: 等一会儿\n        instead: hold#1\n"
    )
    book = load_phrasebook(path)
    hits = Search(book, {}).query("等一会儿", limit=3)
    assert hits and hits[0].text == "请稍等，我帮您查一下。"
    assert hits[0].situation == "hold" and hits[0].number == 1
