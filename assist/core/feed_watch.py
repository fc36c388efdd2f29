"""Waiting for a followed file to change: woken by the kernel (inotify on Linux), not by polling.

The folder is watched rather than the file, so that a file created, replaced or renamed into place
wakes the feed too. Where inotify cannot be had (another system, a folder that does not exist, the
user's watch limit reached) the wait is a short sleep instead, and the feed looks again after it.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import sys
import time
from pathlib import Path

# From <sys/inotify.h>
_IN_MODIFY, _IN_CLOSE_WRITE, _IN_MOVED_TO, _IN_CREATE = 0x2, 0x8, 0x80, 0x100
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
FALLBACK_PAUSE_SECONDS = 0.02


class FileWatch:
    """`wait(seconds)`: until the followed file's folder changes or `seconds` pass; True when it changed."""

    def __init__(self, path: Path) -> None:
        self._fd = _inotify_on(path.absolute().parent)

    @property
    def uses_the_kernel(self) -> bool:
        return self._fd is not None

    def wait(self, seconds: float) -> bool:
        if self._fd is None:
            time.sleep(min(seconds, FALLBACK_PAUSE_SECONDS))
            return False
        ready, _, _ = select.select([self._fd], [], [], seconds)
        if not ready:
            return False
        with contextlib.suppress(BlockingIOError):
            while os.read(self._fd, 65536):  # the events themselves are not needed: the feed reads on
                pass
        return True

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _inotify_on(folder: Path) -> int | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.inotify_init1.argtypes, libc.inotify_init1.restype = [ctypes.c_int], ctypes.c_int
        libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        libc.inotify_add_watch.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    fd = libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
    if fd < 0:
        return None
    mask = _IN_MODIFY | _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE
    if libc.inotify_add_watch(fd, os.fsencode(folder), mask) < 0:
        os.close(fd)
        return None
    return fd
