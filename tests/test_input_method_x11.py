"""Issue 11, defect 14: a command's key while an input method is composing commits the composition,
then runs the command; Enter stays with the input method. The same under IBus and fcitx5.

With a real input method on Xvfb: IBus with its pinyin engine (ibus-libpinyin), or fcitx5 with its
pinyin through its IBus frontend, each on a D-Bus session bus of the test's own (their settings under
the test's XDG_CONFIG_HOME), the sidebar in its own process with QT_IM_MODULE=ibus, keys typed by
xdotool. `qing` typed in a field composes: libpinyin shows 清 there, fcitx5 the pinyin.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from assist.ui.settings import Settings
from tests.ui_fixtures import press as press_in_window
from tests.x11 import MISSING, clipboard, isolated_env, press, running_sidebar, wait_for

LIBPINYIN = Path("/usr/libexec/ibus-engine-libpinyin")
FCITX5_PINYIN = Path("/usr/share/fcitx5/inputmethod/pinyin.conf")
IBUS_MISSING = [tool for tool in ("dbus-daemon", "ibus-daemon", "ibus") if not shutil.which(tool)]
IBUS_MISSING += [] if LIBPINYIN.exists() else ["ibus-libpinyin"]
FCITX5_MISSING = [] if shutil.which("fcitx5") else ["fcitx5"]
FCITX5_MISSING += [] if FCITX5_PINYIN.exists() else ["fcitx5-chinese-addons"]
pytestmark = pytest.mark.skipif(
    bool(MISSING or IBUS_MISSING or FCITX5_MISSING) and not os.environ.get("CI"),
    reason="needs Xvfb, xdotool, xclip, IBus with ibus-libpinyin, fcitx5 with fcitx5-chinese-addons (scripts/setup)",
)
PROFILE = (
    "[profile]\ndismissed=true\n[profile-values]\norganisation=某市政务服务中心\ndepartment=办公室\nagent_number=1024\n"
)
State = dict[str, object]


@dataclass
class InputMethod:
    name: str
    env: dict[str, str]
    shows: str  # what it shows in the field for `qing`: libpinyin the characters, fcitx5 the pinyin

    def switch_on(self) -> None:
        """Its pinyin engine on for the focused field (fcitx5 has it on by default: its config)."""
        if self.name == "ibus":
            subprocess.run(["ibus", "engine", "libpinyin"], env=self.env, capture_output=True, timeout=30)


@contextlib.contextmanager
def session_bus(env: dict[str, str]) -> Iterator[dict[str, str]]:
    bus = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    address, bus_pid = bus.stdout.split()
    try:
        yield {**env, "DBUS_SESSION_BUS_ADDRESS": address, "QT_IM_MODULE": "ibus"}
    finally:
        os.kill(int(bus_pid), signal.SIGTERM)


@contextlib.contextmanager
def ibus(env: dict[str, str]) -> Iterator[InputMethod]:
    subprocess.run(["ibus-daemon", "--daemonize", "--replace", "--xim"], env=env, check=True, timeout=30)
    method = InputMethod("ibus", env, "清")
    try:

        def pinyin_engine_on() -> bool:  # the daemon takes a moment to answer
            method.switch_on()
            engine = subprocess.run(["ibus", "engine"], env=env, capture_output=True, text=True, timeout=30)
            return engine.stdout.strip() == "libpinyin"

        wait_for(pinyin_engine_on, 60, "IBus running with the libpinyin engine")
        yield method
    finally:
        subprocess.run(["ibus", "exit"], env=env, capture_output=True, timeout=30)


FCITX5_PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""


@contextlib.contextmanager
def fcitx5(env: dict[str, str], tmp_path: Path) -> Iterator[InputMethod]:
    """fcitx5 with pinyin, on for every field; Qt reaches it through its IBus frontend."""
    config = tmp_path / "config" / "fcitx5"
    config.mkdir(parents=True, exist_ok=True)
    (config / "profile").write_text(FCITX5_PROFILE, encoding="utf-8")
    (config / "config").write_text("[Behavior]\nActiveByDefault=True\nShareInputState=All\n", encoding="utf-8")
    log = (tmp_path / "fcitx5.log").open("w")
    daemon = subprocess.Popen(
        ["fcitx5", "--disable=classicui,kimpanel,notificationitem,cloudpinyin"], env=env, stdout=log, stderr=log
    )
    try:
        bus_files = tmp_path / "config" / "ibus" / "bus"
        wait_for(
            lambda: bus_files.is_dir() and any(bus_files.iterdir()) and daemon.poll() is None,
            60,
            "fcitx5's IBus frontend listening",
        )
        yield InputMethod("fcitx5", env, "qing")
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        log.close()


@pytest.fixture(params=["ibus", "fcitx5"])
def input_method(request, display, tmp_path) -> Iterator[InputMethod]:
    """IBus with libpinyin, or fcitx5 with pinyin, on `display` with a session bus of its own."""
    missing = IBUS_MISSING if request.param == "ibus" else FCITX5_MISSING
    if missing:
        pytest.fail(f"CI must run the input method tests, but these are missing: {', '.join(missing)}")
    with session_bus(isolated_env(display, tmp_path)) as env:
        started = ibus(env) if request.param == "ibus" else fcitx5(env, tmp_path)
        with started as method:
            yield method


class Sidebar:
    """The sidebar (tests/watched_sidebar.py) on an input method: keys in, what it shows out."""

    def __init__(self, method: InputMethod, env: dict[str, str], log: Path) -> None:
        self.method, self.env, self.log = method, env, log

    def states(self) -> list[State]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line.removeprefix("STATE ")) for line in lines if line.startswith("STATE ")]

    def now(self) -> State:
        return self.states()[-1]

    def wait(self, condition: Callable[[State], object], what: str) -> State:
        wait_for(lambda: self.states() and condition(self.now()), 20, f"{what}; last states: {self.states()[-3:]}")
        return self.now()

    def keys(self, keys: str) -> None:
        press(self.env, keys)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "60", text], env=self.env, check=True, timeout=10)

    def compose_qing(self) -> str:
        """Type `qing` with the input method: it composes (the field shows 清 or qing, not yet typed)."""
        field = "draft" if self.now()["draft_shown"] else "search"
        before = self.now()[field]

        def composing() -> bool:
            # Qt reaches the input method a moment after the window is shown, and its input context is
            # told of the focus at the next focus change: until then, move the cursor away and back.
            if self.now()[field] != before:
                self.keys("BackSpace")
            if field == "search":
                self.method.switch_on()
                self.keys("Tab ctrl+f")
            self.type("q")
            return any(state["preedit"] for state in self.states()[-3:]) or self.wait_briefly()

        wait_for(composing, 30, f"the input method composing in the {field}; last states: {self.states()[-3:]}")
        self.type("ing")
        shows = self.method.shows
        state = self.wait(lambda state: state["preedit"] == shows, f"{shows} composing")
        assert state[field] == before, state
        return str(state["preedit"])

    def wait_briefly(self) -> bool:
        try:
            wait_for(lambda: self.now()["preedit"], 2, "q composing")
        except pytest.fail.Exception:
            return False
        return True


@pytest.fixture
def sidebar(input_method, tmp_path) -> Iterator[Sidebar]:
    settings = tmp_path / "config" / "Assist" / "assist.ini"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(PROFILE, encoding="utf-8")
    log = tmp_path / "sidebar.log"
    with running_sidebar([sys.executable, "-m", "tests.watched_sidebar"], input_method.env, log) as env:
        subprocess.run(["xclip", "-selection", "clipboard", "-i", "/dev/null"], env=env, timeout=10, check=True)
        running = Sidebar(input_method, env, log)
        running.keys("ctrl+f")  # the cursor in the search box
        running.wait(lambda state: state["shown"] and state["pinyin_ready"], "the sidebar shown, its search ready")
        yield running


def test_ctrl_2_while_composing_keeps_the_text_and_copies_that_searchs_hit_2(
    sidebar, open_window, default_book, tmp_path, qtbot
):
    composed = sidebar.compose_qing()
    sidebar.keys("ctrl+2")
    wait_for(lambda: clipboard(sidebar.env), 20, "a phrase copied by Ctrl+2")
    sidebar.wait(lambda state: state["search"] == composed and not state["preedit"], f"{composed} in the search")
    # The same search typed without an input method, in a window of this process: its hit 2.
    (tmp_path / "here.ini").write_text(PROFILE, encoding="utf-8")
    window = open_window(default_book, Settings.at(tmp_path / "here.ini"))
    window.search_service.start()
    qtbot.waitUntil(lambda: window.search_service.has_pinyin, timeout=30_000)
    press_in_window(qtbot, window, "Ctrl+F")
    window.search_box.setText(composed)
    qtbot.waitUntil(lambda: window.navigator.phrase_card(2) is not None)
    press_in_window(qtbot, window, "Ctrl+2")
    assert clipboard(sidebar.env) == QGuiApplication.clipboard().text()


def test_ctrl_d_while_composing_keeps_the_search_and_opens_the_draft_where_ctrl_return_keeps_it_too(sidebar):
    composed = sidebar.compose_qing()
    sidebar.keys("ctrl+d")
    state = sidebar.wait(lambda state: state["draft_shown"], "the draft opened by Ctrl+D")
    assert state["search"] == composed
    composed = sidebar.compose_qing()  # now in the draft
    sidebar.keys("ctrl+Return")  # copy the draft
    wait_for(lambda: clipboard(sidebar.env) == composed, 20, f"the draft {composed!r} copied")
    sidebar.wait(lambda state: state["draft"] == composed, f"{composed} in the draft")


def test_f10_while_composing_keeps_the_text_and_opens_the_menu(sidebar):
    composed = sidebar.compose_qing()
    sidebar.keys("F10")
    state = sidebar.wait(lambda state: state["menu_shown"], "the menu opened by F10")
    assert state["search"] == composed


def test_alt_5_while_composing_opens_the_situation(sidebar):
    sidebar.compose_qing()
    sidebar.keys("alt+5 ctrl+1")
    wait_for(lambda: clipboard(sidebar.env) == "请稍等，我帮您查一下。", 20, "phrase 1 of situation 5 copied")


def test_enter_while_composing_stays_with_the_input_method_and_copies_nothing(sidebar):
    sidebar.compose_qing()
    sidebar.keys("Return")  # both type the pinyin as it is
    state = sidebar.wait(lambda state: not state["preedit"] and state["search"], "the composition ended by Enter")
    assert state["search"] == "qing"
    assert clipboard(sidebar.env) == ""  # a copy is made in the same key press, before the state above


def test_the_global_key_while_composing_keeps_the_text(sidebar):
    composed = sidebar.compose_qing()
    sidebar.keys("ctrl+alt+space")  # the sidebar is in front: the global key puts it away
    state = sidebar.wait(lambda state: not state["shown"], "the sidebar put away")
    assert state["search"] == composed
