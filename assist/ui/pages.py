"""The pages of the sidebar's stack: the situation list, one situation, the guidance, the key sheet."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.core.model import Phrase, Phrasebook, Placeholder, Situation
from assist.ui.add_phrase_line import AddPhraseLine
from assist.ui.cards import Card, CopyCard, ForbiddenCard, HitCard, PhraseCard, SituationRow, make_label
from assist.ui.commands import keys_label
from assist.ui.i18n import book_words, tr
from assist.ui.inline_edit import InlineEdit
from assist.ui.keymap import Binding

if TYPE_CHECKING:  # the search module (and rapidfuzz) loads after the window is up
    from assist.core.search import Hit


class ScrollPage(QScrollArea):
    """A page whose content scrolls; subclasses fill `self.body`."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._reset_body()

    def _reset_body(self) -> None:
        # The old content is deleted later, not now: a page is often rebuilt by a click on one of
        # its own buttons (删除, ☆), and deleting that button while it is still handling the click
        # would crash. (setWidget alone would delete it at once.)
        old = self.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        container = QWidget()
        container.setObjectName("pageBody")
        self.body = QVBoxLayout(container)
        self.body.setContentsMargins(8, 8, 8, 8)
        self.body.setSpacing(6)
        self.setWidget(container)

    def section(self, title: str, title_en: str = "") -> None:
        self.body.addWidget(make_label(tr(title, title_en), "sectionTitle"))

    def scroll_by_page(self, step: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + step * bar.singleStep() * 3)


class SituationListPage(ScrollPage):
    row_clicked = Signal(int)
    recent_clicked = Signal(int)  # the index of the recent phrase to copy again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("situationListPage", parent)
        self.rows: list[SituationRow] = []
        self.recent: list[QToolButton] = []

    def show_book(
        self,
        book: Phrasebook,
        recent: list[tuple[Situation, Phrase]] | None = None,
        fill: Callable[[str], str] = str,
    ) -> None:
        """The numbered situations, and under them the phrases copied last, filled in by `fill`
        (a click or Enter copies again; Down reaches them after the last situation)."""
        self._reset_body()
        self.section("场景 · Alt+1 … Alt+0", "Situations · Alt+1 … Alt+0")
        self.rows = []
        for index, situation in enumerate(book.situations):
            row = SituationRow(index + 1, situation)
            row.clicked.connect(lambda index=index: self.row_clicked.emit(index))
            self.body.addWidget(row)
            self.rows.append(row)
        self.recent = []
        if recent:
            self.section("最近复制", "Recent · click to copy again")
            for number, (situation, phrase) in enumerate(recent):
                button = QToolButton()
                button.setObjectName("recentPhrase")
                button.setProperty("selected", False)
                text = fill(phrase.text)
                button.setText(text)
                button.setToolTip(f"{tr(situation.title, situation.title_en or situation.title)}\n{text}")
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _=False, number=number: self.recent_clicked.emit(number))
                self.body.addWidget(button)
                self.recent.append(button)
        self.body.addStretch()

    def select(self, index: int) -> None:
        _select_in(self, self.rows, index)
        for number, button in enumerate(self.recent, start=len(self.rows)):
            if bool(button.property("selected")) != (number == index):
                button.setProperty("selected", number == index)
                button.style().unpolish(button)
                button.style().polish(button)
            if number == index:
                self.ensureWidgetVisible(button, 0, 24)


class CardsPage(ScrollPage):
    """A page of copyable cards that reports clicks by card index and shows the selection."""

    card_clicked = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.cards: list[CopyCard] = []

    def _clear(self) -> None:
        self._reset_body()
        self.cards = []

    def _add_card(self, card: CopyCard) -> None:
        index = len(self.cards)
        card.clicked.connect(lambda: self.card_clicked.emit(index))
        self.body.addWidget(card)
        self.cards.append(card)

    def show_values(self, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> None:
        for card in self.cards:
            card.show_values(values, placeholders)

    def select(self, index: int) -> None:
        _select_in(self, self.cards, index)


class SituationPage(CardsPage):
    """One situation: its standard phrases, its forbidden phrases, its conduct."""

    add_requested = Signal(str)  # the text of a phrase of the agent's own, to add here
    remove_requested = Signal(str)
    edit_requested = Signal(str)
    add_cancelled = Signal()  # Esc in the add line
    favourite_toggled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("situationPage", parent)
        self.helper: QWidget | None = None
        self.pinned: list[PhraseCard] = []
        self.add_line: AddPhraseLine | None = None
        self._shown_id = ""  # the situation shown: shown again, its add line keeps what was typed

    def show_values(self, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> None:
        super().show_values(values, placeholders)
        for card in self.pinned:
            card.show_values(values, placeholders)

    def refuse(self, reason: str) -> None:
        """Say why a phrase was not added; the text stays in the field to be corrected."""
        if self.add_line is not None:
            self.add_line.refuse(reason)

    def added(self) -> None:
        """The phrase typed was saved: the add line is empty again."""
        if self.add_line is not None:
            self.add_line.clear()

    def lift_refusal(self, reason: str) -> None:
        """The cause of a refusal has gone (the personal file reads whole again): its note goes."""
        if self.add_line is not None:
            self.add_line.lift(reason)

    def set_editing(self, editing: bool) -> None:
        if self.add_line is not None:
            self.add_line.set_editing(editing)

    @property
    def add_button(self) -> QToolButton | None:
        return self.add_line.save if self.add_line is not None else None

    @property
    def add_field(self) -> InlineEdit | None:
        return self.add_line.field if self.add_line is not None else None

    @property
    def refusal(self) -> QLabel | None:
        return self.add_line.note if self.add_line is not None else None

    def show_situation(
        self,
        situation: Situation,
        values: Mapping[str, str],
        placeholders: Mapping[str, Placeholder],
        helper: QWidget | None = None,
        favourites: set[str] | None = None,
        personal: bool = False,
    ) -> None:
        """Show a situation; `helper` is the panel its `helper` key asks for, shown above the phrases.

        Favourites are pinned at the top, keeping their numbers; with `personal`, the agent can pin
        phrases and add, or remove, phrases of their own.
        """
        typed = self.add_line.typed() if self.add_line is not None and situation.id == self._shown_id else None
        self._clear()
        self._shown_id, self.add_line = situation.id, None
        self.helper = helper
        self.pinned = []
        favourites = favourites or set()
        if helper is not None:
            self.body.addWidget(helper)
        if situation.note:
            self.body.addWidget(make_label(situation.note, "note"))
        pinned = [(n, p) for n, p in enumerate(situation.phrases, start=1) if p.text in favourites]
        if pinned:
            self.section("★ 常用", "Pinned")
            for number, phrase in pinned:
                card = PhraseCard(number, phrase)
                card.clicked.connect(lambda index=number - 1: self.card_clicked.emit(index))
                self.body.addWidget(card)
                self.pinned.append(card)
        self.section("标准用语", "Say")
        for number_in_situation, phrase in enumerate(situation.phrases, start=1):
            card = PhraseCard(number_in_situation, phrase, phrase.text in favourites, actions=personal)
            card.favourite_clicked.connect(lambda text=phrase.text: self.favourite_toggled.emit(text))
            card.remove_clicked.connect(lambda text=phrase.text: self.remove_requested.emit(text))
            card.edit_clicked.connect(lambda text=phrase.text: self.edit_requested.emit(text))
            self._add_card(card)
        if personal:
            self.add_line = AddPhraseLine()
            self.add_line.submitted.connect(self.add_requested)
            self.add_line.cancelled.connect(self.add_cancelled)
            self.body.addWidget(self.add_line)
        if situation.forbidden:
            self.section("禁语", "Never say · click copies what to say instead")
            for entry in situation.forbidden:
                replacement = situation.replacement_for(entry)
                self._add_card(ForbiddenCard(entry, replacement, situation.phrases.index(replacement) + 1))
        if situation.subjects:
            self.section("投诉事项", "Complaint subjects")
            subjects = [book_words(item.text, item.en) for item in situation.subjects]
            self.body.addWidget(make_label(tr("、", "; ").join(subjects), "conduct"))
        if situation.do or situation.dont:
            self.section("行为规范", "Conduct")
            conduct = [
                f"<span style='color:#1a7f37'>✓ {tr('宜', 'Do')}</span> {escape(book_words(item.text, item.en))}"
                for item in situation.do
            ]
            conduct += [
                f"<span style='color:#c62828'>✗ {tr('忌', 'Never')}</span> {escape(book_words(item.text, item.en))}"
                for item in situation.dont
            ]
            self.body.addWidget(make_label("<br>".join(conduct), "conduct", rich=True))
        self.body.addStretch()
        self.show_values(values, placeholders)
        if typed is not None and self.add_line is not None:
            self.add_line.take_over(typed)


class SearchPage(CardsPage):
    """Search hits as cards, best first; Ctrl+1 … Ctrl+9 copy the first nine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("searchPage", parent)

    def show_hits(
        self,
        query: str,
        hits: list[Hit],
        values: Mapping[str, str],
        placeholders: Mapping[str, Placeholder],
        has_pinyin: bool,
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """`titles`: each situation's title in the interface language, by id."""
        self._clear()
        if not hits:
            self.body.addWidget(make_label(tr(f"没有找到“{query}”。", f"No phrase matches “{query}”."), "note"))
        for number, hit in enumerate(hits, start=1):
            self._add_card(HitCard(number, hit, (titles or {}).get(hit.situation, "")))
        if not has_pinyin:
            self.body.addWidget(make_label(tr("拼音和首字母索引准备中…", "Pinyin search is getting ready…"), "gloss"))
        self.body.addStretch()
        self.show_values(values, placeholders)


class KeysPage(ScrollPage):
    """The cheat sheet: every key binding, from the same table the actions are built from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("keysPage", parent)
        self._shown: tuple[Binding, ...] | None = None

    def show_bindings(self, bindings: tuple[Binding, ...]) -> None:
        """List the bindings (the defaults with the agent's changes); rebuilt only when they changed."""
        if self._shown == bindings:
            return
        self._shown = bindings
        self._reset_body()
        self.body.addWidget(
            make_label(tr("在侧栏任何位置都有效。", "Keys work wherever the focus is in the sidebar."), "gloss")
        )
        for entry in bindings:
            row = QHBoxLayout()
            keys = make_label(keys_label(entry.keys, tr("或", "or")), "keyCell")
            keys.setFixedWidth(150)
            row.addWidget(keys, 0, Qt.AlignmentFlag.AlignTop)
            text = escape(tr(entry.description, entry.description_en))
            row.addWidget(make_label(text, "keyDescription", rich=True), 1)
            self.body.addLayout(row)
        self.body.addStretch()


def _select_in(page: ScrollPage, cards: list[Card], index: int) -> None:
    for position, card in enumerate(cards):
        card.set_selected(position == index)
    if 0 <= index < len(cards):
        page.ensureWidgetVisible(cards[index], 0, 24)


class BackButton(QToolButton):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backButton")
        self.setText(tr("← 返回 Esc", "← Back Esc"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
