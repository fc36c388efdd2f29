"""Non-blocking banners: a title, details that can be selected, and ✕ to hide. `ProblemBanner` says
what is wrong with a phrasebook, where, and what Assist did about it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from assist.core.problems import Problem, Severity
from assist.ui.i18n import current, tr

SHOWN_PROBLEMS = 3


class Banner(QFrame):
    """The frame every banner shares; `close_hint` says how the hidden banner comes back."""

    def __init__(self, name: str, close_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.body = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("bannerTitle")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        close = QToolButton()
        close.setObjectName("bannerClose")
        close.setText("✕")
        close.setToolTip(close_hint)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.hide)
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.details = QLabel()
        self.details.setObjectName("bannerDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.hide()


class ProblemBanner(Banner):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "problemBanner", tr("隐藏（标题栏的 ⚠ 可再次打开）", "Hide; the ⚠ button shows it again"), parent
        )
        self.problems: list[Problem] = []

    def show_problems(self, title: str, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self.title.setText(title)
        lines = problem_lines(problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(
                tr(
                    f"… 另有 {len(problems) - SHOWN_PROBLEMS} 个问题；运行 assist check 查看全部",
                    f"… {len(problems) - SHOWN_PROBLEMS} more: run assist check",
                )
            )
        self.details.setText("\n".join(lines))
        self.show()


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """A phrasebook's problems as the banner shows them, in the interface's language: in English as
    `assist check` prints them; in Chinese each file named once, then each problem's line and column."""
    if current() == "en":
        return [str(problem) for problem in problems]
    lines: list[str] = []
    path = None
    for problem in problems:
        if problem.path != path:  # the file (or address), each time it changes
            path = problem.path
            lines.append(path)
        warning = "（提醒）" if problem.severity is Severity.WARNING else ""
        lines.append(f"第 {problem.position.line} 行第 {problem.position.column} 列{warning}：{problem.message_zh}")
    return lines
