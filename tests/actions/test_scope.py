"""The reply to a message outside the article, said for what it is about."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.scope import RESPONSES, ActionBookingAfterChild, ActionScopeInBooking, ActionScopeReply
from clinic.scope import Scope
from tests.actions.conftest import make_tracker


def test_every_reason_has_its_own_reply_in_the_domain(domain: dict[str, Any]) -> None:
    assert set(RESPONSES) == {scope.value for scope in Scope}
    assert set(RESPONSES.values()) <= set(domain["responses"])


@pytest.mark.parametrize("scope", list(Scope))
async def test_the_gates_reason_picks_the_reply(scope: Scope, domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="anything", intent="out_of_scope")
    tracker.latest_message["scope"] = scope.value
    reason = "child" if scope is Scope.CHILD else None
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert events == [SlotSet("scope_reason", reason)], "a booking asked for next reads it"
    assert [message["response"] for message in dispatcher.messages] == [RESPONSES[scope.value]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ok. what can I take for my migraines then, they've been awful", "utter_scope_pregnancy"),
        ("what is a migraine exactly", "utter_scope_other_condition"),
    ],
)
async def test_medicine_for_another_condition_after_a_pregnancy_goes_to_the_midwife(
    domain: dict[str, Any], text: str, expected: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        events=[
            {"event": "user", "text": "I'm 24 weeks pregnant and my lower back aches"},
            {"event": "user", "text": text},
        ],
    )
    tracker.latest_message["scope"] = Scope.OTHER_CONDITION.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == expected


async def test_pregnancy_is_sent_to_the_midwife_doctor_or_pharmacist(
    domain: dict[str, Any],
) -> None:
    text = domain["responses"]["utter_scope_pregnancy"][0]["text"]
    assert "midwife" in text and "pharmacist" in text


async def test_a_son_whose_age_is_not_said_gets_advice_for_a_child_or_an_adult(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="my son hurt his back at rugby", intent="out_of_scope")
    tracker.latest_message["scope"] = Scope.CHILD.value
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_scope_child_or_adult"
    ]
    assert events == [SlotSet("scope_reason", None)], "an adult's booking next is not refused"


async def test_a_childs_condition_of_another_organ_gets_no_back_pain_reply(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="My baby has been diagnosed with pyloric stenosis - how serious is it?",
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": "aortic_stenosis"}],
    )
    tracker.latest_message["scope"] = Scope.CHILD.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_scope_child_other_condition"
    ]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        (
            "My neck hurts and I get pins and needles in my right hand, maybe 2 months",
            "utter_scope_other_joint_referral",
        ),
        ("can I do squats with a bad knee?", "utter_scope_other_joint"),
    ],
)
async def test_another_joints_story_that_meets_the_guides_advice_is_told_so(
    domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch, text: str, response: str
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["scope"] = Scope.OTHER_JOINT.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [response]
    if response.endswith("referral"):
        assert "more than a few weeks" in dispatcher.messages[0]["triage_reasons"]


async def test_a_medicine_question_beside_a_story_that_meets_the_advice_says_both(
    domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    text = (
        "For the past six weeks my mother has had pain in her lower back, her foot feels "
        "numb at times. Can she take ibuprofen with her blood pressure tablets?"
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["scope"] = Scope.MEDICINE_USE.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_scope_medicine_use",
        "utter_checkin_stopped_criterion_met",
    ]


@pytest.mark.parametrize(
    ("text", "books"),
    [
        ("ok and for me, can i book a consultation even though im pregnant?", True),
        ("not for him, for ME. im 31", True),
        ("can i book him in then?", False),
        ("ok. last q, i think i have frozen shoulder as well, can i book for that here too?", True),
        ("can i book for my son then, his back hurts too", False),
        ("fine, book me in for the knee then. friday after lunch", True),
        ("book me in with him then", False),
    ],
)
async def test_a_booking_after_the_child_reply_is_the_adults_own_when_said(
    domain: dict[str, Any], text: str, books: bool
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="request_appointment", slots={"scope_reason": "child"})
    events = await ActionBookingAfterChild().run(dispatcher, tracker, domain)
    said = [message["response"] for message in dispatcher.messages]
    assert said == (["utter_start_booking"] if books else ["utter_scope_child_booking"])
    assert (FollowupAction("booking_form") in events) is books


@pytest.mark.parametrize(
    ("scope", "said"),
    [("prescription", ["utter_scope_prescription"]), ("other_joint", []), (None, [])],
)
async def test_during_the_checkin_only_a_question_beside_the_back_gets_its_reply(
    domain: dict[str, Any], scope: str | None, said: list[str]
) -> None:
    from actions.scope import ActionScopeBesideCheckin

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="no numb. my brother give me his tramadol pills, is ok to take?",
        intent="out_of_scope",
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = scope
    assert await ActionScopeBesideCheckin().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == said


async def test_a_child_in_the_middle_of_a_booking_ends_it(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="i'm 14 tho, is that ok? do you see kids",
        intent="out_of_scope",
        slots={"requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    tracker.latest_message["scope"] = Scope.CHILD.value
    events = await ActionScopeInBooking().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_scope_child",
        "utter_child_booking_not_made",
    ]
    assert ActiveLoop(None) in events
    assert SlotSet("scope_reason", "child") in events


async def test_a_child_asked_about_besides_the_parents_booking_lets_it_go_on(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="5:30 is good. but can my son be seen at the same time or not?",
        intent="out_of_scope",
        slots={"requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    tracker.latest_message["scope"] = Scope.CHILD.value
    events = await ActionScopeInBooking().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_child"]
    assert ActiveLoop(None) not in events


async def test_a_medicine_question_in_the_middle_of_a_booking_lets_it_go_on(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="can I take ibuprofen with my blood pressure tablets till then?",
        intent="out_of_scope",
        slots={"requested_slot": "patient_name"},
        active_loop="booking_form",
    )
    tracker.latest_message["scope"] = Scope.MEDICINE_USE.value
    assert await ActionScopeInBooking().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_medicine_use"]


async def test_another_joint_in_a_booking_is_for_the_consultation_without_a_new_offer(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="my shoulder hurts too, do you see shoulders?",
        intent="out_of_scope",
        slots={"requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    tracker.latest_message["scope"] = Scope.OTHER_JOINT.value
    assert await ActionScopeInBooking().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_other_joint_in_booking"]
    assert "buttons" not in domain["responses"]["utter_scope_other_joint_in_booking"][0]


async def test_a_question_outside_the_guide_without_a_reason_in_a_booking(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="do you like football", intent="out_of_scope")
    assert await ActionScopeInBooking().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_not_covered"]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("how many physio sessions does it usually take", "utter_not_covered"),
        ("would a standing desk help", "utter_not_covered"),
        ("who won the football last night", "utter_out_of_scope"),
    ],
)
async def test_a_question_the_guide_leaves_open_about_caring_for_the_back_offers_a_specialist(
    domain: dict[str, Any], text: str, response: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text, intent="out_of_scope", events=[{"event": "user", "text": text}]
    )
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:1] == [response]


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        (
            "ok but just generally what actually is sciatica, so i know what the midwife means",
            "sciatica",
            ["utter_faq/sciatica"],
        ),
        (
            "so can i do the stretches with the midwife's ok?",
            "home_exercise_stretching",
            ["utter_scope_pregnancy"],
        ),
        # the tablets told, not asked about
        (
            "ok thank you, I'll ask the midwife about the tablets. but what about the "
            "osteoarthritis, does it run in families?",
            "osteoarthritis",
            # and that the guide does not say whether it runs in families
            ["utter_faq/osteoarthritis", "utter_topic_not_covered"],
        ),
    ],
)
async def test_after_the_pregnancy_reply_information_is_answered_but_not_advice(
    domain: dict[str, Any], text: str, key: str, expected: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "I'm 24 weeks pregnant, can I take ibuprofen?"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_scope_pregnancy"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(text=text, intent="out_of_scope", ranking=[(key, 0.95)], events=events)
    tracker.latest_message["scope"] = "pregnancy"
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == expected


def _condition(value: str, start: int, end: int) -> dict[str, Any]:
    return {"entity": "condition", "value": value, "start": start, "end": end}


@pytest.mark.parametrize(
    ("entities", "said"),
    [
        # "... 'mild facet joint osteoarthritis L3-S1'. Is it the same as ... (rheumatoid)?"
        (
            [_condition("osteoarthritis", 34, 48), _condition("rheumatoid_arthritis", 114, 124)],
            ["utter_scope_other_condition", "utter_faq/osteoarthritis"],
        ),
        # "rheumatoid arthritis in my spine": the arthritis is the rheumatoid one
        (
            [_condition("rheumatoid_arthritis", 0, 10), _condition("osteoarthritis", 11, 32)],
            ["utter_scope_other_condition"],
        ),
        ([_condition("aortic_stenosis", 8, 23)], ["utter_scope_other_condition"]),
    ],
)
async def test_a_covered_condition_named_apart_from_another_gets_its_answer(
    domain: dict[str, Any], entities: list[dict[str, Any]], said: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="anything", intent="out_of_scope", entities=entities)
    tracker.latest_message["scope"] = "other_condition"
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == said


async def test_a_no_to_the_booking_offer_with_a_question_goes_to_the_decline(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "Not just yet, I'd like to talk to my daughter first. If I do go, what should I tell "
        "the doctor?"
    )
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "No, none of those, thank goodness."},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_offer_booking"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(text=text, intent="out_of_scope", events=events)
    assert await ActionScopeReply().run(dispatcher, tracker, domain) == [
        FollowupAction("action_decline_booking")
    ]
    assert dispatcher.messages == []


async def test_osteoarthritis_asked_about_with_a_knee_gets_the_joint_reply_then_its_answer(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "I'm Anna Smith and my knee hurts, what is osteoarthritis"
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["scope"] = "other_joint"
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": text.index("osteo")}
    ]
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_scope_other_joint",
        "utter_faq/osteoarthritis",
    ]
    assert SlotSet("last_faq_key", "osteoarthritis") in events


@pytest.mark.parametrize(
    ("text", "responses"),
    [
        (
            "is swimming good for herniated disk",
            ["utter_activity_not_covered", "utter_faq/exercise_benefits"],
        ),
        # Not an exercise: the general answer about exercise would not fit it.
        ("is a chiropractor ok for it?", ["utter_not_covered"]),
    ],
)
async def test_an_activity_put_out_of_scope_gets_what_the_guide_says_of_exercise(
    domain: dict[str, Any], text: str, responses: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == responses
    if len(responses) == 2:
        assert SlotSet("last_faq_key", "exercise_benefits") in events
        assert dispatcher.messages[0]["activity"] == "swimming"


async def test_a_report_to_be_read_gets_only_the_reply(domain: dict[str, Any]) -> None:
    # A bulge is not a herniation: the condition's answer after "I can't read reports"
    # would read as the report's explanation.
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="My MRI report says 'disc bulge at L4-L5'. What does that mean?",
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": "herniated_disc"}],
    )
    tracker.latest_message["scope"] = Scope.TEST_RESULTS.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == ["utter_scope_test_results"]
    # ... and whether it will get worse, asked beside it, is not left as if answered.
    worse = CollectingDispatcher()
    tracker.latest_message["text"] += " And will it get worse as I get older?"
    await ActionScopeReply().run(worse, tracker, domain)
    assert [message["response"] for message in worse.messages] == [
        "utter_scope_test_results",
        "utter_whether_it_gets_worse",
    ]
    # ... and so is an operation asked about.
    surgery = CollectingDispatcher()
    tracker.latest_message["text"] = "MRI says broad based disc bulge. Do I need surgery?"
    await ActionScopeReply().run(surgery, tracker, domain)
    assert [message["response"] for message in surgery.messages] == [
        "utter_scope_test_results",
        "utter_topic_not_covered",
    ]


@pytest.mark.parametrize(
    ("text", "set_aside", "response"),
    [
        (
            "what is saddle anaesthesia? i saw it on a leaflet",
            ["saddle_numbness"],
            "utter_warning_signs",
        ),
        # A sign denied beside an unrelated question: not the list of signs.
        ("no bladder problems, do you like football?", ["bladder_bowel"], "utter_out_of_scope"),
    ],
)
async def test_a_warning_sign_asked_about_outside_the_guide_gets_the_signs(
    domain: dict[str, Any], text: str, set_aside: list[str], response: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["red_flags_set_aside"] = set_aside
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages][:1] == [response]


async def test_an_activity_put_out_of_scope_gets_the_nearest_exercise_answer(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="are planks ok for a weak core?",
        intent="out_of_scope",
        ranking=[("back_pain_causes", 0.5), ("core_muscles", 0.3), ("sciatica", 0.1)],
    )
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_activity_not_covered",
        "utter_faq/core_muscles",
    ]
    assert SlotSet("last_faq_key", "core_muscles") in events


async def test_another_condition_compared_with_a_covered_one_says_the_guide_cannot_compare(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="osteoporosis in the spine - is that the same as osteoarthritis?",
        intent="out_of_scope",
        entities=[
            {"entity": "condition", "value": "osteoporosis", "start": 0, "end": 12},
            {"entity": "condition", "value": "osteoarthritis", "start": 47, "end": 61},
        ],
    )
    tracker.latest_message["scope"] = Scope.OTHER_CONDITION.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_scope_other_condition_compared",
        "utter_faq/osteoarthritis",
    ]


async def test_an_artery_stenosis_likened_to_spinal_stenosis_is_not_answered_as_it(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="stenosis in my carotid artery, is that like spinal stenosis",
        intent="out_of_scope",
        entities=[
            {"entity": "condition", "value": "aortic_stenosis", "start": 15, "end": 29},
            {"entity": "condition", "value": "spinal_stenosis", "start": 44, "end": 59},
        ],
    )
    tracker.latest_message["scope"] = Scope.OTHER_CONDITION.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_scope_other_condition_compared",
        "utter_faq/spinal_stenosis",
    ]


@pytest.mark.parametrize(
    ("text", "entities", "responses"),
    [
        (
            "mri says degenerativ disc diseas L4 L5 what dose that mean",
            [],
            [
                "utter_scope_test_results",
                "utter_report_condition_in_general",
                "utter_faq/degenerative_disc_disease",
            ],
        ),
        (
            "the letter says L4/L5 disc bulge, what does it mean",
            [{"entity": "condition", "value": "herniated_disc", "start": 22, "end": 32}],
            ["utter_scope_test_results"],
        ),
    ],
)
async def test_a_report_naming_a_covered_condition_gets_what_the_guide_says_in_general(
    domain: dict[str, Any], text: str, entities: list[dict[str, Any]], responses: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope", entities=entities)
    tracker.latest_message["scope"] = Scope.TEST_RESULTS.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == responses


async def test_a_prescription_to_renew_is_sent_to_who_can(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Can you renew my tramadol prescription please?", intent="out_of_scope"
    )
    tracker.latest_message["scope"] = Scope.PRESCRIPTION.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_cannot_renew_prescription"
    ]
    assert dispatcher.messages[0]["phone"], "the clinic's phone is filled in"


@pytest.mark.parametrize(
    ("text", "condition", "said"),
    [
        (
            "Can my spinal stenosis be cured completely or will I have it forever?",
            "spinal_stenosis",
            ["utter_cure_not_covered", "utter_faq/spinal_stenosis"],
        ),
        (
            "my mum (74) has arthritis in her spine, will exercise help her or make it worse?",
            "osteoarthritis",
            ["utter_faq/home_exercise_stretching"],
        ),
        (
            "can a chiropractor cure my sciatica",
            "sciatica",
            [
                "utter_activity_question_not_covered",
                "utter_cure_not_covered",
                "utter_faq/sciatica",
            ],
        ),
        # healing on its own without an operation: neither is the guide's to say
        (
            "can a herniated disc heal on its own without surgery",
            "herniated_disc",
            ["utter_cure_not_covered", "utter_faq/herniated_disc", "utter_topic_not_covered"],
        ),
        # what helps, asked of nothing else: how back pain is treated
        (
            "what helps osteoarthritis of the spine",
            "osteoarthritis",
            ["utter_faq/treatment_options"],
        ),
        # a number of sessions, which the guide does not give, said so first
        (
            "how many physio sessions will I need for a herniated disc",
            "herniated_disc",
            ["utter_topic_not_covered", "utter_faq/physical_therapy"],
        ),
        # a medicine the guide names asked beside a treatment it does not: both parts
        (
            "can i take ibuprofen for my herniated disc and is acupuncture worth trying?",
            "herniated_disc",
            ["utter_activity_question_not_covered", "utter_faq/otc_medication"],
        ),
        # whether it causes back pain, after a story about someone else: its answer
        (
            "My grandad had chest pain last year, he's fine now. Anyway, can osteoarthritis "
            "cause back pain?",
            "osteoarthritis",
            ["utter_faq/osteoarthritis"],
        ),
        # how much of it is not the guide's to say
        (
            "how much ibuprofen can i take for my sciatica and is acupuncture worth trying?",
            "sciatica",
            ["utter_not_covered"],
        ),
        # a topic that may ask about a claim or a dose is left to the general reply
        (
            "can I claim compensation for my sciatica treatment?",
            "sciatica",
            ["utter_not_covered"],
        ),
    ],
)
async def test_a_question_about_one_covered_condition_gets_what_the_guide_says(
    domain: dict[str, Any], text: str, condition: str, said: list[str]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": condition}],
    )
    await ActionScopeReply().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages if m.get("response")]
    assert responses[: len(said)] == said


async def test_a_reply_beside_the_checkin_already_said_is_not_said_twice(
    domain: dict[str, Any],
) -> None:
    from actions.scope import ActionScopeBesideCheckin

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="no none of that. just stiff. would paracetamol or ibuprofen be better?",
        intent="out_of_scope",
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "medicine_use"
    tracker.events.append(
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_scope_medicine_use"}}
    )
    await ActionScopeBesideCheckin().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []


async def test_what_a_covered_condition_is_is_answered_beside_a_childs_back(
    domain: dict[str, Any],
) -> None:
    from actions.scope import ActionScopeReply

    text = (
        "I am asking for my grandson. He is 11 and his back hurts after matches. Also do you "
        "treat knees? And what is spinal stenosis, my friend have it."
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["scope"] = Scope.CHILD.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[0] == "utter_scope_child"
    assert "utter_faq/spinal_stenosis" in said


async def test_heat_or_ice_is_said_not_covered_before_the_treatments_the_guide_names(
    domain: dict[str, Any],
) -> None:
    from actions.scope import ActionScopeReply

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Should I use heat or ice on my degenerative disc pain?", intent="out_of_scope"
    )
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_activity_question_not_covered",
        "utter_faq/treatment_options",
    ]


async def test_a_covered_condition_ruled_out_is_not_answered_beside_the_other(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "sorry, I meant scoliosis, not stenosis"
    entities = [
        _condition("scoliosis", text.index("scoliosis"), text.index("scoliosis") + 9),
        _condition("spinal_stenosis", text.index("stenosis"), len(text)),
    ]
    tracker = make_tracker(text=text, intent="out_of_scope", entities=entities)
    tracker.latest_message["scope"] = "other_condition"
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_scope_other_condition"
    ]


async def test_a_part_left_out_beside_when_to_be_seen_is_said_and_the_other_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "best sleeping position for lower back pain? also when do I need a specialist"
    tracker = make_tracker(text=text, intent="out_of_scope")
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_topic_not_covered",
        "utter_faq/when_to_see_specialist",
    ]
    assert SlotSet("last_faq_key", "when_to_see_specialist") in events


async def test_a_covered_condition_told_asking_nothing_gets_what_the_guide_says_of_it(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="my mother has a herniated disc",
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": "herniated_disc"}],
    )
    events = await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_report_condition_in_general",
        "utter_faq/herniated_disc",
    ]
    assert SlotSet("last_faq_key", "herniated_disc") in events


async def test_a_question_about_the_other_joint_just_declined_gets_its_reply_again(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "cool. should i ice it or use heat? and can i keep training, race is in 5 weeks"
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        events=[
            {"event": "user", "text": "my knee has been clicking and swelling, do you do knees?"},
            {
                "event": "bot",
                "text": "...",
                "metadata": {"utter_action": "utter_scope_other_joint"},
            },
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": text},
        ],
    )
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_other_joint"]


async def test_a_new_joint_named_after_another_condition_gets_its_own_reply(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ok and my shoulder?",
        intent="out_of_scope",
        events=[
            {"event": "user", "text": "do you treat migraines as well as back pain"},
            {
                "event": "bot",
                "text": "...",
                "metadata": {"utter_action": "utter_scope_other_condition"},
            },
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": "ok and my shoulder?"},
        ],
    )
    tracker.latest_message["scope"] = Scope.OTHER_JOINT.value
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [RESPONSES["other_joint"]]


async def test_heat_or_ice_beside_what_a_condition_is_says_both(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="sciatica - heat or ice? and what is sciatica actually",
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": "sciatica"}],
    )
    tracker.latest_message["question_answers"] = [{"faq_key": "sciatica", "confidence": 0.63}]
    await ActionScopeReply().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages if m.get("response")]
    assert responses[:2] == ["utter_activity_question_not_covered", "utter_faq/sciatica"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("can I take paracetamol with my blood pressure tablets", "utter_scope_other_medicine_use"),
        ("can I take ibuprofen with my blood pressure tablets", "utter_scope_medicine_use"),
    ],
)
async def test_a_painkiller_the_guide_does_not_name_with_other_tablets_is_not_called_one_it_does(
    domain: dict[str, Any], text: str, said: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="out_of_scope")
    tracker.latest_message["scope"] = "medicine_use"
    await ActionScopeReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:1] == [said]
