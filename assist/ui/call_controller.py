"""The call in progress, ticking once a second: call timer, hold timer and its reminders, end summary.

The clock is passed in, so tests move time forward and fire the timer's signal themselves.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from assist.core.call import Call, SilentCaller, starts_a_call
from assist.core.model import FlowStep, Phrase, Voice

TICK_MS = 1000
SUMMARY_MS = 10_000  # how long the end-of-call summary stays before the strip clears


class CallController(QObject):
    changed = Signal()  # anything the strip shows changed (also every second during a call)
    hold_reminder = Signal(int)  # the hold went one more interval without news for the caller
    ended = Signal(object)  # the Call that just ended: the strip shows what was missed
    cleared = Signal()  # the summary is gone; ready for the next call

    def __init__(
        self, hold_threshold: float, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.hold_threshold = hold_threshold
        self.call: Call | None = None  # the call in progress
        self.last_call: Call | None = None
        self.silent = SilentCaller()
        self._reminders = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.summary_timer = QTimer(self)
        self.summary_timer.setSingleShot(True)
        self.summary_timer.setInterval(SUMMARY_MS)
        self.summary_timer.timeout.connect(self._on_summary_over)

    def start(self) -> None:
        self.summary_timer.stop()
        self.last_call = None
        self.call = Call(self.clock(), self.hold_threshold)
        self.silent = SilentCaller()
        self._reminders = 0
        self.timer.start()
        self.changed.emit()

    def end(self) -> None:
        if self.call is None:
            return
        self.call.end(self.clock())
        self.last_call, self.call = self.call, None
        self.timer.stop()
        self.ended.emit(self.last_call)
        self.changed.emit()
        self.summary_timer.start()

    def record_silent(self, phrase: Phrase, is_last_prompt: bool) -> None:
        """A phrase of the silent-caller situation was copied: count it."""
        self.silent.record(phrase, is_last_prompt)
        self.changed.emit()

    def record(self, phrase: Phrase) -> None:
        """A phrase was copied: note it for the call in progress, if any."""
        if self.call is None and starts_a_call(phrase):
            self.start()
        call = self.call
        if call is None:
            self.changed.emit()
            return
        was_held = call.hold is not None
        call.record(phrase, self.clock())
        if call.hold is None or not was_held or phrase.hold is not None:
            self._reminders = 0
        if call.ended is not None:
            self.end()
            return
        self.changed.emit()

    def advance(self) -> FlowStep | None:
        if self.call is None:
            return None
        step = self.call.advance()
        self.changed.emit()
        return step

    def toggle_hold(self) -> None:
        """The hold key: start a hold timer (a call is started if none is on), or stop it."""
        call = self.call
        if call is None:
            self.start()
            call = self.call
        call.toggle_hold(self.clock())
        self._reminders = 0
        self.changed.emit()

    def tick(self) -> None:
        call = self.call
        if call is None:
            return
        if call.hold is not None:
            due = call.hold.reminders_due(self.clock())
            if due > self._reminders:
                self._reminders = due
                self.hold_reminder.emit(due)
        self.changed.emit()

    @property
    def hold_overdue(self) -> bool:
        return self.call is not None and self.call.hold is not None and self._reminders > 0

    def set_hold_threshold(self, seconds: float) -> None:
        self.hold_threshold = seconds
        if self.call is not None:
            self.call.hold_threshold = seconds
            if self.call.hold is not None:
                self.call.hold.threshold = seconds

    def reset_silent(self) -> None:
        self.silent = SilentCaller()
        self.changed.emit()

    def _on_summary_over(self) -> None:
        self.last_call = None
        self.changed.emit()
        self.cleared.emit()


VOICE_LABELS = {Voice.GREETING: "招呼声", Voice.INQUIRY: "询问声", Voice.FAREWELL: "道别声"}
VOICE_LABELS_EN = {Voice.GREETING: "greeting", Voice.INQUIRY: "inquiry", Voice.FAREWELL: "farewell"}
STEP_LABELS_EN = {
    FlowStep.GREET: "greet",
    FlowStep.LISTEN: "listen",
    FlowStep.RESPOND: "respond",
    FlowStep.ANSWER: "answer",
    FlowStep.CONFIRM: "confirm",
    FlowStep.END: "close",
}
