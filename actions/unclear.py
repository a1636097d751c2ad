"""Replies when the assistant cannot answer: a follow-up read in context, else a kind decline.

A short question right after an answer ("is it serious?", "and medication?") is read
against that answer (clinic/faq/followups.py). Anything else gets the decline the caller
names; when the turn before was not helped either, the clinic's phone and hours come
instead, so a patient is never left going round in circles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.checkin_slots import criteria_met_so_far, summary_from_tracker
from actions.checkin_start import start_checkin
from actions.contact import contact_details, give_contact
from actions.did_you_mean import NOT_COVERED_REPLIES, offer_unanswered_questions, offered_keys
from actions.feedback import (
    LAST_FAQ_SLOT,
    activity_noted,
    say_activity_answer,
    say_answer,
    say_entry,
)
from actions.free_slots import clinic_now
from actions.manage_tasks import task_asked_before
from actions.parse_data import (
    conditions_from_parse_data,
    covered_conditions,
    covered_conditions_in_order,
    faq_decision_from_parse_data,
    may_be_own_pain,
    other_questions_from_parse_data,
    question_answers_from_parse_data,
    red_flags_set_aside,
)
from clinic.booking.choices import asks_what_is_free, names_someone
from clinic.booking.manage_requests import (
    asks_how_to_change_later,
    asks_if_told,
    asks_to_find_without_reference,
    asks_what_happens_next,
)
from clinic.booking.preferences import parse_time_preference
from clinic.booking.references import find_reference
from clinic.faq.activities import (
    EXERCISE_TOPICS,
    NOT_EXERCISE,
    activity_asked_about,
    asks_how_much_exercise,
    asks_what_i_have,
    other_painkiller_named,
)
from clinic.faq.answer_choice import Answer
from clinic.faq.catalogue import RESPONSE_PREFIX, FaqCatalogue, FaqEntry
from clinic.faq.comparison import compared_conditions
from clinic.faq.condition_topics import asks_what_each_is, topic_named
from clinic.faq.followups import (
    NOT_COVERED,
    PRESCRIPTION_MEDICATION,
    SPECIALIST_CONSULTATION,
    SYMPTOMS_TO_REPORT,
    WHEN_TO_SEE_SPECIALIST,
    answers_about_a_named_condition,
    asks_about_surgery,
    asks_beyond_the_guide,
    asks_for_a_yes,
    asks_for_advice,
    asks_if_it_gets_worse,
    asks_if_serious,
    asks_if_they_should_be_seen,
    asks_whether_to_work,
    asks_which_ones,
    asks_why_of_the_answer,
    contextual_followup,
    is_bare_complaint,
    is_elliptical,
    last_clause,
    question_parts,
    sentences,
    uncovered_topic,
)
from clinic.faq.inbox import UNANSWERED_REPLIES
from clinic.scope import (
    COVERED_CONDITIONS,
    about_back_care,
    named_by_its_own_name,
    not_the_back_after_all,
    says_a_child_is_the_patient,
    says_it_is_not_a_child,
)
from clinic.triage.duration import parse_duration_days
from clinic.triage.ordinary_pain import tells_only_a_passing_nerve_symptom
from clinic.triage.red_flags import (
    describes_own_back_pain,
    mentions_back_pain,
    names_a_warning_sign,
    tells_of_a_past_episode,
    tells_own_pain_and_asks,
    tells_someones_story,
)
from clinic.triage.severity import stated_severity
from clinic.triage.symptoms import (
    NONE_REPORTED,
    names_a_nerve_symptom,
    reported_symptoms,
    stated_symptoms,
)
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import (
    THANKS_WORDS,
    about_someone_else,
    asks_about_emergency_signs,
    asks_about_the_service,
    asks_about_the_visit,
    asks_for_a_summary,
    asks_for_contact_details,
    asks_if_it_counts,
    asks_if_someone_else_can_come,
    asks_in_some_sentence,
    asks_out_of_hours,
    asks_to_book,
    asks_to_continue,
    asks_what_helps_meanwhile,
    asks_what_if_no_better,
    asks_what_if_worse,
    asks_whether_to_book,
    complains_about_the_clinic,
    current_story,
    ends_with_goodbye,
    is_question,
    only_asks_what_to_do,
    says_goodbye,
    speaks_of_self,
    told_parts,
    worries_about_the_heart,
)

UNHELPFUL_RESPONSES = UNANSWERED_REPLIES
"""Replies that did not help; after one of them, the next unhelpable turn offers a person.
The same list the staff inbox counts as unanswered (clinic/faq/inbox.py)."""


_ANNOUNCES_QUESTION = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|good\s+\w+)\W+)?(?:(?:so|ok|okay|um+|erm)\W+)?"
    r"(?:i\s+(?:have|'ve\s+got|got|had)\s+(?:a|one|some|another|a\s+few)\s+(?:quick\s+|small\s+|little\s+)?"
    r"(?:q|questions?|query|queries)\b"
    r"|(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:a|something|some|another)\b"
    r"|quick\s+(?:q|question)\b"
    r"|i\s+(?:need|want|would\s+like)\s+(?:some\s+)?(?:advice|help|info\w*)\b)",
    re.IGNORECASE,
)
MAX_ANNOUNCEMENT_WORDS = 10
_THANKS = re.compile(
    r"^\W*(?:ok(?:ay)?\W+|oh\W+|well\W+)?(?:" + THANKS_WORDS + r"|many\s+thanks)\b",
    re.IGNORECASE,
)
# "Can you not just tell me some stretches?" right after the reply about a child: the
# article's adult advice is still not for the child.
_ABOUT_SOMEONE = re.compile(
    r"\b(she|he|her|him|his|they|them|their|kid|child|son|daughter)\b", re.I
)


def _utter_action(event: Mapping[str, Any]) -> str:
    return str((event.get("metadata") or {}).get("utter_action") or "")


def user_message_before(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The patient's message before the latest one, as its event ({} if there is none)."""
    users = [event for event in events if event.get("event") == "user"]
    return users[-2] if len(users) >= 2 else {}


def previous_turn_replies(events: list[dict[str, Any]]) -> list[str]:
    """The response names the assistant gave to the patient's previous message."""
    return recent_replies(events, 1)


def replies_since_the_message(events: list[dict[str, Any]]) -> list[str]:
    """The response names said since the patient's latest message ("" for a plain text)."""
    said: list[str] = []
    for event in reversed(events):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            said.append(_utter_action(event))
    return said


def recent_replies(events: list[dict[str, Any]], turns: int) -> list[str]:
    """The response names the assistant gave to the `turns` messages before this one."""
    user_turns = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if len(user_turns) < 2:
        return []
    start = user_turns[max(0, len(user_turns) - 1 - turns)]
    return [
        _utter_action(event)
        for event in events[start + 1 : user_turns[-1]]
        if event.get("event") == "bot"
    ]


def answered_faq_just_before(events: list[dict[str, Any]]) -> bool:
    """Whether the previous message was answered about the topic still being talked about.

    An article answer counts, and so does the honest "our guide doesn't cover that" to a
    follow-up about it: "is it serious?", "will it go away?", "and medication?" keep to the
    same topic.
    """
    return any(
        name.startswith("utter_faq/") or name == "utter_not_covered"
        for name in previous_turn_replies(events)
    )


# "What should they do then?", "where do I go?", "then what?": asked of the reply before.
_WHAT_TO_DO = re.compile(
    r"\bwhat\s+(?:should|do|does|can|shall|must|would|could)\s+"
    r"(?:i|we|they|he|she|you|someone|somebody|one|people)\s+do\b"
    r"|\bwhere\s+(?:should|do|does|would|can|shall)\s+(?:i|we|they|he|she|you|someone)\s+go\b"
    r"|\bthen\s+what\b|\bwhat\s+then\b|\bwho\s+(?:should|do)\s+(?:i|we|they|he|she)\s+call\b",
    re.IGNORECASE,
)
_WHAT_NOW = re.compile(
    r"\bwhat\s+(?:should|do|can|shall|must)\s+i\s+do\b|\bwhat\s+(?:now|next)\b"
    r"|\bwhat\s+happens\s+(?:now|next)\b|\bwhat\s+do\s+you\s+(?:think|suggest|recommend)\b"
    # "So I don't need an appointment?", "do I need to come in then?"
    r"|\b(?:do|don'?t|dont|do\s+not)\s+(?:i|we)\s+need\s+(?:an?\s+|to\s+)?"
    r"(?:appointment|appt|book|see|come|consultation|specialist)"
    r"|\b(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+need\s+(?:an?\s+|to\s+)?"
    r"(?:appointment|appt|book|see|come|consultation|specialist)[^.!]*\?",
    re.IGNORECASE,
)
CHECKIN_OUTCOMES = ("utter_consultation_recommended", "utter_self_care")
_WHY_OUTCOME = {
    "utter_consultation_recommended": "utter_why_consultation",
    "utter_self_care": "utter_why_self_care",
}


MAX_DURATION_WORDS = 8
_HELP_WITH_BACK_PAIN = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya|morning|evening)\W+)?(?:can|could|do)\s+(?:you|u)\s+"
    r"(?:help|do\s+anything)\s+(?:me\s+)?(?:with|for|about)\s+(?:my\s+|a\s+)?(?:bad\s+|sore\s+)?"
    r"(?:lower\s+|upper\s+)?back(?:\s+pain|\s+ache)?\W*$",
    re.IGNORECASE,
)


def _checkin_left_unfinished(tracker: Tracker, domain: dict[str, Any]) -> bool:
    """Whether the check-in was started and left with questions still to answer.

    "like i said, carry on with the questions" after a safety question in between.
    """
    form = domain.get("forms", {}).get("symptom_checkin_form") or {}
    slots = form.get("required_slots") or []
    started = any(
        event.get("event") == "active_loop" and event.get("name") == "symptom_checkin_form"
        for event in tracker.events
    )
    return (
        started
        and not tracker.active_loop.get("name")
        and not tracker.get_slot("triage_outcome")
        and any(tracker.get_slot(slot) is None for slot in slots)
    )


def _checkin_outcome_before(tracker: Tracker) -> str | None:
    """The check-in's result, if one of the last two messages was answered with it.

    "Not now" to the offer of a booking may come between: "Sorry I make mistake before.
    Pain is since 5 weeks, not 5 days" still corrects the result.
    """
    replies = recent_replies(list(tracker.events), 2)
    return next((name for name in CHECKIN_OUTCOMES if name in replies), None)


_DURATION_WORDS = re.compile(
    r"\d|\b(?:days?|weeks?|wks?|months?|years?|yrs?|since|fortnight|yesterday|ages)\b", re.I
)


_NOT_NOW = re.compile(
    r"\b(?:any\s*more|no\s+longer|not\s+now|do\s*n'?t\s+have|dont\s+have|haven'?t\s+got"
    r"|gone\s+now|years\s+ago)\b",
    re.IGNORECASE,
)
_CORRECTING = re.compile(
    r"\b(?:only|actually|meant|confused|wrong|i\s+said|not)\b|\blol\b", re.IGNORECASE
)
_NOT_SEVERE = re.compile(
    r"\b(?:not|isn'?t|isnt|wasn'?t)\s+(?:that\s+|very\s+|really\s+)?(?:severe|bad|serious)\b"
    r"|\b(?:just|only)\s+(?:a\s+bit\s+)?(?:sore|stiff|achy|aching)\b",
    re.IGNORECASE,
)
NOT_SEVERE_SCORE = 4
"""The score a pain said to be "not severe, just sore" is taken as: below the severe line."""


# Where a symptom is felt, put right: "I said the left foot but it is actually my right foot".
_LIMB = r"(?:foot|feet|leg|legs|arm|arms|hand|hands|side|thigh|calf|toes?|fingers?)"
_PLACE_PUT_RIGHT = re.compile(
    r"\b(?:actually|i\s+(?:said|meant|mean)|sorry|not\s+(?:the|my))\b[^.?!]*\b(?:left|right|both)\s+"
    + _LIMB
    + r"\b|\b(?:left|right)\s+"
    + _LIMB
    + r"\b[^.?!]{0,40}\b(?:actually|i\s+meant)\b",
    re.IGNORECASE,
)


def _told_a_nerve_symptom(tracker: Tracker) -> bool:
    symptoms = tracker.get_slot("nerve_symptoms") or {}
    return isinstance(symptoms, dict) and any(
        symptoms.get(name) for name in ("numbness", "tingling", "weakness")
    )


def _correction_after_the_result(tracker: Tracker, text: str) -> list[EventType]:
    """The check-in answers a message right after its result corrects, or [].

    A nerve symptom said to be long past or gone, or a new length of time said as a
    correction ("the back ache only started last weekend lol").
    """
    if tracker.active_loop.get("name"):
        return []
    if _checkin_outcome_before(tracker) is not None:
        return checkin_corrections(tracker, text)
    if tracker.get_slot("triage_outcome") == "self_care" and not about_someone_else(text):
        # "actually wait, i just noticed my left foot feels a bit tingly since yesterday"
        # some answers after the self-care result: a nerve symptom newly told changes it.
        return [
            event
            for event in checkin_corrections(tracker, text)
            if event.get("name") == "nerve_symptoms"
        ]
    return []


def _symptoms_told(tracker: Tracker) -> Any:
    """The nerve symptoms the check-in holds, as it read them.

    The slot's entity mapping sets the bare word ("tingling") from each new message that
    names a symptom; what the check-in read is the last value that was its reading.
    """
    value = tracker.get_slot("nerve_symptoms")
    if isinstance(value, dict):
        return value
    for event in reversed(tracker.events):
        if (
            event.get("event") == "slot"
            and event.get("name") == "nerve_symptoms"
            and isinstance(event.get("value"), dict)
        ):
            return event["value"]
    return value or {}


def checkin_corrections(tracker: Tracker, text: str) -> list[EventType]:
    """The check-in's answers a message corrects, once they have all been given, or [].

    A nerve symptom said to be long past or gone, or one remembered late ("oh wait, my
    left leg goes a bit numb"); a pain said not to be severe; a new length of time said
    as a correction ("the back ache only started last weekend lol").
    """
    events: list[EventType] = []
    symptoms = _symptoms_told(tracker)
    has_symptom = isinstance(symptoms, dict) and any(
        symptoms.get(name) for name in ("numbness", "tingling", "weakness")
    )
    if (
        has_symptom
        and names_a_nerve_symptom(text)
        and (_NOT_NOW.search(text) or tells_of_a_past_episode(text))
    ):
        events.append(SlotSet("nerve_symptoms", dataclasses.asdict(NONE_REPORTED)))
    elif not has_symptom and (told := reported_symptoms(text)) is not None:
        events.append(SlotSet("nerve_symptoms", dataclasses.asdict(told)))
    score = stated_severity(text)
    if score is None and _NOT_SEVERE.search(text):
        score = NOT_SEVERE_SCORE  # "it's not severe, it's just sore now": moderate at most
    if (
        score is not None
        and _CORRECTING.search(text)
        and score != tracker.get_slot("pain_severity")
    ):
        events.append(SlotSet("pain_severity", score))
    # Not "what can I do tonight to ease it?": a time in a question is no length of pain.
    days = parse_duration_days(told_parts(text), dt.date.today())
    if (
        days is not None
        and _CORRECTING.search(text)
        and not names_a_nerve_symptom(text)
        and days != tracker.get_slot("pain_duration_days")
    ):
        events.append(SlotSet("pain_duration_days", days))
    return events


def only_a_duration(text: str) -> bool:
    """A short statement of how long ("about 6 weeks", "since march").

    Not a question that happens to name a time ("who won the match last night").
    """
    parts = sentences(text)
    return (
        (
            len(text.split()) <= MAX_DURATION_WORDS
            # "like 2 wks. wait no its been since bonfire night so like a month": each
            # sentence a short one about how long.
            or (
                len(parts) > 1
                and all(
                    len(part.split()) <= 2 * MAX_DURATION_WORDS and _DURATION_WORDS.search(part)
                    for part in parts
                )
            )
        )
        and not is_question(text)
        and bool(_DURATION_WORDS.search(text))
        and parse_duration_days(text, dt.date.today()) is not None
    )


# "Oh, a few months I suppose. But you didn't answer me about the walks.": a sentence of
# a few words that says only how long, however the message goes on.
_SHORTEST_OPENING = 6


def _opens_with_a_duration(text: str) -> bool:
    """Whether the message's first sentence is only how long ("Oh, a few months I suppose.")."""
    parts = sentences(text)
    first = parts[0]
    return len(parts) > 1 and len(first.split()) <= _SHORTEST_OPENING and only_a_duration(first)


_HAVING_IT = re.compile(
    r"\b(?:had|having|have|got|suffer\w*|started|began|hurt\w*|pain\w*|ach\w*)\b", re.IGNORECASE
)


def _own_story(text: str) -> bool:
    """How long or how bad the pain is, the patient's or a relative's, even with a question.

    After an answer about back pain, "I've had it for 5 weeks, is that long enough?" and
    "he says 3 out of 10, so wait?" are about the pain the check-in is for; "I read about
    it two weeks ago" is not.
    """
    someone_else = about_someone_else(text)
    story = current_story(text, someone_else=someone_else)
    if stated_severity(story) is not None:
        return someone_else or speaks_of_self(text)
    return (
        speaks_of_self(text)
        and bool(_HAVING_IT.search(text))
        and parse_duration_days(story, dt.date.today()) is not None
    )


_PAIN_WORD = re.compile(r"\b(?:pain|ache|aches|aching|hurts?|hurting|sore)\b", re.IGNORECASE)
_OWN_BACK = re.compile(
    r"\b(?:i|i'm|im|i've|ive|me)\b|\bmy\s+(?:lower\s+|upper\s+)?back\b", re.IGNORECASE
)
_SEE_SOMEONE = re.compile(
    r"\b(?:see|visit|go\s+to|need|consult)\s+(?:a\s+|the\s+|my\s+)?"
    r"(?:doctor|gp|specialist|physio\w*|someone|clinic)\b"
    r"|\b(?:doctor|specialist|gp)\s+(?:necessary|needed)\b",
    re.IGNORECASE,
)


def asks_whether_to_see_someone_about_own_back(text: str) -> bool:
    """Whether the patient asks if their own back pain needs a doctor: the check-in's job.

    For example "my back hurts since two weeks, is need to see doctor?".

    The whole message is a question, so it is not read as a story of one's own pain, and
    the classifier may be torn between that and the FAQ; the check-in answers it for this
    patient, where the FAQ would only answer in general.
    """
    return bool(_SEE_SOMEONE.search(text) and mentions_back_pain(text) and _OWN_BACK.search(text))


MAX_SCOPE_FOLLOWUP_WORDS = 16


def _is_short(text: str) -> bool:
    return len(text.split()) <= MAX_SCOPE_FOLLOWUP_WORDS


# "It's probably just the bag though, isn't it": a question said as a statement.
_TAG_QUESTION = re.compile(
    r"\b(?:isn'?t|isnt|is\s+it|right|innit|surely|probably)\b", re.IGNORECASE
)


_REFERS_BACK = re.compile(r"\b(?:it|that|this|them|those|they)\b", re.IGNORECASE)
_ELSEWHERE_REPLIES = ("utter_scope_other_joint", "utter_scope_other_condition")


# "What are the core muscles?", "what is physio?": a thing named and asked about, not "it".
_ASKS_WHAT_A_THING_IS = re.compile(
    r"\bwhat\s+(?:is|are|'s)\s+(?:the\s+|a\s+|an\s+)?(?!it\b|that\b|this\b|they\b|those\b|them\b"
    r"|these\b|best\b|the\s+best\b|good\b|safe\b|ok\b)[a-z]{3,}",
    re.IGNORECASE,
)
# What only the guide's own answers are about: "ok and the core muscles, which are they";
# "does moving help stiffness?", which its answer on joints says of any joint.
_GUIDE_WORDS = re.compile(
    r"\b(?:core|abdominal|oblique|obliques)\s*(?:muscles?)?\b|\bstiff(?:ness)?\b|\blubricat\w*",
    re.IGNORECASE,
)


_LONGEST_FOLLOWUP_ELSEWHERE = 25
"""Words a follow-up to the reply about another joint may have: "cool. should i ice it or use
heat? and can i keep training, race is in 5 weeks" is still about the knee."""


def still_about_another_part(tracker: Tracker) -> str | None:
    """The scope reply to give again, or None.

    A short follow-up right after it ("what exercises should I do for it?") is still about
    the joint or condition the guide does not cover; one that names the back ("and for my
    back?") is about the back.
    """
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    replies = previous_turn_replies(list(tracker.events))
    said = next((reply for reply in _ELSEWHERE_REPLIES if reply in replies), None)
    if said is None or len(text.split()) > _LONGEST_FOLLOWUP_ELSEWHERE:
        return None
    # "Can I still go to the gym?" after the knee: a short question naming nothing new
    # is about the knee too, as much as "what exercises should I do for it?".
    names_a_covered_condition = bool(covered_conditions(latest))
    if not (_REFERS_BACK.search(text) or (is_question(text) and not names_a_covered_condition)):
        return None
    if (
        _ASKS_WHAT_A_THING_IS.search(text) and not _REFERS_BACK.search(text)
    ) or _GUIDE_WORDS.search(text):
        # "What are the core muscles?" after the reply about another condition: a question
        # of its own about what the guide explains, not about that condition.
        return None
    if mentions_back_pain(text) or re.search(r"\bback\b", text, re.IGNORECASE):
        return None
    if asks_for_contact_details(text) or asks_about_the_service(text) or asks_out_of_hours(text):
        # "Do u do weekends?": about the clinic, which its team's details answer.
        return None
    if _quotes_an_earlier_message(text, list(tracker.events)):
        # "It says 'mild' - is that nothing to worry about?", 'mild' from the MRI report
        # told before the other condition came up: about what the report said.
        return None
    return said


_QUOTED = re.compile(r"['\"\u2018\u201c]([^'\"\u2019\u201d]{2,40})['\"\u2019\u201d]")


def _quotes_an_earlier_message(text: str, events: list[dict[str, Any]]) -> bool:
    """Whether words quoted in `text` come from a message before the previous one.

    And not from the previous message, which brought up what the guide does not cover.
    """
    quoted = [found.lower() for found in _QUOTED.findall(text)]
    said = [
        str(event.get("text") or "").lower() for event in events if event.get("event") == "user"
    ]
    if not quoted or len(said) < 3:
        return False
    previous, earlier = said[-2], said[:-2]
    return any(
        words not in previous and any(words in message for message in earlier) for words in quoted
    )


def still_about_the_scope_before(tracker: Tracker) -> bool:
    """Whether the message follows the child or pregnancy reply and is still about it.

    After the child reply, a message about "him" or "her", or a short question ("it's
    probably just the bag, isn't it?"); after the pregnancy reply, a short question about
    medicines or exercise ("what about stretches then, are they safe?"); "what actually is
    sciatica, so I know what the midwife means" is answered, as information, not advice.
    """
    text = str((tracker.latest_message or {}).get("text") or "")
    replies = previous_turn_replies(list(tracker.events))
    if "utter_scope_child" in replies:
        if says_it_is_not_a_child(text):
            # "My son is 45, I'm asking about MY back", "there is no child".
            return False
        # "Ok so what should we do then": what to do for the child, no question mark.
        return bool(_ABOUT_SOMEONE.search(text)) or (
            _is_short(text)
            and bool(
                asks_for_advice(text)
                or is_question(text)
                or _TAG_QUESTION.search(text)
                or _WHAT_TO_DO.search(text)
            )
            and not asks_for_contact_details(text)
        )
    if still_about_another_part(tracker) is not None:
        return True
    if medicine_reply_still_about(tracker) is not None:
        return True
    return _still_about_the_pregnancy(replies, text)


def pregnancy_told_before(tracker: Tracker) -> bool:
    """Whether the pregnancy reply was given earlier in the conversation."""
    return any(
        _utter_action(event) == "utter_scope_pregnancy"
        for event in tracker.events
        if event.get("event") == "bot"
    )


def _still_about_the_pregnancy(replies: Iterable[str], text: str) -> bool:
    """A short question about medicines or exercise right after the pregnancy reply."""
    return "utter_scope_pregnancy" in replies and _is_short(text) and asks_for_advice(text)


# Replies about a medicine beside a health condition or a prescription, after which a short
# medicine question ("so what can I take instead, paracetamol?") is still about them.
_MEDICINE_SCOPE_REPLIES = (
    "utter_scope_health_condition",
    "utter_scope_prescription",
    "utter_scope_medicine_use",
)
_MEDICINE_WORDS = re.compile(
    # (Not "how long does it take to go away": how long, not a medicine taken.)
    r"\b(?:take(?!\s+(?:to\s+\w+|long|ages|a\s+while|time|weeks|months))|taking"
    r"|paracetamol|ibuprofen|naproxen|aspirin|co-?codamol|codeine|tablets?|pills?"
    r"|painkillers?|medicines?|medication|meds|gel|cream|instead)\b",
    re.IGNORECASE,
)


def medicine_reply_still_about(tracker: Tracker) -> str | None:
    """The medicine reply just given, when a short question about a medicine follows it."""
    text = str((tracker.latest_message or {}).get("text") or "")
    if not (_is_short(text) and _MEDICINE_WORDS.search(text)):
        return None
    replies = previous_turn_replies(list(tracker.events))
    return next((reply for reply in _MEDICINE_SCOPE_REPLIES if reply in replies), None)


def answer_in_context(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType] | None:
    """Answer a short question about the answer just given, if the message is one.

    Returns the events to apply (the topic now talked about), or None if it is not one.
    """
    text = str((tracker.latest_message or {}).get("text") or "")
    after_answer = answered_faq_just_before(list(tracker.events)) or (
        # "It says 'mild', is that nothing to worry about?" after the reply about another
        # condition, quoting the report told before it: about the answer given then.
        "utter_scope_other_condition" in previous_turn_replies(list(tracker.events))
        and _quotes_an_earlier_message(text, list(tracker.events))
    )
    after_checkin = _checkin_outcome_before(tracker) is not None
    catalogue = FaqCatalogue.from_domain(domain)
    topic = topic_named(text) if is_elliptical(text) else None
    if topic is not None and not covered_conditions(tracker.latest_message or {}):
        # "And physiotherapy?", "and the exercises?" after any reply: the topic's answer.
        entry = catalogue.get(topic)
        if entry is not None:
            say_answer(dispatcher, tracker, entry)
            return [SlotSet(LAST_FAQ_SLOT, entry.key)]
    named = covered_conditions(tracker.latest_message or {})
    if is_elliptical(text) and len(named) == 1:
        # "And the herniated one?" after the answer about another condition, "ok so what
        # about osteoarthritis then" after the reply about another condition: its answer.
        entry = catalogue.get(named.pop())
        if entry is not None:
            say_answer(dispatcher, tracker, entry)
            return [SlotSet(LAST_FAQ_SLOT, entry.key)]
    if not after_answer and not after_checkin:
        return None
    if after_answer and asks_for_a_yes(text):
        # "So that's a yes, keep playing?": no general answer is a yes for one's own back.
        dispatcher.utter_message(response="utter_no_yes_or_no")
        return []
    # After the check-in's result, "will it go away?" is about the patient's own pain,
    # which the advice on when to see a specialist is about.
    about = tracker.get_slot(LAST_FAQ_SLOT) if after_answer else WHEN_TO_SEE_SPECIALIST
    outcome = _checkin_outcome_before(tracker)
    if outcome is not None and not after_answer and asks_why_of_the_answer(text):
        # "Why tho?" after the check-in's result: the reasons it was drawn from.
        dispatcher.utter_message(response=_WHY_OUTCOME[outcome])
        return []
    if outcome is not None and not after_answer and asks_if_serious(text):
        # "Is numb toes bad tho" after the check-in's result: what it found, as urgency advice.
        dispatcher.utter_message(response="utter_urgency_advice")
        in_order = covered_conditions_in_order(tracker.latest_message or {})
        if in_order and asks_what_i_have(text) and (entry := catalogue.get(in_order[0])):
            # "It is dangerous? Maybe it is hernia of disc like my brother have?": that only
            # a specialist can say, and what the guide says of the condition.
            say_answer(dispatcher, tracker, entry)
            return [SlotSet(LAST_FAQ_SLOT, entry.key)]
        return []
    if _is_short(text) and (topic := uncovered_topic(text)) is not None:
        # "Should I just rest in bed till it goes?": what the guide leaves out, said so,
        # rather than the answer before it again.
        dispatcher.utter_message(response="utter_topic_not_covered", topic=topic)
        return []
    target = contextual_followup(text, about, catalogue)
    if after_checkin and not after_answer and target == WHEN_TO_SEE_SPECIALIST:
        # "Is it serious?": what the check-in found, said as urgency advice.
        dispatcher.utter_message(response="utter_urgency_advice")
        return []
    if target == NOT_COVERED:
        dispatcher.utter_message(response="utter_not_covered")
        return []
    entry = catalogue.get(target)
    if entry is None:
        return None
    say_answer(dispatcher, tracker, entry)
    activity = activity_asked_about(text)
    if activity is not None and entry.key not in EXERCISE_TOPICS:
        # "... And would gardening still be good for me?": not left as if answered.
        dispatcher.utter_message(response="utter_activity_question_not_covered", activity=activity)
    if entry.key != SPECIALIST_CONSULTATION and any(
        asks_if_it_gets_worse(later) for later in sentences(text)[1:]
    ):
        # "Is that serious? Will I end up in a wheelchair?": how one's own back will go is
        # beyond the guide, and not left as if the first answer had answered it.
        dispatcher.utter_message(response="utter_whether_it_gets_worse")
    elif any(
        contextual_followup(later, about, catalogue) == NOT_COVERED for later in sentences(text)[1:]
    ):
        # "Is it serious? Will I need surgery?": the second is beyond the guide, and is
        # not left as if the first answer had answered it.
        dispatcher.utter_message(response="utter_other_question_not_covered")
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


def _asks_about_an_article_condition(tracker: Tracker) -> bool:
    """An unplaced question, outside the forms, naming a condition the article covers."""
    latest = tracker.latest_message or {}
    return (
        not tracker.active_loop.get("name")
        and (latest.get("intent") or {}).get("name") == "nlu_fallback"
        and is_question(str(latest.get("text") or ""))
        and bool(covered_conditions(latest))
    )


# "Oh sorry I meant osteoarthritis", "no, I mean sciatica": a few words correcting which
# condition was meant.
_MEANT = re.compile(r"\bi\s+mea(?:n|nt)\b|^\W*meant\b", re.IGNORECASE)
_LONGEST_CORRECTION = 8


def _condition_meant(tracker: Tracker) -> str | None:
    """The covered condition a short correction names, outside the forms, or None."""
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    named = covered_conditions(latest)
    if (
        tracker.active_loop.get("name")
        or len(named) != 1
        or not _MEANT.search(text)
        or len(text.split()) > _LONGEST_CORRECTION
    ):
        return None
    return next(iter(named))


MAX_ANSWERS_PER_MESSAGE = 2
_ASKS_OR_UNPLACED = frozenset({"faq", "nlu_fallback"})


_ASKS_THE_CLINIC = frozenset({"ask_clinic_info", "request_human"})


def answer_other_questions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    *,
    said_not_covered: bool = False,
    answered_exercise: bool = False,
) -> None:
    """Say what can be said of a message's questions no FAQ answers, after the answers.

    "... are you open on thursday evenings? can my mum still do yoga?": the clinic's hours
    and phone for the one, and that the guide does not cover the other, rather than
    leaving them as if they had been answered.
    """
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    other = other_questions_from_parse_data(latest)
    contact_given = any("phone" in message for message in dispatcher.messages)
    if (
        _ASKS_THE_CLINIC.intersection(other) or asks_for_contact_details(text)
    ) and not contact_given:
        give_contact(dispatcher, "utter_contact")
    noted = activity_noted(dispatcher)
    activity = None if answered_exercise or noted else activity_asked_about(text)
    if worries_about_the_heart(text):
        # "Is it my heart??": not for the guide to say, with when not to wait.
        dispatcher.utter_message(response="utter_heart_worry")
        said_not_covered = True
    # Of a message with several questions, any one the guide does not cover ("does the
    # weather make it worse, and why am I stiffer in the mornings?").
    parts = question_parts(text)
    # (A part for the team, "how much does a session cost", is theirs to answer, not beyond.)
    beyond = len(parts) > 1 and any(
        asks_beyond_the_guide(part) and not asks_about_the_visit(part) for part in parts
    )
    if any(asks_if_it_gets_worse(part) for part in parts or [text]) and not any(
        message.get("response") == f"{RESPONSE_PREFIX}{SPECIALIST_CONSULTATION}"
        for message in dispatcher.messages
    ):
        # "... will it get worse? and can I keep going to the gym": not left unanswered
        # beside the other answer, nor taken for a question beyond the guide.
        dispatcher.utter_message(response="utter_whether_it_gets_worse")
        said_not_covered = True
    topic = uncovered_topic(text)
    said = {str(message.get("response")) for message in dispatcher.messages}
    if activity is not None:
        # "... and can my mum with stenosis still do yoga?": the guide names no activity.
        dispatcher.utter_message(response="utter_activity_question_not_covered", activity=activity)
    elif ("out_of_scope" in other or beyond) and not said_not_covered:
        # "... and do I need an MRI scan?": beyond the guide, and said so; "other" only
        # beside an answer.
        answered = any(
            str(message.get("response") or "").startswith(RESPONSE_PREFIX)
            for message in dispatcher.messages
        )
        dispatcher.utter_message(
            response="utter_other_question_not_covered"
            if answered
            else "utter_question_not_covered"
        )
    elif (
        topic is not None
        and not said_not_covered
        and not NOT_COVERED_REPLIES.intersection(said)
        # "How long should back pain last before I see a specialist?": how long before
        # being seen is what that answer says.
        and f"{RESPONSE_PREFIX}{WHEN_TO_SEE_SPECIALIST}" not in said
    ):
        # "Can losing weight help my sciatica?", answered with what the guide says of
        # exercise: and that it leaves weight out, whichever way the answer was found.
        dispatcher.utter_message(response="utter_topic_not_covered", topic=topic)


def answer_each_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType]:
    """The answers to the questions of a message no single answer fits, each read alone.

    "What would they do there? And should I take ibuprofen?": the one that clearly has an
    answer gets it, rather than "I don't have an answer" to the whole message.
    """
    catalogue = FaqCatalogue.from_domain(domain)
    latest = tracker.latest_message or {}
    keys = question_answers_from_parse_data(latest)
    pair = compared_conditions(str(latest.get("text") or ""), conditions_from_parse_data(latest))
    if pair is not None and all(key in catalogue for key in pair):
        # "What's the difference between a herniated disc and DDD? Which is worse?": what
        # the guide says of each, whatever the classifier made of the rest.
        dispatcher.utter_message(response="utter_comparison_intro")
        keys = list(pair)
    named = covered_conditions(latest)
    if (
        not keys
        and len(named) == 1
        and (latest.get("intent") or {}).get("name") in _ASKS_OR_UNPLACED
    ):
        # "My doctor says I have osteoarthritis. What exactly is happening and can tablets
        # help?": the questions read as follow-ups to the condition the message names. A
        # message the classifier put out of scope stays there.
        keys = answers_about_a_named_condition(
            str(latest.get("text") or ""), named.pop(), catalogue
        )
    entries = [entry for key in keys if (entry := catalogue.get(key)) is not None]
    said = entries[:MAX_ANSWERS_PER_MESSAGE]
    for entry in said[:-1]:
        # Without the feedback buttons: those come once, under the last answer.
        say_entry(dispatcher, str(latest.get("text") or ""), entry)
    if said:
        say_answer(dispatcher, tracker, said[-1])
        answer_other_questions(
            dispatcher,
            tracker,
            answered_exercise=any(entry.key in EXERCISE_TOPICS for entry in said),
        )
        offer_unanswered_questions(dispatcher, latest, catalogue)
    # Follow-ups are about the answer said last.
    return [SlotSet(LAST_FAQ_SLOT, said[-1].key)] if said else []


def clear_faq_entry(parse_data: Mapping[str, Any], domain: dict[str, Any]) -> FaqEntry | None:
    """The FAQ answer a message's parse data clearly points to, or None."""
    catalogue = FaqCatalogue.from_domain(domain)
    decision = faq_decision_from_parse_data(parse_data, catalogue.topics())
    if not isinstance(decision, Answer):
        return None
    return catalogue.get(decision.key)


def answer_question_told_with_the_pain(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType]:
    """The answer to a question told with one's own pain, read as a follow-up.

    "I have sciatica. Will mine get worse?": no answer fits the whole message, which is
    the patient's own pain. Its question is read as a follow-up to the condition it names
    (or, naming none, to when to see a specialist): the answer the guide gives, or that
    the guide does not cover it, before the check-in starts.
    """
    latest = tracker.latest_message or {}
    named = covered_conditions(latest)
    about = next(iter(named)) if len(named) == 1 else WHEN_TO_SEE_SPECIALIST
    catalogue = FaqCatalogue.from_domain(domain)
    for sentence in sentences(str(latest.get("text") or "")):
        if not is_question(sentence):
            continue
        # "When I sneeze I get a sharp stab, is that something to worry about?": the
        # question is the sentence's last clause when the whole reads as no follow-up.
        target = contextual_followup(sentence, about, catalogue) or contextual_followup(
            last_clause(sentence), about, catalogue
        )
        if target == NOT_COVERED:
            dispatcher.utter_message(response="utter_question_not_covered")
            return []
        entry = catalogue.get(target)
        if entry is not None:
            say_entry(dispatcher, sentence, entry)
            return [SlotSet(LAST_FAQ_SLOT, entry.key)]
    return []


def say_patient_summary(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType]:
    """What the patient told the check-in, then the guide's list of what to mention.

    Nothing is said (and no events returned) when they told the check-in nothing.
    """
    entry = FaqCatalogue.from_domain(domain).get(SYMPTOMS_TO_REPORT)
    if entry is None or not say_what_was_told(dispatcher, tracker):
        return []
    say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


def say_what_was_told(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Say what the patient told the check-in, to pass on; whether there was anything."""
    summary = summary_from_tracker(tracker)
    if summary is not None:
        dispatcher.utter_message(response="utter_patient_summary", summary=summary)
    return summary is not None


def say_clear_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType]:
    """Say the FAQ answer the message's question clearly asks for, if there is one."""
    entry = clear_faq_entry(tracker.latest_message or {}, domain)
    if entry is None:
        return []
    text = str((tracker.latest_message or {}).get("text") or "")
    if (
        entry.key == WHEN_TO_SEE_SPECIALIST
        and not tracker.active_loop.get("name")
        and (met := criteria_met_so_far(tracker, text))
    ):
        # "Ok. So is that a yes? do I need a specialist", after the six weeks were told:
        # a yes from what the patient said, with the booking offered, as on the FAQ path.
        dispatcher.utter_message(response="utter_criterion_met_offer", triage_reasons=met)
    else:
        say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


CALLBACK_TAKEN = ("saved", "already")
CALLBACK_REPLIES = frozenset(
    {
        "utter_callback_requested",
        "utter_callback_requested_for_time",
        "utter_callback_already",
        "utter_callback_contact_changed",
        "utter_callback_time_noted",
    }
)
_ABOUT_THE_CALL = re.compile(
    r"\b(?:call|calls|calling|ring|rings|ringing|phone|email|e-mail|text)\b"
    r"|\b(?:are|is)\s+(?:they|you|anyone|someone|the\s+team)\s+(?:even\s+)?(?:in|there|open|working)\b",
    re.IGNORECASE,
)


_EXERCISE_ANSWERS = frozenset(f"{RESPONSE_PREFIX}{key}" for key in EXERCISE_TOPICS)
_CONTACT_GIVEN = frozenset({"utter_contact", "utter_contact_details", "utter_clinic_info"})
# "now", "right now please", "asap": when a person can be reached.
_RIGHT_NOW = re.compile(
    r"^\W*(?:(?:right|just|like)\s+)?(?:now|asap|today|immediately|straight\s+away)"
    r"\W*(?:please|pls|plz)?\W*$",
    re.IGNORECASE,
)
_ABOUT_THE_REFERENCE = re.compile(
    r"\b(?:ref|refs|reference|code|email|e-mail|confirmation|letter)\b", re.IGNORECASE
)
_SAYS_DELETE = re.compile(r"\b(?:delete|erase|remove|wipe)\b", re.IGNORECASE)
# Replies after which a short answer naming a time or a clinician is the booking's; a
# longer message or a question ("it's 8/10 when I sneeze, is it sciatica?") is not.
_BOOKING_OFFERED = frozenset(
    {
        "utter_clinicians",
        "utter_offer_booking",
        "utter_criterion_met_offer",
        # "Shall we book your appointment now?" once the hospital has checked them.
        "utter_emergency_already_seen_book",
        # "... do contact a joint pain specialist to talk about your symptoms."
        f"{RESPONSE_PREFIX}{SPECIALIST_CONSULTATION}",
    }
)
_LONGEST_BOOKING_ANSWER = 10
_LONGEST_TIME_QUESTION = 3


def _only_a_time_asked(text: str) -> bool:
    """Whether the message's questions are only times ("sounds good. thursday?")."""
    parts = question_parts(text)
    return bool(parts) and all(
        len(part.split()) <= _LONGEST_TIME_QUESTION
        and parse_time_preference(part, clinic_now()) is not None
        for part in parts
    )


_FIRST_CLAUSE = re.compile(r"[.,;!?]")


# "Can you explain in simpler words", "I don't understand": the answer just given, asked again.
_SIMPLER_PLEASE = re.compile(
    r"\b(?:simpler|simply|simple\s+(?:words|terms|english|language)|plain(?:er)?\s+(?:english|words"
    r"|terms|language)|layman'?s\s+terms|dumb\s+it\s+down|(?:i\s+)?(?:don'?t|do\s+not|didn'?t|did\s+not)"
    r"\s+(?:understand|get\s+(?:it|that)|follow))\b",
    re.IGNORECASE,
)
_SIGNS_OR_EMERGENCY = re.compile(
    r"\b(?:signs?|symptoms?|red\s+flags?|emergenc\w*)\b", re.IGNORECASE
)
# "Both please", "all of them", "the two": every answer a "Did you mean...?" offered.
_ALL_OF_THEM = re.compile(
    r"^\W*(?:(?:ok|okay|yes|yeah|um+|erm)\W+)?(?:both|all|all\s+of\s+them|all\s+(?:three|3)"
    r"|the\s+two|them\s+both|both\s+of\s+them|each)(?:\s+(?:please|pls|plz|questions?|of\s+them"
    r"|answers?|thanks|ones?))*\W*$",
    re.IGNORECASE,
)


_ANYTHING_ELSE_ASKED = frozenset(
    {"utter_you_are_welcome", "utter_faq_helped", "utter_anything_else"}
)
_NOTHING_ELSE = re.compile(
    r"^\W*(?:(?:no|nope|nah|ok|okay|nothing|no\s+thanks?)\W+)*(?:that'?s|thats|that\s+is|nothing"
    r"(?:\s+else)?|i'?m\s+(?:fine|good|ok|okay|all\s+set))(?:\s+(?:all|it|everything|else|for\s+now"
    r"|now))*[\s,.!]*(?:(?:" + THANKS_WORDS + r")(?:\s+(?:very\s+much|so\s+much"
    r"|a\s+lot|again))?)?[\s.!]*$",
    re.IGNORECASE,
)
_NEXT_STEPS = {
    "booked": "utter_next_steps_booked",
    "rescheduled": "utter_next_steps_booked",
    "pending": "utter_next_steps_pending",
}


def say_next_steps(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """Say what happens next about the booking made in this conversation, if it is asked.

    False, and nothing said, when no booking was made here or the message asks
    something else.
    """
    response = _NEXT_STEPS.get(str(tracker.get_slot("booking_outcome")))
    reference = tracker.get_slot("booking_reference")
    if response is None or not reference:
        return False
    if not (asks_what_happens_next(text) or asks_if_told(text) or asks_how_to_change_later(text)):
        return False
    details = contact_details()
    if not details:
        dispatcher.utter_message(response="utter_contact_unavailable")
        return True
    dispatcher.utter_message(
        response=response,
        booking_reference=reference,
        booking_time_text=tracker.get_slot("booking_time_text") or "the time you chose",
        contact=tracker.get_slot("patient_contact") or "the phone number or email you gave",
        **details,
    )
    return True


# "Does the article say anything about sciatica?", "tell me about stenosis", "any info on DDD".
_ASKS_WHAT_THE_GUIDE_SAYS_OF = re.compile(
    r"\b(?:say|says|said|mention\w*|cover\w*|tell\s+me|info\w*|anything|something|read\s+up)"
    r"\s+(?:\w+\s+){0,2}(?:about|on|regarding)\b",
    re.IGNORECASE,
)


_LONGEST_CONDITION_TOLD = 12


def mentions_without_asking(text: str) -> bool:
    """Whether a short message tells something and asks nothing ("my mum has sciatica").

    A covered condition told so gets what the guide says of it in general.
    """
    return not is_question(text) and len(text.split()) <= _LONGEST_CONDITION_TOLD


_TELLS_A_CONDITION = re.compile(
    r"\b(?:i\s+have|i'?ve\s+got|i\s+got|i\s+suffer\s+(?:from|with)|diagnosed\s+with"
    r"|told\s+(?:me\s+)?(?:i\s+have|it'?s|it\s+is)|(?:he|she|they)\s+(?:has|have)"
    r"|my\s+\w+\s+(?:has|have|was\s+diagnosed))\b",
    re.IGNORECASE,
)


def _what_the_guide_says_of_the_one_named(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], text: str
) -> list[EventType]:
    """The answer for the one covered condition a message asks the guide about, or [].

    A condition told asking nothing ("I have osteoarthritis in my spine") gets it too, said
    to be what the guide says in general.
    """
    told = mentions_without_asking(text) and bool(_TELLS_A_CONDITION.search(text))
    if not _ASKS_WHAT_THE_GUIDE_SAYS_OF.search(text) and not told:
        return []
    named = [key for key in sorted(COVERED_CONDITIONS) if named_by_its_own_name(key, text)]
    if len(named) != 1 or (entry := FaqCatalogue.from_domain(domain).get(named[0])) is None:
        return []
    if told:
        dispatcher.utter_message(response="utter_report_condition_in_general")
    say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


# "If it comes back can I just book again on here?", "can I book through this chat?"
_ASKS_IF_ONE_CAN_BOOK_HERE = re.compile(
    r"\b(?:can|could)\s+(?:i|we)\s+(?:just\s+|still\s+)?(?:re-?book|book|make\s+an?\s+appointment)\s+"
    r"(?:\w+\s+)?(?:again|on\s+here|here|online|through\s+(?:this|here|you|the\s+chat))\b",
    re.IGNORECASE,
)


def decline(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], response: str
) -> list[EventType]:
    """Answer a follow-up in context if the message is one; else `response`, then maybe contact."""
    text = str((tracker.latest_message or {}).get("text") or "")
    events = list(tracker.events)
    if asks_to_continue(text) and (
        "utter_stopped_checkin" in previous_turn_replies(events)
        or _checkin_left_unfinished(tracker, domain)
    ):
        # "Sorry I press wrong. I want continue questions": the check-in again, with the
        # answers already given.
        dispatcher.utter_message(response="utter_start_checkin")
        return [FollowupAction("symptom_checkin_form")]
    if "utter_ask_forget_me" in previous_turn_replies(events):
        # "Yes, delete it" typed out, which the classifier may not place: the opening yes
        # or no answers the question as its buttons would.
        answer = parse_yes_no(text)
        if answer is True:
            return [FollowupAction("action_forget_me")]
        if answer is False:
            dispatcher.utter_message(response="utter_kept_data")
            return []
    elif (
        "utter_ask_forget_me" in recent_replies(events, 2)
        and _SAYS_DELETE.search(text)
        and parse_yes_no(text) is True
    ):
        # "Yes, delete it" after a question in between: still the deletion asked about.
        return [FollowupAction("action_forget_me")]
    if asks_which_ones(text) and _EXERCISE_ANSWERS.intersection(previous_turn_replies(events)):
        # "which ones?" right after the answer on stretches: the guide names none.
        dispatcher.utter_message(
            response="utter_topic_not_covered",
            topic="which particular stretches or exercises to do",
        )
        return []
    if _CONTACT_GIVEN.intersection(previous_turn_replies(events)) and _RIGHT_NOW.match(text):
        # "now" right after the clinic's phone and hours: when someone can talk to them.
        give_contact(dispatcher, "utter_person_now")
        return []
    if not tracker.active_loop.get("name") and not_the_back_after_all(text):
        # "Sorry, I meant for my knee, not my back" after an answer about the back: that
        # answer was the back's; the other joint's reply.
        dispatcher.utter_message(response="utter_scope_other_joint")
        return []
    if asks_for_a_summary(text) and (topic := say_patient_summary(dispatcher, tracker, domain)):
        # "Can you sum up what I should tell him?": what the patient told the check-in,
        # then what the guide says to mention.
        return topic
    if (
        not tracker.active_loop.get("name")
        and (red_flags_set_aside(tracker.latest_message or {}) or names_a_warning_sign(text))
        and (asks_about_emergency_signs(text) or asks_if_it_counts(text))
    ):
        # "Is back pain with a fever an emergency?": the warning signs and where to go,
        # not the routine list of what to mention to a specialist. "Can a slipped disc
        # ever affect your bladder?": what the guide says of the condition, first.
        named = covered_conditions_in_order(tracker.latest_message or {})
        topic = _say_each(dispatcher, tracker, domain, named[:1])
        dispatcher.utter_message(response="utter_warning_signs")
        return topic
    if (
        not tracker.active_loop.get("name")
        and asks_about_emergency_signs(text)
        and _SIGNS_OR_EMERGENCY.search(text)
    ):
        # "No I mean emergencies. What symptoms mean I shouldn't wait?": the warning signs.
        dispatcher.utter_message(response="utter_warning_signs")
        return []
    if not tracker.active_loop.get("name") and (
        topic := _what_the_guide_says_of_the_one_named(dispatcher, tracker, domain, text)
    ):
        # "k. and does the article say anything about sciatica": that condition's answer.
        return topic
    if "utter_warning_signs" in previous_turn_replies(events) and _WHAT_TO_DO.search(text):
        # "Ok what should they do then?" right after the warning signs: where to go, said
        # again plainly, not "I don't have an answer to that".
        dispatcher.utter_message(response="utter_warning_signs_what_to_do")
        return []
    if (
        not tracker.active_loop.get("name")
        and _SIMPLER_PLEASE.search(text)
        and answered_faq_just_before(events)
    ):
        # "Can you explain in simpler words": the guide's words are the answer; a person
        # can explain them for the patient's own back.
        give_contact(dispatcher, "utter_in_other_words")
        return []
    named = covered_conditions_in_order(tracker.latest_message or {})
    if (
        not tracker.active_loop.get("name")
        and len(named) > 1
        and asks_what_each_is(text)
        and (said := _say_each(dispatcher, tracker, domain, named[:MAX_ANSWERS_PER_MESSAGE]))
    ):
        # "Both, please: spinal stenosis and osteoarthritis": what each named is, in turn.
        return said
    if (
        "utter_did_you_mean" in previous_turn_replies(events)
        and _ALL_OF_THEM.match(text)
        and (said := _say_each(dispatcher, tracker, domain, list(offered_keys(events))))
    ):
        # "Both please" to "Did you mean...?": each answer offered, in turn.
        return said
    if not tracker.active_loop.get("name") and (
        (
            _ANYTHING_ELSE_ASKED.intersection(previous_turn_replies(events))
            and _NOTHING_ELSE.match(text)
        )
        # "No, that is all. Goodbye.": leaving, whatever was asked before.
        or (says_goodbye(text) and not asks_in_some_sentence(text))
        # "i didnt correct anything? anyway no, not now, bye": the last word is the leave.
        or ends_with_goodbye(text)
    ):
        # "No thats all, thank you very much" to "Is there anything else you'd like to
        # know?": a goodbye, not a question without an answer.
        dispatcher.utter_message(response="utter_goodbye")
        return []
    if not tracker.active_loop.get("name") and say_next_steps(dispatcher, tracker, text):
        # "Great, what happens next? do I get a text?" after booking: what was booked,
        # where the confirmation goes, where to come and how to change it.
        if asks_about_the_visit(text) or asks_about_the_service(text):
            # "... and is there somewhere to park nearby", "do I need to bring anything?":
            # the team's to answer, not dropped.
            give_contact(dispatcher, "utter_clinic_info")
        return []
    if (
        not tracker.active_loop.get("name")
        and "utter_appointment_not_found_again" in previous_turn_replies(events)
        and find_reference(text) is None
        and _ABOUT_THE_REFERENCE.search(text)
    ):
        # "I don't have any other ref, that's what the email said": the team can find it.
        give_contact(dispatcher, "utter_no_reference")
        return []
    if not tracker.active_loop.get("name") and find_reference(text) is not None:
        # "Oh wait, found it: JPC-KQLLCL" after asking to cancel without it: carried on. A
        # reference with nothing asked ("its jpc-q4w8e2 and my number is ..."): that
        # booking is looked up, and how it stands told once it is shown to be theirs.
        return [FollowupAction("action_start_manage_booking")]
    if (
        not tracker.active_loop.get("name")
        and _BOOKING_OFFERED.intersection(previous_turn_replies(events))
        and parse_yes_no(_FIRST_CLAUSE.split(text, maxsplit=1)[0]) is True
    ):
        # "ye go on. can i see the physio not a doc? saturday if poss" to the booking just
        # offered: the booking, which reads the kind and the day from this message.
        dispatcher.utter_message(response="utter_start_booking")
        return [FollowupAction("booking_form")]
    if (
        not tracker.active_loop.get("name")
        and (
            (
                _BOOKING_OFFERED.intersection(previous_turn_replies(events))
                and len(text.split()) <= _LONGEST_BOOKING_ANSWER
                and (not is_question(text) or _only_a_time_asked(text))
                # Not "so work tomorrow yes or no": whether to work then, not when to come.
                and not asks_whether_to_work(text)
            )
            or asks_what_is_free(text)
            # "Ok book me in, Wednesday afternoon, I have the knitting club Tuesdays".
            # "need a consult. tues morning?": asked as a question, with the time.
            or (
                asks_to_book(text)
                and (not is_question(text) or parse_time_preference(text, clinic_now()) is not None)
            )
        )
        and (names_someone(text) or parse_time_preference(text, clinic_now()) is not None)
    ):
        # "Dr Okafor then, tuesday or wednesday" after the clinicians were named or a
        # booking offered, or "what's the latest you have on a thursday?" at any time:
        # the booking, which reads the time and the clinician from this message.
        dispatcher.utter_message(response="utter_start_booking")
        return [FollowupAction("booking_form")]
    if not tracker.active_loop.get("name") and _ASKS_IF_ONE_CAN_BOOK_HERE.search(text):
        # "If it comes back can I just book again on here?": yes, whenever they like.
        give_contact(dispatcher, "utter_can_book_here")
        return []
    if task_asked_before(tracker) is not None and asks_to_find_without_reference(text):
        # "Can't you look it up by my email?": only the reference finds a booking.
        give_contact(dispatcher, "utter_reference_needed")
        return []
    if "utter_scope_child" in previous_turn_replies(events) and still_about_the_scope_before(
        tracker
    ):
        # Still about the child: the same kind advice, not an adult answer.
        dispatcher.utter_message(response="utter_scope_child")
        return []
    elsewhere = still_about_another_part(tracker)
    if elsewhere is not None:
        # "What exercises should I do for it?" after the shoulder reply: still the
        # shoulder, which the guide does not cover.
        dispatcher.utter_message(response=elsewhere)
        return []
    if "utter_scope_child_or_adult" in previous_turn_replies(
        events
    ) and says_a_child_is_the_patient(text):
        # "he's 9" to "if they're under 18, ...": a child, whose back pain a doctor sees.
        dispatcher.utter_message(response="utter_scope_child")
        return []
    medicine_reply = medicine_reply_still_about(tracker)
    if medicine_reply is not None:
        # "So what can I take instead, paracetamol?" after the warfarin reply: the same
        # advice to ask the doctor or pharmacist, not the guide's general answer.
        dispatcher.utter_message(response=medicine_reply)
        return []
    if "utter_scope_pregnancy" in previous_turn_replies(events) and _is_short(text):
        if stated_severity(text) is not None or parse_duration_days(text, dt.date.today()):
            # "Ok. It's like a 5, no tingling. Do I need to see someone?": the story of
            # the pain, which the check-in is for (the pregnancy reply was given).
            dispatcher.utter_message(response="utter_start_checkin")
            return [FollowupAction("symptom_checkin_form")]
        if asks_for_advice(text):
            # A short question about medicines or exercise is still about the pregnancy.
            dispatcher.utter_message(response="utter_scope_pregnancy")
            return []
    if asks_for_contact_details(text):
        # "Three quick things: 1) your opening hours 2) what is sciatica": the questions
        # with an answer get it, then the team's details.
        if not tracker.active_loop.get("name") and (
            topic := answer_each_question(dispatcher, tracker, domain)
        ):
            return topic
        answer_other_questions(dispatcher, tracker)
        return []
    if (
        asks_what_helps_meanwhile(text)
        # Not beside another health condition, whose reply is the scope action's.
        and not (tracker.latest_message or {}).get("scope")
        and (topic := say_clear_answer(dispatcher, tracker, domain))
    ):
        # "In the meantime what stretches are ok to do?": the answer the question names.
        return topic
    if (
        tracker.get_slot("checkin_done") or tracker.get_slot("booking_reference")
    ) and asks_what_helps_meanwhile(text):
        # "What can I do meanwhile?", "painkillers or something till I can come": what the
        # guide says often helps, and when not to wait.
        dispatcher.utter_message(response="utter_meanwhile")
        return []
    outcome = _checkin_outcome_before(tracker)
    if outcome is not None and (_WHAT_NOW.search(text) or asks_whether_to_book(text)):
        # "What should I do now?" after the check-in's result: the result again.
        dispatcher.utter_message(response=outcome)
        dispatcher.utter_message(response="utter_offer_booking")
        return []
    if (
        asks_what_if_no_better(text)
        and not tracker.active_loop.get("name")
        and (said := _say_each(dispatcher, tracker, domain, [WHEN_TO_SEE_SPECIALIST]))
    ):
        # "and if by next week it's still this bad?": when the guide says to be seen.
        return said
    if asks_what_if_worse(text) and not tracker.active_loop.get("name"):
        # "And if my leg gets worse before Wednesday what should I do?": who to call
        # meanwhile, and when not to wait.
        dispatcher.utter_message(response="utter_if_it_gets_worse")
        return []
    if asks_if_someone_else_can_come(text) and not tracker.active_loop.get("name"):
        # "My brother had a car crash last year and his back still hurts. Can he come to
        # you also?": yes, any adult can book; the child's reply is the scope gate's.
        give_contact(dispatcher, "utter_others_can_book")
        return []
    if outcome is None and asks_whether_to_book(text):
        # "So should I book or not?" with no check-in yet: when the guide says to be seen,
        # and the check-in or the booking, whichever the patient wants.
        dispatcher.utter_message(response="utter_whether_to_book")
        return []
    if outcome is not None and _told_a_nerve_symptom(tracker) and _PLACE_PUT_RIGHT.search(text):
        # "I said the left foot but it is actually my right foot. Does that matter?": the
        # result stands, said so, with the booking offered again.
        dispatcher.utter_message(response="utter_symptom_place_noted")
        dispatcher.utter_message(response="utter_offer_booking")
        return []
    corrected = _correction_after_the_result(tracker, text)
    if corrected:
        # "I said I don't have the tingling any more", "it only started last weekend":
        # the result is worked out again from what the patient now says.
        dispatcher.utter_message(response="utter_noted_correction")
        return [*corrected, FollowupAction("action_triage_decision")]
    if not tracker.active_loop.get("name") and tells_own_pain_and_asks(text, dt.date.today()):
        # "I've had back pain for 2 months, what exercises can I do?": the answer when the
        # question clearly has one, then the check-in for the story, which it reads from
        # this message.
        # "... 2 month now, very strong. What I must do?": the check-in's result is the
        # answer, not a paragraph before it.
        topic = [] if only_asks_what_to_do(text) else say_clear_answer(dispatcher, tracker, domain)
        if topic:
            # "... will it get worse? and can I keep going to the gym": the rest too.
            answer_other_questions(dispatcher, tracker)
        elif not only_asks_what_to_do(text):
            # "... dying to get back to spin. How long does a herniated disc take to heal?":
            # the question read as a follow-up, answered or said to be beyond the guide.
            topic = answer_question_told_with_the_pain(dispatcher, tracker, domain)
        return start_checkin(dispatcher, text, topic)
    if not tracker.active_loop.get("name") and tells_only_a_passing_nerve_symptom(text):
        # "My leg went to sleep after sitting cross legged, it's fine now": no pain to ask
        # about, and not a warning sign; said plainly, with when to see someone.
        dispatcher.utter_message(response="utter_passing_nerve_symptom")
        return []
    if (
        not tracker.active_loop.get("name")
        and (
            reported_symptoms(text) is not None
            or describes_own_back_pain(text)
            or only_a_duration(text)
            or asks_whether_to_see_someone_about_own_back(text)
            # "hi can you help with lower back pain?": the check-in is the help for their own.
            or (_HELP_WITH_BACK_PAIN.match(text) is not None and not about_someone_else(text))
            # "yo do i need 2 see a specialist or nah": the check-in answers it for them.
            or (
                asks_if_they_should_be_seen(text)
                and not about_someone_else(text)
                and not tracker.get_slot("triage_outcome")
            )
            or (
                # "back pain advice pls": a few words the classifier could not tell between a
                # question and the patient's own pain; the check-in gives the advice that fits.
                is_bare_complaint(text)
                and mentions_back_pain(text)
                and may_be_own_pain(tracker.latest_message or {})
            )
            or tells_someones_story(text, dt.date.today())
            or (
                answered_faq_just_before(events)
                and (_own_story(text) or _opens_with_a_duration(text))
            )
            # "no tingling, no weakness, just an ache about 3/10 for ten days": how bad and how
            # long, of no one else, in the fewest words.
            or (
                stated_severity(text) is not None
                and parse_duration_days(text, dt.date.today()) is not None
                and not about_someone_else(text)
            )
            # "I don't have any weakness or tingling. pain is about 3/10 for a week. any
            # stretches?": how bad, told of oneself.
            or (
                stated_severity(text) is not None
                and _PAIN_WORD.search(text) is not None
                and speaks_of_self(text)
                and not about_someone_else(text)
            )
            # "I don't have any weakness or numbness, by the way" after an answer: the
            # check-in reads the symptoms told, denied or not.
            or (
                answered_faq_just_before(events)
                and speaks_of_self(text)
                and stated_symptoms(text, own=True) is not None
                # Not "good to know, no numbness or anything like that for me. thanks!": a
                # thanks, with nothing of the pain told.
                and not (
                    stated_symptoms(text, own=True) == NONE_REPORTED
                    and any(_THANKS.match(part) for part in sentences(text)[-1:])
                )
            )
            # "its about a 6, worse in the mornings" right after "from what you've told me,
            # yes, see a specialist": more of the same story, which the check-in reads (and
            # its safety questions were not asked yet).
            or (
                "utter_criterion_met_offer" in previous_turn_replies(events)
                and (
                    stated_severity(text) is not None or stated_symptoms(text, own=True) is not None
                )
                and not about_someone_else(text)
            )
        )
    ):
        # "I do have some tingling actually", "about 6 weeks": the patient's own pain,
        # which the check-in is for (it reads them from this message and does not ask again).
        # A question beside it with a clear answer is answered first ("... I'm in a good
        # place now. What exercises could help me stay on top of the pain?").
        topic = say_clear_answer(dispatcher, tracker, domain) if is_question(text) else []
        activity = None if topic else activity_asked_about(text)
        if activity is not None:
            # "... But you didn't answer me about the walks.": said before the questions.
            dispatcher.utter_message(
                response="utter_activity_question_not_covered", activity=activity
            )
        return start_checkin(dispatcher, text, topic)
    if tracker.get_slot("callback_outcome") in CALLBACK_TAKEN and (
        _ABOUT_THE_CALL.search(text) or CALLBACK_REPLIES.intersection(previous_turn_replies(events))
    ):
        # Right after the call-back was arranged, a message is about it, unless it asks
        # something the guide clearly answers ("should he mention the numbness?").
        topic = (
            [] if _ABOUT_THE_CALL.search(text) else say_clear_answer(dispatcher, tracker, domain)
        )
        if topic:
            return topic
        # "Will they ring after 6? You close at 5", "so Monday morning then": about the
        # call-back just arranged, which its action answers (and notes a new time).
        return [FollowupAction("action_request_callback")]
    if not tracker.active_loop.get("name") and (
        weighed := _weighed_against_surgery(dispatcher, tracker, domain, text)
    ):
        return weighed
    last = tracker.get_slot(LAST_FAQ_SLOT)
    if (
        not tracker.active_loop.get("name")
        and last in COVERED_CONDITIONS
        and answered_faq_just_before(events)
        and asks_what_i_have(text)
        and (report := FaqCatalogue.from_domain(domain).get(SYMPTOMS_TO_REPORT)) is not None
    ):
        # "How do I know if I have it?" after what sciatica is: only a specialist who
        # examines them can say; what the guide says to tell one.
        dispatcher.utter_message(response="utter_cannot_diagnose")
        say_answer(dispatcher, tracker, report)
        return [SlotSet(LAST_FAQ_SLOT, report.key)]
    answered = answer_in_context(dispatcher, tracker, domain)
    if answered is not None:
        return answered
    if _ANNOUNCES_QUESTION.search(text) and len(text.split()) <= MAX_ANNOUNCEMENT_WORDS:
        # "I have a question about my husband": the question is still to come.
        dispatcher.utter_message(response="utter_ask_away")
        return []
    if any(_THANKS.match(part) for part in sentences(text)[:1] + sentences(text)[-1:]) and (
        not asks_in_some_sentence(text)
    ):
        # "Thank you dear, I will talk to my son about booking", "I'll discuss it with my
        # husband first. Thank you, you've been very helpful": thanks, not a question
        # (unlike "Thank you dear. Would exercise help at my age?").
        dispatcher.utter_message(response="utter_you_are_welcome")
        return []
    if (meant := _condition_meant(tracker)) is not None and (
        said := _say_each(dispatcher, tracker, domain, [meant])
    ):
        # "Oh sorry I meant osteoarthritis": the answer about the condition meant.
        return said
    if _asks_about_an_article_condition(tracker):
        # "I have a herniated disc, what exercises are safe?": the classifier could not
        # tell a question from a story, but the question names a condition the article
        # covers and its answer is clear.
        topic = say_clear_answer(dispatcher, tracker, domain)
        if topic:
            # "... Should I still go for my walks?": the other questions are not left
            # as if the condition's answer had answered them.
            answer_other_questions(dispatcher, tracker)
            return topic
    if not tracker.active_loop.get("name") and (
        topic := answer_each_question(dispatcher, tracker, domain)
    ):
        return topic
    if (
        _faq_was_the_best_guess(tracker.latest_message or {})
        and is_question(text)
        and (topic := say_clear_answer(dispatcher, tracker, domain))
    ):
        # "What should I tell them when I come in?": too unsure for the classifier, whose
        # best guess was still a question for the guide, and one answer clearly fits it.
        return topic
    if (
        not tracker.active_loop.get("name")
        and is_question(text)
        and (activity := activity_asked_about(text)) is not None
        and activity not in NOT_EXERCISE
    ):
        # "I walk to the shops each day with my stick. Is walking good for this or should
        # I stop?": the guide names no such activity, said so, then what it says of exercise.
        return say_activity_answer(dispatcher, tracker, domain, activity)
    if (
        not tracker.active_loop.get("name")
        and is_question(text)
        and other_painkiller_named(text) is not None
        # Not "Is glucosamine worth taking for osteoarthritis?": a supplement, beside a
        # condition the guide answers, which the scope reply and its note say.
        and uncovered_topic(text) is None
        and not covered_conditions(tracker.latest_message or {})
        and (said := _say_each(dispatcher, tracker, domain, [PRESCRIPTION_MEDICATION]))
    ):
        # "what about codeine, can i get that from you": a medicine the guide does not
        # name, said so (by the answer's own note), then what it says of prescriptions.
        return said
    if complains_about_the_clinic(text):
        give_contact(dispatcher, "utter_sorry_for_the_trouble")
    elif asks_how_much_exercise(text) and is_question(text) and about_back_care(text):
        # "And how long will the physio take, like how many sessions": an amount the guide
        # leaves to the physiotherapist or specialist, who is offered.
        dispatcher.utter_message(response="utter_not_covered")
    elif UNHELPFUL_RESPONSES.intersection(previous_turn_replies(events)):
        give_contact(dispatcher, "utter_offer_contact")
    else:
        dispatcher.utter_message(response=response)
    return []


_SURGERY_WORDS = re.compile(r"\b(?:surgery|operations?|op|injections?|epidurals?)\b", re.IGNORECASE)


def _weighed_against_surgery(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], text: str
) -> list[EventType]:
    """A topic the guide covers asked about beside surgery, answered; the surgery, not.

    "Would physio help or do I need surgery?": what the guide says of physiotherapy, and
    that an operation is beyond it, rather than "I can't answer" to the whole question.
    """
    if not (is_question(text) and asks_about_surgery(text)):
        return []
    # "Does a herniated disc always need surgery?": what the guide says of the condition.
    named = covered_conditions_in_order(tracker.latest_message or {})
    key = topic_named(_SURGERY_WORDS.sub(" ", text)) or (named[0] if named else None)
    entry = FaqCatalogue.from_domain(domain).get(key)
    if entry is None:
        return []
    say_answer(dispatcher, tracker, entry)
    dispatcher.utter_message(response="utter_topic_not_covered", topic="surgery")
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


def _say_each(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], keys: list[str]
) -> list[EventType]:
    """Say the answer for each of `keys` the catalogue has, in turn; [] if it has none."""
    catalogue = FaqCatalogue.from_domain(domain)
    entries = [entry for key in keys if (entry := catalogue.get(key))]
    for entry in entries:
        say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entries[-1].key)] if entries else []


def _faq_was_the_best_guess(parse_data: Mapping[str, Any]) -> bool:
    """Whether a message the fallback took had the FAQ intent as the classifier's best guess."""
    if (parse_data.get("intent") or {}).get("name") != "nlu_fallback":
        return False
    ranking = parse_data.get("intent_ranking") or []
    guesses = [entry.get("name") for entry in ranking if entry.get("name") != "nlu_fallback"]
    return bool(guesses) and guesses[0] == "faq"


class ActionUnclear(Action):
    """The reply to a message the NLU could not place, or an FAQ with no likely answer."""

    def name(self) -> str:
        """Named in the rules for `nlu_fallback` and for FAQs without a match."""
        return "action_unclear"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """A follow-up answer, or "I don't have an answer to that" (and contact on repeat)."""
        return decline(dispatcher, tracker, domain, "utter_cannot_answer")


class ActionDefaultFallback(Action):
    """Rasa's fallback when no policy is sure what to do, counted like any unhelped turn."""

    def name(self) -> str:
        """Replaces Rasa's own `action_default_fallback` (same name, in the action server)."""
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Say `utter_default` (or offer a person on repeat); forget the message, as Rasa does.

        A message that starts something ("around 6 weeks" starts the check-in, which reads
        it) is kept: reverting it would also drop the check-in Rasa was told to run next.
        """
        events = decline(dispatcher, tracker, domain, "utter_default")
        if any(event.get("event") == "followup" for event in events):
            return events
        return [*events, UserUtteranceReverted()]
