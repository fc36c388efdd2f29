"""The recorded calls in tests/data/feed (JSON Lines written for the feed, one file a call) are what
they say: every line an utterance, every partial replaced by its final, and the wording they were
written to show there for the checker to find. They go through `assist feed` whole."""

from __future__ import annotations

import pytest

from assist.cli import main
from assist.core.checker import Checker
from assist.core.feed import Utterance, parse_line
from assist.core.feed_lines import read_lines
from tests.fake_sidebar import fake_sidebar
from tests.helpers import ROOT

CALLS = ROOT / "tests" / "data" / "feed"
NAMES = ("clean-call", "forbidden-wording", "hold", "complaint", "silent-caller")


def utterances(name: str) -> list[Utterance]:
    with (CALLS / f"{name}.jsonl").open("rb") as stream:
        parsed = [parse_line(line, number) for number, line in enumerate(read_lines(stream), start=1)]
    assert all(isinstance(item, Utterance) for item in parsed), parsed
    return parsed


@pytest.mark.parametrize("name", NAMES)
def test_a_recorded_call_is_well_formed(name):
    said = utterances(name)
    finals = [u for u in said if u.final]
    assert [u.start for u in finals] == sorted(u.start for u in finals)
    for index, partial in enumerate(said):
        if not partial.final:  # replaced by the next final of the same speaker, which it begins
            final = next(u for u in said[index + 1 :] if u.speaker == partial.speaker and u.final)
            assert final.text.startswith(partial.text) and final.start == partial.start


def agent_findings(name: str, default_book) -> list[str]:
    checker = Checker(default_book)
    return [f.match for u in utterances(name) if u.final and u.speaker == "agent" for f in checker.check(u.text)]


def test_only_the_call_with_forbidden_wording_has_any(default_book):
    assert len(agent_findings("forbidden-wording", default_book)) >= 3
    for name in NAMES:
        if name != "forbidden-wording":
            assert agent_findings(name, default_book) == [], name


def test_the_situations_are_in_their_calls():
    assert any("请稍等" in u.text for u in utterances("hold") if u.speaker == "agent")
    assert any("久等" in u.text for u in utterances("hold") if u.speaker == "agent")
    assert any("投诉" in u.text for u in utterances("complaint") if u.speaker == "caller")
    silent = utterances("silent-caller")
    assert {u.speaker for u in silent} == {"agent"} and silent[1].start - silent[0].end >= 8


@pytest.mark.parametrize("name", NAMES)
def test_a_recorded_call_goes_through_the_feed_whole(qapp, monkeypatch, name, capsys):
    with fake_sidebar(monkeypatch) as sidebar:
        assert main(["feed", str(CALLS / f"{name}.jsonl")]) == 0
        assert [u["text"] for u in sidebar.utterances] == [u.text for u in utterances(name)]
        assert sidebar.requests[-1] == {"command": "call-ended"}
    assert capsys.readouterr().err == ""
