"""Small helpers shared by the tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_WIDTH = str.maketrans({",": "，", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"})


def zh(text: str) -> str:
    """Chinese text with full-width punctuation, so tests can be typed with ASCII punctuation."""
    return text.translate(FULL_WIDTH)


# The keys of a finding in `assist lint --format json`, and the attributes of a Finding in Python.
# The norm's call flow and "three voices", as the default phrasebook's guidance lists them.
CALL_FLOW = ("问好", "聆听", "回应", "解答", "确认", "愉快的结束电话")
THREE_VOICES = ("招呼声", "询问声", "道别声")

LINT_JSON_KEYS = {"path", "line", "column", "end_column", "match", "forbidden", "situation", "suggestion"}
