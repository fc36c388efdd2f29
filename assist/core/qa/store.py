"""Results of `assist qa --db` in SQLite, so trends over weeks need no transcript read again.

Schema (user_version 1):
  runs(id, started, finished, book, book_version, pass_score)   one row per `assist qa --db` run
  calls(call PRIMARY KEY, run, checked, agent, source, score, passed, duration, failed_rules)
  findings(call, rule, line, time, text, message, suggestion)
`started`, `finished` and `checked` (the run's start) are UTC, ISO 8601; `failed_rules` holds the
failed rule ids, space-separated.
Checking a call again replaces its row and its findings.
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3
from pathlib import Path

from assist.core.model import Phrasebook
from assist.core.qa.results import CallResult

SCHEMA_VERSION = 1
COMMIT_EVERY = 2000  # calls
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  book TEXT NOT NULL,
  book_version TEXT NOT NULL,
  pass_score INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS calls (
  call TEXT PRIMARY KEY,
  run INTEGER NOT NULL REFERENCES runs(id),
  checked TEXT NOT NULL,
  agent TEXT NOT NULL,
  source TEXT NOT NULL,
  score INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  duration REAL,
  failed_rules TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_checked ON calls(checked);
CREATE TABLE IF NOT EXISTS findings (
  call TEXT NOT NULL REFERENCES calls(call) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  line INTEGER NOT NULL,
  time REAL,
  text TEXT NOT NULL,
  message TEXT NOT NULL,
  suggestion TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_call ON findings(call);
"""


class StoreError(Exception):
    """The database cannot be opened or is not one of Assist's; the message says which and why."""


def connect(path: Path, create: bool) -> sqlite3.Connection:
    if not create and not path.is_file():
        raise StoreError(f"{path}: no such database; 'assist qa --db {path} …' creates it")
    if create and not path.parent.is_dir():
        raise StoreError(f"{path}: cannot create the database: no folder {path.parent}")
    try:
        connection = sqlite3.connect(path)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as error:
        raise StoreError(f"{path}: not an SQLite database ({error})") from None
    if tables and (version != SCHEMA_VERSION or "calls" not in tables):
        connection.close()
        raise StoreError(f"{path}: not a database of assist qa results (schema version {version})")
    if create and not tables:
        connection.executescript(_SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


class Store:
    """Appends one run's results; `close` commits them."""

    def __init__(self, path: Path, book: Phrasebook, now: float) -> None:
        self.connection = connect(path, create=True)
        self.checked = datetime.datetime.fromtimestamp(now, datetime.UTC).isoformat(timespec="seconds")
        cursor = self.connection.execute(
            "INSERT INTO runs (started, book, book_version, pass_score) VALUES (?, ?, ?, ?)",
            (self.checked, book.name, book_version(book), book.qa.pass_score),
        )
        self.run = cursor.lastrowid
        self.pending = 0

    def add(self, result: CallResult) -> None:
        failed = " ".join(rule for rule, state in result.states.items() if state == "fail")
        self.connection.execute("DELETE FROM findings WHERE call = ?", (result.call,))
        self.connection.execute(
            "INSERT OR REPLACE INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.call,
                self.run,
                self.checked,
                result.agent,
                result.source,
                result.score,
                int(result.passed),
                result.duration,
                failed,
            ),
        )
        self.connection.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(result.call, f.rule, f.line, f.time, f.text, f.message, f.suggestion) for f in result.findings],
        )
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.connection.commit()
            self.pending = 0

    def close(self) -> None:
        finished = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        self.connection.execute("UPDATE runs SET finished = ? WHERE id = ?", (finished, self.run))
        self.connection.commit()
        self.connection.close()


def book_version(book: Phrasebook) -> str:
    """The first 12 hex digits of the book file's SHA-256: which wording the calls were checked against."""
    try:
        return hashlib.sha256(Path(book.source).read_bytes()).hexdigest()[:12]
    except OSError:
        return ""
