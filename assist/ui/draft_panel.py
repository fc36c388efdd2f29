"""The draft panel: a reply typed or pasted for a chat or a ticket, checked for forbidden wording as it is typed.

Checking waits for a short pause in typing (it never blocks a keystroke); each finding is
underlined in the text and listed with the standard phrase to use instead, applied with one click.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from assist.core.checker import Checker, Finding
from assist.core.model import Placeholder
from assist.ui.cards import make_label
from assist.ui.i18n import tr
from assist.ui.rich_text import phrase_html

CHECK_DELAY_MS = 250
UNDERLINE = QColor("#d32f2f")


class DraftPanel(QFrame):
    copy_requested = Signal(str)
    checked = Signal(list)  # the findings of the last check

    def __init__(self, checker: Checker, fill: Callable[[str], str], parent: QWidget | None = None) -> None:
        """`fill` turns a suggestion template into the text to insert (placeholders filled in)."""
        super().__init__(parent)
        self.setObjectName("draftPanel")
        self.checker = checker
        self._fill = fill
        self.findings: list[Finding] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.addWidget(
            make_label(tr("草稿检查 · 禁语会被标出", "Draft check · forbidden wording is marked"), "sectionTitle"), 1
        )
        copy = QPushButton(tr("复制草稿 Ctrl+Enter", "Copy draft Ctrl+Enter"))
        copy.setObjectName("copyDraftButton")
        copy.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        copy.clicked.connect(self.request_copy)
        header.addWidget(copy)
        layout.addLayout(header)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("draftEditor")
        self.editor.setPlaceholderText(tr("在此输入或粘贴回复草稿…", "Type or paste a reply for a chat or a ticket…"))
        self.editor.textChanged.connect(self._on_text_changed)
        layout.addWidget(self.editor, 1)
        self.findings_area = QVBoxLayout()
        self.findings_area.setSpacing(2)
        layout.addLayout(self.findings_area)
        self.summary = make_label("", "gloss")
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._placeholders: Mapping[str, Placeholder] = {}
        self._values: Mapping[str, str] = {}

    def set_checker(self, checker: Checker) -> None:
        self.checker = checker
        self.check_now()

    def show_values(self, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> None:
        self._values, self._placeholders = values, placeholders
        self._show_findings()

    def request_copy(self) -> None:
        self.check_now()
        self.copy_requested.emit(self.editor.toPlainText())

    def check_now(self) -> None:
        self._timer.stop()
        self.findings = self.checker.check(self.editor.toPlainText())
        self._underline()
        self._show_findings()
        self.checked.emit(self.findings)

    def replace(self, finding: Finding) -> None:
        """Put the standard phrase in place of a finding's wording."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(finding.start)
        cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != finding.match:
            self.check_now()  # the text changed since: check again rather than replace the wrong thing
            return
        cursor.insertText(self._fill(finding.suggestion))
        self.editor.setTextCursor(cursor)  # the cursor right after the new words, where typing goes on
        self.editor.setFocus()
        self.check_now()

    def _on_text_changed(self) -> None:
        self._timer.start()

    def _underline(self) -> None:
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.editor.document())
            selection.cursor.setPosition(finding.start)
            selection.cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            text_format = QTextCharFormat()
            text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            text_format.setUnderlineColor(UNDERLINE)
            text_format.setForeground(UNDERLINE)
            selection.format = text_format
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _show_findings(self) -> None:
        while self.findings_area.count():
            item = self.findings_area.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for finding in self.findings:
            self.findings_area.addWidget(self._finding_row(finding))
        if not self.editor.toPlainText().strip():
            self.summary.setText("")
        elif self.findings:
            self.summary.setText(tr(f"{len(self.findings)} 处禁语", f"{len(self.findings)} forbidden wording(s)"))
        else:
            self.summary.setText(tr("✓ 没有禁语", "✓ No forbidden wording"))

    def _finding_row(self, finding: Finding) -> QWidget:
        row = QFrame()
        row.setObjectName("draftFinding")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(6, 3, 4, 3)
        suggestion = phrase_html(finding.suggestion, self._values, self._placeholders)
        text = QLabel(
            f"<span style='color:#c62828'>{tr('忌', 'Never')} <s>{escape(finding.match)}</s></span> → {suggestion}"
        )
        text.setObjectName("draftFindingText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text, 1)
        button = QPushButton(tr("替换", "Replace"))
        button.setObjectName("replaceButton")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.replace(finding))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row
