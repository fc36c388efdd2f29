"""Issue 11, defect 10's leftovers from the new-user trial: in either language and at every reading
size, everything fits the default 400 px sidebar (no page wider than the window, no button whose text
is cut, the call flow on one line), the live suggestion is read whole, and the F1 sheet says which
keys are alternatives. Each was seen failing on the code before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from tests.ui_fixtures import FakeClock, press

SIZES = ["compact", "normal", "large", "larger"]
LANGUAGES = ["zh", "en"]
PAGES = {
    "list": [],
    "situation": ["Alt+5"],
    "misrouted": ["Alt+2", "Ctrl+1"],
    "silent caller": ["Alt+3"],
    "complaint": ["Alt+0"],
    "guidance": ["F2"],
    "keys": ["F1"],
    "settings": ["Ctrl+,"],
    "draft": ["Alt+5", "Ctrl+D"],
    "call": ["Ctrl+N", *["Alt+Right"] * 5, "Ctrl+H"],  # every step done but the last: the longest flow
}


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def wrapped_height(button: QAbstractButton) -> int:
    """The height a button needs for its text wrapped at its width (its frame from its one-line size)."""
    metrics = button.fontMetrics()
    frame = button.sizeHint() - metrics.size(0, button.text())
    room = QRect(0, 0, button.width() - frame.width(), 100_000)
    return metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, button.text()).height() + frame.height()


def overflowing(window: QWidget) -> list[str]:
    """Visible widgets reaching past the window's right edge, or buttons too narrow for their text."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() <= 1:
            continue
        right = widget.mapTo(window, QPoint(widget.width(), 0)).x()
        if right > window.width() + 1:
            found.append(f"{widget.objectName() or type(widget).__name__} reaches {right} px")
        if isinstance(widget, QAbstractButton) and widget.text():
            cut = widget.minimumSizeHint().width() > widget.width() + 1
            if widget.hasHeightForWidth():  # a button that wraps: tall enough for its text at its width?
                cut = cut or wrapped_height(widget) > widget.height() + 1
            if cut:
                found.append(f"{widget.objectName()} {widget.text()!r} is cut ({widget.width()} px)")
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_the_default_width(qtbot, sized_window, language, size):
    found = overflowing(sized_window(language, size, first_start=True))
    for page, keys in PAGES.items():
        window = sized_window(language, size, clock=FakeClock())
        assert window.width() == 400
        for key in keys:
            press(qtbot, window, key)
        settle()
        found += [f"{page}: {problem}" for problem in overflowing(window)]
        window.close()
    assert found == [], "\n".join(found)


def lines_of(label: QLabel) -> int:
    return round(label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing())


def one_line_width(label: QLabel) -> float:
    """The width the label's rich text takes on one line in its font."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    return document.idealWidth()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_call_flow_is_one_line_in_the_interface_language(qtbot, sized_window, language, size):
    window = sized_window(language, size, clock=FakeClock())
    press(qtbot, window, "Ctrl+N")
    for _ in range(5):
        press(qtbot, window, "Alt+Right")
    settle()
    flow = window.call_strip.flow_label
    assert lines_of(flow) == 1, flow.text()
    scale = flow.scale() if hasattr(flow, "scale") else 1.0  # drawn smaller to fit, if it must
    assert one_line_width(flow) * scale <= flow.contentsRect().width() + 1, (flow.width(), flow.text())
    assert QFontInfo(flow.font()).pixelSize() * scale >= 11  # and still legible
    words = {"zh": ["问好", "结束"], "en": ["Greet", "End"]}[language]
    assert all(word in flow.text() for word in words), flow.text()


def suggest_complaint(qtbot, window) -> None:
    controller = window.live_controller()
    assert controller.handle({"command": "call-ended"}) == {"ok": True}  # builds the rules
    qtbot.waitUntil(lambda: controller.rules is not None, timeout=10_000)
    heard = {"command": "utterance", "speaker": "caller", "final": True, "start": 1, "end": 3}
    assert window.handle_command({**heard, "text": "我要投诉你们的工作人员，态度太差了"}) == {"ok": True}


@pytest.mark.parametrize("size", ["normal", "larger"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_live_suggestion_is_shown_whole(qtbot, sized_window, language, size):
    window = sized_window(language, size, clock=FakeClock())
    suggest_complaint(qtbot, window)
    offer = window.live.strip.offer
    qtbot.waitUntil(offer.isVisible)
    settle()
    assert "F4" in offer.text()
    assert overflowing(window) == []


@pytest.mark.parametrize(
    ("language", "either"),
    [("zh", ["Ctrl+F 或 /", "Return 或 Enter"]), ("en", ["Ctrl+F or /", "Return or Enter"])],
)
def test_the_key_sheet_says_which_keys_are_alternatives(qtbot, sized_window, language, either):
    window = sized_window(language, "normal")
    press(qtbot, window, "F1")
    shown = [label.text() for label in window.keys_page.findChildren(QLabel, "keyCell")]
    assert all(keys in shown for keys in either), shown
    assert not any(" / " in keys for keys in shown), shown


def show_a_department_hit(qtbot, window) -> None:
    """The trial's steps: Alt+2, Ctrl+K, type `gjj`, until the picker shows its hit rows."""
    press(qtbot, window, "Alt+2")
    panel = window.situation_page.helper
    qtbot.waitUntil(panel.field.isEnabled, timeout=30_000)  # the directory is read in the background
    press(qtbot, window, "Ctrl+K")
    qtbot.waitUntil(panel.field.hasFocus)
    qtbot.keyClicks(panel.field, "gjj")
    qtbot.waitUntil(lambda: panel.index.has_pinyin and bool(panel.buttons), timeout=30_000)


def ask_about_a_new_call(qtbot, window) -> None:
    """The trial's steps: Alt+5, Ctrl+1, Ctrl+N: the question whether to end the call in progress."""
    for key in ("Alt+5", "Ctrl+1", "Ctrl+N"):
        press(qtbot, window, key)
    qtbot.waitUntil(window.findChild(QWidget, "newCallPrompt").isVisible)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", [show_a_department_hit, ask_about_a_new_call])
def test_transient_rows_fit_the_default_width(qtbot, sized_window, language, size, state):
    """Trial 4, item 1: the picker's hit rows and the new-call question never widen the page."""
    from assist.core.directory import default_directory
    from assist.core.directory_file import check_directory_file

    directory = check_directory_file(default_directory())
    window = sized_window(language, size, clock=FakeClock(), directory=directory)
    state(qtbot, window)
    settle()
    assert window.width() == 400
    assert overflowing(window) == []
