"""The global key's calls into libX11: declared signatures, X errors survived, one toggle per press."""

from __future__ import annotations

import ctypes
import re
import subprocess
import sys
from pathlib import Path

from assist.ui import focus_x11, hotkey
from assist.ui.hotkey import _KEY_PRESS, _KEY_RELEASE, SIGNATURES, KeyPresses, load_x11
from tests.x11 import isolated_env, needs_x11, wait_for

HOTKEY_SOURCE = Path(hotkey.__file__).read_text(encoding="utf-8")
FOCUS_SOURCE = Path(focus_x11.__file__).read_text(encoding="utf-8")


def test_every_libx11_function_called_has_a_declared_signature():
    called = set(re.findall(r"x11\.(X\w+)\(", HOTKEY_SOURCE + FOCUS_SOURCE))
    assert called >= {"XSetErrorHandler", "XGrabKey", "XNextEvent", "XGetInputFocus", "XSetInputFocus"}
    assert called <= set(SIGNATURES), f"called without a signature: {sorted(called - set(SIGNATURES))}"
    x11 = load_x11()
    assert x11 is not None, "libX11 is missing (scripts/setup installs it)"
    for name, (restype, argtypes) in SIGNATURES.items():
        function = getattr(x11, name)
        assert function.restype is restype and function.argtypes == argtypes, name
        assert argtypes and all(argument is not None for argument in argtypes), name


def test_every_user32_function_called_on_windows_has_a_declared_signature():
    from assist.ui import hotkey_windows

    source = Path(hotkey_windows.__file__).read_text(encoding="utf-8")
    called = set(re.findall(r"_user32\(\)\.(\w+)\(", source))
    assert called == {"RegisterHotKey", "UnregisterHotKey"} and called <= set(hotkey_windows.SIGNATURES)
    assert "WinDLL(" in source and source.count("WinDLL(") == 1  # user32 is only reached through _user32()


def test_every_libxtst_function_called_has_a_declared_signature():
    called = set(re.findall(r"xtst\.(X\w+)\(", FOCUS_SOURCE))
    assert called == {"XTestQueryExtension", "XTestFakeKeyEvent"} <= set(focus_x11.XTST_SIGNATURES)
    xtst = focus_x11.load_xtst()
    assert xtst is not None, "libXtst is missing (scripts/setup installs libxtst6)"
    for name, (restype, argtypes) in focus_x11.XTST_SIGNATURES.items():
        function = getattr(xtst, name)
        assert function.restype is restype and function.argtypes == argtypes, name


def test_every_user32_function_of_the_way_back_has_a_declared_signature():
    from assist.ui import focus_windows

    source = Path(focus_windows.__file__).read_text(encoding="utf-8")
    called = set(re.findall(r"_user32\.(\w+)\(", source))
    assert called == {"GetForegroundWindow", "SetForegroundWindow", "IsWindow", "SendInput", "GetAsyncKeyState"}
    assert called <= set(focus_windows.SIGNATURES) and source.count("WinDLL(") == 1


def test_sendinput_gets_inputs_of_the_size_windows_expects():
    """INPUT is 40 bytes on 64-bit Windows, 28 on 32-bit: SendInput refuses any other size."""
    from assist.ui.focus_windows import INPUT, KEYEVENTF_KEYUP, VK_CONTROL, VK_V, ctrl_v

    assert ctypes.sizeof(INPUT) == (40 if ctypes.sizeof(ctypes.c_void_p) == 8 else 28)
    typed = [(item.type, item.union.ki.wVk, item.union.ki.dwFlags) for item in ctrl_v()]
    up = KEYEVENTF_KEYUP
    assert typed == [(1, VK_CONTROL, 0), (1, VK_V, 0), (1, VK_V, up), (1, VK_CONTROL, up)]


def test_the_error_handler_goes_in_and_comes_back_as_a_whole_pointer():
    restype, argtypes = SIGNATURES["XSetErrorHandler"]
    assert ctypes.sizeof(restype) == ctypes.sizeof(ctypes.c_void_p) == ctypes.sizeof(argtypes[0])


# -- auto-repeat ----------------------------------------------------------------------------


SPACE, CONTROL = 65, 37


def presses(events: list[tuple[int, int]], keycodes: list[int] | None = None) -> int:
    keys = KeyPresses(SPACE)
    keycodes = keycodes or [SPACE] * len(events)
    return sum(keys.is_new_press(kind, code, time) for (kind, time), code in zip(events, keycodes, strict=True))


def test_a_key_held_down_with_detectable_auto_repeat_is_one_press():
    held = [(_KEY_PRESS, 1000 + 40 * n) for n in range(50)] + [(_KEY_RELEASE, 3100)]
    assert presses(held) == 1


def test_a_key_held_down_with_the_servers_fake_releases_is_one_press():
    held = [(_KEY_PRESS, 1000)]
    for n in range(1, 50):
        held += [(_KEY_RELEASE, 1000 + 40 * n), (_KEY_PRESS, 1000 + 40 * n)]
    assert presses([*held, (_KEY_RELEASE, 3100)]) == 1


def test_releasing_a_modifier_first_while_the_key_repeats_is_no_new_press():
    events = [(_KEY_PRESS, 1000), (_KEY_PRESS, 1660), (_KEY_RELEASE, 1680), (_KEY_PRESS, 1700), (_KEY_RELEASE, 1720)]
    assert presses(events, [SPACE, SPACE, CONTROL, SPACE, SPACE]) == 1


def test_each_real_press_counts():
    taps = [(_KEY_PRESS, 1000), (_KEY_RELEASE, 1080), (_KEY_PRESS, 1300), (_KEY_RELEASE, 1390), (_KEY_PRESS, 1500)]
    assert presses(taps) == 3


def test_a_lost_release_does_not_leave_the_key_dead():
    assert presses([(_KEY_PRESS, 1000), (_KEY_PRESS, 60_000)]) == 2


# -- on a real X server ---------------------------------------------------------------------

HARNESS = """
import sys
from PySide6.QtWidgets import QApplication
from assist.ui import focus_x11, hotkey

seen = hotkey.KeyPresses.is_new_press
def logged(self, kind, keycode, time):
    new = seen(self, kind, keycode, time)
    print("new press" if new else ("repeat" if kind == hotkey._KEY_PRESS else f"event {kind}"), flush=True)
    return new
hotkey.KeyPresses.is_new_press = logged

app = QApplication(["harness"])
key = hotkey.GlobalHotkey()
print("register", key.register("Ctrl+Alt+Space"), flush=True)
key.activated.connect(lambda: print("activated", flush=True))
if sys.argv[1] == "x-error":
    # BadWindow: ungrab a key on a window that does not exist. Xlib calls the error handler that
    # was put back after the grab; a cut pointer there crashes the process.
    key._x11.XUngrabKey(key._display, 65, 0, 1)
    key._x11.XSync(key._display, 0)
    print("survived", flush=True)
    sys.exit(0)
app.exec()  # until the test ends it
"""


def start_harness(display: str, tmp_path: Path, mode: str) -> tuple[subprocess.Popen, Path]:
    env = {**isolated_env(display, tmp_path), "QT_QPA_PLATFORM": "xcb"}
    log = tmp_path / f"{mode}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", HARNESS, mode], env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
    wait_for(lambda: "register" in log.read_text() or process.poll() is not None, 30, "the key grabbed")
    assert "register None" in log.read_text(), log.read_text()
    return process, log


@needs_x11
def test_an_x_error_after_the_key_is_grabbed_does_not_crash(display, tmp_path):
    process, log = start_harness(display, tmp_path, "x-error")
    assert process.wait(timeout=30) == 0, f"exit status {process.returncode}: {log.read_text()}"
    assert "survived" in log.read_text()


@needs_x11
def test_holding_the_global_key_down_toggles_once(display, tmp_path):
    process, log = start_harness(display, tmp_path, "hold")
    env = {"DISPLAY": display, "PATH": isolated_env(display, tmp_path)["PATH"]}
    try:
        subprocess.run(["xdotool", "keydown", "ctrl+alt+space"], env=env, check=True, timeout=10)
        wait_for(lambda: log.read_text().count("repeat") >= 5, 30, "the held key repeating")
        subprocess.run(["xdotool", "keyup", "ctrl+alt+space"], env=env, check=True, timeout=10)
        wait_for(lambda: log.read_text().rstrip().endswith(f"event {_KEY_RELEASE}"), 10, "the release")
        assert log.read_text().count("activated") == 1, log.read_text()
        subprocess.run(["xdotool", "key", "ctrl+alt+space"], env=env, check=True, timeout=10)
        wait_for(lambda: log.read_text().count("activated") == 2, 10, "a second press toggling again")
    finally:
        process.terminate()
        process.wait(timeout=10)
