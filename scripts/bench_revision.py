"""Assist's code at another revision (default: main), for benchmarks that measure a change beside
the code it replaces, in the same run."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_of(revision: str, folder: Path) -> str | None:
    """Assist's code, book and resources at `revision`, unpacked into `folder` (a new folder); the
    revision's name with its short hash, or None where git or the revision is missing."""
    try:
        name = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", revision], capture_output=True, text=True, check=True
        ).stdout.strip()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "assist", "phrasebook", "resources"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    folder.mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return f"{revision} ({name})" if name != revision else name
