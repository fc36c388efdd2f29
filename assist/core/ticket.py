"""The one-line ticket note a complaint subject copies."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from assist.core import templates
from assist.core.model import Situation


def ticket_note(
    situation: Situation, subject: str, values: Mapping[str, str], now: datetime | None = None
) -> templates.Filled:
    """The situation's note template filled in. A value not known yet is in `missing` (the note is not
    to be copied then: the agent is asked for it, as for any phrase)."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    return templates.fill(situation.ticket_note or "{subject}", {**values, "subject": subject, "time": stamp})
