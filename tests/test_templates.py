from assist.core import templates


def test_fill_replaces_known_values_and_reports_missing_ones():
    filled = templates.fill("您好，{organisation}，我这里是{department}。", {"organisation": "商务厅"})
    assert filled.text == "您好，商务厅，我这里是{department}。"
    assert filled.missing == ("department",)
    assert not filled.complete


def test_blank_values_count_as_missing():
    assert templates.fill("{a}{a}", {"a": "  "}).missing == ("a",)


def test_braces_that_are_not_placeholders_stay_text():
    assert templates.fill("{ 1 } {Upper} {}", {}).text == "{ 1 } {Upper} {}"
    assert templates.placeholders_in("{ 1 } {Upper} {}") == []


def test_segments_split_text_and_placeholders():
    assert templates.segments("您好，{organisation}！") == [
        templates.Segment("您好，"),
        templates.Segment("organisation", True),
        templates.Segment("！"),
    ]


MISROUTED = "请致电{target_department}电话：{target_phone}[转{target_extension}]查询即可"


def test_an_optional_part_is_left_out_with_its_words_when_its_value_is_empty():
    values = {"target_department": "出入境管理局", "target_phone": "0871-61234511"}
    assert templates.fill(MISROUTED, values) == templates.Filled("请致电出入境管理局电话：0871-61234511查询即可", ())
    for blank in ({}, {"target_extension": "  "}):
        assert templates.fill(MISROUTED, {**values, **blank}).complete
    with_extension = templates.fill(MISROUTED, {**values, "target_extension": "8003"})
    assert with_extension.text == "请致电出入境管理局电话：0871-61234511转8003查询即可"


def test_required_placeholders_are_still_missing_and_optional_ones_never_are():
    filled = templates.fill(MISROUTED, {})
    assert filled.missing == ("target_department", "target_phone")
    assert filled.text == "请致电{target_department}电话：{target_phone}查询即可"
    assert templates.placeholders_in(MISROUTED) == ["target_department", "target_phone", "target_extension"]
    assert templates.optional_placeholders(MISROUTED) == ["target_extension"]
    # A name also used outside any optional part is required.
    assert templates.optional_placeholders("{a}[（{a}）]") == []
    # An optional part with two placeholders is kept only when both have a value.
    assert templates.fill("A[ {x}-{y}]B", {"x": "1"}).text == "AB"
    assert templates.fill("A[ {x}-{y}]B", {"x": "1", "y": "2"}).text == "A 1-2B"


def test_segments_number_the_optional_parts():
    assert templates.segments("电话[转{ext}]") == [
        templates.Segment("电话"),
        templates.Segment("转", group=0),
        templates.Segment("ext", True, group=0),
    ]


def test_broken_optional_parts_are_named_with_the_character():
    assert templates.problems(MISROUTED) == []
    assert templates.problems("a[转{x}") == ["'[' at character 2 is never closed; end the optional part with ']'"]
    assert templates.problems("a]") == ["']' at character 2 closes no '['; write 】 for a literal bracket"]
    assert templates.problems("[注意]{x}") == [
        "optional part '[注意]' at character 1 holds no placeholder; "
        "write it as plain text, or 【】 for literal brackets"
    ]
    assert (
        templates.problems("[a[{x}]]")[0]
        == "'[' at character 3 opens a part inside another; optional parts do not nest"
    )


def test_brackets_around_plain_text_stay_text():
    """An agent's own phrase may hold brackets without a placeholder: they are copied as written."""
    assert templates.fill("请看[附件]，电话{x}", {"x": "1"}).text == "请看[附件]，电话1"
    assert templates.fill("[a]b]", {}).text == "[a]b]"
