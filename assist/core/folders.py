"""The agent's own folders for Assist (its data, its caches), and how files there are written.

On Linux these follow the XDG base directories ($XDG_DATA_HOME, $XDG_CACHE_HOME); elsewhere, and
where those are not set, the same places under the home folder (~/.local/share, ~/.cache).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def data_folder() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "Assist"


def cache_folder() -> Path:
    """Everything here can be deleted at any time: it is made again when needed."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "Assist"


def write_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, flush it to disk, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
