import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.contact_gate import ContactGate, only_contact_details


@pytest.mark.parametrize(
    "text",
    [
        "raj.p@example.com",
        "07700 900123",
        "it's 07700 900123",
        "my email is anna.k@example.org",
        "07700 900123 or anna@example.com",
        "you can reach me on +44 7700 900123",
        # a name written as one, beside them
        "Sarah Whitfield, you can reach me on 07700 900123",
        "Anne-Marie O'Brien 07700 900123",
        "01632 960 555 THATS MY HOUSE PHONE",
        "my mobile is 07700 900123",
        # whose they are, and how sure the writer is
        "I think he use his email, tomas.r@example.net",
        "she booked with her mobile 07700 900123 i believe",
    ],
)
def test_bare_contact_details_are_an_answer(text: str) -> None:
    assert only_contact_details(text, "GB")
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_human", "confidence": 0.6})
    message.set("intent_ranking", [{"name": "request_human", "confidence": 0.6}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent") == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "call me back on 07700 900123",
        "Call Me Back on 07700 900123",
        "sarah, call me back on 07700 900123",
        "cancel my booking, my email is anna@example.com",
        "my back hurts",
        "I can't feel my legs, 07700 900123",
        "/request_callback",
    ],
)
def test_contact_details_with_a_request_keep_their_intent(text: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_callback", "confidence": 0.6})
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent") == {"name": "request_callback", "confidence": 0.6}


@pytest.mark.parametrize(
    "text",
    ["Mon 7 Dec, 11:30am - Dr Okafor (consultant)", "Thu 10 Dec, 6pm - Rhian Hughes (physio)"],
)
def test_an_offered_time_typed_from_its_button_is_an_answer(text: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "ask_booking_status", "confidence": 0.53})
    message.set("intent_ranking", [{"name": "ask_booking_status", "confidence": 0.53}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent") == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "ive been waiting 3 weeks for someone to call me back about my back, this is "
            "ridiculous, can i speak to an actual person",
            "request_human",
        ),
        # a call-back asked for plainly stays one
        ("can someone call me back please", "request_callback"),
    ],
)
def test_a_complaint_about_waiting_for_a_call_back_gets_the_phone(text: str, intent: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_callback", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "request_callback", "confidence": 0.9}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("its for my dad, Arthur Jenkins. but use my number 07700 900456", "inform"),
        ("His name is Geoffrey Hartley. Our home phone is 0161 496 0732", "inform"),
        # a call asked for keeps its intent, whatever details come with it
        ("Arthur Jenkins, please call me back later today, 07700 900456", "request_human"),
    ],
)
def test_a_name_and_a_number_read_as_asking_for_the_team_are_an_answer(
    text: str, intent: str
) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_human", "confidence": 0.9})
    message.set("intent_ranking", [{"name": "request_human", "confidence": 0.9}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("do i need to wear anything special, like gym clothes for the physio?", "ask_clinic_info"),
        ("is there parking near you?", "ask_clinic_info"),
        ("what exercises help with sciatica?", "faq"),
        ("can I get a sick note for work from you?", "ask_clinic_info"),
        # what the words on the note mean is the article's to answer
        ("My GP wrote joint pain on my sick note. What does that actually mean?", "faq"),
    ],
)
def test_a_question_about_the_clinics_arrangements_is_for_its_team(text: str, intent: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.8})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.8}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == intent


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        (
            "I have been waiting 3 WEEKS for someone to call me back about my back pain. I "
            "want to speak to an actual person NOW not a computer",
            "nlu_fallback",
            "request_human",
        ),
        ("my back hurts and i want a real person please", "describe_own_pain", "request_human"),
        # asking whether it is a person is a question about the assistant
        ("am i talking to a real person", "bot_challenge", "bot_challenge"),
        # the clinic's number asked for in the middle of a form
        ("and whats the number", "inform", "ask_clinic_info"),
        # a number given is an answer, not a question about ours
        ("whats the number? its 07700 900123", "inform", "inform"),
    ],
)
def test_a_plea_for_a_person_or_the_clinic_number_is_read_so(
    text: str, intent: str, expected: str
) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.4})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.4}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How long is the waiting list to see a specialist at the moment?", "ask_clinic_info"),
        ("can i book in? how long is the wait", "request_appointment"),
    ],
)
def test_the_waiting_list_is_for_the_team(text: str, expected: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_appointment", "confidence": 0.7})
    message.set("intent_ranking", [{"name": "request_appointment", "confidence": 0.7}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == expected


@pytest.mark.parametrize(
    "text", ["you keep saying the same thing lol. talk to a person", "talk to a person"]
)
def test_a_person_asked_for_in_a_sentence_of_its_own_is_made_certain(text: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "request_human", "confidence": 0.4})
    message.set("intent_ranking", [{"name": "request_human", "confidence": 0.4}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent") == {"name": "request_human", "confidence": 1.0}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Rob Green", "inform"),
        ("Priya Shah-Patel", "inform"),
        ("Opening Hours", "ask_clinic_info"),
        ("Reception Please", "ask_clinic_info"),
        ("rob green", "ask_clinic_info"),  # without capitals: not clearly a name
    ],
)
def test_a_bare_name_read_as_a_question_for_the_team_is_an_answer(text: str, intent: str) -> None:
    message = Message(data={"text": text})
    message.set("intent", {"name": "ask_clinic_info", "confidence": 0.5})
    message.set("intent_ranking", [{"name": "ask_clinic_info", "confidence": 0.5}])
    [gated] = ContactGate("GB").process([message])
    assert gated.get("intent")["name"] == intent
