"""Symptom check-in: validate the form's answers and decide on a referral.

Parsing and the decision are pure functions in clinic/triage; this module only moves
values between Rasa slots and those functions. Every answer that cannot be understood
gets a kind re-ask (`utter_wrong_<slot>`), never an error.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from itertools import islice
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.checkin_slots import (
    COMPLAINT_SLOT,
    FOR_SOMEONE_ELSE,
    STIFFNESS,
    checkin_from_tracker,
    nerve_symptoms_from_slot,
    say_criterion_met,
    session_messages,
)
from actions.checkin_start import child_reply_instead, warning_signs_instead
from actions.contact import give_contact
from actions.feedback import say_activity_answer
from actions.forms import (
    answer_clear_question,
    asks_something,
    drop_repeated_replies,
    reject,
    thanks_only,
)
from actions.free_slots import clinic_now
from actions.parse_data import (
    body_parts_from_parse_data,
    faq_decision_from_parse_data,
    intent_from_parse_data,
)
from actions.scope import RESPONSES as SCOPE_RESPONSES
from actions.scope import reply_beside_the_back
from actions.unclear import (
    answer_each_question,
    answer_other_questions,
    answer_question_told_with_the_pain,
    checkin_corrections,
    only_a_duration,
    replies_since_the_message,
    say_clear_answer,
    still_about_another_part,
)
from clinic.booking.manage_requests import asks_for_a_time
from clinic.booking.preferences import parse_time_preference
from clinic.faq.activities import activity_asked_about
from clinic.faq.answer_choice import Answer
from clinic.faq.followups import (
    WHEN_TO_SEE_SPECIALIST,
    asks_if_it_gets_worse,
    asks_if_serious,
    asks_if_they_should_be_seen,
    last_clause,
    question_parts,
)
from clinic.faq.inbox import turns
from clinic.scope import (
    BESIDE_THE_BACK,
    TOLD_NOT_ASKED,
    Scope,
    about_a_child,
    about_a_health_condition,
    about_pregnancy,
    another_joint_too,
    not_the_back_after_all,
    says_it_is_not_a_child,
)
from clinic.triage.duration import lasted_since_the_event, parse_duration_days
from clinic.triage.ordinary_pain import tells_only_a_passing_nerve_symptom
from clinic.triage.red_flags import (
    RedFlag,
    asks_what_a_sign_means,
    detect_red_flags,
    names_a_warning_sign,
    red_flags_denied,
    red_flags_named_absent,
    remaining_safety_signs,
    tells_own_pain_and_asks,
)
from clinic.triage.referral import (
    ConsultationRecommended,
    Emergency,
    clinic_referral_rules,
    decide,
    worded_for_stiffness,
)
from clinic.triage.severity import asks_about_the_scale, parse_severity, stated_severity
from clinic.triage.symptoms import (
    NONE_REPORTED,
    NerveSymptoms,
    names_a_nerve_symptom,
    parse_nerve_symptoms,
    reported_symptoms,
    stated_symptoms,
)
from clinic.triage.yes_no import denies_the_rest, parse_yes_no
from clinic.wording import (
    about_someone_else,
    asks_about_the_service,
    asks_if_a_strain_counts,
    asks_in_some_sentence,
    asks_to_book,
    asks_what_helps_meanwhile,
    asks_what_it_means,
    asks_why_it_is_asked,
    complains_about_the_clinic,
    current_story,
    is_question,
    mentions_booking,
    only_asks_what_to_do,
    opens_as_question,
    says_no_pain,
    side_clauses,
    speaks_of_self,
    tells_own_pain_outright,
    tells_stiffness_without_pain,
    wants_no_appointment,
)


def _latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


OWN_PAIN_INTENT = "describe_own_pain"
BOOKING_ASKED = "booking_after_checkin"
"""The patient asked to book during the check-in: the safety question first, then booking."""
SAFETY_UNANSWERED = "safety_question_unanswered"
"""Told the booking comes straight after the safety question, the patient went on about the
booking instead of answering it: the booking goes ahead, with the urgent advice said once
more, rather than the question a third time."""
"""The check-in is about someone else's pain: its questions say "they", not "you"."""


def for_someone_else(tracker: Tracker) -> bool:
    """Whether the check-in is about someone else's pain.

    Decided as the check-in starts, from the newest message that says whose pain it is
    ("yes" to the offer of questions says nothing, the message before it does), and kept.
    """
    if tracker.get_slot("requested_slot") is not None:
        return bool(tracker.get_slot(FOR_SOMEONE_ELSE))
    for event in islice(session_messages(tracker), 2):
        text = str(event.get("text") or "")
        if _MY_OWN.search(text):
            # "What about me, my own back has been bad for 6 weeks from carrying her".
            return False
        if about_someone_else(text):
            return True
        if speaks_of_self(text):
            return False
    return False


# Said of the warning signs asked about: what there is has been there long, nothing new.
_NOT_NEW = re.compile(
    r"\bnot\s+(?:new|sudden|recent)\b|\bnothing\s+new\b"
    r"|\b(?:been\s+like\s+(?:that|this)|had\s+(?:it|that|this))\s+(?:for\s+)?(?:months|years|ages"
    r"|a\s+long\s+time)\b",
    re.IGNORECASE,
)
_SCORE_CORRECTED = re.compile(
    r"\b(?:meant|is|it'?s|its|was|say|said)\s+(?:a\s+)?(?P<new>10|[0-9])\s*(?:/\s*10\s*)?,?\s*"
    r"not\s+(?:a\s+)?(?P<old>10|[0-9])\b",
    re.IGNORECASE,
)
_MY_OWN = re.compile(
    r"\b(?:what|how)\s+about\s+me\b|\bmy\s+own\s+(?:back|pain)\b|\bfor\s+myself\b", re.IGNORECASE
)
_IT_IS_MINE = re.compile(
    r"\b(?:it'?s|its|it\s+is)\s+(?:me|mine|for\s+me|my\s+(?:own\s+)?(?:back|pain))\b"
    r"(?!\s+(?:and|&)\s+my\s+\w+)|\bwho\s+is\s+they\b",
    re.IGNORECASE,
)
_ASKING_FOR_ANOTHER = re.compile(
    r"\b(?:it'?s|its|it\s+is)\s+not\s+(?:me|mine|for\s+me)\b|\bnot\s+me\b[^.?!]{0,10}\bmy\s+"
    r"(?:dad|father|mum|mom|mother|wife|husband|partner|son|daughter|nan|gran\w*|grand\w*|friend"
    r"|sister|brother)\b",
    re.IGNORECASE,
)


# The pain said to have started today: "it only started this morning", "since today".
_STARTED_TODAY = re.compile(
    r"\b(?:started|began|came\s+on|happened|only)\s+(?:\w+\s+){0,2}(?:today|this\s+morning"
    r"|tonight|this\s+afternoon)\b|\bsince\s+(?:this\s+morning|today|this\s+afternoon)\b",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\b(actually|wait|sorry|i mean|i meant|more like|closer to|nearer|correction|not \w+ but"
    r"|i tell a lie|i lied|my mistake|scratch that|on second thoughts?)\b",
    re.IGNORECASE,
)


def given_before(
    tracker: Tracker, parse: Callable[[str], Any], entity: str, *, any_latest: bool
) -> Any:
    """A value the patient already gave in this conversation, newest first, or None.

    Earlier messages count when they describe the patient's own pain or carry the
    value's entity, and not when they were outside the article (another joint, a child);
    the latest message counts whatever its intent when `any_latest`
    (an answer such as "since yesterday, a 6" gives the score too).
    """
    latest = True
    for event in session_messages(tracker):
        parse_data = event.get("parse_data") or {}
        intent = (parse_data.get("intent") or {}).get("name")
        entities = {item.get("entity") for item in parse_data.get("entities") or []}
        if not latest and parse_data.get("scope") and parse_data["scope"] not in BESIDE_THE_BACK:
            # "My knee has hurt for 2 months": another joint's (or a child's) pain, which
            # the scope reply answered; its values are not the back's. "7 out of 10, can I
            # take my daughter's ibuprofen?" is still the back's pain.
            continue
        if (
            (latest and any_latest)
            or intent == OWN_PAIN_INTENT
            or entity in entities
            # "8 9 months, 7 out of 10 and her legs feel weak sometimes": an answer the
            # red-flag check stopped to ask about still told the pain's values.
            or intent in _RED_FLAG_GUESSES
        ):
            value = parse(str(event.get("text") or ""))
            if value is not None:
                return value
        latest = False
    return None


_RED_FLAG_GUESSES = frozenset({"suspected_emergency", "report_emergency"})
_QUESTION_INTENTS = frozenset({"faq", "ask_followup", "ask_clinic_info"})
_NO_THEN_QUESTION = re.compile(
    r"^\W*(?P<no>(?:(?:no|nope|nah)(?:\s*,?\s*(?:none|nothing)(?:\s+of\s+(?:those|them|that|these))?)?"
    r"|(?:none|nothing)(?:\s+of\s+(?:those|them|that|these))?"
    r"|no\s+to\s+all(?:\s+of\s+(?:those|them|that|these))?))\s*[.,!;:-]+\s*(?=\S)",
    re.IGNORECASE,
)


def _no_then_a_question(text: str) -> str | None:
    """The opening no of "no none of that. is it ok to take ibuprofen?", or None.

    Not when the question names a warning sign ("no, do I need a fever for it to count?")
    or asks what a word means ("no. what mean groin?"): that no may not be an answer yet.
    """
    opening = _NO_THEN_QUESTION.match(text)
    if opening is None:
        return None
    question = text[opening.end() :]
    if not is_question(question) or names_a_warning_sign(text) or asks_what_it_means(question):
        return None
    return opening["no"]


def _no_then_a_remark(text: str) -> str | None:
    """The opening no of "nope, nothing like that, just stiff", or None.

    A no to everything the question listed, then a word about the pain that names no
    warning sign and no nerve symptom.
    """
    opening = _NO_NOTHING_LIKE_THAT.match(text)
    if opening is None or names_a_warning_sign(text) or _NERVE_WORDS.search(text):
        return None
    return opening.group()


_NO_NOTHING_LIKE_THAT = re.compile(
    r"^\W*(?:no|nope|nah)\W+(?:nothing|none)\s+(?:like\s+(?:that|those|this)|of\s+(?:that|those"
    r"|these|them|it)|at\s+all)\b",
    re.IGNORECASE,
)
_NERVE_WORDS = re.compile(r"numb(?!ers?\b)|tingl|weak|pins|needles", re.IGNORECASE)


def _blanket_no(text: str, symptoms: NerveSymptoms) -> bool:
    """A "no" to everything the combined question listed, not to the nerve symptoms alone."""
    return symptoms == NONE_REPORTED and not _NERVE_WORDS.search(text)


def _no_to_the_warning_signs(text: str) -> bool:
    """A no to the warning signs not named ("tingling in my hands, none of the other stuff").

    A warning sign named in the same answer outweighs it. A yes that opens an answer about
    the nerve symptoms ("yes tingling down my leg, no bladder problems or anything like
    that") is a yes to them, not to the warning signs.
    """
    told = _YES_TO_THE_NERVES.sub("", text)
    if _SAID_NO_ALREADY.search(told) and red_flags_denied(told) is not False:
        # "i already said no lol. no tingling either": the no said before, to all of it.
        return True
    return denies_the_rest(told) and red_flags_denied(told) is not False


_SAID_NO_ALREADY = re.compile(
    r"\b(?:already|just)\s+(?:said|told\s+you|answered)\s+no\b|\bi\s+said\s+no\b",
    re.IGNORECASE,
)


_YES_TO_THE_NERVES = re.compile(
    r"^\W*(?:(?:ok|okay|so|well|um+|erm|right)\W+)*(?:yes|yeah|yep|yea|ya|yh)\b[\s,.!-]*"
    r"(?=(?:\w+\s+){0,7}?(?:numb|tingl|weak|pins))",
    re.IGNORECASE,
)


def _some_signs_left(text: str, tracker: Tracker) -> bool:
    """Whether a no names only some of the warning signs and leaves the others unanswered.

    The signs named absent in the last few messages count too, so the question about the
    rest is asked once, not again for each partial answer.
    """
    if not red_flags_named_absent(text) or denies_the_rest(text) or _BARE_NO_FIRST.match(text):
        # "No. No chest pain either, if that's what you mean": the no answers the list.
        return False
    named = _named_absent_lately(tracker) | set(red_flags_named_absent(text))
    return bool(remaining_safety_signs(named)) and not _asked_for_the_rest(tracker)


_BARE_NO_FIRST = re.compile(r"^\W*(?:no+|nope|nah|none)\s*[.!,;]", re.IGNORECASE)
MESSAGES_READ_FOR_DENIALS = 4
"""The check-in's own answers: a denial older than that may no longer hold."""


def _named_absent_lately(tracker: Tracker) -> set[RedFlag]:
    """The warning signs the patient's last few messages said they do not have."""
    return {
        flag
        for event in islice(session_messages(tracker), MESSAGES_READ_FOR_DENIALS)
        for flag in red_flags_named_absent(str(event.get("text") or ""))
    }


def _length_told(story: str, text: str) -> int | None:
    """How long the pain now has lasted, in days, or None when the message does not say.

    Read from the story's parts about the pain now (`story`, from `current_story`), or
    from the whole `text` since an event it dates ("car accident 10 years ago, sore on and
    off since").
    """
    today = date.today()
    return parse_duration_days(story, today) or lasted_since_the_event(text, today)


def _before_this_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest message, or None.

    Rasa's entity mappings fill a slot from a word in any message ("bad" in "is that
    bad?"); when that word answers nothing, the patient's earlier answer is kept.
    """
    before_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            before_latest = True
        elif before_latest and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def _asked_for_the_rest(tracker: Tracker) -> bool:
    """Whether the last question already asked about the signs left (asked once only)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get(
                "utter_action"
            ) == "utter_ask_remaining_red_flags"
    return False


def _asked_to_book(events: list[EventType]) -> bool:
    return any(event.get("name") == BOOKING_ASKED and event.get("value") for event in events)


def _answered_since_message(tracker: Tracker) -> bool:
    """Whether an action other than slot extraction or this form ran since the last message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in (
            "action_listen",
            "action_extract_slots",
            "symptom_checkin_form",
        ):
            return True
    return False


def _asked_again_unanswered(events: list[dict[str, Any]], slot: str) -> bool:
    """Whether the slot's question was asked, then asked again after the patient's answer.

    An answer the form cannot use now would be the second in a row: rather than a third
    plain asking, the patient hears the way out.
    """
    asking = f"utter_ask_{slot}"
    # The replies to the two messages before the latest one.
    finished = [replies for _, replies in list(turns(events))[:-1]]
    return len(finished) >= 2 and all(asking in replies for replies in finished[-2:])


# "Should I see someone?", "do I need the doctor?", "should I be worried?": not "will I
# need surgery?", which the FAQ answer for seeing a specialist may also be closest to.
_ABOUT_BEING_SEEN = re.compile(
    r"\b(?:see|seen|seeing|specialist|doctors?|gp|physio\w*|appointment|book\w*|consult\w*|"
    r"come\s+in|check(?:ed)?\s+out|worr\w*|concern\w*|wait\w*)\b",
    re.IGNORECASE,
)


_SHORT_QUESTION_WORDS = 8


def _asks_whether_to_be_seen(tracker: Tracker) -> bool:
    """Whether the patient asks if they should be seen, whose answers so far may say yes."""
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    if only_asks_what_to_do(text):
        # "What should I do?" in the middle of the check-in: what its answers so far say.
        return True
    if is_question(text) and asks_if_serious(text) and len(text.split()) <= _SHORT_QUESTION_WORDS:
        # "Is that serious?" after "back pain for 2 months": what the answers so far say
        # of being seen, when they say it, rather than what to mention to a specialist.
        return True
    if not is_question(text) or not _ABOUT_BEING_SEEN.search(text):
        return False
    decision = faq_decision_from_parse_data(latest)
    return isinstance(decision, Answer) and decision.key == WHEN_TO_SEE_SPECIALIST


_BESIDE_THE_BACK_REPLIES = frozenset(
    SCOPE_RESPONSES[scope] for scope in BESIDE_THE_BACK if scope in SCOPE_RESPONSES
)


def _reject_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, domain: DomainDict
) -> dict[str, Any]:
    """The check-in's answer to a message it cannot use, and the slot emptied.

    A question whether to see someone is answered from the patient's own answers when
    they already meet a criterion. A second unusable answer in a row gets the way out
    (stop, or the clinic's phone) with any answer to a question, so the same question
    is never simply asked a third time.
    """
    if _asks_whether_to_be_seen(tracker) and say_criterion_met(dispatcher, tracker):
        return {slot: None}
    if asks_why_it_is_asked(_latest_text(tracker)):
        # "Why do you need to know that?": what the answers are for, then the question.
        dispatcher.utter_message(response="utter_why_checkin_asks")
        return {slot: None}
    if asks_about_the_service(_latest_text(tracker)):
        # "Do you do home visits or not?": a question for the clinic's team, pointed to
        # them, then the check-in's question again.
        give_contact(dispatcher, "utter_clinic_info")
        return {slot: None}
    if thanks_only(tracker) or not _asked_again_unanswered(list(tracker.events), slot):
        # A message that was only a question beside the back, answered just now, answers
        # nothing: the question is asked again without "sorry, I didn't catch that".
        answered_beside = any(
            message.get("response") in _BESIDE_THE_BACK_REPLIES for message in dispatcher.messages
        )
        return reject(dispatcher, tracker, slot, domain, say_sorry=not answered_beside)
    topic = answer_clear_question(dispatcher, tracker, domain) or {}
    give_contact(dispatcher, "utter_checkin_way_out")
    return {slot: None, **topic}


def _symptom_answer(text: str, symptoms: NerveSymptoms) -> dict[str, Any]:
    """The nerve symptoms as the slot stores them, and the warning signs if denied too.

    The question also lists the warning signs. A "no" to the whole list ("no", "none of
    these"), or an answer about the nerve symptoms with a no to the rest ("no numbness,
    nothing of this", "my hands tingle, none of the other stuff") answers both; an answer
    about the nerve symptoms alone ("no numbness", "tingling in my toes") or a bare "yes"
    leaves the warning signs to be asked on their own.
    """
    answered: dict[str, Any] = {"nerve_symptoms": dataclasses.asdict(symptoms)}
    if _no_to_the_warning_signs(text) or (
        _blanket_no(text, symptoms) and not _names_only_some_signs(text)
    ):
        answered["red_flags_denied"] = True
    return answered


def _names_only_some_signs(text: str) -> bool:
    """A no that names some warning signs only ("no fever, toilet is normal, i not fall").

    The signs it leaves out (numbness around the groin, weakness in both legs) are asked
    about on their own; a plain "no" answers the whole list.
    """
    named = red_flags_named_absent(text)
    return bool(named) and bool(remaining_safety_signs(named)) and not _BARE_NO_FIRST.match(text)


_NOT_NOW = re.compile(
    r"\b(?:not\s+now|nothing\s+now|none\s+now|gone\s+now|not\s+anymore|no\s+more)\b", re.I
)


def _only_in_the_past(text: str) -> NerveSymptoms | None:
    """None of them now, when the answer names them only as an episode that is over.

    "Not now. I had tingling in my leg last year but it went away, nothing now": the
    tingling's word alone would read as tingling today.
    """
    now = current_story(text)
    if now == text:
        return None
    told = parse_nerve_symptoms(now)
    if told is not None:
        return told
    return NONE_REPORTED if _NOT_NOW.search(now) or not now.strip() else None


def nerve_answer(text: str) -> dict[str, Any] | None:
    """The check-in slots a message answers when read as the answer to the nerve question.

    For a message the emergency check interrupted ("both legs feel weak when I stand long,
    no bladder stuff"): once the check is cleared, the check-in goes on with that answer
    rather than asking the question the patient has already answered.
    """
    symptoms = parse_nerve_symptoms(text)
    return None if symptoms is None else _symptom_answer(text, symptoms)


# Intents whose check-in rules take the turn (data/rules_triage.yml, rules_leaving.yml):
# the patient wants to book, stop, leave, or asks whether it is urgent.
TAKEN_BY_RULES = frozenset({"request_appointment", "stop", "goodbye", "ask_if_urgent"})


def _answered_with_a_question(events: list[EventType], text: str) -> bool:
    """Whether the message answered a check-in question and asked something beside it."""
    answered = any(
        event.get("event") == "slot"
        and event.get("name") in _CHECKIN_SLOTS
        and event.get("value") is not None
        for event in events
    )
    clauses = [clause for clause in side_clauses(text) if clause.strip()]
    return answered and len(clauses) > 1 and any(_asks(clause) for clause in clauses[1:])


_LEADING_LINK = re.compile(r"^\s*(?:but|and|also|so|ok|okay|oh)\b[\s,]*", re.IGNORECASE)
_WHAT_ABOUT = re.compile(r"^\s*(?:what|how)\s+about\b", re.IGNORECASE)


def _asks(clause: str) -> bool:
    """A clause that asks something: "what about yoga?", not "since last summer?"."""
    bare = _LEADING_LINK.sub("", clause)
    if _NOT_ANSWERED.search(bare):
        # "5ish. you didnt answer about medication though": asked again, without a "?".
        return True
    # "and medication, is there anything that helps?": the topic, then its question.
    after_topic = bare.split(",", 1)[1].strip() if "," in bare else ""
    return is_question(bare) and (
        opens_as_question(bare)
        or bool(after_topic and opens_as_question(after_topic))
        or bool(_WHAT_ABOUT.match(bare))
        or activity_asked_about(bare) is not None  # "yoga or pilates??"
        or asks_if_it_gets_worse(bare)  # "you didn't say if it's going to get worse?"
    )


_NOT_ANSWERED = re.compile(
    r"\byou\s+(?:didn'?t|didnt|did\s+not|never|haven'?t|havent)\s+(?:answer\w*|say|said|tell\s+me)"
    r"\s+(?:me\s+)?(?:about|on|re)\b",
    re.IGNORECASE,
)


_CHECKIN_SLOTS = frozenset(
    {"pain_duration_days", "pain_severity", "nerve_symptoms", "red_flags_denied"}
)


def _answer_beside(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType]:
    """The reply to a question said beside a check-in answer, when it has a clear one."""
    text = _latest_text(tracker)
    if asks_if_it_gets_worse(text):
        # "No none. But you didn't say if it's going to get worse?"
        dispatcher.utter_message(response="utter_whether_it_gets_worse")
        return []
    if asks_why_it_is_asked(text):
        # "No none of those. Why are you asking about a fever??": why the warning signs
        # are asked about, or what the answers are for.
        asked = tracker.get_slot("requested_slot")
        dispatcher.utter_message(
            response="utter_why_safety_question"
            if asked == "red_flags_denied" or names_a_warning_sign(text)
            else "utter_why_checkin_asks"
        )
        return []
    activity = activity_asked_about(text)
    if activity is not None:
        # "Yoga or pilates?": the guide names neither; what it says of exercise.
        return say_activity_answer(dispatcher, tracker, domain, activity)
    topic = answer_clear_question(dispatcher, tracker, domain, asked=True)
    return [SlotSet(name, value) for name, value in (topic or {}).items()]


def _puts_the_score_right(text: str, tracker: Tracker) -> bool:
    """Whether the message only puts the pain score right, with no answer beside it.

    A correction ("actually", "no wait, more like") naming a score other than the one
    given, no symptom words, and not opening with a plain no (not "no wait"), which
    would answer.
    """
    stated = stated_severity(text)
    # The score before this message: this one's may already be the new score.
    before = _before_this_message(tracker, "pain_severity")
    return (
        stated is not None
        and stated != before
        and _CORRECTION.search(text) is not None
        and not _NERVE_WORDS.search(text)
        and not re.match(r"^\W*(?:no|nope|none|nah)\b(?!\W*wait\b)", text, re.IGNORECASE)
    )


def _only_how_long(text: str) -> bool:
    """A short answer that says only how long ("about 6 weeks"), no symptom with it."""
    return only_a_duration(text) and not _NERVE_WORDS.search(text)


class ValidateSymptomCheckinForm(FormValidationAction):
    """Turn free-text answers into days, a 0-10 score, symptoms and the red-flag answer.

    Before asking, each run looks for values the patient already gave in any earlier
    turn, so that nothing is asked twice.
    """

    def name(self) -> str:
        """Rasa calls this before and after each answer to the check-in."""
        return "validate_symptom_checkin_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Validate the answers; as the check-in starts, note whose pain it is about.

        A reply two parts of the turn both give (the medicine question beside an answer,
        seen by the scope gate and by the answer beside it) is said once.
        """
        events = await self._run(dispatcher, tracker, domain)
        drop_repeated_replies(dispatcher)
        return events

    async def _run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        latest = tracker.latest_message or {}
        beside = reply_beside_the_back(latest)
        if (
            beside is not None
            and tracker.get_slot("requested_slot") is not None
            and (
                is_question(str(latest.get("text") or ""))
                or str(latest.get("scope")) in TOLD_NOT_ASKED
            )
            and not replies_since_the_message(list(tracker.events))
        ):
            # "No numbness. My brother gave me his tramadol, is it ok to take?": the answer
            # is read as usual, and the question beside it gets its reply.
            dispatcher.utter_message(response=beside)
        said = str(latest.get("text") or "")
        if tracker.get_slot("requested_slot") is not None and (
            child := child_reply_instead(dispatcher, said)
        ):
            # "No it's not me, it's my son, he's 11": the questions and their advice are
            # written for adults; a doctor should see a child's back pain. The check-in ends
            # with no result (`ActionTriageDecision`).
            return [*child, SlotSet("requested_slot", None)]
        if tracker.get_slot("requested_slot") is not None and not_the_back_after_all(said):
            # "Sorry I meant my neck, not my back": the questions are about the back, which
            # the guide covers; the other joint's reply, and the check-in ends with no result.
            dispatcher.utter_message(response=SCOPE_RESPONSES[Scope.OTHER_JOINT.value])
            return [SlotSet("requested_slot", None)]
        said_before = len(dispatcher.messages)
        events = await self._validate(dispatcher, tracker, domain)
        if (
            tracker.get_slot("requested_slot") is None
            and asks_if_they_should_be_seen(said)
            and not any(event.get("event") == "action_execution_rejected" for event in events)
        ):
            # "... 6 weeks, about a 5 ... Should I come in?" as the check-in starts: the
            # answers it read already say yes, which is said before its questions.
            answered = tracker.copy()
            answered.add_slots([event for event in events if event.get("event") == "slot"])
            say_criterion_met(dispatcher, answered)
        if tracker.get_slot("requested_slot") is not None and (
            _IT_IS_MINE.search(said) or _ASKING_FOR_ANOTHER.search(said)
        ):
            # "It's not me, it's my dad" or "who is they? it's me": whose pain it is, put
            # right in the middle of the check-in, for the questions still to come; no
            # "please answer yes or no" first, as that was no attempt at an answer.
            events.append(SlotSet(FOR_SOMEONE_ELSE, not _IT_IS_MINE.search(said)))
            dispatcher.messages[said_before:] = [
                message
                for message in dispatcher.messages[said_before:]
                if not str(message.get("response") or "").startswith("utter_wrong_")
            ]
        stiffness = STIFFNESS if tells_stiffness_without_pain(said) else None
        if (
            stiffness or tracker.get_slot("requested_slot") is None
        ) and stiffness != tracker.get_slot(COMPLAINT_SLOT):
            # "Not in pain, just stiff": the questions ask about the stiffness, said as the
            # check-in starts or in any answer; a new check-in starts without it.
            events.append(SlotSet(COMPLAINT_SLOT, stiffness))
        if tracker.get_slot("requested_slot") is None:
            theirs = for_someone_else(tracker)
            if theirs != bool(tracker.get_slot(FOR_SOMEONE_ELSE)):
                events.append(SlotSet(FOR_SOMEONE_ELSE, theirs))
            if (
                tracker.get_slot(BOOKING_ASKED)
                and not _asked_to_book(events)
                # Set by the check-in's start for this very message ("hi want to book
                # something for my back"), not left from an earlier check-in.
                and not asks_to_book(_latest_text(tracker))
            ):
                events.append(SlotSet(BOOKING_ASKED, None))
            if tracker.get_slot(SAFETY_UNANSWERED):
                events.append(SlotSet(SAFETY_UNANSWERED, None))
        return events

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Only the safety question once the patient has asked to book; none if they pass it by."""
        if tracker.get_slot(BOOKING_ASKED):
            if tracker.get_slot(SAFETY_UNANSWERED):
                return []
            return [slot for slot in domain_slots if slot == "red_flags_denied"]
        return domain_slots

    async def _validate(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Hand the turn to the check-in's rules when the patient asks to book, stop or leave.

        The form would otherwise take an answer in the same message ("2 months, but I want
        an appointment") and ask its next question. Those answers are kept, and rejecting
        the form lets Rasa's rules for the intent run, as for any message with no answer.
        A question one FAQ answer clearly fits, asked with a stop ("stop, I only asked if
        the gym is ok"), is answered.
        """
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        # After the rule has answered, the form runs again to ask its question: the
        # message is the same, but the turn is no longer the patient's.
        if _answered_since_message(tracker):
            return await self._after_a_rule(dispatcher, tracker, domain)
        if intent not in TAKEN_BY_RULES:
            events = await super().run(dispatcher, tracker, domain)
            if _answered_with_a_question(events, _latest_text(tracker)) and not (
                replies_since_the_message(list(tracker.events))
            ):
                # "Moderate I guess. But what about yoga vs pilates?": the answer is taken,
                # and the question beside it gets its reply before the next question.
                events += _answer_beside(dispatcher, tracker, domain)
            return events
        # Not yet a yes or no: None, or the text Rasa extracted for the question asked.
        answered = isinstance(tracker.get_slot("red_flags_denied"), bool)
        text = _latest_text(tracker)
        if intent == "request_appointment" and not answered and _booking_not_wanted(text):
            # "Hmm not sure I want to come in, can I try exercises first?": no booking is
            # asked for; the question beside it is answered and the check-in goes on.
            topic = answer_clear_question(dispatcher, tracker, domain, asked=True) or {}
            requested = tracker.get_slot("requested_slot")
            return [
                *(SlotSet(name, value) for name, value in topic.items()),
                *([SlotSet(requested, None)] if requested else []),
            ]
        if intent == "request_appointment" and not answered:
            return await self._safety_question_first(dispatcher, tracker, domain)
        form_slots = set(self.domain_slots(domain))
        kept = [
            event
            for event in await super().run(CollectingDispatcher(), tracker, domain)
            if event.get("event") == "slot"
            and event.get("name") in form_slots
            and event.get("value") is not None
        ]
        requested = tracker.get_slot("requested_slot")
        if requested in form_slots and requested not in {event["name"] for event in kept}:
            # Rasa's slot extraction put the message's text in the slot asked for ("is it an
            # emergency" as the pain score); it is no answer, so the question is asked again.
            kept.append(SlotSet(requested, None))
        if intent == "stop":
            # Whatever follows a stop is why: often the question the check-in got in the way of.
            topic = (
                answer_clear_question(dispatcher, tracker, domain, asked=True)
                if asks_something(_latest_text(tracker))
                else None
            ) or {}
            kept += [SlotSet(name, value) for name, value in topic.items()]
            # What the answers so far already say is not lost with the questions, unless
            # the patient says there is no pain ("I don't have pain now, I asked about
            # exercise"): a duration read from their story is then no pain's.
            answered = tracker.copy()
            answered.add_slots(kept)
            if not says_no_pain(_latest_text(tracker)):
                say_criterion_met(dispatcher, answered, "utter_checkin_stopped_criterion_met")
        return [*kept, ActionExecutionRejected(self.form_name())]

    async def _safety_question_first(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """A request to book before the warning signs are answered: they are asked first.

        The answers given so far are kept and the other questions are dropped; a yes in
        the request ("yes please book for her") may be to the booking, so the safety
        question is asked again rather than read as a warning sign. Asked to book a second
        time, the booking goes ahead (see `_booking_before_the_answer`). The booking follows
        the check-in's result (actions run by `ActionTriageDecision`).
        """
        kept = [
            event
            for event in await super().run(CollectingDispatcher(), tracker, domain)
            if event.get("event") == "slot"
            and event.get("name") in set(self.domain_slots(domain)) - {"red_flags_denied"}
            and event.get("value") is not None
        ]
        requested = tracker.get_slot("requested_slot")
        if requested not in {event["name"] for event in kept} | {None}:
            # Rasa's slot extraction put the request in the slot asked for: no answer.
            kept.append(SlotSet(requested, None))
        answered = _no_before_the_request(tracker)
        if answered:
            # "No. Just book me the first thing you have": the question answered, then the
            # booking straight after the check-in's result.
            return [
                *(event for event in kept if event["name"] not in answered),
                *(SlotSet(name, value) for name, value in answered.items()),
                SlotSet(BOOKING_ASKED, True),
            ]
        answer = _booking_before_the_answer(dispatcher, tracker)
        if answer.get(SAFETY_UNANSWERED):
            return [
                *kept,
                *(SlotSet(name, value) for name, value in answer.items()),
                SlotSet("requested_slot", None),
            ]
        return [
            *kept,
            *(SlotSet(name, value) for name, value in answer.items()),
            SlotSet("requested_slot", "red_flags_denied"),
        ]

    async def _after_a_rule(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Before the form asks again once a rule has answered (an FAQ, the clinic's phone).

        The message may still have answered the question ("I already said no numbness",
        read as an FAQ question), which extraction takes. If not, and it is the second
        such message in a row, the patient hears the way out; a question whether to be
        seen gets a yes when their answers already meet a criterion.
        """
        events = await super().run(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot")
        filled = {
            event.get("name")
            for event in events
            if event.get("event") == "slot" and event.get("value") is not None
        }
        if requested not in self.domain_slots(domain) or requested in filled:
            return events
        if _asks_whether_to_be_seen(tracker) and say_criterion_met(dispatcher, tracker):
            return events
        if _asked_again_unanswered(list(tracker.events), requested):
            give_contact(dispatcher, "utter_checkin_way_out")
        return events

    async def extract_pain_duration_days(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The duration from an earlier message, or a correction ("it's closer to 2 months")."""
        asked = tracker.get_slot("requested_slot") == "pain_duration_days"
        if tracker.get_slot("pain_duration_days") is not None:
            if asked or not tracker.get_slot("requested_slot"):
                return {}
            text = _latest_text(tracker)
            if not _CORRECTION.search(text) and not _only_how_long(text):
                # "tingling in my foot for a month" is about the tingling; "about 6 weeks"
                # said alone, while asked something else, puts the length right.
                return {}
            corrected = parse_duration_days(text, date.today())
            if corrected == 0 and not _STARTED_TODAY.search(text):
                # "Sorry, actually it's more like a 7 - I was thinking of today": the
                # score put right, and "today" no duration.
                return {}
            return {"pain_duration_days": corrected} if corrected is not None else {}
        days = given_before(
            tracker,
            lambda text: _length_told(
                current_story(text, someone_else=for_someone_else(tracker)), text
            ),
            "duration",
            any_latest=not asked,
        )
        return {"pain_duration_days": days} if days is not None else {}

    async def extract_nerve_symptoms(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Symptoms the patient reported or denied in an earlier message ("no numbness").

        While the question is open, the answer usually comes as text the form validates;
        a message read as something else ("I ALREADY said no numbness", taken for an FAQ
        question) still answers it when it names the symptoms.
        """
        if tracker.get_slot("nerve_symptoms") is not None:
            return {}
        if tracker.get_slot("requested_slot") == "nerve_symptoms":
            if "nerve_symptoms" in tracker.slots_to_validate():
                return {}
            text = _latest_text(tracker)
            no = _no_then_a_question(text) or _no_then_a_remark(text)
            if no is not None:
                # "No none of that. Is it ok to take ibuprofen?": the no answers the whole
                # question; the question beside it is answered by its own rule.
                return _symptom_answer(no, NONE_REPORTED)
            symptoms = stated_symptoms(
                current_story(text, someone_else=for_someone_else(tracker)), own=True
            )
            return _symptom_answer(text, symptoms) if symptoms is not None else {}
        found = given_before(
            tracker,
            lambda text: stated_symptoms(
                current_story(text, someone_else=for_someone_else(tracker)), own=True
            ),
            "symptom",
            any_latest=True,
        )
        return {"nerve_symptoms": dataclasses.asdict(found)} if found is not None else {}

    async def extract_red_flags_denied(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A plain no to the warning signs in a message read as something else.

        "I said no numbness. no warning signs either" may be taken for an FAQ question, so
        Rasa leaves the answer out; it still answers the question asked. Only a no is
        read here: anything else is asked again, and red flags have their own rules.
        """
        if tracker.get_slot("red_flags_denied") is not None:
            return {}
        if tracker.get_slot("requested_slot") != "red_flags_denied":
            return {}
        if "red_flags_denied" in tracker.slots_to_validate():
            return {}
        text = _latest_text(tracker)
        if _no_then_a_question(text) is not None:
            # "No. Is that sciatica?": the no answers the question asked; the question
            # that follows is answered beside it.
            return {"red_flags_denied": True}
        if is_question(text) or not _no_to_the_warning_signs(text):
            return {}
        return {"red_flags_denied": True}

    async def extract_pain_severity(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The 0-10 score from an earlier message, when it is not known yet.

        Said in passing, "it hurts bad" does not say whether the pain is severe: the
        question is still asked.
        """
        if tracker.get_slot("pain_severity") is not None:
            # "Sorry I meant 3 not 8", "the pain is 3 not 8!!": the score said instead.
            text = _latest_text(tracker)
            corrected = _SCORE_CORRECTED.search(text)
            if corrected and int(corrected["old"]) == tracker.get_slot("pain_severity"):
                return {"pain_severity": int(corrected["new"])}
            if tracker.get_slot("requested_slot") != "pain_severity" and _CORRECTION.search(text):
                # "Sorry, actually at its worst it's more like a 7": the score said instead,
                # while another question is open.
                stated = stated_severity(text)
                if stated is not None and stated != tracker.get_slot("pain_severity"):
                    return {"pain_severity": stated}
            return {}
        asked = tracker.get_slot("requested_slot") == "pain_severity"
        # "7 when it shoots. is a disc bulge the same as a slipped disc?": the answer told
        # beside a question, which the form's own mapping leaves to the FAQ.
        with_a_question = (
            asked and intent_from_parse_data(tracker.latest_message or {}) in _QUESTION_INTENTS
        )
        score = given_before(
            tracker, stated_severity, "severity", any_latest=not asked or with_a_question
        )
        return {"pain_severity": score} if score is not None else {}

    def validate_pain_duration_days(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Days since the pain started, from "3 weeks", "since March" or "ages"."""
        text = _latest_text(tracker)
        before = _before_this_message(tracker, "pain_duration_days")
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            requested = tracker.get_slot("requested_slot")
            if (
                requested not in (None, "pain_duration_days")
                and before is not None
                and before != int(value)
                and _CORRECTION.search(text)
                and not (requested == "nerve_symptoms" and _only_how_long(text))
            ):
                # "Sorry I got mixed up, it's been 3 WEEKS not 3 days", told while asked
                # something else: the patient hears the change was taken.
                dispatcher.utter_message(response="utter_noted_duration")
            return {"pain_duration_days": int(value)}
        if (
            tracker.get_slot("requested_slot") not in (None, "pain_duration_days")
            and before is not None
            and names_a_nerve_symptom(text)
            and not _CORRECTION.search(text)
        ):
            # "No numbness but my right leg feels a bit weak, been like that a few weeks",
            # told in answer to the symptom question: how long the weakness has lasted, not
            # the pain (since January), which stays.
            return {"pain_duration_days": before}
        if tracker.get_slot("requested_slot") != "pain_duration_days" and text:
            # Told with the story: "surgery 3 years ago ... an ache for the last week" is a
            # week; the story's parts about what is over tell no duration.
            story = current_story(text, someone_else=for_someone_else(tracker))
            if story != text:
                told = _length_told(story, text)
                # "He had a fall 2 months ago but was checked": no duration of the pain now,
                # and the one already given stays.
                if told is None:
                    told = _before_this_message(tracker, "pain_duration_days")
                return {"pain_duration_days": told}
        days = parse_duration_days(str(value), date.today())
        if (
            days is not None
            and tracker.get_slot("requested_slot") != "pain_duration_days"
            and text.strip() != str(value).strip()
            and parse_duration_days(text, date.today()) is None
        ):
            # Not asked yet, and the message read whole gives no duration: "takes me about
            # half an hour to loosen up" is how long the stiffness lasts; the question is asked.
            return {"pain_duration_days": None}
        if days is None:
            days = parse_duration_days(text, date.today())
        if (
            days is None
            and tracker.get_slot("requested_slot") != "pain_duration_days"
            and isinstance(value, str)
            and text
            and value.strip() != text.strip()
        ):
            # "My back has hurt for a while": words read as a length before the question
            # was asked are no failed answer; the question is asked, without "sorry".
            return {"pain_duration_days": None}
        if (
            days is None
            and _CORRECTION.search(text)
            and (symptoms_put_right := stated_symptoms(text, own=True)) is not None
        ):
            # "Sorry typo, I meant NO tingling. Just the pain": the symptoms put right,
            # said so, and the question asked again without "sorry, I didn't follow".
            dispatcher.utter_message(response="utter_noted_symptoms")
            return {
                "pain_duration_days": None,
                "nerve_symptoms": dataclasses.asdict(symptoms_put_right),
            }
        if days is None and _CORRECTION.search(text) and stated_severity(text) is not None:
            # "Actually it's more like 3/10, I exaggerated" while asked how long: the score
            # put right (the severity's own validation keeps it), said so, and the question
            # asked again without "sorry, I didn't catch how long".
            dispatcher.utter_message(response="utter_noted_symptoms")
            return {"pain_duration_days": None}
        if days is None and stated_severity(text) is not None:
            # "Its pretty bad like a 7 when i sit" while asked how long: the score is kept
            # (the severity's own extraction takes it), said so, and how long asked again
            # without "sorry, I didn't catch how long".
            dispatcher.utter_message(response="utter_noted_symptoms")
            return {"pain_duration_days": None}
        return (
            {"pain_duration_days": days}
            if days is not None
            else _reject_answer(dispatcher, tracker, "pain_duration_days", domain)
        )

    def validate_pain_severity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A 0-10 score, from a number or words such as mild or unbearable.

        A value found before the question was asked (the severity entity in "hurts bad
        when I sit") counts only if it says how bad; otherwise the question is asked.
        """
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 10:
            return {"pain_severity": int(value)}
        text = _latest_text(tracker)
        if tracker.get_slot("requested_slot") == "pain_severity" and asks_about_the_scale(text):
            # "What does 10 mean, like a broken bone?" is no score: the scale is explained
            # and the question asked again.
            dispatcher.utter_message(response="utter_explain_pain_scale")
            return {"pain_severity": None}
        if tracker.get_slot("requested_slot") != "pain_severity":
            # The whole sentence first: the entity alone ("terrible") cannot see "its not
            # terrible most of the time".
            stated = stated_severity(text) if text else None
            if stated is None and str(value).lower() not in text.lower():
                stated = stated_severity(str(value))
            if stated is None:
                # "Is that bad?" about another answer: the score given before stays.
                return {"pain_severity": _before_this_message(tracker, "pain_severity")}
            return {"pain_severity": stated}
        if tracker.get_slot(COMPLAINT_SLOT) == STIFFNESS and parse_yes_no(text) is False:
            # "No" to "Is there any pain with it?", asked of stiffness: no pain, a 0.
            return {"pain_severity": 0}
        score = parse_severity(str(value))
        if score is None:
            score = parse_severity(_latest_text(tracker))
        if score is None and parse_duration_days(str(value), date.today()) is not None:
            # A correction of how long ("actually it's closer to 2 months"), taken by
            # extract_pain_duration_days: the question is simply asked again.
            return {"pain_severity": None}
        told = reported_symptoms(_latest_text(tracker), own=True) if score is None else None
        if told is not None and (told.numbness or told.tingling or told.weakness):
            # "Yes, tingling in my left foot" while asked how bad: the symptom is kept for
            # its own question, and how bad is asked again without "sorry".
            dispatcher.utter_message(response="utter_noted_symptoms")
            return {"pain_severity": None, "nerve_symptoms": dataclasses.asdict(told)}
        return (
            {"pain_severity": score}
            if score is not None
            else _reject_answer(dispatcher, tracker, "pain_severity", domain)
        )

    def validate_nerve_symptoms(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Numbness, tingling or weakness and where, reading the whole sentence for negation.

        A prefilled value comes from a spaCy entity ("numbness"), which cannot see "no
        numbness", so the patient's own sentence decides. An answer to the question may
        answer the warning signs too (see `_symptom_answer`).
        """
        if nerve_symptoms_from_slot(value) is not None:
            return {"nerve_symptoms": value}
        text = _latest_text(tracker)
        if (
            _SCORE_CORRECTED.search(text)
            and not _NERVE_WORDS.search(text)
            and not re.match(r"^\W*(?:no|nope|none|nah)\b", text, re.IGNORECASE)
        ):
            # "Sorry I meant 3 not 8, typo": the score put right (read by its extraction),
            # no answer to this question, which is asked again without "sorry".
            return {"nerve_symptoms": None}
        if asks_what_it_means(text):
            # "Not sure what you mean by tingling" is no "no": the words are explained,
            # and the question is asked again.
            dispatcher.utter_message(response="utter_explain_nerve_symptoms")
            return {"nerve_symptoms": None}
        asked = tracker.get_slot("requested_slot") == "nerve_symptoms"
        if not asked and _NERVE_WORDS.search(text):
            # Not asked yet, and told in this message: only what the story says of now
            # ("tingling once, five years ago", "do I need to worry about the tingling?"
            # report nothing).
            told = stated_symptoms(
                current_story(text, someone_else=for_someone_else(tracker)), own=True
            )
            if told is None:
                # "Is the tingling bad?": nothing new said, the earlier answer stays.
                return {"nerve_symptoms": _before_this_message(tracker, "nerve_symptoms")}
            return {"nerve_symptoms": dataclasses.asdict(told)}
        if _puts_the_score_right(text, tracker):
            # "actually no wait, more like a 3, its not that bad": the "no" belongs to the
            # correction, not to this question, which is asked again.
            return {"nerve_symptoms": None}
        symptoms = parse_nerve_symptoms(text) or _only_in_the_past(text)
        symptoms = symptoms or parse_nerve_symptoms(str(value))
        if symptoms is None and _CORRECTION.search(text) and stated_severity(text) is not None:
            # "Actually it's more like a 7 when I bend down": the score put right (by its
            # extraction); the question is asked again without "sorry, I didn't follow".
            return {"nerve_symptoms": None}
        if (
            symptoms is None
            and tracker.get_slot("pain_duration_days") is not None
            and _only_how_long(text)
        ):
            # "About 6 weeks": how long, said again or put right (read by its extraction);
            # the question is asked again without "sorry, I didn't follow".
            dispatcher.utter_message(response="utter_noted_duration")
            return {"nerve_symptoms": None}
        if symptoms is None:
            return _reject_answer(dispatcher, tracker, "nerve_symptoms", domain)
        if not asked:
            return {"nerve_symptoms": dataclasses.asdict(symptoms)}
        answered = _symptom_answer(text, symptoms)
        if answered.get("red_flags_denied") is True and _asks_to_be_seen(text):
            # "No fever, toilet is normal. I want see doctor, friday is good": both
            # questions answered, and the booking straight after the result.
            answered[BOOKING_ASKED] = True
        elif "red_flags_denied" not in answered and _yes_to_booking(text):
            # "no numb. yes please appointment": the safety question is left, and the
            # patient hears that the booking comes straight after it.
            dispatcher.utter_message(response="utter_safety_before_booking")
            answered[BOOKING_ASKED] = True
        return answered

    def validate_red_flags_denied(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """True when the patient says no to every warning sign, False when they say yes."""
        if isinstance(value, bool):
            return {"red_flags_denied": value}
        denied = red_flags_denied(str(value))
        if denied is None and _no_to_the_warning_signs(str(value)):
            denied = True  # "only my right leg, no other things"
        if denied is None and _NOT_NEW.search(str(value)) and not detect_red_flags(str(value)):
            # "Not weak exactly, just heavy after walking a while, it's been like that for
            # months, not new": no to new weakness, which is what the question asks.
            denied = True
        # "No fever, toilet is normal. I want see doctor, friday is good for me": the
        # booking asked for comes straight after the result.
        booking = (
            {BOOKING_ASKED: True} if denied and _asks_to_be_seen(_latest_text(tracker)) else {}
        )
        if denied is True and _some_signs_left(str(value), tracker):
            # "He's fine with the toilet, no fever, no falls": the signs not named (numbness
            # around the groin, weakness in both legs) are asked about on their own.
            return {"red_flags_denied": None, **booking}
        if denied is False and not detect_red_flags(str(value)) and reported_symptoms(str(value)):
            # "yes, like I said my leg tingles": a yes about the tingling, not a warning
            # sign; asked again plainly rather than sent to A&E.
            return _reject_answer(dispatcher, tracker, "red_flags_denied", domain)
        if denied is False and not detect_red_flags(str(value)) and _yes_to_booking(str(value)):
            # "yes book me", "ok yeah let's book": a yes to the consultation the patient
            # expects next, not to a warning sign.
            return _booking_before_the_answer(dispatcher, tracker)
        if denied is None and asks_what_a_sign_means(str(value)):
            # "what is bowel? sorry i dont know this word": the signs in plain words, then
            # the question again.
            dispatcher.utter_message(response="utter_red_flags_in_plain_words")
            return {"red_flags_denied": None}
        if denied is None and _goes_on_about_booking(_latest_text(tracker)):
            # "tuesday morning would be best": the time for the booking, not an answer.
            return _booking_before_the_answer(dispatcher, tracker)
        # "No none of those. My right leg gets a bit pins and needles at night tho": the
        # symptom told with the no is kept for the result, whatever was answered before.
        told = reported_symptoms(str(value), own=True) if denied is True else None
        symptoms = (
            {"nerve_symptoms": dataclasses.asdict(told)}
            if told is not None and told != NONE_REPORTED
            else {}
        )
        if booking:
            return {"red_flags_denied": True, **booking, **symptoms}
        return (
            {"red_flags_denied": denied, **symptoms}
            if denied is not None
            else _reject_answer(dispatcher, tracker, "red_flags_denied", domain)
        )


def _asks_to_be_seen(text: str) -> bool:
    """A request to book or to be seen, told with the answer."""
    return mentions_booking(text) or asks_for_a_time(text, clinic_now())


def _goes_on_about_booking(text: str) -> bool:
    """A request to book, or a time for it, that names none of the warning signs.

    Not "hmm not sure I want to come in, can I try exercises first?": a booking not wanted.
    """
    if detect_red_flags(text) or names_a_warning_sign(text):
        return False
    if _booking_not_wanted(text):
        return False
    return mentions_booking(text) or parse_time_preference(text, clinic_now()) is not None


def _booking_not_wanted(text: str) -> bool:
    """Whether the patient says they do not want, or are unsure they want, to be seen."""
    return wants_no_appointment(text) or bool(_DOES_NOT_WANT_TO_BOOK.search(text))


_DOES_NOT_WANT_TO_BOOK = re.compile(
    r"\b(?:not\s+sure\s+(?:if\s+)?(?:i\s+)?(?:want|need)|(?:don'?t|do\s+not|dont)\s+(?:really\s+)?"
    r"(?:want|need)|rather\s+not|no\s+need)\s+to\s+(?:come\s+in|book|see|be\s+seen|go)\b",
    re.IGNORECASE,
)


def _booking_before_the_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> dict[str, Any]:
    """The booking asked for while the safety question waits for its yes or no.

    When the question with the warning signs was the last thing the patient read and
    they asked to book instead of answering, or when they already heard that the booking
    comes straight after it, the booking goes ahead and the urgent advice is said once
    more: asking again would only grind, and every message is still read for red flags.
    Otherwise (a booking asked for before the question, or with a yes that may be to the
    warning signs) the patient hears that the booking comes straight after the one
    question, which is asked.
    """
    if _told_booking_comes_next(tracker) or (
        _safety_question_seen(tracker) and red_flags_denied(_latest_text(tracker)) is None
    ):
        dispatcher.utter_message(response="utter_booking_safety_unanswered")
        return {"red_flags_denied": None, BOOKING_ASKED: True, SAFETY_UNANSWERED: True}
    dispatcher.utter_message(response="utter_safety_before_booking")
    return {"red_flags_denied": None, BOOKING_ASKED: True}


def _no_before_the_request(tracker: Tracker) -> dict[str, Any]:
    """The no that opens a request to book, read as the answer to the question asked.

    "No. Just book me the first thing you have, any day": Rasa's extraction leaves a
    request to book out of the answers, so the no would be lost and the question asked
    again. Only a no that answers every warning sign counts; a yes in a request ("yes
    please book for her") may be to the booking and is asked about again.
    """
    text = _latest_text(tracker)
    if detect_red_flags(text) or red_flags_denied(text) is not True:
        return {}
    requested = tracker.get_slot("requested_slot")
    if requested == "red_flags_denied":
        return {} if _some_signs_left(text, tracker) else {"red_flags_denied": True}
    symptoms = parse_nerve_symptoms(text)
    if requested != "nerve_symptoms" or symptoms is None:
        return {}
    answered = _symptom_answer(text, symptoms)
    return answered if answered.get("red_flags_denied") is True else {}


def _safety_question_seen(tracker: Tracker) -> bool:
    """Whether the reply just before the latest message asked about the warning signs."""
    return _said_since_the_previous_message(tracker) & _WARNING_SIGN_QUESTIONS != set()


_WARNING_SIGN_QUESTIONS = frozenset(
    {"utter_ask_red_flags_denied", "utter_ask_remaining_red_flags", "utter_ask_nerve_symptoms"}
)


def _said_since_the_previous_message(tracker: Tracker) -> set[str]:
    """The responses the assistant gave between the patient's last two messages.

    Unlike `previous_turn_replies`, a reply before the patient's first message counts.
    """
    said: set[str] = set()
    before_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if before_latest:
                break
            before_latest = True
        elif before_latest and event.get("event") == "bot":
            said.add(str((event.get("metadata") or {}).get("utter_action")))
    return said


def _told_booking_comes_next(tracker: Tracker) -> bool:
    """Whether the patient heard, before the latest message, that the booking comes next.

    Only in this check-in: "I'll help you book straight after one safety question". Read
    from the replies rather than the slot: a validation run on the same message may
    already have set the slot.
    """
    before_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            before_latest = True
        elif before_latest and event.get("event") == "bot":
            said = (event.get("metadata") or {}).get("utter_action")
            if said == "utter_safety_before_booking":
                return True
            if said == "utter_start_checkin":
                return False
    return False


def _yes_to_booking(text: str) -> bool:
    """A yes that goes on about booking and names none of the warning signs."""
    return mentions_booking(text) and not names_a_warning_sign(text)


def or_list(items: list[str]) -> str:
    """The signs as the safety question says them: "a", "a or b", "a, b, or c"."""
    if len(items) <= 2:
        return " or ".join(items)
    return ", ".join(items[:-1]) + ", or " + items[-1]


class ActionAskRedFlagsDenied(Action):
    """The safety question, without the signs the patient has already said they do not have."""

    def name(self) -> str:
        """Rasa's forms call `action_ask_<slot>` instead of `utter_ask_<slot>` when it exists."""
        return "action_ask_red_flags_denied"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """All the signs, or only those not yet denied ("no problems with the toilet")."""
        if asks_if_a_strain_counts(_latest_text(tracker)):
            # "Does lifting the box count as an accident?": answered before the question.
            dispatcher.utter_message(response="utter_explain_serious_injury")
        denied = _named_absent_lately(tracker)
        remaining = remaining_safety_signs(denied)
        if not denied or not remaining:
            dispatcher.utter_message(response="utter_ask_red_flags_denied")
            return []
        dispatcher.utter_message(response="utter_ask_remaining_red_flags", signs=or_list(remaining))
        return []


class ActionStartCheckin(Action):
    """Start the check-in; a question told with the story gets its answer first."""

    def name(self) -> str:
        """Named in the rules that start the check-in for the patient's own pain."""
        return "action_start_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The answer, when the question clearly has one, then the check-in's opening.

        "I've had this ache for 10 days, no numbness. Anything I can do at home?": the
        story is what the check-in is for (it reads it from this message), and the
        question is not left unanswered because the story came first.
        """
        text = str((tracker.latest_message or {}).get("text") or "")
        if (
            tracker.get_slot("scope_reason") == "child"
            and not tells_own_pain_outright(text)
            and not says_it_is_not_a_child(text)
        ):
            # Still about the child just spoken of ("can't I just do the stretches with
            # him?"): the check-in and its advice are written for adults.
            dispatcher.utter_message(response="utter_scope_child_again")
            return [FollowupAction("action_listen")]
        if (child := child_reply_instead(dispatcher, text)) is not None:
            # "Random q first, is there a bus near you? Anyway my son is 9 and his back
            # hurts": whatever else the message was read as, the check-in and its advice
            # are written for adults; a doctor should see a child's back pain.
            return [*child, FollowupAction("action_listen")]
        if not_the_back_after_all(text):
            # "Sorry I meant my knee, not my back" after an answer about the back: the
            # other joint's reply, not the back's check-in.
            dispatcher.utter_message(response=SCOPE_RESPONSES[Scope.OTHER_JOINT.value])
            return [FollowupAction("action_listen")]
        if warning_signs_instead(dispatcher, text):
            return [FollowupAction("action_listen")]
        if (elsewhere := still_about_another_part(tracker)) is not None:
            # "Ok what about ice on it, or should I keep walking on it" right after the reply
            # about a swollen knee: still the knee, which the guide and the check-in are not
            # about; the same reply again, not the back's answer.
            dispatcher.utter_message(response=elsewhere)
            return [FollowupAction("action_listen")]
        if tells_only_a_passing_nerve_symptom(text):
            # A leg asleep from sitting, told with no pain: not a warning sign, said
            # plainly with when to see someone; no questions about a pain not had.
            dispatcher.utter_message(response="utter_passing_nerve_symptom")
            return [FollowupAction("action_listen")]
        if complains_about_the_clinic(text):
            give_contact(dispatcher, "utter_sorry_for_the_trouble")
        if another_joint_too(text, body_parts_from_parse_data(tracker.latest_message or {})):
            # "I have pain in knee, right one, and also low back": the questions are about
            # the back; the knee is the clinic's to see, said first.
            dispatcher.utter_message(response="utter_other_joint_beside_checkin")
        activity = activity_asked_about(text)
        if (
            activity is not None
            and not tells_own_pain_outright(text)
            and not tells_own_pain_and_asks(text, date.today())
        ):
            # "Is swimming ok?" with no story of the pain: a question about the activity.
            return [
                *say_activity_answer(dispatcher, tracker, domain, activity),
                FollowupAction("action_listen"),
            ]
        if wants_no_appointment(text) and not _all_answered(tracker, domain):
            # "I don't really want to see anyone, is there anything I can do myself?":
            # what the guide says helps, when it says to see someone and when not to wait,
            # with the check-in offered rather than started.
            dispatcher.utter_message(response="utter_self_help_without_booking")
            return [FollowupAction("action_listen")]
        topic: list[EventType] = []
        if (
            _all_answered(tracker, domain)
            and tracker.get_slot("triage_outcome")
            and asks_if_serious(text)
            and not checkin_corrections(tracker, text)
        ):
            # "Oh god. Is the weakness serious?? I'm not going to end up in a wheelchair am
            # I" after the result: how urgent, from what the check-in found, and that how
            # one's own back will go is beyond the guide.
            dispatcher.utter_message(response="utter_urgency_advice")
            if asks_if_it_gets_worse(text):
                dispatcher.utter_message(response="utter_whether_it_gets_worse")
            return [FollowupAction("action_listen")]
        # "Back pain 3 days, 2/10, no numbness. What should I do?": the check-in's result
        # is the answer, not a paragraph before it.
        asks_more = not only_asks_what_to_do(text) and not _only_asks_to_book(text)
        if asks_more and tells_own_pain_and_asks(text, date.today()):
            # "Three things: does sitting cause this? what stretches? do I need an MRI?":
            # the one clear answer, or else each question that has one.
            clear = say_clear_answer(dispatcher, tracker, domain)
            topic = clear or answer_each_question(dispatcher, tracker, domain)
            said = len(dispatcher.messages)
            if not topic:
                # "3 months on and off. Is that chronic?": read as a follow-up to when to be
                # seen (or the condition named), before any "not covered" for the rest.
                topic = answer_question_told_with_the_pain(dispatcher, tracker, domain)
            if (clear or not topic) and len(dispatcher.messages) == said:
                # Said with the answers when there are several; else on its own here.
                answer_other_questions(dispatcher, tracker)
        if not topic and not dispatcher.messages and asks_in_some_sentence(text) and asks_more:
            # "I have sciatica. Will mine get worse?": the question, read as a follow-up.
            topic = answer_question_told_with_the_pain(dispatcher, tracker, domain)
        if activity is not None and not dispatcher.messages and asks_in_some_sentence(text):
            # "I'm dying to get back to tennis after my back flare-up, when can I?": the
            # guide names no sport, said so before the questions about the pain.
            dispatcher.utter_message(
                response="utter_activity_question_not_covered", activity=activity
            )
        if _all_answered(tracker, domain) and asks_what_helps_meanwhile(text):
            # "What can I do meanwhile?" after the result: not the result again, but
            # what helps until the consultation.
            dispatcher.utter_message(response="utter_meanwhile")
            return [FollowupAction("action_listen")]
        if not _all_answered(tracker, domain) and asks_to_book(text):
            # "Hi want to book something for my lower back, its been bad for weeks": the
            # booking they asked for, straight after the one safety question.
            dispatcher.utter_message(response="utter_safety_before_booking")
            return [*topic, SlotSet(BOOKING_ASKED, True)]
        if not _all_answered(tracker, domain):
            # With every answer already given ("my back still hurts" after the advice),
            # there are no questions to announce: the advice comes again on its own.
            dispatcher.utter_message(response="utter_start_checkin")
            return topic
        # "Oh wait, my left leg goes a bit numb, forgot about that": the answer the result
        # was worked out from, corrected, so the advice that comes again fits it.
        corrected = checkin_corrections(tracker, text)
        if corrected:
            dispatcher.utter_message(response="utter_noted_correction")
        elif (
            not topic
            and is_question(text)
            and (topic := say_clear_answer(dispatcher, tracker, domain))
        ):
            # "Maybe. What should I tell the doctor when I go?" after the result: the
            # question's answer, not the result again.
            return [*topic, FollowupAction("action_listen")]
        if topic and not corrected:
            # "Sharp stab when I sneeze, worry or not?" after the result: answered, and the
            # result and booking offer, unchanged, are not said again.
            return [*topic, FollowupAction("action_listen")]
        return [*topic, *corrected]


def _only_asks_to_book(text: str) -> bool:
    """Whether the message's only question asks to book: no FAQ answer is wanted first.

    "My back hurts one month, can I book?"
    """
    parts = question_parts(text)
    return bool(parts) and all(asks_to_book(last_clause(part)) for part in parts)


def _all_answered(tracker: Tracker, domain: DomainDict) -> bool:
    """Whether the check-in already holds an answer to each of its questions."""
    form = domain.get("forms", {}).get("symptom_checkin_form") or {}
    slots = form.get("required_slots") or []
    return bool(slots) and all(tracker.get_slot(slot) is not None for slot in slots)


GENERAL_ADVICE_CAVEAT = "general_advice_caveat"
EXERCISE_MADE_WORSE = "exercise_made_worse"
_CAVEAT_SCOPES = frozenset({"health_condition", "pregnancy", "prescription", "medicine_use"})


def _told_of_another_condition(tracker: Tracker) -> bool:
    """Whether this session told of another health condition, medicines or a pregnancy.

    "I'm on warfarin", "she has a heart condition", "I'm 24 weeks pregnant": the guide's
    advice to try over-the-counter anti-inflammatories is not for them without a doctor.
    """
    for event in session_messages(tracker):
        text = str(event.get("text") or "")
        scope = (event.get("parse_data") or {}).get("scope")
        if scope in _CAVEAT_SCOPES or about_a_health_condition(text) or about_pregnancy(text):
            return True
    return False


def _told_exercise_made_it_worse(tracker: Tracker) -> bool:
    """Whether this session said the exercise or stretching tried made the pain worse."""
    return any(
        (event.get("parse_data") or {}).get("scope") == Scope.WORSE_WITH_EXERCISE.value
        for event in session_messages(tracker)
    )


class ActionTriageDecision(Action):
    """Apply the clinic's referral rules to the check-in; the rules after it say the outcome."""

    def name(self) -> str:
        """Run when the check-in form completes."""
        return "action_triage_decision"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `triage_outcome` (emergency, consult, self_care) and the reasons in plain words."""
        if tracker.get_slot("scope_reason") == Scope.CHILD.value and about_a_child(
            _latest_text(tracker)
        ):
            # The check-in ended on learning it was a child's pain: the child's reply is said.
            return [SlotSet("checkin_done", None), FollowupAction("action_listen")]
        if not_the_back_after_all(_latest_text(tracker)):
            # Ended on learning it was another joint: its reply is said.
            return [SlotSet("checkin_done", None), FollowupAction("action_listen")]
        rules = clinic_referral_rules()
        decision = decide(checkin_from_tracker(tracker), rules)
        if isinstance(decision, Emergency):
            outcome, reasons = "emergency", ""
        elif isinstance(decision, ConsultationRecommended):
            told = decision.reasons
            if tracker.get_slot(COMPLAINT_SLOT) == STIFFNESS:
                told = worded_for_stiffness(told)
            outcome, reasons = "consult", " ".join(told)
        else:
            outcome, reasons = "self_care", ""
        events: list[EventType] = [
            SlotSet("triage_outcome", outcome),
            SlotSet("triage_reasons", reasons),
            SlotSet("checkin_done", True),
            SlotSet(GENERAL_ADVICE_CAVEAT, _told_of_another_condition(tracker)),
            SlotSet(EXERCISE_MADE_WORSE, _told_exercise_made_it_worse(tracker)),
        ]
        if outcome == "emergency" or not tracker.get_slot(BOOKING_ASKED):
            return events
        # Asked to book during the check-in, and the safety question found nothing urgent:
        # the booking they asked for, with the reasons when a consultation is advised
        # (not when the patient went on to the booking without answering it).
        if outcome == "consult" and not tracker.get_slot(SAFETY_UNANSWERED):
            dispatcher.utter_message(
                response="utter_consultation_recommended", triage_reasons=reasons
            )
        dispatcher.utter_message(response="utter_start_booking")
        return [
            *events,
            SlotSet(BOOKING_ASKED, None),
            SlotSet(SAFETY_UNANSWERED, None),
            FollowupAction("booking_form"),
        ]
