"""Issue 12's directory defects on a real X server: `python -m assist`, keys by xdotool, clipboard by xclip.

The picker finds `gjj` by pinyin, which the sidebar reads in the background after it starts; a pick
typed before that finds nothing, so each pick is tried again until the phrase it fills is copied.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest

from tests.helpers import zh
from tests.x11 import clipboard, isolated_env, needs_x11, press, running_sidebar

pytestmark = needs_x11

PROFILE = (
    "[profile]\ndismissed=true\n[profile-values]\norganisation=某市政务服务中心\ndepartment=办公室\nagent_number=1024\n"
)
HOUSING = zh("请致电住房公积金管理中心电话:0871-61234503转8003查询即可")
IMMIGRATION = zh("请致电出入境管理局电话:0871-61234511查询即可")


@pytest.fixture
def sidebar(display, tmp_path) -> Iterator[dict[str, str]]:
    settings = tmp_path / "config" / "Assist" / "assist.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text(PROFILE, encoding="utf-8")
    with running_sidebar(
        [sys.executable, "-m", "assist"], isolated_env(display, tmp_path), tmp_path / "assist.log"
    ) as env:
        yield env


def holds(condition: Callable[[], bool], seconds: float) -> bool:
    """Whether `condition` comes true within `seconds` (polled: the sidebar is another process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def pick_and_copy(env: dict[str, str], query: str, expected_end: str, tries: int = 20) -> str:
    """Ctrl+K, Ctrl+A, type `query`, Enter, Ctrl+1, until the copied phrase ends with `expected_end`."""
    for _ in range(tries):
        press(env, "ctrl+k ctrl+a")
        subprocess.run(["xdotool", "type", "--delay", "40", query], env=env, check=True, timeout=10)
        press(env, "Return ctrl+1")
        if holds(lambda: clipboard(env).endswith(expected_end), 2):
            return clipboard(env)
        press(env, "Escape")  # nothing was picked yet: a form asks for the department; put it away
    pytest.fail(f"{query!r} never filled the phrase; the clipboard holds {clipboard(env)!r}")


def test_the_second_pick_reaches_the_caller_without_the_first_ones_extension(sidebar):
    press(sidebar, "ctrl+n")
    assert pick_and_copy(sidebar, "gjj", HOUSING).endswith(HOUSING)
    copied = pick_and_copy(sidebar, "huzhao", IMMIGRATION, tries=1)
    assert copied.endswith(IMMIGRATION) and "8003" not in copied


def test_a_department_without_extension_is_referred_in_one_copy(sidebar):
    press(sidebar, "ctrl+n")
    copied = pick_and_copy(sidebar, "huzhao", IMMIGRATION)
    assert copied == zh(
        "对不起,刚才给您转接的同事可能没能充分理解您的意思,我这里是办公室,您咨询的问题,"
        "请致电出入境管理局电话:0871-61234511查询即可"
    )
