"""The agent's own folders for Assist (its data, its caches), and how files there are written.

On Linux these follow the XDG base directories ($XDG_DATA_HOME, $XDG_CACHE_HOME); elsewhere, and
where those are not set, the same places under the home folder (~/.local/share, ~/.cache).
"""

from __future__ import annotations

import errno
import getpass
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


def data_folder() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "Assist"


def cache_folder() -> Path:
    """Everything here can be deleted at any time: it is made again when needed."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "Assist"


@dataclass(frozen=True, slots=True)
class RuntimeFolder:
    """Where the sidebar's lock and command socket live, and why, when it is not the usual place."""

    path: Path
    why_not_usual: str = ""


def runtime_folder() -> RuntimeFolder:
    """$XDG_RUNTIME_DIR/assist, else $TMPDIR/assist-$USER, used only when private to this user.

    Whoever can write to the folder can replace the socket (and read every command) or plant a lock
    (and keep the sidebar from starting). A folder that another user made first, a link, or one that
    others may write to is left alone: the private folder under the cache folder is used instead.
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    usual = Path(base) / "assist" if base else Path(tempfile.gettempdir()) / f"assist-{getpass.getuser()}"
    if sys.platform == "win32":
        usual.mkdir(parents=True, exist_ok=True)
        return RuntimeFolder(usual)
    problem = _not_private(usual)
    if not problem:
        return RuntimeFolder(usual)
    private = cache_folder() / "runtime"
    if _not_private(private) and _owned_folder(private):
        private.chmod(0o700)  # ours, in our own cache: only its mode was wrong
    if still := _not_private(private):
        raise PermissionError(f"neither {usual} ({problem}) nor {private} ({still}) is private to you")
    return RuntimeFolder(private, f"{usual} {problem}; using {private} instead")


def _not_private(folder: Path) -> str:
    """Why `folder` (made if missing) is not a folder that only this user can change; "" when it is."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(folder)
    except OSError as error:
        return f"cannot be used ({error.strerror})"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder (a link or a file stands there)"
    if info.st_uid != os.getuid():
        return f"belongs to another user (uid {info.st_uid}), who could read the commands or block the sidebar"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"may be changed by other users (mode {stat.S_IMODE(info.st_mode):o})"
    return ""


def _owned_folder(folder: Path) -> bool:
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


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
