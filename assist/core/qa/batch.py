"""Checking a stream of calls on all cores, in order, in bounded memory.

Calls are read in the main process and sent to worker processes in chunks; at most a few chunks
per worker are in flight, so a batch of any size takes the same memory. A small batch (one chunk)
is checked in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from assist.core.model import Phrasebook
from assist.core.qa.json_lines import parse_call
from assist.core.qa.results import CallResult
from assist.core.qa.rules import Inspector
from assist.core.qa.transcript import InputProblem, RawCall, Transcript

CHUNK = 200  # calls sent to a worker at once
IN_FLIGHT_PER_WORKER = 3

Item = Transcript | InputProblem | RawCall
Outcome = CallResult | InputProblem

_inspector: Inspector | None = None
_keep = False


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_calls(
    book: Phrasebook, items: Iterable[Item], jobs: int | None = None, keep_transcripts: bool = False
) -> Iterator[Outcome]:
    """Each call's result (and each input problem) in the order they were read."""
    items = iter(items)
    first = list(islice(items, CHUNK))
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(first) < CHUNK:
        inspector = Inspector(book)
        for item in _chain(first, items):
            yield from _outcomes(inspector, item, keep_transcripts)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(jobs, initializer=_start_worker, initargs=(book, keep_transcripts)) as pool:
        pending: deque = deque()
        chunks = _chunks(_chain(first, items))
        for chunk in chunks:
            pending.append(pool.apply_async(_check_chunk, (chunk,)))
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chain(first: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from first
    yield from rest


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    while chunk := list(islice(items, CHUNK)):
        yield chunk


def _start_worker(book: Phrasebook, keep_transcripts: bool) -> None:
    global _inspector, _keep
    _inspector, _keep = Inspector(book), keep_transcripts


def _check_chunk(chunk: list[Item]) -> list[Outcome]:
    assert _inspector is not None
    return [outcome for item in chunk for outcome in _outcomes(_inspector, item, _keep)]


def _outcomes(inspector: Inspector, item: Item, keep: bool) -> list[Outcome]:
    if isinstance(item, InputProblem):
        return [item]
    if isinstance(item, RawCall):
        return [x if isinstance(x, InputProblem) else inspector.check(x, keep) for x in parse_call(item)]
    return [inspector.check(item, keep)]
