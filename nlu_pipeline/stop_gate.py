"""The stop gate: "stop", "stop asking me that" and "changed my mind, don't want to book".

The classifiers read such messages by their other words: "don't want to book" as
`request_appointment`, "stop. can I do deadlifts?" as a question, "I don't have any pain,
it's for my mum" as the patient's own pain, so the form in progress asked its question
again. These become `stop`, which leaves any form politely (and the check-in answers a
clear question said with the stop). The other way round, "sorry, the second one", read
as a `stop`, is a choice among the times offered (`inform`); "ok cool. can I still go to
work?", read as a yes, is a question (`nlu_fallback`, whose reply reads it in context).
The words are read by clinic/booking/confirmation.py and clinic/wording.py. Used in
config.yml after the classifiers::

    - name: nlu_pipeline.stop_gate.StopGate
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.booking.confirmation import gives_up_booking
from clinic.faq.followups import asks_for_a_yes
from clinic.triage.severity import stated_severity
from clinic.triage.symptoms import reported_symptoms
from clinic.wording import (
    THANKS_WORDS,
    asks_in_some_sentence,
    asks_to_be_called,
    asks_to_book,
    asks_to_continue,
    asks_to_stop,
    asks_what_helps_meanwhile,
    asks_whether_to_book,
    ends_with_goodbye,
    heard_then_asks,
    is_question,
    only_asks_in_general,
    says_goodbye,
    says_no_pain,
)
from nlu_pipeline.intents import demote_intents, override_intent
from nlu_pipeline.rule_gate import RuleGate
from nlu_pipeline.scope_gate import SCOPE_KEY

# "So I don't need an appointment?", "I don't need to see anyone then?"
_ASKS_IF_NEEDED = re.compile(
    r"^\W*(?:so|ok|okay|right|oh)?\W*(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+need\s+(?:an?\s+|to\s+)?"
    r"(?:appointment|appt|book|see|come|consultation|specialist)[^.!?]*\?\s*$",
    re.IGNORECASE,
)
_SUSPECTED = frozenset({"suspected_crisis", "suspected_emergency"})
REQUEST = "request_appointment"
STOP = "stop"
OWN_PAIN = "describe_own_pain"
# What else "I'll think about it" or "no need to book for now" is read as: the patient's
# own pain ("I'll wait and see"), an answer, a yes or no, thanks, or a change.
READ_AS = frozenset(
    {
        REQUEST,
        OWN_PAIN,
        "inform",
        "affirm",
        "deny",
        "thank",
        "change_booking_detail",
        "nlu_fallback",
        "something_else",
        "out_of_scope",
        # made certain: a close second guess would make the FallbackClassifier call it
        # ambiguous ("no I said leave it. I don't want to book now")
        STOP,
        "goodbye",
        "request_human",
        # "I SAID IM NOT BOOKING", read by its words as a question about a booking
        "ask_booking_status",
    }
)
# What "stop, ..." with a question after it is read as, besides those. A cancellation or
# a request for a person said after a stop keeps its own intent.
STOP_READ_AS = READ_AS | {"faq", "ask_followup", "out_of_scope", "nlu_fallback", "something_else"}


# Any word of stopping or leaving: a question with one ("can we stop now?") may be a stop.
_SAYS_STOP = re.compile(
    r"\b(?:stop\w*|quit|enough|leave\s+it|forget\s+it|cancel\w*|no\s+more|don'?t\s+want"
    r"|do\s+not\s+want|end|finish\w*|done|bye|later|not\s+now|never\s*mind)\b",
    re.IGNORECASE,
)
THANKS = "thank"
# "There's no pain lol, it's just a click", read as the patient's pain or an answer.
_NO_PAIN_MISREAD = frozenset({OWN_PAIN, "inform", "nlu_fallback", "deny"})
# A message that ends by thanking ("... cheers", "... thx"), misread as one of these.
# "... thanks for your help", "... cheers for that": what the thanks are for.
_THANKS_FOR = (
    r"(?:\s+for\s+(?:your|the|all\s+(?:your|the)|that|this)"
    r"(?:\s+(?:help|info\w*|advice|time))?)?"
)
_SIGNS_OFF = re.compile(
    r"\b(?:" + THANKS_WORDS + r"|bye|goodbye|cya|see\s+ya)"
    r"(?:\s+(?:love|mate|dear|hun|pal|x+|again|so\s+much|a\s+lot))?" + _THANKS_FOR + r"\W*$"
    # "... this is def just my back. night": good night, said on its own.
    r"|(?:^|[.!,;]\s*)(?:good\s*)?(?:night|nite)\W*$",
    re.IGNORECASE,
)
_SIGN_OFF_MISREAD = frozenset({"out_of_scope", "nlu_fallback", "faq", "something_else"})
_PLAN_MISREAD = _SIGN_OFF_MISREAD | {OWN_PAIN, "ask_clinic_info", "request_human"}
_PLAN_AND_THANKS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|fine|great|cool|alright|sure)\W+)*(?:i'?ll|ill|i\s+will|will\s+do)\b"
    # Not "I'll be in pain for weeks, thanks": a complaint, not a plan.
    r"(?![^?]*\b(?:pain|hurt\w*|ache\w*|aching|sore|agony|worse)\b)"
    r"[^?]{0,60}?\b(?:" + THANKS_WORDS + r")" + _THANKS_FOR + r"\W*$",
    re.IGNORECASE,
)
ANSWER = "inform"
AFFIRM = "affirm"
UNPLACED = "nlu_fallback"
_CHOOSES_AN_OFFER = re.compile(
    r"^(?:(?:sorry|oops|no|actually|i\s+meant|i\s+mean|make\s+it|ok)[\s,.!]*)*"
    r"(?:the\s+)?(?:first|second|third|last|1st|2nd|3rd|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)"
    r"(?:\s+one)?(?:\s+(?:please|pls|then))?[\s.!]*$",
    re.IGNORECASE,
)


_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:real|actual|live)\s+(?:person|human|people)\b|\b(?:a|an)\s+human\b"
    r"|\b(?:speak|talk)\s+(?:to|with)\s+(?:a\s+|an\s+|some|the\s+)?(?:one|body|person|human|staff"
    r"|team|receptionist|doctor|nurse)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSES_PAIN = re.compile(
    r"\b(?:it'?s|its|it\s+is)\s+not\s+(?:me|mine|for\s+me)\b|\bnot\s+(?:about\s+|for\s+)?me\b"
    r"[^.?!]{0,20}\b(?:it'?s|its|it\s+is)\s+(?:for\s+|about\s+)?my\s+\w+",
    re.IGNORECASE,
)
GOODBYE = "goodbye"
# "It's for my husband actually, Mark O'Neill": whom the booking is for.
_BOOKING_FOR = re.compile(
    r"\b(?:it'?s|its|it\s+is|this\s+is|booking\s+is|appointment\s+is)\s+(?:\w+\s+)?for\s+(?:my|our)\s+"
    r"(?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|friend"
    r"|nan|gran\w*|grand\w*|aunt\w*|uncle|neighbou?r)\b",
    re.IGNORECASE,
)
# A time or an offer named: "the 4pm tue", "10:30 on Friday", "the later one".
_NAMES_A_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri)(?:day)?\b"
    r"|\bthe\s+(?:first|second|third|last|earlier|later)\s+one\b",
    re.IGNORECASE,
)
_STOPS_AN_ACTIVITY = re.compile(
    r"\b(?:should|shall|do|must|can|have\s+to|need\s+to)\s+(?:i|we|he|she)\s+(?:\w+\s+)?stop\s+"
    r"(?!(?:it|this|that|now|here|asking|talking|the\s+(?:questions?|booking|chat|form))\b)"
    r"[a-z]+",
    re.IGNORECASE,
)
# An email address, a phone number or a booking reference.
_GIVES_DETAILS = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)\+?\d[\d\s-]{7,}\d(?!\w)|\bjpc[\s-]*[a-z0-9]{6}\b",
    re.IGNORECASE,
)


# A question of this many words or fewer ("eh?", "what??") is puzzlement, not a question.
_PUZZLED_WORDS = 2
_QUESTIONS = re.compile(r"[^.!?]*\?")
# Never made a goodbye: "thanks for everything, bye" may be a crisis the guard reads.
_URGENT = _SUSPECTED | {"report_emergency", "report_crisis"}
_THANKED = re.compile(r"\b(?:" + THANKS_WORDS + r")\b", re.IGNORECASE)
_SHORT_GOODBYE_WORDS = 8
# "great thanks, that's all": with thanks, the end of the conversation.
_THATS_ALL = re.compile(
    r"\bthat(?:'?s|\s+is|\s+was)\s+(?:all|everything|it)(?:\s+(?:for\s+now|i\s+needed))?\W*$",
    re.IGNORECASE,
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StopGate(RuleGate):
    """Make a message that says stop, or refuses booking, a `stop`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `stop` on messages that say to stop or not to book."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            if (
                intent in READ_AS | {STOP}
                and (
                    _ASKS_IF_NEEDED.search(text)
                    # "So that's a yes, keep playing?": a question, not a yes or a no.
                    or asks_for_a_yes(text)
                    or asks_whether_to_book(text)
                    or asks_what_helps_meanwhile(text)
                )
                # "She takes blood thinners, is ibuprofen ok until then?": the scope's reply.
                and not message.get(SCOPE_KEY)
            ):
                # "So I don't need an appointment?": a question about the advice, which
                # the fallback's reply answers from the check-in's result.
                override_intent(message, UNPLACED, 1.0)
            elif intent == "request_human" and _ASKS_FOR_A_PERSON.search(text):
                # "I don't want a bot. Real person please": a person, not a stop.
                continue
            elif (
                # "Actually nvm I'll think about it" may look like a crisis phrase to the
                # classifier; the red-flag rules and detector still read it afterwards.
                # ("I don't want to book on the computer, I'd like a person to telephone
                # me": the call-back, which the booking gate reads.)
                (
                    intent in READ_AS | _SUSPECTED
                    and gives_up_booking(text)
                    and not asks_to_be_called(text)
                )
                or (intent in STOP_READ_AS and asks_to_stop(text))
                # "No pain at all, thanks": nothing for the questions to ask about. Not
                # "there's no pain, just the foot going numb", which tells what there is.
                or (
                    intent in _NO_PAIN_MISREAD
                    and says_no_pain(text)
                    # ("I don't have any pain yet, could I come in for prevention?" asks.)
                    and not is_question(text)
                    and reported_symptoms(text, own=True) is None
                    # ("honestly it doesn't hurt, 1 maybe": a score given, as asked; "no
                    # pain" itself reads as 0.)
                    and not stated_severity(text)
                )
                # "Why do you need to know? I was just asking in general": no story to ask
                # questions about.
                or (intent in STOP_READ_AS and only_asks_in_general(text))
            ):
                override_intent(message, STOP, 1.0)
            elif intent == STOP and _STOPS_AN_ACTIVITY.search(text):
                # "no. so shall i stop cycling or not": whether to give up something, a
                # question about the advice, not leaving the questions.
                demote_intents(message, (STOP,))
            elif intent == STOP and is_question(text) and not _SAYS_STOP.search(text):
                # "7. but you didn't answer, should I keep doing the stretches?": a question
                # the classifier took for a stop, with no word of stopping in it.
                demote_intents(message, (STOP,))
            elif intent == STOP and asks_to_continue(text) and not _SAYS_STOP.search(text):
                # "Sorry I press wrong. I want continue questions": the opposite of a stop.
                demote_intents(message, (STOP,))
            elif intent == STOP and _GIVES_DETAILS.search(text) and not _SAYS_STOP.search(text):
                # "Sorry sam.wright@gmail.com", "sorry, JPC-8DZNUZ": a detail given again,
                # not a stop.
                override_intent(message, ANSWER, 1.0)
            elif (
                intent == STOP and _SOMEONE_ELSES_PAIN.search(text) and not _SAYS_STOP.search(text)
            ):
                # "It's not me actually, it's my dad": whose pain it is, not a stop; the
                # check-in goes on, asking about him.
                override_intent(message, ANSWER, 1.0)
            elif intent == STOP and _CHOOSES_AN_OFFER.match(text.strip()):
                # "Sorry, the second one": a choice among the times offered, not a stop.
                override_intent(message, ANSWER, 1.0)
            elif intent == STOP and _BOOKING_FOR.search(text) and not _SAYS_STOP.search(text):
                # "Its for my husband actually, mark o'neill": whom the booking is for.
                override_intent(message, ANSWER, 1.0)
            elif intent == GOODBYE and _NAMES_A_TIME.search(text) and not says_goodbye(text):
                # "Ok the 4pm tue then, I'll leave early": a time chosen, and how the
                # patient will make it; not leaving the conversation. "ok fine book me in
                # then. saturday?": the booking asked for, with the day that suits.
                override_intent(message, REQUEST if asks_to_book(text) else ANSWER, 1.0)
            elif intent in _PLAN_MISREAD and _PLAN_AND_THANKS.match(text) and not is_question(text):
                # "Ok I'll try walking more. Cheers", "ok ill ask my gp. thanks": a goodbye
                # with a plan, not the patient's pain or a question about the clinic.
                override_intent(message, THANKS, 1.0)
            elif intent in _SIGN_OFF_MISREAD and _SIGNS_OFF.search(text) and not is_question(text):
                # "Ok I'll ask the pharmacy. Cheers": thanks, not a question to decline.
                override_intent(message, THANKS, 1.0)
            elif intent == AFFIRM and heard_then_asks(text):
                # "ok cool. can I still go to work?": no yes to what was offered, and a
                # question the fallback's reply reads in context.
                override_intent(message, UNPLACED, 1.0)
            now = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            thanks = now == THANKS or (
                # "thanks that's reassuring, bye!", read as a story of pain by its words.
                now not in _URGENT
                and _THANKED.search(text) is not None
                and len(text.split()) <= _SHORT_GOODBYE_WORDS
            )
            ends = says_goodbye(text) or (
                now == THANKS and _THATS_ALL.search(text) and not _NAMES_A_TIME.search(text)
            )
            if thanks and ends and not asks_in_some_sentence(text):
                # "That is lovely. Thank you, I shall telephone my daughter. Goodbye.":
                # leaving, not waiting to be asked whether there is anything else.
                override_intent(message, GOODBYE, 1.0)
            elif (
                now in STOP_READ_AS
                and _THANKED.search(text) is not None
                and ends_with_goodbye(text)
                # ("eh?" is puzzlement; "but what about my knee?" a question to answer.)
                and not any(
                    len(asked.split()) > _PUZZLED_WORDS for asked in _QUESTIONS.findall(text)
                )
            ):
                # "eh? i didnt ask for that, i was just saying thanks. bye": a longer
                # message, a puzzled question in it, but it thanks and takes its leave last.
                override_intent(message, GOODBYE, 1.0)
        return messages
