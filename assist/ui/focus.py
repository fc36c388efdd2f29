"""The one focus rule of the sidebar, owned here.

After any action — a command, a click, a copy, 替换, a form closed, a page changed — `Enter` copies
the selected card, `Up`/`Down` move, and typed text goes where the cursor is shown: in a visible field
that is still in use, else nowhere (the window holds the keys for the cards).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from assist.ui.search_box import SearchBox

# The widgets that show a cursor or take typed keys.
TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QKeySequenceEdit)


class FocusRule:
    def __init__(
        self,
        window: QWidget,
        left_behind: Callable[[QWidget], bool],
        prompt: Callable[[], QWidget | None],
    ) -> None:
        """`left_behind(widget)`: a field the agent leaves by choosing another page (the search box, the
        profile prompt). `prompt()`: the field that asks first when the window appears (the first empty
        field of the first-start profile), or None."""
        self.window = window
        self.left_behind = left_behind
        self.prompt = prompt

    def _own_focus(self) -> QWidget | None:
        """The widget that has the window's keys. Qt's application-wide focus widget is None while
        the window is not the active one (shown by the global key without a window manager, say),
        yet the keys the desktop sends it still go to this widget."""
        return self.window.focusWidget()

    def settle(self) -> None:
        other = QApplication.focusWidget()
        if other is not None and other.window() is not self.window:
            return  # another window (a menu, a dialog) has it
        focus = self._own_focus()
        takes_focus = isinstance(focus, TEXT_FIELDS) or bool(focus and focus.focusPolicy() & Qt.FocusPolicy.ClickFocus)
        if focus is None or _put_away(focus, self.window) or not takes_focus:
            self.to_cards()  # no cursor shown (a Tab-only button Qt gave the focus to when a field went)

    def cards_have_keys(self) -> bool:
        """Whether `Enter` copies the selected card now: no text cursor is shown in the window, or
        it is in the search while hits are listed (its Enter copies the selected hit). The draft, the
        profile and a values form keep Enter and the arrows for their text."""
        focus = self._own_focus()
        if focus is None or focus is self.window or not isinstance(focus, TEXT_FIELDS) or not focus.isVisible():
            return True
        return isinstance(focus, SearchBox) and not self.left_behind(focus)

    def page_changed(self) -> None:
        """Another page is shown: a field the agent left behind (the profile prompt, the search) gives
        the keys back to the cards; a field the command put the cursor in keeps it."""
        focus = self._own_focus()
        if focus is not None and self.left_behind(focus):
            self.to_cards()
        else:
            self.settle()

    def on_shown(self) -> None:
        """The window appeared: the cursor goes to the field that asks first, else to the cards."""
        focus = self._own_focus()
        if focus is not None and focus.isVisible() and focus is not self.window:
            return
        asking = self.prompt()
        if asking is not None:
            asking.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.to_cards()

    def to_cards(self) -> None:
        """The keys go to the cards (no text cursor anywhere)."""
        self.window.setFocus(Qt.FocusReason.OtherFocusReason)

    def to_field(self, field: QWidget) -> None:
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _put_away(widget: QWidget, window: QWidget) -> bool:
    """Hidden on purpose, itself or a parent (a field just added to a card is not shown yet, but is in use)."""
    while widget is not None and widget is not window:
        if widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            return True
        widget = widget.parentWidget()
    return False
