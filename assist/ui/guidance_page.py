"""The norm's general guidance (F2): speech, honorifics, call flow, three voices, courtesy words.

Headings, item names and explanations are in the interface language (the book's `title_en`, `en`,
`detail_en`); the words and phrases the norm quotes for the agent to say stay as the book has them,
in labels of their own named `guidancePhrase`, as phrase text is everywhere in the sidebar.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from assist.core.model import GuidanceItem, GuidanceSection, GuidanceStyle, Phrasebook, Placeholder
from assist.ui.cards import make_label
from assist.ui.i18n import book_words, current, glosses_shown, tr
from assist.ui.pages import ScrollPage
from assist.ui.rich_text import phrase_html
from assist.ui.theme import colour


class GuidancePage(ScrollPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("guidancePage", parent)

    def show_guidance(self, book: Phrasebook, values: Mapping[str, str]) -> None:
        self._reset_body()
        if not book.guidance:
            self.body.addWidget(
                make_label(tr("此用语库没有总则。", "This phrasebook has no general guidance."), "note")
            )
        for section in book.guidance:
            self.section(section.title, book_words(section.title, section.title_en))
            self.body.addWidget(section_box(section, values, book.placeholders))
        self.body.addStretch()


def section_box(section: GuidanceSection, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> QFrame:
    box = QFrame()
    box.setObjectName("guidanceBox")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.setSpacing(2)
    if section.style is GuidanceStyle.FLOW:
        steps = [f"<b>{escape(_name(item))}</b>{_gloss_html(item.en)}" for item in section.items]
        layout.addWidget(
            make_label(f" <span style='color:{colour('link')}'>→</span> ".join(steps), "guidance", rich=True)
        )
    elif section.style is GuidanceStyle.WORDS:  # words to say: phrase text
        words = " · ".join(escape(item.text) for item in section.items)
        layout.addWidget(make_label(f"<span style='font-size:large'>{words}</span>", "guidancePhrase", rich=True))
    else:
        for position, item in enumerate(section.items):
            name = make_label(f"<b>{escape(_name(item))}</b>{_gloss_html(item.en)}", "guidance", rich=True)
            if position:
                name.setContentsMargins(0, 8, 0, 0)
            layout.addWidget(name)
            if item.detail:
                layout.addWidget(_detail(item, values, placeholders))
    return box


def _name(item: GuidanceItem) -> str:
    return book_words(item.text, item.en)


def _detail(item: GuidanceItem, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> QLabel:
    """An explanation in the interface language; else what the norm quotes, as the book has it."""
    if current() == "en" and item.detail_en:
        return make_label(item.detail_en, "guidance")
    explanation = bool(item.detail_en)  # a detail with an English version explains; one without is a phrase
    return make_label(
        phrase_html(item.detail, values, placeholders), "guidance" if explanation else "guidancePhrase", rich=True
    )


def _gloss_html(english: str) -> str:
    """An English gloss after a Chinese item name, when glosses are shown."""
    shown = english and glosses_shown() and current() == "zh"
    return f" <span style='color:#7a7f87'>{escape(english)}</span>" if shown else ""
