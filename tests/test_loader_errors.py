"""Every kind of broken phrasebook is reported with its line and column, never with a traceback."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.core.directory_file import check_directory_text
from assist.core.loader import check_file, check_text, load_phrasebook
from assist.core.personal import PersonalFileDamaged, PersonalStore
from assist.core.personal_reader import read_personal
from assist.core.problems import PhrasebookError, Severity
from tests.helpers import ROOT

MINIMAL = """\
name: 最小示例
situations:
  - id: hold
    title: 查询等待
    phrases:
      - text: 请稍等,我帮您查一下。
    forbidden:
      - text: 等一会!
        instead: 请稍等,我帮您查一下。
"""


def problems(text: str) -> list[str]:
    result = check_text(text, "book.yaml")
    assert result.book is None, "a broken book must not load"
    return [f"{p.position.line}:{p.position.column}: {p.message}" for p in result.errors]


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_minimal_book_is_valid():
    result = check_text(MINIMAL)
    assert result.problems == ()
    assert result.book.situations[0].forbidden[0].instead == "请稍等,我帮您查一下。"


def test_shipped_minimal_example_is_valid():
    assert check_file(ROOT / "phrasebook/examples/minimal.yaml").problems == ()


def test_unknown_key_is_named_with_a_suggestion():
    text = MINIMAL.replace("    title: 查询等待", "    titel: 查询等待")
    found = problems(text)
    assert "4:5: unknown key 'titel' in situation 'hold'; did you mean 'title'?" in found
    assert "3:5: situation 'hold' is missing 'title'" in found


def test_wrong_type():
    text = MINIMAL.replace("    title: 查询等待", "    title: [查询, 等待]")
    assert only_problem(text) == "4:12: situation 'hold' title must be text, not a list"


def test_missing_field():
    text = MINIMAL.replace("        instead: 请稍等,我帮您查一下。\n", "")
    assert only_problem(text) == "8:9: forbidden 1 is missing 'instead'"


def test_duplicate_situation_id():
    second = MINIMAL.split("situations:\n")[1]
    found = problems(MINIMAL + second)
    assert found == ["10:5: duplicate id 'hold' in situations"]


def test_instead_must_name_a_phrase_of_its_situation():
    text = MINIMAL.replace("        instead: 请稍等,我帮您查一下。", "        instead: 请稍等,我帮您查查。")
    assert only_problem(text).startswith("8:9: instead '请稍等,我帮您查查。' names no phrase of situation 'hold'")


def test_undefined_placeholder():
    text = MINIMAL.replace("      - text: 请稍等,我帮您查一下。", "      - text: 您好,{organisation}。", 1)
    text = text.replace("        instead: 请稍等,我帮您查一下。", "        instead: 您好,{organisation}。")
    assert (
        only_problem(text) == "6:15: placeholder {organisation} is not declared under 'placeholders' (declared: none)"
    )


def test_declared_placeholder_is_fine():
    text = "placeholders:\n  organisation:\n    label: 单位名称\n" + MINIMAL.replace(
        "请稍等,我帮您查一下。", "您好,{organisation}。"
    )
    assert check_text(text).problems == ()


def test_yaml_syntax_error_with_position():
    text = MINIMAL.replace("    title: 查询等待", "    title: '查询等待")
    assert only_problem(text) == (
        "10:1: YAML syntax: while scanning a quoted scalar, found unexpected end of stream "
        "(it began at line 4, column 12)"
    )
    assert only_problem("name: x\nsituations: [a, b\n").startswith("3:1: YAML syntax:")


def test_tab_indentation():
    assert only_problem("name: x\n\tsituations: []\n").startswith("2:1: YAML syntax:")


@pytest.mark.parametrize(
    "tag",
    ["!!python/object:os.system", "!!python/name:os.system", "!custom", "!!python/object/apply:os.system"],
)
def test_object_constructing_tags_are_refused(tag):
    found = only_problem(f"name: {tag} x\nsituations: []\n")
    assert found.startswith("1:7: tag ") and "is not allowed" in found


def test_empty_and_blank_files():
    assert only_problem("") == "1:1: the file is empty"
    assert only_problem("   \n\t\n") == "1:1: the file is empty"
    no_data = (
        "1:1: the file holds no data, only comments or blank lines; a phrasebook needs at least 'name' and 'situations'"
    )
    assert only_problem("   \n\n# only a comment\n") == no_data
    assert only_problem("---\n...\n") == no_data


def test_top_level_must_be_a_mapping():
    assert only_problem("- a\n- b\n") == "1:1: the phrasebook must be a mapping (key: value lines), not a list"


def test_binary_file(tmp_path):
    path = tmp_path / "book.yaml"
    path.write_bytes(b"name: x\n\x89PNG\r\n\x1a\n\x00\x00")
    result = check_file(path)
    assert [str(p) for p in result.problems] == [f"{path}:2:1: not UTF-8 text (byte 0x89); save the file as UTF-8"]
    path.write_bytes(b"name: x\x00\x01")
    assert [str(p) for p in check_file(path).problems] == [
        f"{path}:1:8: control character U+0000 in the text; is this a binary file?"
    ]


def test_missing_file_and_folder(tmp_path):
    assert check_file(tmp_path / "nope.yaml").problems[0].message == "no such file"
    assert check_file(tmp_path).problems[0].message == "this is a folder, not a file"


def test_deep_nesting_is_refused_promptly():
    started = time.perf_counter()
    block = "- " * 20_000 + "x\n"  # block sequences nested on one line
    flow = "x: " + "[" * 20_000 + "]" * 20_000
    mappings = "x: " + "{a: " * 20_000 + "}" * 20_000
    indented = "".join("  " * depth + f"k{depth}:\n" for depth in range(200))
    for text in (block, flow, mappings, indented):
        found = problems(text)
        assert len(found) == 1 and ("nested deeper than" in found[0] or "nesting depth" in found[0]), found
    assert time.perf_counter() - started < 30  # generous: a hang would be minutes


def test_alias_bomb_is_refused():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    found = only_problem("\n".join(lines) + "\n")
    assert "once aliases are expanded" in found


def test_recursive_alias_is_refused():
    assert "refers to itself" in only_problem("name: &a [*a]\n")


def test_duplicate_mapping_key():
    assert only_problem("name: a\nname: b\nsituations: []\n") == "2:1: duplicate key 'name'"


def test_second_document():
    assert only_problem(MINIMAL + "---\nname: other\n").startswith("10:1: a phrasebook holds one YAML document")


def test_unless_must_contain_the_forbidden_text():
    text = MINIMAL.replace(
        "        instead: 请稍等,我帮您查一下。",
        "        instead: 请稍等,我帮您查一下。\n        unless: [等一下]",
    )
    assert (
        only_problem(text) == "10:18: '等一下' contains neither '等一会!' nor one of its variants or clauses; an "
        "exception in 'unless' is a longer wording around the forbidden text"
    )


def test_unless_may_hold_a_variant_between_gaps():
    text = MINIMAL.replace(
        "        instead: 请稍等,我帮您查一下。",
        "        instead: 请稍等,我帮您查一下。\n        variants: [等一下]\n        unless: [稍等一下, 等一下…给您]",
    )
    assert not check_text(text).problems


def test_a_clause_is_a_part_of_the_forbidden_text():
    text = MINIMAL.replace(
        "        instead: 请稍等,我帮您查一下。",
        "        instead: 请稍等,我帮您查一下。\n        clauses: [等着]",
    )
    assert only_problem(text) == (
        "10:19: '等着' is not a part of '等一会!'; 'clauses' lists parts of the forbidden text that are "
        "forbidden said alone (write other wordings in 'variants')"
    )


def test_bad_match_mode():
    text = MINIMAL.replace(
        "        instead: 请稍等,我帮您查一下。",
        "        instead: 请稍等,我帮您查一下。\n        match: exact",
    )
    assert only_problem(text) == "10:16: match must be one of contains, utterance, not 'exact'"


def test_forbidden_text_may_not_be_a_standard_phrase():
    text = MINIMAL.replace("      - text: 等一会!", "      - text: 请稍等,我帮您查一下。")
    assert "is also a standard phrase" in only_problem(text)


def test_several_problems_are_all_reported():
    text = MINIMAL.replace("    title: 查询等待", "    titel: 查询等待").replace("instead: 请稍等", "instead: 请等")
    assert len(problems(text)) == 3


def test_repeated_phrase_is_a_warning_only():
    text = MINIMAL.replace("      - text: 请稍等,我帮您查一下。\n", "      - text: 请稍等,我帮您查一下。\n" * 2, 1)
    result = check_text(text)
    assert result.book is not None
    assert [p.severity for p in result.problems] == [Severity.WARNING]


def test_load_phrasebook_raises_with_every_problem(write_book):
    path = write_book("name: x\n")
    with pytest.raises(PhrasebookError) as caught:
        load_phrasebook(path)
    assert str(caught.value) == f"{path}:1:1: the phrasebook is missing 'situations'"


def test_huge_book_is_answered_promptly(write_book):
    phrases = "".join(f"      - text: 第{index}句标准用语,请稍等。\n" for index in range(100_000))
    path = write_book("name: 大\nsituations:\n  - id: big\n    title: 大\n    phrases:\n" + phrases)
    started = time.perf_counter()
    result = check_file(path)
    elapsed = time.perf_counter() - started
    assert result.problems == ()
    assert result.book.phrase_count == 100_000
    assert elapsed < 60  # prompt even on a slow shared machine; benchmarks give the real figure


# -- wrong types anywhere: reported with their line and column, never raised ----------------------

WRONG_VALUES = (
    {"a": 1},
    [1],
    [],
    {},
    5,
    1.5,
    "text",
    "",
    None,
    True,
    [{"x": [None, {"y": 2}]}],
    {"k": [{"n": {}}], 3: [[]]},
)


def kind(value: object) -> str:
    return "mapping" if isinstance(value, dict) else "list" if isinstance(value, list) else "scalar"


def every_place(node: object, place: tuple = ()) -> Iterator[tuple]:
    """The path to every value of a YAML document, the document itself first."""
    yield place
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from every_place(child, (*place, key))


def with_value(document: object, place: tuple, value: object) -> object:
    if not place:
        return value
    changed = copy.deepcopy(document)
    parent = changed
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = value
    return changed


def wrong_type_cases(document: object) -> Iterator[tuple[tuple, object, str]]:
    for place in every_place(document):
        for value in WRONG_VALUES:
            changed = with_value(document, place, value)
            yield place, value, yaml.dump(changed, Dumper=yaml.CSafeDumper, allow_unicode=True)


def assert_positioned(problems, text: str, case) -> None:
    lines = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.position.line <= lines and problem.position.column >= 1, (case, str(problem))


def small_book() -> dict:
    """The built-in book cut to a few situations that use every kind of field, and its guidance."""
    book = yaml.safe_load((ROOT / "phrasebook/96128.yaml").read_text(encoding="utf-8"))
    rich = [s for s in book["situations"] if {"helper", "ticket_note", "conduct", "subjects"} & s.keys()]
    book["situations"] = book["situations"][:1] + rich[:2]
    book["guidance"] = book["guidance"][:1]
    return book


def test_wrong_types_anywhere_in_a_phrasebook_are_reported_never_raised():
    cases = 0
    for place, value, text in wrong_type_cases(small_book()):
        result = check_text(text, "book.yaml")  # never raises
        assert_positioned(result.problems, text, (place, value))
        assert result.book is not None or result.errors, (place, value)
        cases += 1
    assert cases > 1000


def test_wrong_types_anywhere_in_a_directory_are_reported_never_raised():
    directory = yaml.safe_load((ROOT / "phrasebook/directory.yaml").read_text(encoding="utf-8"))
    directory["departments"] = directory["departments"][:3]
    for place, value, text in wrong_type_cases(directory):
        result = check_directory_text(text, "directory.yaml")
        assert_positioned(result.problems, text, (place, value))
        assert result.directory is not None or result.problems, (place, value)


PERSONAL = {
    "phrases": [
        {"situation": "hold", "text": "请您稍候。", "en": "One moment."},
        {"situation": "thanks", "text": "谢谢"},
    ],
    "favourites": [{"situation": "hold", "text": "请您稍候。"}],
}


def test_wrong_types_anywhere_in_the_personal_file_are_reported_and_the_file_kept(tmp_path):
    path = tmp_path / "personal.yaml"
    for place, value, text in wrong_type_cases(PERSONAL):
        path.write_text(text, encoding="utf-8")
        store = PersonalStore(path)
        data, problems = store.load()  # never raises
        assert_positioned(problems, text, (place, value))
        means_empty = value is None and place in ((), ("phrases",), ("favourites",))
        if kind(value) != kind(_at(PERSONAL, place)):
            assert store.damaged or means_empty, (place, value)
        if store.damaged:
            with pytest.raises(PersonalFileDamaged):
                store.update(lambda data: data)
            assert path.read_text(encoding="utf-8") == text  # never written over
        else:  # what was read is all there was: saving it loses nothing
            store.save(data)
            assert PersonalStore(path).load() == (data, ())


def _at(document: object, place: tuple) -> object:
    for key in place:
        document = document[key]
    return document


personal_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["situation", "text", "en", "x"]), inner)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    phrases=st.lists(st.dictionaries(st.sampled_from(["situation", "text", "en", "y"]), personal_values), max_size=3)
    | personal_values,
    favourites=personal_values,
)
def test_any_personal_file_is_read_without_an_exception(phrases, favourites):
    text = yaml.safe_dump({"phrases": phrases, "favourites": favourites}, allow_unicode=True)
    data, problems = read_personal(text.encode("utf-8"), "personal.yaml")
    assert_positioned(problems, text, text)
    assert all(isinstance(p.text, str) and isinstance(p.situation, str) for p in data.phrases)
