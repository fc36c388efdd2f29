"""A cache of validated files (phrasebooks, directories), so that a start does not parse YAML again.

Each file has one entry: sealed JSON (sealed.py) holding the file's path, a hash of its bytes, the
time Assist's core last changed, and the loaded value written by its type (json_shapes.py). An
edit to the file, whatever its size and time, or a new Assist reads it afresh and replaces the
entry. Only files without errors are cached. An entry that is damaged, crafted or of the wrong
shape is a miss: the file is read again and the entry written anew, without a word to the agent.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from assist.core import folders, sealed
from assist.core.json_shapes import shape

if TYPE_CHECKING:
    from assist.core.directory import DirectoryResult
    from assist.core.model import Phrasebook
    from assist.core.problems import Problem

CACHE_FORMAT = 4  # 4: sealed JSON; 3 and before: pickles, removed when met
T = TypeVar("T")
_ENTRY_NAME = re.compile(r"[a-z]+-[0-9a-f]{8}\.json")


def cache_folder() -> Path:
    return folders.cache_folder() / "loaded"


def cached(path: Path | str, kind: str, load: Callable[[Path], T], usable: Callable[[T], bool], hint: object) -> T:
    """`load(path)`, or its result from the cache when the file's bytes have not changed since.
    `hint` is the result's type (`tuple[Phrasebook | None, tuple[Problem, ...]]`): what is read
    back from the cache must fit it, or the file is read again."""
    path = Path(path)
    try:
        source = hashlib.sha256(path.read_bytes()).hexdigest()  # before `load`: an edit meanwhile is seen
    except OSError:
        return load(path)  # missing or unreadable: the loader says so
    name = str(path.resolve())
    version = [CACHE_FORMAT, kind, str(path), name, source, _code_time()]  # str(path): the book's `source`
    # Two files whose names share a checksum share an entry: each then reads afresh, never the other's.
    entry = cache_folder() / f"{kind}-{zlib.crc32(name.encode()):08x}.json"
    with _without_collecting():  # reading makes many objects and no cycles: collecting only costs time
        try:
            stored = sealed.read(entry)
            if type(stored) is list and len(stored) == 2 and stored[0] == version:
                return shape(hint).read(stored[1])
        except sealed.Unreadable:
            pass
    result = load(path)
    if usable(result):
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time next start
            sealed.write(entry, [version, shape(hint).to_json(result)])
            _remove_others(entry, kind)
    return result


def _remove_others(entry: Path, kind: str) -> None:
    """Entries an earlier Assist left: pickles, and names of another pattern."""
    for other in entry.parent.iterdir():
        if other.suffix == ".pickle" or (other.name.startswith(f"{kind}-") and not _ENTRY_NAME.fullmatch(other.name)):
            other.unlink(missing_ok=True)


@contextlib.contextmanager
def _without_collecting() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@functools.cache  # the code does not change while it runs: look once per process, not once per file
def _code_time() -> int:
    """When Assist's core last changed: a new Assist reads every file afresh. In a packaged Assist
    (PyInstaller), whose modules are not files, the program's own time stands for it."""
    source = Path(__file__).resolve().parent
    return max(
        (file.stat().st_mtime_ns for file in source.glob("*.py")), default=Path(sys.executable).stat().st_mtime_ns
    )


def checked_book(path: Path | str) -> tuple[Phrasebook | None, tuple[Problem, ...]]:
    """A phrasebook file's book (None when it has errors) and its errors; from the cache when the
    file has not changed, and then YAML is not even imported."""
    from assist.core.model import Phrasebook
    from assist.core.problems import Problem

    def load(file: Path) -> tuple[Phrasebook | None, tuple[Problem, ...]]:
        from assist.core import loader

        result = loader.check_file(file)
        return result.book, result.errors

    hint = tuple[Phrasebook | None, tuple[Problem, ...]]
    return cached(path, "book", load, lambda loaded: loaded[0] is not None, hint)


def checked_directory(path: Path | str | None) -> DirectoryResult:
    """The department directory (the built-in example set when `path` is None), through the cache."""
    from assist.core.directory import DirectoryResult, default_directory

    def load(file: Path) -> DirectoryResult:
        from assist.core import directory_file  # reads YAML: only when not cached

        return directory_file.check_directory_file(file)

    return cached(
        path or default_directory(), "directory", load, lambda result: result.directory is not None, DirectoryResult
    )
