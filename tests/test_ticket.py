"""The complaint ticket note (assist.core.ticket): filled, or saying which value it still needs."""

from datetime import datetime

from assist.core.loader import load_phrasebook
from assist.core.ticket import ticket_note

BOOK = load_phrasebook()
COMPLAINT = next(s for s in BOOK.situations if s.id == "complaint")
NOON = datetime(2026, 3, 1, 12, 0)


def test_a_note_with_every_value_is_filled():
    note = ticket_note(COMPLAINT, "资料错误", {"agent_number": "1024"}, NOON)
    assert note.text == "【投诉】事项：资料错误；时间：2026-03-01 12:00；受理工号：1024" and note.missing == ()


def test_a_missing_or_blank_value_is_named_never_copied_as_a_label():
    for values in ({}, {"agent_number": ""}, {"agent_number": "  "}):
        note = ticket_note(COMPLAINT, "资料错误", values, NOON)
        assert note.missing == ("agent_number",) and "〔" not in note.text
