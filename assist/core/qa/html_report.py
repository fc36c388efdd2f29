"""The supervisor's report of a run (`assist qa --html`): one self-contained HTML file, no network.

The score distribution, failed calls per rule, the pass rate per agent when agents are known, and
the failed calls with their transcripts, each finding marked where it was said. Results are added
one at a time; only the MAX_SHOWN lowest-scoring failed calls keep their transcripts.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from assist.core.call import clock_text
from assist.core.model import QA_RULES, Phrasebook
from assist.core.qa.results import FAILED, NOT_APPLICABLE, CallResult, QaFinding
from assist.core.qa.svg_charts import BAD, bar_chart, column_chart

MAX_SHOWN = 200
RULE_TITLES = {
    "greeting": "问候语 greeting",
    "forbidden": "禁语 forbidden wording",
    "anything-else": "询问还有什么 anything else",
    "closing": "结束用语 closing",
    "hold-return": "等待致谢 hold return",
    "hold-checkin": "等待过长 hold check-in",
    "silent-caller": "无声来电 silent caller",
    "three-voices": "三声 three voices",
    "complaint-response": "投诉回应 complaint response",
}
SPEAKERS = {"agent": "坐席", "caller": "客户"}


@dataclass
class _Agent:
    calls: int = 0
    passed: int = 0
    score: int = 0


@dataclass
class Summary:
    """What the report shows, gathered as results come."""

    book: Phrasebook
    calls: int = 0
    passed: int = 0
    score_total: int = 0
    scores: Counter = field(default_factory=Counter)  # bin (0, 10, … 90, 100) -> calls
    failures: Counter = field(default_factory=Counter)  # rule -> failed calls
    applied: Counter = field(default_factory=Counter)  # rule -> calls it applied to
    agents: dict[str, _Agent] = field(default_factory=dict)
    worst: list = field(default_factory=list)  # a heap of (-score, order, result): the lowest scores kept
    failed_total: int = 0

    def add(self, result: CallResult) -> None:
        self.calls += 1
        self.passed += result.passed
        self.score_total += result.score
        self.scores[min(result.score // 10 * 10, 100)] += 1
        for rule, state in result.states.items():
            self.applied[rule] += state != NOT_APPLICABLE
            self.failures[rule] += state == FAILED
        if result.agent:
            agent = self.agents.setdefault(result.agent, _Agent())
            agent.calls, agent.passed, agent.score = (
                agent.calls + 1,
                agent.passed + result.passed,
                agent.score + result.score,
            )
        if not result.passed:
            self.failed_total += 1
            entry = (-result.score, -self.failed_total, result)
            if len(self.worst) < MAX_SHOWN:
                heapq.heappush(self.worst, entry)
            else:
                heapq.heappushpop(self.worst, entry)
        else:
            result.utterances = []

    def html(self) -> str:
        settings = self.book.qa
        mean = self.score_total / self.calls if self.calls else 0
        rate = 100 * self.passed / self.calls if self.calls else 0
        bins = list(range(0, 101, 10))
        labels = [f"{low}–{low + 9}" if low < 100 else "100" for low in bins]
        colors = [BAD if low + 9 < settings.pass_score else "#3b6ea8" for low in bins]
        charts = [
            column_chart(labels, [self.scores[low] for low in bins], "分数分布 Scores (calls)", colors),
            bar_chart(
                [RULE_TITLES[rule] for rule in QA_RULES],
                [self.failures[rule] for rule in QA_RULES],
                "各规则未通过的通话 Calls failing each rule",
                color=BAD,
            ),
        ]
        if self.agents:
            names = sorted(self.agents, key=lambda name: self.agents[name].passed / self.agents[name].calls)
            shown = names[:30]
            charts.append(
                bar_chart(
                    [f"工号 {name} ({self.agents[name].calls})" for name in shown],
                    [round(100 * self.agents[name].passed / self.agents[name].calls) for name in shown],
                    "各坐席合格率 Pass rate per agent (lowest 30)",
                    unit="%",
                )
            )
        worst = [entry[2] for entry in sorted(self.worst, reverse=True)]
        more = self.failed_total - len(worst)
        more_note = f"<p>另有 {more} 通不合格通话未列出 ({more} more failed calls not shown).</p>" if more else ""
        stamp = time.strftime("%Y-%m-%d %H:%M")
        head = (
            f"<h1>通话质检报告 <small>Call quality report</small></h1>"
            f"<p class=meta>{escape(self.book.name)} · {stamp} · 合格分 pass score {settings.pass_score}</p>"
            f"<div class=figures><div><b>{self.calls}</b>通话 calls</div><div><b>{rate:.0f}%</b>合格 passed</div>"
            f"<div><b>{mean:.0f}</b>平均分 mean score</div>"
            f"<div><b>{self.calls - self.passed}</b>不合格 failed</div></div>"
        )
        body = head + "<div class=charts>" + "".join(f"<figure>{chart}</figure>" for chart in charts) + "</div>"
        body += f"<h2>不合格通话 Failed calls ({self.calls - self.passed})</h2>{more_note}"
        body += "".join(_call_section(result) for result in worst)
        return page("通话质检报告 Call quality report", body)


def _call_section(result: CallResult) -> str:
    agent = f" · 工号 {escape(result.agent)}" if result.agent else ""
    by_line: dict[int, list[QaFinding]] = {}
    for finding in result.findings:
        by_line.setdefault(finding.line, []).append(finding)
    whole = "".join(_note(finding) for finding in by_line.get(0, []))
    rows = []
    for utterance in result.utterances:
        here = by_line.get(utterance.line, [])
        text = _marked(utterance.text, here)
        when = clock_text(utterance.start) if utterance.start is not None else ""
        flagged = " class=flagged" if here else ""
        notes = "".join(_note(finding) for finding in here)
        rows.append(
            f"<tr{flagged}><td class=when>{when}</td><td class=who>{SPEAKERS.get(utterance.speaker, '')}</td>"
            f"<td>{text}{notes}</td></tr>"
        )
    return (
        f"<section class=call><h3>{escape(result.call)} <span class=score>{result.score}分</span></h3>"
        f"<p class=meta>{escape(result.source)}{agent}</p>{whole}<table>{''.join(rows)}</table></section>"
    )


def _marked(text: str, findings: list[QaFinding]) -> str:
    """The utterance with each faulty wording (a forbidden phrase) marked in place."""
    spans = sorted((f.start, f.end) for f in findings if 0 <= f.start < f.end <= len(text))
    out, position = [], 0
    for start, end in spans:
        if start < position:
            continue
        out.append(escape(text[position:start]) + f"<mark>{escape(text[start:end])}</mark>")
        position = end
    return "".join(out) + escape(text[position:])


def _note(finding: QaFinding) -> str:
    say = f"<br><span class=say>应说 say: {escape(finding.suggestion)}</span>" if finding.suggestion else ""
    return f"<div class=note><b>{escape(RULE_TITLES[finding.rule])}</b> {escape(finding.message)}{say}</div>"


def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>{body}</body></html>
"""


_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px auto;
  max-width: 1180px; color: #222; background: #fafafa; padding: 0 16px; }
h1 small, .meta { color: #666; font-weight: normal; }
.figures { display: flex; gap: 16px; margin: 16px 0; }
.figures div { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 18px; }
.figures b { display: block; font-size: 28px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px; }
section.call { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 4px 16px 12px; margin: 12px 0; }
.score { color: #c0392b; }
table { border-collapse: collapse; width: 100%; }
td { padding: 3px 8px; vertical-align: top; border-top: 1px solid #eee; }
td.when, td.who { white-space: nowrap; color: #666; width: 1%; }
tr.flagged { background: #fff4f2; }
mark { background: #f5b7b1; }
.wide { overflow-x: auto; }
table.weeks { width: auto; }
.weeks td, .weeks th { white-space: nowrap; text-align: right; }
.weeks td:first-child { text-align: left; }
.note { color: #a93226; font-size: 90%; margin: 2px 0; }
.say { color: #1e6b3a; }
@media print { body { background: #fff; } }
"""
