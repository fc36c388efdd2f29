"""The selection looks active only while `Enter` copies it (the focus rule, assist/ui/focus.py).

While the cursor is in a field that keeps Enter for itself (the draft, the profile, a values form),
the selected card (or recent phrase) keeps its place but is drawn "away": a pale dashed frame. Leaving the field (Esc,
a click on the cards) gives it the full look again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from assist.ui.cards import Card, restyle


class SelectionLook(QObject):
    def __init__(self, page: Callable[[], QWidget], cards_have_keys: Callable[[], bool], parent: QObject) -> None:
        """`page()`: the page shown; `cards_have_keys()`: whether Enter copies its selected card now."""
        super().__init__(parent)
        self.page = page
        self.cards_have_keys = cards_have_keys
        self._later = QTimer(self)  # once the event at hand is handled (it may build the page's cards)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._apply)
        app = QApplication.instance()
        app.focusChanged.connect(self.update)  # type: ignore[attr-defined]

    def update(self, *_: object) -> None:
        """Draw the page's selection as the keys are now; later too, after a page is rebuilt."""
        try:
            self._apply()
        except RuntimeError:  # the window is being destroyed: Qt moves its focus away one last time
            return
        self._later.start()

    def _apply(self) -> None:
        away = not self.cards_have_keys()
        page = self.page()
        for widget in [*page.findChildren(Card), *page.findChildren(QToolButton, "recentPhrase")]:
            if bool(widget.property("away")) != away:
                widget.setProperty("away", away)
                restyle(widget)
