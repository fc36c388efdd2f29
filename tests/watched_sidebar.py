"""The real sidebar (`python -m assist`), in a process of its own, that writes what an agent would
see to its standard output whenever it changes: one line `STATE {json}` with the search box's text,
the draft's text, what an input method composes in the focused field (its preedit, which is not yet
the field's text), whether the draft and a menu are open, whether the window is shown and the search's pinyin
index is in use.

The end-to-end tests of the input methods read these lines: text in a field is not on the clipboard.
Run as `python -m tests.watched_sidebar`.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import assist.ui.app as app_module
from assist.ui.main_window import SidebarWindow

WATCH_EVERY_MS = 50


class Preedit(QObject):
    """The composition last shown in the focused field."""

    text = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.InputMethod and watched is QApplication.focusObject():
            Preedit.text = event.preeditString()  # type: ignore[attr-defined]
        elif event.type() == QEvent.Type.FocusIn:
            Preedit.text = ""
        return False


def state(window: SidebarWindow) -> dict[str, object]:
    panel = window.draft.panel
    return {
        "preedit": Preedit.text,
        "search": window.search_box.text(),
        "draft": panel.editor.toPlainText() if panel is not None else "",
        "draft_shown": bool(panel is not None and panel.isVisible()),
        "menu_shown": QApplication.activePopupWidget() is not None,
        "shown": window.isVisible(),
        "pinyin_ready": window.search_service.has_pinyin,  # the search's full index is in use
    }


def watch(window: SidebarWindow) -> None:
    last: list[dict[str, object]] = []

    def report() -> None:
        now = state(window)
        if not last or now != last[0]:
            last[:] = [now]
            print("STATE", json.dumps(now, ensure_ascii=False), flush=True)

    preedit = Preedit(window)
    QApplication.instance().installEventFilter(preedit)
    timer = QTimer(window)
    timer.timeout.connect(report)
    timer.start(WATCH_EVERY_MS)


def main() -> int:
    create_window = app_module.create_window

    def created(*args, **options) -> SidebarWindow:
        window = create_window(*args, **options)
        watch(window)
        return window

    app_module.create_window = created
    return app_module.run(None)


if __name__ == "__main__":
    sys.exit(main())
