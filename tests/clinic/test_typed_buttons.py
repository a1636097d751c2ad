from __future__ import annotations

import pytest

from clinic.typed_buttons import buttons_before_latest_message, payload_intent, typed_choice

OFFER = [
    {"title": "Yes, book a consultation", "payload": "/request_appointment"},
    {"title": "Not now", "payload": "/deny"},
]
TOPICS = [
    {"title": "Back conditions", "payload": '/choose_faq{"faq_key": "back_pain_causes"}'},
    {"title": "How exercise helps", "payload": '/choose_faq{"faq_key": "exercise_benefits"}'},
    {"title": "Talk to a specialist", "payload": "/request_human"},
]


@pytest.mark.parametrize(
    ("text", "buttons", "payload"),
    [
        # the button's own words, with a little around them
        ("ok talk to a specialist", TOPICS, "/request_human"),
        ("Talk to a specialist please", TOPICS, "/request_human"),
        ("back conditions", TOPICS, '/choose_faq{"faq_key": "back_pain_causes"}'),
        ("book a consultation", OFFER, "/request_appointment"),
        ("not now", OFFER, "/deny"),
        # a yes or a no to a yes-or-no question: the opening decides
        ("yes, asap please, any time", OFFER, "/request_appointment"),
        ("yeah go on then", OFFER, "/request_appointment"),
        ("nah I'm ok thanks", OFFER, "/deny"),
        ("no. what can I do at home meanwhile?", OFFER, "/deny"),
        # the button's place
        ("the second one", TOPICS, '/choose_faq{"faq_key": "exercise_benefits"}'),
        ("3", TOPICS, "/request_human"),
        ("the last one please", TOPICS, "/request_human"),
        ("option 4", TOPICS, None),  # there is no fourth
        ("the second one is about my leg", TOPICS, None),
        # not an answer to these buttons
        ("what back conditions do you cover and how are they treated?", TOPICS, None),
        ("yes", TOPICS, None),  # no yes-or-no question was asked
        ("maybe later", OFFER, None),  # hedged: the classifier and rules decide
        ("what does sciatica feel like", OFFER, None),
        # a question about the offer, not a no to it
        ("So I don't need an appointment?", OFFER, None),
        ("/request_appointment", OFFER, None),  # a pressed button is already a button
        ("ok talk to a specialist", [], None),
    ],
)
def test_typed_choice(text: str, buttons: list[dict[str, str]], payload: str | None) -> None:
    assert typed_choice(text, buttons) == payload


def test_a_title_matching_two_buttons_chooses_neither() -> None:
    twins = [
        {"title": "Friday 9am", "payload": '/inform{"slot_id": "a"}'},
        {"title": "Friday 9am physio", "payload": '/inform{"slot_id": "b"}'},
    ]
    assert typed_choice("friday 9am", twins) == '/inform{"slot_id": "a"}'  # exact wins
    assert typed_choice("friday 9am please thanks", twins) == '/inform{"slot_id": "a"}'
    assert typed_choice("the friday 9am one", twins) == '/inform{"slot_id": "a"}'
    parts = [
        {"title": "Morning", "payload": "/morning"},
        {"title": "Afternoon", "payload": "/afternoon"},
    ]
    assert typed_choice("morning or afternoon", parts) is None  # both titles are in it


@pytest.mark.parametrize(
    ("payload", "parsed"),
    [
        ("/deny", ("deny", {})),
        ('/choose_faq{"faq_key": "sciatica"}', ("choose_faq", {"faq_key": "sciatica"})),
        ("yes", None),
        ("/choose_faq{not json}", None),
        ('/inform["a"]', None),
    ],
)
def test_payload_intent(payload: str, parsed: tuple[str, dict[str, object]] | None) -> None:
    assert payload_intent(payload) == parsed


def test_only_the_buttons_just_before_the_latest_message_count() -> None:
    assert buttons_before_latest_message([("bot", OFFER), ("user", [])]) == OFFER
    assert (
        buttons_before_latest_message([("bot", OFFER), ("bot", []), ("bot", TOPICS), ("user", [])])
        == TOPICS
    )
    # answered already: the next message is not an answer to them
    assert buttons_before_latest_message([("bot", OFFER), ("user", []), ("user", [])]) == []
    assert (
        buttons_before_latest_message([("bot", OFFER), ("user", []), ("bot", []), ("user", [])])
        == []
    )
    assert buttons_before_latest_message([]) == []


DID_YOU_MEAN = [
    {"title": "Do home exercises and stretches help?", "payload": "/choose_faq_home"},
    {"title": "How can physical therapy help?", "payload": "/choose_faq_physio"},
    {"title": "How does movement help stiff joints?", "payload": "/choose_faq_movement"},
    {"title": "Something else", "payload": "/something_else"},
]


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("the physio one", "/choose_faq_physio"),
        ("the stretching one", "/choose_faq_home"),
        ("physio one pls", "/choose_faq_physio"),
        ("the help one", None),  # in every title
    ],
)
def test_a_word_of_one_title_pointed_at_chooses_that_button(text: str, payload: str | None) -> None:
    assert typed_choice(text, DID_YOU_MEAN) == payload


def test_heard_then_a_question_of_its_own_is_not_a_yes() -> None:
    offer = [
        {"title": "Yes, book a consultation", "payload": "/request_appointment"},
        {"title": "Not now", "payload": "/deny"},
    ]
    assert typed_choice("ok cool. can i still go to work", offer) is None
    assert typed_choice("yes please, can it be thursday?", offer) == "/request_appointment"


def test_a_yes_with_a_call_asked_for_is_not_the_booking_button() -> None:
    offer = [
        {"title": "Yes, book a consultation", "payload": "/request_appointment"},
        {"title": "Not now", "payload": "/deny"},
    ]
    text = "Yes please, although I am not very good with computers. Could somebody telephone me?"
    assert typed_choice(text, offer) is None
