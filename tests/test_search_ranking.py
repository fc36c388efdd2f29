"""What an agent types, and the phrase they expect on top (Enter copies it): everyday words of
each situation, several words apart, a whole phrase. Expectations are written by hand."""

from __future__ import annotations

import pytest

from assist.core.loader import check_text
from assist.core.search import Search
from tests.helpers import zh
from tests.search_fixtures import first

# The book's phrases, written out by hand: what an agent expects to see first.
GREETING = zh("您好,{organisation},请问有什么可以帮您?")
MISROUTED = zh(
    "对不起,刚才给您转接的同事可能没能充分理解您的意思,我这里是{department},您咨询的问题,"
    "请致电{target_department}电话:{target_phone}[转{target_extension}]查询即可"
)
SILENT_PROMPT = zh("您好!{organisation}?请问有什么可以帮您?您好!请说!")
CANNOT_HEAR = zh(
    "对不起,我听不到您的声音,请问有什么可以帮您,非常抱歉,您的电话没有声音,请您换一部电话再打来可以吗?谢谢!"
)
INTERRUPT = zh("对不起,请允许我打断一下")
UNDERSTAND = zh("是这样…我明白(理解)")
YOU_MEAN = zh("对不起,您是说…对吗…?")
HOLD = zh("请稍等,我帮您查一下。")
KEPT_WAITING = zh("对不起,让您久等了")
PATIENCE = "谢谢您的耐心等待"
ANYTHING_ELSE = zh("请问还有什么可以帮您?")
CRITICISM = zh("谢谢您的建议(批评),我们会尽快向上级部门反映。")
SORRY, FORGIVE, TROUBLE, SOLVE = "对不起", "请原谅", "给您添麻烦了", "我们立即采取措施为您解决"
OPINION = zh("很感谢您的宝贵意见(建议),我们一定会认真考虑的。")
CLOSING = zh("谢谢您的来电,请您在听到提示音后对我的服务做出评价,再见!")
PRAISE = zh("感谢您对我工作的肯定,在今后的工作中我会更加努力,请问还有什么可以帮您?")
COMPLAINT = zh("很感谢您对我们提出的宝贵意见,您的建议对我们非常重要,对改善我们今后的工作很有帮助……谢谢您的来电,再见!")
OUR_FAULT = zh("很抱歉…是我们的工作没做到位,给您添麻烦了")


EVERYDAY_WORDS = [
    # An incoming call
    ("hello", GREETING),
    ("new call", GREETING),
    ("pick up", GREETING),
    ("answer the phone", GREETING),
    ("incoming", GREETING),
    ("接听", GREETING),
    ("开场", GREETING),
    # Routed to the wrong place
    ("wrong number", MISROUTED),
    ("transfer", MISROUTED),
    ("transferred", MISROUTED),
    ("other department", MISROUTED),
    ("wrong department", MISROUTED),
    ("打错", MISROUTED),
    ("打错电话", MISROUTED),
    ("转错了", MISROUTED),
    ("别的部门", MISROUTED),
    # A silent caller
    ("silent", SILENT_PROMPT),
    ("no answer", SILENT_PROMPT),
    ("nobody there", SILENT_PROMPT),
    ("no one there", SILENT_PROMPT),
    ("quiet", SILENT_PROMPT),
    ("没声音", SILENT_PROMPT),
    ("没人说话", SILENT_PROMPT),
    ("can't hear", CANNOT_HEAR),
    ("cannot hear", CANNOT_HEAR),
    ("听不见", CANNOT_HEAR),
    ("听不到", CANNOT_HEAR),
    # Not finished, or not understood
    ("interrupt", INTERRUPT),
    ("cut in", INTERRUPT),
    ("插话", INTERRUPT),
    ("i see", UNDERSTAND),
    ("understood", UNDERSTAND),
    ("明白", UNDERSTAND),
    ("didn't understand", YOU_MEAN),
    ("pardon", YOU_MEAN),
    ("say again", YOU_MEAN),
    ("repeat", YOU_MEAN),
    ("confirm", YOU_MEAN),
    ("没听懂", YOU_MEAN),
    ("再说一遍", YOU_MEAN),
    # A lookup: hold
    ("on hold", HOLD),
    ("hold", HOLD),
    ("hold on", HOLD),
    ("wait", HOLD),
    ("waiting", HOLD),
    ("one moment", HOLD),
    ("just a moment", HOLD),
    ("looking it up", HOLD),
    ("check", HOLD),
    ("等一下", HOLD),
    ("查一下", HOLD),
    ("kept waiting", KEPT_WAITING),
    ("sorry for the wait", KEPT_WAITING),
    ("久等", KEPT_WAITING),
    ("patience", PATIENCE),
    ("thanks for waiting", PATIENCE),
    ("耐心", PATIENCE),
    ("anything else", ANYTHING_ELSE),
    ("还有什么", ANYTHING_ELSE),
    # Suggestion or criticism
    ("criticism", CRITICISM),
    ("criticize", CRITICISM),
    ("feedback", CRITICISM),
    ("blame", CRITICISM),
    ("not my fault", CRITICISM),
    ("批评", CRITICISM),
    ("指责", CRITICISM),
    # Apologising
    ("sorry", SORRY),
    ("apologize", SORRY),
    ("apologise", SORRY),
    ("道歉", SORRY),
    ("不好意思", SORRY),
    ("forgive", FORGIVE),
    ("inconvenience", TROUBLE),
    ("trouble", TROUBLE),
    ("fix", SOLVE),
    ("solve", SOLVE),
    ("解决", SOLVE),
    # Opinion or proposal
    ("opinion", OPINION),
    ("idea", OPINION),
    ("proposal", OPINION),
    ("想法", OPINION),
    # Closing, and praise
    ("goodbye", CLOSING),
    ("bye", CLOSING),
    ("end call", CLOSING),
    ("hang up", CLOSING),
    ("closing", CLOSING),
    ("thanks", CLOSING),
    ("thank you", CLOSING),
    ("rating", CLOSING),
    ("再见", CLOSING),
    ("挂电话", CLOSING),
    ("praise", PRAISE),
    ("compliment", PRAISE),
    ("well done", PRAISE),
    ("表扬", PRAISE),
    ("夸奖", PRAISE),
    # A complaint
    ("complaint", COMPLAINT),
    ("complain", COMPLAINT),
    ("angry", OUR_FAULT),  # the apology to say to an upset caller
    ("unhappy", OUR_FAULT),
    ("upset", OUR_FAULT),
    ("rude", OUR_FAULT),
    ("bad attitude", COMPLAINT),
    ("投诉", COMPLAINT),
    ("生气", OUR_FAULT),
    ("our fault", OUR_FAULT),
]


@pytest.mark.parametrize(("query", "expected"), EVERYDAY_WORDS)
def test_everyday_words_find_the_phrase_first(search, query, expected):
    assert first(search, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xiexie pingjia", CLOSING),  # 谢谢 … 评价, apart in the phrase
        ("pingjia xiexie", CLOSING),  # in any order
        ("谢谢 评价", CLOSING),
        ("duibuqi jiudeng", KEPT_WAITING),
        ("对不起 久等", KEPT_WAITING),
        ("sorry waiting", KEPT_WAITING),
        ("thank waiting", PATIENCE),
        ("xiexie hold", PATIENCE),  # "hold" is only in the situation's keywords
        ("谢谢 查询", PATIENCE),  # 查询 is only in the situation's title and keywords
        ("谢谢 pingjia", CLOSING),  # Chinese and pinyin mixed
        ("xiexie laidian zaijian", CLOSING),
        ("shao deng", HOLD),  # pinyin syllables typed apart still read as one word
        ("q s d", HOLD),  # and initials too
    ],
)
def test_several_words_find_the_phrase_that_has_them_all(search, query, expected):
    assert first(search, query) == expected


def test_a_phrase_with_every_word_ranks_above_phrases_with_some(search):
    hits = search.query("xiexie pingjia", limit=10)
    assert [hit.text for hit in hits] == [CLOSING]  # the other 谢谢 phrases lack 评价


def test_words_together_rank_above_the_same_words_apart(search):
    # xiexie nin: together (谢谢您) in four phrases, apart in a fifth (…请您…谢谢！).
    together = [PATIENCE, CRITICISM, CLOSING, COMPLAINT]
    for limit in (4, 5, 6):
        hits = search.query("xiexie nin", limit=limit)
        assert [hit.text for hit in hits] == [*together, CANNOT_HEAR][:limit]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("对不起让您久等了", KEPT_WAITING),  # typed without the comma the book has
        (zh("对不起,让您久等了"), KEPT_WAITING),
        ("对不起 让您久等了", KEPT_WAITING),
        ("对不起", SORRY),
        ("谢谢您的耐心等待!", PATIENCE),
        ("请问还有什么可以帮您", ANYTHING_ELSE),
        ("duibuqirangninjiudengle", KEPT_WAITING),
        ("dbq", SORRY),  # the initials of the whole phrase
        ("I am sorry.", SORRY),  # the whole English gloss
    ],
)
def test_a_whole_phrase_typed_comes_first(search, query, expected):
    assert first(search, query) == expected


def test_every_phrase_of_the_book_typed_whole_comes_first(search, default_book):
    for situation in default_book.situations:
        for phrase in situation.phrases:
            if "{" not in phrase.text:
                plain = "".join(character for character in phrase.text if character.isalnum())
                assert first(search, phrase.text) == phrase.text
                assert first(search, plain) == phrase.text


PHRASE_WITH_KEYWORDS = """\
name: 最小示例
situations:
  - id: hold
    title: 查询等待
    phrases:
      - text: 请稍等,我帮您查一下。
      - text: 谢谢您的耐心等待
        keywords: KEYWORDS
"""


def test_a_phrase_s_own_keywords_find_it_and_are_checked():
    book = check_text(PHRASE_WITH_KEYWORDS.replace("KEYWORDS", "[patience, 耐心]"), "book.yaml").book
    assert book.situations[0].phrases[1].keywords == ("patience", "耐心")
    assert first(Search(book, pinyin=False), "patience") == "谢谢您的耐心等待"
    for wrong, message in [
        ("5", "8:19: phrase 2 keywords must be a list (lines starting with '- '), not a number (5)"),
        ("[patience, [x]]", "8:30: keyword must be text, not a list"),
    ]:
        result = check_text(PHRASE_WITH_KEYWORDS.replace("KEYWORDS", wrong), "book.yaml")
        assert [f"{p.position.line}:{p.position.column}: {p.message}" for p in result.problems] == [message]
