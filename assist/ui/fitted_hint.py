"""A line edit's hint (placeholder) that fits its width: the whole hint when it fits, else a short
one, cut with … only if even that does not fit; the whole hint is then the tooltip. For a large
reading size or a narrow sidebar, where a hint cut at the edge reads as nonsense."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QToolButton


def fit_hint(edit: QLineEdit, hint: str, short_hint: str) -> None:
    """Show in `edit` the longest of `hint` and `short_hint` that fits (the tooltip then says it whole)."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit).width()
    room -= sum(button.width() for button in edit.findChildren(QToolButton))  # the ✕ that clears it, if any
    metrics = edit.fontMetrics()
    fits = metrics.horizontalAdvance(hint) <= room
    shown = hint if fits else metrics.elidedText(short_hint, Qt.TextElideMode.ElideRight, max(0, room))
    edit.setPlaceholderText(shown)
    edit.setToolTip(hint if shown != hint else "")


class HintFitter(QObject):
    """Keeps a line edit's hint fitted as its width, font or style change."""

    REFIT = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Show)

    def __init__(self, edit: QLineEdit, hint: str, short_hint: str) -> None:
        super().__init__(edit)
        self.edit, self.hint, self.short_hint = edit, hint, short_hint
        edit.setPlaceholderText(hint)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() in self.REFIT:
            fit_hint(self.edit, self.hint, self.short_hint)
        return False
