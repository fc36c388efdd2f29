"""The draft checker below the cards: built on first use (Ctrl+D), copied with its warning."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QSplitter

from assist.core.model import Phrasebook
from assist.ui.copier import Copier
from assist.ui.focus import FocusRule
from assist.ui.i18n import counted, tr
from assist.ui.status_line import StatusLine

if TYPE_CHECKING:  # built on first use: the checker is not needed to show the window
    from assist.ui.draft_panel import DraftPanel


class DraftControl(QObject):
    def __init__(
        self,
        splitter: QSplitter,
        copier: Copier,
        book: Callable[[], Phrasebook],
        fill: Callable[[str], str],
        put_on_clipboard: Callable[[str], None],
        status: StatusLine,
        focus: FocusRule,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.splitter = splitter
        self.copier = copier
        self.book = book
        self.fill = fill
        self._put_on_clipboard = put_on_clipboard
        self.status = status
        self.focus = focus
        self.panel: DraftPanel | None = None
        self.situation_in_view: Callable[[], str | None] = lambda: None  # its phrases come first

    def toggle(self) -> None:
        panel = self.built()
        if panel.isVisible():
            panel.hide()
            self.focus.to_cards()
        else:
            panel.show()
            self.focus.to_field(panel.editor)

    def built(self) -> DraftPanel:
        """The draft panel, built the first time it is wanted."""
        if self.panel is None:
            from assist.core.checker import Checker
            from assist.ui.draft_panel import DraftPanel

            book = self.book()
            self.panel = DraftPanel(Checker(book), self.fill)
            self.panel.copy_requested.connect(self._on_copy)
            self.panel.checked.connect(self._on_checked)
            self.panel.situation_in_view = self.situation_in_view
            self.panel.show_values(self.copier.values(), book.placeholders)
            self.panel.hide()
            self.splitter.addWidget(self.panel)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        return self.panel

    def copy(self) -> None:
        if self.panel is None or not self.panel.isVisible():
            self.status.say(tr("先用 Ctrl+D 打开草稿", "Open the draft with Ctrl+D first"))
        else:
            self.panel.request_copy()

    def leave(self) -> bool:
        """Esc in the draft: the keys go back to the cards. False when the cursor was not in it."""
        focus = QApplication.focusWidget()
        if self.panel is None or focus is None or not self.panel.isAncestorOf(focus):
            return False
        self.focus.to_cards()
        return True

    def book_changed(self, book: Phrasebook) -> None:
        if self.panel is not None:
            from assist.core.checker import Checker

            self.panel.set_checker(Checker(book))
            self.panel.show_values(self.copier.values(), book.placeholders)

    def values_changed(self) -> None:
        if self.panel is not None:
            self.panel.show_values(self.copier.values(), self.book().placeholders)

    def _on_copy(self, text: str) -> None:
        if not text.strip():
            self.status.say(tr("草稿是空的", "The draft is empty"))
            return
        self._put_on_clipboard(text)
        count = len(self.built().findings)
        if count:
            self.status.say(
                tr(f"已复制草稿，但仍有 {count} 处禁语", f"Copied, with {counted(count, 'forbidden wording')} left"),
                cause="draft",
            )
        else:
            self.status.say(tr("✓ 已复制草稿", "✓ Draft copied"))

    def _on_checked(self, findings: list) -> None:
        if not findings:
            self.status.clear("draft")
