"""The feed's lines: what is an utterance, what is reported and skipped, and following a growing file."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from assist.core.feed import MAX_LINE_BYTES, MAX_TEXT_CHARS, FeedProblem, Utterance, parse_line
from assist.core.feed_lines import follow_lines, read_lines
from assist.core.feed_watch import FileWatch


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_a_full_line_is_an_utterance():
    parsed = parse_line(line(speaker="agent", text="您好，请讲。", final=True, start=1.5, end=3, call="c-7"), 1)
    assert parsed == Utterance("agent", "您好，请讲。", final=True, start=1.5, end=3.0, call="c-7")
    assert parsed.as_request() == {
        "command": "utterance",
        "speaker": "agent",
        "text": "您好，请讲。",
        "final": True,
        "start": 1.5,
        "end": 3.0,
        "call": "c-7",
    }


def test_final_defaults_to_true_and_times_may_be_left_out():
    assert parse_line(line(speaker="caller", text="我要投诉"), 4) == Utterance("caller", "我要投诉")


def test_a_partial_is_kept_as_one():
    parsed = parse_line(line(speaker="caller", text="我要", final=False), 2)
    assert isinstance(parsed, Utterance) and parsed.final is False
    assert parsed.as_request()["final"] is False


def test_blank_lines_are_neither_utterances_nor_problems():
    assert parse_line("   \r", 3) is None
    assert parse_line(b"", 3) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "line 7: not valid JSON at column 2; each line must be one JSON object"),
        ('["agent", "你好"]', "line 7: a JSON an array, not an object"),
        (line(text="你好"), 'line 7: "speaker" must be "agent" or "caller" (found missing)'),
        (line(speaker="坐席", text="你好"), 'line 7: "speaker" must be "agent" or "caller" (found \'坐席\')'),
        (line(speaker=1, text="你好"), '"speaker" must be "agent" or "caller" (found a number)'),
        (line(speaker="agent"), 'line 7: "text" must be a string (found nothing)'),
        (line(speaker="agent", text=["你好"]), '"text" must be a string (found an array)'),
        (line(speaker="agent", text="  "), 'line 7: "text" is empty'),
        (line(speaker="agent", text="好" * (MAX_TEXT_CHARS + 1)), f"longer than {MAX_TEXT_CHARS} characters"),
        (line(speaker="agent", text="你好", final="yes"), '"final" must be true or false (found a string)'),
        (line(speaker="agent", text="你好", final=0), '"final" must be true or false (found a number)'),
        (line(speaker="agent", text="你好", start="1.5"), '"start" must be a number of seconds'),
        (line(speaker="agent", text="你好", end=True), '"end" must be a number of seconds, 0 or more (found true)'),
        (line(speaker="agent", text="你好", start=-1), '"start" must be a number of seconds, 0 or more'),
        ('{"speaker": "agent", "text": "你好", "start": NaN}', "(found not a finite number)"),
        (line(speaker="agent", text="你好", start=5, end=4), 'line 7: "end" (4) is before "start" (5)'),
        (line(speaker="agent", text="你好", call=12), '"call" must be a string'),
        (b'{"speaker": "agent", "text": "\xff"}', "line 7: not UTF-8 (byte 31)"),
        ("[" * 50_000, "not valid JSON"),
        ("x" * (MAX_LINE_BYTES + 1), f"line 7: longer than {MAX_LINE_BYTES // 1024} KiB"),
    ],
)
def test_a_bad_line_is_a_problem_that_says_where_and_what(text, expected):
    parsed = parse_line(text, 7)
    assert isinstance(parsed, FeedProblem)
    assert expected in str(parsed)


def test_a_problem_never_repeats_what_was_said():
    said = "你这个人怎么这么笨"
    for text in (
        line(speaker="agent", text=said, final="no"),
        line(speaker="agent", text=said, start=3, end=1),
        line(speaker="agent", text=[said]),
        line(speaker="agent", text={"said": said}),
        "{" + said,
    ):
        problem = parse_line(text, 1)
        assert isinstance(problem, FeedProblem) and said not in str(problem), problem


def test_text_is_trimmed():
    assert parse_line(line(speaker="agent", text="  请稍等  "), 1) == Utterance("agent", "请稍等")


# -- reading lines -------------------------------------------------------------------------------


def test_read_lines_gives_every_line_including_a_last_one_without_newline():
    assert list(read_lines(io.BytesIO(b"a\nb\r\n\nc"))) == [b"a", b"b\r", b"", b"c"]


def test_a_line_longer_than_the_limit_is_cut_and_the_rest_of_it_skipped():
    long = b"x" * (3 * MAX_LINE_BYTES)
    lines = list(read_lines(io.BytesIO(b"first\n" + long + b"\nafter\n")))
    assert lines[0] == b"first" and lines[-1] == b"after" and len(lines) == 3
    assert len(lines[1]) == MAX_LINE_BYTES + 1  # parse_line refuses it
    assert isinstance(parse_line(lines[1], 2), FeedProblem)


class Growth:
    """The wait of follow_lines, standing in for the clock: each call makes the next scripted change
    to the file (as the recogniser writing to it would), and the script's end stops the follow."""

    def __init__(self, steps: list) -> None:
        self.steps = list(steps)
        self.waits = 0

    def __call__(self) -> bool:
        self.waits += 1
        if not self.steps:
            return False
        self.steps.pop(0)()
        return True


def append(path: Path, data: bytes):
    def step() -> None:
        with path.open("ab") as stream:
            stream.write(data)

    return step


def test_follow_reads_what_is_there_then_what_is_appended(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_bytes(b"one\n")
    growth = Growth([append(path, b"two\nthr"), append(path, b"ee\n"), lambda: None, append(path, b"four\n")])
    assert list(follow_lines(path, growth)) == [b"one", b"two", b"three", b"four"]
    assert growth.waits == 5  # it waited at each end of the file, and stopped when told


def test_follow_waits_for_a_file_that_does_not_exist_yet(tmp_path):
    path = tmp_path / "later.jsonl"
    growth = Growth([lambda: None, lambda: path.write_bytes(b"hello\n")])
    assert list(follow_lines(path, growth)) == [b"hello"]


def test_follow_starts_again_when_the_file_is_truncated(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_bytes(b"old call line\n")
    growth = Growth([lambda: path.write_bytes(b"new\n")])
    assert list(follow_lines(path, growth)) == [b"old call line", b"new"]


def test_follow_reads_a_replaced_file_from_its_start(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_bytes(b"a\n")

    def rotate() -> None:
        os.rename(path, tmp_path / "live.jsonl.1")
        path.write_bytes(b"b\nc\n")

    assert list(follow_lines(path, Growth([rotate]))) == [b"a", b"b", b"c"]


def test_follow_holds_a_partial_line_until_its_newline(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_bytes(b'{"speaker": "agent", ')
    seen: list[bytes] = []

    def check_nothing_yet() -> None:
        assert seen == []
        append(path, b'"text": "x"}\n')()

    lines = follow_lines(path, Growth([check_nothing_yet]))
    seen.extend(lines)
    assert seen == [b'{"speaker": "agent", "text": "x"}']


# -- waiting for the followed file to change ------------------------------------------------------


def test_a_write_to_the_followed_file_wakes_the_wait(tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_bytes(b"")
    watch = FileWatch(path)
    try:
        assert watch.uses_the_kernel
        assert watch.wait(0) is False  # nothing changed
        append(path, b"one\n")()
        assert watch.wait(30) is True  # woken at once (30 s only if it never comes)
        assert watch.wait(0) is False  # the events were read
    finally:
        watch.close()


def test_a_file_created_or_renamed_into_place_wakes_the_wait(tmp_path):
    path = tmp_path / "live.jsonl"
    watch = FileWatch(path)
    try:
        path.write_bytes(b"new\n")
        assert watch.wait(30) is True
        (tmp_path / "next").write_bytes(b"")
        watch.wait(30)
        os.rename(tmp_path / "next", path)
        assert watch.wait(30) is True
    finally:
        watch.close()


def test_without_a_folder_to_watch_the_wait_is_a_short_pause(tmp_path):
    watch = FileWatch(tmp_path / "no folder" / "live.jsonl")
    assert not watch.uses_the_kernel
    assert watch.wait(30) is False  # a pause of FALLBACK_PAUSE_SECONDS, then the feed looks again
    watch.close()


def test_a_file_saved_with_a_byte_order_mark_and_windows_line_ends_reads_as_any_other():
    data = '\ufeff{"speaker": "agent", "text": "您好"}\r\n{"speaker": "caller", "text": "你好"}\r\n'.encode()
    parsed = [parse_line(raw, number) for number, raw in enumerate(read_lines(io.BytesIO(data)), start=1)]
    assert parsed == [Utterance("agent", "您好"), Utterance("caller", "你好")]
