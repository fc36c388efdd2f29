"""Writing results of `assist qa`: text for people, JSON and JSON Lines for programs."""

from __future__ import annotations

import json
from typing import IO

from assist.core.call import clock_text
from assist.core.qa.results import CallResult


class Writer:
    """Writes call results one at a time, as they come (a JSON array is opened and closed around them)."""

    def __init__(self, out: IO[str], format: str, pass_score: int) -> None:
        self.out = out
        self.format = format
        self.pass_score = pass_score
        self.count = 0

    def start(self) -> None:
        if self.format == "json":
            self.out.write("[")

    def write(self, result: CallResult) -> None:
        if self.format == "json":
            separator = "," if self.count else ""
            self.out.write(f"{separator}\n  {json.dumps(result.as_json(), ensure_ascii=False)}")
        elif self.format == "jsonl":
            self.out.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
        else:
            self.out.write(text_of(result))
        self.count += 1

    def finish(self, passed: int, failed: int, problems: int) -> None:
        if self.format == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        elif self.format == "text":
            errors = f", {problems} input problem{'s' if problems != 1 else ''}" if problems else ""
            self.out.write(
                f"{passed + failed} call{'s' if passed + failed != 1 else ''}: {passed} passed, {failed} failed "
                f"(pass score {self.pass_score}){errors}\n"
            )


def text_of(result: CallResult) -> str:
    verdict = "passed" if result.passed else "FAILED"
    agent = f"  agent {result.agent}" if result.agent else ""
    lines = [f"{result.source}: call {result.call}{agent}: score {result.score}, {verdict}"]
    for finding in result.findings:
        where = f"line {finding.line}" if finding.line else "the call"
        when = f" [{clock_text(finding.time)}]" if finding.time is not None else ""
        lines.append(f"  {where}{when} {finding.rule}: {finding.message}")
        if finding.text:
            lines.append(f"      said: {finding.text}")
        if finding.suggestion:
            lines.append(f"      say:  {finding.suggestion}")
    return "\n".join(lines) + "\n"
