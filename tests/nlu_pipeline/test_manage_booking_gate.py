import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.manage_booking_gate import ManageBookingGate


def _read(text: str, intent: str) -> str:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.55})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.55}])
    [gated] = ManageBookingGate().process([message])
    return str(gated.get("intent")["name"])


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        # cancelling told in a sentence
        (
            "oh wait sorry, I need to cancel that one now, something came up",
            "stop",
            "cancel_appointment",
        ),
        ("hmm actually i have to cancel it, work thing", "nlu_fallback", "cancel_appointment"),
        (
            "I booked earlier but can't make it anymore, reference jpc abc234, sorry",
            "ask_booking_status",
            "cancel_appointment",
        ),
        # questions about how a booking stands change nothing
        ("is it confirmed now", "nlu_fallback", "ask_booking_status"),
        ("so my appointment is cancelled yes?", "cancel_appointment", "ask_booking_status"),
        (
            "thanks. will I get an email about the cancellation?",
            "cancel_appointment",
            "ask_booking_status",
        ),
        (
            "whats the number? and is my friday 4th appointment still on",
            "request_human",
            "ask_booking_status",
        ),
        # certain even when the classifier agrees, so a close second is no ambiguity
        ("so my appointment is cancelled yes?", "ask_booking_status", "ask_booking_status"),
        # the patient will phone: the number, not a call back
        ("ugh this is taking forever, i'll just ring you", "request_callback", "request_human"),
        # a yes with a question about the booking being moved is the yes
        ("yes. and the old one on the 4th is gone right?", "out_of_scope", "affirm"),
        # a booking the patient already has is shown, not booked again
        (
            "I already have an appointment booked for next week",
            "request_appointment",
            "ask_booking_status",
        ),
        # questions about the clinicians, asked while booking
        ("wait whos dr okafor, does she know about backs", "inform", "ask_clinic_info"),
        ("is rhian a doctor or", "nlu_fallback", "ask_clinic_info"),
        ("no thanks ill ring", "deny", "request_human"),
        ("its after 5 tho so theyre shut right", "nlu_fallback", "request_human"),
        (
            "call me back, well call him back. his name is Frank Mills 020 7946 0312",
            "nlu_fallback",
            "request_callback",
        ),
        ("before i do, who was it with again", "nlu_fallback", "ask_booking_status"),
        (
            "I have an appointment on Wednesday (ref JPC-79HDXU), can I move it later?",
            "describe_own_pain",
            "reschedule_appointment",
        ),
        (
            "i dont want to talk to a robot, can a real person call me please",
            "request_human",
            "request_callback",
        ),
        # a decision to book the sentences split the vote on
        ("ok lets book then. when is the soonest", "faq", "request_appointment"),
        (
            "actually maybe I should book. what's the earliest?",
            "nlu_fallback",
            "request_appointment",
        ),
        # a time and who with, misread as asking for a person
        ("not this fri, the 18th. with lindqvist again if he's in", "request_human", "inform"),
        # a call asked for, with the number to call
        (
            "could somebody ring me please, i'm not very good with computers. my number is "
            "020 7946 0123, Joan Baker",
            "inform",
            "request_callback",
        ),
        # whether the clinic has appointments at a time that suits
        (
            "do you do appointments after work? i finish at 5, any weekday is fine",
            "ask_clinic_info",
            "request_appointment",
        ),
        # a booking asked for beside the thanks
        (
            "thank you. and my father also want appointment, same day, same doctor",
            "thank",
            "request_appointment",
        ),
        (
            "thank you. and my mum also want appointment, same day",
            "request_appointment",
            "request_appointment",
        ),
        # the booking being moved kept as it is
        ("hmm 18th is too late. forget it, keep wednesday", "inform", "stop"),
        # a time chosen after a "no", not a question about a booking
        ("no, the 3pm on the 11th with dr okafor", "ask_booking_status", "inform"),
        ("no?? the friday 18th one, 11:30, rhian", "ask_booking_status", "inform"),
    ],
)
def test_misread_booking_messages_are_corrected(text: str, intent: str, expected: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.49})
    message.set(
        "intent_ranking", [{"name": intent, "confidence": 0.49}, {"name": "x", "confidence": 0.46}]
    )
    [gated] = ManageBookingGate().process([message])
    assert gated.get("intent") == {"name": expected, "confidence": 1.0}
    assert [item["name"] for item in gated.get("intent_ranking")] == [expected]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cancel that", "stop"),  # leaving a booking being made
        ("no, don't cancel it", "deny"),
        ("I need to cancel my appointment", "cancel_appointment"),
        ("yes cancel it", "affirm"),
        ("yes. is it confirmed?", "affirm"),
        ("i need to cancel, i can't feel my legs", "report_emergency"),
        ("is my appointment still on? mi cita", "other_language"),
        ("should I book? is it worth it", "nlu_fallback"),  # asks for advice
        ("you can call me on 07700 900123", "inform"),  # an answer to the booking
        ("call me back on 07700 900123 please", "inform"),
        ("can i talk to a real person on monday", "request_human"),
        ("when are you open?", "request_human"),  # no day or time named
        # what to bring is the team's question, not a booking's status
        ("I already have an appointment booked, can I bring my scans?", "ask_clinic_info"),
        # with its reference, the booking comes first; its reply answers the visit too
        ("ref JPC-HT56RW, is it confirmed and should i bring my MRI?", "ask_booking_status"),
        ("my wife booked, ref JPC-HT56RW, and whether to bring my MRI", "faq"),
        ("is my appointment on friday still on?", "ask_booking_status"),
        # "are ... safe in" is no clinician in on a day
        (
            "back is killing me by the evening. are there exercises that are safe in pregnancy?",
            "faq",
        ),
    ],
)
def test_other_messages_keep_their_intent(text: str, intent: str) -> None:
    assert _read(text, intent) == intent


def test_a_goodbye_that_says_they_will_phone_stays_a_goodbye() -> None:
    assert _read("ok I'll ring the clinic myself, bye", "goodbye") == "goodbye"


def test_how_a_treatment_is_done_is_not_about_a_booking() -> None:
    assert _read("lipoma removal on the back how is it done", "out_of_scope") == "out_of_scope"


def test_a_cancel_the_classifier_was_unsure_of_is_made_certain() -> None:
    message = Message(data={"text": "booked earlier but can't make it anymore, sorry"})
    message.set("intent", {"name": "cancel_appointment", "confidence": 0.28})
    message.set("intent_ranking", [{"name": "cancel_appointment", "confidence": 0.28}])
    [gated] = ManageBookingGate().process([message])
    assert gated.get("intent") == {"name": "cancel_appointment", "confidence": 1.0}


def test_a_cancel_told_with_why_read_as_the_pain_is_a_cancel() -> None:
    text = (
        "ok thanks. actually my back is loads better now, the stretches worked, so can i just "
        "cancel it"
    )
    assert _read(text, "describe_own_pain") == "cancel_appointment"
    assert _read("my back is killing me, what can I do", "describe_own_pain") == "describe_own_pain"


def test_giving_up_on_a_move_to_cancel_is_a_cancel() -> None:
    text = "18th is too late for me. ok forget it just cancel the original one"
    assert _read(text, "change_booking_detail") == "cancel_appointment"
    # a change asked for instead of cancelling is a move, made certain
    assert _read("can I change it instead of cancelling?", "change_booking_detail") == (
        "reschedule_appointment"
    )


def test_a_move_asked_for_instead_of_cancelling_is_a_move() -> None:
    text = "hmm wait actually dont cancel, can i move it to the week after instead? same time"
    assert _read(text, "deny") == "reschedule_appointment"


def test_a_yes_that_decides_to_book_is_made_certain() -> None:
    message = Message(data={"text": "ok fine lets book"})
    message.set("intent", {"name": "affirm", "confidence": 0.43})
    message.set(
        "intent_ranking",
        [
            {"name": "affirm", "confidence": 0.43},
            {"name": "request_appointment", "confidence": 0.36},
        ],
    )
    [gated] = ManageBookingGate().process([message])
    assert gated.get("intent") == {"name": "affirm", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("need to see someone about my sciatica, next wk sometime", "nlu_fallback"),
        ("is rhian free tuesday afternoon?", "inform"),
        ("i want visit monday", "describe_own_pain"),
    ],
)
def test_a_time_asked_for_without_the_word_book_is_a_booking(text: str, intent: str) -> None:
    assert _read(text, intent) == "request_appointment"


@pytest.mark.parametrize(
    "text",
    [
        "is parking free on monday",
        "my back hurts since monday",
        # whether to be seen, with how long it has hurt
        "lower back pain for about 3 weeks, 5 out of 10. do i need to see a specialist?",
        # the check-in asked for, with when a symptom comes
        "can you check if i need to see someone. back pain 3 weeks, about 7 out of 10, and "
        "I get pins and needles in my left toes in the evening",
    ],
)
def test_a_day_alone_asks_for_no_booking(text: str) -> None:
    assert _read(text, "inform") != "request_appointment"


def test_the_verb_alone_read_as_thanks_is_a_move() -> None:
    assert _read("gotta reschedule", "thank") == "reschedule_appointment"
    assert _read("move it to friday", "inform") == "inform"


def test_a_question_about_cost_is_for_the_clinic() -> None:
    assert _read("how much is it", "nlu_fallback") == "ask_clinic_info"
    # "On" the NHS asks who pays, not whether a booking is on.
    assert _read("is it on the NHS?", "faq") == "ask_clinic_info"
    # Agreed with, but not by much: made certain, so no "did you mean".
    assert _read("is there a fee if i cancel late?", "ask_clinic_info") == "ask_clinic_info"


def test_taking_an_offered_time_with_a_question_is_the_answer() -> None:
    assert _read("so okafor IS free at 2?? ok take that one", "ask_clinic_info") == "inform"


def test_keeping_the_booking_is_a_stop_not_a_cancel() -> None:
    assert _read("forget it, keep my original appointment", "cancel_appointment") == "stop"
    # Moving, made certain when the classifier agrees but not by much.
    assert _read("can i just move it to the friday instead", "reschedule_appointment") == (
        "reschedule_appointment"
    )


def test_coming_in_sooner_than_a_booking_is_moving_it() -> None:
    text = "my appointment is next thursday but my back has got way worse, can I come in sooner?"
    assert _read(text, "request_appointment") == "reschedule_appointment"
    assert _read("can i come in sooner?", "request_appointment") == "request_appointment"


def test_deciding_to_book_read_as_an_answer_is_a_request() -> None:
    text = "ok yeah lets book then, evenings are best i work 9-5"
    assert _read(text, "inform") == "request_appointment"


def test_saying_who_one_would_rather_see_is_an_answer_not_a_question() -> None:
    text = (
        "Actually, on reflection I'd rather see the consultant, Dr Okafor. Same afternoon if free."
    )
    assert _read(text, "ask_clinic_info") == "inform"
    assert _read("who are your doctors?", "ask_clinic_info") == "ask_clinic_info"
    asked_with_a_question = "hmm is Dr Lindqvist a back doctor? I'd prefer the consultant"
    assert _read(asked_with_a_question, "faq") == "inform"
    assert _read("is a consultant better for sciatica?", "faq") == "faq"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("alright book me in then, any tuesday morning you have", "request_appointment"),
        ("Not this Fri, the 18th. With Lindqvist again if he's in", "inform"),
    ],
)
def test_a_time_read_as_a_wish_for_a_person_is_a_booking_or_an_answer(
    text: str, intent: str
) -> None:
    assert _read(text, "request_human") == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [("gotta reschedule", "ask_booking_status"), ("need to rechedule my appt", "nlu_fallback")],
)
def test_moving_said_in_few_or_misspelt_words(text: str, intent: str) -> None:
    assert _read(text, intent) == "reschedule_appointment"


@pytest.mark.parametrize(
    "text",
    [
        "hi im 14 and my back hurts, can i book myself or do i need my mum",
        "can i book my 8 year old in",
    ],
)
def test_a_booking_for_a_child_gets_the_child_reply(text: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_appointment", "confidence": 0.9})
    [gated] = ManageBookingGate().process([message])
    assert gated.get("intent")["name"] == "out_of_scope"
    assert gated.get("scope") == "child"


def test_a_complaint_asking_for_a_manager_is_no_call_back_request() -> None:
    text = "waiting 3 weeks for someone to call me back!!! I want to speak to a manager"
    assert _read(text, "request_human") == "request_human"
    assert _read("call me back on 07700 900123 please", "request_human") == "request_callback"


def test_a_grown_son_named_beside_the_time_is_no_child() -> None:
    text = "Thank you. Tuesday afternoon would suit best, my son finishes work at 1."
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_appointment", "confidence": 0.9})
    [gated] = ManageBookingGate().process([message])
    assert gated.get("intent")["name"] == "request_appointment"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "lovely. can I come in with him? he won't remember half of what they say",
            "ask_clinic_info",
        ),
        ("can I bring my wife to the appointment?", "ask_clinic_info"),
        # a booking asked for in so many words, or with its time, stays one
        ("i want to book for tuesday, is there parking?", "request_appointment"),
        ("can my husband come in with me on friday morning?", "request_appointment"),
    ],
)
def test_a_question_about_the_visit_read_as_a_booking(text: str, intent: str) -> None:
    assert _read(text, "request_appointment") == intent


@pytest.mark.parametrize("intent", ["deny", "stop", "cancel_appointment"])
def test_dont_cancel_move_it_instead_is_a_move(intent: str) -> None:
    text = "actually no dont cancel, move it to next monday same time instead"
    assert _read(text, intent) == "reschedule_appointment"


@pytest.mark.parametrize("intent", ["out_of_scope", "request_callback", "request_human"])
def test_which_contact_to_use_said_with_it_is_an_answer_not_a_call_back(intent: str) -> None:
    text = (
        "its for my father, Stanley Okafor. my number is 07700 900512, "
        "best to call me as his daughter"
    )
    assert _read(text, intent) == "inform"
    assert _read("ring me rather than him, 07700 900512", intent) == "inform"
    # Asked for, with the number: a call-back.
    assert _read("could someone call me please, 07700 900512", intent) == "request_callback"
    # Without the contact: nothing given to answer with.
    assert _read("best to call me", intent) != "inform"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "Could somebody ring me rather than me booking on here, I am not good with computers",
            "request_appointment",
        ),
        ("I would like a person to telephone me please", "request_human"),
    ],
)
def test_asking_to_be_rung_instead_of_booking_here_is_a_call_back(text: str, intent: str) -> None:
    assert _read(text, intent) == "request_callback"


def test_asking_whether_to_ring_the_clinic_is_for_its_phone_not_a_call_back() -> None:
    assert _read("if i cant make it do i just ring you?", "request_callback") == "request_human"
    assert _read("can you ring me tomorrow?", "request_callback") == "request_callback"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok stop, she'll ring you herself", "stop"),
        ("I'll just call the clinic tomorrow", "request_human"),
        ("she'll ring you, or can you call me back on 07700 900111", "request_callback"),
    ],
)
def test_saying_they_will_ring_the_clinic_is_no_call_back_request(text: str, intent: str) -> None:
    assert _read(text, "request_callback") == intent


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        (
            "that's over a week away. is Dr Okafor free any sooner? any time of day is ok",
            "ask_clinic_info",
            "request_appointment",
        ),
        ("does dr okafor do hips or only backs?", "ask_clinic_info", "ask_clinic_info"),
        (
            "none of those work. just cancel it then and I'll ring you in the new year",
            "stop",
            "cancel_appointment",
        ),
        ("No, I want it CANCELLED please. Not kept.", "deny", "cancel_appointment"),
        ("no, don't cancel it then", "deny", "deny"),
        (
            "actually go on then, lets do the physio on friday 18th at 2.30",
            "nlu_fallback",
            "request_appointment",
        ),
    ],
)
def test_a_doctor_asked_for_and_a_mind_changed_are_read(
    text: str, intent: str, expected: str
) -> None:
    assert _read(text, intent) == expected


def test_cancelling_after_all_is_no_move() -> None:
    text = (
        "you know what, forget moving it, just cancel it altogether and I'll sort something "
        "in the new year"
    )
    assert _read(text, "reschedule_appointment") == "cancel_appointment"
    assert _read("actually can I move it instead of cancelling?", "cancel_appointment") == (
        "reschedule_appointment"
    )


def _read_ranked(text: str, ranking: list[tuple[str, float]]) -> str:
    message = Message(data={"text": text})
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    [gated] = ManageBookingGate().process([message])
    return str(gated.get("intent")["name"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A statement with no word of a booking asks nothing about one.
        ("yes, all clear, it was checked last year", "inform"),
        # A booking spoken of, or a question, keeps the status reading.
        ("my appointment, all sorted", "ask_booking_status"),
        ("so that's it done then?", "ask_booking_status"),
        ("the one with Rhian still happening", "ask_booking_status"),
    ],
)
def test_a_status_reading_needs_a_booking_spoken_of(text: str, expected: str) -> None:
    ranking = [("ask_booking_status", 0.78), ("inform", 0.11), ("deny", 0.05)]
    assert _read_ranked(text, ranking) == expected


@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback", "describe_own_pain"])
def test_a_plain_yes_book_please_with_details_is_a_booking(intent: str) -> None:
    text = "ok we ask pharmacy. yes book please, for Dolores Jiménez, my number 07700 900 388"
    assert _read(text, intent) == "request_appointment"


def _ranked(text: str, ranking: list[tuple[str, float]]) -> str:
    message = Message(data={"text": text})
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    [gated] = ManageBookingGate().process([message])
    return str(gated.get("intent")["name"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "hi i want to book an appointment, actually no wait, first can you tell me if "
            "osteoarthritis can affect the back",
            "faq",
        ),
        ("I'd like to book but before that, is physio part of it?", "faq"),
        ("book me in for friday, actually wait, first thing in the morning", "request_appointment"),
        ("can I book? hang on, actually first thing monday", "request_appointment"),
    ],
)
def test_a_booking_put_off_for_a_question_is_the_question(text: str, expected: str) -> None:
    assert _ranked(text, [("request_appointment", 0.9), ("faq", 0.05)]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Do you have physio appointments wednesday or friday afternoon? how much is it?",
            "request_appointment",
        ),
        ("do you have physio appointments?", "ask_clinic_info"),
    ],
)
def test_asking_for_a_kind_of_appointment_at_a_time_is_a_booking(text: str, expected: str) -> None:
    assert _ranked(text, [("ask_clinic_info", 0.7), ("request_appointment", 0.2)]) == expected


def test_asking_whether_one_needs_to_be_seen_is_no_booking_for_the_times_in_the_story() -> None:
    text = (
        "So I'm 58 and I've been gardening a lot this autumn, and over the last week or so my "
        "lower back has started to feel stiff in the mornings, it loosens up by lunchtime. "
        "Could you tell me if I need to see someone?"
    )
    assert _ranked(text, [("describe_own_pain", 0.6), ("faq", 0.3)]) == "describe_own_pain"


def test_a_new_day_said_by_the_appointment_is_the_answer_not_a_status_question() -> None:
    text = "no thats this week, I mean the thursday after my appointment, the 17th"
    assert _ranked(text, [("ask_booking_status", 0.6), ("inform", 0.3)]) == "inform"
    assert _ranked("when is my appointment?", [("ask_booking_status", 0.6)]) == "ask_booking_status"


@pytest.mark.parametrize("intent", ["change_booking_detail", "nlu_fallback"])
def test_rather_than_cancel_move_it_is_a_move(intent: str) -> None:
    text = "Hmm wait, rather than cancel could I move it to a Friday afternoon instead?"
    assert _read(text, intent) == "reschedule_appointment"


def test_the_same_number_as_the_old_booking_is_an_answer() -> None:
    text = "Harriet Osei, same number as the old booking"
    assert _read(text, "ask_booking_status") == "inform"
    assert _read("is it the same number as the old booking?", "ask_booking_status") == (
        "ask_booking_status"
    )


@pytest.mark.parametrize("intent", ["reschedule_appointment", "change_booking_detail"])
def test_how_to_change_it_later_is_no_change_now(intent: str) -> None:
    assert _read("If I must change this later, how I do it?", intent) == "nlu_fallback"
    assert _read("I need to change my appointment", intent) == "reschedule_appointment"
