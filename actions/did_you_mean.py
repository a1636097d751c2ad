"""'Did you mean...?': the `utter_did_you_mean` response, with a button per likely answer.

Its sentence is a response in the data; its buttons depend on the candidates, so the
action that finds them says it, buttons attached (as Sara does).
"""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.feedback import say_entry
from actions.parse_data import (
    covered_conditions,
    question_answers_from_parse_data,
    unsure_questions_from_parse_data,
)
from clinic.faq.answer_choice import MAX_CANDIDATES
from clinic.faq.catalogue import RESPONSE_PREFIX, FaqCatalogue
from clinic.faq.followups import (
    NOT_COVERED,
    asks_beyond_the_guide,
    asks_if_it_gets_worse,
    asks_what_it_is,
    contextual_followup,
)

DID_YOU_MEAN = "utter_did_you_mean"
OTHER_QUESTION_CHOICES = "utter_other_question_choices"
NOT_COVERED_REPLIES = frozenset(
    {
        "utter_other_question_not_covered",
        "utter_question_not_covered",
        "utter_topic_not_covered",
        "utter_whether_it_gets_worse",
        "utter_activity_question_not_covered",
        "utter_no_yes_or_no",
        "utter_side_effect_not_covered",
        "utter_scope_other_medicine_use",
        "utter_heart_worry",
        "utter_other_joint_too",
        # "how many times a day should I stretch and how long do I hold each one?": one
        # reply says the guide gives no amounts; the second clause is not "another" question.
        "utter_exercise_amount_not_covered",
        "utter_avoid_not_covered",
    }
)
"""The replies that already say a question of the message is beyond the guide."""
SOMETHING_ELSE = {"title": "Something else", "payload": "/something_else"}
"""The last "Did you mean" button: none of these (the `something_else` rule asks for more)."""


_CHOOSE_FAQ = "/choose_faq"


def choose_faq_payload(key: str) -> str:
    """The payload of a button that picks the answer `key` (the `choose_faq` rule answers it)."""
    return _CHOOSE_FAQ + json.dumps({"faq_key": key})


def offered_keys(events: list[dict[str, Any]]) -> tuple[str, ...]:
    """The answers the last "Did you mean...?" offered, in its buttons' order."""
    for event in reversed(events):
        if event.get("event") != "bot":
            continue
        if (event.get("metadata") or {}).get("utter_action") != DID_YOU_MEAN:
            continue
        keys = []
        for button in (event.get("data") or {}).get("buttons") or []:
            payload = str(button.get("payload") or "")
            if payload.startswith(_CHOOSE_FAQ):
                try:
                    keys.append(str(json.loads(payload[len(_CHOOSE_FAQ) :])["faq_key"]))
                except (ValueError, KeyError, TypeError):
                    continue
        return tuple(keys)
    return ()


def choice_buttons(keys: tuple[str, ...], catalogue: FaqCatalogue) -> list[dict[str, str]]:
    """The "Did you mean...?" buttons, at most `MAX_CANDIDATES` choices and "Something else".

    Each choice the data still has is titled by its readable question, the best first.
    """
    entries = [entry for entry in map(catalogue.get, keys) if entry is not None]
    return [
        *(
            {"title": entry.question, "payload": choose_faq_payload(entry.key)}
            for entry in entries[:MAX_CANDIDATES]
        ),
        SOMETHING_ELSE,
    ]


def ask_did_you_mean(
    dispatcher: CollectingDispatcher, keys: tuple[str, ...], catalogue: FaqCatalogue
) -> bool:
    """Ask which answer was meant; False (nothing said) when the data has none of them."""
    if not any(key in catalogue for key in keys):
        return False
    dispatcher.utter_message(response=DID_YOU_MEAN, buttons=choice_buttons(keys, catalogue))
    return True


def offer_unanswered_questions(
    dispatcher: CollectingDispatcher, parse_data: dict[str, Any], catalogue: FaqCatalogue
) -> None:
    """After the answers, a button for each answer a question left unanswered may want.

    "What is a herniated disc? should i take ibuprofen? and when should i see a
    specialist?": the disc and the specialist are answered; the classifier is not sure of
    the ibuprofen question alone, and a third answer would bury the first two. It is
    offered, not dropped: the answer it leans on the one just given for ("how is it
    treated") first, then the classifier's likely ones. A question the guide does not
    cover ("how long does it last?") is said to be so, once.
    """
    said = [
        response[len(RESPONSE_PREFIX) :]
        for message in dispatcher.messages
        if (response := str(message.get("response") or "")).startswith(RESPONSE_PREFIX)
    ]
    if not said:
        return
    # The questions beyond the answers given, when every question had a sure answer.
    choices = question_answers_from_parse_data(parse_data)[len(said) :]
    named = covered_conditions(parse_data)
    condition = next(iter(named)) if len(named) == 1 else None
    for text, keys in unsure_questions_from_parse_data(parse_data):
        if asks_if_it_gets_worse(text):
            continue
        if asks_what_it_is(text) and condition not in (None, *said):
            # "Doctor say maybe herniated disc. What is this and ...?": the one condition
            # the message names is what "this" is; its answer is said, not offered.
            if (entry := catalogue.get(condition)) is not None:
                say_entry(dispatcher, str(parse_data.get("text") or ""), entry)
                said.append(entry.key)
            continue
        leans_on = contextual_followup(text, said[-1], catalogue)
        if leans_on == NOT_COVERED or asks_beyond_the_guide(text):
            if not any(
                message.get("response") in NOT_COVERED_REPLIES for message in dispatcher.messages
            ):
                dispatcher.utter_message(response="utter_other_question_not_covered")
            continue
        if leans_on is not None and leans_on in catalogue:
            # The question's own words point to it: the classifier's guesses add nothing.
            choices.append(leans_on)
            continue
        choices += keys
    offered = [key for key in dict.fromkeys(choices) if key not in said and key in catalogue]
    if offered:
        dispatcher.utter_message(
            response=OTHER_QUESTION_CHOICES,
            buttons=choice_buttons(tuple(offered), catalogue)[:-1],
        )
