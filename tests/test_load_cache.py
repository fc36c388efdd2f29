"""The load cache: a file read once is not parsed again until its bytes change; broken files are
never cached; a damaged, crafted or stale entry is a miss, read again from the file, never a wrong
book and never an error."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assist.core import builtin, loader
from assist.core.load_cache import cache_folder, checked_book, checked_directory

SMALL_BOOK = """\
name: 小本
placeholders:
  org: {label: 单位, example: 市民服务中心}
situations:
  - id: transfer
    title: 转接
    keywords: [转接]
    phrases:
      - text: 我帮您转接{org}。
        en: Let me transfer you.
        step: answer
      - {text: 请稍等。, hold: start, voice: inquiry}
    forbidden:
      - {text: 等一会, instead: 请稍等。, variants: [等会儿]}
"""


def details(book):
    """Everything a book holds, positions included (which `==` leaves out)."""
    return [
        (situation, [(p.position, p) for p in situation.phrases], [(f.position, f) for f in situation.forbidden])
        for situation in book.situations
    ] + [book.name, book.source, dict(book.placeholders), book.guidance]


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """The files the loader parses from now on: empty when everything came from the cache."""
    parsed: list[Path] = []
    check_file = loader.check_file

    def counting(path):
        parsed.append(Path(path))
        return check_file(path)

    monkeypatch.setattr(loader, "check_file", counting)
    return parsed


def entries() -> list[Path]:
    return [path for path in cache_folder().iterdir() if path.is_file()]


def test_an_unchanged_file_is_not_parsed_again_and_a_changed_one_is(cache_home, parses):
    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    first, _ = checked_book(path)
    again, _ = checked_book(path)
    assert parses == [path] and details(again) == details(first)
    path.write_text(SMALL_BOOK.replace("小本", "大本"), encoding="utf-8")
    assert checked_book(path)[0].name == "大本" and parses == [path, path]


def test_a_same_size_edit_in_the_same_second_is_seen(cache_home):
    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    checked_book(path)
    before = path.stat()
    path.write_text(SMALL_BOOK.replace("我帮您转接", "我帮您转达"), encoding="utf-8")  # as many bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time, to the nanosecond
    assert path.stat().st_size == before.st_size
    book, _ = checked_book(path)
    assert book.situations[0].phrases[0].text == "我帮您转达{org}。"


def test_a_book_that_is_not_usable_is_not_cached(cache_home, parses):
    path = cache_home / "broken.yaml"
    path.write_text("name: [", encoding="utf-8")
    for _ in range(2):
        book, errors = checked_book(path)
        assert book is None and errors
    assert parses == [path, path]
    assert not cache_folder().exists() or not entries()


def test_every_damaged_byte_of_an_entry_gives_the_book_or_a_fresh_read_never_a_wrong_book(cache_home):
    """Each byte of a small book's entry flipped in three ways: the book read back is always the
    file's, whether from the cache or read afresh, and nothing is raised."""
    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    fresh, warnings = checked_book(path)
    [entry] = entries()
    sound = entry.read_bytes()
    wrong = []
    for index in range(len(sound)):
        for flip in (0x01, 0x20, 0x80):
            damaged = bytearray(sound)
            damaged[index] ^= flip
            entry.write_bytes(bytes(damaged))
            try:
                book, problems = checked_book(path)
                if details(book) != details(fresh) or problems != warnings:
                    wrong.append((index, flip, "a different book"))
            except Exception as error:  # every kind is the defect this test finds
                wrong.append((index, flip, repr(error)[:80]))
    assert not wrong, f"{len(wrong)} of {3 * len(sound)} damaged entries: {wrong[:5]}"


def replaced_one_at_a_time(value):
    """Copies of a JSON value with one node replaced by a value of another JSON type (not null)."""
    for replacement in (0, True, 1.5, "x", [], {}, [[]]):
        if type(replacement) is not type(value):
            yield "", replacement
    if isinstance(value, list):
        for index, element in enumerate(value):
            for where, changed in replaced_one_at_a_time(element):
                yield f"[{index}]{where}", [*value[:index], changed, *value[index + 1 :]]
    elif isinstance(value, dict):
        for key, element in value.items():
            for where, changed in replaced_one_at_a_time(element):
                yield f"[{key!r}]{where}", {**value, key: changed}


def test_an_entry_of_the_wrong_shape_is_a_miss_even_with_a_sound_checksum(cache_home, parses):
    """As a crafted entry would be: every node of the book's entry replaced by each value of another
    JSON type, sealed with a checksum that matches, is read again from the file."""
    from assist.core import sealed

    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    fresh, _ = checked_book(path)
    [entry] = entries()
    version, value = sealed.read(entry)
    wrong, tried = [], 0
    for where, crafted in replaced_one_at_a_time(value):
        tried += 1
        sealed.write(entry, [version, crafted])
        del parses[:]
        try:
            book, _ = checked_book(path)
            if parses != [path] or details(book) != details(fresh):
                wrong.append(where)
        except Exception as error:  # every kind is the defect this test finds
            wrong.append(f"{where}: {error!r:.60}")
    assert tried > 300 and not wrong, f"{len(wrong)} of {tried} crafted entries were not a miss: {wrong[:5]}"
    del parses[:]
    assert details(checked_book(path)[0]) == details(fresh) and parses == []  # the last miss wrote it anew


def test_an_entry_nested_too_deep_for_python_is_a_miss(cache_home, parses):
    import hashlib

    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    fresh, _ = checked_book(path)
    payload = b"[" * 200_000 + b"]" * 200_000
    [entry] = entries()
    entry.write_bytes(b'{"sha256":"%s","entry":%s}' % (hashlib.sha256(payload).hexdigest().encode(), payload))
    assert details(checked_book(path)[0]) == details(fresh) and len(parses) == 2


def test_a_crafted_entry_cannot_run_code(cache_home):
    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    fresh, _ = checked_book(path)
    ran = cache_home / "the entry ran code"

    class Crafted:
        def __reduce__(self):
            return os.mkdir, (str(ran),)

    for entry in entries():  # whatever the entry is called, it now holds the crafted pickle
        entry.write_bytes(pickle.dumps(Crafted()))
    book, _ = checked_book(path)
    assert not ran.exists() and details(book) == details(fresh)


def test_the_built_in_book_loads_from_the_cache_without_yaml(tmp_path):
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


def test_a_cached_book_is_the_book_read_from_its_file_positions_included(cache_home, parses):
    fresh = loader.check_file(builtin.default_phrasebook()).book
    checked_book(builtin.default_phrasebook())  # reads the file, fills the cache
    del parses[:]
    from_cache, errors = checked_book(builtin.default_phrasebook())
    assert parses == [] and len(entries()) == 1 and errors == ()  # from the cache: nothing parsed
    assert from_cache == fresh and details(from_cache) == details(fresh)
    assert type(from_cache.situations[0].phrases[0].position).__name__ == "Position"  # not a bare list


def test_a_changed_file_leaves_one_entry_in_the_cache(cache_home):
    path = cache_home / "book.yaml"
    for version in range(4):
        path.write_text(SMALL_BOOK.replace("小本", f"小本{version}"), encoding="utf-8")
        checked_book(path)
    other = cache_home / "other.yaml"
    other.write_text(SMALL_BOOK, encoding="utf-8")
    checked_book(other)
    assert len(entries()) == 2  # the newest of each file


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

    situation = {
        "id": "s",
        "title": "场景",
        "phrases": [{k: v for k, v in p.items() if v is not None} for p in phrases],
    }
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", folder)
        path = Path(folder) / "book.yaml"
        path.write_text(yaml.safe_dump({"name": "n", "situations": [situation]}, allow_unicode=True), encoding="utf-8")
        fresh = loader.check_file(path).book
        assume(fresh is not None)
        checked_book(path)

        def not_again(file):
            raise AssertionError(f"{file} parsed again: the book did not come from the cache")

        patch.setattr(loader, "check_file", not_again)
        cached_book, _ = checked_book(path)
        assert details(cached_book) == details(fresh)


def test_entries_of_an_earlier_assist_are_removed_and_a_directory_reads_back(cache_home, monkeypatch):
    from assist.core import directory_file
    from assist.core.directory import default_directory

    cache_folder().mkdir(parents=True)
    earlier = cache_folder() / "directory-0123456789abcdef0123456789abcdef.pickle"
    earlier.write_bytes(b"an entry in an earlier format")
    fresh = checked_directory(None)
    assert not earlier.exists() and len(entries()) == 1

    def not_again(file):
        raise AssertionError(f"{file} parsed again: the directory did not come from the cache")

    monkeypatch.setattr(directory_file, "check_directory_file", not_again)
    from_cache = checked_directory(None)
    assert from_cache == fresh
    positions = [department.position for department in from_cache.directory.departments]
    assert positions == [department.position for department in fresh.directory.departments]
    assert from_cache.directory.source == str(default_directory())


def test_records_written_by_columns_read_back_only_when_every_column_is_complete():
    from assist.core.json_shapes import shape
    from assist.core.model import Gloss
    from assist.core.sealed import Unreadable

    glosses = shape(tuple[Gloss, ...])
    written = glosses.to_json((Gloss("请稍等", "One moment"), Gloss("您好")))
    assert written == [2, ["请稍等", "您好"], ["One moment", ""]]
    assert glosses.read(written) == (Gloss("请稍等", "One moment"), Gloss("您好"))
    for short in ([2, ["请稍等"], ["One moment", ""]], [3, ["请稍等", "您好"], ["One moment", ""]], [True, [], []]):
        with pytest.raises(Unreadable):
            glosses.read(short)


def test_a_book_read_back_names_its_file_as_it_was_asked_for(cache_home, monkeypatch):
    path = cache_home / "book.yaml"
    path.write_text(SMALL_BOOK, encoding="utf-8")
    assert checked_book(path)[0].source == str(path)
    monkeypatch.chdir(cache_home)
    assert checked_book("book.yaml")[0].source == "book.yaml"  # as a fresh read names it
    assert checked_book(path)[0].source == str(path)
