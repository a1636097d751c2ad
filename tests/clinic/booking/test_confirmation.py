from __future__ import annotations

import pytest

from clinic.booking.confirmation import (
    asks_the_time_back,
    declines_booking,
    gives_up_booking,
    read_confirmation,
)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True),
        ("si, yes", True),
        ("Sí", True),
        ("lovely, yes", True),
        ("perfect thanks", True),
        ("no change. yes book", True),
        ("nothing to change, I said yes!", True),
        ("no changes", True),
        ("never mind, just book it", True),
        ("ok go ahead", True),
        ("that's fine", True),
        ("yes please confirm", True),
        ("no", False),
        ("don't book it, I'll think about it", False),
        ("not now thanks", False),
        ("forget it", False),
        ("never mind", False),
        ("can we do thursday instead", None),
        ("my email is wrong", None),
        ("hmm", None),
    ],
)
def test_read_confirmation(text: str, answer: bool | None) -> None:
    assert read_confirmation(text) is answer


def test_never_mind_to_what_to_change_means_nothing_to_change() -> None:
    assert read_confirmation("never mind", asked_what_to_change=True) is True
    assert read_confirmation("oh never mind", asked_what_to_change=True) is True
    # Keeping the time proposed is booking it; keeping the original is not.
    text = "oh never mind, just keep the Dr Okafor one on Thursday at 3"
    assert read_confirmation(text, asked_what_to_change=True) is True
    assert read_confirmation(text) is True
    assert read_confirmation("keep the original one") is not True
    assert read_confirmation("never mind, don't book it", asked_what_to_change=True) is False


@pytest.mark.parametrize(
    ("text", "asked", "declines"),
    [
        ("don't book it, I'll think about it", False, True),
        ("not now thanks", False, True),
        ("forget it", False, True),
        ("never mind", False, True),
        ("never mind", True, False),
        ("never mind, just book it", False, False),
        ("no", False, False),  # asks what to change, like the No button
        ("no, the wrong day", False, False),
    ],
)
def test_declines_booking(text: str, asked: bool, declines: bool) -> None:
    assert declines_booking(text, asked_what_to_change=asked) is declines


@pytest.mark.parametrize(
    "text",
    [
        "changed my mind, don't book",
        "hmm actually can I do it later, need to check with work",
        "actually no leave it, i'll ring you next week when i know my shifts",
        "no i said leave it. i dont want to book now",
        "no dont book anything yet",
        "actually nevermind ill just call you monday",
        "hmm on second thoughts keep the original one with dr okafor, sorry",
        "ok maybe ill see if it wears off today first",
        "Leave it as it was on the 9th. I'll find a lift. Is it still booked?",
        "No! I don't want to change anything. Keep my 10am appointment please.",
        "sorry, i think i call the clinic later, not book now",
        "Hang on, I haven't decided to book yet. I just want to know whether I should see someone",
        "Oh, I wasn't asking to book yet! I just wanted to know whether I need to. It's only "
        "been about a week.",
        "hmm actually no, leave it. I'll talk to my GP first",
        "Hmm, I did rather want the physiotherapist. No, let's leave it altogether for now, "
        "thank you.",
    ],
)
def test_giving_up_the_booking_in_patients_words(text: str) -> None:
    assert gives_up_booking(text)


@pytest.mark.parametrize(
    "text",
    [
        "tuesday at 3 please",
        "leave it at 3pm",
        "ill call you to confirm, book the 3pm",
        "dont book the physio, the consultant please",
        "changed my mind, Tuesday instead",
        "can i book for later today",
        "never mind. yeah book me in then",
        "keep the appointment but can I move it to friday?",
        "I'm not booking today, maybe tuesday",
        "leave it for now, actually tuesday would work",
    ],
)
def test_a_change_is_not_giving_up(text: str) -> None:
    assert not gives_up_booking(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok thanks ill think about booking",
        "hmm actually stop, i need to check with my husband first",
    ],
)
def test_not_booking_until_later(text: str) -> None:
    from clinic.booking.confirmation import gives_up_booking

    assert gives_up_booking(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("great so whats the new time again? want to put it in my calendar", True),
        ("what time was that again?", True),
        ("can we do thursday instead?", False),
        ("yes please", False),
    ],
)
def test_the_time_asked_back_at_the_confirmation(text: str, asks: bool) -> None:
    assert asks_the_time_back(text) is asks


@pytest.mark.parametrize(
    ("text", "gives_up"),
    [("ok maybe next week then, not now", True), ("maybe next week?", False)],
)
def test_a_time_only_wondered_about_for_later_gives_up_for_now(text: str, gives_up: bool) -> None:
    assert gives_up_booking(text) is gives_up


@pytest.mark.parametrize(
    ("text", "gives_up"),
    [
        ("right, I'll probably book next week then. thanks", True),
        ("oh forget it, i'll sort it another time", True),
        ("can we do it another day, tuesday?", False),
    ],
)
def test_booking_later_in_the_patients_words_gives_up_for_now(text: str, gives_up: bool) -> None:
    from clinic.booking.confirmation import gives_up_booking

    assert gives_up_booking(text) is gives_up


@pytest.mark.parametrize(
    ("text", "gives_up"),
    [
        ("thanks. ill rebook in the new year probably", True),
        (
            "Fine. I'll probably book a consultation then, but not today. Thanks for your help.",
            True,
        ),
        ("No, I said not today. I'll come back another time.", True),
        ("book me in for tuesday but not today", False),
        ("ill book for next week", False),
        ("i will come back with my husband on friday at 3", False),
    ],
)
def test_booking_later_told_in_passing_is_no_booking_now(text: str, gives_up: bool) -> None:
    assert gives_up_booking(text) is gives_up


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Before I say yes, how long does the appointment last?", True),
        ("I don't want to change anything, I only asked how long the appointment is.", True),
        ("how long will it take?", True),
        ("is it an hour?", True),
        ("how long have I had this", False),
        ("how long is the wait", False),
    ],
)
def test_how_long_the_appointment_lasts_is_asked(text: str, asks: bool) -> None:
    from clinic.booking.confirmation import asks_how_long_it_lasts

    assert asks_how_long_it_lasts(text) is asks


@pytest.mark.parametrize(
    ("text", "none"),
    [
        ("I don't want to change anything, I only asked how long the appointment is.", True),
        ("nothing to change", True),
        ("no I dont wanna move it", True),
        ("I don't need to cancel, it's fine", True),
        ("I dont want to change anything, dont book it", False),
        ("change the time please", False),
    ],
)
def test_nothing_to_change_is_told(text: str, none: bool) -> None:
    from clinic.booking.confirmation import wants_no_change

    assert wants_no_change(text) is none


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Before I confirm - should I keep running until then or stop?", None),
        ("Before I say yes, how long does the appointment last?", None),
        ("yes confirmed", True),
        ("ok confirm it please", True),
        ("yes. thank you for being kind earlier", True),
    ],
)
def test_a_question_before_confirming_is_no_yes(text: str, read: bool | None) -> None:
    assert read_confirmation(text) is read
