"""`assist feed`: utterances from a speech recogniser, passed to the running sidebar as they come.

The feed reads JSON Lines (a file, standard input, or a file it follows while another program
appends to it) or talks to a FunASR server itself (assist/feed_funasr.py). Each utterance goes to the
sidebar over its command channel; a bad line is reported by its number and skipped; whatever the
sidebar answers, the feed goes on. Nothing of what was said is written anywhere or printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules are imported when the feed runs, not at every `assist` start
    from assist.core.feed import Utterance

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FOLLOW_LOOK_AGAIN_SECONDS = 1.0  # --follow looks at the file at least this often, even when not woken

_DESCRIPTION = (
    "Pass utterances from a speech recogniser to the running sidebar (started in the background if "
    "none runs), which listens along with the call. Each line of FILE (or standard input) is one JSON "
    'object: {"speaker": "agent"|"caller", "text": "…", "final": true|false, "start": s, "end": s}; '
    "final defaults to true (false: a partial result that a later line replaces); start and end "
    "(seconds) may be left out. A bad line is reported on standard error by its number and skipped. "
    "Exit status: 0 every line delivered, 1 some lines skipped or not taken, 2 usage error."
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    feed = commands.add_parser("feed", help="pass a live transcript to the running sidebar", description=_DESCRIPTION)
    source = feed.add_mutually_exclusive_group()
    source.add_argument("file", nargs="?", metavar="FILE", help="JSON Lines of utterances (none or -: standard input)")
    source.add_argument(
        "--follow", metavar="FILE", help="keep reading FILE as another program appends to it, until Ctrl+C"
    )
    source.add_argument(
        "--funasr",
        metavar="ws://HOST:PORT",
        help="recognise the call's audio on this FunASR real-time server (2pass mode): see --agent, --caller",
    )
    feed.add_argument(
        "--call", metavar="ID", help="the call's id, passed to the sidebar with each utterance that names none"
    )
    funasr = feed.add_argument_group("with --funasr")
    funasr.add_argument("--agent", metavar="AUDIO", help="the agent's side: a WAV file, raw PCM (file or pipe), or -")
    funasr.add_argument("--caller", metavar="AUDIO", help="the caller's side: a WAV file, raw PCM (file or pipe), or -")
    funasr.add_argument(
        "--rate", type=int, default=16000, help="raw PCM's sample rate: 16000 (default) or 8000 (telephone audio)"
    )
    funasr.add_argument("--fast", action="store_true", help="send files as fast as the server reads, not in real time")
    funasr.add_argument(
        "--insecure",
        action="store_true",
        help="wss:// only: accept a certificate that cannot be verified (FunASR's own self-signed one)",
    )


def run(args: argparse.Namespace) -> int:
    problem = _usage_problem(args)
    if problem:
        print(f"assist feed: {problem}", file=sys.stderr)
        return EXIT_USAGE
    link = SidebarLink([f"--{name}={value}" for name in ("phrasebook", "directory") if (value := getattr(args, name))])
    if args.funasr is not None:
        from assist.feed_funasr import run_funasr

        return run_funasr(args, link)
    if args.follow:
        name, lines = args.follow, _followed(Path(args.follow))
    elif args.file in (None, "-"):
        from assist.core.feed_lines import read_lines

        name, lines = "<stdin>", read_lines(sys.stdin.buffer)
    else:
        path = Path(args.file)
        if not path.is_file():
            print(f"assist feed: {path}: {'is a folder' if path.is_dir() else 'no such file'}", file=sys.stderr)
            return EXIT_USAGE
        name, lines = str(path), _read_file(path)
    problem = link.start()
    if problem:
        print(f"assist feed: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        skipped = feed_lines(lines, name, link.deliver, args.call)
    except KeyboardInterrupt:
        link.finish()
        return EXIT_OK  # Ctrl+C is how a followed feed ends
    except OSError as error:
        print(f"assist feed: {name}: cannot be read ({error.strerror or error})", file=sys.stderr)
        link.finish()
        return EXIT_PROBLEMS
    if not args.follow:
        link.call_ended()
    link.finish()
    return EXIT_PROBLEMS if skipped or link.undelivered else EXIT_OK


def _usage_problem(args: argparse.Namespace) -> str:
    from assist.core.feed import MAX_CALL_CHARS, problem_in_call

    if args.funasr is None and (args.agent or args.caller):
        return "--agent and --caller are for --funasr"
    if args.call is not None and problem_in_call(args.call):
        return f"--call must be text of at most {MAX_CALL_CHARS} characters"
    if args.follow and Path(args.follow).is_dir():
        return f"{args.follow}: is a folder; give the file the recogniser writes"
    return ""


def feed_lines(
    lines: Iterable[bytes], name: str, deliver: Callable[[Utterance, str], None], call: str | None = None
) -> int:
    """Deliver each line's utterance (`call` for those that name none); report the lines that are
    not one. The number of lines skipped."""
    from dataclasses import replace

    from assist.core.feed import FeedProblem, parse_line

    skipped = 0
    for number, line in enumerate(lines, start=1):
        parsed = parse_line(line, number)
        if isinstance(parsed, FeedProblem):
            skipped += 1
            print(f"assist feed: {name}:{parsed}; skipped", file=sys.stderr, flush=True)
        elif parsed is not None:
            deliver(replace(parsed, call=parsed.call or call), f"{name}:line {number}")
    return skipped


def _read_file(path: Path) -> Iterable[bytes]:
    from assist.core.feed_lines import read_lines

    with path.open("rb") as stream:
        yield from read_lines(stream)


def _followed(path: Path) -> Iterable[bytes]:
    from assist.core.feed_lines import follow_lines
    from assist.core.feed_watch import FileWatch

    if not path.exists():
        print(f"assist feed: {path} does not exist yet; waiting for it", file=sys.stderr, flush=True)
    watch = FileWatch(path)
    try:
        yield from follow_lines(path, lambda: watch.wait(FOLLOW_LOOK_AGAIN_SECONDS) or True)
    finally:
        watch.close()


class SidebarLink:
    """The running sidebar, as the feed talks to it: it says once what goes wrong, not at every line."""

    def __init__(self, start_options: list[str]) -> None:
        self.start_options = start_options
        self.delivered = self.undelivered = 0
        self._silent_since: str | None = None  # the line from which the sidebar stopped answering
        self._old_sidebar = False
        self._last_refusal = ""  # said once while the sidebar refuses utterances for the same reason

    def start(self) -> str:
        """Start a sidebar in the background if none runs, or wait for one still starting; "" when
        one answers (or holds the lock but does not answer: the feed goes on), else why not."""
        from assist.ui.instance import hand_over, send, sidebar_running, start_detached, wait_until_answering

        if not sidebar_running():
            return wait_until_answering(start_detached(self.start_options))
        if send({"command": "ping"}, timeout_ms=1000) is None:  # it holds the lock, but is still starting
            self._say("the sidebar is starting; waiting for it to answer")
            hand_over({"command": "ping"})  # if it never answers, each utterance says so (once)
        return ""

    def deliver(self, utterance: Utterance, where: str) -> None:
        """Send one utterance; `where` names it in what is said (FILE:line N), never its words."""
        reply = self._send(utterance.as_request())
        if reply is None:
            self.undelivered += 1
            if self._silent_since is None:
                self._silent_since = where
                self._say(f"{where}: the sidebar does not answer; utterances are dropped until it does")
            return
        if self._silent_since is not None:
            self._say(f"{where}: the sidebar answers again (nothing from {self._silent_since} on reached it)")
            self._silent_since = None
        if reply.get("ok"):
            self.delivered += 1
            self._last_refusal = ""
            return
        self.undelivered += 1
        error = str(reply.get("error", "refused"))
        if error == self._last_refusal:
            return
        self._last_refusal = error
        if error.startswith("unknown command"):
            if not self._old_sidebar:
                self._old_sidebar = True
                self._say(
                    f"the running sidebar does not take utterances ({error}): it is an older Assist, without the "
                    "live transcript; quit it and run the feed again. The feed goes on; utterances are dropped"
                )
        else:
            self._say(f"{where}: the sidebar refused the utterance: {error}")

    def finish(self) -> None:
        """Say how many utterances did not reach the sidebar, if any did not."""
        if self.undelivered:
            total = self.delivered + self.undelivered
            self._say(f"{self.undelivered} of {total} utterances did not reach the sidebar or were refused")

    def call_ended(self) -> None:
        """Tell the sidebar that the input has ended (a sidebar that does not know the command is fine)."""
        self._send({"command": "call-ended"})

    def _send(self, request: dict) -> dict | None:
        from assist.ui.instance import send

        return send(request)

    @staticmethod
    def _say(message: str) -> None:
        print(f"assist feed: {message}", file=sys.stderr, flush=True)
