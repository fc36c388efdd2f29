"""Ctrl+N during a call: ask in place before the call in progress is thrown away.

Enter (or Ctrl+N again) starts the new call; Esc, or moving the focus elsewhere, keeps the call.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assist.core.call import Call
from assist.ui.i18n import tr

_ANSWER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape}


class NewCallPrompt(QFrame):
    confirmed = Signal()  # Enter: the agent wants a new call
    kept = Signal()  # Esc: the call goes on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCallPrompt")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.call: Call | None = None  # the call the question is about
        layout = QVBoxLayout(self)  # the question above its answers: at a large reading size one row is too wide
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.text_label = QLabel()
        self.text_label.setObjectName("newCallQuestion")
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        answers = QHBoxLayout()
        answers.addStretch(1)
        layout.addLayout(answers)
        for text, name, slot in (
            (tr("新通话 Enter", "New call Enter"), "newCallYes", self._confirm),
            (tr("继续本通话 Esc", "Keep it Esc"), "newCallNo", self._keep),
        ):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            answers.addWidget(button)
        self.hide()

    def ask(self, call: Call, elapsed: str) -> None:
        self.call = call
        self.text_label.setText(
            tr(f"通话进行中（{elapsed}），结束它并开始新通话？", f"A call is on ({elapsed}). End it, start a new one?")
        )
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def dismiss(self) -> None:
        """Put the question away; the focus goes back to the window, as after any answer."""
        self.call = None
        if self.hasFocus() and self.window() is not None:
            self.window().setFocus()
        self.hide()

    def event(self, event: QEvent) -> bool:
        # Enter and Esc answer the question here, before the window's shortcuts see them.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _ANSWER_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._confirm()
        elif event.key() == Qt.Key.Key_Escape:
            self._keep()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.isVisible() and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.call = None
            self.hide()  # the agent went on with something else: the call goes on

    def _confirm(self) -> None:
        self.dismiss()
        self.confirmed.emit()

    def _keep(self) -> None:
        self.dismiss()
        self.kept.emit()
