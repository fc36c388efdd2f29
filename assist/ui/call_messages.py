"""What the status line says about the call: started, ended (and what was missed), a long hold."""

from __future__ import annotations

from PySide6.QtCore import QObject

from assist.core.call import Call
from assist.ui.call_controller import CallController
from assist.ui.call_strip import CallStrip, summary_lines
from assist.ui.copier import Copier
from assist.ui.i18n import tr
from assist.ui.locks import refused_by_centre
from assist.ui.settings import Settings
from assist.ui.status_line import StatusLine


class CallMessages(QObject):
    def __init__(
        self,
        calls: CallController,
        copier: Copier,
        settings: Settings,
        status: StatusLine,
        strip: CallStrip,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.strip = strip
        strip.new_call_prompt.confirmed.connect(self.start_call)
        self.calls = calls
        self.copier = copier
        self.settings = settings
        self.status = status
        calls.ended.connect(self._on_ended)
        calls.hold_reminder.connect(self._on_hold_reminder)

    def new_call(self) -> None:
        if not self.strip.ask_new_call():  # a call is on: Enter starts the new one, Esc keeps it
            self.start_call()

    def start_call(self) -> None:
        self.copier.forget_call_values()  # the last caller's department is not this caller's
        self.calls.start()
        self.status.say(tr("通话开始 · Ctrl+E 结束", "Call started · Ctrl+E ends it"))

    def set_hold_threshold(self, seconds: int) -> None:
        if refused_by_centre(self.settings, self.status, "hold/threshold_seconds"):
            return
        self.settings.set("hold/threshold_seconds", int(seconds))
        self.calls.set_hold_threshold(float(seconds))

    def _on_ended(self, call: Call) -> None:
        self.copier.forget_call_values()
        missed = tr("；", "; ").join(head + rest for head, rest in summary_lines(call, self.strip.labels))
        if missed:
            self.status.say(tr(f"通话结束。{missed}", f"Call ended. {missed}"))
        else:
            self.status.say(tr("通话结束，三声俱全 ✓", "Call ended, all three voices ✓"))

    def _on_hold_reminder(self, count: int) -> None:
        seconds = self.calls.hold_threshold * count
        self.status.say(
            tr(
                f"等待已超过 {seconds:.0f} 秒：请告知用户大约还需多久，并致谢",
                f"On hold for {seconds:.0f} s: tell the caller how long, and thank them",
            ),
            cause="hold",
        )
