"""The agent's own phrases and favourites in a situation: add, edit, remove (with undo), pin."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assist.core.personal import PersonalData, PersonalPhrase
from assist.core.personal_rules import Refusal, Verdict, judge
from assist.ui.book_source import BookSource
from assist.ui.i18n import tr
from assist.ui.navigator import Navigator
from assist.ui.pages import SituationPage
from assist.ui.personal_file import NotSaved
from assist.ui.scroll_anchor import ScrollAnchor
from assist.ui.status_line import StatusLine

if TYPE_CHECKING:
    from assist.core.checker import Finding
    from assist.core.model import Phrasebook


class PersonalPhrases(QObject):
    def __init__(
        self,
        source: BookSource | None,
        navigator: Navigator,
        page: SituationPage,
        status: StatusLine,
        keys_of: Callable[[str], tuple[str, ...]],
        shown: Callable[[str], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.navigator = navigator
        self.page = page
        self.status = status
        self.keys_of = keys_of  # the keys in force for a command, to say the undo key
        self.shown = shown  # a phrase as its card shows it: values filled, missing ones 〔labelled〕
        self.editing = ""  # the own phrase being edited in the add line, if any
        self.set_aside = ""  # what the add line held when an edit began: it comes back when the edit ends
        self.removed: tuple[int, PersonalPhrase, bool] | None = None  # the last removal: place, phrase, pinned
        page.add_requested.connect(self._on_add)
        page.remove_requested.connect(self.remove)
        page.favourite_toggled.connect(self.toggle_favourite)
        page.edit_requested.connect(self.edit)
        page.add_cancelled.connect(self._on_cancelled)

    def favourites_of(self, situation_id: str) -> set[str]:
        if self.source is None:
            return set()
        return {text for owner, text in self.source.personal.favourites if owner == situation_id}

    def _on_add(self, text: str) -> None:
        reason = self.add(text)
        if reason:
            self.page.refuse(reason)
        else:
            self.page.added()
            self._bring_back()

    def _on_cancelled(self) -> None:
        """Esc in the add line: an edit is left, the phrase unchanged."""
        if self.editing:
            self.editing = ""
            self.page.set_editing(False)
            self._bring_back()
            self.status.clear("edit")

    def _bring_back(self) -> None:
        """The edit is over: the text set aside when it began is in the add line again."""
        field = self.page.add_field
        if self.set_aside and not self.editing and field is not None:
            field.setText(self.set_aside)
            self.set_aside = ""

    def add(self, text: str) -> str:
        """Add an own phrase to the situation shown (or save the one edited); return why not, or ""."""
        from assist.core.checker import Checker

        situation = self.navigator.situation if self.source is not None else None
        editing = self.editing
        verdict = judge(situation, text, editing, Checker(self.navigator.book))
        if verdict.unchanged:
            self.editing = ""
            self.page.set_editing(False)
            return ""
        if verdict.refusal is not None:
            return _refusal_text(verdict, bool(editing), self.navigator.book)
        text = text.strip()
        try:
            if editing:
                self.source.replace_phrase(situation.id, editing, PersonalPhrase(situation.id, text))
            else:
                self.source.add_phrase(PersonalPhrase(situation.id, text))
        except NotSaved as refused:
            return str(refused)  # the text stays in the line (and the edit goes on) to try again
        self.editing = ""
        self.page.set_editing(False)
        if editing:
            self.status.say(tr(f"✓ 已保存我的用语：{text}", f"✓ Saved: {text}"))
        else:
            self.status.say(tr(f"✓ 已添加我的用语：{text}", f"✓ Added: {text}"))
        return ""

    def edit(self, text: str) -> None:
        """Put an own phrase in the add line to be changed; Enter saves it in its place."""
        line = self.page.add_line
        if line is None:
            return
        typed = line.field.text()
        if not self.editing and typed.strip() and typed != text:
            self.set_aside = typed  # never lost: back in the line once the edit is saved or left
        self.editing = text
        line.start_edit(text)
        hint = tr("修改后按 Enter 保存，Esc 取消", "Enter saves the change, Esc leaves it")
        if self.set_aside:
            hint += tr(f"；“{self.set_aside}”已暂存，之后放回", f"; “{self.set_aside}” comes back after")
        self.status.say(hint, cause="edit")

    def remove(self, text: str) -> None:
        situation = self.navigator.situation
        if self.source is None or situation is None:
            return
        phrases = list(self.source.personal.phrases)
        place = next((i for i, p in enumerate(phrases) if (p.situation, p.text) == (situation.id, text)), None)
        if place is None:
            return
        removed = (place, phrases[place], (situation.id, text) in self.source.personal.favourites)
        try:
            self.source.remove_phrase(situation.id, text)
        except NotSaved as refused:
            self.status.say(str(refused))
            return
        self.removed = removed
        key = next(iter(self.keys_of("undo")), "")
        self.status.say(
            tr(f"已删除我的用语：{self.shown(text)} · {key} 撤销", f"Removed: {self.shown(text)} · {key} undoes it"),
            cause="undo",
            lifetime_ms=30_000,
        )

    def undo(self) -> None:
        if self.source is None or self.removed is None:
            self.status.say(tr("没有可撤销的删除", "Nothing to undo"))
            return
        place, phrase, pinned = self.removed

        def put_back(data: PersonalData) -> PersonalData:
            phrases = list(data.phrases)
            phrases.insert(min(place, len(phrases)), phrase)
            favourites = [*data.favourites, *([(phrase.situation, phrase.text)] if pinned else [])]
            return PersonalData(phrases, favourites)

        try:
            self.source.personal_file.update(put_back)
        except NotSaved as refused:
            self.status.say(str(refused))
            return
        self.removed = None
        self.status.say(tr(f"✓ 已恢复：{self.shown(phrase.text)}", f"✓ Restored: {self.shown(phrase.text)}"))

    def toggle_favourite(self, text: str) -> None:
        situation = self.navigator.situation
        if self.source is None or situation is None:
            return
        # ★ 常用 comes or goes above the card: the card whose star was clicked stays under the pointer.
        index = next((i for i, phrase in enumerate(situation.phrases) if phrase.text == text), -1)
        anchor = ScrollAnchor(self.page, lambda: self.page.cards[index] if 0 <= index < len(self.page.cards) else None)
        try:
            on = self.source.toggle_favourite(situation.id, text)
        except NotSaved as refused:
            self.status.say(str(refused))
            return
        anchor.restore()
        anchor.restore_later()
        said = tr("★ 已设为常用：", "★ Pinned: ") if on else tr("☆ 已取消常用：", "☆ Unpinned: ")
        self.status.say(said + self.shown(text))


def _refusal_text(verdict: Verdict, editing: bool, book: Phrasebook) -> str:
    refusal = verdict.refusal
    if refusal is Refusal.EMPTY:
        return tr("请先输入用语", "Type the phrase first")
    if refusal is Refusal.NO_SITUATION:
        return tr("没有打开场景", "No situation is open")
    if refusal is Refusal.DUPLICATE:
        return tr("此场景已有这句用语", "This situation has this phrase already")
    detail = tr(verdict.detail, _reasons_en(verdict.findings, book))
    if editing:
        return tr(f"不能保存：{detail}", f"Not saved, it holds forbidden wording: {detail}")
    return tr(f"不能添加：{detail}", f"Refused, it holds forbidden wording: {detail}")


def _reasons_en(findings: tuple[Finding, ...], book: Phrasebook) -> str:
    """Why, in English: only the wordings themselves stay Chinese, in quotes."""
    reasons = []
    for finding in findings:
        situation = book.situation(finding.situation)
        title = situation.title_en or situation.title if situation else finding.situation_title
        reasons.append(f"“{finding.match}” ({title}); say “{finding.suggestion}”")
    return "; ".join(reasons)
