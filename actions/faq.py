"""FAQ actions: decide which answer fits; the rules in data/rules.yml then say it.

The actions compute and set slots; every sentence the patient reads is a response in the
data, so staff can see and change all of it. The one exception to "rules speak" is "Did
you mean...?": its sentence is the `utter_did_you_mean` response, but its buttons depend
on the candidates, so the action that finds them says it, buttons attached (as Sara does),
instead of passing each candidate through slots to conditional variants.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checkin_slots import criteria_met_so_far, say_criterion_met
from actions.checkin_start import start_checkin
from actions.contact import give_contact
from actions.did_you_mean import NOT_COVERED_REPLIES, ask_did_you_mean, offer_unanswered_questions
from actions.feedback import (
    ANSWER_CAVEATS,
    LAST_FAQ_SLOT,
    activity_noted,
    nearest_exercise_answer,
    say_answer,
    say_entry,
)
from actions.parse_data import (
    body_parts_from_parse_data,
    condition_mentions,
    conditions_from_parse_data,
    covered_conditions,
    covered_conditions_in_order,
    faq_decision_from_parse_data,
    may_be_own_pain,
    question_answers_from_parse_data,
    red_flags_set_aside,
    second_question_from_parse_data,
)
from actions.unclear import (
    MAX_ANSWERS_PER_MESSAGE,
    answer_other_questions,
    answered_faq_just_before,
    checkin_corrections,
    previous_turn_replies,
    say_what_was_told,
    still_about_another_part,
    still_about_the_scope_before,
)
from clinic.booking.choices import asks_to_switch_clinician
from clinic.booking.manage_requests import asks_booking_status, booking_task_told
from clinic.faq.activities import (
    EXERCISE_TOPICS,
    NOT_EXERCISE,
    activity_asked_about,
    asks_how_much_exercise,
    asks_what_i_have,
)
from clinic.faq.answer_choice import (
    Answer,
    Clarify,
    Fallback,
)
from clinic.faq.catalogue import RESPONSE_PREFIX, FaqCatalogue
from clinic.faq.comparison import (
    MEDICINE_ANSWERS,
    asks_comparison,
    asks_how_linked,
    compared_conditions,
    compares_medicines,
    conditions_each_asked_about,
)
from clinic.faq.condition_topics import asks_what_each_is, topic_named
from clinic.faq.followups import (
    CORE_MUSCLES,
    DAILY_FUNCTION,
    EXERCISE_BENEFITS,
    LONGEST_FOLLOWUP_WORDS,
    NOT_COVERED,
    OTC_MEDICATION,
    SPECIALIST_CONSULTATION,
    SYMPTOMS_TO_REPORT,
    TREATMENT_OPTIONS,
    WHEN_TO_SEE_SPECIALIST,
    answers_about_a_named_condition,
    asks_about_surgery,
    asks_if_serious,
    asks_only_beyond_the_guide,
    asks_what_it_is,
    asks_why_of_the_answer,
    classify_followup,
    contextual_followup,
    followup_key,
    is_bare_complaint,
    is_elliptical,
    last_clause,
    only_asks_what_helps,
    question_parts,
    sentences,
    uncovered_topic,
)
from clinic.scope import COVERED_CONDITIONS, another_joint_too, compares_conditions
from clinic.triage.ordinary_pain import (
    tells_a_passing_nerve_symptom,
    tells_only_a_passing_nerve_symptom,
)
from clinic.triage.red_flags import names_a_warning_sign, read_red_flags, tells_own_pain_and_asks
from clinic.triage.severity import asks_about_the_scale
from clinic.triage.symptoms import names_a_nerve_symptom, only_tells_symptoms, reported_symptoms
from clinic.wording import (
    asks_about_emergency_signs,
    asks_for_a_summary,
    asks_if_it_counts,
    asks_if_someone_else_can_come,
    asks_what_if_worse,
    is_question,
    only_asks_what_to_do,
    question_put_first,
    says_no_pain,
)

_SIGN_WORDS = re.compile(r"\b(?:signs?|red\s+flags?|symptoms?)\b", re.IGNORECASE)
MATCH_SLOT = "faq_match"


class FaqMatch:
    """Values of the `faq_match` slot, which the FAQ rules branch on."""

    CLEAR = "clear"
    UNCLEAR = "unclear"
    NO_MATCH = "no_match"
    FOLLOWUP = "followup"
    OWN_PAIN = "own_pain"


def _comparison(tracker: Tracker, catalogue: FaqCatalogue) -> tuple[str, str] | None:
    """The two article conditions the latest message compares, when both have answers.

    A comparison naming only one condition is about the one answered just before. "What
    is spinal stenosis and what is osteoarthritis?" asks about two as well, without
    comparing them.
    """
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    previous = (
        tracker.get_slot(LAST_FAQ_SLOT) if answered_faq_just_before(list(tracker.events)) else None
    )
    if previous not in COVERED_CONDITIONS:
        # "What is stenosis and can exercise help?", then "is it the same as sciatica?": the
        # condition answered in the last reply, before the exercise answer after it.
        previous = next(
            (
                key
                for reply in previous_turn_replies(list(tracker.events))
                if reply.startswith(RESPONSE_PREFIX)
                and (key := reply[len(RESPONSE_PREFIX) :]) in COVERED_CONDITIONS
            ),
            previous,
        )
    pair = compared_conditions(
        text, conditions_from_parse_data(latest), previous
    ) or conditions_each_asked_about(text, condition_mentions(latest))
    if pair is None or not all(key in catalogue for key in pair):
        return None
    return pair


def _checkin_for_the_story(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The check-in, after the answer, for a question told with the story of the pain.

    "I have pain in my back since 6 weeks, my hand is numb sometimes, what should I do?"
    gets the answer and then the check-in, which reads the story from this message: the
    patient's own symptoms are what it is for.
    """
    text = str((tracker.latest_message or {}).get("text") or "")
    if tracker.active_loop.get("name") or not tells_own_pain_and_asks(text, date.today()):
        return []
    if says_no_pain(text):
        # "I don't actually have any back pain myself yet, could I come in for advice on
        # prevention?": no pain to ask about.
        return []
    if tracker.get_slot("triage_outcome") and not checkin_corrections(tracker, text):
        # The check-in's result was given already and nothing in it is corrected: the
        # answer is enough; the result and the booking offer are not said again.
        return []
    return start_checkin(dispatcher, text)


def _later_questions(text: str) -> list[str]:
    """The message's questions after its first ("What is it, and will it get worse?")."""
    return question_parts(text)[1:]


def _asks_beyond_the_guide(text: str, key: str, catalogue: FaqCatalogue) -> bool:
    """Whether another question of the message asks what the guide does not cover.

    "Is surgery necessary or can exercise help?", "does losing weight help, and what about
    exercise": the answer given is one question's; the other is not left as answered.
    """
    questions = question_parts(text)
    return len(questions) > 1 and any(
        contextual_followup(question, key, catalogue) == NOT_COVERED for question in questions
    )


def _asks_beyond_the_condition(text: str, key: str, catalogue: FaqCatalogue) -> bool:
    """Whether the one question's last clause asks what the guide does not say of it.

    "My mum has degenerative disc disease, is that something that runs in families?"
    """
    parts = question_parts(text)
    if len(parts) != 1:
        return False
    asked = last_clause(parts[0])
    if _WHAT_CAUSES_IT.search(asked) or asks_what_it_is(asked):
        # "And the osteoarthritis, what causes that?": the condition's answer says how it
        # comes about.
        return False
    return asked != parts[0] and contextual_followup(asked, key, catalogue) == NOT_COVERED


def _later_followup(text: str, key: str | None, catalogue: FaqCatalogue) -> str | None:
    """Another answer a later question leans on the first for ("... and will it get worse?")."""
    for question in _later_questions(text):
        target = contextual_followup(question, key, catalogue)
        if target in catalogue and target != key:
            return target
    return None


_EVERYDAY_TASKS = re.compile(
    r"\b(?:shopping|groceries|stairs|housework|chores|hoover\w*|vacuum\w*|carry\w*"
    r"|everyday\s+(?:tasks|things|life)|daily\s+(?:tasks|activities|life)"
    # "Does exercise prevent future injuries?": the answer that says it lowers the risk.
    r"|prevent\w*\s+(?:\w+\s+){0,2}injur\w*|(?:future|further|new)\s+(?:back\s+)?injur\w*)\b",
    re.IGNORECASE,
)
_HOW_EXERCISE_HELPS = re.compile(
    r"\bhow\s+(?:does|do|can|would)\s+(?:exercise|exercising|exercises|working\s+out|movement)\s+"
    r"(?:\w+\s+)?(?:help|reduce|ease|relieve|work|improve)\b",
    re.IGNORECASE,
)


_WHY_A_SPECIALIST = re.compile(
    r"\bwhy\s+(?:do|would|should|does|did)\s+(?:i|we|he|she|they|anyone|people)\s+(?:even\s+|really\s+)?"
    r"(?:need|see|go\s+to|bother\s+with)\s+(?:a\s+|the\s+|your\s+)?(?:specialists?|consultants?)\b",
    re.IGNORECASE,
)


# The core, in patients' words too: "strong abs", "tummy muscles", "stomach muscles".
_CORE = re.compile(
    r"\bcore\b|\babs\b|\babdominals?\b|\b(?:tummy|stomach|belly|abdominal)\s+muscles?\b",
    re.IGNORECASE,
)
# "Can back pain get worse if I just ignore it?": what leaving it does, which the answer on
# a specialist's help speaks to (getting help early stops minor issues becoming serious).
_LEFT_ALONE = re.compile(
    r"\b(?:ignor\w*|leave\s+it|left\s+(?:it\s+)?(?:alone|untreated)|untreated|do\s+nothing"
    r"|wait\s+(?:it\s+out|and\s+see))\b",
    re.IGNORECASE,
)


def _named_by_its_words(text: str, keys: tuple[str, ...]) -> str | None:
    """The one answer among `keys` whose subject the question names in so many words."""
    if DAILY_FUNCTION in keys and _EVERYDAY_TASKS.search(text):
        return DAILY_FUNCTION
    if EXERCISE_BENEFITS in keys and _HOW_EXERCISE_HELPS.search(text):
        return EXERCISE_BENEFITS
    if CORE_MUSCLES in keys and _CORE.search(text):
        # "Are core exercises good or bad for lower back?"
        return CORE_MUSCLES
    if TREATMENT_OPTIONS in keys and only_asks_what_helps(text):
        # "wat helps lower bak pain": how back pain is treated, the guide's whole list.
        return TREATMENT_OPTIONS
    if SPECIALIST_CONSULTATION in keys and _LEFT_ALONE.search(text):
        return SPECIALIST_CONSULTATION
    if WHEN_TO_SEE_SPECIALIST in keys and _WHEN_TO_BE_SEEN.search(text):
        # "How do I know if my back pain is bad enough to see a doctor?"
        return WHEN_TO_SEE_SPECIALIST
    return None


_WHEN_TO_BE_SEEN = re.compile(
    r"\b(?:bad|serious|severe|long)\s+enough\s+(?:to\s+)?(?:see|go\s+to|visit|book)\b"
    r"|\bwhen\s+(?:should|do|must|would)\s+(?:i|you|we|someone)\s+(?:go\s+and\s+)?(?:see|go\s+to)\s+"
    r"(?:a|the|my)\s+(?:doctor|specialist|gp)\b",
    re.IGNORECASE,
)


_WHAT_CAUSES_IT = re.compile(
    r"\bwhat\s+(?:causes|caused|is\s+the\s+cause\s+of)\s+(?:it|that|this|them)\b", re.IGNORECASE
)


def _the_condition_asked_what_it_is(
    tracker: Tracker, text: str, catalogue: FaqCatalogue
) -> str | None:
    """The one covered condition a message names when its only question asks what it is."""
    if tracker.active_loop.get("name"):
        return None
    named = covered_conditions(tracker.latest_message or {})
    if len(named) != 1:
        return None
    condition = next(iter(named))
    parts = question_parts(text) or [text]
    asked = len(parts) == 1 and (
        asks_what_it_is(parts[0])
        or _WHAT_CAUSES_IT.search(parts[0])
        # "Is the tingling sciatica?": no diagnosis, but what the guide says it is.
        or asks_what_i_have(parts[0])
    )
    return condition if asked and condition in catalogue else None


def _asked_in_order(tracker: Tracker, catalogue: FaqCatalogue) -> list[str]:
    """The answers each question of the message clearly asks for, in the order asked."""
    asked = question_answers_from_parse_data(tracker.latest_message or {})
    return [key for key in asked if key in catalogue][:MAX_ANSWERS_PER_MESSAGE]


_WHICH_MUSCLES = re.compile(r"\b(?:which|what)\s+(?:muscles?|muscle\s+groups?)\b", re.IGNORECASE)
_OTHER_CONDITION_DECLINED = "utter_scope_other_condition"
# A word the declined condition shares with one the guide covers, said without the rest of
# the covered one's name: "stenosis", not "spinal stenosis"; "arthritis", not
# "osteoarthritis".
_BARE_LOOK_ALIKE = re.compile(
    r"(?<!spinal\s)\bstenosis\b|(?<!osteo)(?<!osteo-)\barthritis\b", re.IGNORECASE
)


_ASKS_IF_THE_CLINIC_TREATS = re.compile(
    r"\b(?:do|does|can|could|will)\s+(?:you|u|ya|the\s+clinic|your\s+clinic|your\s+(?:doctors"
    r"|specialists|team))(?:\s+(?:guys|lot|all|people))?\s+(?:treat|see|deal\s+with|help\s+with"
    r"|handle|look\s+at|do\s+anything\s+(?:for|about))\b",
    re.IGNORECASE,
)


HERNIATED_DISC = "herniated_disc"
_BULGING_DISC = re.compile(r"\bbulg\w*\s+dis[ck]s?\b|\bdis[ck]s?\s+bulg\w*", re.IGNORECASE)
_HERNIATED = re.compile(r"\bhernia\w*|\bslipp?ed\b|\bprolaps\w*|\bruptur\w*", re.IGNORECASE)


_IN_THE_BACK = re.compile(r"\b(?:in|of)\s+(?:my|the|his|her)\s+(?:lower\s+)?(?:back|spine)\b", re.I)
_OWN_COVERED_LOOK_ALIKE = re.compile(
    r"\b(?:my|i\s+have|i'?ve\s+got|i\s+got|diagnosed\s+with|says?)\b[^.!?]{0,30}"
    r"\b(?:spinal\s+stenosis|lumbar\s+(?:spinal\s+)?stenosis|osteo-?arthritis)\b",
    re.IGNORECASE,
)


def _about_their_own_back(text: str, events: list[dict[str, Any]]) -> bool:
    """Whether a bare "stenosis" or "arthritis" is the writer's own back's.

    "The arthritis in my back", or the covered condition told earlier as their own ("my
    MRI says lumbar spinal stenosis"): not the relative's look-alike declined just before.
    """
    if _IN_THE_BACK.search(text):
        return True
    said = [str(event.get("text") or "") for event in events if event.get("event") == "user"]
    return any(_OWN_COVERED_LOOK_ALIKE.search(message) for message in said[:-1])


def _only_asks_about(activity: str, text: str) -> bool:
    """Whether every sentence that asks something asks about `activity`."""
    parts = re.split(
        r"(?<=[?.!])\s+|\s+(?=(?:and|but|also)\s+(?:should|can|could|is|do|does|will)\b)", text
    )
    asked = [
        part for part in parts if is_question(part) or re.match(r"^\W*(?:and|but|also)\b", part)
    ]
    return all(activity_asked_about(part) == activity for part in asked)


def _answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, catalogue: FaqCatalogue, key: str | None
) -> list[EventType]:
    """Say the answer for `key`, or that we cannot answer when the key is unknown."""
    entry = catalogue.get(key)
    if entry is None:
        dispatcher.utter_message(response="utter_cannot_answer")
        return []
    text = str((tracker.latest_message or {}).get("text") or "")
    activity = activity_asked_about(text)
    if (
        activity is not None
        and activity in NOT_EXERCISE
        and entry.key not in COVERED_CONDITIONS
        # ("Is a chiropractor the same as physical therapy?" names the answer it wants.)
        and topic_named(text) != entry.key
        # ("Heat or ice? and should I keep moving": the second question is the answer's.)
        and _only_asks_about(activity, text)
        and (treatments := catalogue.get(TREATMENT_OPTIONS)) is not None
    ):
        # "Does a TENS machine help?", "does acupuncture work?": a treatment the guide does
        # not name; after saying so, the treatments it does name, not the exercise or
        # physiotherapy answer the words lean on.
        entry = treatments
    after_a_decline = _OTHER_CONDITION_DECLINED in previous_turn_replies(list(tracker.events))
    if _ASKS_IF_THE_CLINIC_TREATS.search(text) and (
        entry.key in COVERED_CONDITIONS or entry.key == TREATMENT_OPTIONS
    ):
        # "Do u treat sciatica?": yes, the clinic sees it; what the guide says follows.
        dispatcher.utter_message(response="utter_clinic_sees_back_conditions")
    if (
        entry.key == HERNIATED_DISC
        and _BULGING_DISC.search(text)
        # "Bulging disc vs herniated disc, what's the difference?": the guide has one.
        and (not _HERNIATED.search(text) or compares_conditions(text))
    ):
        # "What does bulging disc mean, doc mentioned it": close to a herniated disc but not
        # the same; the guide's answer is said to be about the one it describes.
        dispatcher.utter_message(response="utter_bulging_disc_note")
    elif entry.key in COVERED_CONDITIONS and compares_conditions(text) and after_a_decline:
        # "So is it the same thing as spinal stenosis?" right after aortic stenosis was
        # declined: that the guide cannot compare them, so the answer is not read as a yes.
        dispatcher.utter_message(response="utter_scope_other_condition_compared")
    elif (
        after_a_decline
        and _BARE_LOOK_ALIKE.search(text)
        and not _about_their_own_back(text, list(tracker.events))
    ):
        # "But is exercise good for stenosis in general?" right after aortic stenosis was
        # declined: the answer is the back's, said so, not the heart's.
        dispatcher.utter_message(response="utter_about_the_back_only")
    elif (
        activity is not None
        and (
            entry.key in EXERCISE_TOPICS
            or (activity in NOT_EXERCISE and entry.topic == "treatment")
        )
        # Once a turn, however many answers follow it.
        and not activity_noted(dispatcher)
    ):
        # "Even deadlifts?": the general answer alone would read as a yes to them.
        dispatcher.utter_message(response="utter_activity_not_covered", activity=activity)
    # What the answer alone would read as answering more than it does (how much, work, a
    # cure, a medicine the guide does not name) is said by `say_answer` on every path.
    say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


_OPENS_WITH_NO = re.compile(r"^\W*(?:no|nope|nah|none|not\s+really)\b", re.IGNORECASE)


def _asks_for_particular_exercises(text: str) -> bool:
    """Whether the message asks for a list of exercises, which the guide does not give.

    "What exercises should I do for sciatica, give me a list": the guide's answer on
    exercise, said with the note that it names no particular ones, not "Did you mean".
    """
    return uncovered_topic(text) == "which particular stretches or exercises to do"


# "That's what my physio thinks I have", "that is exactly what the GP said": the answer
# just given, pointed back to.
_POINTS_TO_THE_ANSWER = re.compile(
    r"^\W*(?:ok\W+|oh\W+)?(?:that'?s|thats|that\s+is|this\s+is)\s+(?:exactly\s+)?what\b",
    re.IGNORECASE,
)


class ActionMatchFaq(Action):
    """Gate on the specific answer: clear, unclear (ask), or no match (fall back)."""

    def name(self) -> str:
        """Named in the FAQ rules, which branch on the `faq_match` slot it sets."""
        return "action_match_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Set `faq_match`; when the answer is unclear, ask "Did you mean...?" with buttons.

        Outside a form, two more outcomes: `followup` for a question that leans on the
        answer just given ("what about exercise?"), and `own_pain` for a bare complaint
        ("back pain") that the classifier also read as the patient's own pain, which
        starts the check-in.
        """
        catalogue = FaqCatalogue.from_domain(domain)
        latest = tracker.latest_message or {}
        text = str(latest.get("text") or "")
        pair = _comparison(tracker, catalogue)
        if pair is not None:
            # The slot keeps the first; the answer action says both and ends on the second.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, pair[0])]
        if tracker.get_slot("requested_slot") == "nerve_symptoms" and (
            only_tells_symptoms(text)
            # "nope, nothing like that, just stiff": the question answered with a no.
            or (_OPENS_WITH_NO.match(text) is not None and not is_question(text))
        ):
            # The check-in's symptom question answered in the article's words: no answer
            # to give and nothing to ask; the form reads it.
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if tracker.get_slot("requested_slot") in (
            "booking_confirmed",
            "chosen_slot_id",
        ) and asks_to_switch_clinician(text):
            # "Oh wait she's a physio? I'd rather see a consultant, same day": the switch,
            # which the booking form makes, not what physiotherapy is.
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if (
            tracker.active_loop.get("name") == "booking_form"
            and tracker.get_slot("reschedule_from")
            and asks_booking_status(text)
        ):
            # "Remind me when it is at the moment? Anyway a Wednesday afternoon would be
            # better", while moving a booking: the booking form says when it is now.
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if tracker.get_slot("requested_slot") == "pain_severity" and asks_about_the_scale(text):
            # "What does 10 mean?" while asked for a score: the scale is explained, no FAQ.
            dispatcher.utter_message(response="utter_explain_pain_scale")
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if not tracker.active_loop.get("name"):
            if (elsewhere := still_about_another_part(tracker)) is not None:
                # "Ok. Should I ice it tho?" right after the knee was said to be the
                # clinic's, not the guide's: still the knee, whose reply is said again.
                dispatcher.utter_message(response=elsewhere)
                return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
            if tells_only_a_passing_nerve_symptom(text):
                # "My leg went to sleep from sitting cross-legged, fine now. Is that bad
                # for my back?": said plainly, with when to see someone; no pain to check.
                dispatcher.utter_message(response="utter_passing_nerve_symptom")
                return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
            if still_about_the_scope_before(tracker):
                # "Are stretches safe then?" right after the pregnancy reply: the same
                # advice again (from the decline), not the adult article's answer.
                return [SlotSet(MATCH_SLOT, FaqMatch.NO_MATCH)]
            last_key = tracker.get_slot(LAST_FAQ_SLOT)
            parts = sentences(text)
            if (
                len(parts) == 2
                and _POINTS_TO_THE_ANSWER.match(parts[0])
                and answered_faq_just_before(list(tracker.events))
                and contextual_followup(parts[1], last_key, catalogue) is not None
            ):
                # "That's what the physio at work thinks I have. Is that serious??": a
                # follow-up to the answer just given, whatever the story's words suggest.
                return [SlotSet(MATCH_SLOT, FaqMatch.FOLLOWUP)]
            if (
                (is_elliptical(text) or asks_why_of_the_answer(text))
                and answered_faq_just_before(list(tracker.events))
                and contextual_followup(text, last_key, catalogue) is not None
            ):
                return [SlotSet(MATCH_SLOT, FaqMatch.FOLLOWUP)]
            if is_bare_complaint(text) and may_be_own_pain(latest):
                return [SlotSet(MATCH_SLOT, FaqMatch.OWN_PAIN)]
        decision = faq_decision_from_parse_data(latest, catalogue.topics())
        condition = _the_condition_asked_what_it_is(tracker, text, catalogue)
        if condition is not None and not (
            isinstance(decision, Answer) and decision.key in COVERED_CONDITIONS
        ):
            # "My physio mentioned sciatia, what actualy is that", "my sister has
            # osteoarthritis ... what causes it?": what the one condition named is (its
            # answer says how it comes about), not the physiotherapy its story mentions.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, condition)]
        in_order = covered_conditions_in_order(latest)
        if len(in_order) == 1 and in_order[0] in catalogue and question_put_first(text) is not None:
            # "hi i want to book an appointment, actually no wait, first can you tell me if
            # osteoarthritis can affect the back": the condition the question is about,
            # not the booking the message starts with.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, in_order[0])]
        if (
            len(in_order) > 1
            and (asks_what_each_is(text) or asks_how_linked(text))
            and in_order[0] in catalogue
        ):
            # "My letter mentions spinal stenosis and osteoarthritis. Could you explain what
            # each of those is?": each, in the order named (the answer action says them).
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, in_order[0])]
        if not isinstance(decision, Answer) and asks_if_someone_else_can_come(text):
            # "My dad was in a car crash years ago and now has back pain, can he see your
            # specialist?": yes, with how to book, rather than "Did you mean".
            give_contact(dispatcher, "utter_others_can_book")
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if (
            not tracker.active_loop.get("name")
            and isinstance(decision, Answer)
            and len(text.split()) > LONGEST_FOLLOWUP_WORDS
            and asks_only_beyond_the_guide(text)
        ):
            # "Does it get better? Ive had it 6 years, every day 7 or 8 out of 10": the one
            # question is beyond the guide, whatever answer the story is nearest; said so,
            # then the check-in for the story.
            dispatcher.utter_message(response="utter_not_covered")
            story = _checkin_for_the_story(dispatcher, tracker)
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR), *story]
        if (
            isinstance(decision, Clarify)
            and decision.keys[0] in EXERCISE_TOPICS
            and (asks_how_much_exercise(text) or _asks_for_particular_exercises(text))
        ):
            # "How many times a week should I do back exercises?": the guide gives no
            # amounts, which is said with its answer on exercise, rather than asking which
            # of its exercise answers was meant.
            decision = Answer(decision.keys[0])
        if (
            isinstance(decision, Clarify)
            and not tracker.active_loop.get("name")
            and only_asks_what_to_do(text)
            and tells_own_pain_and_asks(text, date.today())
        ):
            # "... lately my legs feel weak when I walk a long way. What does the clinic
            # suggest?": the check-in's result answers it, from the story told.
            return [SlotSet(MATCH_SLOT, FaqMatch.OWN_PAIN)]
        if (
            isinstance(decision, Clarify)
            and is_elliptical(text)
            and (named_topic := topic_named(text)) in catalogue
        ):
            # "What about medicines?" after the list of topics: the topic it names, in the
            # fewest words, not "Did you mean" between its neighbours.
            decision = Answer(str(named_topic))
        if isinstance(decision, Clarify) and (
            preferred := _named_by_its_words(text, decision.keys)
        ):
            # "My back hurts when I carry shopping bags or go up the stairs. Can exercise
            # help with that?": everyday tasks, which one answer is about; "how does
            # exercise actually reduce back pain?": how exercise helps.
            decision = Answer(preferred)
        if (
            isinstance(decision, Clarify)
            and (uncovered_topic(text) is not None or activity_asked_about(text) in NOT_EXERCISE)
            # Not when the message's own questions each have an answer, given in turn.
            and len(question_answers_from_parse_data(latest)) < 2
        ):
            # "Chiropractor vs physical therapy?": the guide names no chiropractor, which is
            # said with the nearest answer it has.
            # "Will losing weight help my back pain?": the guide leaves weight out, which is
            # said with the nearest answer it has, rather than asking which answer was meant.
            decision = Answer(decision.keys[0])
        if (
            (
                (isinstance(decision, Answer) and decision.key == WHEN_TO_SEE_SPECIALIST)
                # "... 2 months n i get pins n needles. do i need 2 see sum1 or nah": torn
                # between when to be seen and what to report, and the story answers it.
                or (isinstance(decision, Clarify) and WHEN_TO_SEE_SPECIALIST in decision.keys)
            )
            and not tracker.active_loop.get("name")
            and (met := criteria_met_so_far(tracker, text))
        ):
            if asks_only_beyond_the_guide(text):
                # "No I mean how many weeks till the sciatica goes away": not whether to be
                # seen, which a yes would read as answering; the guide does not say.
                dispatcher.utter_message(response="utter_not_covered")
                return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
            # "So 5 weeks means I should?", "after 2 years should I be seeing one of your
            # specialists?": a yes from what the patient told, with the booking offered,
            # rather than the general guidance again.
            dispatcher.utter_message(response="utter_criterion_met_offer", triage_reasons=met)
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        if (
            isinstance(decision, Answer)
            and not tracker.active_loop.get("name")
            and decision.key == tracker.get_slot(LAST_FAQ_SLOT)
            and answered_faq_just_before(list(tracker.events))
            and reported_symptoms(text) is not None
        ):
            # "Ok, I do get pins and needles in my right foot sometimes, does that matter?"
            # right after the answer on what to mention: the same answer again would not
            # help; the check-in asks about it, and its result says what it means.
            return [SlotSet(MATCH_SLOT, FaqMatch.OWN_PAIN)]
        if (
            isinstance(decision, Answer)
            and not tracker.active_loop.get("name")
            and decision.key == tracker.get_slot(LAST_FAQ_SLOT)
            and answered_faq_just_before(list(tracker.events))
            and contextual_followup(text, decision.key, catalogue) not in (None, decision.key)
        ):
            # "What kind of exercise?" right after the exercise answer: the same answer
            # again would not answer it; the follow-up's own answer does.
            return [SlotSet(MATCH_SLOT, FaqMatch.FOLLOWUP)]
        if (
            not isinstance(decision, Fallback)
            and _WHY_A_SPECIALIST.search(text)
            and SPECIALIST_CONSULTATION in catalogue
        ):
            # "Why do I need a specialist if I can just stretch at home?": what a
            # specialist's look adds, not the answer on stretching its words are near.
            return [
                SlotSet(MATCH_SLOT, FaqMatch.CLEAR),
                SlotSet(LAST_FAQ_SLOT, SPECIALIST_CONSULTATION),
            ]
        if isinstance(decision, Answer) and decision.key in catalogue:
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, decision.key)]
        if (
            isinstance(decision, Clarify)
            and not tracker.active_loop.get("name")
            and answered_faq_just_before(list(tracker.events))
            and contextual_followup(text, tracker.get_slot(LAST_FAQ_SLOT), catalogue) is not None
        ):
            # "Should I see someone about the disc or just do exercises?" right after the
            # disc's answer: the follow-up has its answer, no "did you mean" needed.
            return [SlotSet(MATCH_SLOT, FaqMatch.FOLLOWUP)]
        asked = _asked_in_order(tracker, catalogue)
        if isinstance(decision, Clarify) and len(asked) > 1 and set(asked) & set(decision.keys):
            # "What is sciatica, ... and can I exercise with it?": the choices are the
            # message's own questions, each of which clearly has its answer; both are given.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, asked[0])]
        named = covered_conditions(tracker.latest_message or {})
        parts = (
            answers_about_a_named_condition(text, named.pop(), catalogue) if len(named) == 1 else []
        )
        if isinstance(decision, Clarify) and len(parts) > 1 and set(parts) & set(decision.keys):
            # "Degenerative disc disease: what is it and does exercise help with it?": the
            # choices are among the questions asked of the one condition named; each is
            # answered, the condition first.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, parts[0])]
        if (
            isinstance(decision, Clarify)
            and compares_medicines(text)
            and set(decision.keys) & {*MEDICINE_ANSWERS, TREATMENT_OPTIONS}
        ):
            # "What kind of medicine helps back pain?": what the guide says of each kind.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, OTC_MEDICATION)]
        if (
            isinstance(decision, Clarify)
            and CORE_MUSCLES in decision.keys
            and _WHICH_MUSCLES.search(text)
        ):
            # "Which muscles should I be strengthening?": the answer that names them.
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, CORE_MUSCLES)]
        activity = activity_asked_about(text)
        if (
            isinstance(decision, Clarify)
            and activity in NOT_EXERCISE
            and TREATMENT_OPTIONS in catalogue
        ):
            # "Is massage or a chiropractor good for back pain?": a treatment the guide does
            # not name; the answer says so, then the treatments it does name.
            return [
                SlotSet(MATCH_SLOT, FaqMatch.CLEAR),
                SlotSet(LAST_FAQ_SLOT, TREATMENT_OPTIONS),
            ]
        if (
            isinstance(decision, Clarify)
            and activity is not None
            and activity not in NOT_EXERCISE
            and set(decision.keys) & EXERCISE_TOPICS
        ):
            # "What about cycling then?": the guide names no sport; the answer says so,
            # then what it says of exercise nearest the question, with no "did you mean".
            key = nearest_exercise_answer(latest)
            return [SlotSet(MATCH_SLOT, FaqMatch.CLEAR), SlotSet(LAST_FAQ_SLOT, key)]
        if isinstance(decision, Clarify) and ask_did_you_mean(dispatcher, decision.keys, catalogue):
            return [SlotSet(MATCH_SLOT, FaqMatch.UNCLEAR)]
        return [SlotSet(MATCH_SLOT, FaqMatch.NO_MATCH)]


class ActionAnswerFaq(Action):
    """Give the answer `action_match_faq` found clear, with the "did this help?" buttons."""

    def name(self) -> str:
        """Named in the rule for a clear answer outside the forms (inside, `utter_faq` says it)."""
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Answer the FAQ in `last_faq_key`, which `action_match_faq` has just set.

        A message that asks a second question ("what is sciatica and how is it treated?")
        gets its answer too, after the first; it is then the answer follow-ups are about.
        A comparison of two conditions gets what the article says about each.
        """
        catalogue = FaqCatalogue.from_domain(domain)
        text = str((tracker.latest_message or {}).get("text") or "")
        pair = _comparison(tracker, catalogue)
        before: str | None
        key: str | None
        if pair is not None:
            if asks_comparison(text) and pair[0] in COVERED_CONDITIONS:
                dispatcher.utter_message(response="utter_comparison_intro")
            before, key = pair
        else:
            before = tracker.get_slot(LAST_FAQ_SLOT)
            second = second_question_from_parse_data(tracker.latest_message or {})
            asks_two = before in catalogue and second in catalogue and second != before
            key = second if asks_two else before
            asked_first = next(
                (
                    asked
                    for asked in question_answers_from_parse_data(tracker.latest_message or {})
                    if asked in catalogue and asked != before
                ),
                None,
            )
            if not asks_two and asked_first is not None:
                # "1) is this a herniated disc? 2) ... 3) can I take ibuprofen?": the
                # question the message was answered for is one of several; another that
                # clearly has an answer gets it first, in the order asked.
                before, key = asked_first, before
            elif not asks_two and (later := _later_followup(text, before, catalogue)):
                # "What is osteoarthritis, and is it going to get worse?": the second
                # question leans on the first answer, and is answered after it.
                key = later
        keys = list(dict.fromkeys(k for k in (before, key) if k is not None))
        asked = _asked_in_order(tracker, catalogue)
        if pair is not None and (more := [k for k in asked if k not in keys]):
            # "What's the difference between a herniated disc and degenerative disc
            # disease? And does exercise help with either?": both, then the question after.
            keys = [*keys, more[0]]
        named = covered_conditions_in_order(tracker.latest_message or {})
        linked = pair is None and len(named) > 1 and asks_how_linked(text) and before in named
        if linked:
            # "Does a herniated disc cause sciatica?": what the guide says of each, and
            # that it does not say how they are linked.
            keys = named[:2]
        elif pair is None and keys == [before] and before in named and asks_what_each_is(text):
            # "My MRI report says degenerative disc disease and some osteoarthritis. What do
            # those mean?": each, in the order named.
            keys = named[:MAX_ANSWERS_PER_MESSAGE]
        if pair is None and before in asked and len(asked) > 1:
            # "What is sciatica, how long does it last and can I exercise with it?": each
            # question that clearly has an answer gets it, in the order asked.
            keys = asked
        if compares_medicines(text) and set(keys) & {*MEDICINE_ANSWERS, TREATMENT_OPTIONS}:
            # "Prescription or over the counter?": what the guide says of each, in turn,
            # rather than the general answer about treatment.
            keys = [k for k in keys if k not in (*MEDICINE_ANSWERS, TREATMENT_OPTIONS)]
            keys += list(MEDICINE_ANSWERS)
        if keys:
            before, key = keys[0], keys[-1]
        if SYMPTOMS_TO_REPORT in keys and asks_for_a_summary(text):
            # "What I told you just now, the pain score and the tingling. What should I say
            # to him?": what they told, put together, before what the guide says to mention.
            say_what_was_told(dispatcher, tracker)
        for earlier in keys[:-1]:
            # The earlier answers, without feedback buttons: those come once, at the end.
            if (entry := catalogue.get(earlier)) is not None:
                say_entry(dispatcher, text, entry)
        events = _answer(dispatcher, tracker, catalogue, key)
        if linked:
            dispatcher.utter_message(
                response="utter_topic_not_covered", topic="how the two are linked"
            )
        if (
            (
                SYMPTOMS_TO_REPORT in keys
                and (
                    red_flags_set_aside(tracker.latest_message or {})
                    or asks_about_emergency_signs(text)
                )
            )
            # "What are the warning signs that it's getting dangerous? like what should
            # make me go to A&E": when to be seen routinely is not all either.
            or (WHEN_TO_SEE_SPECIALIST in keys and asks_about_emergency_signs(text))
            # "Can a slipped disc ever affect your bladder?": what the condition is, then
            # the warning signs and where to go with them.
            or (
                key in COVERED_CONDITIONS and names_a_warning_sign(text) and asks_if_it_counts(text)
            )
        ) and is_question(text):
            # "What does cauda equina mean? My physio said to watch for it": the routine
            # list of what to mention is not all; the warning signs and where to go are.
            dispatcher.utter_message(response="utter_warning_signs")
        beyond = key is not None and key == before and _asks_beyond_the_guide(text, key, catalogue)
        if beyond:
            # "What is spinal stenosis? Could it run in families?": the second question
            # is not left as if it had been answered.
            dispatcher.utter_message(response="utter_other_question_not_covered")
        elif (
            key in COVERED_CONDITIONS
            and not linked
            and _asks_beyond_the_condition(text, key, catalogue)
        ):
            # "My mum has degenerative disc disease, is that something that runs in
            # families?": what the guide says of the condition, and that it does not say that.
            dispatcher.utter_message(response="utter_question_not_covered")
            beyond = True
        elif (
            key in COVERED_CONDITIONS
            and not tracker.get_slot("triage_outcome")
            and any(asks_if_serious(part) for part in question_parts(text))
        ):
            # "The physio said my discs are 'degenerating'. Is that serious?": what the
            # guide says of it, then when to be seen and when not to wait.
            dispatcher.utter_message(response="utter_urgency_advice")
            beyond = True
        elif another_joint_too(text, body_parts_from_parse_data(tracker.latest_message or {})):
            # "Osteoarthritis in my back and my knees also hurt, what can I do for both?":
            # the answer is the back's; the other joint is the clinic's, not the guide's.
            dispatcher.utter_message(response="utter_other_joint_too")
            beyond = True
        elif asks_about_surgery(text) and not any(
            message.get("response") in NOT_COVERED_REPLIES for message in dispatcher.messages
        ):
            # "Herniated disc: do I need surgery or will exercise fix it?": the answer on
            # exercise would read as a yes; the operation is beyond the guide, said so.
            dispatcher.utter_message(response="utter_topic_not_covered", topic="surgery")
            beyond = True
        elif (topic := uncovered_topic(text)) is not None and not any(
            message.get("response") in ANSWER_CAVEATS | NOT_COVERED_REPLIES
            for message in dispatcher.messages
        ):
            # "Will losing weight help my back along with exercise?", "is degenerative disc
            # disease genetic?": the answer the guide has, and that it leaves that part out.
            dispatcher.utter_message(response="utter_topic_not_covered", topic=topic)
            beyond = True
        elif (
            key in COVERED_CONDITIONS
            and is_question(text)
            and names_a_nerve_symptom(text)
            and (report := catalogue.get(SYMPTOMS_TO_REPORT)) is not None
            and not tracker.active_loop.get("name")
        ):
            # "Does sciatica cause weakness in the leg?": what the condition is, and that
            # such a symptom is one to tell a specialist about.
            say_answer(dispatcher, tracker, report)
            events = [*events, SlotSet(LAST_FAQ_SLOT, report.key)]
        answer_other_questions(
            dispatcher,
            tracker,
            said_not_covered=beyond,
            # `_answer` has said the guide does not name the activity, before the answer.
            answered_exercise=key in EXERCISE_TOPICS,
        )
        offer_unanswered_questions(dispatcher, tracker.latest_message or {}, catalogue)
        if not tracker.active_loop.get("name") and booking_task_told(text) is not None:
            # "I have appointment JPC-ZZ11AA, I want to change to other day, and is swimming
            # good?": the answer, then the booking's change, which reads this message.
            return [*events, FollowupAction("action_start_manage_booking")]
        return [*events, *_checkin_for_the_story(dispatcher, tracker)]


class ActionAnswerChosenFaq(Action):
    """Give the answer the patient picked from a button."""

    def name(self) -> str:
        """Named in the rule for the `choose_faq` intent."""
        return "action_answer_chosen_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Answer the `faq_key` the button carried; an unknown key is declined kindly."""
        key = next(tracker.get_latest_entity_values("faq_key"), None)
        return _answer(dispatcher, tracker, FaqCatalogue.from_domain(domain), key)


class ActionAnswerFollowup(Action):
    """Answer "what can I do about it?" or "tell me more" from the previous answer."""

    def name(self) -> str:
        """Named in the rule for the `ask_followup` intent."""
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Find the fitting answer, or list the topics when there is no context."""
        catalogue = FaqCatalogue.from_domain(domain)
        text = str((tracker.latest_message or {}).get("text") or "")
        elsewhere = still_about_another_part(tracker)
        if elsewhere is not None:
            # "What exercises should I do for it?" about the shoulder: not the back's.
            dispatcher.utter_message(response=elsewhere)
            return []
        if _after_the_child_reply(tracker) and still_about_the_scope_before(tracker):
            # "Ok so what should we do then" after the child reply: still the child, whose
            # back pain a doctor should see; not the adults' answer.
            dispatcher.utter_message(response="utter_scope_child_again")
            return []
        last_key = tracker.get_slot(LAST_FAQ_SLOT)
        key = contextual_followup(text, last_key, catalogue)
        if key == NOT_COVERED:
            # "And medication? will I need surgery": the part the guide answers is answered,
            # and the other said to be beyond it.
            answered = [
                found
                for part in question_parts(text)
                if (found := contextual_followup(part, last_key, catalogue))
                not in (None, NOT_COVERED)
            ]
            if answered:
                events = _answer(dispatcher, tracker, catalogue, answered[0])
                dispatcher.utter_message(response="utter_other_question_not_covered")
                return events
            dispatcher.utter_message(response="utter_not_covered")
            return []
        if key is None:
            key = followup_key(classify_followup(text), last_key, catalogue)
        if key is None:
            dispatcher.utter_message(response="utter_capabilities")
            return []
        if key in MEDICINE_ANSWERS and compares_medicines(text):
            # "And tablets? Over the counter or do I need a prescription": what the guide
            # says of each, in turn, as for the same question asked first.
            for earlier in MEDICINE_ANSWERS[:-1]:
                if (entry := catalogue.get(earlier)) is not None:
                    say_entry(dispatcher, text, entry)
            key = MEDICINE_ANSWERS[-1]
        return _answer(dispatcher, tracker, catalogue, key)


_CHILD_REPLIES = frozenset(
    {"utter_scope_child", "utter_scope_child_again", "utter_scope_child_urgency"}
)


def _after_the_child_reply(tracker: Tracker) -> bool:
    """Whether the assistant's last reply was about a child's back pain."""
    return bool(_CHILD_REPLIES.intersection(previous_turn_replies(list(tracker.events))))


class ActionAnswerUrgency(Action):
    """Whether it is urgent: about the answer just given, or about the patient.

    Right after an FAQ answer, a short "is that serious?" is about that topic and gets the
    follow-up answer; otherwise the urgency advice, which follows what the check-in found.
    """

    def name(self) -> str:
        """Named in the rules for the `ask_if_urgent` intent, outside a form and inside one."""
        return "action_answer_urgency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The follow-up answer after an answer, else `utter_urgency_advice`."""
        text = str((tracker.latest_message or {}).get("text") or "")
        if asks_what_if_worse(text):
            # "What if my leg gets worse before Monday?": who to call meanwhile, and when
            # not to wait.
            dispatcher.utter_message(response="utter_if_it_gets_worse")
            return []
        elsewhere = still_about_another_part(tracker)
        if elsewhere is not None:
            # "Is it dangerous?" right after aortic stenosis was declined: about that
            # condition, which the guide does not cover, not the back's warning signs.
            dispatcher.utter_message(response=elsewhere)
            return []
        catalogue = FaqCatalogue.from_domain(domain)
        last_key = tracker.get_slot(LAST_FAQ_SLOT)
        if answered_faq_just_before(list(tracker.events)) and (
            contextual_followup(text, last_key, catalogue) is not None
        ):
            return await ActionAnswerFollowup().run(dispatcher, tracker, domain)
        if tracker.get_slot("scope_reason") == "child" and _after_the_child_reply(tracker):
            # "Is that urgent or can it wait till next week?" about the child just spoken
            # of: a doctor soon, and when not to wait; not the advice for adults.
            dispatcher.utter_message(response="utter_scope_child_urgency")
            return []
        reading = read_red_flags(text)
        if tells_a_passing_nerve_symptom(text) and not reading.now:
            # "My leg went a bit numb after sitting cross-legged, fine after a minute. Is
            # that serious?": not a warning sign, said plainly, with when to see someone.
            dispatcher.utter_message(response="utter_passing_nerve_symptom")
            return []
        names_a_sign = bool(reading.set_aside)
        if (names_a_sign and (asks_about_emergency_signs(text) or asks_if_it_counts(text))) or (
            asks_about_emergency_signs(text) and _SIGN_WORDS.search(text)
        ):
            # "Hypothetically, if I lost bladder control, would that be an emergency?": the
            # signs, not "it doesn't sound like an emergency" from the check-in's result.
            dispatcher.utter_message(response="utter_warning_signs")
            return []
        dispatcher.utter_message(response="utter_urgency_advice")
        if tracker.active_loop.get("name") == "symptom_checkin_form":
            # "10/10 ... is that serious?" in the middle of the check-in: what its answers
            # so far already say, before its next question.
            say_criterion_met(dispatcher, tracker)
        return []
