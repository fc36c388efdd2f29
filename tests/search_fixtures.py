"""The built-in book's search with its pinyin readings, shared by the search tests."""

from __future__ import annotations

import pytest

from assist.core.pinyin import read
from assist.core.search import Search


@pytest.fixture(scope="session")
def readings(default_book) -> dict:
    return read(Search.texts_to_read(default_book))


@pytest.fixture(scope="session")
def search(default_book, readings) -> Search:
    return Search(default_book, readings)


def first(search: Search, query: str) -> str:
    """The text of the first hit, as Enter would copy it."""
    hits = search.query(query, limit=5)
    assert hits, f"nothing found for {query!r}"
    return hits[0].text
