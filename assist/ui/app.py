"""Starting the sidebar: the Qt application, the phrasebook, the window."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from assist.core.load_cache import checked_directory
from assist.core.personal import PersonalStore
from assist.ui.book_source import BookSource
from assist.ui.i18n import choose, tr
from assist.ui.main_window import SidebarWindow
from assist.ui.settings import Settings


class SidebarApplication(QApplication):
    """Quit means quit: the menu's and the tray's 退出, SIGTERM and Ctrl+C end the program the first time.

    Qt's own quit first asks every window to close and gives up when one stays open: the sidebar
    stays (closing it only hides it to the tray), and so may the tray icon's own window. A request to
    quit leaves the event loop instead; on the way out `aboutToQuit` saves the window's place.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self.exit(0)
            return True
        return super().event(event)


def create_window(
    path: Path | str | None, settings: Settings, directory_path: Path | str | None = None
) -> SidebarWindow:
    """The sidebar on the book from `path` (else the settings' source, else the built-in book).

    A broken book never stops the sidebar: it shows the built-in book (or the last good one) and
    says what is wrong, with file and line.
    """
    location = str(path) if path is not None else str(settings.get("phrasebook/source")) or None
    choose(str(settings.get("appearance/language")))  # before the book's banner is worded
    source = BookSource(location, PersonalStore())
    book = source.load()
    directory = checked_directory(directory_path)
    window = SidebarWindow(book, settings, directory=directory, source=source)
    problems, title = list(source.problems), source.title
    if directory.directory is None:
        name = Path(directory.problems[0].path if directory.problems else "directory.yaml").name
        problems += directory.problems
        title = title or tr(
            f"部门通讯录 {name} 有误，转接部门需手动填写。",
            f"The directory {name} is broken; type the department by hand.",
        )
    if problems:
        window.show_problems(title, problems)
    return window


def run(path: str | None, directory_path: str | None = None) -> int:
    """Open the sidebar, or show the one already running and return."""
    from assist.ui.app_menu import Tray, icon
    from assist.ui.hotkey import GlobalHotkey
    from assist.ui.instance import Instance, hand_over

    instance = Instance(lambda _request: {"ok": False, "error": "starting"})
    if not instance.claim():
        reply = hand_over({"command": "show"})
        if reply is None:
            print("assist: another Assist holds the lock but does not answer", file=sys.stderr)
            return 1
        if not reply.get("ok"):
            print(f"assist: {reply.get('error', 'failed')}", file=sys.stderr)
            return 1
        return 0
    app = QApplication.instance() or SidebarApplication(sys.argv[:1])
    app.setApplicationName("Assist")
    window = create_window(path, Settings.for_user(), directory_path)
    window.apply_appearance()
    app.setWindowIcon(icon())
    if sys.platform == "win32":
        from assist.ui.hotkey_windows import WindowsHotkey

        window.use_hotkey(WindowsHotkey(app))
    else:
        window.use_hotkey(GlobalHotkey(app))
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = Tray(window.runner, window.situation_titles, window)
        tray.show()
        window.hold_alert.tray = tray
        window.closes_to_tray = True
        app.setQuitOnLastWindowClosed(False)
    app.aboutToQuit.connect(window.save_geometry)
    app.aboutToQuit.connect(instance.release)
    _quit_cleanly_on_signals(app)
    instance.handler = window.handle_command
    if not instance.listen():
        print("assist: cannot listen for commands; `assist show` will not reach this sidebar", file=sys.stderr)
    window.place()
    window.show()
    window.raise_()
    window.activateWindow()
    return app.exec()


def _quit_cleanly_on_signals(app: QApplication) -> None:
    """Let SIGTERM (logout, `kill`) and Ctrl+C end the event loop, so that settings are saved on the way out.

    Python runs signal handlers only when it has control; the wake-up socket gives it control
    as soon as a signal arrives, without polling. The quit is queued: a signal that comes before
    the event loop runs (while the window is first shown) then ends it as soon as it starts.
    """
    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: QTimer.singleShot(0, app.quit))
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: receiver.recv(64))
    app._signal_sockets = (receiver, sender, notifier)  # kept alive as long as the application
