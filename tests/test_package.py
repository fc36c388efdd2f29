"""The package an IT department deploys: the PyInstaller folder runs without Python or this
checkout, and the desktop entry is valid.

The folder is built once per test run with the same spec as scripts/build-package (about half a
minute), into a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT, zh
from tests.packaged import standalone
from tests.x11 import clipboard, isolated_env, needs_x11, press, running_sidebar, wait_for


def test_the_package_checks_searches_and_lints_with_its_own_book(package, tmp_path):
    env = {**standalone(dict(os.environ)), "XDG_CACHE_HOME": str(tmp_path / "cache")}  # pinyin read afresh
    check = subprocess.run([package, "check"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    book_path = Path(check.stdout.split(":")[0])
    assert book_path.is_relative_to(package.parent)  # the book inside the folder, not this checkout's
    assert "10 situations" in check.stdout
    search = subprocess.run([package, "search", "qsd"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert search.returncode == 0 and zh("请稍等,我帮您查一下。") in search.stdout.splitlines()[0]  # pinyin works
    assert "pinyin worker failed" not in search.stderr  # read by the program itself as its pinyin worker
    lint = subprocess.run(
        [package, "lint"], input=zh("喂,查什么?\n"), env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert lint.returncode == 1 and "忌" in lint.stdout


@needs_x11
def test_the_package_opens_the_sidebar_and_copies_a_phrase(package, display, tmp_path):
    env = standalone(isolated_env(display, tmp_path))
    with running_sidebar([str(package)], env, tmp_path / "assist.log") as sidebar:
        press(sidebar, "alt+5 ctrl+1")
        wait_for(lambda: clipboard(sidebar) == zh("请稍等,我帮您查一下。"), 20, "the phrase on the clipboard")
        copied = subprocess.run([package, "copy", "closing", "2"], env=sidebar, capture_output=True, text=True)
        assert copied.returncode == 0, copied.stderr  # the command line reaches the running sidebar
        wait_for(lambda: clipboard(sidebar) == copied.stdout.strip(), 20, "the closing phrase on the clipboard")


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="needs desktop-file-utils (scripts/setup)")
def test_the_desktop_entry_is_valid_and_starts_assist():
    entry = ROOT / "resources" / "assist.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout, result.stdout
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert "Exec=assist" in lines and "Icon=assist" in lines and "Exec=assist toggle" in lines
    assert (ROOT / "resources" / "assist.svg").is_file()
