"""The sidebar listening along: utterances from `assist feed` come in over the command channel, and
the call strip, the pages and the live transcript follow what is said.

The agent's forbidden wording is marked red, the card with what to say instead brought forward (when
the agent is not typing), and the window marked urgent when it is out of view, never taking the
focus. What the caller says only offers a situation: one key (or a click) takes it. Nothing of the
transcript leaves memory; it is dropped when the next call starts.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit

from assist.core import templates
from assist.core.checker import Finding
from assist.core.live import Heard, Kind, LiveCall, LiveRules, Suggestion, directory_words, parse_heard
from assist.core.model import Phrasebook
from assist.core.numbering import key_digit
from assist.ui.helpers import DirectoryPanel
from assist.ui.i18n import book_words, tr
from assist.ui.live_strip import LiveStrip
from assist.ui.navigator import Page
from assist.ui.unbroken import with_key

if TYPE_CHECKING:
    from assist.ui.main_window import SidebarWindow

MAX_WAITING = 1000  # commands kept while the rules are built (under a second: some 10 are usual)
ACTION = "accept_suggestion"  # the key binding that takes the offer
SUGGESTION_TEXT = {
    Kind.COMPLAINT: ("来电人似乎在投诉", "The caller seems to complain"),
    Kind.MISROUTED: ("来电人似乎找错了部门", "The caller seems to want another department"),
    Kind.PRAISE: ("来电人在表扬", "The caller is praising you"),
    Kind.SILENT: ("来电人没有出声", "The caller is silent"),
}


class LiveController(QObject):
    _rules_built = Signal(object)  # LiveRules, from the thread that builds them

    def __init__(self, window: SidebarWindow) -> None:
        super().__init__(window)
        self.window = window
        self.calls = window.calls
        self.strip = LiveStrip()
        layout = window.call_strip.parentWidget().layout()  # under the call strip, below the cards
        layout.insertWidget(layout.indexOf(window.call_strip) + 1, self.strip)
        self.rules: LiveRules | None = None
        self.live: LiveCall | None = None
        self.offer: Finding | Suggestion | None = None
        self._waiting: list[dict] = []  # commands that came before the rules were ready
        self._rules_built.connect(self._on_rules_built)
        self.calls.started.connect(self._on_call_started)
        self.calls.ended.connect(self._on_call_ended)
        self.calls.timer.timeout.connect(self._on_tick)
        window.navigator.book_changed.connect(self._on_book_changed)
        self.strip.offer_taken.connect(self.accept)
        self.strip.offer_dismissed.connect(self._dismiss)
        self.strip.closed.connect(self._drop)
        self._building = False  # the rules are built at the first command, not for F4 alone

    # -- the command channel ------------------------------------------------------------------

    def handle(self, request: dict) -> dict:
        """An `utterance` or `call-ended` command: checked at once, carried out once the rules are ready."""
        if self.rules is None and not self._building:
            self._build_rules()
        if request.get("command") == "call-ended" and not isinstance(request.get("call"), str | None):
            return {"ok": False, "error": '"call" must be a string or null'}
        if request.get("command") == "utterance":
            heard = parse_heard(request)
            if isinstance(heard, str):
                return {"ok": False, "error": heard}
            live = self.live
            if live is not None and live.ended and heard.call is not None and heard.call == live.call_id:
                return {"ok": False, "error": f"call {heard.call!r} has ended; a new call needs a new id"}
        if self.rules is None:
            self._waiting = [*self._waiting[-MAX_WAITING + 1 :], request]
        else:
            self._carry_out(request)
        return {"ok": True}

    def _carry_out(self, request: dict) -> None:
        if request.get("command") == "call-ended":
            self.calls.end()
            return
        heard = parse_heard(request)
        if isinstance(heard, Heard):
            self.hear(heard)

    def hear(self, heard: Heard) -> None:
        rules = self.rules
        assert rules is not None
        live = self.live
        if live is not None and not live.ended and heard.call and live.call_id and heard.call != live.call_id:
            self.calls.end()  # another call's words: the one before ended without saying so
        if self.calls.call is None:
            self.calls.start()  # → _on_call_started: a new transcript
        if self.live is None or self.live.ended:
            self._new_call()
        live = self.live
        assert live is not None
        if live.call_id is None:
            live.call_id = heard.call
        outcome = live.take(heard, self.calls.clock(), rules)
        self.strip.show_lines(live.lines)
        if outcome.line.final and outcome.line.flags:
            self._flag(outcome.line.flags[0])
        if outcome.spoken is not None:
            spoken = outcome.spoken
            self.calls.hear(spoken.phrases, spoken.hold)
            if spoken.greeting is not None and outcome.silent_caller:
                self.calls.record_silent(spoken.greeting, is_last_prompt=False)
            if spoken.call_again is not None:
                self.calls.record_silent(spoken.call_again, is_last_prompt=True)
        if outcome.suggestion is not None:
            self._suggest(outcome.suggestion)

    # -- what the sidebar does ----------------------------------------------------------------

    def _flag(self, finding: Finding) -> None:
        """Forbidden wording said: offer what to say instead, bring its card forward, mark the window."""
        self.offer = finding
        replacement = self._filled(finding.suggestion)
        self.strip.show_offer(
            with_key(
                tr(f"忌“{finding.match}” → 请说：{replacement}", f"Never “{finding.match}” → say: {replacement}"),
                self._key(),
            ),
            "flag",
        )
        # Painted now, before the page below is rebuilt: the flag shows within the 100 ms the issue asks.
        self.window.layout().activate()
        self.strip.repaint()
        if not self._agent_is_typing():
            self._bring_forward(finding)
        if not self.window.hold_alert.in_view():
            QApplication.alert(self.window)

    def _suggest(self, suggestion: Suggestion) -> None:
        navigator = self.window.navigator
        if navigator.page is Page.SITUATION and navigator.situation and navigator.situation.id == suggestion.situation:
            return  # already in view
        situation = navigator.book.situation(suggestion.situation)
        if situation is None:
            return
        digit = key_digit(navigator.book.situations.index(situation) + 1)  # as the page title numbers it
        number = f"{digit} " if digit else ""
        zh, en = SUGGESTION_TEXT[suggestion.kind]
        self.offer = suggestion
        key = self._key()
        text = with_key(tr(f"{zh} → {number}{situation.title}", f"{en} → {number}{situation.title_en}"), key)
        self.strip.show_offer(text, "suggestion")

    def accept(self) -> None:
        """The accept key: open what the strip offers (the agent's own key press, so focus may move)."""
        offer, self.offer = self.offer, None
        self.strip.clear_offer()
        if offer is None:
            self.window.status.say(tr("实时转写没有建议", "Nothing suggested by the live transcript"))
        elif isinstance(offer, Finding):
            self._bring_forward(offer)
        else:
            self._open(offer)

    def _open(self, suggestion: Suggestion) -> None:
        navigator = self.window.navigator
        index = next((i for i, s in enumerate(navigator.book.situations) if s.id == suggestion.situation), None)
        if index is None:
            return
        navigator.open_situation(index)
        panel = self.window.situation_page.helper
        if suggestion.kind is Kind.MISROUTED and isinstance(panel, DirectoryPanel) and self.live is not None:
            result = self.window.helpers.directory
            words = directory_words(result.directory if result else None, self.live.caller_texts())
            panel.field.setText(words)
            panel.field.setFocus()

    def _bring_forward(self, finding: Finding) -> None:
        """Open the situation of the wording and select its card: Enter copies what to say instead."""
        navigator = self.window.navigator
        situations = navigator.book.situations
        index = next((i for i, s in enumerate(situations) if s.id == finding.situation), None)
        if index is None:
            return
        if navigator.page is not Page.SITUATION or navigator.situation is not situations[index]:
            navigator.open_situation(index)
        card = next((i for i, card in enumerate(navigator.cards) if card.forbidden == finding.entry), None)
        if card is not None:
            navigator.select(card)  # scrolled into view, kept whole as the strip grows (keep_in_view.py)

    def _agent_is_typing(self) -> bool:
        """True while the agent is in the middle of something in the sidebar (a search, the settings,
        a field with text, the draft), even with another program in front: nothing moves then."""
        if self.window.navigator.page in (Page.SEARCH, Page.SETTINGS):
            return True
        focus = self.window.focusWidget()  # the window's own, also while another program is active
        if isinstance(focus, QLineEdit):
            return bool(focus.text())
        return isinstance(focus, QPlainTextEdit | QTextEdit)

    def _on_tick(self) -> None:
        live, rules = self.live, self.rules
        if live is None or live.ended or rules is None or not live.silence_due(self.calls.clock()):
            return
        suggestion = live.suggest(Kind.SILENT, rules)
        if suggestion is not None:
            self._suggest(suggestion)

    def _dismiss(self) -> None:
        self.offer = None
        self.strip.clear_offer()

    # -- calls --------------------------------------------------------------------------------

    def _new_call(self) -> None:
        """Drop the last call's transcript, from memory and from the screen."""
        self.live = LiveCall()
        self.offer = None
        self.strip.clear()
        panel = self.window.situation_page.helper
        if isinstance(panel, DirectoryPanel):
            panel.field.clear()  # it may hold the last caller's words

    def _on_call_started(self) -> None:
        if self.live is not None:
            self._new_call()

    def _on_call_ended(self, _call: object) -> None:
        live, rules = self.live, self.rules
        if live is None or live.ended:
            return
        live.end()
        self.strip.show_lines(live.lines)
        if rules is not None and live.transcript().utterances:
            self.strip.show_result(live.check(rules))

    def _drop(self) -> None:
        """The agent closed the strip: the transcript is forgotten (the call, if any, goes on)."""
        ended = self.live is not None and self.live.ended
        self._new_call()
        if ended and self.live is not None:
            self.live.ended = True

    # -- the rules ----------------------------------------------------------------------------

    def _build_rules(self) -> None:
        """Build the book's rules in the background (the checker takes most of a second)."""
        book = self.window.navigator.book
        if self.rules is not None and self.rules.book is book:
            return
        self.rules = None
        self._building = True

        def build(book: Phrasebook = book) -> None:
            rules = LiveRules(book)
            with contextlib.suppress(RuntimeError):  # the sidebar closed meanwhile
                self._rules_built.emit(rules)

        threading.Thread(target=build, name="live-rules", daemon=True).start()

    def _on_book_changed(self) -> None:
        if self._building or self.rules is not None:
            self._build_rules()

    def _on_rules_built(self, rules: LiveRules) -> None:
        if rules.book is not self.window.navigator.book:
            return  # a book since replaced
        self.rules = rules
        self._building = False
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            self._carry_out(request)

    # -- small helpers ------------------------------------------------------------------------

    def _key(self) -> str:
        entry = next((b for b in self.window.runner.bindings() if b.action == ACTION), None)
        return entry.keys[0] if entry else ""

    def _filled(self, text: str) -> str:
        book = self.window.navigator.book
        labels = {name: f"〔{book_words(item.label, item.label_en)}〕" for name, item in book.placeholders.items()}
        return templates.fill(text, {**labels, **self.window.copier.values()}).text
