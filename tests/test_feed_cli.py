"""`assist feed` against a stand-in sidebar: what reaches it, what is reported, what is never written."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assist.cli import main
from tests.fake_sidebar import fake_sidebar
from tests.x11 import wait_for

CLEAN_CALL = [
    {"speaker": "agent", "text": "您好，很高兴为您服务。", "start": 0.0, "end": 2.1},
    {"speaker": "caller", "text": "我想问", "final": False, "start": 2.5},
    {"speaker": "caller", "text": "我想问一下社保怎么办", "final": True, "start": 2.5, "end": 4.0},
    {"speaker": "agent", "text": "请稍等，我帮您查一下。", "call": "c-42"},
]


@pytest.fixture
def sidebar(qapp, monkeypatch, request):
    """A stand-in sidebar that answers as tests.fake_sidebar.ANSWERS names (parametrise `answer`)."""
    with fake_sidebar(monkeypatch, getattr(request, "param", "ok")) as fake:
        yield fake


def answering(name: str):
    return pytest.mark.parametrize("sidebar", [name], indirect=True)


def write_lines(path: Path, records: list, extra: list[str] = ()) -> Path:
    lines = [json.dumps(record, ensure_ascii=False) for record in records] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_request(record: dict) -> dict:
    return {
        "command": "utterance",
        "speaker": record["speaker"],
        "text": record["text"],
        "final": record.get("final", True),
        "start": record.get("start"),
        "end": record.get("end"),
        "call": record.get("call"),
    }


def test_each_line_reaches_the_sidebar_in_order_then_the_call_ends(sidebar, tmp_path, capsys):
    assert main(["feed", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))]) == 0
    assert sidebar.requests == [{"command": "ping"}, *map(expected_request, CLEAN_CALL), {"command": "call-ended"}]
    assert capsys.readouterr() == ("", "")  # quiet when all went well


def test_call_names_the_call_of_the_lines_that_name_none(sidebar, tmp_path):
    assert main(["feed", "--call", "c-1", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))]) == 0
    assert [u["call"] for u in sidebar.utterances] == ["c-1", "c-1", "c-1", "c-42"]


def test_bad_lines_are_reported_by_number_and_skipped_and_the_rest_delivered(sidebar, tmp_path, capsys):
    said = "这个问题不归我们管"
    path = tmp_path / "call.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"speaker": "agent", "text": "您好"}),
                '{"speaker": "agent", "text": "' + said,  # cut off
                json.dumps({"speaker": "客户", "text": said}, ensure_ascii=False),
                "",
                json.dumps({"speaker": "caller", "text": "好的"}),
            ]
        ),
        encoding="utf-8",
    )
    assert main(["feed", str(path)]) == 1
    assert [request["text"] for request in sidebar.utterances] == ["您好", "好的"]
    err = capsys.readouterr().err
    assert f"assist feed: {path}:line 2: not valid JSON" in err
    assert f'assist feed: {path}:line 3: "speaker" must be "agent" or "caller" (found \'客户\'); skipped' in err
    assert said not in err  # what was said is not repeated


def test_a_line_with_an_unpaired_surrogate_is_skipped_not_a_crash(sidebar, tmp_path, capsys):
    path = tmp_path / "call.jsonl"
    path.write_text(
        '{"speaker": "agent", "text": "\\ud800"}\n'
        '{"speaker": "agent", "text": "您好", "call": "\\udfff"}\n'
        '{"speaker": "agent", "text": "好的"}\n',
        encoding="utf-8",
    )
    assert main(["feed", str(path)]) == 1
    assert [u["text"] for u in sidebar.utterances] == ["好的"]
    err = capsys.readouterr().err
    assert f'{path}:line 1: "text" is not text: it has an unpaired surrogate (\\ud800); skipped' in err
    assert f'{path}:line 2: "call" is not text' in err


def test_standard_input_is_read_when_no_file_or_dash_is_given(sidebar, monkeypatch):
    data = "\n".join(json.dumps(record, ensure_ascii=False) for record in CLEAN_CALL).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["feed", "-"]) == 0
    assert sidebar.utterances == list(map(expected_request, CLEAN_CALL))


def test_a_line_from_a_pipe_goes_on_at_once_not_when_the_pipe_ends(sidebar):
    feed = subprocess.Popen([sys.executable, "-m", "assist", "feed"], env=sidebar.environment(), stdin=subprocess.PIPE)
    try:
        feed.stdin.write(json.dumps({"speaker": "agent", "text": "您好"}).encode() + b"\n")
        feed.stdin.flush()
        wait_for(lambda: len(sidebar.utterances) == 1, 30, "the line written to the pipe")
        assert feed.poll() is None and {"command": "call-ended"} not in sidebar.requests
        feed.stdin.close()
        assert feed.wait(timeout=30) == 0
        assert sidebar.requests[-1] == {"command": "call-ended"}
    finally:
        if feed.poll() is None:
            feed.kill()
            feed.wait()
        feed.stdin.close()


def test_a_sidebar_still_starting_is_waited_for_and_no_line_is_lost(qapp, monkeypatch, tmp_path):
    listening = tmp_path / "listen now"
    with fake_sidebar(monkeypatch, listen_after=listening) as sidebar:
        feed = subprocess.Popen(
            [sys.executable, "-m", "assist", "feed", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))],
            env=sidebar.environment(),
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            said = feed.stderr.readline()  # the feed found the lock taken but nothing answering
            assert said == "assist feed: the sidebar is starting; waiting for it to answer\n"
            listening.touch()  # the sidebar is listening from now on
            assert feed.wait(timeout=30) == 0
            assert feed.stderr.read() == ""
            assert len(sidebar.utterances) == len(CLEAN_CALL)
        finally:
            if feed.poll() is None:
                feed.kill()
                feed.wait()
            feed.stderr.close()


@answering("old")
def test_a_sidebar_without_the_live_transcript_is_reported_once_and_the_feed_goes_on(sidebar, tmp_path, capsys):
    assert main(["feed", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))]) == 1
    assert len(sidebar.utterances) == len(CLEAN_CALL)  # each was offered; none stopped the feed
    err = capsys.readouterr().err
    assert err.count("does not take utterances (unknown command 'utterance')") == 1, err
    assert "an older Assist, without the live transcript; quit it and run the feed again" in err


@answering("refuse-caller")
def test_an_utterance_the_sidebar_refuses_is_reported_with_its_line(sidebar, tmp_path, capsys):
    assert main(["feed", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'call.jsonl'}:line 2: the sidebar refused the utterance: no call is open" in err
    assert err.count("refused the utterance") == 1  # lines 2 and 3, for the same reason: said once
    assert err.endswith("assist feed: 2 of 4 utterances did not reach the sidebar or were refused\n")


@answering("silent-on-some")  # lines 2 and 3
def test_a_sidebar_that_stops_answering_is_said_once_and_again_when_it_answers(sidebar, tmp_path, capsys):
    assert main(["feed", str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 2)[-1] for line in err] == [
        "the sidebar does not answer; utterances are dropped until it does",
        f"the sidebar answers again (nothing from {tmp_path / 'call.jsonl'}:line 2 on reached it)",
        "2 of 4 utterances did not reach the sidebar or were refused",
    ]


def test_a_missing_file_is_a_usage_error_and_nothing_is_sent(sidebar, tmp_path, capsys):
    assert main(["feed", str(tmp_path / "nosuch.jsonl")]) == 2
    assert "nosuch.jsonl: no such file" in capsys.readouterr().err
    assert sidebar.requests == []


def test_following_a_folder_is_a_usage_error(sidebar, tmp_path, capsys):
    assert main(["feed", "--follow", str(tmp_path)]) == 2
    assert f"assist feed: {tmp_path}: is a folder; give the file the recogniser writes" in capsys.readouterr().err


def test_a_followed_file_that_cannot_be_opened_is_reported_not_a_crash(sidebar, tmp_path, capsys):
    (tmp_path / "a file").write_text("")
    assert main(["feed", "--follow", str(tmp_path / "a file" / "live.jsonl")]) == 1
    assert f"assist feed: {tmp_path / 'a file' / 'live.jsonl'}: cannot be read (Not a directory)" in (
        capsys.readouterr().err
    )


def test_a_call_id_that_is_not_text_is_a_usage_error(sidebar, tmp_path, capsys):
    source = str(write_lines(tmp_path / "call.jsonl", CLEAN_CALL))
    assert main(["feed", "--call", "c\udcff", source]) == 2  # an undecodable byte in the argument
    assert main(["feed", "--call", "c" * 201, source]) == 2
    err = capsys.readouterr().err
    assert err.count("--call must be text of at most 200 characters") == 2
    assert sidebar.requests == []


def test_funasr_options_without_funasr_are_a_usage_error(sidebar, tmp_path, capsys):
    assert main(["feed", "--agent", "a.wav", str(write_lines(tmp_path / "c.jsonl", CLEAN_CALL))]) == 2
    assert "--agent and --caller are for --funasr" in capsys.readouterr().err


def test_the_feed_writes_nothing_of_the_transcript_to_disk(sidebar, tmp_path, capsys):
    said = "独一无二的测试句子"
    source = write_lines(tmp_path / "call.jsonl", [{"speaker": "agent", "text": said}])
    assert main(["feed", str(source)]) == 0
    assert sidebar.utterances[0]["text"] == said
    written = [
        path
        for folder in (tmp_path, sidebar.runtime, Path(os.environ["XDG_CONFIG_HOME"]).parent)
        for path in folder.rglob("*")
        if path.is_file() and path != source and said.encode() in path.read_bytes()
    ]
    assert written == []
    assert said not in "".join(capsys.readouterr())


def test_follow_passes_on_lines_as_they_are_appended_and_ends_on_ctrl_c(sidebar, tmp_path):
    path = tmp_path / "live.jsonl"
    path.write_text(json.dumps({"speaker": "agent", "text": "您好"}) + "\n", encoding="utf-8")
    feed = subprocess.Popen(
        [sys.executable, "-m", "assist", "feed", "--follow", str(path)],
        env=sidebar.environment(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: len(sidebar.utterances) == 1, 30, "the line already in the file")
        with path.open("a", encoding="utf-8") as stream:
            stream.write('{"speaker": "caller", "text": "我要')  # the recogniser is mid-write
            stream.flush()
            stream.write('投诉", "final": false}\nnot json\n')
        wait_for(lambda: len(sidebar.utterances) == 2, 30, "the appended line")
        assert sidebar.utterances[1]["text"] == "我要投诉" and sidebar.utterances[1]["final"] is False
        with path.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps({"speaker": "caller", "text": "我要投诉你们"}, ensure_ascii=False) + "\n")
        wait_for(lambda: len(sidebar.utterances) == 3, 30, "a line appended later")
        feed.send_signal(signal.SIGINT)
        assert feed.wait(timeout=30) == 0
        assert f"{path}:line 3: not valid JSON" in feed.stderr.read()
        assert {"command": "call-ended"} not in sidebar.requests  # a followed file has no end
    finally:
        if feed.poll() is None:
            feed.kill()
            feed.wait()
        feed.stderr.close()
