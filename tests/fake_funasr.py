"""A stand-in FunASR real-time server (2pass) on localhost that replays a script of results.

It speaks the protocol of FunASR's runtime/docs/websocket_protocol.md: a JSON start message, binary
16-bit PCM, then {"is_speaking": false}. A script (tests/data/funasr/*.jsonl) says what it answers and
when: `after_seconds` of audio received, or `after_end` of speech. Like FunASR's servers, it leaves
the connection open for the client to close.
The scripts are written from FunASR's protocol document and its servers' sources (the C++ runtime
marks the last result `is_final: true`; the Python server marks results while speaking instead).
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

SCRIPTS = Path(__file__).parent / "data" / "funasr"


@dataclass
class Session:
    """What one connection sent."""

    start: dict = field(default_factory=dict)
    pieces: list[int] = field(default_factory=list)  # the size of each binary message
    end: dict | None = None
    subprotocol: str | None = None

    @property
    def audio_bytes(self) -> int:
        return sum(self.pieces)


class FakeFunASR:
    def __init__(self, scripts: dict[str, str], context: ssl.SSLContext | None = None) -> None:
        """`scripts`: the script file to replay for each wav_name (the feed names them assist-SPEAKER);
        `context`: TLS (wss://), as the runtime serves by default."""
        self.scripts = {name: _read(SCRIPTS / file) for name, file in scripts.items()}
        self.sessions: dict[str, Session] = {}  # the last session of each wav_name
        self.all_sessions: list[Session] = []
        # wav_name → for each of its next connections, the bytes after which the server drops it
        self.drop_after: dict[str, list[int]] = {}
        self.drops = threading.Semaphore(0)  # released at each drop
        self._server = serve(self._handle, "127.0.0.1", 0, subprotocols=["binary"], ssl=context)
        scheme = "wss" if context else "ws"
        self.url = f"{scheme}://localhost:{self._server.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _handle(self, connection: ServerConnection) -> None:
        session = Session(subprotocol=connection.subprotocol)
        session.start = json.loads(connection.recv())
        self.sessions[session.start["wav_name"]] = session
        self.all_sessions.append(session)
        thresholds = self.drop_after.get(session.start["wav_name"])
        drop_after = thresholds.pop(0) if thresholds else None
        script = list(self.scripts[session.start["wav_name"]])
        bytes_a_second = session.start["audio_fs"] * 2
        with contextlib.suppress(ConnectionClosed):
            for message in connection:
                if isinstance(message, bytes):
                    session.pieces.append(len(message))
                    if drop_after is not None and session.audio_bytes >= drop_after:
                        connection.socket.shutdown(socket.SHUT_RDWR)  # as a server that stopped mid-call
                        self.drops.release()
                        return
                    while script and session.audio_bytes / bytes_a_second >= script[0].get("after_seconds", 1e9):
                        connection.send(json.dumps(script.pop(0)["message"], ensure_ascii=False))
                    continue
                session.end = json.loads(message)
                for step in script:
                    connection.send(json.dumps(step["message"], ensure_ascii=False))
                connection.recv()  # until the client closes

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextlib.contextmanager
def fake_funasr(context: ssl.SSLContext | None = None, **scripts: str) -> Iterator[FakeFunASR]:
    server = FakeFunASR({f"assist-{speaker}": file for speaker, file in scripts.items()}, context)
    try:
        yield server
    finally:
        server.close()
