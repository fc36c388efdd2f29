"""Phrase text as rich text for labels: filled placeholders in the theme's link colour, missing ones
as a visible blank."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from assist.core import templates
from assist.core.model import Placeholder
from assist.ui.i18n import book_words
from assist.ui.theme import colour

MISSING_STYLE = "background-color:#ffe9a8;color:#7a4b00;"
LEFT_OUT_STYLE = "color:#8c959f;text-decoration:line-through;"  # an optional part without its value


def phrase_html(text: str, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> str:
    """The phrase as it will be copied; an optional part left out (no value) is shown struck through."""
    pieces = templates.segments(text)
    kept = templates.complete_groups(pieces, values)
    parts: list[str] = []
    for segment in pieces:
        if segment.group != templates.REQUIRED and segment.group not in kept:
            shown = f"〔{_label(segment.text, placeholders)}〕" if segment.is_placeholder else segment.text
            parts.append(f'<span style="{LEFT_OUT_STYLE}">{escape(shown)}</span>')
        else:
            parts.append(_segment_html(segment, values, placeholders))
    return "".join(parts)


def _segment_html(
    segment: templates.Segment, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]
) -> str:
    if not segment.is_placeholder:
        return escape(segment.text)
    value = values.get(segment.text, "").strip()
    if value:
        return f'<span style="color:{colour("link")};">{escape(value)}</span>'
    return f'<span style="{MISSING_STYLE}">〔{escape(_label(segment.text, placeholders))}〕</span>'


def _label(name: str, placeholders: Mapping[str, Placeholder]) -> str:
    """A blank's name in the interface language (the book gives it in both)."""
    placeholder = placeholders.get(name)
    return book_words(placeholder.label, placeholder.label_en) if placeholder else name
