"""One sidebar per user: a lock file says which process runs it, a local socket carries commands to it.

The lock is the authority. A lock left behind by a crash or `kill -9` names a process that no
longer exists, and QLockFile takes it over; the socket file such a crash leaves is removed by the
process that holds the lock before it listens. Two starts at the same moment race for the lock:
one wins and opens the sidebar, the other hands its command over and exits.

Commands are one line of JSON each way: {"command": "show", "situation": "hold"} → {"ok": true}.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

REPLY_TIMEOUT_MS = 3000
HAND_OVER_SECONDS = 10.0  # how long a second start waits for the first one to start listening

Handler = Callable[[dict], dict]


def runtime_folder() -> Path:
    """Where the lock and the socket live: the user's runtime folder, private to them."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "assist" if base else Path(tempfile.gettempdir()) / f"assist-{getpass.getuser()}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


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
            socket.readyRead.connect(lambda socket=socket: self._on_ready_read(socket))
            socket.disconnected.connect(lambda socket=socket: self._forget(socket))

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        self._buffers[socket] = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in self._buffers[socket]:
            return
        line = self._buffers[socket].split(b"\n", 1)[0]
        try:
            request = json.loads(line.decode("utf-8"))
            reply = self.handler(request) if isinstance(request, dict) else {"ok": False, "error": "bad request"}
        except ValueError:
            reply = {"ok": False, "error": "bad request"}
        socket.write(QByteArray((json.dumps(reply, ensure_ascii=False) + "\n").encode("utf-8")))
        socket.flush()
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()


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
    except ValueError:
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
