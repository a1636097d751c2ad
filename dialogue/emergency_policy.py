"""The emergency state: once a red flag is raised, every turn keeps to it.

Rules say what to do after one message; an emergency has to outlast it. After the
urgent-care reply, "what should I do?" must not get routine advice and "can I book for
next week instead?" must not start the check-in. This policy reads one slot,
`emergency_state`, and while it is set predicts the emergency follow-up action for every
patient message, ahead of the rules and forms (higher priority, same confidence). A new
red flag, in any state and in the middle of any form, gets the emergency action at once.
Used in config.yml as::

    - name: dialogue.emergency_policy.EmergencyStatePolicy
      priority: 8
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from clinic.settings import SettingsError
from clinic.triage.emergency_state import tells_of_low_mood, tells_something_new
from clinic.triage.pregnancy import pregnancy_earlier
from clinic.triage.red_flags import mentions_back_pain, read_red_flags
from clinic.triage.referral import ReferralRules, ReferralRulesError, clinic_referral_rules
from clinic.triage.severity import stated_severity
from dialogue.untrained_policy import UntrainedPolicy
from nlu_pipeline.emergency_guard import CONTEXT_RED_FLAGS_KEY, PREGNANCY_SIGNS_KEY
from nlu_pipeline.intents import SUSPECTED

EMERGENCY_INTENTS = frozenset(SUSPECTED)
SUSPECTED_INTENTS = frozenset(SUSPECTED.values())
STATE_SLOT = "emergency_state"
PAIN_SLOTS = ("pain_duration_days", "pain_severity", "triage_outcome")
EXTERNAL_PREFIX = "EXTERNAL_"
ACTION_EMERGENCY = "action_emergency"
ACTION_CHECK = "action_emergency_check"
ACTION_FOLLOWUP = "action_emergency_followup"


def next_emergency_action(
    latest_action: str | None,
    intent: str | None,
    state: str | None,
    red_flag_in_context: bool = False,
    low_mood_after_crisis: bool = False,
) -> str | None:
    """The action for this turn, or None to leave it to the other policies.

    Only right after a patient message (the latest action is `action_listen`); after our
    own action the conversation waits for the patient again. `red_flag_in_context` is a
    red flag that needs back pain to count (fever, a fall) in a message sent while the
    patient is in the check-in or booking, where the back pain is already said.
    `low_mood_after_crisis`: low mood told ("it's really getting me down") in a
    conversation where thoughts of self-harm were told before, which is asked about again.
    """
    if latest_action != ACTION_LISTEN_NAME:
        return ACTION_LISTEN_NAME if latest_action in _OURS else None
    if intent and intent.startswith(EXTERNAL_PREFIX):
        return None  # news from outside (a booking settled), not the patient speaking
    if intent in EMERGENCY_INTENTS or red_flag_in_context:
        return ACTION_EMERGENCY
    if state:
        return ACTION_FOLLOWUP
    if intent in SUSPECTED_INTENTS or low_mood_after_crisis:
        return ACTION_CHECK
    return None


_OURS = frozenset({ACTION_EMERGENCY, ACTION_CHECK, ACTION_FOLLOWUP})
PAIN_CONTEXT_FORMS = frozenset({"symptom_checkin_form", "booking_form"})


def _low_mood_after_crisis(tracker: DialogueStateTracker) -> bool:
    """Low mood in the latest message, after thoughts of self-harm were told this session."""
    latest = tracker.latest_message
    if tracker.latest_action_name != ACTION_LISTEN_NAME or not latest:
        return False
    if not tells_of_low_mood(latest.text or ""):
        return False
    return any(
        isinstance(event, BotUttered)
        and str((event.metadata or {}).get("utter_action") or "").startswith("utter_crisis")
        for event in tracker.events_after_latest_restart()
    )


def _red_flag_in_pain_context(tracker: DialogueStateTracker) -> bool:
    """A red flag read as about back pain, in a conversation already about back pain.

    The back pain is said when the patient is in the check-in or booking, has answered
    the check-in's questions, or mentioned it in an earlier message of this session
    ("back pain" ... "and i have a fever too").
    """
    latest = tracker.latest_message
    if tracker.latest_action_name != ACTION_LISTEN_NAME or not latest:
        return False
    text = latest.text or ""
    if text.startswith("/") or latest.intent.get("name") in EMERGENCY_INTENTS:
        return False
    # The NLU's emergency guard read the message once and set these aside.
    parse_data = latest.parse_data or {}
    earlier = [
        event.text or ""
        for event in tracker.events_after_latest_restart()
        if isinstance(event, UserUttered) and event is not latest
    ]
    if parse_data.get(PREGNANCY_SIGNS_KEY) and pregnancy_earlier(earlier):
        return True
    if not parse_data.get(CONTEXT_RED_FLAGS_KEY):
        return False
    if _stood_down_before(tracker) and not tells_something_new(text):
        # "Should she see one of your specialists then, after the fall?" once A&E has
        # checked the fall: the same red flag, already seen to, told again.
        return False
    if _set_aside_before(parse_data[CONTEXT_RED_FLAGS_KEY], earlier) and not tells_something_new(
        text
    ):
        # "You forgot the bike crash tho" after "fell off my bike 3 weeks ago, not a bad
        # crash, walked home fine": the same fall, told as nothing serious before.
        return False
    return (
        tracker.active_loop_name in PAIN_CONTEXT_FORMS
        or any(map(mentions_back_pain, earlier))
        # "10/10. I came off my horse today": pain this bad, told to a back clinic with the
        # fall, is the pain the warning sign is about.
        or (stated_severity(text) or 0) >= _severe_from()
        # The check-in asked about the pain: "since last Tuesday, a 9" was about the back.
        or any(tracker.get_slot(slot) is not None for slot in PAIN_SLOTS)
    )


def _set_aside_before(flags: Any, earlier: list[str]) -> bool:
    """Whether an earlier message told of every one of these red flags and set it aside."""
    wanted = {str(flag) for flag in flags or ()}
    told: set[str] = set()
    for text in earlier:
        told |= {flag.value for flag in read_red_flags(text).set_aside}
    return bool(wanted) and wanted <= told


def _severe_from() -> int:
    """The score from which pain is severe, from the clinic's referral rules.

    Read only when a message holds a warning sign that needs pain with it; rules that
    cannot be read keep their default, since a warning sign must still be read.
    """
    try:
        return clinic_referral_rules().severe_from
    except (ReferralRulesError, SettingsError):
        return ReferralRules().severe_from


# The replies that stand the urgent advice down: checked, past, or not the emergency feared.
_STOOD_DOWN = frozenset(
    {
        "utter_emergency_already_seen",
        "utter_emergency_already_seen_book",
        "utter_emergency_cleared",
        "utter_emergency_check_cleared",
        "utter_emergency_check_cleared_briefly",
        "utter_emergency_cleared_longstanding",
        "utter_emergency_own_back",
    }
)


def _stood_down_before(tracker: DialogueStateTracker) -> bool:
    """Whether a red flag was checked and stood down earlier in this conversation."""
    return any(
        isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") in _STOOD_DOWN
        for event in tracker.events_after_latest_restart()
    )


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class EmergencyStatePolicy(UntrainedPolicy):
    """Predict the emergency actions from the latest intent and the emergency slot."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Above RulePolicy (6) and the typed-button policy (7): an emergency comes first."""
        return {"priority": 8}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """Certainty for the emergency action this turn needs, nothing otherwise."""
        state = tracker.get_slot(STATE_SLOT)
        action = next_emergency_action(
            tracker.latest_action_name,
            tracker.latest_message.intent.get("name") if tracker.latest_message else None,
            str(state) if state else None,
            red_flag_in_context=_red_flag_in_pain_context(tracker),
            low_mood_after_crisis=_low_mood_after_crisis(tracker),
        )
        probabilities = self._default_predictions(domain)
        if action is None or action not in domain.action_names_or_texts:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        # Marked like the RulePolicy's form "happy path", which would otherwise overrule
        # any prediction made from the user's message: a red flag typed as the answer to a
        # form question must not be taken as that answer. Between the two, priority wins.
        return self._prediction(probabilities, is_no_user_prediction=True)
