"""Broken phrasebooks and personal files, one per kind of problem the readers report."""

from __future__ import annotations

HOLD = """\
  - id: hold
    title: 等待
    phrases:
      - text: 请您稍候。
      - text: 感谢您的耐心等待。
    forbidden:
      - text: 等着
        instead: 请您稍候。
"""


def book(situations: str = HOLD, top: str = "", qa: str = "") -> str:
    """A small book: `top` goes before the situations, `qa` after them."""
    head = "name: 本中心\nplaceholders:\n  organisation:\n    label: 单位名称\n"
    return head + top + "situations:\n" + situations + qa


def hold_with(lines: str) -> str:
    """The hold situation with `lines` added to its first forbidden entry (indented as its keys)."""
    return book(HOLD + "".join(f"        {line}\n" for line in lines.splitlines()))


BROKEN_BOOKS: dict[str, str] = {
    # YAML
    "yaml: a colon in a value": "name: 本中心: 分中心\n",
    "yaml: a bad indent": "name: 本中心\nsituations:\n  - id: hold\n   title: 等待\n",
    "yaml: an unclosed quote": "name: '本中心\n",
    "yaml: a tab": "name: 本中心\nsituations:\n\t- id: hold\n",
    "yaml: an unclosed list": "name: 本中心\nsituations: [a, b\n",
    "yaml: an unclosed mapping": "name: {a: 1\n",
    "yaml: a missing colon": "name: 本中心\nsituations:\n  - id: hold\n    title\n    phrases: []\n",
    "yaml: two documents": "name: 本中心\n---\nname: 又一个\n",
    "yaml: a duplicate key": "name: 本中心\nname: 又一个\n",
    "yaml: an alias without anchor": "name: *missing\n",
    "yaml: a tag": "name: !!python/object:os.system 本中心\n",
    "yaml: a bad number": "name: 本中心\nformat: !!int abc\n",
    "yaml: only comments": "# 只有注释\n",
    "yaml: a control character": "name: 本中心\x01\n",
    "yaml: too deep": "name: " + "[" * 70 + "]" * 70 + "\n",
    # the format
    "unknown key, close to a known one": book(HOLD.replace("    title: 等待", "    titel: 等待\n    title: 等待")),
    "unknown key": book(HOLD + "    colour: red\n"),
    "missing key": book(HOLD.replace("    title: 等待\n", "")),
    "not a list": book(
        HOLD.replace(
            "    phrases:\n      - text: 请您稍候。\n      - text: 感谢您的耐心等待。\n", "    phrases: 请您稍候。\n"
        )
    ),
    "not a mapping": book("  - 等待\n"),
    "empty text": book(HOLD.replace("title: 等待", "title: ''")),
    "empty list": book("  - id: hold\n    title: 等待\n    phrases: []\n"),
    "bad id": book(HOLD.replace("id: hold", "id: Hold")),
    "duplicate id": book(HOLD + HOLD),
    "not one of the choices": book(
        HOLD.replace("      - text: 请您稍候。\n", "      - text: 请您稍候。\n        step: lunch\n")
    ),
    "not true or false": book(top="", situations=HOLD).replace(
        "label: 单位名称", "label: 单位名称\n    profile: maybe"
    ),
    "not a whole number": book(top="format: one\n"),
    "an unsupported format": book(top="format: 2\n"),
    "a bad placeholder name": book().replace("  organisation:", "  Organisation:"),
    "an undeclared placeholder": book(
        HOLD.replace("请您稍候。\n      - text: 感谢", "请您稍候，{name}。\n      - text: 感谢")
    ),
    "an unclosed optional part": book(HOLD.replace("感谢您的耐心等待。", "感谢[{organisation}的耐心等待。")),
    "a stray bracket": book(HOLD.replace("感谢您的耐心等待。", "感谢]您的耐心等待。")),
    "nested optional parts": book(HOLD.replace("感谢您的耐心等待。", "感谢[[{organisation}]]您。")),
    "an optional part without a placeholder": book(HOLD.replace("感谢您的耐心等待。", "感谢[您]的耐心等待。")),
    "forbidden text that is a standard phrase": book(HOLD.replace("text: 等着", "text: 请您稍候。")),
    "a repeated phrase": book(HOLD.replace("感谢您的耐心等待。", "请您稍候。")),
    "a clause not in the text": hold_with("clauses: [走开]"),
    "an exception without the wording": hold_with("unless: [很好]"),
    "instead names no phrase, close": book(HOLD.replace("instead: 请您稍候。", "instead: 请您稍后。")),
    "instead names no phrase": book(HOLD.replace("instead: 请您稍候。", "instead: 完全不同的话")),
    "instead names no situation, close": book(HOLD.replace("instead: 请您稍候。", "instead: hols#1")),
    "instead names no situation": book(HOLD.replace("instead: 请您稍候。", "instead: zzzzzz#1")),
    "instead number out of range": book(HOLD.replace("instead: 请您稍候。", "instead: hold#9")),
    "instead names twice": book(HOLD.replace("instead: 请您稍候。", "instead: [hold#1, hold#1]")),
    "qa out of range": book(qa="qa:\n  pass_score: 200\n"),
    "qa not a number": book(qa="qa:\n  greeting_within: soon\n"),
    "qa unknown rule": book(qa="qa:\n  weights:\n    smile: 5\n"),
    "qa weights not a mapping": book(qa="qa:\n  weights: 5\n"),
    "qa unknown situation": book(qa="qa:\n  response_situations: [nowhere]\n"),
}

BROKEN_PERSONAL_FILES: dict[str, str] = {
    "yaml syntax": "phrases:\n  - situation: hold\n   text: 好的\n",
    "unknown key": "phrases:\n  - situation: hold\n    text: 好的\n    colour: red\n",
    "missing key": "phrases:\n  - situation: hold\n",
    "wrong type": "phrases: 好的\n",
    "not a mapping": "- 好的\n",
    "bad situation id": "phrases:\n  - situation: Hold Me\n    text: 好的\n",
    "empty text": "phrases:\n  - situation: hold\n    text: ''\n",
    "favourite without text": "favourites:\n  - situation: hold\n",
    "not utf-8": "phrases:\n  - situation: hold\n    text: \udcff\n",
}
