"""The pinyin reading cache: a damaged or malformed file is a miss, never wrong readings or an
error; readings are made in a short-lived worker process, so pypinyin never stays in the sidebar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assist.core import pinyin, pinyin_worker
from assist.core.pinyin import Reading, ReadingCache

TEXTS = ["请稍等", "查询", "转接", "您好"]
EXPECTED = {
    "请稍等": Reading("qingshaodeng", "qsd"),
    "查询": Reading("chaxun", "cx"),
    "转接": Reading("zhuanjie", "zj"),
    "您好": Reading("ninhao", "nh"),
}


@pytest.fixture
def made(monkeypatch) -> list[list[str]]:
    """Readings made in this process (a worker per damaged file would take minutes); the texts of each."""
    asked: list[list[str]] = []

    def read_here(texts, folder):
        asked.append(texts)
        return pinyin.read(texts)

    monkeypatch.setattr(pinyin_worker, "read_in_worker", read_here)
    return asked


def only_file(folder: Path) -> Path:
    [file] = list(folder.glob("pinyin-*"))
    return file


def test_every_damaged_byte_of_a_readings_file_gives_the_right_readings(tmp_path, made):
    cache = ReadingCache(tmp_path)
    assert cache.readings(TEXTS) == EXPECTED
    file = only_file(tmp_path)
    sound = file.read_bytes()
    wrong = []
    for index in range(len(sound)):
        for flip in (0x01, 0x20, 0x80):
            damaged = bytearray(sound)
            damaged[index] ^= flip
            file.write_bytes(bytes(damaged))
            try:
                if cache.readings(TEXTS) != EXPECTED:
                    wrong.append((index, flip, "wrong readings"))
            except Exception as error:  # every kind is the defect this test finds
                wrong.append((index, flip, repr(error)[:80]))
    assert not wrong, f"{len(wrong)} of {3 * len(sound)} damaged files: {wrong[:5]}"


@pytest.mark.parametrize(
    "content",
    ['["qingshaodeng", "qsd"]', '{"请稍等": "qs"}', '{"请稍等": [1, 2]}', '{"请稍等": ["a"]}', "[" * 100_000, "null"],
)
def test_a_readings_file_of_the_wrong_shape_is_read_again(tmp_path, made, content):
    cache = ReadingCache(tmp_path)
    cache.readings(TEXTS)
    only_file(tmp_path).write_text(content, encoding="utf-8")
    assert cache.readings(TEXTS) == EXPECTED and len(made) == 2


@pytest.mark.parametrize(
    "readings",
    [["qingshaodeng", "qsd"], {"请稍等": "qs"}, {"请稍等": [1, 2]}, {"请稍等": ["a"]}, {"请稍等": None}, None],
)
def test_readings_of_the_wrong_shape_are_read_again_even_with_a_sound_checksum(tmp_path, made, readings):
    from assist.core import sealed

    cache = ReadingCache(tmp_path)
    cache.readings(TEXTS)
    key, _ = sealed.read(only_file(tmp_path))
    sealed.write(only_file(tmp_path), [key, readings])
    assert cache.readings(TEXTS) == EXPECTED and len(made) == 2


def test_readings_are_made_in_a_worker_and_pypinyin_never_loads_in_the_caller(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assist.core.pinyin import ReadingCache\n"
        "readings = ReadingCache(Path(sys.argv[1])).readings(['请稍等', '查询'])\n"
        "print(readings['请稍等'].initials, readings['查询'].full, 'pypinyin' in sys.modules)"
    )
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.stdout.split() == ["qsd", "chaxun", "False"], run.stderr


def test_the_worker_is_assist_itself_with_a_hidden_command(tmp_path):
    """What a packaged Assist runs too: its program (here `python -m assist`), the hidden command,
    a file of texts and a file for the readings."""
    texts, readings = tmp_path / "texts.json", tmp_path / "readings.json"
    texts.write_text(json.dumps(["请稍等", "abc"]), encoding="utf-8")
    command = [*pinyin_worker.worker_command(), pinyin_worker.WORKER_COMMAND, str(texts), str(readings)]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert run.returncode == 0 and run.stdout == "", run.stderr
    assert json.loads(readings.read_text(encoding="utf-8")) == {"请稍等": ["qingshaodeng", "qsd"]}


def test_a_packaged_assist_is_its_own_worker(tmp_path, monkeypatch, capsys):
    """In a PyInstaller folder `sys.executable` is the program, started with the hidden command
    first (here a stand-in program that runs this Assist's `__main__`)."""
    program = tmp_path / "assist"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m assist "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert pinyin_worker.worker_command() == [str(program)]
    assert ReadingCache(tmp_path / "cache").readings(TEXTS) == EXPECTED
    assert capsys.readouterr().err == ""  # the worker answered: nothing made here instead


def test_a_worker_that_fails_leaves_the_readings_to_the_caller(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pinyin_worker, "worker_command", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    assert ReadingCache(tmp_path).readings(TEXTS) == EXPECTED
    assert "the pinyin worker failed" in capsys.readouterr().err


SIDEBAR_FIRST_START = """
import sys
from PySide6.QtWidgets import QApplication
from assist.ui.app import create_window
from assist.ui.settings import Settings

app = QApplication(sys.argv[:1])
window = create_window(None, Settings.for_user())
window.search_service.ready.connect(app.quit)
window.search_service.failed.connect(lambda message: (print(message), app.quit()))
window.search_service.start()
app.exec()
print(window.search_service.has_pinyin, "pypinyin" in sys.modules)
"""


def test_the_sidebar_gets_its_pinyin_search_on_a_first_start_without_loading_pypinyin(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.update({name: str(tmp_path / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")})
    run = subprocess.run(
        [sys.executable, "-c", SIDEBAR_FIRST_START], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.stdout.split() == ["True", "False"], run.stdout + run.stderr  # pinyin in use, pypinyin never here
    assert list((tmp_path / "xdg_cache_home" / "Assist").glob("pinyin-*.json"))  # a first start: read afresh


def test_an_exchange_folder_left_by_a_sidebar_that_quit_is_removed_and_one_in_use_kept(tmp_path):
    abandoned, in_use = tmp_path / "pinyin-worker-abandoned", tmp_path / "pinyin-worker-in-use"
    for folder in (abandoned, in_use):
        folder.mkdir()
        (folder / "texts.json").write_text('["请稍等"]', encoding="utf-8")
    long_ago = time.time() - pinyin_worker.WORKER_TIMEOUT_S - 60
    os.utime(abandoned, (long_ago, long_ago))
    assert ReadingCache(tmp_path).readings(TEXTS) == EXPECTED
    assert not abandoned.exists() and in_use.exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith("pinyin-worker-")] == [in_use.name]
