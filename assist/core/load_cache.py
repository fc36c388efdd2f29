"""A cache of validated files (phrasebooks, directories), so that a start does not parse YAML again.

A file's entry is keyed by its path, size and modification time and by the modification times
of Assist's core modules: any change to the file, or a new Assist, reads it afresh. Only files
without errors are cached.
The cache lives in the agent's own cache folder and is only ever read by them; a damaged entry
is read again from the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assist.core.personal import write_bytes_atomically

CACHE_FORMAT = 1
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
    key = f"{CACHE_FORMAT}|{kind}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{code_time}"
    entry = cache_folder() / f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"
    try:
        with entry.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    result = load(path)
    if usable(result):
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time next start
            write_bytes_atomically(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result
