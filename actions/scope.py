"""The reply to a message outside the article: said for what it is about."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import give_contact
from actions.feedback import pregnancy_told, say_activity_answer, say_answer
from actions.parse_data import (
    conditions_from_parse_data,
    covered_conditions,
    question_answers_from_parse_data,
    red_flags_set_aside,
)
from actions.unclear import (
    LAST_FAQ_SLOT,
    answer_other_questions,
    decline,
    mentions_without_asking,
    pregnancy_told_before,
    previous_turn_replies,
    replies_since_the_message,
    say_clear_answer,
    still_about_another_part,
)
from clinic.faq.activities import (
    NOT_EXERCISE,
    activity_asked_about,
    names_an_anti_inflammatory,
    other_painkiller_named,
)
from clinic.faq.catalogue import FaqCatalogue
from clinic.faq.condition_topics import (
    HOME_EXERCISE,
    OTC_MEDICATION,
    PHYSICAL_THERAPY,
    TREATMENT_OPTIONS,
    topic_named,
)
from clinic.faq.followups import (
    WHEN_TO_SEE_SPECIALIST,
    asks_about_a_cure,
    asks_about_surgery,
    asks_for_advice,
    asks_if_it_gets_worse,
    only_asks_what_helps,
    question_parts,
    uncovered_topic,
)
from clinic.scope import (
    BESIDE_THE_BACK,
    COVERED_CONDITIONS,
    Scope,
    about_back_care,
    asks_for_a_repeat,
    child_of_unknown_age,
    compares_conditions,
    named_by_its_own_name,
    only_another_organ,
    ruled_out_before,
    says_it_is_not_a_child,
)
from clinic.triage.referral import clinic_referral_rules
from clinic.triage.story import reasons_told
from clinic.wording import (
    asks_about_emergency_signs,
    asks_if_it_counts,
    declines_then_asks,
)

RESPONSES = {
    "other_joint": "utter_scope_other_joint",
    "child": "utter_scope_child",
    "pregnancy": "utter_scope_pregnancy",
    "health_condition": "utter_scope_health_condition",
    "prescription": "utter_scope_prescription",
    "medicine_use": "utter_scope_medicine_use",
    "other_condition": "utter_scope_other_condition",
    "urinary": "utter_scope_urinary",
    "kidney": "utter_scope_kidney",
    "swollen_leg": "utter_scope_swollen_leg",
    "digestive": "utter_scope_digestive",
    "fear_of_serious_illness": "utter_scope_fear_of_serious_illness",
    "test_results": "utter_scope_test_results",
    "worse_with_exercise": "utter_scope_worse_with_exercise",
    "animal": "utter_scope_animal",
    "other_service": "utter_scope_other_service",
}


# Replies about one part of a message (a medicine, a scan) that leave a back-pain story
# beside it, whose referral criteria are then said too.
_ALSO_THE_STORY = frozenset({"medicine_use", "prescription", "test_results"})


_OTHER_HEALTH = frozenset(
    {
        Scope.OTHER_CONDITION.value,
        Scope.HEALTH_CONDITION.value,
        Scope.MEDICINE_USE.value,
        Scope.PRESCRIPTION.value,
    }
)
"""Scope replies about another condition or a medicine, which a pregnancy told changes."""


class ActionScopeReply(Action):
    """Decline kindly, by the reason the NLU's scope gate found (or the general reply)."""

    def name(self) -> str:
        """Named in the rule for the `out_of_scope` intent."""
        return "action_scope_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """One response: other joint, child, other condition, or anything else.

        A message the scope gate did not place may be a follow-up to the answer just
        given ("will it go away?"), which `decline` reads in context first.
        """
        latest = tracker.latest_message or {}
        scope = latest.get("scope")
        if (
            scope is None
            and "utter_offer_booking" in previous_turn_replies(list(tracker.events))
            and declines_then_asks(str(latest.get("text") or ""))
        ):
            # "Not just yet, I'd like to talk to my daughter first. If I do go, what should
            # I tell the doctor?": a no to the offer, and a question of its own.
            return [FollowupAction("action_decline_booking")]
        elsewhere = still_about_another_part(tracker) if scope is None else None
        if elsewhere is not None:
            # "Should I ice it or use heat?" right after the reply about the knee: about
            # the knee still, so that reply again, not the guide's answer for the back.
            # (A message the scope gate places, "ok and my shoulder?", gets its own reply.)
            dispatcher.utter_message(response=elsewhere)
            return [SlotSet("scope_reason", None)]
        if (
            scope in _OTHER_HEALTH
            and pregnancy_told(tracker)
            and asks_for_advice(str(latest.get("text") or ""))
        ):
            # "what can I take for my migraines then", some turns after "I'm 24 weeks
            # pregnant": the midwife or doctor, whatever the condition.
            dispatcher.utter_message(response="utter_scope_pregnancy")
            return [SlotSet("scope_reason", None)]
        if scope == "child" and child_of_unknown_age(str(latest.get("text") or "")):
            # Maybe a grown-up son or daughter: advice for either, and an adult's booking
            # is not refused afterwards.
            dispatcher.utter_message(response="utter_scope_child_or_adult")
            return [SlotSet("scope_reason", None)]
        reason = [SlotSet("scope_reason", "child" if scope == "child" else None)]
        # The story's referral criteria, read only where a reply says them.
        told = (
            reasons_told(
                str(latest.get("text") or ""),
                date.today(),
                clinic_referral_rules(),
            )
            if scope == "other_joint" or scope in _ALSO_THE_STORY
            else ()
        )
        if scope == "other_joint" and told:
            # "My neck has hurt for 2 months, with pins and needles in my hand": the
            # guide's advice on when to be seen is for any joint, and it is met.
            dispatcher.utter_message(
                response="utter_scope_other_joint_referral", triage_reasons=" ".join(told)
            )
            return reason
        text = str(latest.get("text") or "")
        asked = " ".join(question_parts(text)) or text
        if (
            scope == "pregnancy"
            and pregnancy_told_before(tracker)
            and not asks_for_advice(asked)
            and (topic := say_clear_answer(dispatcher, tracker, domain))
        ):
            # "Just generally, what actually is sciatica, so I know what the midwife
            # means": after the pregnancy reply, information (not advice) is answered.
            # ("I'll ask the midwife about the tablets. But does osteoarthritis run in
            # families?": the tablets are told, not asked about.)
            answer_other_questions(dispatcher, tracker)
            return [*reason, *topic]
        # The scope's reply first, so the answer after it cannot be read as the other's
        # ("what is aortic stenosis? is it like spinal stenosis?"), then what the guide
        # says of a covered condition named beside it: "The letter says facet joint
        # osteoarthritis. Is it the same as my mum's rheumatoid?"; and "my knee hurts,
        # what is osteoarthritis?", whose answer holds for any joint.
        covered = (
            _covered_condition_beside(latest)
            if scope == "other_condition"
            else "osteoarthritis"
            if scope == "other_joint" and "osteoarthritis" in conditions_from_parse_data(latest)
            else _condition_named_in_the_report(latest)
            if scope == Scope.TEST_RESULTS.value
            else None
        )
        if covered is not None and (entry := FaqCatalogue.from_domain(domain).get(covered)):
            compared = scope == "other_condition" and compares_conditions(text)
            # "Is osteoporosis the same as osteoarthritis?": that the guide cannot compare
            # them, so the answer after it is not read as about both.
            reply = "utter_scope_other_condition_compared" if compared else RESPONSES[str(scope)]
            dispatcher.utter_message(response=reply)
            if scope == Scope.TEST_RESULTS.value:
                # "MRI says degenerative disc disease, what does that mean?": the report is
                # not read, and what the guide says of the condition in general follows.
                dispatcher.utter_message(response="utter_report_condition_in_general")
            say_answer(dispatcher, tracker, entry)
            if scope == Scope.TEST_RESULTS.value and asks_if_it_gets_worse(text):
                dispatcher.utter_message(response="utter_whether_it_gets_worse")
            if scope == "other_condition":
                # "... Will it get worse?": the other condition's questions are not covered.
                answer_other_questions(dispatcher, tracker, said_not_covered=True)
            return [*reason, SlotSet(LAST_FAQ_SLOT, entry.key)]
        if str(scope) in RESPONSES:
            response = RESPONSES[str(scope)]
            if scope == Scope.CHILD.value and only_another_organ(
                conditions_from_parse_data(latest), text
            ):
                # "My baby has pyloric stenosis": not the back, which the child reply is about.
                response = "utter_scope_child_other_condition"
            if scope == Scope.PRESCRIPTION.value and asks_for_a_repeat(text):
                # "Can you renew my tramadol prescription?": who can, with the clinic's phone.
                give_contact(dispatcher, "utter_cannot_renew_prescription")
                return reason
            medicine = other_painkiller_named(text) if scope == Scope.MEDICINE_USE.value else None
            if medicine and not names_an_anti_inflammatory(text):
                # "Can I take paracetamol with my blood pressure tablets": not the guide's
                # anti-inflammatories, which the usual reply would speak of.
                dispatcher.utter_message(
                    response="utter_scope_other_medicine_use", medicine=medicine
                )
                return reason
            dispatcher.utter_message(response=response)
            if scope in _BESIDE_A_DEFINITION:
                # "... do you treat knees? And what is spinal stenosis, my friend has it":
                # the guide's answer to the other question is not dropped.
                topic = _say_what_a_named_condition_is(dispatcher, tracker, domain, text)
                if topic:
                    return [*reason, *topic]
            if scope == Scope.TEST_RESULTS.value and asks_if_it_gets_worse(text):
                # "What does that mean and will it get worse as I get older?": not left
                # as if the reply about the report had answered it.
                dispatcher.utter_message(response="utter_whether_it_gets_worse")
            if scope == Scope.TEST_RESULTS.value and asks_about_surgery(text):
                # "What does that mean and do I need surgery?": the operation is beyond the
                # guide too, said so rather than left as if the reply had answered it.
                dispatcher.utter_message(response="utter_topic_not_covered", topic="surgery")
            if str(scope) in _ALSO_THE_STORY and told:
                # "Can she take ibuprofen with her tablets, and should she see a specialist?"
                # with six weeks of pain and a numb foot: the medicine for the pharmacist,
                # and what the story already says about being seen.
                dispatcher.utter_message(
                    response="utter_checkin_stopped_criterion_met", triage_reasons=" ".join(told)
                )
            return reason
        if (
            scope is None
            and red_flags_set_aside(latest)
            and (
                _ASKS_WHAT_A_SIGN_IS.search(text)
                or asks_about_emergency_signs(text)
                or asks_if_it_counts(text)
            )
        ):
            # "What is saddle anaesthesia? I saw it on a leaflet": a warning sign asked
            # about, which the warning signs and where to go with them answer.
            dispatcher.utter_message(response="utter_warning_signs")
            return reason
        if scope is None and (topic := _about_a_covered_condition(dispatcher, tracker, domain)):
            return [*reason, *topic]
        activity = activity_asked_about(text) if scope is None else None
        if activity is not None and activity not in NOT_EXERCISE:
            # "Is swimming good for a herniated disk?": the guide names no sport, so it
            # says so, then what it says of exercise (the kind the question is nearest).
            return [*reason, *say_activity_answer(dispatcher, tracker, domain, activity)]
        if activity in _SELF_TREATMENTS and (
            entry := FaqCatalogue.from_domain(domain).get(TREATMENT_OPTIONS)
        ):
            # "Should I use heat or ice on my disc pain?": not the medicine answer the words
            # lean on, but that the guide does not say, then the treatments it names.
            dispatcher.utter_message(
                response="utter_activity_question_not_covered", activity=activity
            )
            catalogue = FaqCatalogue.from_domain(domain)
            conditions_asked = [
                found
                for key in question_answers_from_parse_data(latest)
                if key in COVERED_CONDITIONS and (found := catalogue.get(key)) is not None
            ]
            # "sciatica - heat or ice? and what is sciatica actually": the condition asked
            # about too, else the treatments the guide names.
            entry = conditions_asked[0] if conditions_asked else entry
            say_answer(dispatcher, tracker, entry)
            return [*reason, SlotSet(LAST_FAQ_SLOT, entry.key)]
        topic_left_out = uncovered_topic(text) if scope is None else None
        if (
            topic_left_out is not None
            and any(
                _WHEN_TO_BE_SEEN.search(part) and uncovered_topic(part) is None
                for part in question_parts(text)
            )
            and (entry := FaqCatalogue.from_domain(domain).get(WHEN_TO_SEE_SPECIALIST))
        ):
            # "Best sleeping position for lower back pain? Also when do I need a
            # specialist?": the part the guide leaves out said so, and the part it answers.
            dispatcher.utter_message(response="utter_topic_not_covered", topic=topic_left_out)
            say_answer(dispatcher, tracker, entry)
            return [*reason, SlotSet(LAST_FAQ_SLOT, entry.key)]
        # "How many physio sessions will I need?", "would a standing desk help?": about
        # caring for the back, which the guide leaves to a specialist, who is offered.
        response = "utter_not_covered" if about_back_care(text) else "utter_out_of_scope"
        return [*reason, *decline(dispatcher, tracker, domain, response)]


# "When do I need a specialist?", "should I see a doctor?": when to be seen.
_WHEN_TO_BE_SEEN = re.compile(
    r"\b(?:when|should|do|must)\s+(?:do\s+|should\s+)?(?:i|we|you)\s+(?:need\s+(?:to\s+see\s+)?|see\s+|go\s+to\s+)"
    r"(?:a\s+|the\s+)?(?:specialist|doctor|gp|physio\w*)",
    re.IGNORECASE,
)
_ACTIVE_TOPICS = frozenset({HOME_EXERCISE, PHYSICAL_THERAPY})
# Treatments patients try at home that the guide does not name.
_SELF_TREATMENTS = frozenset({"heat or ice", "TENS machines", "back braces"})
# Scope replies about someone or something else, beside which "what is sciatica?" is still
# the guide's to answer.
_BESIDE_A_DEFINITION = frozenset({Scope.CHILD.value, Scope.OTHER_JOINT.value})


def _say_what_a_named_condition_is(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], text: str
) -> list[EventType]:
    """The guide's answer for a covered condition a question part asks the meaning of."""
    catalogue = FaqCatalogue.from_domain(domain)
    for part in question_parts(text):
        if not _ASKS_WHAT_A_SIGN_IS.search(part):
            continue
        for key in sorted(COVERED_CONDITIONS):
            if named_by_its_own_name(key, part) and (entry := catalogue.get(key)) is not None:
                say_answer(dispatcher, tracker, entry)
                return [SlotSet(LAST_FAQ_SLOT, entry.key)]
    return []


_ASKS_IF_IT_CAUSES_BACK_PAIN = re.compile(
    r"\b(?:can|does|could|do|will|would|is)\s+(?:\w+\s+){0,3}(?:cause|causes|give|gives|lead\s+to"
    r"|leads\s+to|linked\s+to|related\s+to)\s+(?:\w+\s+)?(?:back\s*(?:pain|ache)|pain\s+in\s+(?:my|the)"
    r"\s+back)\b",
    re.IGNORECASE,
)
# "Can I take ibuprofen", "is naproxen ok": a medicine the guide names, asked about plainly,
# not how much of it.
_ASKS_TO_TAKE_AN_ANTI_INFLAMMATORY = re.compile(
    r"^(?!.*\b(?:how\s+(?:much|many|often|long)|dose|dosage|mg|tablets?\s+a\s+day|with\s+my)\b)"
    r".*\b(?:can|could|should|may|is|are)\s+(?:i\s+(?:take|use|try|have)\s+)?(?:some\s+)?"
    r"(?:ibuprofen|naproxen|nurofen|advil|anti-?inflammator\w*|nsaids?)\b",
    re.IGNORECASE,
)


def _about_a_covered_condition(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
) -> list[EventType]:
    """What the guide says, for a question about the one covered condition it names.

    "Can my spinal stenosis be cured or will I have it forever?": that the guide does not
    say, then how it describes the condition. "My mum has arthritis in her spine, will
    exercise help her?": the answer on the topic asked. Nothing said (and []) otherwise.
    """
    latest = tracker.latest_message or {}
    named = covered_conditions(latest)
    if len(named) != 1:
        return []
    text = str(latest.get("text") or "")
    catalogue = FaqCatalogue.from_domain(domain)
    if asks_about_a_cure(text) and (entry := catalogue.get(next(iter(named)))):
        if (activity := activity_asked_about(text)) is not None:
            # "Can a chiropractor cure my sciatica?": the guide names no chiropractor.
            dispatcher.utter_message(
                response="utter_activity_question_not_covered", activity=activity
            )
        dispatcher.utter_message(response="utter_cure_not_covered")
    elif (key := topic_named(" ".join(question_parts(text)) or text)) in _ACTIVE_TOPICS:
        # Exercise and physiotherapy only: "treatment" or "tablets" beside a question the
        # classifier put outside the guide may ask about a claim or a dose.
        entry = catalogue.get(str(key))
    elif (
        key == OTC_MEDICATION
        and (activity := activity_asked_about(text)) is not None
        and any(
            _ASKS_TO_TAKE_AN_ANTI_INFLAMMATORY.search(part) and activity_asked_about(part) is None
            for part in question_parts(text)
        )
    ):
        # "Can I take ibuprofen for my herniated disc and is acupuncture worth trying?":
        # the part the guide leaves out said so, and the medicine it names answered.
        dispatcher.utter_message(response="utter_activity_question_not_covered", activity=activity)
        entry = catalogue.get(OTC_MEDICATION)
    elif only_asks_what_helps(text):
        # "What helps osteoarthritis of the spine": nothing else asked; the guide's
        # answer on how back pain is treated.
        entry = catalogue.get(TREATMENT_OPTIONS)
    elif _ASKS_IF_IT_CAUSES_BACK_PAIN.search(text):
        # "Anyway, can osteoarthritis cause back pain?": what the guide says of it, which
        # names it among the conditions linked with back pain.
        entry = catalogue.get(next(iter(named)))
    elif mentions_without_asking(text):
        # "My mother has a herniated disc", asking nothing: what the guide says of it,
        # said to be general, rather than that the guide does not cover it.
        entry = catalogue.get(next(iter(named)))
        if entry is not None:
            dispatcher.utter_message(response="utter_report_condition_in_general")
    else:
        return []
    if entry is None:
        return []
    topic_left_out = uncovered_topic(text)
    if topic_left_out is not None:
        # "How many physio sessions will I need for a herniated disc?": what the guide says
        # of physiotherapy is no number; said so first.
        dispatcher.utter_message(response="utter_topic_not_covered", topic=topic_left_out)
    say_answer(dispatcher, tracker, entry)
    surgery = topic_left_out is None and asks_about_surgery(text)
    if surgery:
        # "Can a herniated disc heal on its own without surgery?": the operation is beyond
        # the guide too, said so rather than left as if the answer had spoken to it.
        dispatcher.utter_message(response="utter_topic_not_covered", topic="surgery")
    said_not_covered = topic_left_out is not None or surgery
    answer_other_questions(dispatcher, tracker, said_not_covered=said_not_covered)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


# "What is saddle anaesthesia?", "what does cauda equina mean?"
_ASKS_WHAT_A_SIGN_IS = re.compile(
    r"\bwhat\s+(?:is|are|'s)\b|\bwhat\s+does\b.*\bmean\b|\bmeaning\s+of\b|\bexplain\b",
    re.IGNORECASE,
)


def _condition_named_in_the_report(parse_data: Mapping[str, Any]) -> str | None:
    """The one covered condition a report is said to name by the guide's own name, or None.

    "MRI says degenerativ disc diseas L4 L5": the guide's condition; "the letter says disc
    bulge" is the report's word, which only the doctor can say is the guide's condition.
    """
    text = str(parse_data.get("text") or "")
    conditions = [
        item
        for item in parse_data.get("entities") or []
        if isinstance(item, Mapping) and item.get("entity") == "condition"
    ]
    if conditions:
        named = {
            str(item.get("value"))
            for item in conditions
            if str(item.get("value")) in COVERED_CONDITIONS
            and named_by_its_own_name(
                str(item.get("value")),
                text[int(item.get("start") or 0) : int(item.get("end") or 0)],
            )
        }
    else:
        # Typed too far from the name for the entity patterns ("degenerativ disc diseas"),
        # and no other condition named.
        named = {key for key in COVERED_CONDITIONS if named_by_its_own_name(key, text)}
    return named.pop() if len(named) == 1 else None


def _covered_condition_beside(parse_data: Mapping[str, Any]) -> str | None:
    """A condition the guide covers, named apart from the other condition the message names.

    Not the "arthritis" of "rheumatoid arthritis in my spine": a covered condition whose
    words touch another condition's is that other condition; nor the stenosis of "I meant
    scoliosis, not stenosis", ruled out.
    """
    text = str(parse_data.get("text") or "")
    spans = [
        (int(item.get("start") or 0), int(item.get("end") or 0), str(item.get("value")))
        for item in parse_data.get("entities") or []
        if isinstance(item, Mapping) and item.get("entity") == "condition"
    ]
    others = [(start, end) for start, end, value in spans if value not in COVERED_CONDITIONS]
    if not others:
        return None
    return next(
        (
            value
            for start, end, value in spans
            if value in COVERED_CONDITIONS
            and all(end < first - 1 or start > last + 1 for first, last in others)
            and not ruled_out_before(text, start)
        ),
        None,
    )


def reply_beside_the_back(parse_data: Mapping[str, Any]) -> str | None:
    """The scope reply for a question beside the patient's own back, or None.

    A medicine, a pregnancy, a scan: the pain the message tells of is still the back's.
    """
    scope = str(parse_data.get("scope") or "")
    return RESPONSES[scope] if scope in BESIDE_THE_BACK and scope in RESPONSES else None


class ActionScopeBesideCheckin(Action):
    """During the check-in, the scope reply to a question beside the patient's own back."""

    def name(self) -> str:
        """Named in the rule for an `out_of_scope` message during the check-in."""
        return "action_scope_beside_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The reply for a medicine, a pregnancy, a scan; nothing for anything else.

        "No numbness. My brother gave me his tramadol, is it ok to take?": the answer to
        the check-in's question is read by the form, which goes on; the question beside it
        is not left unanswered. Another joint or a child is the form's to handle, as before.
        """
        reply = reply_beside_the_back(tracker.latest_message or {})
        if reply is not None and reply not in replies_since_the_message(list(tracker.events)):
            # (The check-in's validation may have said it already, with the answer.)
            dispatcher.utter_message(response=reply)
        return []


class ActionScopeInBooking(Action):
    """During a booking, the scope reply to a question outside the guide."""

    def name(self) -> str:
        """Named in the rule for an `out_of_scope` message during the booking."""
        return "action_scope_in_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The scope's reply, then the booking's question again; a child's ends the booking.

        "Can I take ibuprofen till then?" is answered and the booking goes on. "I'm 14 tho,
        do you see kids?": a doctor should see a child's back pain, and the booking, which
        is for adults, is left unmade.
        """
        latest = tracker.latest_message or {}
        scope = str(latest.get("scope") or "")
        if scope == Scope.CHILD.value and _CHILD_AS_WELL.search(str(latest.get("text") or "")):
            # "5:30 is good. But can my son be seen at the same time?": the child's reply,
            # and the parent's own booking goes on.
            dispatcher.utter_message(response=RESPONSES[scope])
            return [SlotSet("scope_reason", "child")]
        if scope == Scope.CHILD.value:
            # "It's for my son Leo (age 9)": why the booking stops, not "no problem, I've
            # stopped" as if the parent had asked to.
            dispatcher.utter_message(response=RESPONSES[scope])
            give_contact(dispatcher, "utter_child_booking_not_made")
            return [
                ActiveLoop(None),
                SlotSet("requested_slot", None),
                SlotSet("scope_reason", "child"),
                FollowupAction("action_listen"),
            ]
        if scope == Scope.OTHER_JOINT.value:
            # Already booking: the consultation itself is the offer, not its button again.
            dispatcher.utter_message(response="utter_scope_other_joint_in_booking")
            return []
        dispatcher.utter_message(response=RESPONSES.get(scope, "utter_not_covered"))
        return []


# "Can my son be seen too / at the same time / as well?": a child besides the patient.
_CHILD_AS_WELL = re.compile(
    r"\b(?:too|as\s+well|also|at\s+the\s+same\s+time|same\s+time|straight\s+after)\b",
    re.IGNORECASE,
)


# "For me", "for myself", "I'm 31": the booking asked for is the patient's own.
_FOR_ME = re.compile(
    r"\bfor\s+(?:me|myself)\b|\bmyself\b|\bnot\s+for\s+(?:him|her|them|my\s+\w+)\b"
    r"|\b(?:i'?m|im|i\s+am)\s+(?:[2-9]\d|1[89])\b",
    re.IGNORECASE,
)


_BOOK_ME = re.compile(r"\bbook\s+me\s+(?:in|an?\s+appointment)\b", re.IGNORECASE)
# "I think I have frozen shoulder as well, can I book for that?": the writer's own complaint.
_OWN_COMPLAINT = re.compile(
    r"\bi\s+(?:think\s+i\s+|also\s+|too\s+)?(?:have|'?ve\s+got|got|hurt)\b"
    r"|\bmy\s+(?:own\s+)?(?:back|shoulder|knee|hip|neck|pain|joints?)\b",
    re.IGNORECASE,
)
_THE_CHILD = re.compile(
    r"\b(?:he|she|him|her|his|son|daughter|kid|child|boy|girl)\b", re.IGNORECASE
)


def _tells_own_complaint(text: str) -> bool:
    return bool(_OWN_COMPLAINT.search(text)) and not _THE_CHILD.search(text)


class ActionBookingAfterChild(Action):
    """A booking asked for right after the reply about a child: the adult's own, or not made."""

    def name(self) -> str:
        """Named in the rule for a booking asked for after the child reply."""
        return "action_booking_after_child"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Booked as the patient's own when they say so ("ok and for me?"), else declined kindly."""
        text = str((tracker.latest_message or {}).get("text") or "")
        if (
            _FOR_ME.search(text)
            or says_it_is_not_a_child(text)
            or _tells_own_complaint(text)
            # "fine, book me in for the knee then. friday after lunch"
            or (_BOOK_ME.search(text) and not _THE_CHILD.search(text))
        ):
            dispatcher.utter_message(response="utter_start_booking")
            return [SlotSet("scope_reason", None), FollowupAction("booking_form")]
        dispatcher.utter_message(response="utter_scope_child_booking")
        return []
