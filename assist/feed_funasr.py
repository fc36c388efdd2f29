"""`assist feed --funasr ws://HOST:PORT`: the call's audio to a FunASR real-time server, its results to the sidebar.

Each side of the call is its own stream (FunASR does not tell speakers apart): `--agent AUDIO` and
`--caller AUDIO`, each a WAV file, raw 16-bit mono PCM from a file or pipe, or `-` for standard input.
Each stream runs on its own connection in a thread; the utterances come back to the main thread,
which alone talks to the sidebar. WebSockets: the `websockets` library's threaded client.
"""

from __future__ import annotations

import argparse
import json
import queue
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assist.core.feed import Utterance
from assist.core.funasr import (
    END_OF_SPEECH,
    AudioError,
    AudioSource,
    ResultAssembler,
    open_audio,
    piece_bytes,
    start_message,
)

if TYPE_CHECKING:
    from assist.feed_cli import SidebarLink

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CONNECT_SECONDS = 10.0
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0)  # a live side waits this long before each try to reach the server again
LAST_RESULT_SECONDS = 30.0  # how long the server may take for the last sentence after the audio ends
QUIET_SECONDS = 5.0  # after the audio ends, this long without a result means there is no more


@dataclass(frozen=True)
class _Said:
    speaker: str
    number: int
    utterance: Utterance


@dataclass(frozen=True)
class _Note:
    speaker: str
    message: str


@dataclass(frozen=True)
class _Ended:
    speaker: str
    problem: str  # "" when the stream ended as it should


def run_funasr(args: argparse.Namespace, link: SidebarLink) -> int:
    """Stream each side to the server; deliver what it recognises. `link` is feed_cli.SidebarLink."""
    url = args.funasr
    if not url.startswith(("ws://", "wss://")):
        print(f"assist feed: --funasr {url}: give the server as ws://HOST:PORT (or wss://)", file=sys.stderr)
        return EXIT_USAGE
    sides = {speaker: name for speaker, name in (("agent", args.agent), ("caller", args.caller)) if name}
    if not sides:
        print("assist feed: --funasr needs --agent AUDIO, --caller AUDIO or both", file=sys.stderr)
        return EXIT_USAGE
    if list(sides.values()).count("-") > 1:
        print("assist feed: only one side can come from standard input", file=sys.stderr)
        return EXIT_USAGE
    sources: dict[str, AudioSource] = {}
    try:
        for speaker, name in sides.items():
            sources[speaker] = open_audio(name, sys.stdin.buffer, args.rate)
    except AudioError as error:
        print(f"assist feed: {error}", file=sys.stderr)
        for source in sources.values():
            source.close()
        return EXIT_USAGE
    problem = link.start()
    if problem:
        print(f"assist feed: {problem}", file=sys.stderr)
        for source in sources.values():
            source.close()
        return EXIT_PROBLEMS
    results: queue.Queue[_Said | _Note | _Ended] = queue.Queue()
    context = _ssl_context(url, args.insecure)
    for speaker, source in sources.items():
        stream = Stream(url, source, ResultAssembler(speaker, args.call), results.put, context, pace=not args.fast)
        threading.Thread(target=stream.run, name=f"funasr-{speaker}", daemon=True).start()
    failed = False
    try:
        running = len(sources)
        while running:
            item = results.get()
            if isinstance(item, _Said):
                link.deliver(item.utterance, f"{item.speaker} result {item.number}")
            elif isinstance(item, _Note):
                print(f"assist feed: {item.speaker}: {item.message}", file=sys.stderr, flush=True)
            else:
                running -= 1
                if item.problem:
                    failed = True
                    print(f"assist feed: {item.speaker}: {item.problem}", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass  # Ctrl+C ends a live feed: the call is over
    link.call_ended()
    link.finish()
    return EXIT_PROBLEMS if failed or link.undelivered else EXIT_OK


def _ssl_context(url: str, insecure: bool) -> ssl.SSLContext | None:
    if not url.startswith("wss://"):
        return None
    context = ssl.create_default_context()
    if insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


class Stream:
    """One side of the call on its own connection: audio out, results in."""

    def __init__(
        self,
        url: str,
        source: AudioSource,
        assembler: ResultAssembler,
        put: Callable[[_Said | _Note | _Ended], None],
        context: ssl.SSLContext | None = None,
        pace: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url, self.source, self.assembler, self.put = url, source, assembler, put
        self.context, self.pace, self.sleep = context, pace and source.recorded, sleep
        self._results = 0
        self._audio_ended = threading.Event()
        self._marks_speaking: bool | None = None  # is_final means "still speaking" (FunASR's Python server)
        self._closed_early: Exception | None = None  # the server closed the connection before its last result
        self._reached = False  # the current try reached the server

    def run(self) -> None:
        from websockets.exceptions import WebSocketException

        problem = "the stream stopped unexpectedly"
        try:
            problem = self._stream_until_the_audio_ends()
        except (OSError, WebSocketException, TimeoutError) as error:
            problem = f"the FunASR server at {self.url} could not be used ({type(error).__name__}: {error})"
        except Exception as error:  # whatever happens, the feed must hear that this side has ended
            problem = f"the stream stopped unexpectedly ({type(error).__name__}: {error})"
        finally:
            self.source.close()
            self.put(_Ended(self.assembler.speaker, problem))

    def _stream_until_the_audio_ends(self) -> str:
        """Stream the audio; a live side that loses the server tries again, and goes on where its
        audio is (what is said meanwhile is not heard). A recording is not sent again: it fails."""
        from websockets.exceptions import WebSocketException

        pieces = self.source.pieces()
        failures = 0  # tries in a row that did not reach the server
        while True:
            self._reached = False
            try:
                return self._stream(pieces, reached_again=failures > 0)
            except (OSError, WebSocketException, TimeoutError) as error:
                if self.source.recorded or self._audio_ended.is_set():
                    raise
                if self._reached:
                    failures = 0  # it was reached, then lost: a new outage
                if failures == 0:
                    reason = f"{type(error).__name__}: {error}"
                    message = f"the FunASR server at {self.url} is not there ({reason}); trying again until it is"
                    self.put(_Note(self.assembler.speaker, message + "; what is said meanwhile is not heard"))
                self.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1

    def _stream(self, pieces: Iterator[bytes], reached_again: bool = False) -> str:
        from websockets.sync.client import connect

        with connect(
            self.url,
            subprotocols=["binary"],  # as FunASR's own clients ask
            ssl=self.context,
            open_timeout=CONNECT_SECONDS,
            max_size=2**20,
        ) as connection:
            self._reached = True
            if reached_again:
                self.put(_Note(self.assembler.speaker, "reached the FunASR server again"))
            self.assembler.restart()
            self._marks_speaking = None
            self._closed_early = None
            receiver = threading.Thread(target=self._receive, args=(connection,), daemon=True)
            connection.send(json.dumps(start_message(f"assist-{self.assembler.speaker}", self.source.rate)))
            receiver.start()
            seconds_a_piece = piece_bytes(self.source.rate) / 2 / self.source.rate
            for piece in pieces:
                connection.send(piece)
                if self.pace:
                    self.sleep(seconds_a_piece)
            self._audio_ended.set()  # first: the server's answer may come before send() returns
            connection.send(json.dumps(END_OF_SPEECH))
            receiver.join(LAST_RESULT_SECONDS)
            if self._closed_early is not None:
                raise self._closed_early
            if receiver.is_alive():
                return f"the server sent no final result within {LAST_RESULT_SECONDS:.0f} s of the end of the audio"
        return ""

    def _receive(self, connection) -> None:
        """Results until the last one; the server closing the connection first is noted (`_closed_early`).

        FunASR's servers mark the last result differently. The C++ runtime sends `"is_final": false`
        on every result until the one that answers the end of the audio, marked true. Its Python
        server sends `is_final` = "still speaking": true on every result until it has read the end
        of the audio, then the last sentence (2pass-offline) marked false. Which one this is shows
        in the first result; a pause after the audio ended ends the stream whatever the server.
        """
        from websockets.exceptions import ConnectionClosed

        quiet_since = None
        try:
            while True:
                try:
                    message = connection.recv(timeout=0.5)
                except TimeoutError:
                    if not self._audio_ended.is_set():
                        continue
                    quiet_since = quiet_since or time.monotonic()
                    if time.monotonic() - quiet_since >= QUIET_SECONDS:
                        return
                    continue
                quiet_since = None
                try:
                    result = json.loads(message)
                except (TypeError, ValueError):
                    continue  # not a result: FunASR sends only JSON text
                utterance = self.assembler.take(result)
                if utterance is not None:
                    self._results += 1
                    self.put(_Said(self.assembler.speaker, self._results, utterance))
                if self._is_last(result):
                    return
        except ConnectionClosed as closed:  # neither FunASR server closes before its last result
            self._closed_early = closed

    def _is_last(self, result: object) -> bool:
        if not isinstance(result, dict) or not isinstance(result.get("is_final"), bool):
            return False
        if self._marks_speaking is None:
            self._marks_speaking = result["is_final"]  # the first result of the Python server: true
        if self._marks_speaking:
            return not result["is_final"] and str(result.get("mode", "")).endswith("offline")
        return result["is_final"]
