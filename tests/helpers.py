"""Small helpers shared by the tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_WIDTH = str.maketrans({",": "，", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"})


def zh(text: str) -> str:
    """Chinese text with full-width punctuation, so tests can be typed with ASCII punctuation."""
    return text.translate(FULL_WIDTH)


# The keys of a finding in `assist lint --format json`, and the attributes of a Finding in Python.
LINT_JSON_KEYS = {"path", "line", "column", "end_column", "match", "forbidden", "situation", "suggestion"}
