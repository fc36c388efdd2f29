"""The slim call strip: call timer, the flow 问好 → … → 结束, the three voices, the hold timer.

It never takes the focus and never opens anything: it only shows, and offers the phrases a long
hold calls for as buttons that copy.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assist.core.call import FLOW, VOICES, Call, clock_text
from assist.core.model import FlowStep, HoldRole, Phrase, Phrasebook
from assist.ui.call_controller import STEP_LABELS_EN, VOICE_LABELS, VOICE_LABELS_EN, CallController
from assist.ui.fitted_line import FittedLine
from assist.ui.i18n import tr
from assist.ui.new_call_prompt import NewCallPrompt
from assist.ui.wrap_button import WrapButton

DEFAULT_STEP_LABELS = ("问好", "聆听", "回应", "解答", "确认", "结束")
DEFAULT_STEP_LABELS_EN = ("Greet", "Listen", "Respond", "Answer", "Confirm", "End")


def step_labels(book: Phrasebook) -> dict[FlowStep, str]:
    """The flow's names in the interface language, as the book's guidance gives them (问好 … 愉快的结束电话
    → 结束; Greet … End the call pleasantly → End)."""
    flow = next((section for section in book.guidance if section.id == "flow"), None)
    items = flow.items if flow and len(flow.items) == len(FLOW) else ()
    chinese = [item.text for item in items] or DEFAULT_STEP_LABELS
    english = [item.en for item in items] or DEFAULT_STEP_LABELS_EN
    # A long name (愉快的结束电话, End the call pleasantly) is shown by its short form: the strip is one line.
    return {
        step: tr(zh if len(zh) <= 4 else zh_default, en if en and " " not in en else en_default)
        for step, zh, en, zh_default, en_default in zip(
            FLOW, chinese, english, DEFAULT_STEP_LABELS, DEFAULT_STEP_LABELS_EN, strict=True
        )
    }


def summary_lines(call: Call, labels: dict[FlowStep, str]) -> list[tuple[str, str]]:
    """What the call missed, as (heading, list) pairs: voices not given, steps skipped, a hold left running."""
    summary = call.summary()
    lines = []
    if summary.missed_voices:
        voices = tr(
            "、".join(VOICE_LABELS[v] for v in summary.missed_voices),
            ", ".join(VOICE_LABELS_EN[v] for v in summary.missed_voices),
        )
        lines.append((tr("未做到：", "Missed: "), voices))
    if summary.missed_steps:
        steps = tr(
            "、".join(labels[step] for step in summary.missed_steps),
            ", ".join(STEP_LABELS_EN[step] for step in summary.missed_steps),
        )
        lines.append((tr("跳过的步骤：", "Steps skipped: "), steps))
    if summary.hold_left_running is not None:
        held = clock_text(summary.hold_left_running)
        lines.append((tr("结束时用户仍在等待：", "Caller still on hold at the end: "), tr(f"等待 {held}", held)))
    return lines


class CallStrip(QFrame):
    def __init__(
        self, controller: CallController, copy_phrase: Callable[[Phrase], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callStrip")
        self.setProperty("state", "idle")
        self.controller = controller
        self._copy_phrase = copy_phrase
        defaults = zip(FLOW, DEFAULT_STEP_LABELS, DEFAULT_STEP_LABELS_EN, strict=True)
        self.labels = {step: tr(zh, en) for step, zh, en in defaults}
        self.hold_phrases: list[Phrase] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 8, 4)
        layout.setSpacing(2)
        self.new_call_prompt = NewCallPrompt()  # Ctrl+N during a call asks here
        layout.addWidget(self.new_call_prompt)
        top = QHBoxLayout()
        self.timer_label = QLabel()
        self.timer_label.setObjectName("callTimer")
        top.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignTop)
        self.voices_label = QLabel()
        self.voices_label.setObjectName("callVoices")
        self.voices_label.setTextFormat(Qt.TextFormat.RichText)
        self.voices_label.setWordWrap(True)
        top.addWidget(self.voices_label, 1)
        layout.addLayout(top)
        self.flow_label = FittedLine()  # a row of its own, one line at every size: shrunk, never wrapped
        self.flow_label.setObjectName("callFlow")
        layout.addWidget(self.flow_label)
        self.hold_row = QWidget()
        hold_layout = QVBoxLayout(self.hold_row)
        hold_layout.setContentsMargins(0, 0, 0, 0)
        hold_layout.setSpacing(2)
        self.hold_label = QLabel()
        self.hold_label.setObjectName("holdTimer")
        self.hold_label.setWordWrap(True)
        hold_layout.addWidget(self.hold_label)
        self.offer_layout = QHBoxLayout()  # the phrases a long hold calls for, as buttons that copy
        hold_layout.addLayout(self.offer_layout)
        layout.addWidget(self.hold_row)
        self.offer_buttons: list[QToolButton] = []
        controller.changed.connect(self.refresh)
        self.refresh()

    def show_book(self, book: Phrasebook) -> None:
        self.labels = step_labels(book)
        hold = next((s for s in book.situations if any(p.hold for p in s.phrases)), None)
        offered = (HoldRole.CHECK_IN, HoldRole.RESUME)
        self.hold_phrases = [p for p in hold.phrases if p.hold in offered] if hold else []
        for button in self.offer_buttons:
            button.deleteLater()
        self.offer_buttons = []
        for phrase in self.hold_phrases:
            button = WrapButton(phrase.text)  # never wider than the strip: a long phrase wraps
            button.setObjectName("holdOffer")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it, Space copies it
            button.setToolTip(tr(f"复制：{phrase.text}", f"Copy: {phrase.text}"))
            button.clicked.connect(lambda _=False, phrase=phrase: self._copy_phrase(phrase))
            self.offer_layout.addWidget(button)
            self.offer_buttons.append(button)
        self.refresh()

    def refresh(self) -> None:
        controller = self.controller
        call = controller.call or controller.last_call
        self.setVisible(call is not None)
        if call is None:
            return
        now = controller.clock()
        ended = call.ended is not None
        state_text = tr("通话结束", "Call ended") if ended else tr("通话", "Call")
        self.timer_label.setText(f"{state_text} {clock_text(call.duration(now))}")
        self.flow_label.setText(self._flow_html(call))
        if self.new_call_prompt.isVisible() and self.new_call_prompt.call is not controller.call:
            self.new_call_prompt.dismiss()  # the call it asked about ended, or a new one began
        if ended:
            summary = call.summary()
            lines = summary_lines(call, self.labels)
            if summary.complete:
                self.voices_label.setText(tr("✓ 三声俱全，流程完整", "✓ All three voices given, every step"))
            else:
                self.voices_label.setText("<br>".join(f"<b>{escape(head)}</b>{escape(rest)}" for head, rest in lines))
            state = "complete" if summary.complete else "missed"
        else:
            self.voices_label.setText(self._voices_html(call))
            state = "holdOverdue" if controller.hold_overdue else "active"
        hold = call.hold if not ended else None
        self.hold_row.setVisible(hold is not None)
        if hold is not None:
            overdue = controller.hold_overdue
            reminder = tr(" · 请告知用户大约还需多久", " · tell the caller how long") if overdue else ""
            self.hold_label.setText(f"{tr('等待', 'Hold')} {clock_text(hold.elapsed(now))}{reminder}")
            for button in self.offer_buttons:
                button.setVisible(overdue)
            if self.hold_label.property("overdue") != overdue:
                self.hold_label.setProperty("overdue", overdue)
                self.hold_label.style().unpolish(self.hold_label)
                self.hold_label.style().polish(self.hold_label)
        self._set_state(state)

    def ask_new_call(self) -> bool:
        """Ctrl+N: ask in place when a call is on (True); False when a new call may start at once."""
        call = self.controller.call
        if call is None or self.new_call_prompt.isVisible():
            return False
        self.new_call_prompt.ask(call, clock_text(call.duration(self.controller.clock())))
        return True

    def _flow_html(self, call: Call) -> str:
        parts = []
        for step in FLOW:
            label = escape(self.labels[step])
            if step is call.current_step:
                parts.append(f"<b style='color:#1f6feb'>{label}</b>")
            elif step in call.steps:
                parts.append(f"<span style='color:#1a7f37'>{label}✓</span>")
            else:
                parts.append(f"<span style='color:#8c959f'>{label}</span>")
        return " → ".join(parts)

    def _voices_html(self, call: Call) -> str:
        parts = []
        for voice in VOICES:
            given = voice in call.voices
            mark = "✓" if given else "·"
            color = "#1a7f37" if given else "#8c959f"
            label = tr(VOICE_LABELS[voice], VOICE_LABELS_EN[voice])
            parts.append(f"<span style='color:{color}'>{label}{mark}</span>")
        return tr("三声 ", "Voices ") + " ".join(parts)

    def _set_state(self, state: str) -> None:
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)
