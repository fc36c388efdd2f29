"""Problems in the Chinese interface are said in Chinese: each kind of problem in a phrasebook or a
personal file, read as the sidebar reads it, then shown in the banners of a real window. What is
quoted from the file (keys, values, names) stays as written; `assist check` stays English."""

from __future__ import annotations

import re

import pytest

from assist.core.loader import check_text
from assist.core.personal_reader import read_personal
from assist.core.problem_zh import in_chinese
from assist.core.yaml_source import read_file
from tests.problem_fixtures import BROKEN_BOOKS, BROKEN_PERSONAL_FILES

# Names that are not English words: the format's, the file's encoding, the program's and its command.
TECHNICAL = re.compile(r"YAML|UTF-8|UTF-16|Assist|assist check|true/false|true|false|MB|U\+[0-9A-F]{4}|0x[0-9a-f]{2}")
FALLBACK = in_chinese("a message no template knows")


def english_left(text: str, *quoted_as_written: str) -> list[str]:
    """The English words in `text` once quotes (“…”), `quoted_as_written` and technical names are left out."""
    for written in quoted_as_written:
        text = text.replace(written, "")
    text = TECHNICAL.sub("", re.sub(r"“[^”]*”", "", text))
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize("kind", list(BROKEN_BOOKS))
def test_every_problem_of_a_book_has_its_chinese(kind):
    problems = check_text(BROKEN_BOOKS[kind], "centre.yaml").problems
    assert problems, f"{kind}: the fixture should be broken"
    for problem in problems:
        assert problem.message_zh != FALLBACK, f"{kind}: no Chinese for {problem.message!r}"
        assert english_left(problem.message_zh) == [], f"{kind}: {problem.message_zh}"


@pytest.mark.parametrize("kind", list(BROKEN_PERSONAL_FILES))
def test_every_problem_of_a_personal_file_has_its_chinese(kind):
    data = BROKEN_PERSONAL_FILES[kind].encode("utf-8", "surrogateescape")
    _, problems = read_personal(data, "personal.yaml")
    assert problems, f"{kind}: the fixture should be broken"
    for problem in problems:
        assert problem.message_zh != FALLBACK, f"{kind}: no Chinese for {problem.message!r}"
        assert english_left(problem.message_zh) == [], f"{kind}: {problem.message_zh}"


def test_a_file_that_cannot_be_read_is_said_in_chinese(tmp_path):
    messages = [read_file(place).problems[0].message_zh for place in (tmp_path / "missing.yaml", tmp_path)]
    assert messages == ["文件不存在", "这是文件夹，不是文件"]


def test_the_chinese_names_the_place_and_keeps_what_the_file_says():
    said = [
        in_chinese("unknown key 'colour' in situation 'hold'; known keys: id, title, phrases"),
        in_chinese("phrase 2 text must be text, not a number (5)"),
        in_chinese("situation 3 is missing 'title'"),
        in_chinese(
            "YAML syntax: while parsing a block mapping, did not find expected key (it began at line 1, column 1)"
        ),
        in_chinese("cannot read the file: it changed while it was read"),
    ]
    assert said == [
        "情形“hold”中有未知的键“colour”；可用的键：“id”、“title”、“phrases”",
        "第 2 条用语的内容应为文字，而不是数字“5”",
        "第 3 个情形缺少“title”",
        "YAML 语法错误：缩进不对，此处应是一个键（始于第 1 行第 1 列）",
        "无法读取文件：读取时文件被改动了",
    ]


def test_assist_check_keeps_its_english(tmp_path):
    problem = check_text(BROKEN_BOOKS["unknown key"], "centre.yaml").problems[0]
    assert str(problem).startswith("centre.yaml:14:5: unknown key 'colour' in situation 'hold'; known keys: ")


# -- in the window -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["unknown key", "yaml: a bad indent", "not a list", "instead names no phrase"])
def test_the_book_banner_speaks_chinese(open_window, settings, tmp_path, kind):
    from assist.core.personal import PersonalStore
    from assist.ui.book_source import BookSource

    centre = tmp_path / "centre.yaml"
    centre.write_text(BROKEN_BOOKS[kind], encoding="utf-8")
    settings.set("profile/dismissed", True)
    source = BookSource(str(centre), PersonalStore(tmp_path / "personal.yaml"))
    window = open_window(source.load(), settings, source=source)
    source.reload()  # as after an edit the watcher saw: the banner hears of it through the window's wiring
    banner = window.banner
    assert banner.isVisible()
    shown = banner.title.text() + "\n" + banner.details.text()
    assert "第 " in banner.details.text() and " 行第 " in banner.details.text()
    assert english_left(shown, str(centre), centre.name) == [], shown


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("unknown key", "第 4 行第 5 列：第 1 条用语中有未知的键“colour”；可用的键：“situation”、“text”、“en”"),
        ("yaml syntax", "第 3 行第 4 列：YAML 语法错误：列表项缩进不对，应以“- ”开头（始于第 2 行第 3 列）"),
        ("wrong type", "第 1 行第 10 列：用语应为列表（以“- ”开头的行），而不是文字“好的”"),
        ("favourite without text", "第 2 行第 5 列：第 1 条收藏缺少“text”"),
    ],
)
def test_the_personal_file_banner_speaks_chinese(qtbot, personal_window, kind, said):
    window, _ = personal_window(BROKEN_PERSONAL_FILES[kind])
    banner = window.personal_banner
    assert banner.isVisible()
    shown = "\n".join([banner.title.text(), banner.details.text(), banner.hint.text()])
    assert said in banner.details.text().splitlines()  # what is wrong, not only its kind
    path = str(banner.personal.store.path)
    assert english_left(shown, path, "personal.yaml.damaged", "personal.yaml") == [], shown
