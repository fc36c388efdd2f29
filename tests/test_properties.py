"""Property-based tests: any text given to the loader gives a book or clear problems, never another
exception; any text given to the checker gives findings with valid spans."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.core.checker import Checker
from assist.core.loader import check_text, load_phrasebook
from assist.core.problems import Severity

BOOK = load_phrasebook()
CHECKER = Checker(BOOK)
YAML_PIECES = st.sampled_from(
    [
        "name: x\n",
        "situations:\n",
        "  - id: hold\n",
        "    title: t\n",
        "    phrases:\n",
        "      - text: 好\n",
        "    forbidden:\n",
        "      - text: 坏\n        instead: 好\n",
        "&a [*a]",
        "!!python/object:os.system x",
        "- ",
        ": ",
        "{",
        "[",
        "]",
        "}",
        "'",
        '"',
        "\t",
        "\n",
        "---\n",
        "#",
        "*a",
        "&a ",
        "\x00",
        "…",
        "{organisation}",
    ]
)
SPEECH = st.sampled_from(
    [
        "喂",
        "，",
        "查",
        "什么",
        "？",
        "再见",
        "不",
        "清楚",
        "知道",
        "您",
        "你",
        "啊",
        "…",
        " ",
        "\n",
        "听",
        "等一会",
        "谢谢您的来电",
        "!",
        "坐席：",
        "没办法",
        "这个",
        "好的",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(YAML_PIECES, max_size=40).map("".join)))
def test_any_text_gives_a_book_or_positioned_problems(text):
    result = check_text(text, "fuzz.yaml")
    if result.book is None:
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        assert errors
        for problem in errors:
            assert problem.path == "fuzz.yaml" and problem.position.line >= 1 and problem.position.column >= 1
            assert problem.message and "Traceback" not in problem.message
    else:
        assert result.book.situations


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(SPEECH, max_size=30).map("".join)))
def test_any_text_gives_findings_with_valid_spans(text):
    lines = text.split("\n")
    for finding in CHECKER.check(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.match
        line = lines[finding.line - 1]
        assert line[finding.column - 1 : finding.end_column - 1] == finding.match
        assert "\n" not in finding.match
        assert finding.suggestion in {p.text for s in BOOK.situations for p in s.phrases}
