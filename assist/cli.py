"""The `assist` command: the sidebar by default, `assist check` to validate phrasebooks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assist.core import builtin
from assist.core.loader import check_file
from assist.core.problems import Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assist",
        description="Assist: a keyboard-first sidebar of the 96128 hotline's standard service phrases. "
        "With no command, it opens the sidebar.",
        epilog="Keys in the sidebar: Alt+1…Alt+0 pick a situation, Ctrl+1…Ctrl+9 copy a phrase, "
        "F1 lists all keys.",
    )
    parser.add_argument(
        "--phrasebook",
        metavar="PATH",
        help="open the sidebar on this phrasebook (YAML) instead of the built-in one; "
        "if it is broken, the sidebar shows why and uses the built-in one",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate phrasebooks",
        description="Validate phrasebooks. Prints one 'path:line:col: message' line per problem. "
        "Exit status: 0 valid, 1 problems found, 2 usage error (such as a missing file).",
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="phrasebook files (default: the built-in one)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return check(args.paths)
    if args.phrasebook is not None and not Path(args.phrasebook).is_file():
        print(f"assist: {args.phrasebook}: no such file; opening the built-in phrasebook", file=sys.stderr)
    from assist.ui.app import run  # Qt is imported only when a window is wanted

    return run(args.phrasebook)


def check(paths: Sequence[str]) -> int:
    targets = [Path(path) for path in paths] or [builtin.default_phrasebook()]
    for target in targets:
        if not target.is_file():
            reason = "is a folder, not a file" if target.is_dir() else "no such file"
            print(f"assist check: {target}: {reason}", file=sys.stderr)
            return EXIT_USAGE
    status = EXIT_OK
    for target in targets:
        result = check_file(target)
        for problem in result.problems:
            print(problem)
        if any(problem.severity is Severity.ERROR for problem in result.problems):
            status = EXIT_PROBLEMS
        elif result.book is not None:
            book = result.book
            forbidden = sum(len(situation.forbidden) for situation in book.situations)
            print(
                f"{target}: ok: {len(book.situations)} situations, {book.phrase_count} phrases, "
                f"{forbidden} forbidden phrases"
            )
    return status
