"""The call bookkeeping: flow, voices, hold timer, with times passed in."""

from assist.core.call import Call, Hold, clock_text
from assist.core.model import FlowStep, Voice


def phrase(book, situation_id, number):
    return book.situation(situation_id).phrases[number - 1]


def test_copies_advance_the_flow_and_tick_off_voices(default_book):
    call = Call(started=0.0)
    call.record(phrase(default_book, "greeting", 1), 1)
    assert call.steps == {FlowStep.GREET} and call.voices == {Voice.GREETING}
    call.record(phrase(default_book, "hold", 4), 50)  # 请问还有什么可以帮您？
    assert Voice.INQUIRY in call.voices and call.current_step is FlowStep.CONFIRM
    assert call.missed_voices() == [Voice.FAREWELL]
    call.record(phrase(default_book, "closing", 1), 60)
    assert call.ended == 60 and call.missed_voices() == []


def test_a_key_advances_the_flow_step_by_step():
    call = Call(started=0.0)
    assert [call.advance() for _ in range(7)] == [*FlowStep, None]


def test_hold_threshold_and_repeat(default_book):
    call = Call(started=0.0, hold_threshold=30)
    call.record(phrase(default_book, "hold", 1), 10)  # 请稍等，我帮您查一下。
    assert call.hold is not None and call.hold.reminders_due(39) == 0
    assert call.hold.reminders_due(40) == 1 and call.hold.reminders_due(70) == 2
    call.record(phrase(default_book, "hold", 2), 75)  # 对不起，让您久等了: the hold goes on
    assert call.hold.reminders_due(104) == 0 and call.hold.reminders_due(105) == 1
    assert call.hold.elapsed(105) == 95
    call.record(phrase(default_book, "hold", 3), 110)  # 谢谢您的耐心等待: back with the answer
    assert call.hold is None


def test_hold_by_key_and_end_by_key():
    call = Call(started=100.0)
    call.toggle_hold(110)
    assert isinstance(call.hold, Hold)
    call.toggle_hold(120)
    assert call.hold is None
    call.end(250)
    assert call.duration(999) == 150 and call.missed_voices() == list(Voice)


def test_clock_text():
    assert [clock_text(s) for s in (0, 7.9, 133, 3723)] == ["0:00", "0:07", "2:13", "1:02:03"]


def test_silent_caller_may_hang_up_only_after_two_greetings_and_the_last_prompt(default_book):
    from assist.core.call import SilentCaller

    greeting, last = default_book.situation("silent").phrases
    silent = SilentCaller()
    silent.record(greeting, is_last_prompt=False)
    silent.record(last, is_last_prompt=True)
    assert not silent.may_hang_up and silent.greetings_to_go == 1  # one greeting is not enough
    silent.record(greeting, is_last_prompt=False)
    assert silent.may_hang_up and silent.greetings_to_go == 0


def test_the_summary_lists_missed_voices_skipped_steps_and_a_hold_left_running(default_book):
    call = Call(started=0.0)
    call.record(phrase(default_book, "greeting", 1), 1)
    call.record(phrase(default_book, "hold", 1), 10)  # 请稍等: a hold, never resumed
    call.end(75)
    summary = call.summary()
    assert summary.missed_voices == (Voice.INQUIRY, Voice.FAREWELL)
    assert summary.missed_steps == (FlowStep.LISTEN, FlowStep.RESPOND, FlowStep.CONFIRM, FlowStep.END)
    assert summary.hold_left_running == 65 and not summary.complete
    whole = Call(started=0.0)
    for step in FlowStep:
        whole.reach(step)
    whole.voices = set(Voice)
    whole.end(10)
    assert whole.summary().complete


def test_the_greeting_and_the_hold_phrase_start_a_call(default_book):
    from assist.core.call import starts_a_call

    assert starts_a_call(phrase(default_book, "greeting", 1))
    assert starts_a_call(phrase(default_book, "hold", 1))
    assert not starts_a_call(phrase(default_book, "hold", 3))  # 谢谢您的耐心等待
    assert not starts_a_call(phrase(default_book, "closing", 1))


def test_a_hold_threshold_of_zero_reminds_each_second_instead_of_failing():
    hold = Hold(started=0.0, threshold=0.0)
    assert hold.reminders_due(3.5) == 3
