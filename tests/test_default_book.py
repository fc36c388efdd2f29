"""The built-in book carries every item of the 96128 norm, in order, with correct punctuation."""

import re

from assist.core.model import MatchMode
from tests.helpers import CALL_FLOW, THREE_VOICES, zh

IDS = [
    "greeting",
    "misrouted",
    "silent",
    "clarify",
    "hold",
    "criticism",
    "apology",
    "opinion",
    "closing",
    "complaint",
]


def texts(book, situation_id):
    return [phrase.text for phrase in book.situation(situation_id).phrases]


def forbidden(book, situation_id):
    return [entry.text for entry in book.situation(situation_id).forbidden]


def test_ten_situations_in_the_norms_order(default_book):
    assert [situation.id for situation in default_book.situations] == IDS
    assert default_book.situation("greeting").title == "用户电话接入"
    assert default_book.situation("complaint").title == "遇到来电投诉的用户"
    assert all(situation.title_en for situation in default_book.situations)


def test_standard_phrases_verbatim_and_in_order(default_book):
    assert texts(default_book, "greeting") == [zh("您好,{organisation},请问有什么可以帮您?")]
    assert texts(default_book, "misrouted") == [
        zh(
            "对不起,刚才给您转接的同事可能没能充分理解您的意思,我这里是{department},您咨询的问题,"
            "请致电{target_department}电话:{target_phone}[转{target_extension}]查询即可"
        )
    ]
    assert texts(default_book, "silent") == [
        zh("您好!{organisation}?请问有什么可以帮您?您好!请说!"),
        zh("对不起,我听不到您的声音,请问有什么可以帮您,非常抱歉,您的电话没有声音,请您换一部电话再打来可以吗?谢谢!"),
    ]
    assert texts(default_book, "clarify") == [
        zh("对不起,请允许我打断一下"),
        zh("是这样…我明白(理解)"),
        zh("对不起,您是说…对吗…?"),
    ]
    assert texts(default_book, "hold") == [
        zh("请稍等,我帮您查一下。"),
        zh("对不起,让您久等了"),
        "谢谢您的耐心等待",
        zh("请问还有什么可以帮您?"),
    ]
    assert texts(default_book, "criticism") == [zh("谢谢您的建议(批评),我们会尽快向上级部门反映。")]
    assert texts(default_book, "apology") == ["对不起", "请原谅", "给您添麻烦了", "我们立即采取措施为您解决"]
    assert texts(default_book, "opinion") == [zh("很感谢您的宝贵意见(建议),我们一定会认真考虑的。")]
    assert texts(default_book, "closing") == [
        zh("谢谢您的来电,请您在听到提示音后对我的服务做出评价,再见!"),
        zh("感谢您对我工作的肯定,在今后的工作中我会更加努力,请问还有什么可以帮您?"),
    ]
    assert texts(default_book, "complaint") == [
        zh("很感谢您对我们提出的宝贵意见,您的建议对我们非常重要,对改善我们今后的工作很有帮助……谢谢您的来电,再见!"),
        zh("很抱歉…是我们的工作没做到位,给您添麻烦了"),
    ]


def test_every_forbidden_phrase_of_the_norm(default_book):
    assert forbidden(default_book, "greeting") == [zh("喂,查什么?")]
    assert forbidden(default_book, "misrouted") == [zh("打错了,真烦!")]
    assert forbidden(default_book, "silent") == [zh("喂,出声呀,说啊,再不出声就挂机啦。"), "喂…喂…"]
    assert forbidden(default_book, "clarify") == [zh("快点说!"), zh("你先听我说完么!"), zh("你听我说!")]
    assert forbidden(default_book, "hold") == [zh("等一会!"), "不知道", zh("你问我,我问谁呀")]
    assert forbidden(default_book, "criticism") == ["又不是我的错", "不清楚"]
    assert forbidden(default_book, "apology") == ["没办法", "解决不了"]
    assert forbidden(default_book, "opinion") == [zh("你提意见也没用!"), zh("你的意见根本不可行!")]
    assert forbidden(default_book, "closing") == ["再见", "我应该的"]
    assert forbidden(default_book, "complaint") == []


def test_match_rules_keep_polite_speech_apart(default_book):
    goodbye = default_book.situation("closing").forbidden[0]
    assert goodbye.match is MatchMode.UTTERANCE
    unclear = default_book.situation("criticism").forbidden[1]
    assert "听不清楚" in unclear.unless
    dont_know = default_book.situation("hold").forbidden[1]
    assert any("不知道您还有什么需要".startswith(context) for context in dont_know.unless)


def test_every_forbidden_entry_points_at_a_phrase_of_its_situation(default_book):
    for situation in default_book.situations:
        for entry in situation.forbidden:
            assert situation.replacement_for(entry) in situation.phrases


def test_conduct_subjects_and_guidance(default_book):
    for situation_id in IDS[:-1]:
        situation = default_book.situation(situation_id)
        assert situation.do and situation.dont, situation_id
    assert [item.text for item in default_book.situation("silent").dont] == [
        "沉默收线或招呼用户不足两次收线",
        "招呼用语模糊不清",
    ]
    assert [item.text for item in default_book.situation("complaint").subjects] == [
        "投诉信息联络员服务态度",
        "资料错误",
    ]
    sections = {section.id: section for section in default_book.guidance}
    assert list(sections) == ["speech", "honorifics", "flow", "voices", "courtesy"]
    assert [item.text for item in sections["flow"].items] == list(CALL_FLOW)
    assert [item.text for item in sections["voices"].items] == list(THREE_VOICES)
    assert [item.text for item in sections["courtesy"].items] == ["您好", "请", "谢谢", "对不起", "再见"]
    assert len(sections["honorifics"].items) == 14
    assert [item.text for item in sections["speech"].items] == [
        "语感自然",
        "语气亲切",
        "语调柔和",
        "语流适中",
        "语言简练",
        "语意明确",
    ]


def test_placeholders_are_declared_with_label_and_example(default_book):
    assert set(default_book.placeholders) == {
        "organisation",
        "department",
        "agent_number",
        "target_department",
        "target_phone",
        "target_extension",
    }
    assert all(item.label and item.example for item in default_book.placeholders.values())
    assert default_book.placeholders["organisation"].example == "云南省商务厅办公室"


def test_chinese_text_uses_full_width_punctuation(default_book):
    ascii_next_to_chinese = re.compile(r"[\u4e00-\u9fff…}][,?!:;()]|[,?!:;()][\u4e00-\u9fff{]")
    for situation in default_book.situations:
        for text in [
            situation.title,
            *(p.text for p in situation.phrases),
            *(f.text for f in situation.forbidden),
            *(g.text for g in situation.do + situation.dont),
        ]:
            assert not ascii_next_to_chinese.search(text), text


def test_search_keywords_in_chinese_and_english(default_book):
    for situation in default_book.situations:
        assert any(re.search(r"[\u4e00-\u9fff]", word) for word in situation.keywords), situation.id
        assert any(re.fullmatch(r"[a-z ]+", word) for word in situation.keywords), situation.id
