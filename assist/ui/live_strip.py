"""The slim live transcript under the call strip: the last few utterances, the agent's forbidden
wording in red, one offer the accept key takes (what to say instead, or the situation the caller's
words suggest), and at the call's end the `assist qa` findings.

It only shows: the live controller decides what. It never takes the focus.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assist.ui.i18n import tr
from assist.ui.wrap_button import WrapButton

if TYPE_CHECKING:
    from assist.core.live import Line
    from assist.core.qa.results import CallResult

VISIBLE_LINES = 4
LONGEST_LINE = 80  # characters shown of one utterance: its end, or around its first flag
FLAG_STYLE = "color:#cf222e;font-weight:bold;text-decoration:underline"


def shown_text(line: Line, limit: int = LONGEST_LINE) -> str:
    """The utterance as rich text: cut to `limit` characters (keeping its first flag in view), the
    forbidden wording in red."""
    text = line.text
    begin = 0
    if len(text) > limit:
        flag = line.flags[0] if line.flags else None
        begin = max(0, min(flag.start - limit // 3, len(text) - limit)) if flag else len(text) - limit
    end = begin + limit
    parts = ["…" if begin else ""]
    position = begin
    for finding in line.flags:
        start, stop = max(finding.start, position), min(finding.end, end)
        if start >= stop:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<span style='{FLAG_STYLE}'>{escape(text[start:stop])}</span>")
        position = stop
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts)


def split_message(message: str) -> str:
    """A qa message in the interface's language: 中文 (English) → the one part. The English part is
    the last parenthesis, matched from the end, so it may hold parentheses of its own."""
    if not message.endswith(")"):
        return message
    depth = 0
    for index in range(len(message) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(message[index], 0)
        if depth == 0:
            chinese, english = message[:index].rstrip(), message[index + 1 : -1]
            return tr(chinese, english) if chinese else message
    return message


class LiveStrip(QFrame):
    offer_taken = Signal()  # the offer was clicked: as the accept key
    offer_dismissed = Signal()
    closed = Signal()  # the agent put the transcript away
    flag_painted = Signal()  # a newly flagged line was painted (for the benchmark)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveStrip")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._flag_pending = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 2, 6, 4)
        layout.setSpacing(1)
        top = QHBoxLayout()
        self.title = QLabel(tr("实时转写", "Live transcript"))
        self.title.setObjectName("liveTitle")
        top.addWidget(self.title, 1)
        close = QToolButton()
        close.setObjectName("liveClose")
        close.setText("✕")
        close.setToolTip(tr("清除本次转写", "Clear this transcript"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.closed)
        top.addWidget(close)
        layout.addLayout(top)
        self.line_labels: list[QLabel] = []
        for _ in range(VISIBLE_LINES):
            label = QLabel()
            label.setObjectName("liveLine")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.hide()
            layout.addWidget(label)
            self.line_labels.append(label)
        self.offer_row = QWidget()
        offer_layout = QHBoxLayout(self.offer_row)
        offer_layout.setContentsMargins(0, 2, 0, 0)
        self.offer = WrapButton()  # read whole: a long offer wraps, never cut or wider than the strip
        self.offer.setObjectName("liveOffer")
        self.offer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.offer.clicked.connect(self.offer_taken)
        offer_layout.addWidget(self.offer, 1)
        dismiss = QToolButton()
        dismiss.setObjectName("liveDismiss")
        dismiss.setText("✕")
        dismiss.setToolTip(tr("不用了", "Dismiss"))
        dismiss.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dismiss.clicked.connect(self.offer_dismissed)
        offer_layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.offer_row.hide()
        layout.addWidget(self.offer_row)
        self.result = QLabel()
        self.result.setObjectName("liveResult")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setWordWrap(True)
        self.result.hide()
        layout.addWidget(self.result)
        self.hide()

    def show_lines(self, lines: list[Line]) -> None:
        """The last VISIBLE_LINES utterances; partial ones in grey."""
        shown = lines[-VISIBLE_LINES:]
        for label, line in zip(self.line_labels, [*shown, *[None] * VISIBLE_LINES], strict=False):
            label.setVisible(line is not None)
            if line is None:
                label.clear()
                continue
            agent = line.speaker == "agent"
            who = tr("坐席", "Agent") if agent else tr("来电", "Caller")
            colour = "#1f6feb" if agent else "#8250df"
            body = shown_text(line)
            if not line.final:
                body = f"<span style='color:#8c959f'>{body} …</span>"
            label.setText(f"<b style='color:{colour}'>{who}</b>　{body}")
            if line.flags and line.final:
                self._flag_pending = True
        self.setVisible(bool(lines) or self.result.isVisible())

    def show_offer(self, text: str, kind: str) -> None:
        """One offer at a time: `kind` "flag" (what to say instead) or "suggestion" (a situation)."""
        self.offer.setText(text)
        self.offer.setToolTip(text)
        self.offer.setProperty("kind", kind)
        self.offer.style().unpolish(self.offer)
        self.offer.style().polish(self.offer)
        self.offer_row.show()
        self.show()

    def clear_offer(self) -> None:
        self.offer.setText("")
        self.offer.setToolTip("")
        self.offer_row.hide()

    def show_result(self, result: CallResult) -> None:
        """The whole-call findings of `assist qa` at the call's end."""
        verdict = tr("合格", "passed") if result.passed else tr("不合格", "failed")
        colour = "#1a7f37" if result.passed else "#cf222e"
        head = f"<b style='color:{colour}'>{tr('质检', 'QA')} {result.score} · {verdict}</b>"
        rows = [f"· {escape(split_message(finding.message))}" for finding in result.findings[:6]]
        if len(result.findings) > 6:
            rows.append(tr(f"… 另有 {len(result.findings) - 6} 条", f"… {len(result.findings) - 6} more"))
        self.result.setText("<br>".join([head, *rows]))
        self.result.show()
        self.show()

    def clear(self) -> None:
        """Drop everything shown: a new call began, or the agent closed the strip."""
        for label in self.line_labels:
            label.clear()
            label.hide()
        self.clear_offer()
        self.result.clear()
        self.result.hide()
        self._flag_pending = False
        self.hide()

    def texts(self) -> list[str]:
        """Every text the strip holds (for the privacy test)."""
        labels = [*self.line_labels, self.result]
        return [label.text() for label in labels] + [self.offer.text(), self.offer.toolTip()]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._flag_pending:
            self._flag_pending = False
            self.flag_painted.emit()
