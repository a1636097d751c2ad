from typing import Any

import pytest

from dialogue.emergency_policy import next_emergency_action


@pytest.mark.parametrize(
    ("latest", "intent", "state", "expected"),
    [
        ("action_listen", "report_emergency", None, "action_emergency"),
        ("action_listen", "report_crisis", None, "action_emergency"),
        ("action_listen", "report_emergency", "urgent", "action_emergency"),
        ("action_listen", "suspected_emergency", None, "action_emergency_check"),
        ("action_listen", "suspected_crisis", None, "action_emergency_check"),
        ("action_listen", "request_appointment", "urgent", "action_emergency_followup"),
        ("action_listen", "faq", "crisis", "action_emergency_followup"),
        ("action_listen", "affirm", "check_urgent", "action_emergency_followup"),
        ("action_listen", "faq", None, None),
        ("action_emergency", "report_emergency", "urgent", "action_listen"),
        ("action_emergency_followup", "faq", "urgent", "action_listen"),
        ("utter_faq", "faq", None, None),
    ],
)
def test_the_emergency_state_takes_every_turn_until_cleared(
    latest: str, intent: str, state: str | None, expected: str | None
) -> None:
    assert next_emergency_action(latest, intent, state) == expected


def test_a_red_flag_typed_into_a_form_wins_over_the_form() -> None:
    """The form's happy path overrules ordinary predictions; the emergency must not lose to it."""
    from pathlib import Path

    from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
    from rasa.core.policies.policy import PolicyPrediction
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from dialogue.emergency_policy import EmergencyStatePolicy

    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker.from_events(
        "patient",
        [
            ActionExecuted("action_listen"),
            UserUttered("my back hurts", {"name": "describe_own_pain"}),
            ActionExecuted("symptom_checkin_form"),
            ActiveLoop("symptom_checkin_form"),
            ActionExecuted("action_listen"),
            UserUttered("3 days, and i cant feel when i need to pee", {"name": "report_emergency"}),
        ],
    )
    policy = EmergencyStatePolicy.create(
        EmergencyStatePolicy.get_default_config(),
        LocalModelStorage(Path("unused")),
        Resource("emergency"),
        ExecutionContext(None, None),
    )
    ours = policy.predict_action_probabilities(tracker, domain)
    form = [0.0] * domain.num_actions
    form[domain.index_for_action("symptom_checkin_form")] = 1.0
    happy_path = PolicyPrediction(form, "RulePolicy", policy_priority=6, is_no_user_prediction=True)
    best = DefaultPolicyPredictionEnsemble._pick_best_policy([happy_path, ours])
    assert domain.action_names_or_texts[best.max_confidence_index] == "action_emergency"


def test_a_red_flag_that_needs_back_pain_counts_inside_the_checkin() -> None:
    assert next_emergency_action("action_listen", "describe_own_pain", None, True) == (
        "action_emergency"
    )
    assert next_emergency_action("action_listen", "describe_own_pain", None, False) is None


def test_red_flags_that_count_after_something_said_earlier_are_emergencies() -> None:
    from pathlib import Path

    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.training_data.message import Message

    from dialogue.emergency_policy import EmergencyStatePolicy
    from nlu_pipeline.emergency_guard import (
        CONTEXT_RED_FLAGS_KEY,
        PREGNANCY_SIGNS_KEY,
        EmergencyGuard,
    )

    domain = Domain.load("domain.yml")
    policy = EmergencyStatePolicy.create(
        EmergencyStatePolicy.get_default_config(),
        LocalModelStorage(Path("unused")),
        Resource("emergency"),
        ExecutionContext(None, None),
    )

    def predicted(*texts: str, slots: tuple[str, ...] = ()) -> str:
        from rasa.shared.core.events import SlotSet

        events: list[Any] = [SlotSet(slot, 5) for slot in slots]
        for text in texts:
            # What the NLU's emergency guard sets aside for the policy.
            [message] = EmergencyGuard().process([Message(data={"text": text})])
            parse_data = {
                "intent": {"name": "inform"},
                CONTEXT_RED_FLAGS_KEY: message.get(CONTEXT_RED_FLAGS_KEY),
                PREGNANCY_SIGNS_KEY: message.get(PREGNANCY_SIGNS_KEY),
            }
            user = UserUttered(text, {"name": "inform"}, parse_data=parse_data)
            events += [ActionExecuted("action_listen"), user]
        tracker = DialogueStateTracker.from_events("patient", events)
        prediction = policy.predict_action_probabilities(tracker, domain)
        if max(prediction.probabilities) == 0:
            return "nothing"
        return domain.action_names_or_texts[prediction.max_confidence_index]

    assert predicted("back pain", "4 days", "10 and i have a fever too") == "action_emergency"
    assert predicted("what is sciatica", "i have a fever too") == "action_emergency"
    assert predicted("hello", "i have a fever") == "nothing", (
        "a fever alone is not a back-pain flag"
    )
    # A fall told with pain this bad is about the pain, named or not.
    assert predicted("10/10. I came off my horse today") == "action_emergency"
    assert predicted("2/10. I came off my horse today") == "nothing"
    # Pains in waves count once the patient has said she is pregnant.
    assert predicted("I'm 24 weeks pregnant", "it comes in waves and my belly goes tight") == (
        "action_emergency"
    )
    assert predicted("hello", "it comes in waves") == "nothing"
    # The check-in's answers were about the back, though they never named it.
    assert predicted("9, its agony", "my temperature its 38.4", slots=("pain_severity",)) == (
        "action_emergency"
    )


def _predicted_after(earlier: list[Any], text: str, intent: str) -> str:
    """What the policy predicts for `text` (read with a fall as its red flag) after `earlier`."""
    from pathlib import Path

    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from dialogue.emergency_policy import EmergencyStatePolicy
    from nlu_pipeline.emergency_guard import CONTEXT_RED_FLAGS_KEY

    domain = Domain.load("domain.yml")
    policy = EmergencyStatePolicy.create(
        EmergencyStatePolicy.get_default_config(),
        LocalModelStorage(Path("unused")),
        Resource("emergency"),
        ExecutionContext(None, None),
    )
    flagged = {"intent": {"name": intent}, CONTEXT_RED_FLAGS_KEY: ["trauma"]}
    events = [
        *earlier,
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": intent}, parse_data=flagged),
    ]
    tracker = DialogueStateTracker.from_events("patient", events)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return "nothing"
    return str(domain.action_names_or_texts[prediction.max_confidence_index])


def test_a_red_flag_stood_down_and_named_again_with_nothing_new_is_not_raised_again() -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    earlier = [
        ActionExecuted("action_listen"),
        UserUttered("my mum had a bad fall down the stairs and her back hurts"),
        BotUttered("...", metadata={"utter_action": "utter_emergency"}),
        ActionExecuted("action_listen"),
        UserUttered("she went to A&E, nothing broken"),
        BotUttered("...", metadata={"utter_action": "utter_emergency_already_seen"}),
    ]
    again = "should she see one of your specialists then, after the fall?"
    assert _predicted_after(earlier, again, "inform") == "nothing"
    worse = "she fell again this morning and can't get up"
    assert _predicted_after(earlier, worse, "inform") == "action_emergency"


def test_referral_rules_that_cannot_be_read_keep_the_default_severe_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clinic.triage.referral import ReferralRules, ReferralRulesError
    from dialogue import emergency_policy

    def unreadable() -> ReferralRules:
        raise ReferralRulesError("cannot read referral rules")

    monkeypatch.setattr(emergency_policy, "clinic_referral_rules", unreadable)
    assert emergency_policy._severe_from() == ReferralRules().severe_from


def test_a_fall_told_as_not_serious_and_named_again_is_not_raised() -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    earlier = [
        ActionExecuted("action_listen"),
        UserUttered(
            "my back's been killing me since i fell off my bike 3 weeks ago, not a bad crash, "
            "walked home fine"
        ),
        BotUttered("...", metadata={"utter_action": "utter_ask_pain_severity"}),
    ]
    again = "you forgot the bike crash tho. anyway ill think about booking"
    assert _predicted_after(earlier, again, "stop") == "nothing"
    worse = "i fell off the bike again this morning, back is agony"
    assert _predicted_after(earlier, worse, "stop") == "action_emergency"


def test_low_mood_after_thoughts_of_self_harm_is_asked_about_again() -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    crisis = [
        ActionExecuted("action_listen"),
        UserUttered("ive been thinking about ending it all"),
        BotUttered("...", metadata={"utter_action": "utter_crisis"}),
        ActionExecuted("action_listen"),
        UserUttered("yes im safe"),
        BotUttered("...", metadata={"utter_action": "utter_crisis_cleared"}),
    ]
    low = "is there anything i can do for the pain until then, its really getting me down"
    assert _predicted_after(crisis, low, "faq") == "action_emergency_check"
    # Without the earlier disclosure, low mood alone is answered as the question it asks.
    answer = [
        ActionExecuted("action_listen"),
        UserUttered("what are your opening hours?"),
        BotUttered("...", metadata={"utter_action": "utter_contact"}),
    ]
    assert _predicted_after(answer, low, "faq") == "nothing"
    assert _predicted_after(crisis, "what stretches can I do at home?", "faq") == "nothing"
