"""Copying from the pages: a card by key, click or Enter, the recent phrases, and the values form that
asks, in the card, for what a phrase still needs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from assist.core import recent, templates
from assist.core.model import Helper, Phrase, Situation
from assist.ui.call_controller import CallController
from assist.ui.copier import Copier
from assist.ui.focus import FocusRule
from assist.ui.i18n import book_words, tr
from assist.ui.keep_in_view import reveal
from assist.ui.navigator import Navigator, Page
from assist.ui.page_view import PageView
from assist.ui.settings import Settings
from assist.ui.status_line import StatusLine
from assist.ui.values_form import ValuesForm, labels_of


class Copying(QObject):
    recent_changed = Signal()

    def __init__(
        self,
        navigator: Navigator,
        copier: Copier,
        calls: CallController,
        settings: Settings,
        view: PageView,
        status: StatusLine,
        focus: FocusRule,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.copier = copier
        self.calls = calls
        self.settings = settings
        self.view = view
        self.status = status
        self.focus = focus
        self.values_form: ValuesForm | None = None
        self._form_values: dict[str, str] = {}  # the values when the form opened or last followed them
        self.situation_of: Callable[[Phrase], Situation | None] = lambda phrase: None
        copier.copied.connect(self._on_copied)
        copier.values_needed.connect(self._on_values_needed)
        copier.profile_changed.connect(self._on_values_changed)
        view.page_shown.connect(self._on_page_shown)

    # -- by key and by click ------------------------------------------------------------------

    def copy_number(self, index: int) -> None:
        card = self.navigator.phrase_card(index + 1)
        if card is None:
            if self.navigator.page is Page.SEARCH:
                self.status.say(tr(f"没有第 {index + 1} 条结果", f"No hit {index + 1}"))
            elif self.navigator.page is Page.SITUATION:
                self.status.say(tr(f"此场景没有第 {index + 1} 句用语", f"No phrase {index + 1} here"))
            else:
                self.status.say(tr("请先选择场景 Alt+1 … Alt+0", "Choose a situation first: Alt+1 … Alt+0"))
            return
        self.navigator.select(card)
        self.copy_card(card)

    def copy_card(self, index: int) -> None:
        if 0 <= index < len(self.navigator.cards):
            self.close_form()
            self.copier.copy_phrase(self.navigator.cards[index].phrase, index)

    def click_card(self, index: int) -> None:
        self.navigator.select(index)
        self.copy_card(index)
        self.focus.settle()

    def activate(self) -> None:
        """Enter: open the selected situation, copy the selected card or recent phrase."""
        navigator = self.navigator
        if navigator.page is Page.SITUATIONS:
            count = len(navigator.book.situations)
            if navigator.selected < count:
                navigator.open_situation(navigator.selected)
            else:
                entries = self.recent()
                if navigator.selected - count < len(entries):
                    self.copy_recent(*entries[navigator.selected - count])
        elif navigator.page in (Page.SITUATION, Page.SEARCH):
            self.copy_card(navigator.selected)

    # -- recent phrases -----------------------------------------------------------------------

    def recent(self) -> list[tuple[Situation, Phrase]]:
        return recent.resolve(self.settings.get("recent/phrases"), self.navigator.book)

    def filled(self, template: str) -> str:
        """A template with the agent's values, and the label of any missing one: 〔单位名称〕."""
        placeholders = self.navigator.book.placeholders.items()
        labels = {name: f"〔{book_words(item.label, item.label_en)}〕" for name, item in placeholders}
        return templates.fill(template, {**labels, **self.copier.values()}).text

    def copy_recent(self, situation: Situation, phrase: Phrase) -> None:
        """Copy a recent phrase again; when its values are gone, ask for them in its card."""
        if templates.fill(phrase.text, self.copier.values()).complete:
            self.copier.copy_phrase(phrase)
            return
        index = self.navigator.book.situations.index(situation)
        self.navigator.open_situation(index)
        card = situation.phrases.index(phrase)
        self.navigator.select(card)
        self.copy_card(card)

    # -- what copying does --------------------------------------------------------------------

    def _on_copied(self, text: str, card: int, phrase: Phrase | None) -> None:
        self.close_form()
        page = self.view.card_page()
        if page is not None and 0 <= card < len(page.cards):
            page.cards[card].flash_copied()
        self.status.say(tr(f"✓ 已复制：{text}", f"✓ Copied: {text}"))
        if phrase is None:
            return
        self.calls.record(phrase)
        situation = self.situation_of(phrase)
        if situation is None:
            return
        self.settings.set(
            "recent/phrases", recent.remembered(self.settings.get("recent/phrases"), situation.id, phrase.text)
        )
        self.recent_changed.emit()
        if situation.helper is Helper.SILENT_CALLER:
            self.calls.record_silent(phrase, is_last_prompt=phrase is situation.phrases[-1])

    def _on_values_needed(self, card: int, names: list[str], optional: list[str]) -> None:
        page = self.view.card_page()
        if page is None or not 0 <= card < len(page.cards):
            return
        self.close_form()
        placeholders = self.navigator.book.placeholders
        form = ValuesForm.to_copy(names, placeholders, self.copier.values(), optional)
        form.submitted.connect(self._on_submitted)
        form.cancelled.connect(self.close_form)
        form.incomplete.connect(self._ask_for)
        page.cards[card].form_area.addWidget(form)
        self.values_form = form
        self._form_values = self.copier.values()
        reveal(page, form)
        form.focus_first_empty()
        self._ask_for(names)

    def _on_submitted(self, values: dict[str, str]) -> None:
        self._form_values = {**self._form_values, **values}  # the form's own values: nothing to follow
        self.copier.supply(values)

    def _ask_for(self, names: list[str]) -> None:
        missing = labels_of(names, self.navigator.book.placeholders)
        self.status.say(tr(f"请先填写：{missing}", f"Fill in to copy: {missing}"), cause="form")

    def _on_values_changed(self) -> None:
        """A department picked (or the profile edited) while the form is open: the form follows."""
        form = self.values_form
        if form is None:
            return
        before, self._form_values = self._form_values, self.copier.values()
        form.refill(before, self._form_values)
        missing = form.empty_required()
        if missing:
            self._ask_for(missing)
        else:
            self.status.clear("form")

    def close_form(self) -> None:
        if self.values_form is not None:
            form, self.values_form = self.values_form, None
            form.hide()
            form.deleteLater()
            self.copier.cancel()
            self.status.clear("form")
            self.focus.settle()

    def _on_page_shown(self, page: Page) -> None:
        if page in (Page.SITUATION, Page.SEARCH) and self.values_form is not None:
            self.values_form = None  # it lived in the cards just replaced
            self.copier.cancel()
            self.status.clear("form")
