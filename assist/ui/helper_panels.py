"""The panels some situations show above their phrases, and what they do: the silent caller's count,
the department picker (its index is read in the background), the complaint ticket notes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from assist.core import templates
from assist.core.model import Helper, Situation
from assist.core.ticket import ticket_note
from assist.ui.call_controller import CallController
from assist.ui.copier import Copier
from assist.ui.focus import FocusRule
from assist.ui.helpers import ComplaintPanel, DirectoryPanel, SilentCallerPanel
from assist.ui.i18n import tr
from assist.ui.navigator import Navigator, Page
from assist.ui.pages import SituationPage
from assist.ui.status_line import StatusLine
from assist.ui.values_form import ValuesForm, labels_of

if TYPE_CHECKING:  # the directory (and YAML) load only when a misrouted call needs them
    from assist.core.directory import Department, DirectoryIndex, DirectoryResult


class HelperPanels(QObject):
    _directory_indexed = Signal(object)  # a DirectoryIndex with pinyin, from its background thread

    def __init__(
        self,
        navigator: Navigator,
        copier: Copier,
        calls: CallController,
        page: SituationPage,
        status: StatusLine,
        focus: FocusRule,
        directory: DirectoryResult | None,
        put_on_clipboard: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.copier = copier
        self.calls = calls
        self.page = page
        self.status = status
        self.focus = focus
        self.directory = directory
        self._put_on_clipboard = put_on_clipboard
        self._index: DirectoryIndex | None = None
        self._pinyin_started = False
        self._directory_indexed.connect(self._on_indexed)
        calls.changed.connect(self._on_call_changed)
        copier.profile_changed.connect(self._on_values_changed)
        # A card copied (or asking for its values) while a ticket note's form is open: the agent moved
        # on, so the form goes, as a card's own form does; what was typed in it comes back with it.
        self._note_typed: dict[str, str] = {}
        copier.copied.connect(self._set_note_form_aside)
        copier.values_needed.connect(self._set_note_form_aside)

    def panel_for(self, situation: Situation) -> QWidget | None:
        if situation.helper is Helper.SILENT_CALLER:
            panel = SilentCallerPanel()
            panel.reset_requested.connect(self.calls.reset_silent)
            panel.show_state(self.calls.silent)
            return panel
        if situation.helper is Helper.DIRECTORY:
            index, problem = self._lookup()
            directory_panel = DirectoryPanel(index, problem)
            directory_panel.picked.connect(self._on_picked)
            directory_panel.type_values.connect(self._on_type_values)
            directory_panel.show_choice(self.copier.values())
            return directory_panel
        if situation.helper is Helper.COMPLAINT and situation.subjects:
            return ComplaintPanel(situation, lambda subject: self.copy_ticket_note(situation, subject))
        return None

    def _on_call_changed(self) -> None:
        if isinstance(self.page.helper, SilentCallerPanel):
            self.page.helper.show_state(self.calls.silent)

    def _on_values_changed(self) -> None:
        if isinstance(self.page.helper, DirectoryPanel):
            self.page.helper.show_choice(self.copier.values())

    # -- the directory --------------------------------------------------------------------------

    def _lookup(self) -> tuple[DirectoryIndex | None, str]:
        """The directory's index, built on first use (its pinyin comes from the reading cache)."""
        result = self.directory
        if result is None or result.directory is None:
            problems = result.problems if result is not None else ()
            first = str(problems[0]) if problems else tr("没有部门通讯录", "No department directory")
            return None, tr(f"部门通讯录不可用：{first}", f"Directory unavailable: {first}")
        if self._index is None:
            from assist.core.directory import DirectoryIndex

            # Names and keywords work at once; pinyin (which may need pypinyin) is read in the background.
            self._index = DirectoryIndex(result.directory)
            self.read_pinyin()
        return self._index, ""

    def read_pinyin(self) -> None:
        result = self.directory
        if result is None or result.directory is None or self._pinyin_started:
            return
        self._pinyin_started = True
        directory = result.directory

        def read() -> None:
            from assist.core.directory import DirectoryIndex
            from assist.core.pinyin import ReadingCache, default_cache_folder

            readings = ReadingCache(default_cache_folder()).readings(DirectoryIndex.texts_to_read(directory))
            with contextlib.suppress(RuntimeError):  # the sidebar closed while the pinyin was being read
                self._directory_indexed.emit(DirectoryIndex(directory, readings))

        threading.Thread(target=read, name="directory-pinyin", daemon=True).start()

    def _on_indexed(self, index: DirectoryIndex) -> None:
        self._index = index
        if isinstance(self.page.helper, DirectoryPanel):
            self.page.helper.set_index(index)

    def find_department(self) -> None:
        """Open the misrouted-call situation if need be, and put the cursor in its department picker."""
        if not isinstance(self.page.helper, DirectoryPanel) or self.navigator.page is not Page.SITUATION:
            situations = self.navigator.book.situations
            index = next((i for i, s in enumerate(situations) if s.helper is Helper.DIRECTORY), None)
            if index is None:
                self.status.say(tr("此用语库没有部门通讯录", "This phrasebook has no department picker"))
                return
            self.navigator.open_situation(index)
        panel = self.page.helper
        if isinstance(panel, DirectoryPanel):
            self.focus.to_field(panel.field)

    def _on_picked(self, department: Department) -> None:
        self.copier.pick_department(department)
        self.focus.to_cards()
        detail = (
            tr(f"{department.phone} 转 {department.extension}", f"{department.phone} ext. {department.extension}")
            if department.extension
            else department.phone
        )
        self.status.say(
            tr(
                f"本次通话转 {department.name} · {detail} · Ctrl+1 复制",
                f"This call: {department.name} · {detail} · Ctrl+1 copies",
            )
        )

    def _on_type_values(self) -> None:
        """Ask for the misrouted phrase's call-only values in the phrase's own card."""
        situation = self.navigator.situation
        if situation is None or not situation.phrases:
            return
        placeholders = self.navigator.book.placeholders
        names = [
            name
            for name in templates.placeholders_in(situation.phrases[0].text)
            if name in placeholders and not placeholders[name].profile
        ]
        self.copier.ask_values(names, 0, situation.phrases[0])

    # -- complaints -----------------------------------------------------------------------------

    def copy_ticket_note(self, situation: Situation, subject: str) -> None:
        """Copy the subject's note; when it needs a value not known yet, ask for it in the panel first."""
        panel = self.page.helper
        self.close_note_form()
        note = ticket_note(situation, subject, self.copier.values())
        if note.missing and isinstance(panel, ComplaintPanel):
            self._ask_for_note(panel, situation, subject, list(note.missing))
            return
        self._note_typed = {}
        self._put_on_clipboard(note.text)
        self.status.say(tr(f"✓ 已复制工单备注：{note.text}", f"✓ Ticket note copied: {note.text}"))

    def _ask_for_note(self, panel: ComplaintPanel, situation: Situation, subject: str, missing: list[str]) -> None:
        placeholders = self.navigator.book.placeholders
        form = ValuesForm.to_copy(missing, placeholders, {**self.copier.values(), **self._note_typed})

        def submitted(values: dict[str, str]) -> None:
            self.copier.remember(values)
            self.copy_ticket_note(situation, subject)
            self.focus.settle()

        form.submitted.connect(submitted)
        form.cancelled.connect(self.close_note_form)
        panel.form_area.addWidget(form)
        panel.values_form = form
        form.focus_first_empty()
        names = labels_of(missing, placeholders)
        self.status.say(tr(f"请先填写：{names}", f"Fill in to copy: {names}"), cause="form")

    def _set_note_form_aside(self, *_: object) -> None:
        """Close the note's form, keeping what was typed for the next time it opens (never remembered
        as the agent's details: it may be half a number)."""
        panel = self.page.helper
        if isinstance(panel, ComplaintPanel) and panel.values_form is not None:
            typed = {name: field.text() for name, field in panel.values_form.fields.items() if field.text().strip()}
            self._note_typed = {**self._note_typed, **typed}
            self.close_note_form()

    def close_note_form(self) -> None:
        panel = self.page.helper
        if isinstance(panel, ComplaintPanel) and panel.values_form is not None:
            form, panel.values_form = panel.values_form, None
            form.hide()
            form.deleteLater()
            self.status.clear("form")
            self.focus.settle()
