"""Privacy and durability: no network unless a phrasebook URL is configured; drafts never reach a
file; settings and personal phrases survive a `kill -9` in the middle of a save."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
from assist.ui.settings import Settings
from tests.ui_fixtures import press, type_chinese

DRAFT = "这个我不清楚，隐私测试草稿 7f3a9c"


def record_connections(monkeypatch) -> list:
    """Every address a socket of this process connects to, from now on (any thread)."""
    connections = []
    real_connect = socket.socket.connect

    def record(sock, address):
        connections.append(address)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    return connections


def use_everything(qtbot, window) -> None:
    """An agent's call: copy, call mode, a misrouted caller, search, and a draft checked and copied."""
    for key in ("Alt+5", "Ctrl+1", "Ctrl+N", "Alt+2", "Ctrl+E", "Ctrl+F", "Esc", "Ctrl+D"):
        press(qtbot, window, key)
    type_chinese(window.draft_panel.editor, DRAFT)
    with qtbot.waitSignal(window.draft_panel.checked, timeout=3000):
        pass
    press(qtbot, window, "Ctrl+Return")
    qtbot.waitUntil(lambda: window.search_service.has_pinyin, timeout=30_000)


def files_under(*folders: str | Path) -> list[Path]:
    return [path for folder in folders for path in Path(folder).rglob("*") if path.is_file()]


def files_holding(marker: str, *folders: str | Path) -> list[Path]:
    return [path for path in files_under(*folders) if marker in path.read_bytes().decode("utf-8", errors="ignore")]


def xdg_folders() -> list[str]:
    return [os.environ[name] for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")]


def test_no_network_and_no_draft_on_disk_or_in_the_log(qtbot, monkeypatch, call_window, tmp_path, capfd):
    connections = record_connections(monkeypatch)
    use_everything(qtbot, call_window)
    assert connections == []  # the built-in book: nothing goes over the network
    assert files_under(*xdg_folders())  # settings and caches were written: the check reads real files
    assert files_holding("7f3a9c", *xdg_folders(), tmp_path) == []
    output, errors = capfd.readouterr()
    assert "7f3a9c" not in output + errors  # nor in what the program prints


def test_with_a_phrasebook_url_only_its_server_is_contacted(
    qtbot, monkeypatch, open_window, settings, book_server, tmp_path
):
    from assist.core.personal import PersonalStore
    from assist.ui.book_source import BookSource

    httpd, url = book_server
    connections = record_connections(monkeypatch)
    source = BookSource(url, PersonalStore(tmp_path / "personal.yaml"))
    window = open_window(source.load(), settings, source=source)
    qtbot.waitUntil(lambda: source.book.situation("hold").phrases[0].text == "网上的用语。", timeout=10_000)
    use_everything(qtbot, window)
    source.fetch_now()  # the five-minute poll, now
    qtbot.waitUntil(lambda: len(connections) >= 2, timeout=10_000)
    assert set(connections) == {httpd.server_address}


TRANSCRIPT_MARKER = "转写隐私测试 51c2e8"


def test_a_linted_transcript_is_never_written(tmp_path):
    transcript = tmp_path / "calls" / "day.txt"
    transcript.parent.mkdir()
    transcript.write_text(f"坐席：这个不清楚，{TRANSCRIPT_MARKER}\n客户：好的。\n", encoding="utf-8")
    home = tmp_path / "home"  # the XDG folders, inside tmp_path: scanned below
    env = {
        **os.environ,
        **{name: str(home / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")},
    }
    for args, stdin in ((["lint", str(transcript)], None), (["lint", "--format", "json", "-"], transcript.read_text())):
        result = subprocess.run(
            [sys.executable, "-m", "assist", *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 1 and "不清楚" in result.stdout  # the finding is reported to the user …
        assert TRANSCRIPT_MARKER not in result.stderr
    assert files_holding("51c2e8", tmp_path) == [transcript]  # … and kept nowhere but in the agent's own file


WRITER = """
import os, sys
from pathlib import Path
from assist.core import folders
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
path, save_number, kill_point, careless = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4] == "careless"
if careless:  # what the durability test must catch: a save that writes the file in place
    folders.write_atomically = lambda target, text: target.write_text(text, encoding="utf-8")
opened = False

def stop_here():
    print("inside", flush=True)  # the test kills the writer now
    sys.stdin.readline()

def in_folder(name):
    return not isinstance(name, int) and Path(os.fsdecode(name)).parent == path.parent

def on_audit(event, args):
    # Python's audit events: "open" as a file is about to be opened, "os.rename" for os.replace too.
    global opened
    if event == "open" and in_folder(args[0]):
        mode, flags = args[1], args[2]
        opened = opened or (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool(flags & os.O_RDWR)
        opened = opened or bool(flags & os.O_WRONLY)
    elif event == "os.rename" and kill_point == "rename" and in_folder(args[0]):
        stop_here()

def on_call(frame, event, function):
    if event == "c_call" and opened and kill_point == "write" and getattr(function, "__name__", "") == "write":
        stop_here()  # a file in the folder is open for writing and its data is about to go in

store = PersonalStore(path)
for n in range(1, save_number + 1):
    if n == save_number:
        sys.addaudithook(on_audit)
        sys.setprofile(on_call)
    phrases = [PersonalPhrase("hold", f"第{i}句，版本{n}。" * 20) for i in range(200)]
    store.save(PersonalData(phrases, [("hold", f"第0句，版本{n}。")]))
    print("saved", flush=True)
"""


def kill_inside_a_save(path: Path, save_number: int, kill_point: str, careless: bool = False) -> None:
    """Run the writer and kill -9 it inside its `save_number`-th save, at `kill_point`: as it is
    about to write into a file it opened ("write"), or just before the rename ("rename"). No
    clock: the writer stops there and says so."""
    command = [sys.executable, "-c", WRITER, str(path), str(save_number), kill_point, "careless" if careless else ""]
    writer = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for line in writer.stdout:
            if line == "inside\n":
                return
        raise AssertionError(f"save {save_number} never reached its {kill_point}: the kill missed it")
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        writer.stdout.close()
        writer.stdin.close()


def whole_version(path: Path) -> str:
    """The one version the file holds, after checking it is whole; "" when it is not."""
    data, problems = PersonalStore(path).load()
    versions = {phrase.text.split("版本")[1].split("。")[0] for phrase in data.phrases}
    return versions.pop() if not problems and len(data.phrases) == 200 and len(versions) == 1 else ""


@pytest.mark.parametrize("kill_point", ["write", "rename"])
def test_personal_phrases_survive_kill_9_inside_a_save(tmp_path, kill_point):
    path = tmp_path / "personal.yaml"
    for save_number in (2, 5, 13):
        kill_inside_a_save(path, save_number, kill_point)
        assert whole_version(path) == str(save_number - 1)  # the last whole save, never half of this one


def test_the_kill_lands_inside_the_write(tmp_path):
    """The test above fails for a save that writes in place: the kill leaves half a file."""
    path = tmp_path / "personal.yaml"
    kill_inside_a_save(path, 3, "write", careless=True)
    assert whole_version(path) == ""
    with pytest.raises(AssertionError, match="never reached its rename"):
        kill_inside_a_save(path, 3, "rename", careless=True)


def test_a_save_flushes_the_file_then_the_folder_after_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor):
        calls.append("fsync folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "fsync file")
        real_fsync(descriptor)

    def replace(source, target):
        calls.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    PersonalStore(tmp_path / "personal.yaml").save(PersonalData([PersonalPhrase("hold", "请稍候。")], []))
    assert calls == ["fsync file", "rename", "fsync folder"]


def kill_during_save(command: list[str], save_number: int, env: dict[str, str] | None = None) -> None:
    """Run a writer and kill -9 it as it starts its `save_number`-th save (no sleeping: it says when)."""
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    for line in writer.stdout:
        if int(line) >= save_number:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    writer.stdout.close()


SETTINGS_WRITER = """
import sys
from PySide6.QtCore import QCoreApplication
from assist.ui.settings import Settings
app = QCoreApplication([])
settings = Settings.at(sys.argv[1])
n = 0
while True:
    n += 1
    print(n, flush=True)
    settings.set_profile_values({f"value{i}": f"版本{n}" for i in range(100)})
"""


def test_settings_survive_kill_9_in_the_middle_of_a_save(tmp_path):
    path = tmp_path / "assist.ini"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for save_number in (3, 17):
        kill_during_save([sys.executable, "-c", SETTINGS_WRITER, str(path)], save_number, env)

        values = Settings.at(path).profile()
        assert len(values) == 100 and len(set(values.values())) == 1  # one whole version


def test_a_linked_personal_file_stays_linked(tmp_path):
    """An agent who keeps the file in a synced folder and links it into the data folder."""
    synced = tmp_path / "synced" / "personal.yaml"
    synced.parent.mkdir()
    link = tmp_path / "data" / "personal.yaml"
    link.parent.mkdir()
    link.symlink_to(synced)
    PersonalStore(link).save(PersonalData([PersonalPhrase("hold", "请稍候。")], []))
    assert link.is_symlink() and PersonalStore(synced).load()[0].phrases == [PersonalPhrase("hold", "请稍候。")]
