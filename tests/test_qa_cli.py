"""`assist qa` from the command line: input formats, problems named by file and line, output, exit codes."""

from __future__ import annotations

import io
import json
import os
import time

import pytest

from assist.cli import main
from assist.core.loader import check_text
from assist.core.qa import transcript
from assist.core.qa.batch import CHUNK, check_calls
from assist.core.qa.transcript import InputProblem, read_calls
from tests.helpers import ROOT

DATA = ROOT / "tests/data/qa"
GOOD = DATA / "model-call.txt"
FAILING = DATA / "closing-bare-goodbye.txt"


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def model_records(call: str, agent: str = "", timed: bool = True) -> list[dict]:
    lines = GOOD.read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(line for line in lines if line.startswith("[")):
        speaker = "agent" if "坐席" in line else "caller"
        record = {"call": call, "speaker": speaker, "text": line.split("：", 1)[1]}
        if timed:
            record |= {"start": number * 4.0, "end": number * 4.0 + 3}
        if agent:
            record["agent"] = agent
        records.append(record)
    return records


def test_exit_0_when_every_call_passed_and_1_when_some_failed(capsys):
    assert main(["qa", str(GOOD)]) == 0
    assert main(["qa", str(GOOD), str(FAILING)]) == 1
    out = capsys.readouterr().out
    assert "call closing-bare-goodbye: score 55, FAILED" in out
    assert "line 8 closing:" in out and "say:  谢谢您的来电，请您在听到提示音后对我的服务做出评价，再见！" in out
    assert out.rstrip().endswith("2 calls: 1 passed, 1 failed (pass score 80)")


def test_text_output_shows_the_time_of_timed_findings(capsys):
    assert main(["qa", str(DATA / "hold-long-silence.txt")]) == 0  # one rule of weight 10 failed: 90 passes
    out = capsys.readouterr().out
    assert "score 90, passed" in out and "line 5 [0:10] hold-checkin:" in out and "waited 45 s" in out


def test_json_is_an_array_of_calls_and_jsonl_one_call_a_line(capsys):
    assert main(["qa", "--format", "json", str(GOOD), str(FAILING)]) == 1
    calls = json.loads(capsys.readouterr().out)
    assert [call["call"] for call in calls] == ["model-call", "closing-bare-goodbye"]
    assert set(calls[1]) == {"call", "agent", "score", "passed", "findings"}
    assert set(calls[1]["findings"][0]) == {"rule", "line", "time", "text", "message", "suggestion"}
    assert main(["qa", "--format", "jsonl", str(GOOD), str(FAILING)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in lines] == calls
    assert main(["qa", "--format", "json", str(DATA / "nothing-here.txt")]) == 2
    assert json.loads(capsys.readouterr().out) == []


def test_a_folder_is_read_whole(capsys):
    assert main(["qa", "--format", "jsonl", str(DATA)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == len(list(DATA.glob("*.txt")))


def test_json_lines_of_many_calls_with_agents(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    bad_closing = model_records("c2", "2048")
    bad_closing[-1]["text"] = "再见"
    batch.write_text(jsonl(*model_records("c1", "1024"), *bad_closing), encoding="utf-8")
    assert main(["qa", "--format", "json", str(batch)]) == 1
    calls = json.loads(capsys.readouterr().out)
    assert [(call["call"], call["agent"], call["passed"]) for call in calls] == [
        ("c1", "1024", True),
        ("c2", "2048", False),
    ]
    closing = next(finding for finding in calls[1]["findings"] if finding["rule"] == "closing")
    assert (closing["line"], closing["time"], closing["text"]) == (16, 28.0, "再见")  # the line in the batch file


def test_bad_lines_are_named_by_file_and_line_and_the_rest_of_the_batch_runs(tmp_path, capsys):
    no_label = tmp_path / "no-label.txt"
    no_label.write_text("坐席：您好\n这一行没有说话人\n", encoding="utf-8")
    backwards = tmp_path / "backwards.txt"
    backwards.write_text("[00:20] 坐席：您好\n[00:10] 客户：你好\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(
        jsonl({"call": "x", "speaker": "robot", "text": "hi"}) + "{not json\n" + jsonl(*model_records("ok")),
        encoding="utf-8",
    )
    assert main(["qa", str(no_label), str(backwards), str(records), str(GOOD)]) == 1
    captured = capsys.readouterr()
    assert f"{no_label}:2: no speaker label before '这一行没有说话人'" in captured.err
    assert f"{backwards}:2: the time [00:10] goes backwards" in captured.err
    assert f'{records}:1: unknown speaker "robot": use "agent" or "caller"' in captured.err
    assert f"{records}:2: not JSON" in captured.err
    assert "call ok: score 100" in captured.out and "call model-call: score 100" in captured.out
    assert "2 calls: 2 passed, 0 failed (pass score 80), 4 input problems" in captured.out


def test_exit_2_only_when_nothing_could_be_read(tmp_path, capsys):
    binary = tmp_path / "audio.wav"
    binary.write_bytes(b"RIFF\0\0\0\0WAVE" * 100)
    assert main(["qa", str(binary), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{binary}: not a text file" in err and "missing.txt: no such file" in err
    assert "no call could be read" in err


def test_gb18030_transcripts_are_read(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes(GOOD.read_text(encoding="utf-8").encode("gb18030"))
    assert main(["qa", str(path)]) == 0
    assert "call gbk: score 100, passed" in capsys.readouterr().out


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_standard_input(monkeypatch, capsys, encoding):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(GOOD.read_text(encoding="utf-8").encode(encoding))))
    assert main(["qa", "-"]) == 0
    assert "<stdin>: call stdin: score 100, passed" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(jsonl(*model_records("s1")).encode(encoding))))
    assert main(["qa", "--format", "jsonl", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["call"] == "s1"


def test_a_line_longer_than_any_utterance_stops_its_file_promptly(tmp_path, monkeypatch):
    monkeypatch.setattr(transcript, "MAX_LINE", 1000)
    huge = tmp_path / "huge.txt"
    huge.write_text("坐席：" + "啊" * 5_000_000, encoding="utf-8")
    began = time.perf_counter()
    items = list(read_calls([str(huge)]))
    assert time.perf_counter() - began < 1  # not a timing target: reading 5 M characters would take longer
    assert items == [InputProblem(str(huge), 1, "line longer than 1,000 characters; the rest is not read")]


def test_many_calls_on_several_workers_come_back_in_order_and_equal(default_book):
    records = [record for n in range(CHUNK * 3 + 7) for record in model_records(f"call-{n}", timed=n % 2 == 0)]
    records[5]["text"] = "不知道"
    items = list(read_calls_from_text(jsonl(*records)))
    alone = [result.as_json() for result in check_calls(default_book, items, jobs=1)]
    shared = [result.as_json() for result in check_calls(default_book, items, jobs=2)]
    assert shared == alone
    assert [call["call"] for call in shared] == [f"call-{n}" for n in range(CHUNK * 3 + 7)]
    assert not shared[0]["passed"] and all(call["passed"] for call in shared[1:])


def read_calls_from_text(text: str):
    return transcript._read_stream(io.StringIO(text), "<test>", "test")


def test_the_books_qa_section_is_validated(capsys):
    book = (ROOT / "phrasebook/96128.yaml").read_text(encoding="utf-8")
    broken = (
        book.replace("pass_score: 80", "pass_score: 180")
        .replace("    closing: 15", "    closin: 15")
        .replace("response_situations: [criticism,", "response_situations: [critic,")
        .replace("hold_threshold: 30", "hold_threshold: soon")
    )
    result = check_text(broken, "book.yaml")
    messages = [problem.message for problem in result.errors]
    assert result.book is None
    assert "qa pass_score must be from 0 to 100, not 180" in messages
    assert any(message.startswith("qa weights: unknown rule 'closin'; the rules are greeting,") for message in messages)
    assert any(message.startswith("qa response_situations: no situation 'critic' in this book") for message in messages)
    assert "qa hold_threshold must be a number from 5 to 600, not text ('soon')".replace("600", "3600") in messages
    tuned = check_text(book.replace("pass_score: 80", "pass_score: 60").replace("    closing: 15", "    closing: 45"))
    assert tuned.book.qa.pass_score == 60 and tuned.book.qa.weights["closing"] == 45


def test_a_file_of_noise_gets_a_few_problems_not_one_a_line(tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_text("\n".join(f"random words {n}" for n in range(100_000)), encoding="utf-8")
    items = list(read_calls([str(noise)]))
    assert len(items) == transcript.MAX_PROBLEMS + 1
    assert items[-1] == InputProblem(str(noise), 0, "10 problems; the rest is not read")


def test_json_lines_without_call_boundaries_are_not_held_whole(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("assist.core.qa.json_lines.MAX_UTTERANCES", 50)
    endless = tmp_path / "endless.jsonl"
    endless.write_text(jsonl(*[{"call": "one", "speaker": "agent", "text": "您好"}] * 200, *model_records("next")))
    assert main(["qa", str(endless)]) == 1
    captured = capsys.readouterr()
    assert f"{endless}:51: more than 50 lines in one call; not one call" in captured.err
    assert "call next: score 100, passed" in captured.out


def test_a_call_whose_lines_are_apart_is_named(tmp_path, capsys):
    apart = tmp_path / "apart.jsonl"
    apart.write_text(jsonl(*model_records("a")[:3], *model_records("b"), *model_records("a")[3:]), encoding="utf-8")
    main(["qa", str(apart)])
    assert f'{apart}:12: call "a" again after other calls; keep its lines together' in capsys.readouterr().err


def test_assist_check_names_a_wrong_qa_value_by_line(tmp_path, capsys):
    book = tmp_path / "book.yaml"
    text = (ROOT / "phrasebook/96128.yaml").read_text(encoding="utf-8")
    book.write_text(text.replace("  similarity: 80", "  similarity: 8"), encoding="utf-8")
    line = text.splitlines().index("  similarity: 80") + 1
    assert main(["check", str(book)]) == 1
    assert f"{book}:{line}:15: qa similarity must be from 50 to 100, not 8" in capsys.readouterr().out


def test_assist_qa_imports_no_qt(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, assist.core.qa, assist.cli\n"
        "for module in pkgutil.iter_modules(assist.core.qa.__path__):\n"
        "    importlib.import_module('assist.core.qa.' + module.name)\n"
        f"assist.cli.main(['qa', '--html', r'{tmp_path / 'r.html'}', '--db', r'{tmp_path / 'q.sqlite'}', r'{GOOD}'])\n"
        f"assist.cli.main(['qa', 'report', '--db', r'{tmp_path / 'q.sqlite'}', '--html', r'{tmp_path / 't.html'}'])\n"
        "print(sorted(name for name in sys.modules if name.startswith(('PySide6', 'shiboken'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "t.html").is_file()


def test_forbidden_wording_is_placed_in_its_utterance(default_book):
    from assist.core.qa.rules import Inspector

    records = [
        {"call": "c", "speaker": "agent", "text": "您好，云南省商务厅办公室，\n请问\u2028有什么可以帮您？"},
        {"call": "c", "speaker": "caller", "text": "社保怎么查？"},
        {"call": "c", "speaker": "agent", "text": "不知道。等一会！"},
    ]
    (call,) = [item for raw in read_calls_from_text(jsonl(*records)) for item in transcript_of(raw)]
    findings = [f for f in Inspector(default_book).check(call).findings if f.rule == "forbidden"]
    assert [(f.line, f.text[f.start : f.end]) for f in findings] == [(3, "不知道"), (3, "等一会")]


def transcript_of(raw):
    from assist.core.qa.json_lines import parse_call

    return parse_call(raw)


def test_a_reader_that_stops_reading_ends_the_run_quietly(tmp_path):
    import subprocess
    import sys

    batch = tmp_path / "many.jsonl"
    records = [record for n in range(1000) for record in model_records(f"call-{n}")]
    for record in records[7::8]:
        record["text"] = "再见"  # every call fails: its findings make more output than a pipe holds
    batch.write_text(jsonl(*records), encoding="utf-8")
    command = [sys.executable, "-m", "assist", "qa", "--jobs", "1", str(batch)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert b"Traceback" not in err


def test_blocks_cut_inside_a_character_or_a_line_read_the_same(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(transcript, "BLOCK", 7)  # cuts GB18030 characters and lines everywhere
    windows = tmp_path / "windows.txt"
    windows.write_bytes(GOOD.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(jsonl(*model_records("j1"), *model_records("j2")).replace("\n", "\r\n").encode("gb18030"))
    assert main(["qa", "--format", "jsonl", str(windows), str(batch)]) == 0
    calls = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(call["call"], call["score"]) for call in calls] == [("windows", 100), ("j1", 100), ("j2", 100)]


def test_a_nul_byte_after_the_first_block_stops_the_file(tmp_path):
    path = tmp_path / "late-binary.txt"
    path.write_text("坐席：您好\n" * 9_000 + "坐席：\0\0\0\n坐席：您好\n", encoding="utf-8")
    items = list(read_calls([str(path)]))
    line = 9_001
    assert items == [InputProblem(str(path), line, "line a NUL byte: not a text file; the rest is not read")]


@pytest.mark.parametrize("before", [True, False])
def test_a_centres_book_tunes_the_scores(tmp_path, capsys, before):
    book = tmp_path / "centre.yaml"
    text = (ROOT / "phrasebook/96128.yaml").read_text(encoding="utf-8")
    book.write_text(text.replace("pass_score: 80", "pass_score: 95"), encoding="utf-8")
    option = ["--phrasebook", str(book)]
    arguments = [*option, "qa"] if before else ["qa", *option]
    assert main([*arguments, str(DATA / "hold-long-silence.txt")]) == 1  # 90 fails against 95
    assert "score 90, FAILED" in capsys.readouterr().out


def test_a_nul_byte_in_a_last_line_without_a_line_break_is_named(monkeypatch, capsys):
    """Found by the property test: standard input has no first look for NUL bytes, as files have."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("坐席：您好\0".encode())))
    assert main(["qa", "-"]) == 2
    assert "<stdin>:1: line a NUL byte: not a text file; the rest is not read" in capsys.readouterr().err


def test_a_time_that_is_no_time_is_named(tmp_path, capsys):
    path = tmp_path / "clock.txt"
    path.write_text("[00:75] 坐席：您好\n[1:60:00] 客户：你好\n", encoding="utf-8")
    assert main(["qa", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1: [00:75] is not a time: write [mm:ss] or [hh:mm:ss]" in err
    assert f"{path}:2: [1:60:00] is not a time" in err


def test_a_report_that_cannot_be_written_is_named(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "report.html"
    assert main(["qa", "--html", str(target), str(GOOD)]) == 2
    assert f"assist qa: cannot write the report {target}:" in capsys.readouterr().err


def test_the_report_is_readable_by_others_like_any_new_file(tmp_path, capsys):
    target = tmp_path / "report.html"
    previous = os.umask(0o022)
    try:
        assert main(["qa", "--html", str(target), str(GOOD)]) == 0
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644  # a report is for supervisors, unlike the agent's own files
    assert main(["qa", "--html", str(tmp_path / "none.html"), str(tmp_path / "missing.txt")]) == 2
    assert not (tmp_path / "none.html").exists()  # no report of nothing


def test_a_checked_call_is_written_nowhere_but_where_asked(tmp_path):
    """Calls are private: without --html or --db, assist qa keeps nothing of them (no cache, no log)."""
    import subprocess
    import sys

    marker = "质检隐私测试 7d41"
    call = tmp_path / "calls" / "c1.txt"
    call.parent.mkdir()
    call.write_text(GOOD.read_text(encoding="utf-8").replace("外贸企业备案", marker), encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, **{name: str(home / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME")}}
    for options in ([], ["--format", "json"], ["--format", "jsonl", "--jobs", "2"]):
        command = [sys.executable, "-m", "assist", "qa", *options, str(call)]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    holding = [p for p in tmp_path.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
    assert holding == [call]
