"""The real program on a real X server (Xvfb, no window manager): keys in, clipboard out.

This is the acceptance test of the sidebar issue, run the way an agent uses it: `python -m assist`
in its own process, keys typed by xdotool, the clipboard read by xclip.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.helpers import zh
from tests.x11 import (
    clipboard,
    isolated_env,
    needs_x11,
    press,
    running_sidebar,
    start_sidebar,
    system_tray,
    visible_windows,
    wait_for,
    windows_of,
)

pytestmark = needs_x11


@pytest.fixture
def sidebar(display, tmp_path) -> Iterator[dict[str, str]]:
    with running_sidebar(
        [sys.executable, "-m", "assist"], isolated_env(display, tmp_path), tmp_path / "assist.log"
    ) as env:
        yield env


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("alt+5 ctrl+1", zh("请稍等,我帮您查一下。")),
        ("alt+9 ctrl+2", zh("感谢您对我工作的肯定,在今后的工作中我会更加努力,请问还有什么可以帮您?")),
        (
            "alt+3 ctrl+2",
            zh("对不起,我听不到您的声音,请问有什么可以帮您,非常抱歉,您的电话没有声音,请您换一部电话再打来可以吗?谢谢!"),
        ),
        (
            "alt+0 ctrl+1",
            zh("很感谢您对我们提出的宝贵意见,您的建议对我们非常重要,对改善我们今后的工作很有帮助……谢谢您的来电,再见!"),
        ),
    ],
)
def test_keys_on_a_real_x_server_leave_the_phrase_on_the_clipboard(sidebar, keys, expected):
    press(sidebar, keys)
    wait_for(lambda: clipboard(sidebar) == expected, 10, f"{expected!r} on the clipboard")


def test_terminating_the_sidebar_saves_its_place(sidebar, tmp_path):
    settings_file = tmp_path / "config" / "Assist" / "assist.ini"
    os.kill(int(sidebar["ASSIST_TEST_PID"]), signal.SIGTERM)
    wait_for(
        lambda: settings_file.exists() and "geometry=@Rect(880 0 400 800)" in settings_file.read_text(),
        10,
        "the window's place in the settings file after SIGTERM",
    )


def assist(env: dict[str, str], *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assist", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_assist_copy_goes_through_the_running_sidebar(sidebar):
    result = assist(sidebar, "copy", "hold", "1")
    assert result.returncode == 0, result.stderr
    expected = zh("请稍等,我帮您查一下。")
    assert result.stdout.strip() == expected
    wait_for(lambda: clipboard(sidebar) == expected, 10, "the phrase on the clipboard")
    wrong = assist(sidebar, "copy", "nosuch", "1")
    assert wrong.returncode == 1 and "no situation 'nosuch'" in wrong.stderr


def test_assist_copy_with_no_sidebar_starts_one_copies_and_returns(display, tmp_path):
    env = isolated_env(display, tmp_path)
    lock = tmp_path / "runtime" / "assist" / "assist.lock"
    try:
        result = assist(env, "copy", "hold", "1", timeout=60)
        assert result.returncode == 0, result.stderr
        expected = zh("请稍等,我帮您查一下。")
        assert result.stdout.strip() == expected
        wait_for(lambda: clipboard(env) == expected, 10, "the phrase on the clipboard")
        assert len(visible_windows(env)) == 1  # the sidebar it started runs on, and owns the clipboard
        assert assist(env, "copy", "closing", "2").returncode == 0  # and answers the next command
    finally:
        if lock.exists():  # the started sidebar's process id is the lock file's first line
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(lock.read_text().split()[0]), signal.SIGTERM)


def test_assist_toggle_with_no_sidebar_starts_one_in_front_and_returns(display, tmp_path):
    env = isolated_env(display, tmp_path)
    lock = tmp_path / "runtime" / "assist" / "assist.lock"
    try:
        result = assist(env, "toggle", timeout=60)
        assert result.returncode == 0, result.stderr
        assert len(visible_windows(env)) == 1
    finally:
        if lock.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(lock.read_text().split()[0]), signal.SIGTERM)


def test_a_second_start_hands_over_and_one_window_remains(sidebar):
    started = time.monotonic()
    result = assist(sidebar)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 10
    assert len(visible_windows(sidebar)) == 1
    assert assist(sidebar, "hide").returncode == 0
    wait_for(lambda: not visible_windows(sidebar), 10, "the sidebar hidden")
    assert assist(sidebar, "show", "--situation", "closing").returncode == 0
    wait_for(lambda: len(visible_windows(sidebar)) == 1, 10, "the sidebar shown again")


def test_a_sidebar_killed_with_kill_9_does_not_block_the_next_start(sidebar, tmp_path):
    os.kill(int(sidebar["ASSIST_TEST_PID"]), signal.SIGKILL)
    wait_for(lambda: not visible_windows(sidebar), 10, "the killed sidebar's window gone")
    log = (tmp_path / "second.log").open("w")
    second = subprocess.Popen([sys.executable, "-m", "assist"], env=sidebar, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: len(visible_windows(sidebar)) == 1, 30, "a new sidebar after kill -9")
        assert second.poll() is None  # it became the sidebar, it did not hand over to a dead one
        assert assist(sidebar, "copy", "closing", "2").returncode == 0
    finally:
        second.terminate()
        second.wait(timeout=10)
        log.close()


def test_two_simultaneous_starts_end_with_one_sidebar(display, tmp_path):
    env = isolated_env(display, tmp_path)
    logs = [(tmp_path / f"start{n}.log").open("w") for n in range(2)]
    starts = [
        subprocess.Popen([sys.executable, "-m", "assist"], env=env, stdout=log, stderr=subprocess.STDOUT)
        for log in logs
    ]
    try:
        wait_for(lambda: any(p.poll() is not None for p in starts), 30, "one of the two starts to hand over")
        wait_for(lambda: len(visible_windows(env)) == 1, 30, "one sidebar")
        finished = [p for p in starts if p.poll() is not None]
        assert len(finished) == 1 and finished[0].returncode == 0
    finally:
        for process in starts:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
        for log in logs:
            log.close()


def test_the_global_key_toggles_the_sidebar_from_anywhere(sidebar):
    assert assist(sidebar, "hide").returncode == 0
    wait_for(lambda: not visible_windows(sidebar), 10, "the sidebar hidden")
    subprocess.run(["xdotool", "key", "ctrl+alt+space"], env=sidebar, check=True, timeout=10)
    wait_for(lambda: len(visible_windows(sidebar)) == 1, 10, "the sidebar shown by Ctrl+Alt+Space")
    # The cursor is in the search box: typing searches, Enter copies the first hit. (English, so that
    # the pinyin index, which may still be building right after start, is not needed.)
    subprocess.run(["xdotool", "type", "--delay", "40", "wait"], env=sidebar, check=True, timeout=10)
    subprocess.run(["xdotool", "key", "Return"], env=sidebar, check=True, timeout=10)
    wait_for(lambda: clipboard(sidebar) == zh("请稍等,我帮您查一下。"), 30, "the first hit on the clipboard")


# -- quit means quit ------------------------------------------------------------------------

SAVED_PLACE = "geometry=@Rect(880 0 400 800)"


def test_quit_from_the_menu_ends_the_sidebar_when_there_is_a_tray(display, tmp_path):
    # Qt's own quit gave up in the order its windows happened to be in: several tries.
    env = isolated_env(display, tmp_path)
    settings_file = tmp_path / "config" / "Assist" / "assist.ini"
    with system_tray(display):
        for attempt in range(5):
            settings_file.unlink(missing_ok=True)
            log = tmp_path / f"assist{attempt}.log"
            app = start_sidebar([sys.executable, "-m", "assist"], env, log)
            try:
                press(env, "F10")  # the ☰ menu; 退出 is its last item
                wait_for(lambda app=app: len(windows_of(app, env)) == 2, 10, "the menu open")
                press(env, "Up Return")
                wait_for(lambda app=app: app.poll() is not None, 10, f"attempt {attempt + 1}: the end after 退出")
                assert app.returncode == 0, log.read_text()
                assert SAVED_PLACE in settings_file.read_text()
            finally:
                if app.poll() is None:
                    app.kill()
                    app.wait(timeout=10)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_the_sidebar_the_first_time_every_time(display, tmp_path, number):
    env = isolated_env(display, tmp_path)
    settings_file = tmp_path / "config" / "Assist" / "assist.ini"
    with system_tray(display):
        for attempt in range(10):
            settings_file.unlink(missing_ok=True)
            app = start_sidebar([sys.executable, "-m", "assist"], env, tmp_path / f"assist{attempt}.log")
            app.send_signal(number)
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait(timeout=10)
                pytest.fail(f"attempt {attempt + 1}: still running 10 s after one {number.name}")
            assert app.returncode == 0, (tmp_path / f"assist{attempt}.log").read_text()
            assert SAVED_PLACE in settings_file.read_text(), f"attempt {attempt + 1}: the window's place not saved"
