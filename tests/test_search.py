"""Search: Chinese, English, full pinyin, initials, typos, forbidden wording leading to its fix."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.pinyin import ReadingCache, read
from assist.core.search import Search
from tests.helpers import zh

HOLD = zh("请稍等,我帮您查一下。")


@pytest.fixture(scope="module")
def search(default_book) -> Search:
    return Search(default_book, read(Search.texts_to_read(default_book)))


def first(search: Search, query: str) -> str:
    hits = search.query(query, limit=5)
    assert hits, f"nothing found for {query!r}"
    return hits[0].text


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
    [("shaodneg", HOLD), ("qingshaodegn", HOLD), ("apologize", "对不起"), ("thank you for caling", None)],
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


def every_field_scored(search: Search, text: str, limit: int) -> list:
    """The hits of a search that scores every field of every phrase: what `query` must return,
    however early it stops (a book this small never reaches the per-field cap)."""
    from assist.core.search import SITUATION_FIELDS, START_BONUS, WEIGHTS, _needles

    scores: dict[int, float] = {}
    for name, needle in _needles(text):
        situation_wide = name in SITUATION_FIELDS
        values = (search._situation_fields if situation_wide else search._fields)[name].values
        for value_index, value in enumerate(values):
            position = value.find(needle)
            if position == -1:
                continue
            score = WEIGHTS[name] + (START_BONUS if position == 0 else 0.0)
            documents = search._phrase_documents[value_index][:limit] if situation_wide else [value_index]
            for index in documents:
                scores[index] = max(score, scores.get(index, 0.0))
    return search._best(scores, limit) if scores else []


@settings(max_examples=300, deadline=None)
@given(data=st.data(), limit=st.integers(min_value=1, max_value=6))
def test_stopping_early_never_changes_the_hits(search, data, limit):
    readable = [value for field in search._fields.values() for value in field.values if value]
    value = data.draw(st.sampled_from(readable))
    start = data.draw(st.integers(0, max(0, len(value) - 1)))
    query = value[start : start + data.draw(st.integers(1, 6))]
    expected = every_field_scored(search, query, limit)
    if expected:  # (no exact match: the typo-tolerant search runs instead, the same either way)
        assert search.query(query, limit) == expected
