"""Showing and hiding the sidebar, on a situation if asked, and copying a phrase by situation id:
what the tray, the global key and `assist show|hide|toggle|copy` ask for."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from assist.ui.copier import Copier
from assist.ui.navigator import Navigator

Reply = dict[str, object]


class Presence(QObject):
    def __init__(self, window: QWidget, navigator: Navigator, copier: Copier) -> None:
        super().__init__(window)
        self.window = window
        self.navigator = navigator
        self.copier = copier

    def reveal(self, situation_id: object = None) -> Reply:
        if situation_id:
            index = self.situation_index(str(situation_id))
            if index is None:
                return self._no_situation(situation_id)
            self.navigator.open_situation(index)
        window = self.window
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
        return {"ok": True}

    def toggle(self, situation_id: object = None) -> Reply:
        if self.window.isVisible() and self.window.isActiveWindow():
            self.window.hide()
            return {"ok": True, "visible": False}
        return self.reveal(situation_id)

    def copy(self, situation_id: str, number: object) -> Reply:
        index = self.situation_index(situation_id)
        if index is None:
            return self._no_situation(situation_id)
        phrases = self.navigator.book.situations[index].phrases
        if not isinstance(number, int) or not 1 <= number <= len(phrases):
            return {"ok": False, "error": f"situation '{situation_id}' has phrases 1 to {len(phrases)}"}
        self.navigator.open_situation(index)
        self.navigator.select(number - 1)
        if self.copier.copy_phrase(phrases[number - 1], number - 1):
            return {"ok": True, "text": QGuiApplication.clipboard().text()}
        self.reveal()  # the agent fills in the blank in the card, then it is copied
        return {"ok": False, "error": "the phrase needs values; fill them in the sidebar"}

    def situation_index(self, situation_id: str) -> int | None:
        ids = [situation.id for situation in self.navigator.book.situations]
        return ids.index(situation_id) if situation_id in ids else None

    def _no_situation(self, situation_id: object) -> Reply:
        known = ", ".join(situation.id for situation in self.navigator.book.situations)
        return {"ok": False, "error": f"no situation '{situation_id}' (known: {known})"}
