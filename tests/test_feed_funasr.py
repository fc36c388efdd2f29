"""`assist feed --funasr`: audio to a FunASR 2pass server (a stand-in replaying its messages), results on."""

from __future__ import annotations

import io
import ssl
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from assist.cli import main
from assist.core.feed import Utterance
from assist.core.funasr import AudioError, ResultAssembler, open_audio, piece_bytes
from assist.feed_funasr import Stream, _Ended, _Note, _Said
from tests.fake_funasr import fake_funasr
from tests.fake_sidebar import fake_sidebar
from tests.helpers import ROOT


@pytest.fixture(autouse=True)
def no_waiting_for_quiet(monkeypatch):
    """The stand-in server does not close the connection: a stream must see its last result itself
    (a pause of QUIET_SECONDS would end it too, and hide a last result not seen)."""
    monkeypatch.setattr("assist.feed_funasr.QUIET_SECONDS", 600)
    monkeypatch.setattr("assist.feed_funasr.LAST_RESULT_SECONDS", 10)


@pytest.fixture
def sidebar(qapp, monkeypatch):
    with fake_sidebar(monkeypatch) as fake:
        yield fake


def write_wav(path: Path, seconds: float, rate: int = 16000, channels: int = 1, width: int = 2) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(b"\x01\x00" * int(seconds * rate) * channels * (width // 2 or 1))
    return path


def said(utterances: list[dict]) -> list[tuple[str, str, bool]]:
    return [(u["speaker"], u["text"], u["final"]) for u in utterances]


def test_the_agents_audio_goes_as_the_protocol_wants_and_the_results_reach_the_sidebar(sidebar, tmp_path):
    audio = write_wav(tmp_path / "agent.wav", 1.5)
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        status = main(["feed", "--funasr", server.url, "--agent", str(audio), "--fast", "--call", "c-9"])
    session = server.sessions["assist-agent"]
    assert session.start == {
        "mode": "2pass",
        "chunk_size": [5, 10, 5],
        "chunk_interval": 10,
        "wav_name": "assist-agent",
        "wav_format": "pcm",
        "audio_fs": 16000,
        "is_speaking": True,
        "hotwords": "",
        "itn": True,
    }
    assert session.subprotocol == "binary"
    assert session.audio_bytes == 1.5 * 16000 * 2  # the samples, without the WAV header
    assert set(session.pieces[:-1]) == {1920}  # 60 ms a message, as FunASR's client sends
    assert session.end == {"is_speaking": False}
    assert said(sidebar.utterances) == [
        ("agent", "您好", False),
        ("agent", "您好很高兴", False),
        ("agent", "您好很高兴为您服", False),
        ("agent", "您好，很高兴为您服务。", True),  # the offline sentence replaces the partials
        ("agent", "请稍", False),
        ("agent", "请稍等", False),
        ("agent", "请稍等。", True),
    ]
    assert {u["call"] for u in sidebar.utterances} == {"c-9"}
    assert sidebar.requests[-1] == {"command": "call-ended"}
    assert status == 0


def test_both_sides_on_connections_of_their_own(sidebar, tmp_path):
    agent, caller = write_wav(tmp_path / "a.wav", 1.5), write_wav(tmp_path / "c.wav", 1.0)
    with fake_funasr(agent="2pass-runtime.jsonl", caller="2pass-python-server.jsonl") as server:
        status = main(["feed", "--funasr", server.url, "--agent", str(agent), "--caller", str(caller), "--fast"])
    assert status == 0
    finals = [(u["speaker"], u["text"]) for u in sidebar.utterances if u["final"]]
    assert sorted(finals) == [
        ("agent", "您好，很高兴为您服务。"),
        ("agent", "请稍等。"),
        ("caller", "你们的态度。"),
        ("caller", "我要投诉。"),
    ]
    assert sidebar.requests[-1] == {"command": "call-ended"}  # once, after both


def test_results_marked_final_while_still_speaking_do_not_end_the_stream(sidebar, tmp_path):
    """FunASR's Python server sends `is_final` = is_speaking: true on every result during speech."""
    caller = write_wav(tmp_path / "c.wav", 1.0)
    with fake_funasr(caller="2pass-python-server.jsonl") as server:
        assert main(["feed", "--funasr", server.url, "--caller", str(caller), "--fast"]) == 0
    assert said(sidebar.utterances) == [
        ("caller", "我要", False),
        ("caller", "我要投诉。", True),
        ("caller", "你们", False),
        ("caller", "你们的态度。", True),
    ]
    assert server.sessions["assist-caller"].audio_bytes == 32000  # all of it was sent


def test_raw_pcm_on_standard_input_at_telephone_rate(sidebar, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x00" * 8000)))
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        assert main(["feed", "--funasr", server.url, "--agent", "-", "--rate", "8000"]) == 0
    session = server.sessions["assist-agent"]
    assert session.start["audio_fs"] == 8000 and session.pieces[0] == 960 and session.audio_bytes == 16000
    assert said(sidebar.utterances)[:1] == [("agent", "您好", False)]


def test_a_server_that_cannot_be_reached_is_reported_and_the_call_still_ends(sidebar, tmp_path, capsys):
    with fake_funasr() as server:
        url = server.url
    assert main(["feed", "--funasr", url, "--agent", str(write_wav(tmp_path / "a.wav", 0.2))]) == 1
    assert f"agent: the FunASR server at {url} could not be used" in capsys.readouterr().err
    assert sidebar.requests == [{"command": "ping"}, {"command": "call-ended"}]


def self_signed(tmp_path: Path) -> ssl.SSLContext:
    """A server's TLS with a certificate of its own making, as FunASR's runtime ships one."""
    key, certificate = tmp_path / "server.key", tmp_path / "server.crt"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    return context


def test_wss_is_verified_and_insecure_accepts_the_servers_own_certificate(sidebar, tmp_path, capsys):
    audio = str(write_wav(tmp_path / "a.wav", 1.5))
    with fake_funasr(self_signed(tmp_path), agent="2pass-runtime.jsonl") as server:
        assert server.url.startswith("wss://")
        assert main(["feed", "--funasr", server.url, "--agent", audio, "--fast"]) == 1
        assert "CERTIFICATE_VERIFY_FAILED" in capsys.readouterr().err
        assert sidebar.utterances == []
        assert main(["feed", "--funasr", server.url, "--agent", audio, "--fast", "--insecure"]) == 0
    assert said(sidebar.utterances)[-1] == ("agent", "请稍等。", True)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--funasr", "http://x:1", "--agent", "-"], "give the server as ws://HOST:PORT"),
        (["--funasr", "ws://x:1"], "--funasr needs --agent AUDIO, --caller AUDIO or both"),
        (["--funasr", "ws://x:1", "--agent", "-", "--caller", "-"], "only one side can come from standard input"),
        (["--funasr", "ws://x:1", "--agent", "nosuch.wav"], "nosuch.wav: no such file"),
        (["--funasr", "ws://x:1", "--agent", "-", "--rate", "44100"], "<stdin>: 44100 Hz;"),
    ],
)
def test_usage_errors_say_what_to_do_and_send_nothing(sidebar, arguments, expected, capsys):
    assert main(["feed", *arguments]) == 2
    assert expected in capsys.readouterr().err
    assert sidebar.requests == []


@pytest.mark.parametrize(
    ("wav", "expected"),
    [
        ({"channels": 2}, "2 channel(s) of 16-bit samples; FunASR takes one channel of 16-bit samples"),
        ({"width": 1}, "1 channel(s) of 8-bit samples"),
        ({"rate": 44100}, "44100 Hz; FunASR's real-time server takes 8000 or 16000 Hz; convert it with: sox"),
    ],
)
def test_a_wav_file_the_server_cannot_take_says_how_to_convert_it(tmp_path, wav, expected):
    path = write_wav(tmp_path / "in.wav", 0.1, **wav)
    with pytest.raises(AudioError, match="convert it with: sox") as raised:
        open_audio(str(path), io.BytesIO(), 16000)
    assert expected in str(raised.value)


def test_a_file_that_is_not_wav_is_said_to_be_so(tmp_path):
    path = tmp_path / "in.wav"
    path.write_bytes(b"not audio")
    with pytest.raises(AudioError, match="not a WAV file FunASR can take"):
        open_audio(str(path), io.BytesIO(), 16000)


def test_a_recording_is_sent_at_the_pace_it_was_spoken_and_a_live_source_as_it_comes(tmp_path):
    slept: list[float] = []
    with fake_funasr(agent="2pass-runtime.jsonl", caller="2pass-runtime.jsonl") as server:
        recording = open_audio(str(write_wav(tmp_path / "a.wav", 0.6)), io.BytesIO(), 16000)
        Stream(server.url, recording, ResultAssembler("agent"), lambda item: None, sleep=slept.append).run()
        assert slept == [0.06] * 10  # 600 ms in 60 ms messages
        slept.clear()
        live = open_audio("-", io.BytesIO(b"\x00" * 19200), 16000)
        Stream(server.url, live, ResultAssembler("caller"), lambda item: None, sleep=slept.append).run()
        assert slept == []  # a pipe gives the audio as it is spoken


class LiveAudio:
    """A live side (a pipe from the microphone) whose speech the test lets out: a first run of
    pieces, then each further run once the server has dropped a connection (`drops`)."""

    name, rate, recorded = "live", 16000, False

    def __init__(self, runs: list[int], drops: threading.Semaphore) -> None:
        self.runs, self.drops = runs, drops

    def pieces(self):
        for number, run in enumerate(self.runs):
            if number:
                assert self.drops.acquire(timeout=30)
            yield from [b"\x00" * 1920] * run

    def close(self) -> None:
        pass


def test_a_live_side_that_loses_the_server_reaches_it_again_and_goes_on():
    items, slept = [], []
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        server.drop_after["assist-agent"] = [5 * 1920]
        live = LiveAudio([5, 25], server.drops)
        Stream(server.url, live, ResultAssembler("agent"), items.append, sleep=slept.append).run()
    first, second = server.all_sessions
    assert first.audio_bytes == 5 * 1920 and first.end is None
    # the pieces written as the connection died are lost (a few); the rest goes on the new one
    assert 20 * 1920 <= second.audio_bytes <= 25 * 1920 and second.end == {"is_speaking": False}
    assert slept == [1.0]  # RETRY_SECONDS[0]
    notes = [item.message for item in items if isinstance(item, _Note)]
    assert len(notes) == 2 and "is not there" in notes[0] and notes[1] == "reached the FunASR server again"
    finals = [item.utterance.text for item in items if isinstance(item, _Said) and item.utterance.final]
    assert finals == ["您好，很高兴为您服务。", "请稍等。"]
    assert items[-1] == _Ended("agent", "")


def test_each_outage_is_said_and_waited_for_from_the_first_wait_again():
    items, slept = [], []
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        server.drop_after["assist-agent"] = [5 * 1920, 10 * 1920]
        live = LiveAudio([5, 15, 25], server.drops)
        Stream(server.url, live, ResultAssembler("agent"), items.append, sleep=slept.append).run()
    assert len(server.all_sessions) == 3
    assert slept == [1.0, 1.0]
    notes = [item.message.split(" (")[0] for item in items if isinstance(item, _Note)]
    assert notes == [f"the FunASR server at {server.url} is not there", "reached the FunASR server again"] * 2
    assert items[-1] == _Ended("agent", "")


def test_a_recording_that_loses_the_server_is_not_sent_again(tmp_path):
    items: list = []
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        server.drop_after["assist-agent"] = [5 * 1920]
        recording = open_audio(str(write_wav(tmp_path / "a.wav", 6.0)), io.BytesIO(), 16000)
        Stream(server.url, recording, ResultAssembler("agent"), items.append, pace=False).run()
    assert len(server.all_sessions) == 1
    assert "could not be used (ConnectionClosed" in items[-1].problem


def test_a_stream_that_fails_unexpectedly_still_says_it_ended(tmp_path):
    class BrokenAudio:
        name, rate, recorded = "broken", 16000, False

        def pieces(self):
            raise RuntimeError("the sound card went away")

        def close(self) -> None:
            pass

    ended: list = []
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        Stream(server.url, BrokenAudio(), ResultAssembler("agent"), ended.append).run()
    expected = "the stream stopped unexpectedly (RuntimeError: the sound card went away)"
    assert [item.problem for item in ended] == [expected]  # or the feed would wait for it for ever


def test_online_pieces_build_the_partial_and_the_offline_sentence_replaces_it():
    assembler = ResultAssembler("caller", call="c1")
    assert assembler.take({"mode": "2pass-online", "text": "我"}) == Utterance("caller", "我", final=False, call="c1")
    assert assembler.take({"mode": "2pass-online", "text": "要"}).text == "我要"
    assert assembler.take({"mode": "2pass-offline", "text": "我要。"}) == Utterance("caller", "我要。", call="c1")
    assert assembler.take({"mode": "2pass-online", "text": "谢谢"}).text == "谢谢"  # a new sentence
    assert assembler.take({"mode": "2pass-online", "text": ""}).text == "谢谢"
    assert assembler.take({"mode": "2pass-offline", "text": ""}) is None  # nothing said
    assert assembler.take({"text": "ERROR. Real-time transcription service ONLY SUPPORT PCM stream."}) is None
    assert assembler.take(["not", "a", "result"]) is None


def test_a_result_with_an_unpaired_surrogate_is_mended_not_a_crash():
    assert ResultAssembler("agent").take({"mode": "2pass-offline", "text": "好\ud800"}).text == "好?"


def test_a_piece_is_60_ms_of_audio():
    assert piece_bytes(16000) == 1920 and piece_bytes(8000) == 960


def test_scripts_funasr_feed_is_assist_feed_funasr(sidebar, tmp_path):
    audio = str(write_wav(tmp_path / "a.wav", 1.5))
    with fake_funasr(agent="2pass-runtime.jsonl") as server:
        result = subprocess.run(
            [str(ROOT / "scripts" / "funasr-feed"), server.url, "--agent", audio, "--fast"],
            env=sidebar.environment(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert said(sidebar.utterances)[-1] == ("agent", "请稍等。", True)
    usage = subprocess.run([str(ROOT / "scripts" / "funasr-feed")], capture_output=True, text=True, timeout=30)
    assert usage.returncode == 2 and "Usage: scripts/funasr-feed ws://HOST:PORT" in usage.stdout
