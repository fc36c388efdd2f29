"""The PyInstaller folder, built once per test run with the same spec as scripts/build-package
(about half a minute), into a temporary folder: the package test and the .deb test use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="session")
def package(tmp_path_factory) -> Path:
    """The built folder's program."""
    pytest.importorskip("PyInstaller", reason="PyInstaller comes with the test extra (scripts/setup)")
    folder = tmp_path_factory.mktemp("package")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(folder / "dist"),
            "--workpath",
            str(folder / "work"),
            str(ROOT / "scripts" / "assist.spec"),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    program = folder / "dist" / "assist" / "assist"
    assert program.is_file() and os.access(program, os.X_OK)
    return program


def standalone(env: dict[str, str]) -> dict[str, str]:
    """`env` without Python's settings: the program must carry everything it uses."""
    kept = {key: value for key, value in env.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**kept, "PATH": "/usr/bin:/bin"}
