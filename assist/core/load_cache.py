"""A cache of validated files (phrasebooks, directories), so that a start does not parse YAML again.

A file's entry is keyed by its path, size and modification time and by the modification times
of Assist's core modules: any change to the file, or a new Assist, reads it afresh. Only files
without errors are cached.
The cache lives in the agent's own cache folder and is only ever read by them; a damaged entry
is read again from the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import io
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assist.core.personal import write_bytes_atomically

if TYPE_CHECKING:
    from assist.core.directory import DirectoryResult
    from assist.core.model import Phrasebook
    from assist.core.problems import Problem

CACHE_FORMAT = 2
T = TypeVar("T")


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "Assist" / "loaded"


def cached(path: Path | str, kind: str, load: Callable[[Path], T], usable: Callable[[T], bool]) -> T:
    """`load(path)`, or its result from the cache when the file has not changed since."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return load(path)  # missing or unreadable: the loader says so
    source = Path(__file__).resolve().parent
    code_time = max(file.stat().st_mtime_ns for file in source.glob("*.py"))  # a changed Assist reads afresh
    file_key = f"{CACHE_FORMAT}|{kind}|{path.resolve()}"
    version_key = f"{file_key}|{stat.st_size}|{stat.st_mtime_ns}|{code_time}"
    prefix = f"{kind}-{_digest(file_key)}-"
    entry = cache_folder() / f"{prefix}{_digest(version_key)}.pickle"
    try:
        return _read(entry)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    result = load(path)
    if usable(result):
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time next start
            write_bytes_atomically(entry, _dumps(result))
            for older in entry.parent.glob(f"{prefix}*.pickle"):  # the file's earlier versions
                if older != entry:
                    older.unlink(missing_ok=True)
    return result


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def _read(entry: Path) -> object:
    data = entry.read_bytes()
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes tens of thousands of objects and no cycles: collecting only costs time
    try:
        return pickle.loads(data)
    finally:
        if collecting:
            gc.enable()


class _ByFields(dict):
    """Pickles frozen, slotted dataclasses as a call with their fields, which unpickles about twice
    as fast as the generic way (a `__setstate__` that sets one field at a time)."""

    def __missing__(self, cls: type) -> Callable[[object], tuple]:
        if not dataclasses.is_dataclass(cls) or not all(field.init for field in dataclasses.fields(cls)):
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
