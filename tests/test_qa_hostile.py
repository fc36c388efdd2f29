"""`assist qa` reading whatever it is given: every input ends in calls or named problems, never a traceback."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assist.core.loader import load_phrasebook
from assist.core.qa import transcript
from assist.core.qa.json_lines import parse_call
from assist.core.qa.rules import Inspector
from assist.core.qa.transcript import InputProblem, RawCall, Transcript

INSPECTOR = Inspector(load_phrasebook())
pieces = st.sampled_from(
    ["坐席：", "客户：", "agent:", "[00:05] ", "[1:02:03]", "[99:99]", "您好", "请稍等", "再见", "投诉", "\n", "\r\n",
     "\0", "{", "}", '"call"', ":", '"speaker"', '"agent"', '"text"', '"start"', "-1", "1e309", "null", ",", "#"]
)  # fmt: skip
texts = st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=60).map("".join)
records = st.lists(
    st.fixed_dictionaries(
        {"call": st.sampled_from(["a", "b", "", 7, None, True])},
        optional={
            "speaker": st.sampled_from(["agent", "caller", "robot", 3]),
            "text": st.one_of(st.text(max_size=8), st.integers()),
            "start": st.one_of(st.floats(allow_nan=True), st.integers(-5, 50), st.text(max_size=2)),
            "end": st.one_of(st.floats(allow_nan=False), st.none()),
            "agent": st.one_of(st.text(max_size=3), st.integers()),
        },
    ),
    max_size=12,
)


def outcomes(text: str) -> list[object]:
    """Everything the reader and the inspector make of `text`, as `assist qa` would."""
    found: list[object] = []
    for item in transcript._read_stream(io.StringIO(text), "<t>", "t"):
        parsed = parse_call(item) if isinstance(item, RawCall) else [item]
        for thing in parsed:
            assert isinstance(thing, Transcript | InputProblem)
            found.append(INSPECTOR.check(thing) if isinstance(thing, Transcript) else thing)
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_ends_in_calls_or_named_problems(text):
    for item in outcomes(text):
        if isinstance(item, InputProblem):
            assert item.source == "<t>" and item.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_any_json_lines_end_in_calls_or_named_problems(batch):
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in batch)
    results = outcomes(text)
    for item in results:
        if isinstance(item, InputProblem):
            assert item.line >= 0 and item.message
        else:
            assert 0 <= item.score <= 100
