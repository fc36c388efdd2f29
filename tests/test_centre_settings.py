"""Centre-wide defaults: a settings file the IT department writes once, under the agent's own; and
settings the centre locks, which neither the settings page, the keys nor `assist settings` change."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assist.ui.settings import LockedSetting, Origin, Settings
from tests.helpers import ROOT, zh
from tests.ui_fixtures import press
from tests.x11 import clipboard, isolated_env, needs_x11, wait_for

CENTRE = """\
[profile-values]
organisation=昆明市政务服务中心

[phrasebook]
source=https://book.example/96128.yaml

[hold]
threshold_seconds=45

[centre]
locked=phrasebook/source, window/always_on_top, profile-values/organisation
"""


@pytest.fixture
def centre_file(tmp_path) -> Path:
    path = tmp_path / "centre" / "Assist" / "assist.ini"
    path.parent.mkdir(parents=True)
    path.write_text(CENTRE, encoding="utf-8")
    return path


@pytest.fixture
def layered(tmp_path, centre_file) -> Settings:
    return Settings.at(tmp_path / "user.ini", centre_file)


def test_the_centre_presets_and_the_agent_overrides(layered):
    assert layered.get("hold/threshold_seconds") == 45
    assert layered.origin("hold/threshold_seconds") is Origin.CENTRE
    layered.set("hold/threshold_seconds", 20)
    assert layered.get("hold/threshold_seconds") == 20
    assert layered.origin("hold/threshold_seconds") is Origin.USER
    layered.reset("hold/threshold_seconds")
    assert layered.get("hold/threshold_seconds") == 45
    assert layered.origin("appearance/theme") is Origin.DEFAULT


def test_a_locked_setting_cannot_be_changed_even_by_editing_the_agents_file(tmp_path, layered, centre_file):
    with pytest.raises(LockedSetting):
        layered.set("phrasebook/source", "/tmp/mine.yaml")
    (tmp_path / "user.ini").write_text("[phrasebook]\nsource=/tmp/mine.yaml\n\n[profile-values]\norganisation=别处\n")
    again = Settings.at(tmp_path / "user.ini", centre_file)
    assert again.get("phrasebook/source") == "https://book.example/96128.yaml"
    assert again.profile()["organisation"] == "昆明市政务服务中心"
    again.set_profile_values({"organisation": "别处", "agent_number": "1024"})
    assert again.profile() == {"organisation": "昆明市政务服务中心", "agent_number": "1024"}


def test_first_start_asks_only_for_what_the_centre_did_not_set(qtbot, open_window, default_book, layered, clipboard):
    window = open_window(default_book, layered)
    assert window.profile_bar.isVisible()
    assert list(window.profile_bar.form.fields) == ["department", "agent_number"]
    press(qtbot, window, "Esc")
    press(qtbot, window, "Alt+1")
    press(qtbot, window, "Ctrl+1")
    qtbot.waitUntil(lambda: clipboard.text() == zh("您好,昆明市政务服务中心,请问有什么可以帮您?"))


def test_the_settings_page_greys_out_what_the_centre_locked(qtbot, open_window, default_book, layered):
    window = open_window(default_book, layered)
    press(qtbot, window, "Esc")
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    qtbot.waitUntil(lambda: page.source_field is not None and page.source_field.isVisible())
    assert not page.source_field.isEnabled() and not page.apply_source.isEnabled()
    assert not page.on_top.isEnabled()
    assert "中心" in page.source_field.toolTip()
    assert not page.form.fields["organisation"].isEnabled()
    assert page.form.fields["agent_number"].isEnabled() and page.threshold.isEnabled()


def test_the_always_on_top_key_refuses_a_locked_setting(qtbot, open_window, default_book, layered):
    window = open_window(default_book, layered)
    press(qtbot, window, "Esc")
    press(qtbot, window, "Ctrl+T")
    assert layered.get("window/always_on_top") is False
    assert "中心" in window.status.toolTip() + window.status.text()


def run_settings(tmp_path: Path, centre_file: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "home"), "XDG_CONFIG_DIRS": str(centre_file.parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "assist", "settings", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_assist_settings_lists_values_and_where_they_come_from(tmp_path, centre_file):
    listed = run_settings(tmp_path, centre_file, "list")
    assert listed.returncode == 0, listed.stderr
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert lines["hold/threshold_seconds"].split()[1:] == ["45", "(centre)"]
    assert lines["phrasebook/source"].endswith("(centre, locked)")
    assert lines["appearance/theme"].split()[1:] == ["system", "(default)"]
    assert "profile-values/agent_number" in lines
    assert run_settings(tmp_path, centre_file, "set", "hold/threshold_seconds", "20").returncode == 0
    assert run_settings(tmp_path, centre_file, "get", "hold/threshold_seconds").stdout == "20\n"
    assert "20  (user)" in run_settings(tmp_path, centre_file, "list").stdout
    assert run_settings(tmp_path, centre_file, "reset", "hold/threshold_seconds").returncode == 0
    assert run_settings(tmp_path, centre_file, "get", "hold/threshold_seconds").stdout == "45\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("set", "phrasebook/source", "/tmp/x.yaml"), "set by your centre"),
        (("set", "profile-values/organisation", "别处"), "set by your centre"),
        (("reset", "window/always_on_top"), "set by your centre"),
        (("set", "hold/threshold_seconds", "soon"), "takes a whole number"),
        (("set", "window/always_on_top", "maybe"), "takes true or false"),
        (("set", "no/such", "1"), "unknown setting"),
        (("get", "no/such"), "unknown setting"),
        (("set", "hold/threshold_seconds", "0"), "takes a number from 5 to 600"),
        (("set", "hold/threshold_seconds", "-5"), "takes a number from 5 to 600"),
        (("set", "appearance/theme", "purple"), "takes one of system, light, dark"),
        (("set", "appearance/reading_size", "huge"), "takes one of compact, normal, large, larger"),
        (("set", "window/dock", "top"), "takes one of right, left"),
        (("set", "appearance/language", "klingon"), "takes one of system, zh, en"),
        (("set", "hotkey/global", "Ctrl+Banana"), "is not a key"),
    ],
)
def test_assist_settings_refuses_with_a_clear_error(tmp_path, centre_file, arguments, message):
    result = run_settings(tmp_path, centre_file, *arguments)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "home" / "Assist" / "assist.ini").exists() or "别处" not in (
        tmp_path / "home" / "Assist" / "assist.ini"
    ).read_text(encoding="utf-8")


@needs_x11
def test_a_centre_organisation_fills_the_greeting_copied_at_a_first_start(display, tmp_path, centre_file):
    """`assist copy greeting 1` with no sidebar and no settings of the agent's own: the greeting
    comes out filled with the centre's organisation, without asking."""
    env = {**isolated_env(display, tmp_path), "XDG_CONFIG_DIRS": str(centre_file.parent.parent)}
    lock = tmp_path / "runtime" / "assist" / "assist.lock"
    expected = zh("您好,昆明市政务服务中心,请问有什么可以帮您?")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "assist", "copy", "greeting", "1"],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == expected
        wait_for(lambda: clipboard(env) == expected, 10, "the filled greeting on the clipboard")
    finally:
        if lock.exists():  # the started sidebar's process id is the lock file's first line
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(lock.read_text().split()[0]), signal.SIGTERM)


def test_a_hand_edited_value_out_of_range_reads_as_the_default(tmp_path):
    (tmp_path / "user.ini").write_text(
        "[hold]\nthreshold_seconds=0\n\n[appearance]\ntheme=purple\n\n[hotkey]\nglobal=Ctrl+Banana\n"
    )
    settings = Settings.at(tmp_path / "user.ini")
    assert settings.get("hold/threshold_seconds") == 30
    assert settings.get("appearance/theme") == "system"
    assert settings.get("hotkey/global") == "Ctrl+Alt+Space"


def test_the_settings_page_says_at_the_top_that_greyed_settings_are_the_centres(
    qtbot, open_window, default_book, layered
):
    window = open_window(default_book, layered)
    press(qtbot, window, "Esc")
    press(qtbot, window, "Ctrl+,")
    page = window.settings_page
    qtbot.waitUntil(lambda: page.lock_note.isVisible())
    assert "中心" in page.lock_note.text()
    assert page.source_field.property("lockedByCentre") is True
