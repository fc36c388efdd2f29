"""Trends from stored results (`assist qa report --db QA.sqlite --since DATE`): week by week, per rule, per agent."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assist.core.model import QA_RULES
from assist.core.qa.store import StoreError, connect


@dataclass
class Week:
    label: str  # 2026-W48
    calls: int = 0
    passed: int = 0
    score_total: int = 0
    failures: Counter = field(default_factory=Counter)  # rule -> calls failing it

    @property
    def pass_rate(self) -> float:
        return 100 * self.passed / self.calls if self.calls else 0.0

    @property
    def mean_score(self) -> float:
        return self.score_total / self.calls if self.calls else 0.0


@dataclass
class Trend:
    since: str
    weeks: list[Week]
    agents: dict[str, tuple[int, int]]  # agent -> (calls, passed)
    books: list[tuple[str, str]]  # (book, version) of the runs in the period

    def text(self) -> str:
        header = f"{'week':<10}{'calls':>8}{'passed':>8}{'mean':>6}  most failed rules"
        lines = [f"since {self.since or 'the first run'}", header]
        for week in self.weeks:
            top = ", ".join(f"{rule} {count}" for rule, count in week.failures.most_common(3))
            lines.append(f"{week.label:<10}{week.calls:>8}{week.pass_rate:>7.0f}%{week.mean_score:>6.0f}  {top}")
        if not self.weeks:
            lines.append("no calls in this period")
        return "\n".join(lines) + "\n"


def read_trend(path: Path, since: str | None) -> Trend:
    """Weekly figures of the calls checked on or after `since` (YYYY-MM-DD; None: all)."""
    start = ""
    if since:
        try:
            start = datetime.date.fromisoformat(since).isoformat()
        except ValueError:
            raise StoreError(f"--since {since}: not a date; write it as YYYY-MM-DD") from None
    connection = connect(path, create=False)
    try:
        rows = connection.execute(
            "SELECT checked, agent, score, passed, failed_rules FROM calls WHERE checked >= ? ORDER BY checked",
            (start,),
        )
        weeks: dict[str, Week] = {}
        agents: dict[str, list[int]] = {}
        for checked, agent, score, passed, failed_rules in rows:
            year, number, _ = datetime.datetime.fromisoformat(checked).isocalendar()
            label = f"{year}-W{number:02d}"
            week = weeks.setdefault(label, Week(label))
            week.calls, week.passed, week.score_total = week.calls + 1, week.passed + passed, week.score_total + score
            week.failures.update(rule for rule in failed_rules.split() if rule in QA_RULES)
            if agent:
                counts = agents.setdefault(agent, [0, 0])
                counts[0], counts[1] = counts[0] + 1, counts[1] + passed
        books = connection.execute(
            "SELECT DISTINCT book, book_version FROM runs WHERE started >= ? ORDER BY started", (start,)
        ).fetchall()
    finally:
        connection.close()
    return Trend(since, [weeks[label] for label in sorted(weeks)], {a: (c, p) for a, (c, p) in agents.items()}, books)
