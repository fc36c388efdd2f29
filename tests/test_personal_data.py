"""The changes to the agent's own phrases and favourites, without Qt: each gives new data to save."""

from __future__ import annotations

from assist.core.personal_data import PersonalData, PersonalPhrase

MINE = PersonalPhrase("hold", "请您稍候，我马上查。")
OTHER = PersonalPhrase("greeting", "您好，请讲。")


def test_a_new_phrase_goes_last_and_the_data_before_is_left_as_it_was():
    before = PersonalData([OTHER], [("greeting", "您好，请讲。")])
    after = before.with_phrase(MINE)
    assert after == PersonalData([OTHER, MINE], [("greeting", "您好，请讲。")])
    assert before == PersonalData([OTHER], [("greeting", "您好，请讲。")])


def test_a_replaced_phrase_keeps_its_place_and_its_pin():
    data = PersonalData([MINE, OTHER], [("hold", MINE.text), ("greeting", OTHER.text)])
    new = PersonalPhrase("hold", "请您稍候，我这就查。")
    assert data.with_replaced("hold", MINE.text, new) == PersonalData(
        [new, OTHER], [("hold", new.text), ("greeting", OTHER.text)]
    )


def test_a_removed_phrase_is_unpinned_too():
    data = PersonalData([MINE, OTHER], [("hold", MINE.text), ("greeting", OTHER.text)])
    assert data.without("hold", MINE.text) == PersonalData([OTHER], [("greeting", OTHER.text)])


def test_a_phrase_pinned_again_goes_to_the_end_and_unpinning_keeps_the_others():
    data = PersonalData([], [("hold", "甲"), ("hold", "乙")])
    assert data.with_favourite("hold", "甲", on=True).favourites == [("hold", "乙"), ("hold", "甲")]
    assert data.with_favourite("hold", "甲", on=False).favourites == [("hold", "乙")]
