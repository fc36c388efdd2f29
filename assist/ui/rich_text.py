"""Phrase text as rich text for labels: filled placeholders in blue, missing ones as a visible blank."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from assist.core import templates
from assist.core.model import Placeholder
from assist.ui.i18n import book_words

FILLED_STYLE = "color:#1f5fbf;"
MISSING_STYLE = "background-color:#ffe9a8;color:#7a4b00;"


def phrase_html(text: str, values: Mapping[str, str], placeholders: Mapping[str, Placeholder]) -> str:
    parts: list[str] = []
    for segment in templates.segments(text):
        if not segment.is_placeholder:
            parts.append(escape(segment.text))
            continue
        value = values.get(segment.text, "").strip()
        if value:
            parts.append(f'<span style="{FILLED_STYLE}">{escape(value)}</span>')
        else:
            placeholder = placeholders.get(segment.text)
            label = book_words(placeholder.label, placeholder.label_en) if placeholder else segment.text
            parts.append(f'<span style="{MISSING_STYLE}">〔{escape(label)}〕</span>')
    return "".join(parts)
