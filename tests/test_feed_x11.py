"""`assist feed` with a real sidebar on a real X server: it starts the sidebar when none runs, and
every utterance is answered by it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys

from tests.x11 import isolated_env, needs_x11, visible_windows

pytestmark = needs_x11

SAID_ONLY_HERE = "这句话只在测试里说过"
CALL = [
    {"speaker": "agent", "text": "您好，很高兴为您服务。", "start": 0.0, "end": 2.0},
    {"speaker": "caller", "text": "我想", "final": False, "start": 2.5},
    {"speaker": "caller", "text": SAID_ONLY_HERE, "start": 2.5, "end": 4.0},
    {"speaker": "agent", "text": "请稍等，我帮您查一下。", "start": 4.5, "end": 6.0},
]


def ask(env: dict[str, str], request: dict) -> dict | None:
    """Send one command to the running sidebar from another process, as `assist` does."""
    program = "import json, sys; from assist.ui.instance import send; print(json.dumps(send(json.loads(sys.argv[1]))))"
    result = subprocess.run(
        [sys.executable, "-c", program, json.dumps(request)], env=env, capture_output=True, text=True, timeout=30
    )
    return json.loads(result.stdout)


def test_feed_starts_the_sidebar_and_every_utterance_is_answered(display, tmp_path):
    env = isolated_env(display, tmp_path)
    source = tmp_path / "call.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in CALL) + "\n", encoding="utf-8")
    lock = tmp_path / "runtime" / "assist" / "assist.lock"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "assist", "feed", str(source)], env=env, capture_output=True, text=True, timeout=90
        )
        assert len(visible_windows(env)) == 1, result.stderr  # it started the sidebar, which runs on
        assert "does not answer" not in result.stderr
        reply = ask(env, {"command": "utterance", "speaker": "agent", "text": "好的", "final": True})
        assert reply is not None
        if reply["ok"]:  # a sidebar with the live transcript
            assert (result.returncode, result.stderr) == (0, "")
        else:  # one without it: said once, clearly, and every line was still offered
            assert reply["error"] == "unknown command 'utterance'"
            assert result.returncode == 1
            assert result.stderr.count("does not take utterances (unknown command 'utterance')") == 1, result.stderr
            assert result.stderr.splitlines()[1:] == [
                f"assist feed: {len(CALL)} of {len(CALL)} utterances did not reach the sidebar or were refused"
            ]
        assert SAID_ONLY_HERE not in result.stdout + result.stderr
        written = [
            path
            for path in tmp_path.rglob("*")
            if path.is_file() and path != source and SAID_ONLY_HERE.encode() in path.read_bytes()
        ]
        assert written == []  # nothing of the transcript on disk: not by the feed, not by the sidebar
    finally:
        if lock.exists():  # the started sidebar's process id is the lock file's first line
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(lock.read_text().split()[0]), signal.SIGTERM)
