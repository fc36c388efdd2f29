"""Test configuration: Qt runs headless and never touches the agent's real settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before any QApplication exists: headless Qt, and a private config folder for anything
# that would otherwise reach the user's own settings.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_private_home = tempfile.mkdtemp(prefix="assist-tests-")
for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[variable] = os.path.join(_private_home, variable.lower())

import pytest  # noqa: E402

pytest_plugins = [
    "tests.ui_fixtures",  # the window fixtures, kept apart from the Qt-free ones
    "tests.x11",  # the X server of the end-to-end tests
    "tests.book_server",  # a phrasebook URL on localhost
    "tests.ci_no_skips",  # under CI a skip is a failure
    "tests.packaged",  # the PyInstaller folder, built once
    "tests.search_fixtures",  # the built-in book's search
]

from assist.core.loader import load_phrasebook  # noqa: E402
from assist.core.model import Phrasebook  # noqa: E402


@pytest.fixture(scope="session")
def default_book() -> Phrasebook:
    return load_phrasebook()


@pytest.fixture
def write_book(tmp_path: Path):
    """Write a phrasebook text to a file and return its path."""

    def write(text: str, name: str = "book.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
