"""`assist qa --html`: a self-contained report, looked at in a real headless browser (Debian's chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from assist.cli import main
from tests.helpers import ROOT

DATA = ROOT / "tests/data/qa"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def batch_with_agents(folder: Path) -> Path:
    """The labelled set as JSON Lines, each call given one of three agents."""
    from assist.core.qa.transcript import Transcript, read_calls

    lines = []
    for number, call in enumerate(item for item in read_calls([str(DATA)]) if isinstance(item, Transcript)):
        for utterance in call.utterances:
            record = {"call": call.call, "agent": str(1001 + number % 3), "speaker": utterance.speaker}
            record |= {"text": utterance.text, "start": utterance.start}
            lines.append(json.dumps(record, ensure_ascii=False))
    path = folder / "calls.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    assert main(["qa", "--format", "jsonl", "--html", str(out), str(batch_with_agents(folder))]) == 1
    return out


def test_the_report_is_one_self_contained_file(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "nothing may be fetched from a network"
    assert "<script" not in html and "<link" not in html
    assert html.count("<svg") == 3  # scores, failures per rule, pass rate per agent
    bins = [f"{low}–{low + 9}" for low in range(0, 100, 10)] + ["100"]
    assert all(f">{label}</text>" in html for label in bins)  # every bar of the distribution is labelled
    assert "各坐席合格率 Pass rate per agent" in html and "工号 1001" in html
    assert "<mark>喂，查什么</mark>" in html  # the forbidden wording marked in place
    assert html.count("<section class=call>") == 5  # the failed calls of the labelled set


def test_the_report_renders_in_chromium(report, tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: scripts/setup installs it")
        pytest.skip("needs chromium (scripts/setup)")
    shot = tmp_path / "report.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--window-size=1280,1400",
                f"--screenshot={shot}",
                report.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert shot.is_file(), "chromium wrote no screenshot"
    shutil.copy(shot, Path(tempfile.gettempdir()) / "assist-qa-report.png")  # to look at
    colours = colour_counts(shot)
    red_bars = colours.get((0xC0, 0x39, 0x2B), 0)
    blue_bars = colours.get((0x3B, 0x6E, 0xA8), 0)
    assert red_bars > 2000 and blue_bars > 2000, "the charts' bars are drawn"
    text = sum(count for (r, g, b), count in colours.items() if r + g + b < 200)
    assert text > 1500, "the text is drawn"  # sampled: every other row and column


def colour_counts(png: Path) -> dict[tuple[int, int, int], int]:
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull() and image.width() == 1280
    data = bytes(image.constBits())[: image.sizeInBytes()]
    counts: dict[tuple[int, int, int], int] = {}
    stride = image.bytesPerLine()
    for row in range(0, image.height(), 2):
        line = data[row * stride : row * stride + image.width() * 3]
        for column in range(0, len(line), 6):
            key = (line[column], line[column + 1], line[column + 2])
            counts[key] = counts.get(key, 0) + 1
    return counts
