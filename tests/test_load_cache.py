"""The load cache: a file read once is not parsed again until it changes; broken files are never cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
        "from assist.core.load_cache import checked_book\n"
        "from assist.core import builtin\n"
        "book, errors = checked_book(builtin.default_phrasebook())\n"
        "print(len(book.situations), 'yaml' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert first.stdout.split() == ["10", "True"]  # cold: parsed
    assert second.stdout.split() == ["10", "False"]  # warm: from the cache, YAML never imported


def test_a_cached_book_is_the_book_read_from_its_file_positions_included(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from assist.core import builtin
    from assist.core.load_cache import checked_book
    from assist.core.loader import check_file

    def details(book):
        return [
            [(p.text, p.position, p.step, p.voice, p.hold) for p in situation.phrases]
            + [(f.text, f.position, f.match) for f in situation.forbidden]
            for situation in book.situations
        ]

    fresh = check_file(builtin.default_phrasebook()).book
    checked_book(builtin.default_phrasebook())  # reads the file, fills the cache
    from_cache, errors = checked_book(builtin.default_phrasebook())
    assert len(list(cache_folder().glob("book-*.pickle"))) == 1 and errors == ()
    assert from_cache == fresh and details(from_cache) == details(fresh)
    assert from_cache.placeholders == fresh.placeholders and from_cache.guidance == fresh.guidance
    assert type(from_cache.situations[0].phrases[0].position).__name__ == "Position"  # not a bare tuple


def test_a_changed_file_leaves_one_entry_in_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "book.yaml"
    for version in range(4):
        path.write_text("x" * (version + 1), encoding="utf-8")
        cached(path, "test", lambda file: file.read_text(encoding="utf-8"), bool)
    other = tmp_path / "other.yaml"
    other.write_text("other", encoding="utf-8")
    cached(other, "test", lambda file: file.read_text(encoding="utf-8"), bool)
    assert len(list(cache_folder().glob("test-*.pickle"))) == 2  # the newest of each file


PHRASE_TEXT = st.text(
    st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="{}"), min_size=1, max_size=30
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"text": PHRASE_TEXT, "en": st.text(max_size=10), "step": st.sampled_from([None, "greet", "end"])}
        ),
        min_size=1,
        max_size=12,
        unique_by=lambda phrase: phrase["text"].strip(),
    )
)
def test_any_book_reads_back_from_the_cache_as_it_was_loaded(phrases):
    import tempfile

    import yaml

    from assist.core.load_cache import checked_book
    from assist.core.loader import check_file

    situation = {
        "id": "s",
        "title": "场景",
        "phrases": [{k: v for k, v in p.items() if v is not None} for p in phrases],
    }
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", folder)
        path = Path(folder) / "book.yaml"
        path.write_text(yaml.safe_dump({"name": "n", "situations": [situation]}, allow_unicode=True), encoding="utf-8")
        fresh = check_file(path).book
        assume(fresh is not None)
        checked_book(path)
        cached_book, _ = checked_book(path)
        assert list(Path(folder, "Assist", "loaded").glob("book-*.pickle"))  # it did come from the cache
        assert cached_book == fresh
        assert [(p.position, p.step, p.en) for p in cached_book.situations[0].phrases] == [
            (p.position, p.step, p.en) for p in fresh.situations[0].phrases
        ]


def test_entries_of_an_earlier_assist_are_removed_and_a_directory_reads_back(tmp_path, monkeypatch):
    from assist.core.directory import default_directory
    from assist.core.directory_file import check_directory_file
    from assist.core.load_cache import checked_directory

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache_folder().mkdir(parents=True)
    earlier = cache_folder() / "directory-0123456789abcdef0123456789abcdef.pickle"
    earlier.write_bytes(b"an entry in an earlier format")
    checked_directory(None)
    assert not earlier.exists() and len(list(cache_folder().glob("directory-*.pickle"))) == 1
    assert checked_directory(None) == check_directory_file(default_directory())
