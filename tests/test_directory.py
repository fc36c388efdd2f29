"""The department directory: validated with positions like the phrasebook, searched with pinyin."""

import pytest

from assist.cli import main
from assist.core.directory import DirectoryIndex, default_directory
from assist.core.directory_file import check_directory_file, check_directory_text
from assist.core.pinyin import read


@pytest.fixture(scope="module")
def index():
    directory = check_directory_file(default_directory()).directory
    return DirectoryIndex(directory, read(DirectoryIndex.texts_to_read(directory)))


def problems(text):
    result = check_directory_text(text, "d.yaml")
    assert result.directory is None
    return [f"{p.position.line}:{p.position.column}: {p.message}" for p in result.problems]


def test_the_shipped_example_is_valid_and_fills_the_misrouted_phrase():
    result = check_directory_file(default_directory())
    assert result.problems == () and len(result.directory.departments) >= 10
    first = result.directory.departments[0]
    assert set(first.values()) == {"target_department", "target_phone", "target_extension"}


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("公积金", "住房公积金管理中心"),
        ("gjj", "住房公积金管理中心"),
        ("shebao", "人力资源和社会保障局"),
        ("驾驶证", "公安局交通管理支队"),
        ("jiashizheng", "公安局交通管理支队"),
        ("tax", "税务局"),
        ("shiwuju", "税务局"),
        ("营业执照", "市场监督管理局"),
    ],
)
def test_picker_finds_by_name_keyword_pinyin_initials_and_typos(index, query, name):
    assert index.query(query, 3)[0].name == name


def test_empty_query_lists_the_directory_and_nonsense_finds_nothing(index):
    assert len(index.query("", 5)) == 5
    assert index.query("xyzxyz") == []


def test_each_problem_is_named_with_its_line():
    assert problems("departments:\n  - name: 甲\n    phone: 12a\n") == [
        "3:12: phone '12a' may hold only digits, spaces and + - ( )"
    ]
    assert problems("departments:\n  - name: 甲\n") == ["2:5: department 1 is missing 'phone'"]
    assert problems("departments:\n  - name: 甲\n    phone: 123\n  - name: 甲\n    phone: 456\n") == [
        "4:5: department '甲' is listed twice"
    ]
    assert problems("departments: []\n") == ["1:14: departments is empty; it needs at least one entry"]
    assert problems("departments:\n  - {name: 甲, phone: '123', colour: red}\n")[0].startswith(
        "2:29: unknown key 'colour' in department 1"
    )
    assert problems("departments: [\n")[0].startswith("2:1: YAML syntax")


def test_assist_check_knows_a_directory(tmp_path, capsys):
    assert main(["check", str(default_directory())]) == 0
    assert "departments" in capsys.readouterr().out
    broken = tmp_path / "directory.yaml"
    broken.write_text("departments:\n  - name: 甲\n    phone: 12a\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    assert f"{broken}:3:12: phone '12a'" in capsys.readouterr().out


def test_a_pick_replaces_all_of_the_directorys_values_and_keeps_the_others():
    from assist.core.directory import after_pick

    departments = {d.name: d for d in check_directory_file(default_directory()).directory.departments}
    housing = after_pick({"caller_name": "王先生"}, departments["住房公积金管理中心"])
    assert housing["target_extension"] == "8003"
    immigration = after_pick(housing, departments["出入境管理局"])
    assert immigration == {
        "caller_name": "王先生",
        "target_department": "出入境管理局",
        "target_phone": "0871-61234511",
    }
