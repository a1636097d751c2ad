import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.stop_gate import StopGate


def _read(text: str, intent: str) -> dict[str, object]:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.7})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.7}])
    [gated] = StopGate().process([message])
    return dict(gated.get("intent"))


@pytest.mark.parametrize(
    "text",
    [
        "changed my mind, don't want to book",
        "actually i dont want an appointment anymore",
        "I don't need the appointment now",
        "not booking, thanks",
        "no thanks, i won't book right now",
        "i'll hold off booking for today",
        "not yet, i'll book later",
    ],
)
def test_a_request_to_book_that_refuses_is_a_stop(text: str) -> None:
    assert _read(text, "request_appointment") == {"name": "stop", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "book me in please",
        "changed my mind, can we do thursday",
        "i don't want to book for monday, tuesday instead",
        "I don't want the consultant, the physio please",
        "not sure i need one",
        "when is he free then? i'd rather wait for him",
    ],
)
def test_a_request_or_a_change_stays_a_request(text: str) -> None:
    assert _read(text, "request_appointment") == {"name": "request_appointment", "confidence": 0.7}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cool thanks, no need to book for now", "request_appointment"),
        ("actually no, I'll wait and see a few days", "request_appointment"),
        ("I'll think about it, thanks", "describe_own_pain"),
        ("never mind, I'll call later actually", "inform"),
        ("not now thanks", "deny"),
        ("actually forget it, i'll wait and see how it goes", "nlu_fallback"),
    ],
)
def test_putting_booking_off_is_a_stop_whatever_it_was_read_as(text: str, intent: str) -> None:
    assert _read(text, intent) == {"name": "stop", "confidence": 1.0}


@pytest.mark.parametrize("text", ["not now, next week", "i'll wait for the afternoon one"])
def test_putting_it_off_to_another_time_is_not_a_stop(text: str) -> None:
    assert _read(text, "inform")["name"] == "inform"


def test_a_cancellation_is_left_alone() -> None:
    # With a booking, "I don't need the appointment now" may well be a cancellation.
    assert _read("I don't need the appointment now", "cancel_appointment")["name"] == (
        "cancel_appointment"
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("stop. can i do deadlifts with a herniated disc", "faq"),
        ("stop asking me that. i dont have pain. its for my mum", "describe_own_pain"),
        ("ok stop please", "nlu_fallback"),
        ("i dont have any pain, just asking", "describe_own_pain"),
        ("theres no pain lol, its just a click", "inform"),
        ("no i said leave it. i dont want to book now", "stop"),
        ("actually no leave it, i'll ring you next week when i know my shifts", "goodbye"),
        ("I DONT HAVE PAIN", "nlu_fallback"),
        ("actually let me check with my midwife first. stop", "inform"),
        ("why do you need to know? i was just asking in general", "nlu_fallback"),
        ("no its not a real person, i was just asking hypothetically", "describe_own_pain"),
        ("it was just a general question", "faq"),
        ("I didn't ask for a symptom check", "nlu_fallback"),
        ("hang on i didnt ask for a questionnaire. is a bulging disc the same or not??", "faq"),
        ("no I don't want a questionnaire, I just wanted to know what physio does", "faq"),
        ("no pain right now, I just want to know if rowing is ok for backs in general", "inform"),
    ],
)
def test_a_stop_or_no_pain_at_all_is_a_stop(text: str, intent: str) -> None:
    assert _read(text, intent) == {"name": "stop", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i stop the pain", "faq"),
        ("stop, i want to cancel my appointment", "cancel_appointment"),
        ("no pain when i sit, only when i stand", "describe_own_pain"),
        ("i dont have pain now but it comes back every evening", "describe_own_pain"),
        ("I dont have pain myself, its for my wife. she has no numbness", "describe_own_pain"),
        # No pain, but a symptom the questions are for.
        ("there's no pain, just the foot going numb", "inform"),
        ("no pain as such, more tingling in my left foot", "inform"),
        ("honestly it doesn't hurt, 1 maybe", "describe_own_pain"),
    ],
)
def test_stopping_the_pain_a_cancellation_or_pain_sometimes_is_not_a_stop(
    text: str, intent: str
) -> None:
    assert _read(text, intent)["name"] == intent


@pytest.mark.parametrize("text", ["sorry the second one", "oops, I meant the 2pm one", "first"])
def test_a_choice_among_the_offers_read_as_a_stop_is_an_answer(text: str) -> None:
    assert _read(text, "stop") == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("sorry sam.wright@gmail.com", "inform"),
        ("sorry, JPC-8DZNUZ", "inform"),
        ("sorry 07700 900456", "inform"),
        ("stop, my number is 07700 900456", "stop"),
    ],
)
def test_a_detail_given_again_read_as_a_stop_is_an_answer(text: str, intent: str) -> None:
    assert _read(text, "stop")["name"] == intent


def test_asking_for_a_person_instead_of_the_bot_is_no_stop() -> None:
    assert _read("i dont want a bot. real person please", "request_human")["name"] == (
        "request_human"
    )


def test_a_plain_stop_stays_a_stop() -> None:
    assert _read("stop please", "stop")["name"] == "stop"


def test_heard_then_a_question_read_as_a_yes_is_left_to_the_fallback() -> None:
    assert _read("ok cool. can i still go to work", "affirm")["name"] == "nlu_fallback"
    assert _read("ok book it", "affirm")["name"] == "affirm"


def test_a_question_the_classifier_took_for_a_stop_is_its_next_guess() -> None:
    message = Message(data={"text": "7. but you didnt answer, should i keep doing the stretches?"})
    message.set("intent", {"name": "stop", "confidence": 0.55})
    message.set(
        "intent_ranking",
        [{"name": "stop", "confidence": 0.55}, {"name": "faq", "confidence": 0.3}],
    )
    [gated] = StopGate().process([message])
    assert gated.get("intent") == {"name": "faq", "confidence": 0.3}


@pytest.mark.parametrize("text", ["can we stop now?", "can we leave it there?"])
def test_a_question_that_asks_to_stop_stays_a_stop(text: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "stop", "confidence": 0.55})
    message.set(
        "intent_ranking",
        [{"name": "stop", "confidence": 0.55}, {"name": "faq", "confidence": 0.3}],
    )
    [gated] = StopGate().process([message])
    assert gated.get("intent")["name"] == "stop"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok ill ask the pharmacy. cheers", "out_of_scope"),
        ("ok ill ask them when i go then. thx", "nlu_fallback"),
        ("ok i'll see my gp monday then. thanks love", "out_of_scope"),
    ],
)
def test_a_message_that_ends_by_thanking_is_thanks(text: str, intent: str) -> None:
    assert _read(text, intent) == {"name": "thank", "confidence": 1.0}


def test_a_question_that_ends_by_thanking_is_left_alone() -> None:
    assert _read("can i take ibuprofen? thanks", "faq")["name"] == "faq"


@pytest.mark.parametrize("intent", ["stop", "deny", "request_appointment"])
def test_asking_whether_an_appointment_is_needed_is_no_stop(intent: str) -> None:
    assert _read("So I don't need an appointment?", intent)["name"] == "nlu_fallback"
    advice = "so should I book or not? I'd rather not waste your time"
    assert _read(advice, intent)["name"] == "nlu_fallback"
    assert _read("hang on, do I actually need to though?", intent)["name"] == "nlu_fallback"
    assert _read("I don't need the appointment now", "request_appointment")["name"] == "stop"


def test_asking_what_helps_till_the_appointment_is_no_stop() -> None:
    text = "i said not now. i mean like painkillers or heat or something till i can come"
    assert _read(text, "stop")["name"] == "nlu_fallback"


def test_putting_booking_off_read_as_a_crisis_suspicion_is_a_stop() -> None:
    assert _read("actually nvm i'll think about it", "suspected_crisis")["name"] == "stop"


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("sorry I press wrong. I want continue questions", False),
        ("ok carry on", False),
        ("I don't want to continue, stop", True),
    ],
)
def test_asking_to_carry_on_is_not_a_stop(text: str, stops: bool) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "stop", "confidence": 0.9})
    message.set(
        "intent_ranking",
        [{"name": "stop", "confidence": 0.9}, {"name": "inform", "confidence": 0.05}],
    )
    [gated] = StopGate().process([message])
    assert (gated.get("intent")["name"] == "stop") is stops


def test_not_booking_read_as_a_question_about_a_booking_is_a_stop() -> None:
    assert _read("I SAID IM NOT BOOKING", "ask_booking_status")["name"] == "stop"
    assert _read("is my booking for tuesday still on?", "ask_booking_status")["name"] == (
        "ask_booking_status"
    )


@pytest.mark.parametrize(
    ("text", "intent", "read"),
    [
        ("ok ill try walking more. cheers", "describe_own_pain", "thank"),
        ("ok ill ask my gp. thanks", "ask_clinic_info", "thank"),
        ("ok i'll ask the pharmacist. thanks for your help", "out_of_scope", "thank"),
        ("right i'll give those a go, cheers for that", "faq", "thank"),
        ("ill be in pain for weeks, thanks", "describe_own_pain", "describe_own_pain"),
        ("my back hurts for 3 weeks, thanks", "describe_own_pain", "describe_own_pain"),
    ],
)
def test_a_plan_and_thanks_is_a_goodbye(text: str, intent: str, read: str) -> None:
    assert _read(text, intent)["name"] == read


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("its not me actually, its my dad", "inform"),
        ("it's not for me, it's for my mum", "inform"),
        ("stop, it's not me", "stop"),
    ],
)
def test_whose_pain_it_is_is_no_stop(text: str, intent: str) -> None:
    assert _read(text, "stop")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("its for my husband actually, mark o'neill", "inform"),
        ("stop, it's for my husband", "stop"),
    ],
)
def test_whom_the_booking_is_for_read_as_a_stop_is_an_answer(text: str, intent: str) -> None:
    assert _read(text, "stop")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok the 4pm tue then i'll leave early", "inform"),
        ("ok fine book me in then. friday if you can", "request_appointment"),
        ("ok bye see you tuesday", "goodbye"),
        ("leaving now", "goodbye"),
    ],
)
def test_a_time_chosen_read_as_a_goodbye_is_an_answer(text: str, intent: str) -> None:
    assert _read(text, "goodbye")["name"] == intent


@pytest.mark.parametrize(
    ("text", "stops"),
    [
        ("no. so shall i stop cycling or not", False),
        ("should i stop going to the gym", False),
        ("can we stop the questions", True),
        ("stop", True),
    ],
)
def test_asking_whether_to_give_something_up_is_no_stop(text: str, stops: bool) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "stop", "confidence": 0.46})
    ranking = [{"name": "stop", "confidence": 0.46}, {"name": "faq", "confidence": 0.3}]
    message.set("intent_ranking", ranking)
    [gated] = StopGate().process([message])
    assert (gated.get("intent")["name"] == "stop") is stops


@pytest.mark.parametrize(
    "text",
    ["That is lovely. Thank you, I shall telephone my daughter. Goodbye.", "thank you, bye"],
)
def test_thanks_with_a_goodbye_is_a_goodbye(text: str) -> None:
    assert _read(text, "thank") == {"name": "goodbye", "confidence": 1.0}


@pytest.mark.parametrize("text", ["thanks, that helped", "thank you. bye, but can I still swim?"])
def test_thanks_without_a_goodbye_or_with_a_question_stays_thanks(text: str) -> None:
    assert _read(text, "thank")["name"] == "thank"


@pytest.mark.parametrize(
    ("text", "intent", "read"),
    [
        ("eh? i didnt ask for that, i was just saying thanks. bye", "nlu_fallback", "goodbye"),
        ("thanks, but what about my knee? bye", "faq", "faq"),
    ],
)
def test_a_long_thanks_that_takes_its_leave_last_is_a_goodbye(
    text: str, intent: str, read: str
) -> None:
    assert _read(text, intent)["name"] == read


def test_thanks_and_bye_read_as_a_story_of_pain_is_a_goodbye() -> None:
    assert _read("thanks that's reassuring, bye!", "describe_own_pain")["name"] == "goodbye"


@pytest.mark.parametrize("intent", ["report_crisis", "suspected_crisis", "report_emergency"])
def test_thanks_and_bye_with_a_red_flag_intent_is_left_to_the_guard(intent: str) -> None:
    assert _read("thanks for everything, bye", intent)["name"] == intent


def test_thanks_and_thats_all_is_a_goodbye_unless_a_time_is_named() -> None:
    assert _read("great thanks, that's all", "thank")["name"] == "goodbye"
    assert _read("the 4pm tue, thanks that's all", "thank")["name"] != "goodbye"
    assert _read("great thanks, that's all", "inform")["name"] == "inform"


def test_giving_up_booking_here_to_be_telephoned_is_no_stop() -> None:
    text = "No dear, I don't want to book on the computer, I would like a person to telephone me"
    assert _read(text, "request_human")["name"] != "stop"
    assert _read("no dont book it, forget it", "request_appointment")["name"] == "stop"


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("oh forget it, i'll sort it another time", "nlu_fallback", "stop"),
        (
            "cheers. my grandad had a heart attack years ago so I always worry about chest "
            "stuff but this is def just my back. night",
            "out_of_scope",
            "goodbye",
        ),
        ("my back hurts at night", "out_of_scope", "out_of_scope"),
    ],
)
def test_giving_up_and_good_night_in_the_patients_words(
    text: str, intent: str, expected: str
) -> None:
    assert _read(text, intent)["name"] == expected


def test_whether_to_see_someone_is_no_request_to_book() -> None:
    assert _read("so shud i see some1", "request_appointment")["name"] == "nlu_fallback"


def test_no_pain_told_with_a_question_is_no_stop() -> None:
    message = Message(
        data={"text": "I don't have any back pain myself yet, could I come in for prevention?"}
    )
    message.set("intent", {"name": "describe_own_pain", "confidence": 0.6})
    message.set("intent_ranking", [{"name": "describe_own_pain", "confidence": 0.6}])
    [gated] = StopGate().process([message])
    assert gated.get("intent")["name"] != "stop"


@pytest.mark.parametrize("intent", ["deny", "affirm", "thank"])
def test_a_yes_asked_for_is_a_question_not_a_yes_or_no(intent: str) -> None:
    assert _read("so thats a yes keep playing?", intent)["name"] == "nlu_fallback"


def test_what_helps_meanwhile_beside_another_condition_keeps_the_scopes_reading() -> None:
    text = "she takes blood thinners, is it ok for her to take ibuprofen until then?"
    message = Message(data={"text": text})
    message.set("intent", {"name": "out_of_scope", "confidence": 0.7})
    message.set("intent_ranking", [{"name": "out_of_scope", "confidence": 0.7}])
    message.set("scope", "health_condition")
    [gated] = StopGate().process([message])
    assert gated.get("intent")["name"] == "out_of_scope"
    assert _read("what can i do until then?", "out_of_scope")["name"] == "nlu_fallback"
