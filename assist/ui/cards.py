"""The clickable cards of the sidebar: situation rows, standard phrases and forbidden phrases."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from assist.core.model import Forbidden, Phrase, Placeholder, Situation
from assist.ui.i18n import book_words, glosses_shown, title_gloss, tr
from assist.ui.phrase_row import PhraseRow
from assist.ui.rich_text import phrase_html
from assist.ui.unbroken import whole_items

if TYPE_CHECKING:  # the search module (and rapidfuzz) loads after the window is up
    from assist.core.search import Hit

COPIED_FEEDBACK_MS = 1500


class Card(QFrame):
    """A frame that is clicked as a whole and shows whether it is selected."""

    clicked = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("kind", kind)
        self.setProperty("selected", False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def is_selected(self) -> bool:
        return bool(self.property("selected"))

    def set_selected(self, selected: bool) -> None:
        if self.is_selected != selected:
            self.setProperty("selected", selected)
            restyle(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def restyle(widget: QWidget) -> None:
    """Apply the stylesheet again after a property it selects on changed (not needed before it is shown)."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class ElidedLabel(QLabel):
    """One line of text cut with … to the width it is given (for a header that must not grow)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full_width(self) -> int:
        """The width the whole text needs."""
        return self.fontMetrics().horizontalAdvance(self._full) + 4

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.contentsRect().width())
        )


def make_label(text: str, name: str, rich: bool = False) -> QLabel:
    """A word-wrapped label named for the stylesheet."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


class SituationRow(Card):
    def __init__(self, number: int, situation: Situation, parent: QWidget | None = None) -> None:
        super().__init__("situation", parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        key = str(number % 10) if number <= 10 else ""
        badge = make_label(key, "numberBadge")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedWidth(26)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(make_label(book_words(situation.title, situation.title_en), "title"))
        if gloss := title_gloss(situation.title, situation.title_en):
            texts.addWidget(make_label(gloss, "gloss"))
        layout.addLayout(texts, 1)
        if key:
            layout.addWidget(make_label(f"Alt+{key}", "keyHint"), 0, Qt.AlignmentFlag.AlignTop)
        self.setToolTip(f"Alt+{key}" if key else "")


class CopyCard(Card):
    """A card that copies a phrase: shows it with placeholders, confirms a copy, hosts the values form."""

    def __init__(self, kind: str, phrase: Phrase, number: int, feedback: str, parent: QWidget | None = None) -> None:
        super().__init__(kind, parent)
        self.phrase = phrase  # the phrase this card copies
        self.number = number  # its number in the situation: Ctrl+number copies it
        self.gloss_label: QLabel | None = None
        self.copy_button = CopyButton(feedback)
        self.copy_button.clicked.connect(self.clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(3)
        self.text_label = self._build(layout)
        self.form_area = QVBoxLayout()
        layout.addLayout(self.form_area)
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.timeout.connect(self._on_feedback_timeout)

    def _build(self, layout: QVBoxLayout) -> QLabel:
        """Lay out the card's body; return the label that shows the phrase to copy."""
        raise NotImplementedError

    def _phrase_row(self, layout: QVBoxLayout, extra: QWidget | None = None) -> QLabel:
        """The row of a copyable phrase: its copy key, its text, `extra`, its copy button. Returns the text."""
        key = make_label(f"Ctrl+{self.number}" if self.number <= 9 else "", "keyBadge")
        text = make_label("", "phraseText", rich=True)
        self.copy_button.setText(tr("复制", "Copy"))
        self.copy_button.setToolTip(tr("复制到剪贴板", "Copy to the clipboard"))
        buttons = [extra] if extra is not None else []
        self.row = PhraseRow(key, text, [*buttons, self.copy_button])
        layout.addWidget(self.row)
        return text

    def show_values(self, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> None:
        self.text_label.setText(phrase_html(self.phrase.text, values, placeholders))
        if self.gloss_label is not None:
            self.gloss_label.setText(phrase_html(self.phrase.en, values, placeholders))

    def flash_copied(self) -> None:
        """The card turns green and its copy button reads ✓ 已复制 for a moment."""
        self.copy_button.show_copied(True)
        self._set_copied(True)
        self._feedback_timer.start(COPIED_FEEDBACK_MS)

    def _on_feedback_timeout(self) -> None:
        self.copy_button.show_copied(False)
        self._set_copied(False)

    def _set_copied(self, copied: bool) -> None:
        self.setProperty("copied", copied)
        restyle(self)


class CopyButton(QToolButton):
    """A card's copy button. For a moment after a copy it reads ✓ 已复制 instead: the confirmation covers
    no control and moves nothing, as the button is always as wide as the wider of its two words."""

    def __init__(self, copied_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("copied", False)
        self.copied_text = copied_text
        self.usual_text = ""

    def setText(self, text: str) -> None:
        self.usual_text = text
        if not self.property("copied"):
            super().setText(text)

    def show_copied(self, copied: bool) -> None:
        self.setProperty("copied", copied)
        super().setText(self.copied_text if copied else self.usual_text)
        restyle(self)

    def sizeHint(self) -> QSize:  # QToolButton's minimum size hint is this one too
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        shown = metrics.horizontalAdvance(self.text())
        widest = max(metrics.horizontalAdvance(self.usual_text), metrics.horizontalAdvance(self.copied_text))
        return QSize(hint.width() + widest - shown, hint.height())


class PhraseCard(CopyCard):
    """A standard phrase: its number key, its text, note, English gloss and a copy button.

    With `actions`, it also has a ☆ to pin it as a favourite, and the agent's own phrases a 删除.
    """

    favourite_clicked = Signal()
    remove_clicked = Signal()
    edit_clicked = Signal()

    def __init__(
        self, number: int, phrase: Phrase, favourite: bool = False, actions: bool = False, parent: QWidget | None = None
    ) -> None:
        self.favourite = favourite
        self.actions = actions
        super().__init__("phrase", phrase, number, tr("✓已复制", "✓ Copied"), parent)

    def _build(self, layout: QVBoxLayout) -> QLabel:
        star = None
        if self.actions:
            star = QToolButton()
            star.setObjectName("favouriteButton")
            star.setText("★" if self.favourite else "☆")
            star.setToolTip(tr("取消常用", "Unpin") if self.favourite else tr("设为常用，固定在顶部", "Pin to the top"))
            star.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            star.clicked.connect(self.favourite_clicked)
        text = self._phrase_row(layout, star)
        if self.phrase.note:
            layout.addWidget(make_label(book_words(self.phrase.note, self.phrase.note_en), "note"))
        if self.phrase.en and glosses_shown():
            self.gloss_label = make_label("", "gloss", rich=True)
            layout.addWidget(self.gloss_label)
        if self.actions and self.phrase.personal:
            row = QHBoxLayout()
            row.addWidget(make_label(tr("我的用语", "Mine"), "personalBadge"))
            row.addStretch()
            for name, caption, signal in (
                ("editButton", tr("编辑", "Edit"), self.edit_clicked),
                ("removeButton", tr("删除", "Remove"), self.remove_clicked),
            ):
                button = QToolButton()
                button.setObjectName(name)
                button.setText(caption)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(signal)
                row.addWidget(button)
            layout.addLayout(row)
        return text


class ForbiddenCard(CopyCard):
    """A forbidden wording, struck through in red, pointing at the standard phrase to say instead.

    What it copies is the replacement, never the forbidden text.
    """

    def __init__(
        self,
        forbidden: Forbidden,
        replacement: Phrase,
        replacement_number: int,
        parent: QWidget | None = None,
    ) -> None:
        self.forbidden = forbidden
        super().__init__(
            "forbidden",
            replacement,
            replacement_number,
            tr("✓已复制", "✓ Copied"),
            parent,
        )

    def _build(self, layout: QVBoxLayout) -> QLabel:
        top = QHBoxLayout()
        badge = make_label(tr("忌", "✗"), "forbiddenBadge")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setMinimumSize(24, 24)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(make_label(f"<s>{escape(self.forbidden.text)}</s>", "forbiddenText", rich=True))
        if self.forbidden.en and glosses_shown():
            texts.addWidget(make_label(self.forbidden.en, "gloss"))
        if fine := fine_examples(self.forbidden.unless):
            texts.addWidget(make_label(tr("不算禁语：", "Fine: ") + fine, "unless"))
        top.addLayout(texts, 1)
        self.copy_button.setText(tr("复制改说", "Copy the fix"))
        self.copy_button.setToolTip(tr("复制应说的标准用语", "Copy what to say instead"))
        top.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        instead = QHBoxLayout()
        key = f" Ctrl+{self.number}" if self.number <= 9 else ""
        instead.addWidget(make_label(tr(f"→ 改说{key}", f"→ Say{key}"), "insteadArrow"), 0, Qt.AlignmentFlag.AlignTop)
        text = make_label("", "insteadText", rich=True)
        instead.addWidget(text, 1)
        layout.addLayout(instead)
        return text


class HitCard(CopyCard):
    """A search hit: the phrase, its situation, and the forbidden wording that led to it, if any."""

    def __init__(self, number: int, hit: Hit, title: str = "", parent: QWidget | None = None) -> None:
        self.hit = hit
        self.situation_title = title or hit.situation_title  # in the interface language
        super().__init__("hit", hit.phrase or Phrase(hit.text), number, tr("✓已复制", "✓ Copied"), parent)

    def _build(self, layout: QVBoxLayout) -> QLabel:
        if self.hit.forbidden:
            struck = tr(
                f"忌 <s>{escape(self.hit.forbidden)}</s> → 改说", f"Never <s>{escape(self.hit.forbidden)}</s> → say"
            )
            layout.addWidget(make_label(struck, "hitForbidden", rich=True))
        text = self._phrase_row(layout)
        where = tr(
            f"{self.situation_title} · 第 {self.hit.number} 句",
            f"{self.situation_title} · phrase {self.hit.number}",
        )
        layout.addWidget(make_label(where, "hitSituation"))
        return text


SHOWN_EXCEPTIONS = 3


def fine_examples(unless: tuple[str, ...]) -> str:
    """A few of an entry's `unless` wordings, as an agent reads them: whole wordings only (not the
    patterns with … gaps), at most SHOWN_EXCEPTIONS, then 等 — a card, not the rule book."""
    whole = [wording for wording in unless if "…" not in wording]
    tail = tr("等", "…") if len(whole) > SHOWN_EXCEPTIONS else ""
    return whole_items(whole[:SHOWN_EXCEPTIONS], "、", tail)  # never a lone 等 or half a wording on a line
