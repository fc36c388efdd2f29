"""A cache of validated files (phrasebooks, directories), so that a start does not parse YAML again.

Each file has one entry, which starts with the file's version: its path, size and modification
time and the modification times of Assist's core modules. Any change to the file, or a new
Assist, reads it afresh and replaces the entry. Only files without errors are cached.
The cache lives in the agent's own cache folder and is only ever read by them; a damaged entry
is read again from the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import io
import pickle
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assist.core import folders

if TYPE_CHECKING:
    from assist.core.directory import DirectoryResult
    from assist.core.model import Phrasebook
    from assist.core.problems import Problem

CACHE_FORMAT = 3
T = TypeVar("T")
_ENTRY_NAME = re.compile(r"[a-z]+-[0-9a-f]{8}\.pickle")
UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def cache_folder() -> Path:
    return folders.cache_folder() / "loaded"


def cached(path: Path | str, kind: str, load: Callable[[Path], T], usable: Callable[[T], bool]) -> T:
    """`load(path)`, or its result from the cache when the file has not changed since."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return load(path)  # missing or unreadable: the loader says so
    code_time = _code_time()
    name = str(path.resolve())
    version = f"{CACHE_FORMAT}|{kind}|{name}|{stat.st_size}|{stat.st_mtime_ns}|{code_time}"
    # Two files whose names share a checksum share an entry: each then reads afresh, never the other's.
    entry = cache_folder() / f"{kind}-{zlib.crc32(name.encode()):08x}.pickle"
    with contextlib.suppress(*UNREADABLE):
        stored = io.BytesIO(entry.read_bytes())
        if pickle.load(stored) == version:
            return _load_quickly(stored)
    result = load(path)
    if usable(result):
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time next start
            folders.write_bytes_atomically(entry, _dumps(version) + _dumps(result))
            for other in entry.parent.glob(f"{kind}-*.pickle"):
                if not _ENTRY_NAME.fullmatch(other.name):  # left by an earlier Assist, named another way
                    other.unlink(missing_ok=True)
    return result


@functools.cache  # the code does not change while it runs: look once per process, not once per file
def _code_time() -> int:
    """When Assist's core last changed: a new Assist reads every file afresh. In a packaged Assist
    (PyInstaller), whose modules are not files, the program's own time stands for it."""
    source = Path(__file__).resolve().parent
    return max(
        (file.stat().st_mtime_ns for file in source.glob("*.py")), default=Path(sys.executable).stat().st_mtime_ns
    )


def _load_quickly(stored: io.BytesIO) -> object:
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes tens of thousands of objects and no cycles: collecting only costs time
    try:
        return pickle.load(stored)
    finally:
        if collecting:
            gc.enable()


class _ByFields(dict):
    """Pickles frozen, slotted dataclasses as a call with their fields, which unpickles about twice
    as fast as the generic way (a `__setstate__` that sets one field at a time), and named tuples
    (positions) as plain tuples of their class."""

    def __missing__(self, cls: type) -> Callable[[object], tuple]:
        if issubclass(cls, tuple) and hasattr(cls, "_fields"):  # a named tuple: made in C, no __new__ call
            self[cls] = reduce = lambda value: (tuple.__new__, (cls, tuple(value)))
            return reduce
        if (
            not dataclasses.is_dataclass(cls)
            or hasattr(cls, "__post_init__")  # would run again on values it already made
            or not all(field.init for field in dataclasses.fields(cls))
        ):
            raise KeyError(cls)  # pickled the generic way
        names = tuple(field.name for field in dataclasses.fields(cls))
        self[cls] = reduce = lambda value: (cls, tuple(getattr(value, name) for name in names))
        return reduce


def _dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _ByFields()
    pickler.dump(value)
    return buffer.getvalue()


def checked_book(path: Path | str) -> tuple[Phrasebook | None, tuple[Problem, ...]]:
    """A phrasebook file's book (None when it has errors) and its errors; from the cache when the
    file has not changed, and then YAML is not even imported."""

    def load(file: Path) -> tuple[Phrasebook | None, tuple[Problem, ...]]:
        from assist.core.loader import check_file

        result = check_file(file)
        return result.book, result.errors

    return cached(path, "book", load, lambda loaded: loaded[0] is not None)


def checked_directory(path: Path | str | None) -> DirectoryResult:
    """The department directory (the built-in example set when `path` is None), through the cache."""
    from assist.core.directory import default_directory

    def load(file: Path) -> DirectoryResult:
        from assist.core.directory_file import check_directory_file  # reads YAML: only when not cached

        return check_directory_file(file)

    return cached(path or default_directory(), "directory", load, lambda result: result.directory is not None)
