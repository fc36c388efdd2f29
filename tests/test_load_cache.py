"""The load cache: a file read once is not parsed again until it changes; broken files are never cached."""

from __future__ import annotations

import os

from assist.core.load_cache import cache_folder, cached


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_text("one", encoding="utf-8")
    reads = []

    def load(file):
        reads.append(file.read_text(encoding="utf-8"))
        return reads[-1]

    assert cached(path, "test", load, bool) == "one"
    assert cached(path, "test", load, bool) == "one" and reads == ["one"]
    path.write_text("two!", encoding="utf-8")
    assert cached(path, "test", load, bool) == "two!" and reads == ["one", "two!"]


def test_a_result_that_is_not_usable_is_not_cached(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("broken", encoding="utf-8")
    calls = []
    for _ in range(2):
        cached(path, "test", lambda file: calls.append(file) or None, lambda result: result is not None)
    assert len(calls) == 2


def test_a_damaged_entry_is_read_again_from_the_file(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_text("three", encoding="utf-8")
    cached(path, "test", lambda file: file.read_text(encoding="utf-8"), bool)
    for entry in cache_folder().glob("test-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cached(path, "test", lambda file: file.read_text(encoding="utf-8"), bool) == "three"


def test_the_built_in_book_loads_from_the_cache_without_yaml(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from assist.ui.book_source import check_book\n"
        "from assist.core import builtin\n"
        "book, errors = check_book(builtin.default_phrasebook())\n"
        "print(len(book.situations), 'yaml' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert first.stdout.split() == ["10", "True"]  # cold: parsed
    assert second.stdout.split() == ["10", "False"]  # warm: from the cache, YAML never imported
