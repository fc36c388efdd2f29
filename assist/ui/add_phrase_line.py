"""The line under a situation's phrases where the agent adds a phrase of their own.

What the agent typed is never thrown away by a refusal: it stays in the field, with the cursor,
until it is saved or the agent clears it (Esc). When the situation is shown again (the book or the
personal file changed), the new line takes over the old one's text, cursor, focus and note. A note
saying why the phrase was not saved goes when its cause goes (`lift`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from assist.ui.cards import make_label
from assist.ui.i18n import tr
from assist.ui.inline_edit import InlineEdit


@dataclass(frozen=True, slots=True)
class TypedPhrase:
    """What an add line held: to be taken over by the line that replaces it."""

    text: str
    cursor: int
    note: str
    focused: bool


class AddPhraseLine(QFrame):
    submitted = Signal(str)  # the text typed, to be vetted and saved
    cancelled = Signal()  # Esc: the text was dropped (an edit is left)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addPhrase")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        row = QHBoxLayout()
        self.field = InlineEdit()
        self.field.setObjectName("addPhraseField")
        self.field.setPlaceholderText(tr("＋ 添加我的用语…", "＋ Add a phrase of my own…"))
        self.field.returnPressed.connect(lambda: self.submitted.emit(self.field.text()))
        self.field.escaped.connect(self._on_escaped)
        row.addWidget(self.field, 1)
        save = self.save = QToolButton()
        save.setObjectName("addPhraseButton")
        save.setText(tr("添加", "Add"))
        save.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it, Space presses it
        save.clicked.connect(lambda: self.submitted.emit(self.field.text()))
        row.addWidget(save)
        layout.addLayout(row)
        self.note = make_label("", "refusal")
        self.note.hide()
        layout.addWidget(self.note)

    def set_editing(self, editing: bool) -> None:
        """The line edits an own phrase: its button saves rather than adds."""
        self.save.setText(tr("保存", "Save") if editing else tr("添加", "Add"))

    def start_edit(self, text: str) -> None:
        """Put an own phrase in the line to be changed; a note about the text before it goes."""
        self._hide_note()
        self.set_editing(True)
        self.field.setText(text)
        self.field.setFocus()

    def refuse(self, reason: str) -> None:
        """Say why the phrase was not added; the text stays in the field to be saved or corrected."""
        self.note.setText(reason)
        self.note.show()

    def lift(self, reason: str) -> None:
        """The cause of `reason` has gone: take its note away (another note stays)."""
        if self.note.text() == reason:
            self._hide_note()

    def clear(self) -> None:
        """The phrase was saved, or the agent dropped it."""
        self.field.clear()
        self._hide_note()

    def _on_escaped(self) -> None:
        self.clear()
        self.cancelled.emit()

    def typed(self) -> TypedPhrase:
        return TypedPhrase(
            self.field.text(),
            self.field.cursorPosition(),
            self.note.text() if self.note.isVisibleTo(self) else "",
            self.field.hasFocus(),
        )

    def take_over(self, typed: TypedPhrase) -> None:
        self.show()  # now, not when the layout gets to it: the focus can go only to a visible field
        self.field.setText(typed.text)
        self.field.setCursorPosition(typed.cursor)
        if typed.note:
            self.refuse(typed.note)
        if typed.focused:
            self.field.setFocus()

    def _hide_note(self) -> None:
        self.note.clear()
        self.note.hide()
