"""The one-line ticket note a complaint subject copies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from assist.core import templates
from assist.core.model import Phrasebook, Situation


def ticket_note(
    book: Phrasebook, situation: Situation, subject: str, values: Mapping[str, str], now: datetime | None = None
) -> str:
    """The situation's note template filled in; a value not known yet shows as its label: 〔单位名称〕."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    labels = {name: f"〔{item.label}〕" for name, item in book.placeholders.items()}
    return templates.fill(
        situation.ticket_note or "{subject}", {**labels, **values, "subject": subject, "time": stamp}
    ).text
