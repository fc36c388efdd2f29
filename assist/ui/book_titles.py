"""The phrasebook banner's title in the interface's language, from the kind the core gives
(`book_keeper.Title`): what is wrong, and which book shows instead."""

from __future__ import annotations

from assist.core.book_keeper import Title, TitleKind
from assist.ui.i18n import tr

# The banner's titles by kind and by the book shown instead (the last good one, or the built-in one).
_TITLES: dict[tuple[TitleKind, bool], tuple[str, str]] = {
    (TitleKind.BUILTIN_BROKEN, False): ("内置用语库有误。", "The built-in phrasebook is broken."),
    (TitleKind.ADDRESS_UNUSABLE, True): (
        "用语库地址 {subject} 无法使用，仍使用上一版。",
        "The phrasebook address {subject} cannot be used; still using the last good version.",
    ),
    (TitleKind.ADDRESS_UNUSABLE, False): (
        "用语库地址 {subject} 无法使用，已改用内置用语库。",
        "The phrasebook address {subject} cannot be used; showing the built-in phrasebook.",
    ),
    (TitleKind.BOOK_BROKEN, True): (
        "用语库 {subject} 有误或无法读取，仍使用上一版。",
        "{subject} is broken or unreadable; still using the last good version.",
    ),
    (TitleKind.BOOK_BROKEN, False): (
        "用语库 {subject} 有误或无法读取，已改用内置用语库。",
        "{subject} is broken or unreadable; showing the built-in phrasebook.",
    ),
    (TitleKind.FETCH_FAILED, True): (
        "无法从 {subject} 更新用语库，仍使用上一版。",
        "Could not update the phrasebook from {subject}; still using the last good version.",
    ),
    (TitleKind.FETCH_FAILED, False): (
        "无法从 {subject} 获取用语库，已改用内置用语库。",
        "Could not get the phrasebook from {subject}; showing the built-in phrasebook.",
    ),
    (TitleKind.NO_OFFLINE_COPY, True): (
        "用语库已更新，但无法保存离线副本。",
        "Phrasebook updated, but its offline copy could not be kept.",
    ),
}


def title_text(title: Title) -> str:
    """The banner's title in the interface's language: what is wrong, and which book shows instead."""
    zh, en = _TITLES[title.kind, title.kept_last]
    return tr(zh, en).format(subject=title.subject)
