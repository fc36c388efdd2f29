"""Cache files as plain JSON sealed with a checksum: damage reads as a miss, never as other data.

A sealed file is one JSON object, `{"sha256":"<64 hex digits>","entry":<the entry>}`, laid out
byte for byte so that the checksum is checked over the entry's own bytes before they are parsed.
Only JSON is parsed (never pickle or marshal), so a crafted file can at worst hold wrong values,
which each reader checks. Caches are written without fsync: a write cut short by a crash fails
the checksum and is read again from its source.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

_HEAD, _MIDDLE, _TAIL = b'{"sha256":"', b'","entry":', b"}"
_DIGITS = 64
_ENTRY_START = len(_HEAD) + _DIGITS + len(_MIDDLE)


class Unreadable(ValueError):
    """A cache file that is missing, damaged, stale or not in the shape its reader expects."""


def seal(entry: object) -> bytes:
    payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), check_circular=False).encode("utf-8")
    return _HEAD + hashlib.sha256(payload).hexdigest().encode("ascii") + _MIDDLE + payload + _TAIL


def unseal(data: bytes) -> object:
    """The entry sealed in `data`; Unreadable unless its checksum matches and it is JSON."""
    checksum, payload = data[len(_HEAD) : len(_HEAD) + _DIGITS], data[_ENTRY_START:-1]
    if (
        not data.startswith(_HEAD)
        or data[len(_HEAD) + _DIGITS : _ENTRY_START] != _MIDDLE
        or not data.endswith(_TAIL)
        or hashlib.sha256(payload).hexdigest().encode("ascii") != checksum
    ):
        raise Unreadable("the checksum does not match: the file is damaged")
    try:
        return json.loads(payload)
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than Python allows
        raise Unreadable(f"not JSON: {error}") from None


def read(path: Path) -> object:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Unreadable(str(error)) from None
    return unseal(data)


def write(path: Path, entry: object) -> None:
    """Seal `entry` into `path`, replacing it at once (a reader sees the old file or the new)."""
    data = seal(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
