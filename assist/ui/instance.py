"""One sidebar per user: a lock file says which process runs it, a local socket carries commands to it.

The lock is the authority. A lock left behind by a crash or `kill -9` names a process that no
longer exists, and QLockFile takes it over; the socket file such a crash leaves is removed by the
process that holds the lock before it listens. Two starts at the same moment race for the lock:
one wins and opens the sidebar, the other hands its command over and exits.

Commands are one line of JSON each way: {"command": "show", "situation": "hold"} → {"ok": true}.
Every message gets a reply: one that is too long, not JSON, or not a command is answered with
{"ok": false, "error": …}.
"""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLockFile, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from assist.core import folders

REPLY_TIMEOUT_MS = 3000
HAND_OVER_SECONDS = 10.0  # how long a second start waits for the first one to start listening
START_SECONDS = 60.0  # how long `assist copy` waits for the sidebar it started (a first start builds caches)
CONNECTION_TIMEOUT_MS = 10_000
MAX_MESSAGE_BYTES = 64 * 1024  # a command is a few dozen bytes

Handler = Callable[[dict], dict]


def runtime_folder() -> Path:
    """Where the lock and the socket live: a folder private to the user (see folders.runtime_folder).

    When that is not the usual folder, why is said once on standard error, not at every
    `assist copy`: the reason said last is kept in the folder.
    """
    folder = folders.runtime_folder()
    if folder.why_not_usual:
        said = folder.path / "why-this-folder.txt"
        if not said.exists() or said.read_text(encoding="utf-8") != folder.why_not_usual:
            print(f"assist: {folder.why_not_usual}", file=sys.stderr)
            folders.write_atomically(said, folder.why_not_usual)
    return folder.path


def server_name() -> str:
    if sys.platform == "win32":
        return f"assist-{getpass.getuser()}"
    return str(runtime_folder() / "assist.socket")


class Instance(QObject):
    """The running sidebar's side: holds the lock and answers commands."""

    def __init__(self, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self._lock = QLockFile(str(runtime_folder() / "assist.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone: never by age
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def claim(self) -> bool:
        """Take the lock; False when another sidebar holds it."""
        return self._lock.tryLock(0)

    def listen(self) -> bool:
        QLocalServer.removeServer(server_name())  # a socket left by a crashed sidebar
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        return self._server.listen(server_name())

    def release(self) -> None:
        self._server.close()
        self._lock.unlock()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            QTimer.singleShot(CONNECTION_TIMEOUT_MS, socket, socket.abort)  # a client that never ends
            socket.readyRead.connect(lambda socket=socket: self._on_ready_read(socket))
            socket.disconnected.connect(lambda socket=socket: self._forget(socket))

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            socket.readAll()  # already answered: the rest is read and dropped
            return
        buffer = self._buffers[socket] + bytes(socket.readAll().data())
        line, newline, _rest = buffer.partition(b"\n")
        if len(line) > MAX_MESSAGE_BYTES:
            self._answer(socket, _error(f"a message may be at most {MAX_MESSAGE_BYTES} bytes"))
        elif newline:
            self._answer(socket, self._reply_to(line))
        else:
            self._buffers[socket] = buffer

    def _reply_to(self, line: bytes) -> dict:
        request = parse_request(line)
        if isinstance(request, str):
            return _error(request)
        try:
            return self.handler(request)
        except Exception as error:  # the client must get an answer, whatever went wrong
            return _error(f"the sidebar could not carry out {request['command']!r}: {error!r}")

    def _answer(self, socket: QLocalSocket, reply: dict) -> None:
        """Reply, then close once the client has read it and closed its end (or after a while).

        Closing at once while the client is still sending would throw the reply away (the
        client's next read fails with ECONNRESET), so what it still sends is read and dropped.
        """
        del self._buffers[socket]
        socket.write(QByteArray((json.dumps(reply, ensure_ascii=False) + "\n").encode("utf-8")))
        socket.flush()
        QTimer.singleShot(REPLY_TIMEOUT_MS, socket, socket.abort)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


def parse_request(line: bytes) -> dict | str:
    """The command in one line of the protocol, or why it is not one."""
    try:
        request = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return "a message must be UTF-8"
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than Python's stack
        return f"a message must be one line of JSON ({type(error).__name__})"
    if not isinstance(request, dict) or not isinstance(request.get("command"), str):
        return 'a message must be a JSON object with a "command" string'
    return request


def _error(text: str) -> dict:
    return {"ok": False, "error": text}


def send(request: dict, timeout_ms: int = REPLY_TIMEOUT_MS) -> dict | None:
    """Send one command to the running sidebar; None when none answers."""
    QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(timeout_ms):
        return None
    socket.write(QByteArray((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8")))
    socket.waitForBytesWritten(timeout_ms)
    data = b""
    deadline = time.monotonic() + timeout_ms / 1000
    while b"\n" not in data and time.monotonic() < deadline:
        if not socket.waitForReadyRead(max(1, int((deadline - time.monotonic()) * 1000))):
            break
        data += bytes(socket.readAll().data())
    socket.abort()
    try:
        reply = json.loads(data.split(b"\n", 1)[0].decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return reply if isinstance(reply, dict) else None


def hand_over(request: dict, seconds: float = HAND_OVER_SECONDS) -> dict | None:
    """Send a command to the sidebar that holds the lock, waiting for it if it is still starting."""
    deadline = time.monotonic() + seconds
    while True:
        reply = send(request)
        if reply is not None or time.monotonic() >= deadline:
            return reply
        time.sleep(0.1)  # the other sidebar holds the lock but is not listening yet


def sidebar_running() -> bool:
    """True when another process holds the sidebar's lock."""
    lock = QLockFile(str(runtime_folder() / "assist.lock"))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True


def start_detached(options: list[str]) -> subprocess.Popen:
    """Start the sidebar in a process and session of its own, so that it outlives the shortcut or
    script that asked for it; what it prints goes to sidebar.log in the runtime folder."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "assist"]
    with (runtime_folder() / "sidebar.log").open("wb") as log:
        return subprocess.Popen(
            [*program, *options], stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )


def wait_until_answering(sidebar: subprocess.Popen, seconds: float = START_SECONDS) -> str:
    """Wait for a sidebar to answer commands; "" when one does, else why not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if send({"command": "ping"}, timeout_ms=1000) is not None:
            return ""
        if sidebar.poll() not in (None, 0):  # 0: it handed over to a sidebar started at the same moment
            log = runtime_folder() / "sidebar.log"
            return f"the sidebar ended at start (status {sidebar.returncode}); see {log}"
        time.sleep(0.1)
    return f"the sidebar did not answer within {seconds:.0f} s"
