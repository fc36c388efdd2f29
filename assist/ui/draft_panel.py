"""The draft panel: a reply typed or pasted for a chat or a ticket, checked for forbidden wording as it is typed.

Checking waits for a short pause in typing and never blocks a keystroke: a long draft is checked
a slice at a time, the window handling its events in between, and typing starts it over. Each
finding is underlined in the text and listed with the standard phrase that fits it best, applied
with one click (see `assist.core.replace` for how the sentence is kept whole); the other phrases
its entry offers are in a menu beside it, and `Alt+Enter` in the draft opens them all for the
finding at the cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.checker import Checker, Finding
from assist.core.model import Placeholder
from assist.core.replace import replace
from assist.core.sliced_check import SlicedCheck
from assist.core.suggestions import ranked
from assist.ui.cards import make_label
from assist.ui.i18n import counted, tr
from assist.ui.rich_text import phrase_html
from assist.ui.text_positions import QtPositions

CHECK_DELAY_MS = 250
MOST_LISTED = 20  # findings listed under the draft
MOST_UNDERLINED = 500  # findings underlined in it (each takes Qt a little time: a pasted transcript has thousands)
LIST_HEIGHT = 150  # the list scrolls beyond this (about four findings): the draft keeps its room
UNDERLINE = QColor("#d32f2f")
MENU_TEXT_WIDTH = 420  # a long phrase is shortened to this in the menu of phrases


def _no_situation() -> str | None:
    return None


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
        layout.addWidget(self._findings_list())
        self.summary = make_label("", "gloss")
        layout.addWidget(self.summary)
        self.check_timer = QTimer(self)  # the pause in typing that starts a check
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self._start_check)
        self._next_slice = QTimer(self)  # the rest of a long draft, once the window's events are handled
        self._next_slice.setSingleShot(True)
        self._next_slice.setInterval(0)
        self._next_slice.timeout.connect(self._check_a_slice)
        self._check: SlicedCheck | None = None
        self._placeholders: Mapping[str, Placeholder] = {}
        self._values: Mapping[str, str] = {}
        self.situation_in_view: Callable[[], str | None] = _no_situation  # ranks the phrases; set by the window
        self.choices: QMenu | None = None  # the menu of phrases for one finding, while it is open
        # The findings list keeps its rows in place after 替换, so that the next click lands where it
        # was aimed: the replaced row reads ✓ 已替换 (slot → its text and height) until the next edit.
        self._rows: list[tuple[int, Finding]] = []  # the findings listed, with their row's place
        self._replaced_rows: dict[int, tuple[str, int]] = {}
        self._replacing = False
        for key in ("Alt+Return", "Alt+Enter"):
            choose = QShortcut(QKeySequence(key), self.editor, context=Qt.ShortcutContext.WidgetShortcut)
            choose.activated.connect(self.choose_at_cursor)

    def _findings_list(self) -> QScrollArea:
        """The findings under the draft, in a list that grows to a few rows, then scrolls."""
        rows = QWidget()
        rows.setObjectName("draftFindings")
        self.findings_area = QVBoxLayout(rows)
        self.findings_area.setContentsMargins(0, 0, 0, 0)
        self.findings_area.setSpacing(2)
        self.findings_scroll = QScrollArea()
        self.findings_scroll.setWidget(rows)
        self.findings_scroll.setWidgetResizable(True)
        self.findings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.findings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_scroll.hide()
        return self.findings_scroll

    def set_checker(self, checker: Checker) -> None:
        self.checker = checker
        self._start_check()

    def show_values(self, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> None:
        self._values, self._placeholders = values, placeholders
        self._show_findings()

    def request_copy(self) -> None:
        self.check_now()
        self.copy_requested.emit(self.editor.toPlainText())

    def check_now(self) -> None:
        """Check the whole draft at once (before it is copied)."""
        self._start_check()
        if self._check is not None:
            self._finish(self._check.finish())

    def suggestions(self, finding: Finding, text: str | None = None) -> list[str]:
        """The phrases to say instead of `finding`, best first, as templates (placeholders unfilled).
        `text` is the draft, when the caller has it already (a long draft is costly to copy)."""
        draft = self.editor.toPlainText() if text is None else text
        ranking = ranked(finding, draft, self.situation_in_view())
        return [suggestion.text for suggestion in ranking] or [finding.suggestion]

    def replace(self, finding: Finding, template: str | None = None) -> None:
        """Put a standard phrase (the best one unless `template` is given) in place of a finding's
        wording, with the words around it that belong to it; refuse, saying why, when the sentence
        would still hold forbidden wording."""
        text = self.editor.toPlainText()
        if text[finding.start : finding.end] != finding.match:
            self._start_check()  # the text changed since: check again rather than replace the wrong thing
            return
        chosen = template if template is not None else self.suggestions(finding)[0]
        result = replace(self.checker, text, finding, self._fill(chosen))
        if not result.clean:
            left = "、".join(f.match for f in result.left)
            self.summary.setText(
                tr(f"未替换：替换后这句仍有禁语“{left}”", f"Not replaced: the sentence would still hold “{left}”")
            )
            return
        self._keep_row_of(finding, result.inserted)
        cursor = self._selection(result.start, result.end, QtPositions(text))
        self._replacing = True
        try:
            cursor.insertText(result.inserted)
        finally:
            self._replacing = False
        self.editor.setTextCursor(cursor)  # typing goes on after the phrase
        self.editor.setFocus()  # and the cursor is where it is shown, whatever had the focus
        self._start_check()

    def choose_at_cursor(self) -> None:
        """Alt+Enter: the menu of phrases for the finding at the cursor (or the next one, or the first)."""
        if not self.findings:
            return
        here = self.editor.textCursor().position()
        positions = QtPositions(self.editor.toPlainText())
        finding = next((f for f in self.findings if positions.of(f.end) >= here), self.findings[0])
        rectangle = self.editor.cursorRect(self._selection(finding.start, finding.start, positions))
        self._choices(finding).popup(self.editor.viewport().mapToGlobal(rectangle.bottomLeft()))

    def _choices(self, finding: Finding) -> QMenu:
        """A menu of every phrase for a finding, best first, each numbered for its key."""
        if self.choices is not None:
            self.choices.deleteLater()  # one menu at a time, not one more each time
        menu = QMenu(self)
        menu.setObjectName("replaceChoices")
        metrics = menu.fontMetrics()
        for number, template in enumerate(self.suggestions(finding), start=1):
            label = metrics.elidedText(self._fill(template), Qt.TextElideMode.ElideRight, MENU_TEXT_WIDTH)
            action = menu.addAction(f"&{number} {label.replace('&', '&&')}")
            action.setToolTip(self._fill(template))
            action.triggered.connect(lambda _=False, chosen=template: self.replace(finding, chosen))
        menu.setActiveAction(menu.actions()[0])
        self.choices = menu
        return menu

    def _keep_row_of(self, finding: Finding, inserted: str) -> None:
        """The replaced finding's row stays where it was, as a ✓ 已替换 line of the same height."""
        slot = next((slot for slot, listed in self._rows if listed == finding), None)
        row = self.findings_area.itemAt(slot) if slot is not None else None
        if slot is None or row is None or row.widget() is None:
            return
        done = (
            tr("✓ 已替换：", "✓ Replaced: ")
            + f'<span style="text-decoration: line-through;">{escape(finding.match)}</span> → {escape(inserted)}'
        )
        self._replaced_rows[slot] = (done, row.widget().sizeHint().height())

    def _on_text_changed(self) -> None:
        if not self._replacing:
            self._replaced_rows.clear()  # the agent edits: the list is the findings again
        self._check = None  # a check of the text before this change is of no use
        self._next_slice.stop()
        self.check_timer.start()

    def _start_check(self) -> None:
        self.check_timer.stop()
        self._check = SlicedCheck(self.checker, self.editor.toPlainText())
        self._check_a_slice()

    def _check_a_slice(self) -> None:
        check = self._check
        if check is None:
            return
        if check.step():
            self._finish(check.findings)
        else:
            self._next_slice.start()

    def _finish(self, findings: list[Finding]) -> None:
        self._check = None
        self._next_slice.stop()
        self.findings = findings
        self._underline()
        self._show_findings()
        self.checked.emit(self.findings)

    def _selection(self, start: int, end: int, positions: QtPositions) -> QTextCursor:
        """A cursor selecting text[start:end] (offsets count in code points, Qt in UTF-16)."""
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(positions.of(start))
        cursor.setPosition(positions.of(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _underline(self) -> None:
        selections = []
        positions = QtPositions(self.editor.toPlainText())
        for finding in self.findings[:MOST_UNDERLINED]:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._selection(finding.start, finding.end, positions)
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
        text = self.editor.toPlainText()
        rows = self._list_rows(text)
        for row in rows:
            self.findings_area.addWidget(row)
        height = sum(max(row.sizeHint().height(), row.minimumHeight()) + self.findings_area.spacing() for row in rows)
        self.findings_scroll.setFixedHeight(min(height, LIST_HEIGHT))
        self.findings_scroll.setVisible(bool(rows))
        count = len(self.findings)
        if not text.strip():
            self.summary.setText("")
        elif count > MOST_UNDERLINED:
            self.summary.setText(
                tr(
                    f"{count} 处禁语，标出前 {MOST_UNDERLINED} 处，列出前 {MOST_LISTED} 处",
                    f"{count} forbidden wordings, {MOST_UNDERLINED} marked, {MOST_LISTED} listed",
                )
            )
        elif count > MOST_LISTED:
            listed = tr(f"{count} 处禁语，列出前 {MOST_LISTED} 处", f"{count} forbidden wordings, {MOST_LISTED} listed")
            self.summary.setText(listed)
        elif count:
            self.summary.setText(tr(f"{count} 处禁语", counted(count, "forbidden wording")))
        else:
            self.summary.setText(tr("✓ 没有禁语", "✓ No forbidden wording"))

    def _list_rows(self, text: str) -> list[QWidget]:
        """The listed findings in order, the rows replaced since the last edit kept in their places."""
        listed = iter(self.findings[:MOST_LISTED])
        slots = len(self.findings[:MOST_LISTED]) + len(self._replaced_rows)
        slots = max(slots, max(self._replaced_rows, default=-1) + 1)
        self._rows = []
        rows: list[QWidget] = []
        for slot in range(slots):
            if slot in self._replaced_rows:
                rows.append(_replaced_row(*self._replaced_rows[slot]))
            elif (finding := next(listed, None)) is not None:
                self._rows.append((len(rows), finding))
                rows.append(self._finding_row(finding, self.suggestions(finding, text)))
        return rows

    def _finding_row(self, finding: Finding, templates: list[str]) -> QWidget:
        row = QFrame()
        row.setObjectName("draftFinding")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(6, 3, 4, 3)
        suggestion = phrase_html(templates[0], self._values, self._placeholders)
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
        button.clicked.connect(lambda: self.replace(finding, templates[0]))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        if len(templates) > 1:
            others = QToolButton()
            others.setObjectName("alternativesButton")
            others.setText("▾")
            others.setToolTip(tr("其他说法（Alt+Enter）", "Other phrases (Alt+Enter)"))
            others.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            others.clicked.connect(lambda: self._choices(finding).popup(others.mapToGlobal(others.rect().bottomLeft())))
            layout.addWidget(others, 0, Qt.AlignmentFlag.AlignTop)
        return row


def _replaced_row(text: str, height: int) -> QWidget:
    """A finding replaced since the last edit: a quiet line where its row was, as tall as it was."""
    row = QFrame()
    row.setObjectName("draftFindingReplaced")
    row.setMinimumHeight(height)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(6, 3, 4, 3)
    label = QLabel(text)
    label.setObjectName("draftFindingDone")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    layout.addWidget(label, 1)
    return row
