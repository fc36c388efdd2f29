"""The `assist` command: the sidebar by default; `check`, `search` and `lint` work without a display."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assist import feed_cli, qa_cli, settings_cli
from assist.cli_book import book_or_exit as _book_or_exit
from assist.core import builtin
from assist.core.book_address import AddressError, locate
from assist.core.problems import Problem, Severity
from assist.core.summary import count, summary_of

if TYPE_CHECKING:
    from assist.core.checker import Finding

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assist",
        description="Assist: a keyboard-first sidebar of the 96128 hotline's standard service phrases. "
        "With no command, it opens the sidebar.",
        epilog="Keys in the sidebar: Alt+1…Alt+0 pick a situation, Ctrl+1…Ctrl+9 copy a phrase, F1 lists all keys.",
    )
    parser.add_argument(
        "--phrasebook",
        metavar="PATH|URL",
        help="the centre's phrasebook (a YAML file or an http(s) URL) for the sidebar and every command; "
        "a URL's book is kept as an offline copy; if it is broken, the sidebar shows why and uses the built-in one",
    )
    parser.add_argument(
        "--directory",
        metavar="PATH",
        help="the department directory for misrouted calls (default: the built-in example set)",
    )
    parser.add_argument(
        "--autostart",
        action="store_true",
        help="started by the desktop at login: open the sidebar only if the startup/autostart setting is on",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate phrasebooks and department directories",
        description="Validate phrasebooks and department directories. "
        "Prints one 'path:line:col: message' line per problem. "
        "Exit status: 0 valid, 1 problems found, 2 usage error (such as a missing file).",
    )
    _add_phrasebook_option(check)
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|URL",
        help="phrasebook files or URLs (default: --phrasebook, else the built-in one)",
    )

    search = commands.add_parser(
        "search",
        help="find phrases by Chinese, pinyin, initials or English",
        description="Find phrases the way the sidebar's search box does: Chinese text, full pinyin "
        "(shaodeng), initials (qsd), English, with typos forgiven. "
        "Exit status: 0 found, 1 nothing found, 2 error.",
    )
    _add_phrasebook_option(search)
    _add_format_option(search)
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)")
    search.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")

    lint = commands.add_parser(
        "lint",
        help="find forbidden wording in transcripts or drafts",
        description="Check each line of the files (or standard input) for forbidden wording, including "
        "everyday variants, and say what to say instead. Exit status: 0 clean, 1 findings, 2 error.",
    )
    _add_phrasebook_option(lint)
    _add_format_option(lint, "jsonl")
    lint.add_argument(
        "--agent-only",
        action="store_true",
        help="check only lines labelled as the agent's (坐席：, 客服：, agent:), not the caller's",
    )
    lint.add_argument("files", nargs="*", metavar="FILE", help="transcripts or drafts (none or -: standard input)")
    show = commands.add_parser("show", help="show the running sidebar (start one in the background if none runs)")
    show.add_argument("--situation", metavar="ID", help="open this situation (greeting, hold, closing, …)")
    commands.add_parser("hide", help="hide the running sidebar")
    toggle = commands.add_parser("toggle", help="show the sidebar, or hide it when it is in front")
    toggle.add_argument("--situation", metavar="ID", help="open this situation when showing")
    copy = commands.add_parser(
        "copy",
        help="copy a phrase through the running sidebar (start one in the background if none runs)",
        description="Copy phrase N of a situation to the clipboard, placeholders filled in, through the "
        "running sidebar (it owns the clipboard). Bind it to a desktop shortcut where a global hotkey "
        "cannot be grabbed (Wayland). Exit status: 0 copied, 1 not copied, 2 usage error.",
    )
    copy.add_argument("situation", metavar="SITUATION", help="the situation's id: greeting, hold, closing, …")
    copy.add_argument("number", nargs="?", type=int, default=1, metavar="N", help="the phrase's number (default 1)")
    qa_cli.add_parser(commands)
    settings_cli.add_parser(commands)
    feed_cli.add_parser(commands)
    return parser


def _add_phrasebook_option(parser: argparse.ArgumentParser) -> None:
    """The option after the command too; SUPPRESS keeps one given before the command when it is absent here."""
    parser.add_argument(
        "--phrasebook",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="use this phrasebook (a file or an http(s) URL) instead of the built-in one",
    )


def _add_format_option(parser: argparse.ArgumentParser, *more: str) -> None:
    formats = ("text", "json", *more)
    help_text = "output format (default text)" + ("; jsonl: one JSON object a line" if "jsonl" in more else "")
    parser.add_argument("--format", choices=formats, default="text", help=help_text)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return check(args.paths or ([args.phrasebook] if args.phrasebook else []))
    if args.command == "search":
        return search(args)
    if args.command == "lint":
        return lint(args)
    if args.command == "qa":
        return qa_cli.run(args)
    if args.command in ("show", "hide", "toggle", "copy"):
        return control(args)
    if args.command == "settings":
        return settings_cli.run(args)
    if args.command == "feed":
        return feed_cli.run(args)
    if args.autostart and not settings_cli.autostart_wanted():
        return EXIT_OK  # the autostart entry is installed for everyone; this agent (or centre) did not ask for it
    if args.phrasebook is not None:
        _warn_if_unusable(args.phrasebook)
    from assist.ui.app import run  # Qt is imported only when a window is wanted

    return run(args.phrasebook, args.directory)


def _warn_if_unusable(location: str) -> None:
    """Why the sidebar about to open will show the built-in book (its banner says the same)."""
    try:
        target = locate(location)
    except AddressError as error:
        print(f"assist: {location}: {error}; opening the built-in phrasebook", file=sys.stderr)
        return
    if isinstance(target, Path) and (problem := _file_problem(target)):
        print(f"assist: {target}: {problem}; opening the built-in phrasebook", file=sys.stderr)


def _file_problem(target: Path) -> str:
    """Why `target` is not a file that can be read ("" when it is one)."""
    try:
        if target.is_file():
            return ""
        return "is a folder, not a file" if target.is_dir() else "no such file"
    except OSError as error:  # such as a name too long for the system
        return f"cannot read the file ({error.strerror or error})"


def control(args: argparse.Namespace) -> int:
    """show, hide, toggle, copy: a command for the running sidebar, started (in the background) if need be."""
    from assist.ui.instance import send, sidebar_running, start_detached, wait_until_answering

    request: dict[str, object] = {"command": args.command}
    if getattr(args, "situation", None):
        request["situation"] = args.situation
    if args.command == "copy":
        request["number"] = args.number
    if not sidebar_running():
        if args.command == "hide":
            print("assist: no sidebar is running", file=sys.stderr)
            return EXIT_OK
        options = [f"--{name}={value}" for name in ("phrasebook", "directory") if (value := getattr(args, name))]
        problem = wait_until_answering(start_detached(options))
        if problem:
            print(f"assist {args.command}: {problem}", file=sys.stderr)
            return EXIT_PROBLEMS
        if args.command == "toggle":
            request["command"] = "show"  # the new sidebar is already in front: toggling would hide it
    reply = send(request)
    if reply is None:
        print("assist: the running sidebar does not answer", file=sys.stderr)
        return EXIT_PROBLEMS
    if not reply.get("ok"):
        print(f"assist {args.command}: {reply.get('error', 'failed')}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.command == "copy":
        print(reply.get("text", ""))
    return EXIT_OK


def check(paths: Sequence[str]) -> int:
    targets: list[str | Path] = []
    for path in paths:
        try:
            targets.append(locate(path))
        except AddressError as error:
            print(f"assist check: {path}: {error}", file=sys.stderr)
            return EXIT_USAGE
    targets = targets or [builtin.default_phrasebook()]
    for target in targets:
        if isinstance(target, Path) and (problem := _file_problem(target)):
            print(f"assist check: {target}: {problem}", file=sys.stderr)
            return EXIT_USAGE
    status = EXIT_OK
    for target in targets:
        if isinstance(target, str):
            from assist.cli_url import check_url

            checked = check_url(target)
            if checked is None:
                return EXIT_USAGE
            problems, summary = checked
        elif _is_directory_file(target):
            problems, summary = _check_directory(target)
        else:
            problems, summary = _check_phrasebook(target)
        for problem in problems:
            print(problem)
        if any(problem.severity is Severity.ERROR for problem in problems):
            status = EXIT_PROBLEMS
        elif summary:
            print(f"{target}: ok: {summary}")
    return status


def _check_phrasebook(target: Path) -> tuple[tuple[Problem, ...], str]:
    from assist.core.loader import check_file

    result = check_file(target)
    return result.problems, summary_of(result.book)


def _check_directory(target: Path) -> tuple[tuple[Problem, ...], str]:
    from assist.core.directory_file import check_directory_file

    result = check_directory_file(target)
    summary = count(len(result.directory.departments), "department") if result.directory else ""
    return result.problems, summary


def _is_directory_file(target: Path) -> bool:
    """A department directory (a `departments:` list) rather than a phrasebook."""
    from assist.core.yaml_source import RawMap, read_file

    root = read_file(target).root
    return isinstance(root, RawMap) and "departments" in root.entries and "situations" not in root.entries


def search(args: argparse.Namespace) -> int:
    book = _book_or_exit(args.phrasebook)
    if book is None:
        return EXIT_USAGE
    if args.limit < 1:
        print("assist search: --limit must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    from assist.core.search import Search

    hits = Search(book).query(" ".join(args.query), limit=args.limit)
    if args.format == "json":
        print(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False, indent=2))
    for hit in hits if args.format == "text" else ():
        via = f"  (忌 {hit.forbidden})" if hit.forbidden else ""
        print(f"{hit.score:5.1f}  {hit.situation:<10} {hit.text}{via}")
    return EXIT_OK if hits else EXIT_PROBLEMS


def lint(args: argparse.Namespace) -> int:
    from assist.core.checker import Checker
    from assist.core.lint import LintError, lint_stream, open_transcript

    book = _book_or_exit(args.phrasebook)
    if book is None:
        return EXIT_USAGE
    checker = Checker(book)
    output = _FindingsOutput(args.format)
    failed = False
    for name in args.files or ["-"]:
        try:
            stream = sys.stdin if name == "-" else open_transcript(name)
        except LintError as error:
            print(f"assist lint: {error}", file=sys.stderr)
            failed = True
            continue
        try:
            for finding in lint_stream(checker, stream, "<stdin>" if name == "-" else name, args.agent_only):
                output.write(finding)
        finally:
            if stream is not sys.stdin:
                stream.close()
    output.close()
    if failed:
        return EXIT_USAGE
    return EXIT_PROBLEMS if output.count else EXIT_OK


class _FindingsOutput:
    """Writes findings as they come, never holding them: text lines, JSON Lines, or a JSON array
    written piece by piece (the same text as `json.dumps(findings, indent=2)`)."""

    def __init__(self, output_format: str) -> None:
        self.format = output_format
        self.count = 0

    def write(self, finding: Finding) -> None:
        self.count += 1
        if self.format == "text":
            sys.stdout.write(
                f'{finding.path}:{finding.line}:{finding.column}: 忌 "{finding.match}" '
                f'({finding.situation_title}) → "{finding.suggestion}"\n'
            )
        elif self.format == "jsonl":
            sys.stdout.write(json.dumps(_as_json(finding), ensure_ascii=False) + "\n")
        else:
            item = json.dumps(_as_json(finding), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            sys.stdout.write(("[\n  " if self.count == 1 else ",\n  ") + item)

    def close(self) -> None:
        if self.format == "json":
            sys.stdout.write("\n]\n" if self.count else "[]\n")


def _as_json(finding: Finding) -> dict[str, object]:
    """A finding as `assist lint` writes it: `suggestion` the best phrase, `alternatives` the others
    its entry offers, in the book's order."""
    others = finding.entry.suggestions if finding.entry is not None else ()
    alternatives = [suggestion.text for suggestion in others if suggestion.text != finding.suggestion]
    return {**finding.as_json(), "alternatives": alternatives}
