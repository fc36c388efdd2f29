"""`assist qa`: whole-call quality checks against the book's norm, and `assist qa report` over the database."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
_DESCRIPTION = (
    "Check whole calls against the norm: greeting, forbidden wording, 请问还有什么可以帮您, closing, "
    "hold, silent caller, the three voices, complaints. PATH: transcript files (坐席：/客户： lines, "
    "optionally [mm:ss] first), folders of them, JSON Lines of many calls, or - for standard input. "
    "'assist qa report --db QA.sqlite [--since DATE] --html OUT.html' shows the trend of earlier runs. "
    "Exit status: 0 every call passed, 1 some failed (or some input could not be read), 2 nothing could be read."
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    qa = commands.add_parser("qa", help="check whole calls against the norm", description=_DESCRIPTION)
    qa.add_argument(  # SUPPRESS: one given before the command stays when none is given after it
        "--phrasebook",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="use this phrasebook instead of the built-in one",
    )
    qa.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="output (default text)")
    qa.add_argument("--html", metavar="REPORT.html", help="also write a report for supervisors to this file")
    qa.add_argument("--db", metavar="QA.sqlite", help="also store the results in this SQLite database")
    qa.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    qa.add_argument("--since", metavar="DATE", help="report only: calls checked on or after DATE (YYYY-MM-DD)")
    qa.add_argument("paths", nargs="+", metavar="PATH", help="transcripts, folders, JSON Lines, or -")


def run(args: argparse.Namespace) -> int:
    if args.paths[0] == "report" and len(args.paths) == 1:
        return report(args)
    if args.since:
        print("assist qa: --since belongs to 'assist qa report'", file=sys.stderr)
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print("assist qa: --jobs must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    from assist.cli_book import book_or_exit as _book_or_exit
    from assist.core.qa.batch import check_calls
    from assist.core.qa.output import Writer
    from assist.core.qa.results import CallResult
    from assist.core.qa.transcript import read_calls

    book = _book_or_exit(args.phrasebook)
    if book is None:
        return EXIT_ERROR
    summary = _html_summary(args, book)
    store = _open_store(args, book)
    if args.db and store is None:
        return EXIT_ERROR
    writer = Writer(sys.stdout, args.format, book.qa.pass_score)
    passed = failed = problems = 0
    try:
        writer.start()
        for outcome in check_calls(book, read_calls(args.paths), args.jobs, keep_transcripts=summary is not None):
            if not isinstance(outcome, CallResult):
                problems += 1
                print(f"assist qa: {outcome}", file=sys.stderr)
                continue
            writer.write(outcome)
            passed, failed = passed + outcome.passed, failed + (not outcome.passed)
            if summary is not None:
                summary.add(outcome)
            if store is not None:
                store.add(outcome)
        writer.finish(passed, failed, problems)
    except KeyboardInterrupt:
        print(f"assist qa: interrupted after {passed + failed} calls", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader of the output went away (| head): stop quietly
        _stop_writing()
        return EXIT_ERROR
    finally:
        if store is not None:
            store.close()
    if passed + failed == 0:
        print("assist qa: no call could be read", file=sys.stderr)
        return EXIT_ERROR
    if summary is not None and not _write_html(Path(args.html), summary.html()):
        return EXIT_ERROR
    return EXIT_FAILED if failed or problems else EXIT_OK


def _html_summary(args: argparse.Namespace, book):  # -> Summary | None
    if not args.html:
        return None
    from assist.core.qa.html_report import Summary

    return Summary(book)


def _open_store(args: argparse.Namespace, book):  # -> Store | None
    if not args.db:
        return None
    from assist.core.qa.store import Store, StoreError

    try:
        return Store(Path(args.db), book, time.time())
    except StoreError as error:
        print(f"assist qa: {error}", file=sys.stderr)
        return None


def report(args: argparse.Namespace) -> int:
    """`assist qa report --db QA.sqlite [--since DATE] [--html OUT]`: trends from stored results."""
    from assist.core.qa.store import StoreError
    from assist.core.qa.trend import read_trend

    if not args.db:
        print("assist qa report: name the database with --db QA.sqlite", file=sys.stderr)
        return EXIT_ERROR
    try:
        trend = read_trend(Path(args.db), args.since)
    except StoreError as error:
        print(f"assist qa report: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(trend.text(), end="")
    if args.html:
        from assist.core.qa.trend_report import trend_html

        if not _write_html(Path(args.html), trend_html(trend)):
            return EXIT_ERROR
    return EXIT_OK


def _stop_writing() -> None:
    """Send what is left of standard output nowhere, so that Python's own flush at exit stays quiet."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_html(path: Path, html: str) -> bool:
    """Write the report whole or not at all (a temporary file renamed over it), with the permissions
    of any new file: a report is for supervisors to open, unlike the agent's own files."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(html, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        print(f"assist qa: cannot write the report {path}: {error.strerror or error}", file=sys.stderr)
        return False
    print(f"assist qa: report written to {path}", file=sys.stderr)
    return True
