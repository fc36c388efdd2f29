"""The command channel and the lock: a private folder, and an answer to every message.

Another user is simulated the way an attacker would act on a shared machine: as root (the tests and
CI run as root), a folder is made in $TMPDIR under the sidebar's usual name and given to another uid.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from assist.core import folders
from assist.ui import instance
from assist.ui.instance import MAX_MESSAGE_BYTES, Instance, server_name, sidebar_running

OTHER_UID = 4242

needs_root = pytest.mark.skipif(
    os.getuid() != 0 and not os.environ.get("CI"), reason="giving a folder to another user needs root"
)


@pytest.fixture
def no_runtime_dir(tmp_path, monkeypatch) -> Path:
    """No XDG_RUNTIME_DIR, a $TMPDIR of the test's own: the usual folder is $TMPDIR/assist-$USER."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr("tempfile.tempdir", None)  # gettempdir() reads TMPDIR again
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))  # short: a socket path has at most 107 bytes
    return temporary / f"assist-{__import__('getpass').getuser()}"


def test_the_usual_folder_is_made_private_and_used(no_runtime_dir):
    folder = folders.runtime_folder()
    assert folder.path == no_runtime_dir and folder.why_not_usual == ""
    assert stat.S_IMODE(os.lstat(no_runtime_dir).st_mode) == 0o700


def test_xdg_runtime_dir_is_used_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert folders.runtime_folder().path == tmp_path / "assist"


@needs_root
def test_a_folder_another_user_made_first_is_not_used(no_runtime_dir, tmp_path, capsys):
    no_runtime_dir.mkdir(mode=0o777)
    no_runtime_dir.chmod(0o777)
    os.chown(no_runtime_dir, OTHER_UID, OTHER_UID)
    used = instance.runtime_folder()
    assert used == tmp_path / "c" / "Assist" / "runtime"
    assert os.lstat(used).st_uid == os.getuid() and stat.S_IMODE(os.lstat(used).st_mode) == 0o700
    assert str(used) in server_name()
    said = capsys.readouterr().err
    assert said.count("belongs to another user (uid 4242)") == 1, said  # why, said once
    assert f"using {used} instead" in said
    instance.runtime_folder()  # as every later `assist copy` does
    assert capsys.readouterr().err == ""


@needs_root
def test_a_lock_planted_by_another_user_does_not_keep_the_sidebar_from_starting(no_runtime_dir, qapp):
    no_runtime_dir.mkdir(mode=0o777)
    no_runtime_dir.chmod(0o777)
    planted = QLockFile(str(no_runtime_dir / "assist.lock"))
    assert planted.tryLock(0)
    os.chown(no_runtime_dir, OTHER_UID, OTHER_UID)
    os.chown(no_runtime_dir / "assist.lock", OTHER_UID, OTHER_UID)
    try:
        assert not sidebar_running()
        sidebar = Instance(lambda request: {"ok": True})
        assert sidebar.claim()
        sidebar.release()
    finally:
        planted.unlock()


def test_a_folder_of_ones_own_that_others_may_write_to_is_not_used(no_runtime_dir):
    no_runtime_dir.mkdir()
    no_runtime_dir.chmod(0o777)
    folder = folders.runtime_folder()
    assert folder.path != no_runtime_dir
    assert "may be changed by other users (mode 777)" in folder.why_not_usual


def test_a_link_in_place_of_the_folder_is_not_followed(no_runtime_dir, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    no_runtime_dir.symlink_to(target)
    folder = folders.runtime_folder()
    assert folder.path != no_runtime_dir and "not a folder" in folder.why_not_usual


def test_the_private_folder_is_made_private_again_when_its_mode_was_loosened(no_runtime_dir, tmp_path):
    no_runtime_dir.mkdir()
    no_runtime_dir.chmod(0o777)
    private = tmp_path / "c" / "Assist" / "runtime"
    private.mkdir(parents=True)
    private.chmod(0o777)
    assert folders.runtime_folder().path == private
    assert stat.S_IMODE(os.lstat(private).st_mode) == 0o700


# -- every message is answered -------------------------------------------------------------


@pytest.fixture
def listening(qapp, tmp_path, monkeypatch):
    """A sidebar's side of the channel whose handler echoes the command; yields a way to talk to it."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    sidebar = Instance(lambda request: {"ok": True, "command": request["command"]})
    assert sidebar.claim() and sidebar.listen()
    yield sidebar
    sidebar.release()


def exchange(qtbot, message: bytes) -> dict:
    """Send raw bytes from another thread (the sidebar answers on this one's event loop); the reply."""
    received: list[bytes] = []

    def client() -> None:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(server_name())
            with contextlib.suppress(OSError):  # the sidebar stopped reading: its answer is still there
                connection.sendall(message)
            data = b""
            while not data.endswith(b"\n") and (chunk := connection.recv(4096)):
                data += chunk
            received.append(data)

    thread = threading.Thread(target=client)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10000)
    assert received and received[0].endswith(b"\n"), f"no reply: {received!r}"
    return json.loads(received[0])


def test_a_command_gets_its_reply(listening, qtbot):
    assert exchange(qtbot, b'{"command": "show"}\n') == {"ok": True, "command": "show"}


@pytest.mark.parametrize("depth", [20_000, 100_000])
def test_deeply_nested_json_gets_an_error_reply(listening, qtbot, depth):
    reply = exchange(qtbot, b"[" * depth + b"]" * depth + b"\n")
    assert reply["ok"] is False and reply["error"]


def test_a_message_over_the_size_limit_gets_an_error_reply(listening, qtbot):
    reply = exchange(qtbot, b'{"command": "show", "pad": "' + b"x" * (MAX_MESSAGE_BYTES * 4) + b'"}\n')
    assert reply == {"ok": False, "error": f"a message may be at most {MAX_MESSAGE_BYTES} bytes"}


def test_a_message_over_the_size_limit_without_an_end_gets_an_error_reply(listening, qtbot):
    reply = exchange(qtbot, b"x" * (MAX_MESSAGE_BYTES + 10))
    assert reply["ok"] is False and "at most" in reply["error"]


@pytest.mark.parametrize(
    "message",
    [b"not json\n", b"\xff\xfe\n", b"[1, 2]\n", b'{"command": 5}\n', b"{}\n", b'"show"\n'],
)
def test_a_malformed_message_gets_an_error_reply(listening, qtbot, message):
    reply = exchange(qtbot, message)
    assert reply["ok"] is False and reply["error"]


def test_a_command_the_sidebar_fails_on_still_gets_an_error_reply(listening, qtbot):
    def broken(_request: dict) -> dict:
        raise KeyError("situation")

    listening.handler = broken
    reply = exchange(qtbot, b'{"command": "copy"}\n')
    assert reply["ok"] is False and "copy" in reply["error"]


# -- starting a sidebar for `assist copy` ---------------------------------------------------


def test_a_sidebar_that_ends_at_start_is_reported_not_waited_for(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    failed = instance.subprocess.Popen([instance.sys.executable, "-c", "raise SystemExit(3)"])
    problem = instance.wait_until_answering(failed, seconds=30)
    assert problem.startswith("the sidebar ended at start (status 3); see ") and "sidebar.log" in problem
