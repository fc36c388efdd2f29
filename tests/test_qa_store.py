"""`assist qa --db` and `assist qa report`: results kept in SQLite, trends without re-reading transcripts."""

from __future__ import annotations

import datetime
import sqlite3

from assist.cli import main
from assist.core.qa.rules import Inspector
from assist.core.qa.store import Store
from assist.core.qa.transcript import Transcript, read_calls
from tests.helpers import ROOT

DATA = ROOT / "tests/data/qa"


def rows(database, query):
    with sqlite3.connect(database) as connection:
        return connection.execute(query).fetchall()


def test_results_are_stored_and_a_call_checked_again_replaces_its_row(tmp_path, capsys):
    database = tmp_path / "qa.sqlite"
    failing = str(DATA / "forbidden-two.txt")
    assert main(["qa", "--db", str(database), failing, str(DATA / "model-call.txt")]) == 0
    assert main(["qa", "--db", str(database), failing]) == 0
    capsys.readouterr()
    assert rows(database, "SELECT call, score, passed, failed_rules FROM calls ORDER BY call") == [
        ("forbidden-two", 80, 1, "forbidden"),
        ("model-call", 100, 1, ""),
    ]
    assert rows(database, "SELECT rule, line, text FROM findings") == [
        ("forbidden", 5, "你等一会！"),
        ("forbidden", 6, "这个我也没办法，要等审批。"),
    ]
    runs = rows(database, "SELECT book, length(book_version), pass_score, finished >= started FROM runs")
    assert runs == [("96128政务信息查询规范服务用语", 12, 80, 1)] * 2
    assert rows(database, "SELECT DISTINCT run FROM calls WHERE call = 'forbidden-two'") == [(2,)]


def store_week(database, book, when: datetime.datetime, names: list[str]) -> None:
    inspector = Inspector(book)
    store = Store(database, book, when.timestamp())
    for item in read_calls([str(DATA / f"{name}.txt") for name in names]):
        assert isinstance(item, Transcript)
        item.call = f"{item.call}-{when:%m%d}"
        store.add(inspector.check(item))
    store.close()


def test_the_trend_report_shows_weeks_since_a_date(tmp_path, capsys, default_book):
    database = tmp_path / "qa.sqlite"
    monday = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)
    store_week(database, default_book, monday, ["greeting-rude", "model-call"])  # before --since
    store_week(database, default_book, monday + datetime.timedelta(weeks=1), ["greeting-rude", "model-call"])
    store_week(database, default_book, monday + datetime.timedelta(weeks=2), ["model-call", "closing-split"])
    report = tmp_path / "trend.html"
    assert main(["qa", "report", "--db", str(database), "--since", "2026-11-09", "--html", str(report)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "since 2026-11-09"
    assert out[2].split()[:4] == ["2026-W46", "2", "50%", "78"]
    assert "greeting 1" in out[2] and "forbidden 1" in out[2]
    assert out[3].split()[:4] == ["2026-W47", "2", "100%", "100"]
    assert len(out) == 4  # the week before --since is left out
    html = report.read_text(encoding="utf-8")
    assert "每周合格率 Pass rate per week" in html and html.count("<svg") == 2 and "<polyline" in html
    assert "<td>禁语 forbidden wording</td><td>1</td><td>0</td>" in html


def test_report_errors_say_what_to_do(tmp_path, capsys):
    assert main(["qa", "report", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no such database; 'assist qa --db" in capsys.readouterr().err
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    assert main(["qa", "report", "--db", str(other)]) == 2
    assert "not a database of assist qa results" in capsys.readouterr().err
    assert main(["qa", "--db", str(other), str(DATA / "model-call.txt")]) == 2
    assert main(["qa", "report"]) == 2
    assert "name the database with --db" in capsys.readouterr().err
    database = tmp_path / "qa.sqlite"
    assert main(["qa", "--db", str(database), str(DATA / "model-call.txt")]) == 0
    assert main(["qa", "report", "--db", str(database), "--since", "last week"]) == 2
    assert "--since last week: not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_a_database_in_a_missing_folder_is_named(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "qa.sqlite"
    assert main(["qa", "--db", str(target), str(DATA / "model-call.txt")]) == 2
    assert f"assist qa: {target}: cannot create the database: no folder {target.parent}" in capsys.readouterr().err
