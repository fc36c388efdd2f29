"""The status line: one message at a time, each with a lifetime or tied to its cause.

A message tied to a cause ("form", "draft", "book", …) goes as soon as its cause goes; every message
goes after its lifetime, and the hint comes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from assist.ui.i18n import tr

LIFETIME_MS = 12_000


class StatusLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status")
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cause = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.show_hint)
        self.show_hint()

    def say(self, text: str, cause: str = "", lifetime_ms: int = LIFETIME_MS) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width() or self.window().width() - 20
        self.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 100)))
        self.setToolTip(text)
        self.cause = cause
        self.timer.start(lifetime_ms)

    def clear(self, cause: str) -> None:
        """The cause of a message went: so does the message."""
        if self.cause == cause:
            self.show_hint()

    def show_hint(self) -> None:
        self.timer.stop()
        self.cause = ""
        self.setText(tr("Alt+1…0 场景 · Ctrl+1…9 复制 · F1 快捷键", "Alt+1…0 situations · Ctrl+1…9 copy · F1 keys"))
        self.setToolTip("")
