"""The trend report of stored results as one self-contained HTML file (`assist qa report --html`)."""

from __future__ import annotations

from html import escape

from assist.core.model import QA_RULES
from assist.core.qa.html_report import RULE_TITLES, page
from assist.core.qa.svg_charts import bar_chart, column_chart, line_chart
from assist.core.qa.trend import Trend


def trend_html(trend: Trend) -> str:
    labels = [week.label for week in trend.weeks]
    charts = [
        line_chart(labels, [week.pass_rate for week in trend.weeks], "每周合格率 Pass rate per week", unit="%"),
        column_chart(labels, [week.calls for week in trend.weeks], "每周通话 Calls per week"),
    ]
    if trend.agents:
        names = sorted(trend.agents, key=lambda name: trend.agents[name][1] / trend.agents[name][0])[:30]
        charts.append(
            bar_chart(
                [f"工号 {name} ({trend.agents[name][0]})" for name in names],
                [round(100 * trend.agents[name][1] / trend.agents[name][0]) for name in names],
                "各坐席合格率 Pass rate per agent (lowest 30)",
                unit="%",
            )
        )
    head_cells = "".join(f"<th>{escape(label)}</th>" for label in labels)
    rows = "".join(
        f"<tr><td>{escape(RULE_TITLES[rule])}</td>"
        + "".join(f"<td>{week.failures[rule]}</td>" for week in trend.weeks)
        + "</tr>"
        for rule in QA_RULES
    )
    books = "; ".join(f"{escape(name)} ({escape(version)})" for name, version in trend.books)
    body = (
        "<h1>质检趋势 <small>Quality trend</small></h1>"
        f"<p class=meta>自 since {escape(trend.since or 'the first run')} · {books}</p>"
        "<div class=charts>" + "".join(f"<figure>{chart}</figure>" for chart in charts) + "</div>"
        "<h2>各规则每周未通过的通话 Calls failing each rule, per week</h2>"
        f"<div class=wide><table class=weeks><tr><th></th>{head_cells}</tr>{rows}</table></div>"
    )
    return page("质检趋势 Quality trend", body)
