"""Which book shows, without Qt: the built-in book, the organisation's over it (the last good one
when an update is broken), the agent's own phrases on top; and what the banner is told."""

from __future__ import annotations

from pathlib import Path

from assist.core.book_address import AddressError
from assist.core.book_keeper import BookKeeper, Title, TitleKind, Verdict
from assist.core.model import Phrase, Phrasebook, Situation
from assist.core.personal_data import PersonalPhrase
from assist.core.problems import Position, Problem, Severity
from assist.core.sources import Fetched

URL = "https://books.example/centre.yaml"
BUILTIN = Phrasebook(
    "内置",
    (Situation("greeting", "开头", (Phrase("您好。"),)), Situation("hold", "等待", (Phrase("请稍等。"),))),
)
CENTRE = Phrasebook("本中心", (Situation("hold", "等待", (Phrase("请您稍候。"),)),))
NEWER = Phrasebook("本中心第二版", (Situation("hold", "等待", (Phrase("请您再稍候。"),)),))
BROKEN = Problem("centre.yaml", Position(7, 5), "unknown key 'colour' in situation 'hold'")


def keeper_at(location: str | None) -> BookKeeper:
    keeper = BookKeeper(location)
    assert keeper.take_builtin(BUILTIN, ()) == Verdict()
    return keeper


def texts(book: Phrasebook, situation: str) -> list[str]:
    found = book.situation(situation)
    assert found is not None
    return [phrase.text for phrase in found.phrases]


def test_the_organisation_book_replaces_the_situations_it_has():
    keeper = keeper_at("/books/centre.yaml")
    assert keeper.loaded(CENTRE, ()) == Verdict()
    assert texts(keeper.base, "hold") == ["请您稍候。"]
    assert texts(keeper.base, "greeting") == ["您好。"]  # the built-in situations it does not have stay
    assert keeper.base.name == "本中心"


def test_a_broken_update_keeps_the_last_good_book():
    keeper = keeper_at("/books/centre.yaml")
    keeper.loaded(CENTRE, ())
    verdict = keeper.loaded(None, (BROKEN,))
    assert verdict == Verdict((BROKEN,), Title(TitleKind.BOOK_BROKEN, "centre.yaml", kept_last=True))
    assert texts(keeper.base, "hold") == ["请您稍候。"]


def test_a_first_load_that_is_broken_shows_the_built_in_book():
    keeper = keeper_at("/books/centre.yaml")
    verdict = keeper.loaded(None, (BROKEN,))
    assert verdict == Verdict((BROKEN,), Title(TitleKind.BOOK_BROKEN, "centre.yaml", kept_last=False))
    assert keeper.base is BUILTIN


def test_the_built_in_books_problems_come_first():
    keeper = BookKeeper("/books/centre.yaml")
    builtin_problem = Problem("builtin.yaml", Position(2, 1), "the file is empty")
    assert keeper.take_builtin(None, (builtin_problem,)) == Verdict((builtin_problem,), Title(TitleKind.BUILTIN_BROKEN))
    verdict = keeper.loaded(None, (BROKEN,), (builtin_problem,))
    assert verdict.problems == (builtin_problem, BROKEN)
    assert keeper.base.situations == ()  # nothing usable at all: the empty book, never a crash


def test_an_unusable_address_keeps_what_shows_and_says_why_in_both_languages():
    keeper = keeper_at(URL)
    keeper.loaded(CENTRE, ())
    keeper.switch("http://127.0.0.1:99999/x")
    target = keeper.target()
    assert isinstance(target, AddressError)
    verdict = keeper.unusable(target)
    assert verdict.title == Title(TitleKind.ADDRESS_UNUSABLE, "http://127.0.0.1:99999/x", kept_last=True)
    (reason,) = verdict.problems
    assert (reason.message, reason.message_zh) == (
        "the port 99999 is out of range (1–65535)",
        "端口 99999 超出范围（1–65535）",
    )
    assert texts(keeper.base, "hold") == ["请您稍候。"]


def test_a_usable_new_address_forgets_the_last_book():
    keeper = keeper_at(URL)
    keeper.loaded(CENTRE, ())
    keeper.switch("/books/other.yaml")
    assert keeper.target() == Path("/books/other.yaml")
    assert keeper.base is BUILTIN
    assert keeper.loaded(None, (BROKEN,)).title == Title(TitleKind.BOOK_BROKEN, "other.yaml", kept_last=False)


def test_a_download_with_warnings_only_is_applied_without_a_banner():
    keeper = keeper_at(URL)
    keeper.loaded(CENTRE, ())
    warning = Problem(URL, Position(3, 1), "situation 'hold' lists the phrase '请您再稍候。' twice", Severity.WARNING)
    verdict = keeper.fetched(Fetched(URL, Path("copy.yaml"), book=NEWER, problems=(warning,)))
    assert verdict == Verdict(new_book=True)
    assert texts(keeper.base, "hold") == ["请您再稍候。"]


def test_a_broken_download_keeps_the_last_good_book():
    keeper = keeper_at(URL)
    keeper.loaded(CENTRE, ())
    broken = Problem(URL, Position(7, 5), "unknown key 'colour' in situation 'hold'")
    fetched = Fetched(URL, Path("copy.yaml"), error="the new version has errors", problems=(broken,))
    verdict = keeper.fetched(fetched)
    assert verdict == Verdict((broken,), Title(TitleKind.FETCH_FAILED, URL, kept_last=True))
    assert texts(keeper.base, "hold") == ["请您稍候。"]


def test_a_server_that_cannot_be_reached_is_said_in_both_languages():
    keeper = keeper_at(URL)
    fetched = Fetched(URL, None, error="cannot reach the server", error_zh="无法连接服务器")
    verdict = keeper.fetched(fetched)
    assert verdict.title == Title(TitleKind.FETCH_FAILED, URL, kept_last=False)
    assert [(p.message, p.message_zh) for p in verdict.problems] == [("cannot reach the server", "无法连接服务器")]
    assert keeper.base is BUILTIN


def test_a_new_version_whose_offline_copy_was_not_kept_is_applied_and_said():
    keeper = keeper_at(URL)
    fetched = Fetched(URL, None, book=NEWER, error="cannot keep the offline copy", error_zh="无法保存离线副本")
    verdict = keeper.fetched(fetched)
    assert verdict.title == Title(TitleKind.NO_OFFLINE_COPY, URL, kept_last=True) and verdict.new_book
    assert texts(keeper.base, "hold") == ["请您再稍候。"]


def test_the_vetted_own_phrases_are_added_to_their_situation():
    keeper = keeper_at(None)
    book = keeper.book_with([PersonalPhrase("hold", "我自己的一句。"), PersonalPhrase("nowhere", "没有这个情形。")])
    hold = book.situation("hold")
    assert hold is not None
    assert [(p.text, p.personal) for p in hold.phrases] == [("请稍等。", False), ("我自己的一句。", True)]
    assert "没有这个情形。" not in [p.text for s in book.situations for p in s.phrases]
    assert keeper.book_with([]) is keeper.base  # the vetter held every phrase back, or there are none
