"""Privacy and durability: no network unless a phrasebook URL is configured; drafts never reach a
file; settings and personal phrases survive a `kill -9` in the middle of a save."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from assist.core.personal import PersonalStore
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
import sys
from pathlib import Path
from assist.core.personal import PersonalData, PersonalPhrase, PersonalStore
store = PersonalStore(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    phrases = [PersonalPhrase("hold", f"第{i}句，版本{n}。" * 20) for i in range(200)]
    print(n, flush=True)  # "about to save version n": the test kills it somewhere in this save
    store.save(PersonalData(phrases, [("hold", f"第0句，版本{n}。")]))
"""


def kill_during_save(command: list[str], save_number: int, env: dict[str, str] | None = None) -> None:
    """Run a writer and kill -9 it as it starts its `save_number`-th save (no sleeping: it says when)."""
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    for line in writer.stdout:
        if int(line) >= save_number:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    writer.stdout.close()


def test_personal_phrases_survive_kill_9_in_the_middle_of_a_save(tmp_path):
    path = tmp_path / "personal.yaml"
    for save_number in (2, 5, 13, 29):
        kill_during_save([sys.executable, "-c", WRITER, str(path)], save_number)
        data, problems = PersonalStore(path).load()
        assert problems == ()
        assert len(data.phrases) == 200  # a whole file, old or new, never half of one
        version = data.phrases[0].text.split("版本")[1].split("。")[0]
        assert all(f"版本{version}。" in phrase.text for phrase in data.phrases)


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
