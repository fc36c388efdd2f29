"""FunASR's real-time WebSocket protocol (runtime/docs/websocket_protocol.md in FunASR), 2pass mode.

The client sends a JSON start message, then 16-bit mono PCM as binary messages, then
{"is_speaking": false}. The server answers with JSON results: "2pass-online" messages carry the
next piece of the sentence being spoken (the streaming model, a partial), and a "2pass-offline"
message carries the whole sentence corrected by the offline model once the speaker pauses; the
message with "is_final": true is the last one, sent after the client's end of speech.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from assist.core.feed import MAX_TEXT_CHARS, Utterance

RATES = (8000, 16000)  # what the real-time runtime takes
CHUNK_SIZE = (5, 10, 5)  # the streaming model's look-back, chunk and look-ahead (10 = 600 ms)
CHUNK_INTERVAL = 10  # the audio is sent in CHUNK_INTERVAL pieces per chunk: 60 ms each
END_OF_SPEECH = {"is_speaking": False}


def start_message(wav_name: str, rate: int, hotwords: str = "") -> dict[str, object]:
    """The first message of a stream: 2pass, raw PCM at `rate`, with inverse text normalisation."""
    return {
        "mode": "2pass",
        "chunk_size": list(CHUNK_SIZE),
        "chunk_interval": CHUNK_INTERVAL,
        "wav_name": wav_name,
        "wav_format": "pcm",
        "audio_fs": rate,
        "is_speaking": True,
        "hotwords": hotwords,
        "itn": True,
    }


def piece_bytes(rate: int) -> int:
    """The bytes of audio in one message: 60 ms of 16-bit samples, as FunASR's own client sends them."""
    return int(60 * CHUNK_SIZE[1] / CHUNK_INTERVAL / 1000 * rate * 2)


class ResultAssembler:
    """Turns one stream's results into utterances of its speaker: each online piece extends the
    partial sentence (sent as `final: false`), the offline sentence replaces it (`final: true`)."""

    def __init__(self, speaker: str, call: str | None = None) -> None:
        self.speaker = speaker
        self.call = call
        self._online = ""

    def restart(self) -> None:
        """A new connection: the partial sentence of the last one will not be finished."""
        self._online = ""

    def take(self, message: object) -> Utterance | None:
        if not isinstance(message, dict) or not isinstance(message.get("text"), str):
            return None
        mode = str(message.get("mode", ""))
        text = message["text"]
        if mode in ("2pass-online", "online"):
            self._online = (self._online + text)[-MAX_TEXT_CHARS:]
            return self._utterance(self._online, final=False)
        if mode in ("2pass-offline", "offline"):
            self._online = ""
            return self._utterance(text[:MAX_TEXT_CHARS], final=True)
        return None  # an error text or a message of another kind: not speech

    def _utterance(self, text: str, final: bool) -> Utterance | None:
        text = text.encode("utf-8", "replace").decode("utf-8").strip()  # "\\ud800" in JSON: no text
        return Utterance(self.speaker, text, final=final, call=self.call) if text else None


class AudioError(Exception):
    """Audio the server cannot take, with what to do about it."""


@dataclass
class AudioSource:
    """16-bit mono PCM at `rate`, from a WAV file, a raw PCM file or pipe, or standard input."""

    name: str
    stream: BinaryIO
    rate: int
    recorded: bool  # a file read faster than real time: sent at the pace it was spoken

    def pieces(self) -> Iterator[bytes]:
        size = piece_bytes(self.rate)
        while piece := self.stream.read(size):
            yield piece

    def close(self) -> None:
        self.stream.close()


def open_audio(name: str, stdin: BinaryIO, rate: int) -> AudioSource:
    """A WAV file (its own rate), or raw 16-bit mono PCM at `rate` from a file, a pipe or `-`."""
    if name == "-":
        return AudioSource("<stdin>", stdin, _checked_rate(rate, "<stdin>"), recorded=False)
    path = Path(name)
    if not path.exists():
        raise AudioError(f"{name}: no such file")
    if path.suffix.lower() == ".wav":
        return _open_wav(path)
    return AudioSource(name, path.open("rb"), _checked_rate(rate, name), recorded=path.is_file())


def _open_wav(path: Path) -> AudioSource:
    convert = f"convert it with: sox {path} -r 16000 -c 1 -b 16 out.wav"
    try:
        reader = wave.open(str(path), "rb")  # noqa: SIM115 -- closed by the AudioSource
    except (wave.Error, EOFError) as error:
        raise AudioError(f"{path}: not a WAV file FunASR can take ({error}); {convert}") from None
    if reader.getsampwidth() != 2 or reader.getnchannels() != 1:
        reader.close()
        found = f"{reader.getnchannels()} channel(s) of {reader.getsampwidth() * 8}-bit samples"
        raise AudioError(f"{path}: {found}; FunASR takes one channel of 16-bit samples; {convert}")
    try:
        rate = _checked_rate(reader.getframerate(), str(path), convert)
    except AudioError:
        reader.close()
        raise
    return AudioSource(str(path), _WavFrames(reader), rate, recorded=True)  # type: ignore[arg-type]


def _checked_rate(rate: int, name: str, convert: str = "give --rate 8000 or 16000") -> int:
    if rate not in RATES:
        raise AudioError(f"{name}: {rate} Hz; FunASR's real-time server takes 8000 or 16000 Hz; {convert}")
    return rate


class _WavFrames:
    """A WAV file's samples as a stream of bytes."""

    def __init__(self, reader: wave.Wave_read) -> None:
        self.reader = reader

    def read(self, size: int) -> bytes:
        return self.reader.readframes(size // 2)

    def close(self) -> None:
        self.reader.close()
