"""`assist search` and `assist lint` from the command line, and the public Python API."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from assist.cli import main
from tests.helpers import LINT_JSON_KEYS, zh


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assist", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_search_text_and_json(capsys):
    assert main(["search", "qsd"]) == 0
    assert zh("请稍等,我帮您查一下。") in capsys.readouterr().out
    assert main(["search", "--format", "json", "--limit", "2", "shao", "deng"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0] == {"text": zh("请稍等,我帮您查一下。"), "situation": "hold", "score": hits[0]["score"]}
    assert all(set(hit) == {"text", "situation", "score"} for hit in hits)


def test_search_words_apart_and_a_whole_phrase(capsys):
    # The words of the query come as separate arguments, as a shell passes them.
    expectations = [
        (["xiexie", "pingjia"], zh("谢谢您的来电,请您在听到提示音后对我的服务做出评价,再见!")),
        (["on", "hold"], zh("请稍等,我帮您查一下。")),
        (["对不起让您久等了"], zh("对不起,让您久等了")),
    ]
    for words, expected in expectations:
        assert main(["search", "--format", "json", "--limit", "3", *words]) == 0
        assert json.loads(capsys.readouterr().out)[0]["text"] == expected, words


def test_search_nothing_found_and_bad_limit(capsys):
    assert main(["search", "xyzxyzxyz"]) == 1
    assert main(["search", "--limit", "0", "qsd"]) == 2


TRANSCRIPT = (
    "坐席：您好，请问有什么可以帮您？\n客户：我听不清楚\n坐席：这个不清楚，你问别人吧。\n"
    "坐席：好的，再见！\n客户：再见\n"
)


def test_lint_text_output(tmp_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    assert main(["lint", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    suggestion = zh("请稍等,我帮您查一下。")  # 不清楚 as the answer to a question: the lookup, not thanks for criticism
    assert lines[0] == f'{path}:3:6: 忌 "不清楚" (当用户提出建议和批评时) → "{suggestion}"'
    assert [line.split(": 忌")[0] for line in lines] == [f"{path}:3:6", f"{path}:4:7", f"{path}:5:4"]


def test_lint_json_and_agent_only(tmp_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    assert main(["lint", "--format", "json", "--agent-only", str(path)]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["column"], f["end_column"], f["match"]) for f in findings] == [
        (3, 6, 9, "不清楚"),
        (4, 7, 9, "再见"),
    ]
    assert set(findings[0]) == LINT_JSON_KEYS | {"alternatives"}
    assert findings[0]["alternatives"] == [zh("谢谢您的建议(批评),我们会尽快向上级部门反映。")]
    assert findings[1]["alternatives"] == []
    assert findings[1]["situation"] == "closing" and findings[1]["forbidden"] == "再见"


def test_lint_suggests_the_phrase_that_fits_the_words_around(tmp_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text("坐席：您反映的服务态度问题我不清楚\n坐席：您问的手续我不清楚\n", encoding="utf-8")
    assert main(["lint", "--format", "jsonl", str(path)]) == 1
    criticism, question = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    thanks, lookup = zh("谢谢您的建议(批评),我们会尽快向上级部门反映。"), zh("请稍等,我帮您查一下。")
    assert (criticism["suggestion"], criticism["alternatives"]) == (thanks, [lookup])
    assert (question["suggestion"], question["alternatives"]) == (lookup, [thanks])


def test_lint_clean_stdin_and_dash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("谢谢您的来电，再见！\n我听不清楚\n"))
    assert main(["lint"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("喂，查什么？\n"))
    assert main(["lint", "-"]) == 1
    assert capsys.readouterr().out.startswith('<stdin>:1:1: 忌 "喂，查什么"')


def test_lint_missing_file_is_an_error_that_names_it(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("您好\n", encoding="utf-8")
    assert main(["lint", str(clean), str(tmp_path / "gone.txt")]) == 2
    assert "gone.txt: no such file" in capsys.readouterr().err


def test_lint_gbk_transcript(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes("坐席：等一会！\n".encode("gbk"))
    assert main(["lint", str(path)]) == 1
    assert f'{path}:1:4: 忌 "等一会"' in capsys.readouterr().out


def test_lint_large_file_is_read_in_blocks(tmp_path, monkeypatch, capsys):
    import assist.core.lint as lint

    monkeypatch.setattr(lint, "BLOCK_CHARACTERS", 64)  # many blocks, cut inside lines
    path = tmp_path / "long.txt"
    path.write_text(
        "您好，请问有什么可以帮您？\n" * 50 + "坐席：等一会！\n" + "谢谢\n" * 30 + "不清楚", encoding="utf-8"
    )
    assert main(["lint", "--format", "json", str(path)]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["column"]) for f in findings] == [(51, 4), (82, 1)]


def test_lint_jsonl_is_one_finding_a_line_and_json_the_same_findings_as_one_array(tmp_path, capsys):
    path = tmp_path / "call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    assert main(["lint", "--format", "jsonl", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    findings = [json.loads(line) for line in lines]
    expected = [(3, 6, "不清楚"), (4, 7, "再见"), (5, 4, "再见")]
    assert [(f["line"], f["column"], f["match"]) for f in findings] == expected
    assert all(set(f) == LINT_JSON_KEYS | {"alternatives"} for f in findings)
    assert main(["lint", "--format", "json", str(path)]) == 1
    assert capsys.readouterr().out == json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
    path.write_text("您好\n", encoding="utf-8")
    assert main(["lint", "--format", "json", str(path)]) == 0
    assert main(["lint", "--format", "jsonl", str(path)]) == 0
    assert capsys.readouterr().out == "[]\n"


# Runs `assist lint` and reports the process's peak memory (resident set, KiB) on standard error.
PEAK_MEMORY = (
    "import resource, sys\n"
    "from assist.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "raise SystemExit(status)\n"
)
DENSE = "坐席：等一会！你问我，我问谁呀\n"  # two findings a line


def _peak_memory_mib(*args: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, "lint", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stderr
    return int(result.stderr.split()[-1]) / 1024


def test_lint_memory_stays_flat_whatever_the_size_of_the_transcript(tmp_path):
    """A transcript dense with findings, 8 times larger, takes no more memory: findings are
    written as they are found, never all held (655 MiB for 20 MB, before)."""
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(DENSE * 5_000, encoding="utf-8")  # 0.2 MB, 10,000 findings
    large.write_text(DENSE * 40_000, encoding="utf-8")  # 1.7 MB, 80,000 findings
    for output in ("json", "jsonl"):
        growth = _peak_memory_mib("--format", output, str(large)) - _peak_memory_mib("--format", output, str(small))
        assert growth < 20, f"--format {output}: {growth:.0f} MiB more for an 8 times larger transcript"


def test_lint_answers_a_line_that_froze_the_checker():
    result = run("lint", stdin="坐席：你问" + "我" * 200 + "\n" + "等一会！\n")
    assert result.returncode == 1
    assert result.stdout.startswith('<stdin>:2:1: 忌 "等一会"') and result.stdout.count("\n") == 1


def test_a_line_longer_than_a_block_is_cut_between_sentences(tmp_path, monkeypatch, capsys):
    """Memory stays bounded even for a transcript with no line breaks; columns count from the line."""
    import assist.core.lint as lint

    monkeypatch.setattr(lint, "BLOCK_CHARACTERS", 64)
    sentence = "您好，请问办理什么业务。"  # 12 characters
    path = tmp_path / "one-line.txt"
    agent, caller = "坐席：" + sentence * 40 + "等一会！" + sentence * 40, "客户：" + sentence * 30 + "等一会！"
    path.write_text(f"{agent}\n{caller}", "utf-8")
    assert main(["lint", "--format", "jsonl", "--agent-only", str(path)]) == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["line"], f["column"], f["end_column"], f["match"]) for f in findings] == [(1, 484, 487, "等一会")]
    assert main(["lint", "--format", "jsonl", str(path)]) == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["line"], f["column"]) for f in findings] == [(1, 484), (2, 364)]


def test_lint_with_a_broken_phrasebook_is_an_error(tmp_path):
    book = tmp_path / "b.yaml"
    book.write_text("name: x\n", encoding="utf-8")
    result = run("lint", "--phrasebook", str(book), stdin="再见\n")
    assert result.returncode == 2
    assert f"{book}:1:1: the phrasebook is missing 'situations'" in result.stderr


def test_public_api():
    import assist

    book = assist.load_phrasebook()
    hits = assist.Search(book).query("qsd", limit=10)
    assert hits[0].text == zh("请稍等,我帮您查一下。") and hits[0].situation == "hold" and hits[0].score > 0
    (finding,) = assist.Checker(book).check("喂,查什么?")
    assert (finding.line, finding.column, finding.end_column, finding.match) == (1, 1, 6, "喂,查什么")
    assert finding.situation == "greeting" and finding.forbidden == zh("喂,查什么?")
    assert finding.suggestion == zh("您好,{organisation},请问有什么可以帮您?")
    situation = book.situations[4]
    assert (situation.id, situation.title, situation.phrases[0].text) == (
        "hold",
        "对用户咨询的问题需要通过查询才能解答时",
        zh("请稍等,我帮您查一下。"),
    )
    assert situation.forbidden[0].text == zh("等一会!") and situation.forbidden[0].instead == situation.phrases[0].text
