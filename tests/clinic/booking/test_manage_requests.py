import datetime as dt

import pytest

from clinic.booking.manage_requests import (
    asks_about_notice,
    asks_booking_status,
    asks_for_a_booking_plainly,
    asks_for_a_time,
    asks_if_bookable,
    asks_to_cancel,
    asks_to_find_without_reference,
    asks_to_move,
    confirms_and_asks_about_old,
    decides_to_book,
    gives_the_go_ahead_to_cancel,
    keeps_the_booking,
)


@pytest.mark.parametrize(
    "text",
    [
        "oh wait sorry, I need to cancel that one now, something came up",
        "hmm actually i have to cancel it, work thing",
        "can you cancel my appointment please",
        "pls cancel my booking, something came up",
        "i'm going to have to cancel, sorry",
        "cancel my friday appointment",
        "I want to cancel the one on tuesday",
        "I booked a physio thing earlier but can't make it anymore, reference jpc evyykl, sorry",
        "cant make my appointment tomorrow",
    ],
)
def test_a_request_to_cancel(text: str) -> None:
    assert asks_to_cancel(text)


@pytest.mark.parametrize(
    "text",
    [
        "cancel that",  # in the middle of booking: stopping, left to the classifier
        "cancel this booking, i don't want it",
        "no don't cancel it, keep it",
        "what happens if I cancel late?",
        "do i need to cancel if i'm ill",
        "so my appointment is cancelled yes?",
        "will I get an email about the cancellation?",
        "my back is killing me",
        # another time wanted: a move, not a cancellation
        "i cant make it on monday, can we do tuesday",
        "i cant make it on monday, anything later?",
        "I can't make any mornings",
    ],
)
def test_not_a_request_to_cancel(text: str) -> None:
    assert not asks_to_cancel(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it confirmed now",
        "is it confirmed?",
        "did you book my appointment or not??",
        "so my appointment is cancelled yes?",
        "and is my friday 4th appointment still on",
        "whats the number? and is my friday 4th appointment still on",
        "am i booked in then",
        "has it been cancelled?",
        "did the cancellation go through",
        "is that all sorted now",
        "is the booking definitely going ahead",
        "so it's cancelled right?",
        "thanks. will I get an email about the cancellation?",
        "NO i already cancelled it, i just asked if i get an email",
        "is my appointment on",
        "have you booked it",
        "I already have an appointment booked for next week",
        "im already booked in on tuesday",
        "I've already booked",
        # told as a statement, asked with a question mark
        "So it is definitely confirmed? Will she get a letter?",
        "and thats still fri 18th at 3?",
        "will he get a text with the new time?",
        "so im still on wed 16th at 10?",
        "When is it at the moment? And could I have something on a Monday, any time after 2?",
        "remind me when it is now? and I would like the same doctor if poss",
        "remind me when the current one is? then friday afternoon",
        # the reference asked for again
        "sorry whats my ref again, i closed my email",
        "can you remind me of my booking reference?",
    ],
)
def test_a_question_about_how_a_booking_stands(text: str) -> None:
    assert asks_booking_status(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it on the NHS?",
        "is this happening because of my posture?",
        "I'm still on painkillers",
        "is the physio booked up next week",
        "I need to cancel my appointment",
        "book me in for friday",
        "is it done in one session?",
        "how do I do the stretches",
        "i have an appointment with my GP tomorrow",
        "I already have an appointment booked, can I bring my scans?",
        "it is booked for my husband not me",
        "i booked last week and it still hurts?",
        "how much is a consultation? back ache for months and i just want it sorted",
        "im in pain on monday mornings?",
        # the booking told in one sentence, another question asked in the next
        "I'm booked in on Thursday. My husband will be bringing me, is that alright?",
        # what is free, asked of a clinician
        "my GP recommended Dr Okafor. When is her next available appointment?",
        "when is the first available appointment",
        # an email address given to book with, not a question about being emailed
        "can i get an appointment next week wed or thurs, tom briggs, email tom@example.net",
    ],
)
def test_not_a_question_about_a_booking(text: str) -> None:
    assert not asks_booking_status(text)


def test_a_question_about_an_email_is_about_being_told() -> None:
    assert asks_about_notice("will they text me about the booking?")
    assert asks_about_notice("do I get a confirmation email for the cancellation")
    assert not asks_about_notice("can I email you a question about my back?")
    assert not asks_about_notice("is my appointment still on")
    # an x-ray letter about "degenerative changes" is no notice of a changed booking
    letter = (
        "the letter says 'degenerative changes in the lumbar spine'. What does this mean, is "
        "it serious, and is it going to get worse?"
    )
    assert not asks_about_notice(letter)
    singular = "My MRI letter says 'mild degenerative change'. Will it get worse as I get older?"
    assert not asks_about_notice(singular)


@pytest.mark.parametrize(
    "text",
    [
        "yes. and the old one on the 4th is gone right?",
        "yes please, and my previous appointment gets cancelled yeah?",
        "yeah go on, the original booking is freed up isn't it",
        "yes and the one on friday is cancelled?",
    ],
)
def test_a_yes_with_a_question_about_the_old_booking(text: str) -> None:
    assert confirms_and_asks_about_old(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "no, and the old one stays",
        "the old one on the 4th is gone right?",
        "yes. is it confirmed?",
        "yes but can I have the 4th instead",
    ],
)
def test_not_a_yes_about_the_old_booking(text: str) -> None:
    assert not confirms_and_asks_about_old(text)


def test_a_question_for_the_clinics_number() -> None:
    from clinic.booking.manage_requests import asks_for_clinic_phone

    assert asks_for_clinic_phone("i said I'LL ring YOU. whats the number? and is it still on")
    assert asks_for_clinic_phone("what is your phone number")
    assert not asks_for_clinic_phone("is my appointment still on")
    assert not asks_for_clinic_phone("my number is 07700 900123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ugh this is taking forever, i'll just ring you", True),
        ("never mind, I'll phone the clinic myself", True),
        ("i'd rather call, what's the number", True),
        ("i'll give you a ring tomorrow", True),
        ("can you call me back", False),
        ("i'll wait for you to call me", False),
        ("please ring me back", False),
        ("i'm going to call 999", False),
        ("I'll call an ambulance", False),
        ("i'll ring my gp instead", False),
    ],
)
def test_the_patient_will_phone_the_clinic(text: str, expected: bool) -> None:
    from clinic.booking.manage_requests import will_phone_clinic

    assert will_phone_clinic(text) is expected


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("can't you look it up by my email? shan.ob@example.co.uk", True),
        ("can you find my booking by my name", True),
        ("I looked up sciatica online", False),
        ("cancel JPC-ABC234", False),
    ],
)
def test_asking_to_find_a_booking_without_its_reference(text: str, asks: bool) -> None:
    assert asks_to_find_without_reference(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "actually maybe I should book. what's the earliest?",
        "ok lets book then",
        "I'd like to book an appointment",
        "please book me in",
        "why do you need to know all this, cant i just book",
    ],
)
def test_a_decision_to_book(text: str) -> None:
    assert decides_to_book(text)


@pytest.mark.parametrize(
    "text",
    ["should i book?", "do i need to book?", "I will book a flight", "i need to cancel, not book"],
)
def test_not_a_decision_to_book(text: str) -> None:
    assert not decides_to_book(text)


@pytest.mark.parametrize(
    "text",
    [
        "hey just checking JPC-Q4W8E2 is still on",
        "just checking my appointment is still on",
        "hiya could u look up my appointment JPC-Q4W8E2",
        "pls check my booking and is there a bus from the station",
        "wait so which reference do I use now, the old one or the new one?",
        "what's my reference now?",
    ],
)
def test_checking_that_a_booking_stands_asks_its_status(text: str) -> None:
    from clinic.booking.manage_requests import asks_booking_status

    assert asks_booking_status(text)


@pytest.mark.parametrize(
    "text", ["check my booking and move it to friday", "look up my appointment and cancel it"]
)
def test_a_booking_looked_up_to_change_it_is_no_status_question(text: str) -> None:
    from clinic.booking.manage_requests import asks_booking_status

    assert not asks_booking_status(text)


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("gotta reschedule", True),
        ("need to rebook pls", True),
        ("how do i reschedule", False),
        ("need to move mum's appointment JPC-ADNV83 one more time sorry", True),
        # a thing moved, in the story of how the back was hurt
        ("I was lifting my daughter's cot to move it upstairs and felt something go", False),
        ("move it over to next week please", True),
    ],
)
def test_the_verb_alone_asks_to_move(text: str, moves: bool) -> None:
    from clinic.booking.manage_requests import asks_to_move

    assert asks_to_move(text) is moves


def test_a_yes_that_asks_after_the_old_booking_by_its_day() -> None:
    from clinic.booking.manage_requests import confirms_and_asks_about_old

    assert confirms_and_asks_about_old("yes. and the friday one is cancelled right?")


def test_an_appointment_asked_for_with_its_time() -> None:
    import datetime as dt

    from clinic.booking.manage_requests import asks_for_a_time

    now = dt.datetime(2026, 12, 5, 9, tzinfo=dt.timezone.utc)
    assert asks_for_a_time("ok english. appointment monday morning please, for back pain", now)
    assert not asks_for_a_time("my appointment monday went well", now)
    assert not asks_for_a_time("what is weather in london tomorrow? i must walk to you", now)
    # a greeting is no time that suits
    assert not asks_for_a_time(
        "Evening. Back pain 3 weeks. Do you think I need to see somebody?", now
    )
    assert asks_for_a_time("Evening. Can I see someone on Friday morning?", now)
    # a time asked for with "give me"/"put me down for", after a booking was stopped
    assert asks_for_a_time(
        "actually hang on, just give me the monday 11.30 with lindqvist, ill move my lunch", now
    )
    assert asks_for_a_time("put me down for thursday at 2", now)
    assert not asks_for_a_time("give me a minute to find my diary", now)
    # an appointment elsewhere, told
    assert not asks_for_a_time(
        "I've got a GP appointment on friday about my back. what should I tell the doctor?", now
    )


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ok she says fine, can we do the monday 3pm after all", True),
        ("do u have anything after 5pm? i work till 4:30", True),
        ("do you have anything for back pain?", False),
    ],
)
def test_a_time_asked_for_as_a_question(text: str, asks: bool) -> None:
    import datetime as dt

    from clinic.booking.manage_requests import asks_for_a_time

    assert asks_for_a_time(text, dt.datetime(2026, 12, 5, 9, tzinfo=dt.timezone.utc)) is asks


def test_a_day_said_gone_asks_how_the_booking_stands() -> None:
    from clinic.booking.manage_requests import asks_booking_status

    assert asks_booking_status("so wednesday is gone right? just friday now")


@pytest.mark.parametrize(
    ("text", "keeps"),
    [
        ("forget it, keep my original appointment", True),
        ("NO keep it!!", True),
        ("dont cancel", True),
        ("leave it as it is", True),
        ("hmm hang on, i think i can make it after all", True),
        ("hmm 18th is too late. forget it, keep wednesday", True),
        ("no!! i dont want to change it. keep the original wednesday 11:30 booking", True),
        ("no, wait. I think I keep the old day, the 21. Sorry for confusion", True),
        ("no no change. keep 21 December please", True),
        ("keep 10 am please", False),
        ("keep wednesday but move it to the afternoon", False),
        ("keep it but move it to friday", False),
        ("cancel it please", False),
    ],
)
def test_keeping_the_booking_as_it_is(text: str, keeps: bool) -> None:
    assert keeps_the_booking(text) is keeps


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("my appointment is next thursday but it got worse, can I come in sooner?", True),
        ("I have an appointment on friday, can i be seen earlier", True),
        ("can i come in sooner?", False),  # no booking said: a new one, sooner
    ],
)
def test_asking_to_be_seen_sooner_than_a_booking_moves_it(text: str, moves: bool) -> None:
    assert asks_to_move(text) is moves


def test_how_the_pain_is_at_a_time_of_day_is_no_request_for_a_time() -> None:
    import datetime as dt

    from clinic.booking.manage_requests import asks_for_a_time

    now = dt.datetime(2026, 12, 5, 10, tzinfo=dt.timezone.utc)
    text = "gotcha. and the pain is worse in the mornings, stiff for like an hour. normal?"
    assert not asks_for_a_time(text, now)
    assert asks_for_a_time("is rhian in on friday?", now)


def test_making_an_appointment_is_deciding_to_book() -> None:
    from clinic.booking.manage_requests import decides_to_book

    assert decides_to_book("Good morning. I would like to make an appointment for my husband.")
    assert not decides_to_book("I made an appointment last week")


def test_not_wanting_to_see_anyone_is_no_request_for_a_time() -> None:
    import datetime as dt

    from clinic.booking.manage_requests import asks_for_a_time

    now = dt.datetime(2026, 12, 5, 10, tzinfo=dt.timezone.utc)
    text = "back pain on and off for years. i dont really want to see anyone, just tips"
    assert not asks_for_a_time(text, now)


@pytest.mark.parametrize(
    "text",
    [
        "need to rechedule, ref jpcfg89qs",
        "i need to reshedule my appt",
        "can i resched",
        "gotta reschedule",
    ],
)
def test_moving_a_booking_however_it_is_spelt(text: str) -> None:
    assert asks_to_move(text)


def test_wanting_the_booking_cancelled() -> None:
    assert asks_to_cancel("I want my booking cancelled NOW. I don't have any reference number")
    assert not asks_to_cancel("is it cancelled?")


@pytest.mark.parametrize(
    "text",
    [
        "cn i get appt 2moro am",
        "Thank you. Tuesday afternoon would suit best, my son finishes work at 1.",
        "thursday works for me",
    ],
)
def test_a_time_that_suits_asks_for_a_booking(text: str) -> None:
    assert asks_for_a_time(text, dt.datetime(2026, 12, 3, 9, tzinfo=dt.timezone.utc))


def test_advice_that_works_is_no_time() -> None:
    now = dt.datetime(2026, 12, 3, 9, tzinfo=dt.timezone.utc)
    assert not asks_for_a_time("thanks, the stretches work for me", now)


@pytest.mark.parametrize(
    ("text", "bookable"),
    [
        ("hiya hun just wondering if u do appts for backs? mine's bin playin up 4 ages", True),
        ("can you book me in?", True),
        ("how do appointments work", False),
        ("can you cancel my appointment", False),
        ("How do I make an appointment, I do not use the computer much", True),
        ("Do you have physio appointments wednesday or friday afternoon? how much is it?", True),
        ("so can he come in for a consultation", True),
        ("how can my wife get an appointment", True),
        ("how do I cancel an appointment", False),
        ("can he come in with me?", False),
    ],
)
def test_asking_whether_the_clinic_books(text: str, bookable: bool) -> None:
    assert asks_if_bookable(text) is bookable


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("my english is little. appointment please. back pain one month", True),
        ("Back hurts two months. I need appointment", True),
        ("the physio said I don't need an appointment", False),
        ("i want an appointment for my back", True),
        ("back pain 3 weeks", False),
        ("please cancel my appointment", False),
        ("ok now the booking", True),
        ("my appointment", False),
    ],
)
def test_a_booking_asked_for_in_so_many_words(text: str, asks: bool) -> None:
    assert asks_for_a_booking_plainly(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "Thank you. Sorry, what time is it now, and which doctor? I need it for her calendar",
            True,
        ),
        ("wat time again", True),
        ("No, I don't want to change it! I just asked what time it is booked for.", True),
        ("what time is good for you?", False),
        ("what time do you close", False),
        ("so its still wed 4:30 with dr lindqvist yeah?", True),
        ("can you just confirm both times", True),
        ("which doctor is that again? is she a physio?", True),
        ("so the tuesday 15th one is gone?", True),
        ("its still sore on monday", False),
    ],
)
def test_the_time_or_clinician_of_a_booking_asked_back(text: str, asks: bool) -> None:
    assert asks_booking_status(text) is asks


@pytest.mark.parametrize(
    ("text", "go_ahead"),
    [
        ("07700 900833, yes cancel it", True),
        ("li.wei@example.com, and yes please cancel it", True),
        ("07700 900833", False),
        ("07700 900833 dont cancel it yet", False),
        ("ok so what if I cancel it", False),
    ],
)
def test_the_go_ahead_to_cancel(text: str, go_ahead: bool) -> None:
    assert gives_the_go_ahead_to_cancel(text) is go_ahead


@pytest.mark.parametrize(
    ("text", "next_steps", "told"),
    [
        ("great, what happens next?", True, False),
        ("Thank you. What happen next, I need a letter from GP?", True, False),
        ("do I just turn up?", True, False),
        ("is it confirmed? will i get a text?", False, True),
        ("brilliant - will Anne get an email?", False, True),
        ("will the physio call me?", False, True),
        ("what happens if I miss it", False, False),
        ("I text my wife about it", False, False),
        ("will I get better?", False, False),
        ("Could you write that number down again for me please", True, False),
        ("sorry what was my reference?", True, False),
        ("my number is 07700 900123", False, False),
    ],
)
def test_what_happens_next_and_whether_one_is_told(text: str, next_steps: bool, told: bool) -> None:
    from clinic.booking.manage_requests import asks_if_told, asks_what_happens_next

    assert (asks_what_happens_next(text), asks_if_told(text)) == (next_steps, told)


def test_having_a_booking_and_needing_to_move_it_is_a_move_not_a_status() -> None:
    text = "Hello, I have an appointment booked (JPC-YD53RS) but I need to move it, can't make it"
    assert asks_to_move(text)
    assert not asks_booking_status(text)


def test_a_yes_then_who_it_is_with_confirms() -> None:
    from clinic.booking.manage_requests import confirms_and_asks_who

    assert confirms_and_asks_who("Yes. And can I ask, will it be the doctor or physio?")
    assert not confirms_and_asks_who("who are your doctors")
    assert not confirms_and_asks_who("no, which doctor is it")


def test_probably_booking_later_is_no_decision_to_book() -> None:
    from clinic.booking.manage_requests import decides_to_book

    assert not decides_to_book("right, I'll probably book next week then. thanks")
    assert decides_to_book("actually go on then, lets do the physio on friday 18th at 2.30")


def test_whether_the_old_reference_still_works_asks_about_the_booking() -> None:
    from clinic.booking.manage_requests import asks_booking_status

    assert asks_booking_status("is the old reference still any good or do I use the new one?")


def test_when_is_it_now_asks_about_the_booking() -> None:
    from clinic.booking.manage_requests import asks_booking_status

    assert asks_booking_status("when is it now? and I'd like monday or tuesday afternoon")
    assert not asks_booking_status("when is it best to exercise?")


@pytest.mark.parametrize(
    "text",
    [
        "no actually forget it, just cancel the whole thing, my back is better",
        "just cancel it please",
    ],
)
def test_cancelling_the_whole_thing_after_all_is_a_cancellation(text: str) -> None:
    assert asks_to_cancel(text)


def test_when_the_booking_being_moved_is_asked_with_an_apostrophe() -> None:
    assert asks_booking_status("when's it booked for at the moment btw, i forgot")


def test_which_day_the_current_booking_is_asked_while_moving_it() -> None:
    assert asks_booking_status("Which day is my current one? I forgot. Mornings before 11")
    assert not asks_booking_status("which day is good for you")


def test_whether_someone_elses_booking_is_confirmed_is_a_status_question() -> None:
    text = "my wife has one too, JPC-ZF56AB - is hers still confirmed? i dont want to cancel hers"
    assert asks_booking_status(text)
    assert asks_booking_status("is mine confirmed?")
    assert not asks_booking_status("his is fine")


@pytest.mark.parametrize(
    ("text", "asks"),
    [("Confirmed now?", True), ("all confirmed?", True), ("confirmed my pain is bad", False)],
)
def test_a_word_or_two_asking_if_it_is_confirmed(text: str, asks: bool) -> None:
    assert asks_booking_status(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("I'd like to add my email to booking JPC-74JT6V please", True),
        ("can you change the phone number on my appointment", True),
        ("can I move my appointment to friday", False),
    ],
)
def test_asking_to_change_the_contact_on_a_booking(text: str, asks: bool) -> None:
    from clinic.booking.manage_requests import asks_to_change_contact

    assert asks_to_change_contact(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("so the thursday one is definitely cancelled now?", True),
        ("and the new one on the 16th is confirmed yeah?", True),
        ("is my appt still fri 11th 12pm??", True),
        ("the one i want is the tuesday one", False),
        ("my appointment is on friday, can i bring my wife?", False),
    ],
)
def test_how_one_booking_stands_asked_of_it(text: str, asks: bool) -> None:
    assert asks_booking_status(text) is asks


@pytest.mark.parametrize(
    ("text", "wonders"),
    [
        ("If I cancel and the pain comes back, can I just book again later?", True),
        ("should I cancel it?", True),
        ("yes cancel it please", False),
        ("if you could cancel it that would be great", False),
    ],
)
def test_wondering_about_cancelling_is_no_go_ahead(text: str, wonders: bool) -> None:
    from clinic.booking.manage_requests import wonders_about_cancelling

    assert wonders_about_cancelling(text) is wonders


@pytest.mark.parametrize(
    ("text", "task"),
    [
        (
            "I have appointment JPC-ZZ11AA next week, I want to change to other day, and also "
            "is swimming good for back pain?",
            "reschedule",
        ),
        ("please cancel my appointment on friday, and can I take ibuprofen?", "cancel"),
        ("will physio change it?", None),
        ("what is sciatica?", None),
    ],
)
def test_the_task_told_with_a_booking_is_read(text: str, task: str | None) -> None:
    from clinic.booking.manage_requests import booking_task_told

    assert booking_task_told(text) == task
