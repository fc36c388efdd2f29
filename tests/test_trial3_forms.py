"""Trial 3, values and forms, driven by keys and clicks on the real sidebar: a department without an
extension never adds an extension field to an open form (item 11), and the complaint ticket note asks
for a missing value in place instead of copying a raw 〔工号〕 (item 4)."""

from PySide6.QtCore import Qt

from tests.helpers import zh
from tests.test_call_directory import IMMIGRATION, pick
from tests.ui_fixtures import press


def without(settings, name: str) -> None:
    """The agent's details with `name` never filled in."""
    settings.set_profile_values({"organisation": "某市政务服务中心", "department": "办公室", "agent_number": "1024"})
    settings.set_profile_values({name: ""})


def test_picking_a_department_without_extension_keeps_the_open_form_as_it_was(qtbot, call_window, settings, clipboard):
    window = call_window
    settings.set_profile_values({"department": ""})
    window.copier.profile_changed.emit()
    press(qtbot, window, "Alt+2")
    pick(qtbot, window, "gjj")  # 住房公积金管理中心, extension 8003
    press(qtbot, window, "Ctrl+1")
    form = window.copying.values_form
    assert list(form.fields) == ["department"]
    pick(qtbot, window, "huzhao")  # 出入境管理局, no extension: the optional part simply drops
    assert "Ctrl+1" in window.status.toolTip()  # the status line says Ctrl+1 copies now: the agent does
    press(qtbot, window, "Ctrl+1")
    form = window.copying.values_form
    assert form is not None and list(form.fields) == ["department"]
    form.fields["department"].setText("办公室")
    form.fields["department"].setFocus()
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text().endswith(IMMIGRATION))
    assert "8003" not in clipboard.text() and "分机号" not in clipboard.text()


def test_the_ticket_note_asks_for_a_missing_agent_number_in_place_then_copies_it_filled(
    qtbot, call_window, settings, clipboard
):
    window = call_window
    settings.set_profile_values({"agent_number": ""})
    window.copier.profile_changed.emit()
    press(qtbot, window, "Alt+0")
    panel = window.situation_page.helper
    qtbot.mouseClick(panel.buttons[1], Qt.MouseButton.LeftButton)  # 资料错误
    assert clipboard.text() == "(nothing copied yet)"  # never a raw 〔工号〕
    form = panel.values_form
    assert form is not None and list(form.fields) == ["agent_number"]
    qtbot.waitUntil(lambda: form.isVisible() and form.fields["agent_number"].hasFocus())
    assert "工号" in window.status.toolTip()
    qtbot.keyClicks(form.fields["agent_number"], "2048")
    press(qtbot, window, "Return")
    qtbot.waitUntil(lambda: clipboard.text().startswith(zh("【投诉】事项：资料错误；时间：")))
    assert clipboard.text().endswith("受理工号：2048")
    assert settings.profile()["agent_number"] == "2048"  # remembered, like every other card's form
    assert panel.values_form is None


def test_the_ticket_notes_form_is_left_with_esc_and_nothing_is_copied(qtbot, call_window, settings, clipboard):
    window = call_window
    settings.set_profile_values({"agent_number": ""})
    window.copier.profile_changed.emit()
    press(qtbot, window, "Alt+0")
    panel = window.situation_page.helper
    qtbot.mouseClick(panel.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.values_form.fields["agent_number"].hasFocus)
    press(qtbot, window, "Esc")
    assert panel.values_form is None and clipboard.text() == "(nothing copied yet)"
    assert "工号" not in window.status.toolTip()
