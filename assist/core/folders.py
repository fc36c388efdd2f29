"""The agent's own folders for Assist (its data, its caches), and how files there are written.

On Linux these follow the XDG base directories ($XDG_DATA_HOME, $XDG_CACHE_HOME); elsewhere, and
where those are not set, the same places under the home folder (~/.local/share, ~/.cache).
"""

from __future__ import annotations

import errno
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
    """Write a temporary file beside `path`, flush it to disk, rename it over `path`, then flush the
    folder too, so that the rename itself survives a power cut. A symbolic link is written through
    (its target replaced), so a file kept elsewhere and linked here stays linked."""
    path = path.resolve()
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
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename, a new file) to disk. Windows has no such call, nor needs it."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):  # a file system that cannot sync folders
            raise
    finally:
        os.close(descriptor)
