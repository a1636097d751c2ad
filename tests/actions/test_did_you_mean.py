from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.did_you_mean import ask_did_you_mean, choice_buttons, offer_unanswered_questions
from clinic.faq.catalogue import FaqCatalogue


def test_choices_the_data_no_longer_has_get_no_button(domain: dict[str, Any]) -> None:
    buttons = choice_buttons(
        ("retired_topic", "sciatica", "osteoarthritis", "otc_medication"),
        FaqCatalogue.from_domain(domain),
    )
    assert [button["payload"] for button in buttons] == [
        '/choose_faq{"faq_key": "sciatica"}',
        '/choose_faq{"faq_key": "osteoarthritis"}',
        '/choose_faq{"faq_key": "otc_medication"}',
        "/something_else",
    ]


def test_nothing_is_asked_when_the_data_has_none_of_the_choices(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    catalogue = FaqCatalogue.from_domain(domain)
    assert not ask_did_you_mean(dispatcher, ("retired_topic",), catalogue)
    assert dispatcher.messages == []
    assert ask_did_you_mean(dispatcher, ("retired_topic", "sciatica"), catalogue)
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    assert [b["title"] for b in message["buttons"]][-1] == "Something else"


def answered(*keys: str) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    for key in keys:
        dispatcher.utter_message(response=f"utter_faq/{key}")
    return dispatcher


def test_a_question_no_answer_was_sure_for_is_offered_not_dropped(
    domain: dict[str, Any],
) -> None:
    # "what is a herniated disc? should i take ibuprofen? and when should i see a specialist?"
    dispatcher = answered("herniated_disc", "when_to_see_specialist")
    parse_data = {
        "question_answers": [{"faq_key": "herniated_disc"}, {"faq_key": "when_to_see_specialist"}],
        "unsure_questions": [
            {"text": "should i take ibuprofen ?", "faq_keys": ["otc_medication", "sciatica"]}
        ],
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    offer = dispatcher.messages[-1]
    assert offer["response"] == "utter_other_question_choices"
    assert [b["payload"] for b in offer["buttons"]] == [
        '/choose_faq{"faq_key": "otc_medication"}',
        '/choose_faq{"faq_key": "sciatica"}',
    ]


def test_the_answer_an_unsure_question_leans_on_the_last_one_for_comes_first(
    domain: dict[str, Any],
) -> None:
    # "What is sciatica, how is it treated, and can I do exercise with it?"
    dispatcher = answered("sciatica", "exercise_benefits")
    parse_data = {
        "unsure_questions": [{"text": "how is it treated ,", "faq_keys": ["sciatica"]}],
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    [payload] = [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    assert payload == '/choose_faq{"faq_key": "treatment_options"}'


def test_an_answer_cut_for_length_is_offered(domain: dict[str, Any]) -> None:
    dispatcher = answered("sciatica", "physical_therapy")
    parse_data = {
        "question_answers": [
            {"faq_key": "sciatica"},
            {"faq_key": "physical_therapy"},
            {"faq_key": "otc_medication"},
        ]
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    assert dispatcher.messages[-1]["buttons"][0]["title"] == (
        FaqCatalogue.from_domain(domain).get("otc_medication").question  # type: ignore[union-attr]
    )


def test_a_question_the_guide_does_not_cover_is_said_so_once(domain: dict[str, Any]) -> None:
    dispatcher = answered("sciatica")
    dispatcher.utter_message(response="utter_other_question_not_covered")
    parse_data = {
        "unsure_questions": [{"text": "how long does it last ?", "faq_keys": ["otc_medication"]}]
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/sciatica",
        "utter_other_question_not_covered",
    ]
    alone = answered("sciatica")
    offer_unanswered_questions(alone, parse_data, FaqCatalogue.from_domain(domain))
    assert alone.messages[-1]["response"] == "utter_other_question_not_covered"


def test_nothing_is_offered_without_an_answer_or_when_all_were_answered(
    domain: dict[str, Any],
) -> None:
    catalogue = FaqCatalogue.from_domain(domain)
    parse_data = {"unsure_questions": [{"text": "and physio ?", "faq_keys": ["sciatica"]}]}
    nothing = CollectingDispatcher()
    offer_unanswered_questions(nothing, parse_data, catalogue)
    assert nothing.messages == []
    all_said = answered("sciatica")
    offer_unanswered_questions(all_said, parse_data, catalogue)
    assert len(all_said.messages) == 1


def test_what_this_is_of_the_one_condition_named_is_answered_not_offered(
    domain: dict[str, Any],
) -> None:
    # "doctor say maybe herniated disc. what is this and can exercise make it better or
    # worse? also ibuprofen is ok?"
    dispatcher = answered("exercise_benefits", "otc_medication")
    parse_data = {
        "text": "doctor say maybe herniated disc. what is this and can exercise help?",
        "entities": [{"entity": "condition", "value": "herniated_disc", "start": 16}],
        "unsure_questions": [{"text": "what is this", "faq_keys": ["herniated_disc"]}],
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/exercise_benefits",
        "utter_faq/otc_medication",
        "utter_faq/herniated_disc",
    ]


def test_a_second_clause_about_amounts_is_not_another_question(domain: dict[str, Any]) -> None:
    # "how many times a day should I stretch and how long do I hold each one?"
    dispatcher = answered("home_exercise_stretching")
    dispatcher.utter_message(response="utter_exercise_amount_not_covered")
    parse_data = {
        "unsure_questions": [
            {"text": "how long do I hold each one ?", "faq_keys": ["home_exercise_stretching"]}
        ]
    }
    offer_unanswered_questions(dispatcher, parse_data, FaqCatalogue.from_domain(domain))
    assert "utter_other_question_not_covered" not in [m["response"] for m in dispatcher.messages]
