"""Lines of a feed: read to the end, or followed as another program appends to the file.

Lines are bytes and never longer than MAX_LINE_BYTES + 1: a longer one is cut there (parse_line
then refuses it) and the rest of it skipped, so a writer that never ends its line cannot fill memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from assist.core.feed import MAX_LINE_BYTES

CHUNK_BYTES = 64 * 1024


class _Splitter:
    """Cuts bytes into lines, holding a partial last line until its newline arrives."""

    def __init__(self) -> None:
        self.partial = b""
        self.skipping = False  # inside a line already cut for being too long

    def lines(self, data: bytes) -> Iterator[bytes]:
        self.partial += data
        while True:
            line, newline, rest = self.partial.partition(b"\n")
            if not newline:
                break
            self.partial = rest
            if self.skipping:
                self.skipping = False
            else:
                yield line
        if len(self.partial) > MAX_LINE_BYTES:
            if not self.skipping:
                yield self.partial[: MAX_LINE_BYTES + 1]
            self.partial, self.skipping = b"", True

    def rest(self) -> Iterator[bytes]:
        """The last line when the input ended without a newline."""
        if self.partial and not self.skipping:
            yield self.partial
        self.partial, self.skipping = b"", False


def read_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Every line of a stream until it ends."""
    splitter = _Splitter()
    while chunk := stream.read1(CHUNK_BYTES) if hasattr(stream, "read1") else stream.read(CHUNK_BYTES):
        yield from splitter.lines(chunk)
    yield from splitter.rest()


def follow_lines(path: Path, wait: Callable[[], bool]) -> Iterator[bytes]:
    """The file's lines, then the lines appended to it, as `tail -F` does.

    At the end of what is written, `wait()` is called: it pauses, and returns False to stop. A file
    that does not exist yet is waited for; one truncated or replaced (log rotation) is read again
    from its start. A partial last line is held until its newline is written.
    """
    splitter = _Splitter()
    stream: BinaryIO | None = None
    try:
        while True:
            if stream is None:
                stream = _open_if_there(path)
                splitter = _Splitter()
            chunk = stream.read(CHUNK_BYTES) if stream is not None else b""
            if chunk:
                yield from splitter.lines(chunk)
                continue
            if stream is not None and _replaced_or_truncated(path, stream):
                yield from splitter.rest()
                stream.close()
                stream = None
                continue
            if not wait():
                return
    finally:
        if stream is not None:
            stream.close()


def _open_if_there(path: Path) -> BinaryIO | None:
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None


def _replaced_or_truncated(path: Path, stream: BinaryIO) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False  # removed: keep the open file until a new one appears
    opened = os.fstat(stream.fileno())
    return (now.st_ino, now.st_dev) != (opened.st_ino, opened.st_dev) or now.st_size < stream.tell()
