"""Issue 14 end to end: `python -m assist` on a real X server (Xvfb), recorded calls sent over its
command channel with `assist.ui.instance.send` (as `assist feed` does), keys typed by xdotool, the
clipboard read by xclip and the screen's pixels read from the X server."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assist.ui.live_strip import FLAG_STYLE
from tests.helpers import zh
from tests.x11 import clipboard, isolated_env, needs_x11, pixels_of_colour, press, running_sidebar, wait_for

pytestmark = needs_x11

CALLS = Path(__file__).parent / "data" / "live"
PROFILE = (
    "[profile]\ndismissed=true\n[profile-values]\norganisation=某市政务服务中心\ndepartment=办公室\nagent_number=1024\n"
)
FLAG_RED = FLAG_STYLE.split("color:")[1][:7]  # the red of a flagged wording


@pytest.fixture
def sidebar(display, tmp_path, qapp, monkeypatch) -> Iterator[dict[str, str]]:
    """The sidebar on Xvfb; this process's `send` reaches its command channel."""
    settings = tmp_path / "config" / "Assist" / "assist.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text(PROFILE, encoding="utf-8")
    env = isolated_env(display, tmp_path)
    monkeypatch.setenv("XDG_RUNTIME_DIR", env["XDG_RUNTIME_DIR"])
    with running_sidebar([sys.executable, "-m", "assist"], env, tmp_path / "assist.log") as running:
        from assist.ui.instance import send

        wait_for(lambda: send({"command": "ping"}, timeout_ms=1000), 30, "the sidebar's command channel")
        yield running


def feed(name: str, lines: slice = slice(None)) -> None:
    from assist.ui.instance import send

    for line in (CALLS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[lines]:
        reply = send({"command": "utterance", **json.loads(line)})
        assert reply == {"ok": True}, reply
        time.sleep(0.05)


def test_forbidden_wording_is_painted_red_and_enter_copies_what_to_say_instead(sidebar, display):
    feed("forbidden", slice(0, 3))  # up to the partial 你等一会: nothing flagged
    time.sleep(0.5)
    before = pixels_of_colour(display, FLAG_RED)
    feed("forbidden", slice(3, 4))
    wait_for(lambda: pixels_of_colour(display, FLAG_RED) > before + 20, 10, "the flagged wording painted red")
    press(sidebar, "Return")  # the card brought forward is selected
    wait_for(lambda: clipboard(sidebar) == "请稍等，我帮您查一下。", 10, "what to say instead on the clipboard")


def test_a_clean_call_flags_nothing_and_ends(sidebar, display):
    from assist.ui.instance import send

    before = pixels_of_colour(display, FLAG_RED)
    feed("clean")
    time.sleep(0.5)
    assert pixels_of_colour(display, FLAG_RED) == before
    assert send({"command": "call-ended"}) == {"ok": True}
    reply = send({"command": "utterance", "speaker": "caller", "text": "喂", "final": "yes"})
    assert reply is not None and reply["ok"] is False and '"final"' in reply["error"]


def test_a_complaint_is_taken_with_one_key(sidebar):
    feed("complaint", slice(0, 3))
    time.sleep(0.5)
    press(sidebar, "F4 ctrl+2")
    wait_for(lambda: clipboard(sidebar) == "很抱歉…是我们的工作没做到位，给您添麻烦了", 10, "the complaint's phrase 2")


def test_a_wrong_department_is_found_from_the_callers_words(sidebar):
    feed("misrouted")
    time.sleep(0.5)
    press(sidebar, "F4")
    expected = zh("请致电住房公积金管理中心电话:0871-61234503转8003查询即可")
    for _ in range(20):  # the directory's search is ready a moment after the start
        press(sidebar, "Return ctrl+1")
        if clipboard(sidebar).endswith(expected):
            break
        time.sleep(0.5)
    assert clipboard(sidebar).endswith(expected)


def test_a_silent_caller_is_suggested_after_eight_seconds(sidebar):
    feed("silent", slice(0, 1))
    time.sleep(8)  # the sidebar's own clock: 8 s of no caller speech after the greeting

    def accepted() -> bool:  # the offer comes when the sidebar's timer fires, a moment later on a busy machine
        press(sidebar, "F4 ctrl+2")
        return clipboard(sidebar).startswith("对不起，我听不到您的声音")

    wait_for(accepted, 15, "the silent caller's phrase 2 after F4")
