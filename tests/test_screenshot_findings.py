"""Defects seen in the retaken screenshots (scripts/screenshots --all), each from its steps in the window."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from assist.ui.theme import THEMES
from tests.ui_fixtures import press

PROFILE = {"organisation": "Acme", "department": "Office", "agent_number": "1024"}


@pytest.fixture
def english_window(open_window, default_book, settings):
    """The English interface, the agent's details filled in."""

    def open_(glosses: bool = False):
        settings.set("appearance/language", "en")
        settings.set("appearance/show_glosses", glosses)
        settings.set("profile/dismissed", True)
        settings.set_profile_values(PROFILE)
        return open_window(default_book, settings)

    return open_


def pause_in_typing(panel) -> None:
    """The agent stops typing: the draft's check runs (its timer fired by hand)."""
    assert panel.check_timer.isActive()
    panel.check_timer.timeout.emit()


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "\n", html)


def test_a_left_out_part_is_named_in_the_interface_language(qtbot, english_window):
    """en-*-directory.png: on situation 2, the struck-through optional part read 转〔分机号〕."""
    window = english_window()
    press(qtbot, window, "Alt+2")
    shown = [label.text() for label in window.findChildren(QLabel, "phraseText") if label.isVisibleTo(window)]
    assert any("〔Extension〕" in text for text in shown), shown
    assert not any("分机号" in text for text in shown), shown


def test_the_screenshot_script_retakes_every_png_the_readme_links():
    """scripts/screenshots --list names exactly the screenshots README.md links."""
    root = Path(__file__).resolve().parent.parent
    linked = set(re.findall(r"resources/screenshots/([a-z0-9-]+)\.png", (root / "README.md").read_text()))
    listed = subprocess.run(
        [root / "scripts" / "screenshots", "--list"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(listed) == sorted(linked)


def filled_colours(window) -> list[str]:
    """The colours of the agent's values filled into the phrases shown."""
    labels = [label.text() for label in window.findChildren(QLabel, "phraseText") if label.isVisibleTo(window)]
    return re.findall(r'<span style="color:(#[0-9a-fA-F]{6});">办公室</span>', "".join(labels))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_filled_value_is_readable_in_either_theme(qtbot, open_window, default_book, settings, theme):
    """zh-dark-directory.png: on situation 2, 办公室 was dark blue (#1f5fbf) on the dark card, 2.6:1."""
    settings.set("appearance/theme", theme)
    settings.set("profile/dismissed", True)
    settings.set_profile_values({"department": "办公室"})
    window = open_window(default_book, settings)
    window.appearance.apply()
    press(qtbot, window, "Alt+2")
    colours = filled_colours(window)
    assert colours, "no filled value shown"
    for card in (THEMES[theme]["surface"], THEMES[theme]["accentSoft"]):  # a card, the selected card
        assert all(contrast(QColor(c), QColor(card)) >= 4.5 for c in colours), (colours, card)


def test_a_filled_value_takes_the_new_theme_at_once(qtbot, open_window, default_book, settings):
    settings.set("profile/dismissed", True)
    settings.set_profile_values({"department": "办公室"})
    window = open_window(default_book, settings)
    window.appearance.apply()
    press(qtbot, window, "Alt+2")
    window.appearance.set_theme("dark")
    qtbot.waitUntil(lambda: bool(filled_colours(window)))  # the page drawn again is shown
    assert set(filled_colours(window)) == {THEMES["dark"]["link"]}


def contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_guidance_flow_arrows_are_readable_in_the_dark_theme(qtbot, open_window, default_book, settings):
    """zh-dark-guidance.png: F2, the call flow's arrows were dark blue (#1f5fbf) on the dark box."""
    settings.set("appearance/theme", "dark")
    settings.set("profile/dismissed", True)
    window = open_window(default_book, settings)
    window.appearance.apply()
    press(qtbot, window, "F2")
    labels = [label.text() for label in window.findChildren(QLabel, "guidance") if label.isVisibleTo(window)]
    arrows = re.findall(r"<span style='color:(#[0-9a-fA-F]{6})'>→</span>", "".join(labels))
    assert arrows, labels
    assert all(contrast(QColor(c), QColor(THEMES["dark"]["surface"])) >= 4.5 for c in arrows), arrows
