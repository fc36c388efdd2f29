"""Pinyin readings made in a short-lived worker process, so that pypinyin never stays in the sidebar.

pypinyin's dictionaries take some 50 MiB once imported, and Python keeps them for the rest of the
process: made in the sidebar, a first start's pinyin would cost that memory for the whole shift.
The worker is Assist itself started with a hidden command (`WORKER_COMMAND`, answered in
`assist/__main__.py` before anything else is imported), so that it runs alike from a checkout, an
installed package and the PyInstaller folder, whose `sys.executable` is the program itself. Texts
and readings pass through files, not standard streams, which a packaged Windows program may not
have. Should the worker fail, the readings are made in this process and the reason is printed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.core.pinyin_reading import Reading

WORKER_COMMAND = "--assist-pinyin-worker"  # not in `assist --help`: only Assist starts it
WORKER_TIMEOUT_S = 300
EXCHANGE_PREFIX = "pinyin-worker-"


def worker_command() -> list[str]:
    """The command line that starts Assist (before `WORKER_COMMAND` and its files)."""
    if getattr(sys, "frozen", False):  # PyInstaller: the program itself
        return [sys.executable]
    return [sys.executable, "-m", "assist"]


def read_in_worker(texts: list[str], folder: Path) -> dict[str, Reading]:
    """The readings of `texts`, made by a worker process that exits once they are written. Texts
    and readings pass through a folder made in `folder` (the reading cache's, the agent's own)."""
    import subprocess

    from assist.core.pinyin_reading import from_json, read

    try:
        _remove_abandoned(folder)
        with tempfile.TemporaryDirectory(prefix=EXCHANGE_PREFIX, dir=folder) as exchange:
            asked, answered = Path(exchange, "texts.json"), Path(exchange, "readings.json")
            asked.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
            subprocess.run(
                [*worker_command(), WORKER_COMMAND, str(asked), str(answered)],
                env=_worker_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=WORKER_TIMEOUT_S,
                check=True,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console flashing up on Windows
            )
            return from_json(json.loads(answered.read_text(encoding="utf-8")))
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        detail = getattr(error, "stderr", None) or b""
        last = detail.decode(errors="replace").strip().splitlines()[-1:] or [str(error)]
        print(f"assist: the pinyin worker failed ({last[0]}); reading pinyin here instead", file=sys.stderr)
        return read(texts)


def _remove_abandoned(folder: Path) -> None:
    """Exchange folders left by an Assist that quit while its worker ran (older than any worker)."""
    folder.mkdir(parents=True, exist_ok=True)
    for exchange in folder.glob(f"{EXCHANGE_PREFIX}*"):
        with contextlib.suppress(OSError):
            if time.time() - exchange.stat().st_mtime > WORKER_TIMEOUT_S:
                shutil.rmtree(exchange, ignore_errors=True)


def _worker_environment() -> dict[str, str]:
    """This environment, with this Assist first on Python's path (for `python -m assist`)."""
    environment = dict(os.environ)
    if not getattr(sys, "frozen", False):
        package_parent = str(Path(__file__).resolve().parents[2])
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, environment.get("PYTHONPATH")]))
    return environment


def serve(arguments: list[str]) -> int:
    """The worker: the readings of the texts in file `arguments[0]`, written to file `arguments[1]`."""
    from assist.core.pinyin_reading import read, to_json

    if len(arguments) != 2:
        print(f"usage: assist {WORKER_COMMAND} TEXTS.json READINGS.json", file=sys.stderr)
        return 2
    texts = json.loads(Path(arguments[0]).read_text(encoding="utf-8"))
    if type(texts) is not list or not all(type(text) is str for text in texts):
        print(f"assist {WORKER_COMMAND}: {arguments[0]} is not a JSON array of texts", file=sys.stderr)
        return 2
    readings = json.dumps(to_json(read(texts)), ensure_ascii=False)
    Path(arguments[1]).write_text(readings, encoding="utf-8")
    return 0
