"""Trial 4, items 3, 6, 7, 9d, 9e: values and words during a call. Each from the tester's steps."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.test_live_sidebar import recorded, send
from tests.ui_fixtures import press

CJK = re.compile(r"[\u4e00-\u9fff]")


def outside_quotes(text: str) -> str:
    """The text without what stands in “…” (phrase text may stay Chinese there)."""
    return re.sub(r"“[^”]*”", "", text)


# -- 6: the pin status line shows the card's text, not the template --------------------------


@pytest.mark.parametrize(("language", "label"), [("zh", "〔单位名称〕"), ("en", "〔Organisation〕")])
def test_6_pinning_a_phrase_says_it_as_the_card_shows_it(qtbot, open_window, settings, tmp_path, language, label):
    from assist.core.personal import PersonalStore
    from assist.ui.book_source import BookSource

    settings.set("profile/dismissed", True)
    settings.set("appearance/language", language)
    source = BookSource(None, PersonalStore(tmp_path / "personal.yaml"))
    window = open_window(source.load(), settings, source=source)
    press(qtbot, window, "Alt+1")
    card = window.situation_page.cards[0]
    assert "{organisation}" in card.phrase.text
    card.favourite_clicked.emit()
    said = window.status.toolTip()
    assert said.startswith("★") and "{" not in said and label in said, said


# -- 9d: a situation has one number everywhere --------------------------------------------------


@pytest.fixture
def live(qtbot, call_window):
    controller = call_window.live_controller()
    assert controller.handle({"command": "call-ended"}) == {"ok": True}  # builds the rules
    qtbot.waitUntil(lambda: controller.rules is not None, timeout=10_000)
    return call_window


def test_9d_the_offer_numbers_the_tenth_situation_0_as_its_page_title(qtbot, live):
    window = live
    for message in recorded("complaint")[:3]:
        send(window, message)
    offer = window.live.strip.offer.text()
    complaint = window.navigator.book.situation("complaint")
    assert window.navigator.book.situations.index(complaint) == 9  # the tenth: key Alt+0
    assert "→ 0 " in offer and "→ 10 " not in offer, offer
    press(qtbot, window, "F4")
    title = re.sub(r"<[^>]+>", "", window.page_title.text())
    assert title.startswith("0 ") and "遇到来电投诉的用户" in title, title


# -- 9e: a partial utterance does not outlive the call ----------------------------------------


def test_9e_a_partial_utterance_is_gone_from_the_transcript_when_the_call_ends(qtbot, live):
    window = live
    say = {"command": "utterance", "speaker": "agent"}
    send(window, {**say, "text": "您好，某市政务服务中心，请问有什么可以帮您？", "final": True})
    send(window, {**say, "text": "我帮您查", "final": False})
    assert any("我帮您查" in label.text() for label in window.live.strip.line_labels if label.isVisible())
    send(window, {"command": "call-ended"})
    shown = [label.text() for label in window.live.strip.line_labels if label.isVisible()]
    assert not any("我帮您查" in text for text in shown), shown
    assert any("请问有什么可以帮您" in text for text in shown)  # the final words stay to read


# -- 7: the English qa findings are English, and name the wording -----------------------------


@pytest.fixture
def english_live(qtbot, settings, call_window_factory):
    settings.set("appearance/language", "en")
    return call_window_factory()


@pytest.fixture
def call_window_factory(open_window, default_book, settings, clock, qtbot):
    from assist.core.directory import default_directory
    from assist.core.directory_file import check_directory_file

    def open_():
        settings.set_profile_values({"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1"})
        settings.set("profile/dismissed", True)
        window = open_window(default_book, settings, clock=clock, directory=check_directory_file(default_directory()))
        controller = window.live_controller()
        controller.handle({"command": "call-ended"})
        qtbot.waitUntil(lambda: controller.rules is not None, timeout=10_000)
        return window

    return open_


def test_7_the_english_findings_are_english_and_quote_the_forbidden_wording(qtbot, english_live):
    window = english_live
    say = {"command": "utterance", "speaker": "agent", "final": True}
    send(window, {"command": "utterance", "speaker": "caller", "text": "我想问一下出口退税要多久？", "final": True})
    send(window, {**say, "text": "你等一会！我去看看。"})
    send(window, {**say, "text": "好的。"})
    send(window, {"command": "call-ended"})
    result = window.live.strip.result.text()
    assert "“等一会”" in result, result
    assert "not heard: greeting" in result and "farewell" in result, result
    assert not CJK.search(outside_quotes(re.sub(r"<[^>]+>", "", result))), result


def test_7_the_chinese_findings_stay_chinese(qtbot, call_window_factory):
    window = call_window_factory()
    say = {"command": "utterance", "speaker": "agent", "final": True}
    send(window, {"command": "utterance", "speaker": "caller", "text": "我想问一下出口退税要多久？", "final": True})
    send(window, {**say, "text": "你等一会！我去看看。"})
    send(window, {"command": "call-ended"})
    result = re.sub(r"<[^>]+>", "", window.live.strip.result.text())
    assert "忌：“等一会”" in result and "招呼声" in result, result
    assert not re.search(r"[A-Za-z]{3,}", result.replace("QA", "")), result


# -- 3: a department picked while the card's form is open fills the form ----------------------


def open_misrouted_form(qtbot, window):
    """Alt+2, Ctrl+1: the misrouted phrase asks, in its card, for the department and its number."""
    press(qtbot, window, "Alt+2")
    press(qtbot, window, "Ctrl+1")
    form = window.copying.values_form
    assert form is not None and {"target_department", "target_phone"} <= set(form.fields)
    assert not form.fields["target_department"].text()
    return form


def test_3_a_department_picked_with_the_form_open_fills_it_and_enter_copies(qtbot, call_window, clipboard):
    from tests.test_call_directory import IMMIGRATION, pick

    window = call_window
    form = open_misrouted_form(qtbot, window)
    pick(qtbot, window, "crj")  # 出入境管理局, 0871-61234511, no extension
    assert window.copying.values_form is form  # the form stays, the cursor where it was left
    assert form.fields["target_department"].text() == "出入境管理局"
    assert form.fields["target_phone"].text() == "0871-61234511"
    assert "应转部门" not in window.status.toolTip()  # nothing is asked for any more
    assert "target_extension" not in form.fields  # this department has none: that part drops
    form.fields["target_phone"].setFocus()
    qtbot.keyClick(form.fields["target_phone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: clipboard.text().endswith(IMMIGRATION))
    assert window.copying.values_form is None


def test_3_save_and_copy_with_the_picked_values_copies(qtbot, call_window, clipboard):
    from tests.test_call_directory import IMMIGRATION, pick

    window = call_window
    form = open_misrouted_form(qtbot, window)
    pick(qtbot, window, "crj")
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clipboard.text().endswith(IMMIGRATION))


def test_3_a_field_still_empty_is_said_when_saving(qtbot, call_window, clipboard):
    window = call_window
    form = open_misrouted_form(qtbot, window)
    window.status.clear("form")
    form.fields["target_department"].setText("档案馆")
    qtbot.mouseClick(form.findChild(QPushButton, "submitButton"), Qt.MouseButton.LeftButton)
    assert window.copying.values_form is form and clipboard.text() == "(nothing copied yet)"
    said = window.status.toolTip()
    assert "请先填写" in said and "应转部门电话" in said, said
    assert form.fields["target_phone"].hasFocus()
