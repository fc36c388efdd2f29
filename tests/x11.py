"""A real X server (Xvfb, no window manager) for end-to-end tests: start a sidebar, type keys with
xdotool, read the clipboard with xclip. The sidebar runs in its own process, so these helpers poll
it rather than wait on Qt signals."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
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
        pytest.fail(f"CI must run the X11 tests, but these are missing: {', '.join(MISSING)} (run scripts/setup)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        # -noreset: by default the server resets when its last client leaves (the readiness probe
        # below), and a sidebar connecting during that reset was refused ("could not connect").
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not start"
    # Answering a client is the proof that the server is up (the number comes a moment before).
    env = {**os.environ, "DISPLAY": f":{number}"}
    wait_for(
        lambda: (
            server.poll() is None
            and subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True).returncode == 0
        ),
        10,
        f"Xvfb on :{number} to answer",
    )
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@contextlib.contextmanager
def system_tray(display: str) -> Iterator[None]:
    """A stand-in system tray on `display`: it owns the _NET_SYSTEM_TRAY_S0 selection, which is how
    Qt decides that the desktop has a tray (it offers the icon; nothing is drawn)."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    pointer, window_id = ctypes.c_void_p, ctypes.c_ulong
    signatures = {
        "XOpenDisplay": (pointer, [ctypes.c_char_p]),
        "XDefaultRootWindow": (window_id, [pointer]),
        "XCreateSimpleWindow": (
            window_id,
            [pointer, window_id, *[ctypes.c_int] * 2, *[ctypes.c_uint] * 3, *[ctypes.c_ulong] * 2],
        ),
        "XInternAtom": (ctypes.c_ulong, [pointer, ctypes.c_char_p, ctypes.c_int]),
        "XSetSelectionOwner": (ctypes.c_int, [pointer, ctypes.c_ulong, window_id, ctypes.c_ulong]),
        "XSync": (ctypes.c_int, [pointer, ctypes.c_int]),
        "XCloseDisplay": (ctypes.c_int, [pointer]),
    }
    for name, (restype, argtypes) in signatures.items():
        getattr(x11, name).restype, getattr(x11, name).argtypes = restype, argtypes
    connection = x11.XOpenDisplay(display.encode())
    assert connection, f"cannot open {display}"
    tray = x11.XCreateSimpleWindow(connection, x11.XDefaultRootWindow(connection), 0, 0, 1, 1, 0, 0, 0)
    x11.XSetSelectionOwner(connection, x11.XInternAtom(connection, b"_NET_SYSTEM_TRAY_S0", 0), tray, 0)
    x11.XSync(connection, 0)
    try:
        yield
    finally:
        x11.XCloseDisplay(connection)


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


def windows_of(process: subprocess.Popen, env: dict[str, str]) -> list[str]:
    """The ids of the process's visible windows."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)], env=env, capture_output=True, text=True
    )
    return found.stdout.split()


def start_sidebar(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start the sidebar with `command`, wait for its window and focus it."""
    with log.open("w") as output:
        app = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        windows = wait_for(lambda: app.poll() is not None or windows_of(app, env), 30, "the sidebar window")
        assert app.poll() is None, log.read_text()
        window = windows[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10)
    except BaseException:
        app.kill()
        app.wait(timeout=10)
        raise
    return app


@contextlib.contextmanager
def running_sidebar(command: list[str], env: dict[str, str], log: Path) -> Iterator[dict[str, str]]:
    """Start the sidebar with `command`, wait for its window and focus it; yield `env` with
    ASSIST_TEST_PID set to its process id; terminate it afterwards."""
    app = start_sidebar(command, env, log)
    try:
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


class _XImage(ctypes.Structure):
    """The head of Xlib's XImage: enough to read a ZPixmap's bytes."""

    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


def pixels_of_colour(display: str, colour: str) -> int:
    """How many pixels of the whole screen `display` are exactly `colour` ("#cf222e"): what is painted,
    read from the X server (a 24-bit Xvfb screen, 32 bits a pixel)."""
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype, x11.XOpenDisplay.argtypes = ctypes.c_void_p, [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype, x11.XDefaultRootWindow.argtypes = ctypes.c_ulong, [ctypes.c_void_p]
    x11.XGetImage.restype = ctypes.POINTER(_XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, *[ctypes.c_int] * 2, *[ctypes.c_uint] * 2]
    x11.XGetImage.argtypes += [ctypes.c_ulong, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = x11.XOpenDisplay(display.encode())
    assert connection, f"cannot open {display}"
    try:
        root = x11.XDefaultRootWindow(connection)
        image = x11.XGetImage(connection, root, 0, 0, 1280, 800, 0xFFFFFFFF, 2).contents  # 2: ZPixmap
        assert image.bits_per_pixel == 32, f"a screen of {image.bits_per_pixel} bits a pixel"
        data = ctypes.string_at(image.data, image.bytes_per_line * image.height)
    finally:
        x11.XCloseDisplay(connection)
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return data.count(bytes((blue, green, red)))  # little-endian B, G, R, X; counted by its three bytes
