"""Helper panels a situation shows above its phrases: the silent caller's count, the department
picker of a misrouted call, the complaint subjects with their ticket note."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from assist.core.call import SilentCaller
from assist.core.model import Situation
from assist.ui.cards import make_label
from assist.ui.fitted_hint import HintFitter
from assist.ui.floating_list import FloatingList
from assist.ui.i18n import book_words, counted, tr
from assist.ui.inline_edit import InlineEdit
from assist.ui.wrap_button import WrapButton

if TYPE_CHECKING:  # the directory (and YAML) load only when a misrouted call needs them
    from assist.core.directory import Department, DirectoryIndex


def _button(text: str, name: str, tip: str = "", wrap: bool = False) -> QToolButton:
    button = WrapButton() if wrap else QToolButton()  # a long text wraps, never widens the page
    button.setObjectName(name)
    button.setText(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it, Space presses it; a click keeps the focus
    return button


class SilentCallerPanel(QFrame):
    """Situation 3 as steps: greet and prompt (twice at least), then ask the caller to call again."""

    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helperPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(
            make_label(
                tr(
                    "步骤：① 招呼、提示 (Ctrl+1) → ② 再次招呼 (Ctrl+1) → ③ 请换电话 (Ctrl+2)",
                    "Steps: ① greet and prompt (Ctrl+1) → ② greet again (Ctrl+1) → ③ ask to call again (Ctrl+2)",
                ),
                "gloss",
            )
        )
        row = QHBoxLayout()
        self.count = make_label("", "silentCount")
        row.addWidget(self.count, 1)
        reset = _button(tr("重新计数", "Start again"), "silentReset", tr("新的无声来电", "A new silent call"))
        reset.clicked.connect(self.reset_requested)
        row.addWidget(reset, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self.verdict = make_label("", "silentVerdict")
        layout.addWidget(self.verdict)

    def show_state(self, silent: SilentCaller) -> None:
        self.count.setText(
            tr(f"已招呼 {silent.greetings} 次", f"Greeted {counted(silent.greetings, 'time')}")
            + (tr(" · 已请用户换电话", " · asked to call again") if silent.asked_to_call_again else "")
        )
        if silent.may_hang_up:
            text, state = tr("✓ 可以挂机", "✓ You may hang up now"), "ok"
        elif silent.greetings_to_go:
            text = tr(
                f"还不能挂机：至少还要招呼 {silent.greetings_to_go} 次",
                f"Do not hang up: greet {counted(silent.greetings_to_go, 'more time')}",
            )
            state = "wait"
        else:
            text, state = (
                tr(
                    "还不能挂机：请用户换一部电话再打来 (Ctrl+2)",
                    "Do not hang up: ask them to call again first (Ctrl+2)",
                ),
                "wait",
            )
        self.verdict.setText(text)
        self.verdict.setProperty("state", state)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)


class DirectoryPanel(QFrame):
    """Picks the department a misrouted caller should ring; its name, phone and extension fill the phrase."""

    picked = Signal(object)  # the Department
    type_values = Signal()  # the agent wants to type the values for this call

    def __init__(self, index: DirectoryIndex | None, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helperPanel")
        self.index = index
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.field = InlineEdit()
        self.field.setObjectName("departmentPicker")
        self.hint = HintFitter(
            self.field,
            tr("找部门：名称、业务或拼音（Ctrl+K）", "Find a department (Ctrl+K)"),
            tr("找部门（Ctrl+K）", "Department (Ctrl+K)"),
        )
        self.field.textChanged.connect(self._on_text)
        self.field.returnPressed.connect(self._on_return)
        self.field.escaped.connect(self.field.clear)
        top.addWidget(self.field, 1)
        manual = _button(
            tr("手动填写", "Type them"),
            "typeDepartment",
            tr("本次通话手动填写部门、电话、分机", "Type the values for this call"),
        )
        manual.clicked.connect(self.type_values)
        top.addWidget(manual)
        layout.addLayout(top)
        self.results = FloatingList(self, self.field)  # over the cards below: typing moves no card
        self.chosen = make_label("", "departmentChosen")
        layout.addWidget(self.chosen)
        if problem:
            layout.addWidget(make_label(problem, "note"))
        self.buttons: list[QToolButton] = []
        self._shown: list[Department] = []
        self.field.setEnabled(index is not None)

    def set_index(self, index: DirectoryIndex) -> None:
        """A better index arrived (with pinyin): search again with what is typed."""
        self.index = index
        self.field.setEnabled(True)
        self._on_text(self.field.text())

    def show_choice(self, values: dict[str, str]) -> None:
        name = values.get("target_department", "")
        if name:
            phone, extension = values.get("target_phone", ""), values.get("target_extension", "")
            detail = tr(f"{phone} 转 {extension}", f"{phone} ext. {extension}") if extension else phone
            self.chosen.setText(tr(f"本次通话：{name} · {detail}", f"This call: {name} · {detail}"))
        else:
            self.chosen.setText("")

    def _on_text(self, text: str) -> None:
        self.results.clear()
        self.buttons = []
        self._shown = self.index.query(text, 6) if self.index is not None and text.strip() else []
        for department in self._shown:
            label = f"{department.name}  {department.phone}" + (
                tr(f" 转 {department.extension}", f" ext. {department.extension}") if department.extension else ""
            )
            button = _button(label, "departmentHit", wrap=True)
            button.clicked.connect(lambda _=False, department=department: self._pick(department))
            self.results.add(button)
            self.buttons.append(button)

    def _on_return(self) -> None:
        if self._shown:
            self._pick(self._shown[0])

    def _pick(self, department: Department) -> None:
        self.field.clear()
        self.picked.emit(department)


class ComplaintPanel(QFrame):
    """The complaint subjects the norm names; each copies a one-line note for the ticket."""

    def __init__(self, situation: Situation, copy_note: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helperPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(
            make_label(tr("投诉事项 · 点击复制工单备注", "Complaint subject: click to copy the ticket note"), "gloss")
        )
        self.buttons: list[QToolButton] = []
        for subject in situation.subjects:
            button = _button(
                tr(f"复制备注：{subject.text}", f"Copy note: {book_words(subject.text, subject.en)}"),
                "complaintSubject",
                tr("复制这一事项的工单备注", "Copy the ticket note for this subject (in Chinese)"),
                wrap=True,
            )
            button.clicked.connect(lambda _=False, text=subject.text: copy_note(text))
            layout.addWidget(button)
            self.buttons.append(button)
        self.form_area = QVBoxLayout()  # the values a note still needs are asked for here
        layout.addLayout(self.form_area)
        self.values_form: QWidget | None = None
