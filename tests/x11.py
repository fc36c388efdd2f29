"""A real X server (Xvfb, no window manager) for end-to-end tests: start a sidebar, type keys with
xdotool, read the clipboard with xclip. The sidebar runs in its own process, so these helpers poll
it rather than wait on Qt signals."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool", "xclip")
MISSING = [tool for tool in TOOLS if not shutil.which(tool)]
# Skipped on a developer's machine without the tools; under CI (CI=true) they run, and fail in `display`.
needs_x11 = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"), reason="needs Xvfb, xdotool and xclip (scripts/setup)"
)


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Poll a condition in another process; fail with `what` when it never holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def display() -> Iterator[str]:
    if MISSING:
        pytest.fail(f"CI must run the X11 tests, but {', '.join(MISSING)} is missing: run scripts/setup")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def isolated_env(display: str, tmp_path: Path) -> dict[str, str]:
    """The environment of a sidebar on `display` with its own settings, data, cache and lock."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        DISPLAY=display,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return env


@contextlib.contextmanager
def running_sidebar(command: list[str], env: dict[str, str], log: Path) -> Iterator[dict[str, str]]:
    """Start the sidebar with `command`, wait for its window and focus it; yield `env` with
    ASSIST_TEST_PID set to its process id; terminate it afterwards."""
    with log.open("w") as output:
        app = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)

    def window_id() -> str:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)], env=env, capture_output=True, text=True
        )
        return found.stdout.split()[0] if found.stdout.split() else ""

    try:
        window = wait_for(lambda: app.poll() is not None or window_id(), 30, "the sidebar window")
        assert app.poll() is None, log.read_text()
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10)
        yield {**env, "ASSIST_TEST_PID": str(app.pid)}
    finally:
        if app.poll() is None:
            app.terminate()
        app.wait(timeout=10)


def press(env: dict[str, str], keys: str) -> None:
    for key in keys.split():
        subprocess.run(["xdotool", "key", "--clearmodifiers", key], env=env, check=True, timeout=10)


def clipboard(env: dict[str, str]) -> str:
    result = subprocess.run(
        ["xclip", "-o", "-selection", "clipboard"], env=env, capture_output=True, text=True, timeout=5
    )
    return result.stdout


def visible_windows(env: dict[str, str]) -> list[str]:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "Assist"], env=env, capture_output=True, text=True
    )
    return found.stdout.split()
