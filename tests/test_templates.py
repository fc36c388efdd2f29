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
