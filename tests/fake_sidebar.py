"""A stand-in for the running sidebar, in a process of its own: it holds the sidebar's lock and
answers its command channel with the same framing (one line of JSON each way).

Each request it receives is written to its standard output (before it answers, so a client that has
its reply can count on the request being there). How it answers is chosen by name (ANSWERS).
Run as `python -m tests.fake_sidebar ANSWER` with XDG_RUNTIME_DIR set; it says "ready" when listening
(or, with FAKE_SIDEBAR_LISTEN_AFTER=FILE, when it holds the lock, and listens once FILE exists).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SILENT_TEXTS = {"我想问", "我想问一下社保怎么办"}


def _old_sidebar(request: dict) -> dict | None:
    """What a sidebar without the live transcript answers (main_window.handle_command)."""
    if request["command"] in ("ping", "show"):
        return {"ok": True}
    return {"ok": False, "error": f"unknown command {request['command']!r}"}


ANSWERS: dict[str, Callable[[dict], dict | None]] = {  # None: close without answering
    "ok": lambda request: {"ok": True},
    "old": _old_sidebar,
    "refuse-caller": lambda request: {"ok": request.get("speaker") != "caller", "error": "no call is open"},
    "silent-on-some": lambda request: None if request.get("text") in SILENT_TEXTS else {"ok": True},
}


def serve(answer: Callable[[dict], dict | None]) -> None:
    from PySide6.QtCore import QLockFile

    folder = Path(os.environ["XDG_RUNTIME_DIR"]) / "assist"
    lock = QLockFile(str(folder / "assist.lock"))
    assert lock.tryLock(0)
    if os.environ.get("FAKE_SIDEBAR_LISTEN_AFTER"):  # a sidebar still starting: locked, not yet listening
        print("ready", flush=True)
        while not Path(os.environ["FAKE_SIDEBAR_LISTEN_AFTER"]).exists():
            time.sleep(0.01)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(folder / "assist.socket"))
    server.listen(16)
    if not os.environ.get("FAKE_SIDEBAR_LISTEN_AFTER"):
        print("ready", flush=True)
    while True:
        connection, _ = server.accept()
        with connection:
            data = b""
            while b"\n" not in data and (chunk := connection.recv(65536)):
                data += chunk
            request = json.loads(data.split(b"\n", 1)[0])
            print(json.dumps(request, ensure_ascii=False), flush=True)
            reply = answer(request)
            if reply is not None:
                with contextlib.suppress(OSError):
                    connection.sendall((json.dumps(reply, ensure_ascii=False) + "\n").encode())


class FakeSidebar:
    def __init__(self, runtime: Path, answer: str, listen_after: Path | None = None) -> None:
        self.runtime = runtime
        self.folder = runtime / "assist"
        self._requests: list[dict] = []
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.fake_sidebar", answer],
            env={**self.environment(), "FAKE_SIDEBAR_LISTEN_AFTER": str(listen_after or "")},
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self._process.stdout.readline() == b"ready\n", "the fake sidebar did not start"
        os.set_blocking(self._process.stdout.fileno(), False)
        self._partial = b""

    def environment(self) -> dict[str, str]:
        """The environment of an `assist` process that talks to this sidebar."""
        return {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime)}

    @property
    def requests(self) -> list[dict]:
        """Every request received so far."""
        data = self._process.stdout.read() or b""
        *lines, self._partial = (self._partial + data).split(b"\n")
        self._requests += [json.loads(line) for line in lines]
        return list(self._requests)

    @property
    def utterances(self) -> list[dict]:
        return [request for request in self.requests if request["command"] == "utterance"]

    def close(self) -> None:
        self._process.kill()
        self._process.wait(timeout=10)
        self._process.stdout.close()


@contextlib.contextmanager
def fake_sidebar(
    monkeypatch: pytest.MonkeyPatch, answer: str = "ok", listen_after: Path | None = None
) -> Iterator[FakeSidebar]:
    """A fake sidebar in a short runtime folder of its own (a socket path has at most 107 bytes);
    this process's XDG_RUNTIME_DIR points to it while it runs."""
    runtime = Path(tempfile.mkdtemp(prefix="af-"))
    (runtime / "assist").mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    sidebar = FakeSidebar(runtime, answer, listen_after)
    try:
        yield sidebar
    finally:
        sidebar.close()
        shutil.rmtree(runtime, ignore_errors=True)


if __name__ == "__main__":
    serve(ANSWERS[sys.argv[1]])
