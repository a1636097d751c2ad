"""The emergency state of a conversation: what each follow-up gets once a red flag is raised.

Pure logic, no Rasa: the action server keeps the state in a slot and says the responses.
Once the urgent-care (or crisis) reply has been given, follow-ups get it again in a short
form, never routine advice or a booking. A patient can say it was in the past or about
someone else who is fine; the assistant checks once ("is nobody having these symptoms now?")
before going back to normal, unless the patient already said the episode is over and was
looked after ("that was last year, I'm fine now"), which it acknowledges instead. A
suspected red flag (only the second detector fired) is a question: yes makes it an
emergency, no (or "that was years ago") clears it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from clinic.triage.duration import parse_duration_days
from clinic.triage.red_flags import NOT_GONE, read_red_flags
from clinic.triage.severity import stated_severity
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import about_someone_else, speaks_of_self


class State(Enum):
    """Where the conversation is; stored by value in the `emergency_state` slot."""

    URGENT = "urgent"
    # Urgent, and the patient has called for help or is on the way: follow-ups are met
    # with "follow what they tell you", not "please don't wait".
    HELP_COMING = "help_coming"
    CRISIS = "crisis"
    CHECK_URGENT = "check_urgent"
    CHECK_CRISIS = "check_crisis"
    CLEARING_URGENT = "clearing_urgent"
    CLEARING_CRISIS = "clearing_crisis"
    CLEARING_LONGSTANDING = "clearing_longstanding"

    @property
    def crisis(self) -> bool:
        """Whether this is about thoughts of self-harm rather than a physical red flag."""
        return self in (State.CRISIS, State.CHECK_CRISIS, State.CLEARING_CRISIS)


@dataclass(frozen=True)
class Step:
    """What to say (response names, in order) and the state afterwards (None: normal)."""

    responses: tuple[str, ...]
    state: State | None


# A fall or knock said to be a small one: "a tiny fall", "just a scratch".
_SMALL_FALL = (
    r"\b(?:minor|tiny|small|little)\s+(?:fall|slip|trip|bump|accident)\b"
    r"|\b(?:just|only)\s+(?:a\s+)?(?:scratch|graze|bruise|scrape)\b"
    # "It was only 2 steps, I can walk fine, just feels bruised".
    r"|\b(?:just|only)\s+(?:a\s+)?(?:couple\s+of\s+|few\s+|one\s+|two\s+|three\s+|[1-3]\s+)"
    r"(?:steps?|stairs)\b"
    r"|\b(?:just|only)\s+(?:feels?\s+|a\s+bit\s+)?bruised\b"
)
_FOR_AN_APPOINTMENT = (
    r"\s+(?:if|whether)\s+(?:i|we|you|u)\s+(?:could|can|might|may)\s+(?:\w+\s+)?"
    r"(?:get\s+seen|be\s+seen|book|come\s+in|get\s+(?:an?\s+)?appointment|see\s+(?:someone|a\s+doctor))"
)
_RETRACTION = re.compile(
    r"\b(?:years?|months?|ages|a\s+long\s+time|a\s+while|long)\s+ago\b"
    r"|\bin\s+(?:19|20)\d\d\b"
    r"|\b(?:in\s+the\s+past|last\s+(?:year|month|summer|winter|spring|autumn)|used\s+to"
    r"|back\s+then)\b"
    r"|\b(?:not|isn'?t|wasn'?t|ain'?t)\s+(?:about\s+)?me\b|\bnot\s+(?:happening|now)\b"
    r"|\b(?:he|she|they)(?:'?s|'?re|\s+is|\s+are)\s+(?:fine|ok|okay|alright|better|well)\b"
    r"|\bi(?:'?m|\s+am)\s+(?:fine|ok|okay|alright|well)\s+now\b|\bi(?:'?m|\s+am)\s+safe\b"
    r"|\bback\s+in\s+(?:the\s+)?(?:summer|winter|spring|autumn|\d{4}|january|february|march|april"
    r"|may|june|july|august|september|october|november|december)\b"
    # Thoughts of self-harm taken back: "I'm not going to do anything, just fed up".
    r"|\b(?:i'?m|im|i\s+am)\s+not\s+(?:going\s+to|gonna)\s+(?:do|try)\s+anything\b"
    r"|\b(?:i\s+)?(?:wouldn'?t|would\s+never|won'?t)\s+(?:ever\s+)?(?:do|try)\s+anything\b"
    r"|\b(?:i'?m|im|i\s+am)\s+not\s+suicidal\b"
    r"|\b(?:just|only)\s+(?:fed\s+up|frustrated|venting|tired\s+of\s+(?:the|this|it))\b"
    r"|\b(?:didn'?t|did\s+not)\s+mean\s+it\s+(?:like\s+that|that\s+way|literally)\b"
    # ("Just wondering if I could get seen tomorrow" asks for an appointment instead.)
    r"|\bfalse\s+alarm\b|\b(?:just\s+)?(?:asking|wondering)\b(?!" + _FOR_AN_APPOINTMENT + r")"
    r"|\bhypothetical"
    r"|\b(?:nobody|no\s+one|noone)\s+(?:has|had|is\s+having)\b|\bsomething\s+i\s+(?:read|saw|heard)\b"
    r"|\b(?:it'?s|it\s+has|that'?s)\s+(?:gone|passed|over|resolved|cleared)\b"
    # "that was like in september ... totally gone now, been fine since"
    r"|\b(?:that|it)\s+was\s+(?:like\s+|back\s+|only\s+|just\s+)?in\s+(?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|the\s+summer|the\s+spring)\b"
    r"|\b(?:totally|completely|all)\s+gone\b|\bbeen\s+fine\s+(?:ever\s+)?since\b"
    r"|\bi\s+(?:don'?t|do\s+not)\s+have\s+(?:that|those|them|any\s+of\s+(?:that|those))\b"
    # "no no!! i dont have this problem, i only ask what mean the word bowel"
    r"|\bi\s+(?:don'?t|dont|do\s+not)\s+have\s+(?:this|that|these|those|the|any)\s+"
    r"(?:problems?|symptoms?|things?)\b|\bi\s+(?:only|just)\s+ask(?:ed|ing)?\b"
    r"|\b(?:misunderstood|you\s+got\s+it\s+wrong|that'?s\s+not\s+what\s+i\s+(?:said|meant))\b"
    # Not new: long-standing, so not the sudden change the red flags are about.
    r"|\b(?:it'?s|its|it\s+is|that'?s)\s+not\s+new\b|\bnothing\s+new\b"
    r"|\b(?:for|over)\s+(?:over\s+|more\s+than\s+)?(?:a|one|two|three|\d+|many|several)\s+years?\b"
    r"|\bfor\s+years\b"
    # Someone else, or already being looked after.
    r"|\bi\s+meant\s+(?:my|his|her|a)\b"
    # "It was about someone else", "the 38.6 was my son's temperature", "the fever is my
    # son's, not mine".
    r"|\babout\s+(?:someone|somebody)\s+else\b|\b(?:was|is)\s+for\s+(?:someone|somebody)\s+else\b"
    r"|\bnot\s+mine\b"
    r"|\b(?:was|is|were|are)\s+my\s+(?:son|daughter|husband|wife|partner|mum|mom|dad|child|kid|baby"
    r"|friend|brother|sister|boy|girl)'?s\b"
    r"|\b(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:with|at|in|seeing)\s+(?:a|the|her|his|their)"
    r"\s+(?:doctor|gp|hospital|a\s*&\s*e)\b"
    r"|\b(?:i'?m|im|i\s+am)\s+(?:already\s+)?(?:in|at)\s+(?:the\s+)?(?:hospital|a\s*&\s*e|er)\b"
    # Words the red-flag reading took literally.
    r"|\bfigure\s+of\s+speech\b|\bjust\s+(?:a\s+)?(?:joke|joking|saying|an\s+expression)\b"
    r"|\bnot\s+(?:actually|really|literally)\s+(?:suicidal|serious|going\s+to)\b"
    r"|\b(?:wasn'?t|was\s+not|not)\s+(?:a\s+)?(?:serious|bad|big)\s+(?:fall|one|accident)\b"
    r"|\bjust\s+slipped\b|\bdidn'?t\s+(?:hurt|injure)\s+myself\b"
    # "It was not serious", "a tiny fall, just a scratch": the fall was a small one.
    r"|\b(?:it\s+)?(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:that\s+|very\s+)?serious\b"
    r"|" + _SMALL_FALL,
    re.IGNORECASE,
)


# Said with a retraction, these settle it: the episode is over and was looked after.
# Seen by someone already: "been checked", "went to A&E".
_SEEN = (
    r"\b(?:been|was|got)\s+(?:seen|checked|treated|sorted)\b"
    r"|\bwent\s+to\s+(?:a\s*&\s*e|a\s+and\s+e|hospital|the\s+hospital|the\s+er|er)\b"
    r"|\bhad\s+(?:surgery|an?\s+op|an?\s+operation|it\s+operated\s+on)\b"
)
_SETTLED = re.compile(
    r"\b(?:totally|completely|all)?\s*(?:fine|ok|okay|better|recovered|well)\s+now\b|"
    # "bladder's been totally normal since", "before my back operation"
    r"\b(?:been|is|are)\s+(?:totally\s+|completely\s+|perfectly\s+|all\s+)?(?:normal|fine|ok|okay)"
    r"\s+(?:ever\s+)?since\b|"
    r"\b(?:after|before|since)\s+(?:my|the|his|her|their)\s+(?:\w+\s+)?(?:operation|surgery|op)\b|"
    + _SEEN
    + r"|\b(?:i'?m|im|i\s+am)\s+already\s+(?:in|at)\s+(?:the\s+)?(?:hospital|a\s*&\s*e|er)\b",
    re.IGNORECASE,
)


# Long-standing, not new: what the red flags warn of is a sudden change, so the check is
# whether it is new or getting worse, not whether anyone has it now.
_LONGSTANDING = re.compile(
    r"\b(?:it'?s|its|it\s+is|that'?s|they'?re)\s+not\s+new\b|\bnothing\s+new\b"
    r"|\bnot\s+new\b|\bold\s+symptoms?\b|\bthe\s+(?:doctor|gp)\s+knows\s+about\s+(?:it|that|them)\b"
    r"|\b(?:has|have|'s|'ve)\s+had\s+(?:that|this|it|them)\s+for\s+(?:years|ages|months|a\s+long\s+time)\b"
    # "I've had it about a year"
    r"|(?:\bhas|\bhave|\bive|'s|'ve)\s+had\s+(?:that|this|it|them)\s+(?:for\s+)?(?:over\s+|about\s+"
    r"|around\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:a|one|two|three|\d+|many|several"
    r"|a\s+couple\s+of|a\s+few)\s+(?:years?|months)\b"
    r"|\b(?:for|over)\s+(?:over\s+|more\s+than\s+|about\s+|around\s+|nearly\s+|almost\s+)?"
    r"(?:a|one|two|three|\d+|many|several"
    r"|a\s+couple\s+of|a\s+few|the\s+last\s+(?:few|couple\s+of))\s+"
    r"(?:years?|months)\b|\bfor\s+(?:years|months|ages|a\s+long\s+time)\b|\b(?:always|always\s+been)\s+like\s+(?:this|that)\b",
    re.IGNORECASE,
)


# Long past: only then does "I'm fine now" settle it without asking. A fall yesterday
# that the patient is "fine now" after is still checked.
# Days back, not hours: "last week", "a few days ago", "on Monday".
_DAYS_AGO = re.compile(
    r"\blast\s+week\b|\b(?:a|one|two|three|four|five|six|\d+|few|couple\s+of)\s+days?\s+ago\b"
    r"|\ba\s+week\s+ago\b|\bweek\s+before\b",
    re.IGNORECASE,
)
_LONG_PAST = re.compile(
    r"\b(?:years?|months?|ages|a\s+long\s+time)\s+ago\b|\bin\s+(?:19|20)\d\d\b"
    r"|\blast\s+(?:year|month|spring|summer|autumn|fall|winter|christmas|xmas|easter)\b|\b(?:a\s+few|a\s+couple\s+of|several|\d+|two|three|four|five|six)\s+weeks\s+ago\b"
    r"|\bused\s+to\b|\bback\s+then\b|\bwhen\s+i\s+was\s+(?:young|a\s+kid|a\s+child)\b"
    # "That was back in August".
    r"|\bback\s+in\s+(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|the\s+(?:spring|summer|autumn|winter))\b",
    re.IGNORECASE,
)

_I_AM_FINE = re.compile(
    r"\b(?:i'?m|im|i\s+am|i\s+feel)\s+(?:totally\s+|completely\s+|all\s+)?(?:fine|ok|okay|better|well|alright)\b",
    re.IGNORECASE,
)
# The person the patient asked about is better again: "he is fine now, he's sitting up".
_THEY_ARE_FINE_NOW = re.compile(
    r"\b(?:he|she|they)(?:'?s|'?re|\s+is|\s+are|\s+feels?|\s+says\s+(?:he|she|they)(?:'?s|\s+is))"
    r"\s+(?:totally\s+|completely\s+|all\s+)?(?:fine|ok|okay|better|well|alright)"
    r"(?:\s+now|\s+again)\b|\b(?:he|she|they)(?:'?s|'?re|\s+is|\s+are)\s+(?:awake|up|sitting\s+up|"
    r"talking|walking)\b"
    r"|\b(?:(?:he|she|they)\s+)?says?\s+(?:he|she|they)(?:'?s|'?re|\s+is|\s+are|\s+feels?)\s+"
    r"(?:fine|ok|okay|alright|better)\b"
    # "He seems fine", "she's moving her legs again", "he can feel his legs now".
    r"|\b(?:he|she|they)\s+(?:seems?|looks?)\s+(?:fine|ok|okay|alright|better)\b"
    r"|\b(?:he|she|they)(?:'?s|'?re|\s+is|\s+are|\s+can)?\s+(?:moving|move|feeling|feel|walking"
    r"|standing)\s+(?:on\s+)?(?:his|her|their)\s+(?:legs?|feet)\s+(?:again|now)\b",
    re.IGNORECASE,
)
# Putting it off: "he wants to wait till morning", "she doesn't want a fuss".
_PUTTING_OFF = re.compile(
    r"\b(?:wants?|want|prefers?|rather)\s+(?:to\s+)?wait\b|\bwait\s+(?:till|until|for)\s+"
    r"(?:the\s+)?(?:morning|tomorrow|monday|the\s+weekend|an?\s+appointment)\b"
    r"|\b(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|refuses?\s+to)\s+(?:want\s+(?:to\s+)?)?"
    r"(?:go|a\s+fuss|make\s+a\s+fuss|call|bother)\b",
    re.IGNORECASE,
)
# Whose it was, said again: "it was my dad", "I meant my sister", "it's not about me".
_NOT_ME = (
    r"\bi\s+meant\b|\bnot\s+(?:about\s+)?me\b|\b(?:about|for)\s+someone\s+else\b"
    r"|\bsomeone\s+else'?s\b|\bnot\s+mine\b"
)
# The writer's own back, once help is on its way for someone else: "so for my own back",
# "I'm asking about MY back".
_OWN_BACK = re.compile(
    r"\bmy\s+own\s+(?:\w+\s+)?(?:back|pain)\b|\b(?:about|for)\s+(?:me|myself|my\s+(?:own\s+)?(?:back|pain))\b"
    r"|\b(?:i'?m|im|i\s+am)\s+asking\s+(?:about\s+)?(?:for\s+)?(?:me|my|myself)\b",
    re.IGNORECASE,
)
# "What about me, I just have mild stiffness": the writer asks about their own back, after
# another person's red flag.
_ASKS_ABOUT_OWN = re.compile(
    _OWN_BACK.pattern
    + r"|\bwhat\s+about\s+(?:me|mine|my\s+(?:own\s+)?back)\b|\b(?:and|but)\s+(?:me|mine)\b"
    r"|\bi\s+(?:just|only)\s+(?:have|get|got)\b|\bmine\s+is\s+(?:just|only)\b",
    re.IGNORECASE,
)
THEIR_CARE_NOW = "utter_emergency_their_care_own_back"
OWN_BACK = "utter_emergency_own_back"
"""Urgent care for the other person, once more, before the writer's own back."""
# "I don't have them", said to "is everyone free of these signs now?": a yes to it.
_NOBODY_HAS_THEM = re.compile(
    r"\b(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+have\s+(?:them|it|any|those|that)\b"
    r"|\bnot\s+me\b|\bnobody\s+(?:here\s+|else\s+|now\s+)?(?:has|does)\b"
    r"|\bno\s*one\s+(?:here\s+|else\s+|now\s+)?(?:has|does)\b",
    re.IGNORECASE,
)
_WHOSE_IT_WAS = re.compile(
    _NOT_ME + r"|\b(?:it|that)(?:\s+was|'?s|\s+is)\s+(?:my|his|her|their)\b", re.IGNORECASE
)
_LOOKED_AFTER = re.compile(
    _SEEN + r"|\b(?:in|at)\s+(?:the\s+)?(?:hospital|a\s*&\s*e|er)\b"
    # "They took her to hospital", "he was admitted".
    r"|\b(?:took|taken|rushed|admitted)\s+(?:him|her|them)\s+(?:in)?to\s+(?:the\s+)?(?:hospital|a\s*&\s*e)\b"
    r"|\b(?:he|she|they)\s+(?:was|were|has\s+been|have\s+been)\s+admitted\b"
    # "He had an aneurysm repair", "she was treated for it".
    r"|\b(?:had|has\s+had|got)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:repair|operation|surgery|op)\b"
    r"|\b(?:was|were|been)\s+treated\b",
    re.IGNORECASE,
)

# "Please just cancel JPC-KRDDA6", "is it cancelled?": the booking asked about.
_ASKS_TO_CANCEL = re.compile(r"\bcancel\w*\b", re.IGNORECASE)


def mentions_cancelling(text: str) -> bool:
    """Whether the message speaks of cancelling ("can you just cancel my appointment")."""
    return bool(_ASKS_TO_CANCEL.search(text))


# Help is already on its way: the patient has done what the urgent reply asks.
_HELP_COMING = re.compile(
    r"\bambulance\s+(?:is\s+|'?s\s+)?(?:already\s+)?(?:coming|on\s+(?:its|the|it'?s)\s+way|here|arrived|called)\b"
    r"|\b(?:called|rang|rung|phoned|calling|ringing)\s+(?:an?\s+|the\s+)?(?:999|911|112|111|ambulance)\b"
    # "Ok calling now. Can I just lie him down?"
    r"|\b(?:calling|ringing|phoning)\s+(?:them\s+|it\s+|999\s+)?now\b"
    r"|\bparamedics?\s+(?:are\s+|is\s+)?(?:here|coming|on\s+(?:their|the)\s+way|with\s+(?:him|her|them|me))\b"
    r"|\b(?:on\s+(?:our|my|the|his|her|their)\s+way|going|heading|driving\s+(?:me|him|her|them)?)\s+to\s+"
    r"(?:the\s+)?(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency)\b"
    r"|\b(?:already\s+)?(?:on\s+(?:our|my)\s+way|going\s+now|leaving\s+now|heading\s+there(?:\s+now)?)\b"
    r"|\balready\s+on\s+the\s+way\b"
    # "they've already left, they're halfway there", "nearly there now"
    r"|\b(?:they'?ve|they\s+have|we'?ve|we\s+have|he'?s|she'?s)\s+(?:already\s+|just\s+)?(?:left|set\s+off)\b"
    r"|\b(?:halfway|half\s+way|nearly|almost)\s+there\b"
    # "ok ok. will go.", "fine, will go now": agreeing to go, the "I" left out.
    r"|(?:^|[.!,]\s*|\b(?:ok|okay|fine|alright|right)\W+)(?:i\s+)?will\s+go(?:\s+(?:now|in|there))?"
    r"\s*(?:[.,!]|$)"
    # Agreeing to go or to call: "ok, I'm going", "fine, I'll call", "we'll take him now".
    r"|\b(?:i'?m|im|i\s+am|we'?re|were|we\s+are)\s+going(?:\s+(?:now|there|in))?\s*(?:[.,!]|$)"
    r"|\b(?:i'?ll|ill|i\s+will|we'?ll|we\s+will)\s+(?:call|ring|phone)(?:\s+(?:them|now|999|911|112"
    r"|an?\s+ambulance))?\s*(?:[.,!]|$|now\b|then\b)"
    r"|\b(?:i'?ll|ill|i\s+will|we'?ll|we\s+will)\s+(?:go|take\s+(?:him|her|them|me))\s+(?:now|there"
    r"|to\s+(?:the\s+)?(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency))\b"
    r"|\btaking\s+(?:him|her|them|me)\s+(?:in|to\s+(?:the\s+)?(?:a\s*&\s*e|a\s+and\s+e|hospital|er))\b"
    # "Fine, I'm getting a taxi to A&E now".
    r"|\b(?:getting|got|get|taking|in)\s+(?:a\s+|the\s+)?(?:taxi|cab|uber|lift)\s+(?:to\s+(?:the\s+)?"
    r"(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency)|now)\b"
    r"|\bgiving\s+(?:me|him|her|us|them)\s+a\s+lift\s+to\s+(?:the\s+)?"
    r"(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency)\b"
    # Someone else is taking them: "partner is driving me there now", "flatmate is taking me".
    r"|\b(?:is|are|'s)\s+(?:driving|taking|bringing)\s+(?:me|him|her|them|us)\b"
    # "HE is driving, not me": someone else is taking them.
    r"|\b(?:he|she|they|someone|somebody|my\s+\w+)\s+(?:is|'s|are|'re)\s+(?:the\s+one\s+)?driving\b"
    r"|\b(?:calling|ringing|phoning|called|rang|phoned)\s+(?:the\s+)?(?:maternity|midwife|labour\s+ward"
    r"|hospital|111|gp|doctor)\b"
    # "While we wait for the ambulance", not "what stretches while I wait": only waiting for
    # help said to be coming is help on its way.
    r"|\bwhile\s+(?:we|i)(?:'?re|\s+are|'?m|\s+am)?\s+wait(?:ing)?\s+for\s+(?:the\s+|an\s+)?"
    r"(?:ambulance|paramedics?|999|help)\b"
    r"|\bwait(?:ing)?\s+for\s+(?:the\s+|an\s+)?(?:ambulance|paramedics?)\b"
    r"|\b(?:already\s+)?being\s+seen\b|\b(?:doctor|gp|nurse)\s+is\s+(?:here|with\s+(?:me|him|her|them))\b"
    # At the hospital already: "ok im at the hospital now, waiting", "we're in A&E".
    r"|\b(?:i'?m|im|i\s+am|we'?re|were|we\s+are|he'?s|she'?s|he\s+is|she\s+is|they'?re|they\s+are)"
    r"\s+(?:now\s+|here\s+)?(?:at|in)\s+(?:the\s+)?(?:hospital|a\s*&\s*e|a\s+and\s+e|er"
    r"|emergency\s+department|urgent\s+care)\b"
    # "We will drive him to A&E now", "ok we are leaving for A&E now".
    r"|\b(?:drive|driving|take|taking|bring|bringing)\s+(?:me|him|her|them|us)\s+(?:in\s+)?to\s+"
    r"(?:the\s+)?(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency)\b"
    r"|\b(?:leaving|left|setting\s+off|set\s+off)\s+(?:now\s+)?for\s+(?:the\s+)?"
    r"(?:a\s*&\s*e|a\s+and\s+e|hospital|er|emergency)\b"
    # Someone else already in hospital: "She is already IN hospital, they are looking after her".
    r"|\b(?:he'?s|she'?s|he\s+is|she\s+is|they'?re|they\s+are)\s+already\s+(?:at|in)\s+(?:the\s+)?"
    r"(?:hospital|a\s*&\s*e|a\s+and\s+e)\b"
    # "ok i called, they're sending someone", "ok. ill go."
    r"|\b(?:i|we|i'?ve|ive|we'?ve)\s+(?:just\s+|already\s+)?(?:called|rang|phoned)"
    r"(?:\s+(?:999|911|112|them|the\s+ambulance|an\s+ambulance))?\s*(?:[,.!]|$|and\b)"
    r"|\b(?:sending|send)\s+(?:someone|somebody|an?\s+ambulance|help|paramedics"
    r"|an?\s+(?:\w+\s+)?(?:doctor|gp|nurse|paramedic))\b"
    # "The out-of-hours doctor is on his way", "a GP is coming out to see her".
    r"|\b(?:doctor|gp|nurse|paramedics?)\s+(?:is|are|'s)\s+(?:coming|on\s+(?:their|the|his|her)\s+way)\b"
    r"|\b(?:i'?ll|ill|i\s+will|we'?ll|we\s+will)\s+go\s*(?:[.,!]|$)"
    # "I've called them, they're coming": the call is made and help is on its way.
    r"|\b(?:i'?ve|ive|i\s+have|we'?ve|weve|we\s+have|i|we|just)\s+(?:just\s+|already\s+)?"
    r"(?:called|rang|phoned)\s+(?:them|it|for\s+help|for\s+an?\s+ambulance)\b"
    r"|\b(?:they'?re|theyre|they\s+are|help\s+is|someone\s+is)\s+(?:already\s+)?(?:coming|on\s+(?:their|the|its)\s+way)\b",
    re.IGNORECASE,
)

# "Why though? which bit is the emergency?", "why is it urgent?", "what's so serious?"
_ASKS_WHY_URGENT = re.compile(
    r"\bwhich\s+(?:bit|part|one|symptom|thing)\b[^.?!]{0,30}\b(?:emergency|urgent|serious|worr\w*)"
    r"|\bwhy\b[^.?!]{0,30}\b(?:emergency|urgent|serious|a\s*&\s*e|999|hospital)\b"
    r"|\bwhat'?s\s+(?:so\s+)?(?:urgent|serious)\b|^\W*why\s*(?:though|tho)?\W*$",
    re.IGNORECASE,
)
# The reply that names the warning signs the patient told, before the advice again.
WHY_URGENT = "utter_emergency_why"

_NOT_AN_EMERGENCY = re.compile(
    r"\b(?:it'?s|its|it\s+is|this\s+is|that'?s)\s+not\s+(?:an?\s+)?emergenc(?:y|ies)\b"
    r"|\bnot\s+(?:an?\s+)?emergency\b|\bemergency\W*\s*(?:no|nope|nah)\b"
    # "what?? no emergency, nobody is hurt".
    r"|\bno\s+emergency\b|\bno\s*(?:one|body)\s+(?:is\s+|'s\s+|was\s+)?(?:hurt|injured|ill)\b"
    r"|\b(?:just|only)\s+(?:a\s+)?(?:pulled|strained|tweaked|sore)\s+(?:muscle|back)\b"
    r"|\b(?:normal|ordinary|regular|usual)\s+(?:back\s*ache|backache|back\s+pain|ache)\b"
    # "no its just a normal achy back lol"
    r"|\b(?:normal|ordinary|regular|usual)\s+(?:achy|aching|sore|stiff|bad)\s+back\b"
    # "only pain when bend", "just the ache": the ordinary pain, nothing more.
    r"|\b(?:only|just)\s+(?:the\s+|a\s+|my\s+)?(?:pain|ache|aching|sore|soreness|stiffness)\b"
    # "wat?? its just a stiff back lol": only the ordinary pain the suspicion was about.
    r"|\b(?:it'?s|its|it\s+is|just|only)\s+(?:just\s+|only\s+)?(?:a\s+)?(?:stiff|sore|bad|achy|aching)"
    r"\s+back\b",
    re.IGNORECASE,
)


_PASSED = re.compile(
    r"\b(?:it'?s|its|it\s+has|it\s+is|that'?s|they'?re|it|they)\s+(?:all\s+)?"
    r"(?:gone" + NOT_GONE + r"|passed|stopped|over|eased|settled|better"
    r"|back\s+to\s+normal)\b"
    r"|\b(?:it\s+)?(?:only|just)\s+(?:happened\s+)?once\b|\bnot\s+any\s*more\b|\bno\s+longer\b"
    # "The temperature is gone now", "my fever has gone".
    r"|\b(?:temperature|temp|fever|numbness|tingling|weakness|leak\w*)\s+(?:is|has|'s|has\s+been)\s+"
    r"(?:all\s+)?(?:gone|passed|over|normal|back\s+to\s+normal|fine)\b",
    re.IGNORECASE,
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:he|she|they|him|her|them)\b|"
    + _NOT_ME
    + r"|\bmy\s+(?:dad|father|mum|mom|mother|wife|husband|partner|son|daughter|friend|sister|"
    r"brother|gran\w*|neighbou?r)\b",
    re.IGNORECASE,
)


# "Can you call an ambulance for me?", "ring 999 for me please".
_CALL_FOR_ME = re.compile(
    r"\b(?:can|could|will|would|please|pls)\s+(?:you\s+|u\s+)?(?:please\s+)?"
    r"(?:call|ring|phone|get|send)\s+(?:an?\s+|the\s+)?(?:ambulance|999|911|112|help|someone|paramedics?)"
    r"|\b(?:call|ring|phone)\s+(?:an?\s+)?(?:ambulance|999|911|112)\s+for\s+(?:me|him|her|us|them)\b",
    re.IGNORECASE,
)


# A fall or knock said to have been a small one: not "it passed", but "it was nothing".
_MINOR = re.compile(
    r"\b(?:wasn'?t|was\s+not|isn'?t|is\s+not|not)\s+(?:that\s+|very\s+|a\s+)?serious\b"
    r"|" + _SMALL_FALL,
    re.IGNORECASE,
)


_ANOTHER_PERSON = re.compile(
    r"\b(?:he|she|they|him|her|them)\b|\bmy\s+(?:dad|father|mum|mom|mother|wife|husband|partner"
    r"|son|daughter|friend|sister|brother|gran\w*|neighbou?r|uncle|aunt|cousin)\b",
    re.IGNORECASE,
)


# Already checked by a hospital or a doctor for it: "the hospital checked me on friday and
# said nothing broken", "got checked at A&E the same day, x-rays fine".
_PLACE_OR_DOCTOR = (
    r"(?:the\s+)?(?:hospital|a\s*&\s*e|a\s+and\s+e|er|emergency\s+department|urgent\s+care"
    r"|doctors?|gp|paramedics?|walk[\s-]*in\s+(?:centre|center|clinic))"
)
_ALREADY_SEEN = re.compile(
    # "The paramedics are here and checked him".
    _PLACE_OR_DOCTOR + r"\s+(?:(?:are|were|came|have\s+been)\s+(?:here\s+)?and\s+)?"
    r"(?:already\s+|have\s+already\s+|has\s+already\s+)?"
    r"(?:checked|examined|x-?rayed|scanned|saw|seen|looked\s+at)\s+(?:me|him|her|them|it|us"
    # "Paramedics checked my heart, ECG all normal".
    r"|(?:my|his|her|their)\s+(?:heart|chest|back|legs?|spine))\b"
    # "The out of hours doctor came, said it was a kidney infection": come and gone.
    r"|\b(?:doctor|gp|nurse|paramedics?)\s+(?:has\s+|have\s+)?(?:already\s+)?(?:came|come|been"
    r"|visited|called\s+round)(?:\s+(?:out|round|over|and\s+(?:gone|seen|checked)))?\s*(?:[,.;]|and\b)"
    # Treated for it: "he is on antibiotics", "she was started on antibiotics".
    r"|\b(?:on|taking|started\s+on|given|prescribed)\s+antibiotics\b"
    r"|\b(?:got|been|was|were)\s+(?:already\s+)?(?:checked|checked\s+out|seen|examined"
    r"|x-?rayed|scanned)\s+(?:at|in|by)\s+" + _PLACE_OR_DOCTOR + r"\b"
    r"|\b(?:x-?rays?|scans?|tests?|mri|ecg|ekg|bloods|blood\s+tests?)\s+(?:were|was|are|came\s+back"
    r"|all|is|(?:were|was|is|came\s+back)\s+all)\s+(?:all\s+)?"
    r"(?:fine|clear|normal|ok|okay)\b|\bnothing\s+(?:was\s+)?broken\b"
    # "Back from A&E, they did a scan and said no emergency", "been to hospital, all clear".
    r"|\b(?:back|home|just\s+got\s+back|been)\s+(?:from|to)\s+(?:the\s+)?(?:a\s*&\s*e|a\s+and\s+e|hospital"
    r"|emergency\s+department|er|urgent\s+care)\b[^.!?]*\b(?:did|had|took|ran)\s+(?:a|an|some|the)?\s*"
    r"(?:scan|mri|x-?ray|tests?|bloods|ecg)\b"
    r"|\b(?:said|says|told\s+(?:me|us))\s+(?:it'?s\s+|it\s+was\s+|it\s+is\s+)?(?:no|not\s+an?)\s+emergency\b",
    re.IGNORECASE,
)


def already_seen(text: str) -> bool:
    """Whether the message says a hospital or doctor has already checked it, in the past."""
    if not _ALREADY_SEEN.search(text):
        return False
    # "The paramedics are here and checked him, they say he's fine": come and gone.
    return not help_is_coming(text) or bool(_FOUND_FINE.search(text))


_FOUND_FINE = re.compile(
    r"\b(?:fine|ok|okay|nothing\s+(?:serious|wrong)|no\s+hospital|not\s+needed|muscle\s+spasm)\b",
    re.IGNORECASE,
)


def looked_after(text: str) -> bool:
    """Whether the message says a doctor, midwife or hospital has seen to it already."""
    return already_seen(text) or bool(_LOOKED_AFTER.search(text)) or bool(_CHECKED.search(text))


_CHECKED = re.compile(
    r"\b(?:they|doctor|gp|midwife|hospital|nurse)\s+(?:have\s+|has\s+)?(?:checked|seen|examined)"
    r"\s+(?:me|him|her|them|it)\b|\b(?:midwife|maternity|gp|doctor)\s+(?:said|says)\b",
    re.IGNORECASE,
)


def passed_recently(text: str) -> bool:
    """Whether the patient says the red flag has passed, but not long ago.

    "It stopped, I'm fine now" about this morning or last week, or "he is fine now, he's
    sitting up" about the person asked for, still needs a doctor's check today; years
    ago, someone else after all, or already seen by a doctor is another matter.
    """
    if _THEY_ARE_FINE_NOW.search(text) and not _WHOSE_IT_WAS.search(text):
        # The person asked about has come round or feels better: what just happened to
        # them still needs a doctor today. ("It was my dad, he's fine now" is checked with
        # one question, which asks whether it was recent.)
        return not (_LONG_PAST.search(text) or _LOOKED_AFTER.search(text))
    if not (_PASSED.search(text) or _I_AM_FINE.search(text)):
        return False
    return not (_LONG_PAST.search(text) or _LOOKED_AFTER.search(text) or _SOMEONE_ELSE.search(text))


# "Should I call an ambulance?", "do I drive him there?": asking, not telling.
_ASKING = re.compile(
    r"\b(?:should|shall|do|can|could|must)\s+(?:i|we)\s+(?:\w+\s+)?"
    r"(?:call|calling|ring|phone|drive|take|get|go|need|wait)\b",
    re.IGNORECASE,
)


_DRIVING = re.compile(
    r"\b(?:drive|driving|drove)\b|\b(?:get|put|take|lift|move|carry)\s+(?:him|her|them|me)\s+"
    r"(?:in|into)\s+(?:the\s+|a\s+|our\s+|my\s+)?car\b",
    re.IGNORECASE,
)
# Moving someone else: "should we move him into the car?"
_MOVING_SOMEONE = re.compile(
    r"\b(?:get|put|take|lift|move|carry)\s+(?:him|her|them)\b"
    r"|\b(?:help|pick|sit|stand|lift|get|prop)\s+(?:him|her|them)\s+up\b",
    re.IGNORECASE,
)
# No call made yet: "we haven't called anyone yet. so ambulance?"
_NOT_CALLED = re.compile(
    r"\b(?:haven'?t|havent|have\s+not|didn'?t|didnt|did\s+not|not)\s+(?:yet\s+)?(?:called|rung|rang"
    r"|phoned|rung)\b|\bno\s*(?:one|body)\s+(?:has\s+)?(?:called|rung|phoned)\b"
    r"|\bnot\s+(?:yet\s+)?called\s+(?:anyone|anybody|999|an\s+ambulance)\b",
    re.IGNORECASE,
)


# "I'm not going to A&E for a slip", "we won't call anyone": refusing, not on the way.
_REFUSING = re.compile(
    r"\b(?:not|n'?t|never|no\s+way\s+(?:i'?m|im))\s+(?:\w+\s+)?(?:going|go|call|calling|ring|ringing)\b",
    re.IGNORECASE,
)


# A part of the message that asks rather than tells: "should we move him into the car, or
# wait for an ambulance" says nothing of help on its way. Not `opens_as_question`: "what do
# I do while we wait for the ambulance?" asks, and also tells that help is coming.
_PARTS = re.compile(r"[.!?;,]+\s*")
_OPENS_AS_QUESTION = re.compile(
    # Not "will go": agreeing to go with the "I" left out.
    r"^\s*(?:so\s+|and\s+|but\s+)?(?:should|shall|do|does|can|could|must|will(?!\s+go\b)|would"
    r"|is|are|or)\b",
    re.IGNORECASE,
)


_BY_CAR = re.compile(
    r"\b(?:drive|driving|drives|drove|car|taxi|cab|uber|lift|bus)\b", re.IGNORECASE
)
_BY_AMBULANCE = re.compile(r"\b(?:ambulance|paramedics?|999|911|112)\b", re.IGNORECASE)


def driven_not_by_ambulance(text: str) -> bool:
    """Whether the patient is going to hospital by car or taxi rather than by ambulance."""
    return bool(_BY_CAR.search(text)) and not _BY_AMBULANCE.search(text)


def help_is_coming(text: str) -> bool:
    """Whether the patient says an ambulance is coming or they are on their way to hospital.

    Only a part of the message that tells counts: "they said an ambulance is coming.
    should I take ibuprofen while I wait?" does; "should we wait for an ambulance" does not.
    """
    return any(
        _HELP_COMING.search(part) and not _ASKING.search(part) and not _REFUSING.search(part)
        for part in _PARTS.split(text)
        if not _OPENS_AS_QUESTION.match(part)
    )


def is_longstanding(text: str) -> bool:
    """Whether the patient says the symptom is long-standing rather than new."""
    return bool(_LONGSTANDING.search(text))


# Something new or recent beside it: "back pain for years, and since this morning I can't
# control my bladder" is a new red flag, whatever else is long-standing.
_NEW_OR_RECENT = re.compile(
    r"\b(?:since|from)\s+(?:this\s+morning|today|yesterday|last\s+night|earlier|an?\s+hour|\d+\s+hours?"
    r"|an?\s+(?:day|couple\s+of\s+days)|\d+\s+days?)\b"
    r"|\b(?:today|tonight|this\s+morning|just\s+now|suddenly|sudden|all\s+of\s+a\s+sudden|started"
    r"|began|woke\s+up|new\s+(?:weakness|numbness|problem)|getting\s+worse|much\s+worse)\b"
    # "A temperature of 38.9 since Tuesday", "this week it's been different": days, not
    # the years the back pain beside it has lasted.
    r"|\b(?:since|from)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)(?:day)?|the\s+weekend"
    r"|last\s+week)\b|\bthis\s+week\b|\b(?:the\s+)?(?:last|past)\s+(?:few|couple\s+of)\s+days\b"
    r"|\bfor\s+(?:a\s+few|a\s+couple\s+of|two|three|four|\d+)\s+days\b"
    # "About 40 minutes ago I got a crushing pain in my chest".
    r"|\b(?:\d+|an?|one|two|three|few|couple\s+of|half\s+an)\s*(?:minutes?|mins?|hours?|hrs?)"
    r"\s+ago\b",
    re.IGNORECASE,
)


_BACK_AGAIN = re.compile(
    r"\b(?:again|worse|worsening)\b|\b(?:came|come|comes|is|it's)\s+back\b", re.IGNORECASE
)
_AGAIN_OR_WORSE = re.compile(
    r"\b(?:again|worse|still|now|new)\b|\b(?:came|come|comes|is|it's)\s+back\b", re.IGNORECASE
)


def tells_something_new(text: str) -> bool:
    """Whether the message tells of something new, recent or worse ("again", "since today").

    A red flag already checked and stood down, named again with nothing new ("should she
    see a specialist after the fall?"), is the same one, not a new emergency.
    """
    said = _ASKED_AGAIN.sub(" ", _DENIED_CHANGE.sub(" ", text))
    return _new_or_recent(text) or bool(_AGAIN_OR_WORSE.search(said))


# "I ask again, the fever she had last week, I must tell the doctor?": the question asked
# again, not the sign come again.
_ASKED_AGAIN = re.compile(
    r"\b(?:i\s+)?(?:ask|asking|asked|say|saying|said|tell|telling|repeat|repeating|try|trying)"
    r"\s+(?:you\s+|it\s+|this\s+)?again\b",
    re.IGNORECASE,
)


def told_as_longstanding(text: str) -> bool:
    """Whether a red flag is told as long-standing, with nothing new or recent beside it.

    "She has had accidents with her bladder for years, the doctor knows about it": checked
    with one question that carries the urgent advice, not sent to A&E at once.
    """
    return is_longstanding(text) and not _new_or_recent(text)


_LONGEST_CHECKIN_ANSWER = 10


def answers_the_checkin_instead(text: str) -> bool:
    """Whether a reply to "is this happening now?" only goes on with the pain's story.

    A short message that gives how bad or how long, names no warning sign and asks
    nothing: "8 when bending, 4 when rest", "few days, since i slept funny".
    """
    if len(text.split()) > _LONGEST_CHECKIN_ANSWER or "?" in text or _SIGN_WORDS.search(text):
        return False
    if parse_yes_no(text) is not None:
        return False
    return (
        stated_severity(text) is not None or parse_duration_days(text, dt.date.today()) is not None
    )


WEEKS_TOLD_DAYS = 21
"""A symptom told as lasting three weeks or more is not a sudden change."""


def told_for_weeks(text: str) -> bool:
    """Whether the message gives weeks or months, with nothing new or recent beside it.

    "pain back 2 month. strong. leg is sleeping sometime" is; "back pain for years, and
    since this morning I can't feel my legs" is not.
    """
    days = parse_duration_days(text, dt.date.today())
    return days is not None and days >= WEEKS_TOLD_DAYS and not _new_or_recent(text)


def _new_or_recent(text: str) -> bool:
    """Something new or recent told, leaving aside a change denied ("nothing sudden")."""
    return bool(_NEW_OR_RECENT.search(_DENIED_CHANGE.sub(" ", text)))


# "Nothing has changed suddenly", "not sudden": a change denied is no change.
_DENIED_CHANGE = re.compile(
    r"\b(?:nothing|not|never|no)\s+(?:\w+\s+){0,2}?(?:sudden(?:ly)?|new|started|worse)\b",
    re.IGNORECASE,
)


# "I am not in danger, I will not do anything, I'm just tired of the pain", "ok I will text
# SHOUT": safe now, or reaching out, said after the crisis reply. Checked with one question
# ("are you safe right now?") before the conversation goes back to the back.
_SAFE_NOW = re.compile(
    r"(?<!sure\s)(?<!if\s)(?<!whether\s)\b(?:i'?m|im|i\s+am)\s+(?:not\s+in\s+(?:any\s+)?danger"
    r"|safe\b|not\s+going\s+to\s+(?:do\s+anything|hurt|harm))"
    r"|\bi\s+(?:will\s+not|won'?t|wont|would\s+not|wouldn'?t|would\s+never|will\s+never)\s+"
    r"(?:do\s+anything|hurt\s+myself|harm\s+myself|act\s+on)"
    r"|\bi(?:'ll|\s+will|ll)\s+(?:text|call|ring|contact|message)\s+(?:shout|samaritans|them|the\s+helpline)\b",
    re.IGNORECASE,
)


_MEDICINE = re.compile(
    r"\b(?:paracetamol|ibuprofen|calpol|nurofen|painkillers?|pain\s+killers?|tablets?|pills?"
    r"|meds|medicine|medication|co-?codamol|codeine|naproxen|aspirin|tramadol)\b",
    re.IGNORECASE,
)
_ASKS_ABOUT_GIVING = re.compile(
    r"\b(?:should|can|could|shall|do)\s+(?:i|we|he|she|they)\s+(?:\w+\s+)?(?:give|take|have)\b",
    re.IGNORECASE,
)
_EASED = re.compile(
    r"\b(?:down|lower|better|normal|gone|eased|easing|helped|helping|working|worked|fine|ok"
    r"|okay|settled|brought|dropped|controlled)\b",
    re.IGNORECASE,
)


def eased_by_medicine(text: str) -> bool:
    """Whether the message says a medicine has eased the sign ("temp is down after paracetamol")."""
    if _ASKS_ABOUT_GIVING.search(text):
        return False  # "Should I give him paracetamol and lie him down first?": asked, not eased
    return bool(_MEDICINE.search(text)) and bool(_EASED.search(text))


def says_safe_now(text: str) -> bool:
    """Whether the patient says they are safe now, or will reach out to the helpline.

    Not when hedged: "I dunno. I wouldn't do anything" is not yet a clear "I'm safe".
    """
    return bool(_SAFE_NOW.search(text)) and not _HEDGED.search(text)


_HEDGED = re.compile(
    r"\b(?:dunno|idk|i\s+don'?t\s+know|not\s+(?:really\s+)?sure|maybe|probably\s+not|i\s+guess"
    r"|i\s+suppose|kind\s+of|sort\s+of|hopefully)\b",
    re.IGNORECASE,
)


ONLY_ASKED = "utter_emergency_only_asked"
_ONLY_ASKED = re.compile(
    r"\bhypothetical\w*|\bnever\s+(?:had|have|ever\s+had)\b"
    r"|\b(?:was|were|is|it'?s|its|that'?s)\s+(?:just\s+|only\s+)?(?:a\s+)?(?:general\s+)?question\b"
    r"|\b(?:i\s+was|i'?m|im|i\s+am)\s+(?:just\s+|only\s+)asking\b"
    r"|\bwhat\s+to\s+(?:look|watch)\s+out\s+for\b",
    re.IGNORECASE,
)


_LOW_MOOD = re.compile(
    r"\b(?:getting|gets|got|get)\s+me\s+(?:so\s+|really\s+)?down\b(?!\s+(?:the|to|from|a)\b)|\bdepress(?:ed|ing|ion)\b"
    r"|\bhopeless\w*|\b(?:can'?t|cannot|can\s+not)\s+cope\b|\bmiserable\b|\bdesperate\b"
    r"|\bfeel(?:s|ing)?\s+(?:so\s+|really\s+|very\s+|pretty\s+|quite\s+)?(?:low|down|awful|worthless)\b"
    r"|\bstruggling\s+(?:to\s+cope|with\s+(?:it|everything|life))\b|\bno\s+point\b",
    re.IGNORECASE,
)


def tells_of_low_mood(text: str) -> bool:
    """Whether the message tells of low mood ("it's really getting me down", "hopeless")."""
    return bool(_LOW_MOOD.search(text))


def only_asked(text: str) -> bool:
    """Whether the patient says they only asked about the signs and never had them."""
    return bool(_ONLY_ASKED.search(text))


def is_retraction(text: str) -> bool:
    """Whether the patient says the red flag is past, someone else's, or not theirs now."""
    return bool(_RETRACTION.search(text))


def is_settled_retraction(text: str) -> bool:
    """Whether the message says the episode is past and the patient is fine now."""
    return is_retraction(text) and bool(_SETTLED.search(text))


def on_red_flag(crisis: bool, physical: bool, settled_past: bool = False) -> Step:
    """The reply to a red flag the rules found: urgent care, the crisis line, or both.

    Thoughts of self-harm told as past and over ("years ago, I'm ok now") get the helpline
    with a gentle check that the patient is safe now, not the reply for a crisis today.
    """
    if crisis and not physical and settled_past:
        return Step(("utter_crisis_confirm_clear",), State.CLEARING_CRISIS)
    responses = (("utter_emergency",) if physical else ()) + (("utter_crisis",) if crisis else ())
    return Step(responses or ("utter_emergency",), State.URGENT if physical else State.CRISIS)


def on_suspicion(crisis: bool) -> Step:
    """A suspected red flag: one direct yes/no question that already carries the advice."""
    if crisis:
        return Step(("utter_crisis_check",), State.CHECK_CRISIS)
    return Step(("utter_emergency_check",), State.CHECK_URGENT)


# "Still a bit weak", "it's still there", "hasn't gone": the red flag is there now.
# Words of the warning signs themselves: said with "it's not an emergency", they win.
_SIGN_WORDS = re.compile(
    r"\b(?:numb(?!ers?\b)\w*|weak\w*|tingl\w*|bladder|bowel\w*|wee|pee\w*|poo\w*|wet|soil\w*|fever\w*"
    r"|temperature|chest|faint\w*|tear\w*|ripping|groin|saddle|genital\w*|can'?t\s+(?:walk|move|feel))",
    re.IGNORECASE,
)
# Someone unwell as the message is written: "grey and sweaty", "he has it now!!".
_UNWELL_NOW = re.compile(
    r"\b(?:grey|gray|pale|sweaty|sweating|clammy|breathless|short\s+of\s+breath|in\s+agony"
    r"|collapsed|vomiting|being\s+sick|can'?t\s+(?:move|walk|stand|breathe|get\s+up|feel)"
    r"|(?:has|having|got)\s+(?:it|them|this)\s+(?:right\s+)?now|(?:it'?s|is)\s+happening\s+(?:right\s+)?now)\b",
    re.IGNORECASE,
)

_NOBODY_NOW = re.compile(r"\b(?:nobody|no\s*one|none\s+of\s+us)\s+(?:has|does|is)\b", re.IGNORECASE)


def _unwell_now(text: str) -> bool:
    """Whether someone is said to be unwell now ("grey and sweaty"), not "nobody has them now"."""
    return bool(_UNWELL_NOW.search(text)) and not _NOBODY_NOW.search(text)


_STILL_THERE = re.compile(
    r"\bstill\s+(?:\w+\s+){0,3}?(?:weak|numb|wobbly|tingl\w*|there|can'?t|cannot|happening|hurts?"
    r"|bad|leaking|the\s+same|no\s+feeling|not\s+right)\b"
    r"|\b(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+(?:gone|stopped|passed|eased)\b",
    re.IGNORECASE,
)
_NOT_NOW = re.compile(r"\b(?:not\s+now|no\s+longer|not\s+any\s*more|gone\s+now)\b", re.IGNORECASE)
_CLEARING = (State.CLEARING_URGENT, State.CLEARING_CRISIS, State.CLEARING_LONGSTANDING)
_RED_FLAG_INTENTS = ("report_emergency", "report_crisis")


# "It's just the one leg and it came on slowly": not the sudden weakness of both legs.
_GRADUAL_OR_ONE_SIDED = re.compile(
    r"\b(?:slowly|gradually|gradual|bit\s+by\s+bit|over\s+(?:the\s+)?(?:weeks|months|time))\b"
    r"|\b(?:only|just)\s+(?:the\s+)?(?:one|1|left|right)\s+(?:leg|foot|side|arm|hand)\b"
    r"|\bone\s+(?:leg|foot)\s+only\b"
    # "Still a bit numb, but only my back, not down below": not the saddle area.
    r"|\bonly\s+(?:in\s+)?(?:my|the)\s+(?:lower\s+|upper\s+)?back\b"
    r"|\bnot\s+(?:down\s+below|down\s+there|between\s+my\s+legs|my\s+(?:bum|groin|legs))\b"
    # "It's not sudden, it's been on and off for weeks, only when I stand in the queue".
    r"|\bnot\s+(?:sudden|suddenly)\b|\b(?:on\s+and\s+off|off\s+and\s+on|comes\s+and\s+goes)\b",
    re.IGNORECASE,
)


def follow_up(
    state: State,
    intent: str | None,
    text: str,
    *,
    denies_red_flags: bool = False,
    asks_to_book: bool = False,
    told_as_someone_elses: bool = False,
    only_fever: bool = False,
    suspected_for_weeks: bool = False,
    only_leg_weakness: bool = False,
) -> Step:
    """The reply to any message while the conversation is in an emergency state.

    `denies_red_flags` says the message names the warning signs only to say they are
    absent ("no bladder problems, only one leg"), which the red-flag reader tells.
    `asks_to_book` says it asks for an appointment: instead of urgent care it is refused,
    but once help is on its way it is for afterwards, and the reply says how.
    `told_as_someone_elses` says the red flag was told as another person's from the start:
    "it's my dad, not me" then says nothing new, and the advice stands.
    `only_fever` says the red flag was a fever alone: one that was days ago and is gone
    ("the fever was last week, my temperature is normal now") is checked with one
    question and stood down, where numbness or lost bladder control would still need a
    doctor today.
    `only_leg_weakness` says the red flag was weakness in the legs and nothing else: "it's
    only the one leg and it came on slowly over weeks" is then asked whether it is new or
    suddenly worse, where lost bladder control that came on slowly would still be urgent.
    `suspected_for_weeks` says the message the emergency check asked about told of weeks
    or months ("pain back 2 month. leg is sleeping sometime"): a yes to "is it happening
    now?" is then the long-standing kind, for a specialist, not sudden weakness.
    """
    # "Yes, I'm safe" or a button's words typed out answer the question as its buttons do.
    answer = {"affirm": True, "deny": False}.get(intent or "", parse_yes_no(text))
    if state is State.CLEARING_URGENT and _NOBODY_HAS_THEM.search(text):
        # "I don't have them. She's being treated": nobody has them now, though it says no.
        answer = True
    intent = {True: "affirm", False: "deny", None: intent}[answer]
    kind = "crisis" if state.crisis else "emergency"
    reminder = f"utter_{kind}_reminder"
    settled = State.CRISIS if state.crisis else State.URGENT
    if state is State.CHECK_URGENT and _NOT_AN_EMERGENCY.search(text) and intent != "deny":
        # "Well yes it still hurts now? it's not an emergency tho, just a pulled muscle":
        # the yes is to the pain, which the patient says is the ordinary kind.
        ordinary = not (
            _SIGN_WORDS.search(text) or is_longstanding(text) or _GRADUAL_OR_ONE_SIDED.search(text)
        )
        if intent not in _RED_FLAG_INTENTS and ordinary:
            return Step(("utter_emergency_check_cleared",), None)
    if state in (State.CHECK_URGENT, State.CHECK_CRISIS):
        if (
            intent == "affirm"
            and state is State.CHECK_URGENT
            and (
                is_longstanding(text)
                or _GRADUAL_OR_ONE_SIDED.search(text)
                or (suspected_for_weeks and not _new_or_recent(text))
            )
        ):
            # "Yes it's happening now, but just one leg and it came on slowly": worth a
            # specialist's look, not the emergency of sudden weakness in both legs.
            return Step(("utter_emergency_cleared_longstanding",), None)
        if state is State.CHECK_URGENT and intent != "deny" and help_is_coming(text):
            # "They've already left, they're halfway there. He says it's not that bad": it
            # is being seen to; what to do on the way, not the question again.
            return Step(("utter_emergency_help_coming",), State.HELP_COMING)
        if intent == "affirm" and state is State.CHECK_URGENT and _DRIVING.search(text):
            # "Yes right now. Should I drive to the hospital?": not alone, call 999.
            return Step(("utter_emergency_dont_drive",), State.URGENT)
        if intent == "affirm" and not (state is State.CHECK_URGENT and denies_red_flags):
            # (Not "yes it's now, but I can control my bladder fine, it just burns": the
            # yes is to "is it happening now", and the warning signs are denied.)
            return on_red_flag(crisis=state.crisis, physical=not state.crisis)
        if state is State.CHECK_URGENT and (
            is_longstanding(text) or _GRADUAL_OR_ONE_SIDED.search(text)
        ):
            # "Every day for months when I walk": not a sudden change, but worth a
            # specialist's look, which is what the article says of such symptoms.
            return Step(("utter_emergency_cleared_longstanding",), None)
        if (
            intent == "deny"
            or is_retraction(text)
            or _NOT_AN_EMERGENCY.search(text)
            or (denies_red_flags and state is State.CHECK_URGENT)
        ):
            # "Still a bit numb, but only my back, not down below": the warning signs said
            # to be absent answer the check.
            return Step((f"utter_{kind}_check_cleared",), None)
        if (
            state is State.CHECK_URGENT
            and intent not in _RED_FLAG_INTENTS
            and answers_the_checkin_instead(text)
        ):
            # "8 when bending, 4 when rest", "few days, since i slept funny": no yes, and
            # the ordinary story of the pain goes on; the check-in carries on with it.
            return Step((f"utter_{kind}_check_cleared",), None)
        # A question instead of the answer ("is it really serious?"): the same question,
        # said so that it does not read as if the bot had not heard.
        return Step((f"utter_{kind}_check_again",), state)
    if (
        state in (State.URGENT, State.HELP_COMING)
        and not state.crisis
        and asks_to_book
        and intent not in _RED_FLAG_INTENTS
        and already_seen(text)
        and speaks_of_self(text)
    ):
        # "Paramedics checked my heart, ECG all normal ... they said to follow up about my
        # back. Can we finish that booking?": checked, so the booking, one tap away.
        return Step(("utter_emergency_already_seen_book",), None)
    if (
        (told_as_someone_elses or (is_retraction(text) and _ANOTHER_PERSON.search(text)))
        and intent not in _RED_FLAG_INTENTS
        and _OWN_BACK.search(text)
        and (
            state is State.HELP_COMING
            or (state is State.URGENT and (help_is_coming(text) or looked_after(text)))
        )
    ):
        # "The ambulance is for my dad. I'm asking about MY back", "it was my grandma not
        # me, she's already at the hospital. I wanted to know about stretches for my own
        # stiff back": help is there for the one with the warning signs; the writer's own
        # back can be talked about.
        return Step((OWN_BACK,), None)
    # "yes nobody" to "is everyone free of these signs now?" is a yes, whatever the
    # classifier made of "nobody".
    said_yes = parse_yes_no(text) is True
    if (
        state is State.CLEARING_LONGSTANDING
        and intent not in _RED_FLAG_INTENTS
        and is_settled_retraction(text)
        and not (
            _STILL_THERE.search(text)
            or _unwell_now(text)
            or _new_or_recent(text)
            or _BACK_AGAIN.search(text)
        )
    ):
        # "No, that was two years ago before my operation, bladder's been normal since and
        # I can feel my legs fine": over, not long-standing; the ordinary story goes on.
        return Step(("utter_emergency_cleared",), None)
    if state is State.CLEARING_LONGSTANDING and intent not in _RED_FLAG_INTENTS:
        # The question is "is it new, or suddenly worse?": a yes, or anything new or worse
        # told, is urgent; a no ("no, nothing like that") or the years it has lasted are not.
        if told_as_longstanding(text) or told_for_weeks(text):
            # Numbness, tingling or weakness that has lasted is for a specialist.
            return Step(("utter_emergency_cleared_longstanding",), None)
        if intent == "affirm" or tells_something_new(text):
            return Step((reminder,), settled)
        if intent == "deny":
            return Step(("utter_emergency_cleared_longstanding",), None)
        # A question typed instead of the answer: the check, again, with the advice in it.
        return Step(("utter_emergency_confirm_longstanding_again",), state)
    if (
        state is State.CLEARING_URGENT
        and intent == "deny"
        and (denies_red_flags or _I_AM_FINE.search(text))
        and not (_STILL_THERE.search(text) or _unwell_now(text))
    ):
        # "No fever now, I'm fine, just the ache" to "is everyone free of these signs now?":
        # the "no" denies the sign, so it answers yes.
        return Step(("utter_emergency_cleared",), None)
    if state in _CLEARING and ((intent == "deny" and not said_yes) or intent in _RED_FLAG_INTENTS):
        # Someone has it now, or a red flag again: back to the urgent advice.
        return Step((reminder,), settled)
    if (
        state in (State.URGENT, State.CLEARING_URGENT)
        and intent not in _RED_FLAG_INTENTS
        and only_asked(text)
        # "Not me, I was just asking": someone else's, checked like any other.
        and not _SOMEONE_ELSE.search(text)
        and not told_as_someone_elses
        and not _unwell_now(text)
    ):
        # "Whoa no, that was a hypothetical, I don't have any of that. I just want to know
        # what to look out for": a question about the signs was read as telling of them.
        # Nothing has passed, so nothing to check; the signs themselves answer it.
        return Step((ONLY_ASKED, "utter_warning_signs"), None)
    if (
        state in (State.URGENT, State.HELP_COMING, State.CLEARING_URGENT)
        and eased_by_medicine(text)
        and not (_LONG_PAST.search(text) or _DAYS_AGO.search(text))
    ):
        # "I gave her paracetamol and her temp is down to 37.5, so she's fine now?": the
        # medicine hides the sign, it does not treat its cause; the advice stands.
        return Step(("utter_emergency_masked",), State.URGENT)
    if state is State.CLEARING_URGENT:
        if (_STILL_THERE.search(text) or _unwell_now(text)) and not _NOT_NOW.search(text):
            # "They still feel a bit wobbly and weak": someone has it now, so the urgent
            # advice again, not the question once more.
            return Step((reminder,), settled)
        if intent == "affirm" or said_yes or is_retraction(text):
            # A yes, or the past or someone else said a second time, settles it.
            return Step(("utter_emergency_cleared",), None)
        if help_is_coming(text):
            # "ok we are leaving for A&E now": the answer is the one the advice asked for.
            return Step(("utter_emergency_help_coming",), State.HELP_COMING)
        return Step(("utter_emergency_confirm_clear_again",), state)
    if state is State.CLEARING_CRISIS:
        # Only a clear "I'm safe" leaves the crisis state; the question carries the helpline.
        if (
            intent == "affirm" or said_yes or says_safe_now(text)
        ) and intent not in _RED_FLAG_INTENTS:
            return Step(("utter_crisis_cleared",), None)
        return Step(("utter_crisis_confirm_clear",), state)
    urgent = state in (State.URGENT, State.HELP_COMING)
    if urgent and denies_red_flags and intent not in _RED_FLAG_INTENTS and not help_is_coming(text):
        # "To be clear: no bladder problems, no numbness between the legs": checked with
        # one question before the urgent advice is stood down. ("He didn't fall, so we
        # will drive him to A&E now": the denial is of another sign; help is on its way.)
        return Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    # "Please just cancel JPC-KRDDA6 so someone else can have it", "is it cancelled?": the
    # booking is left as it is, and the patient told so and how to cancel it later.
    asks_to_cancel = mentions_cancelling(text) and not asks_to_book
    after_help = (
        ("utter_emergency_book_after",)
        if asks_to_book
        else ("utter_emergency_cancel_later",)
        if asks_to_cancel
        else ()
    )
    if urgent and _NOT_CALLED.search(text):
        # "We haven't called anyone yet. So ambulance?": yes, now, said plainly.
        return Step(("utter_emergency_call_now",), State.URGENT)
    if urgent and help_is_coming(text):
        return Step(("utter_emergency_help_coming", *after_help), State.HELP_COMING)
    if urgent and not state.crisis and already_seen(text) and intent not in _RED_FLAG_INTENTS:
        # "The hospital checked me on Friday, nothing broken": what the urgent reply asked
        # for has been done; new or worse symptoms still mean urgent care again. ("The
        # doctor came, he's on antibiotics": said of him.)
        seen = "utter_emergency_already_seen"
        if _ANOTHER_PERSON.search(text):
            return Step((f"{seen}_other",), None)
        # "... they said to follow up about my back. can we finish that booking?"
        return Step((f"{seen}_book" if asks_to_book else seen,), None)
    if urgent and _CALL_FOR_ME.search(text) and not help_is_coming(text):
        # "Can you call an ambulance for me?": it cannot, and says so plainly.
        return Step(("utter_emergency_cannot_call",), State.URGENT)
    if urgent and _DRIVING.search(text) and _MOVING_SOMEONE.search(text):
        # "Should we move him into the car or wait for an ambulance?": the ambulance.
        return Step(("utter_emergency_call_now",), State.URGENT)
    if urgent and _MOVING_SOMEONE.search(text) and not help_is_coming(text):
        # "Should I help him up?" after a fall: the ambulance, whose call handler says
        # whether to move him.
        return Step(("utter_emergency_call_now",), State.URGENT)
    if urgent and _DRIVING.search(text):
        # "Should I drive there?": not alone, with symptoms that can get worse on the way.
        return Step(("utter_emergency_dont_drive",), State.URGENT)
    if (
        state is State.URGENT
        and told_as_someone_elses
        and intent not in _RED_FLAG_INTENTS
        and _ASKS_ABOUT_OWN.search(text)
        and not help_is_coming(text)
    ):
        # "What about me, I just have mild stiffness, what stretches?" after a friend's bad
        # fall: urgent care for them, said again, and then the writer's own question. The
        # state stays: the friend still has the signs.
        return Step((THEIR_CARE_NOW,), State.URGENT)
    if (
        state is State.URGENT
        and told_as_someone_elses
        and _WHOSE_IT_WAS.search(text)
        and not (
            _LONG_PAST.search(text) or _SETTLED.search(text) or _THEY_ARE_FINE_NOW.search(text)
        )
    ):
        # "It's my dad, not me" about a red flag told as the dad's: he still has it.
        return Step((reminder,), State.URGENT)
    if urgent and _PUTTING_OFF.search(text) and not _LONG_PAST.search(text):
        # "He says he's fine and wants to wait till morning": the advice again, not a
        # question that would let it be stood down.
        return Step((reminder,), State.URGENT)
    if is_longstanding(text) and not state.crisis:
        return Step(("utter_emergency_confirm_longstanding",), State.CLEARING_LONGSTANDING)
    if (
        urgent
        and only_leg_weakness
        and intent not in _RED_FLAG_INTENTS
        and _GRADUAL_OR_ONE_SIDED.search(text)
        and not _new_or_recent(text)
    ):
        # "It's only the one leg and it's come on slowly over weeks": not the sudden
        # weakness of both legs the advice was for; whether it is new or suddenly worse.
        return Step(("utter_emergency_confirm_longstanding",), State.CLEARING_LONGSTANDING)
    if urgent and only_fever and passed_recently(text) and _DAYS_AGO.search(text):
        return Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    if urgent and passed_recently(text) and not _MINOR.search(text):
        # Gone after an hour, or once last week: still for a doctor today, not cleared.
        return Step(("utter_emergency_passed_recently",), state)
    # Told as one's own ("I'm sitting down now"), then said to be someone else's long ago:
    # the story changed, so it is checked with one question rather than stood down at once.
    switched_person = not told_as_someone_elses and _ANOTHER_PERSON.search(text) is not None
    if urgent and is_retraction(text) and _unwell_now(text) and not _NOT_NOW.search(text):
        # "Sorry, it's my dad not me. He's sitting on the sofa grey and sweaty": someone
        # has it now, so the urgent advice stands, for him.
        return Step((reminder,), State.URGENT)
    if is_retraction(text) and not state.crisis and _SETTLED.search(text) and not switched_person:
        # "That was last year, I'm fine now": nothing left to check; the reply says
        # to get urgent help if it comes back.
        return Step(("utter_emergency_cleared",), None)
    if is_retraction(text):
        clearing = State.CLEARING_CRISIS if state.crisis else State.CLEARING_URGENT
        return Step((f"utter_{kind}_confirm_clear",), clearing)
    if state is State.CRISIS and says_safe_now(text) and intent not in _RED_FLAG_INTENTS:
        # "I am not in danger, I will not do anything, just tired of the pain": thanked,
        # and asked once whether they are safe right now, not the same crisis reply again.
        return Step(("utter_crisis_safe_check",), State.CLEARING_CRISIS)
    if state is State.URGENT and _ASKS_WHY_URGENT.search(text):
        # "Why though? Which bit is the emergency?": the warning signs told, then the advice.
        return Step((WHY_URGENT, reminder), state)
    if state is State.HELP_COMING:
        # "OK", "thanks", "can I book for after?": help is on its way, so no "don't wait".
        return Step(after_help or ("utter_emergency_help_coming_reminder",), state)
    if urgent and asks_to_cancel:
        return Step((reminder, "utter_emergency_cancel_later"), state)
    return Step((reminder,), state)


class Advice(Enum):
    """Where the urgent replies send the patient, when not simply to urgent care.

    Stored by value in the `emergency_advice` slot, so follow-ups keep to it.
    """

    # The heart, the aorta, or legs that will not move after an injury: an ambulance,
    # not a drive to hospital, and not waiting to see if it passes.
    AMBULANCE = "ambulance"
    # Warning signs in pregnancy: the maternity unit or midwife now.
    MATERNITY = "maternity"
    # Chest or tearing pain that is not there now but keeps coming back ("sometimes on the
    # stairs"): a doctor today, and 999 if it comes on and does not settle.
    DOCTOR_TODAY = "doctor_today"


_AMBULANCE_FLAGS = frozenset({"cardiac", "aortic"})
PREGNANCY_FLAG = "pregnancy"
_ADVICE_RESPONSES = {
    Advice.AMBULANCE: {
        "utter_emergency": "utter_emergency_ambulance",
        "utter_emergency_reminder": "utter_emergency_ambulance_reminder",
        "utter_emergency_passed_recently": "utter_emergency_ambulance_passed",
        "utter_emergency_dont_drive": "utter_emergency_ambulance_reminder",
        # "Can I take paracetamol and lie down?": still the ambulance, not a drive today.
        "utter_emergency_masked": "utter_emergency_ambulance_masked",
    },
    Advice.MATERNITY: {
        "utter_emergency": "utter_emergency_maternity",
        "utter_emergency_reminder": "utter_emergency_maternity_reminder",
        "utter_emergency_passed_recently": "utter_emergency_maternity_passed",
        "utter_emergency_masked": "utter_emergency_maternity_reminder",
    },
    Advice.DOCTOR_TODAY: {
        "utter_emergency": "utter_emergency_doctor_today",
        "utter_emergency_reminder": "utter_emergency_doctor_today_reminder",
        "utter_emergency_passed_recently": "utter_emergency_doctor_today_reminder",
        "utter_emergency_help_coming": "utter_emergency_doctor_today_arranged",
        "utter_emergency_help_coming_reminder": "utter_emergency_doctor_today_arranged",
        "utter_emergency_masked": "utter_emergency_doctor_today_reminder",
    },
}
# Not there now, but it keeps coming back: "sometimes on the stairs", "comes and goes".
_KEEPS_COMING_BACK = re.compile(
    r"\b(?:sometimes|comes?\s+and\s+goes|on\s+and\s+off|off\s+and\s+on|now\s+and\s+then"
    r"|from\s+time\s+to\s+time|every\s+(?:time|few\s+days|day|week)|keeps?\s+(?:coming|happening)"
    r"|(?:when(?:ever)?|if)\s+i\s+(?:climb|walk|run|exert|go\s+up|carry|rush|hurry)\w*)\b",
    re.IGNORECASE,
)


# "OK I'll call my GP this afternoon", "booked 111", "he's on the phone to 111 now": a
# doctor today, as advised, whoever it is for.
_SEEING_A_DOCTOR = re.compile(
    r"\b(?:i'?ll|i\s+will|im|i'?m|going\s+to|gonna|will|we'?ll|we'?re|he'?ll|she'?ll|they'?ll"
    r"|he'?s|she'?s|they'?re|(?:we|he|she|they)\s+(?:will|is|are))\s+(?:\w+\s+)?"
    r"(?:call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|see(?:ing)?|contact(?:ing)?|go(?:ing)?\s+to"
    r"|call(?:ing)?\s+up|on\s+the\s+phone\s+to|speak(?:ing)?\s+to|talk(?:ing)?\s+to)\s+"
    r"(?:my\s+|the\s+|a\s+|his\s+|her\s+|their\s+|our\s+)?(?:gp|doctor|doc|111|surgery|urgent\s+care"
    # "he is ringing them" right after the advice to call the GP or 111
    r"|them)\b"
    r"|\b(?:booked|got|have)\s+(?:an?\s+)?(?:gp|doctor'?s?)\s+appointment\b",
    re.IGNORECASE,
)


def arranges_to_see_a_doctor(text: str) -> bool:
    """Whether the patient says they will see a doctor (GP, 111) as the advice asked."""
    return bool(_SEEING_A_DOCTOR.search(text))


def keeps_coming_back(texts: list[str]) -> bool:
    """Whether the patient says the symptom comes and goes, rather than that it is over.

    The latest of `texts` decides against it when it puts the symptom long past or on
    someone else ("that was my dad last year, he's fine now").
    """
    latest = texts[-1] if texts else ""
    if (
        _LONG_PAST.search(latest)
        or _ANOTHER_PERSON.search(latest)
        or _THEY_ARE_FINE_NOW.search(latest)
    ):
        return False
    return any(_KEEPS_COMING_BACK.search(text) for text in texts)


def advice_after(
    step: Step, advice: Advice | None, *, recurring: bool, looked_after: bool = False
) -> Advice | None:
    """The advice once the patient answers, which may change from an ambulance.

    Chest pain that is not there now but keeps coming back ("sometimes on the stairs") is
    for a doctor today, not an ambulance now, and not stood down either.
    """
    if (
        advice is Advice.AMBULANCE
        and recurring
        and not looked_after
        and _STANDS_DOWN.intersection(step.responses)
    ):
        return Advice.DOCTOR_TODAY
    return advice


def advice_for(flags: set[str]) -> Advice | None:
    """The advice the red flags found call for, if more than urgent care."""
    if flags & _AMBULANCE_FLAGS or {"trauma", "both_legs_weakness"} <= flags:
        return Advice.AMBULANCE
    if PREGNANCY_FLAG in flags:
        return Advice.MATERNITY
    return None


# Replies that stand the urgent advice down, or start to.
_STANDS_DOWN = frozenset(
    {
        "utter_emergency_confirm_clear",
        "utter_emergency_confirm_clear_again",
        "utter_emergency_cleared",
    }
)


# Advice that passing does not stand down, and what is said instead: warning signs in
# pregnancy, and chest pain that keeps coming back, still need seeing today.
_NOT_STOOD_DOWN = {
    Advice.MATERNITY: "utter_emergency_maternity_passed",
    Advice.DOCTOR_TODAY: "utter_emergency_doctor_today",
}


def with_advice(step: Step, advice: Advice | None, *, looked_after: bool = False) -> Step:
    """The same step, with the urgent replies that give `advice`.

    Warning signs in pregnancy are not stood down because they have passed: "it was
    yesterday, it's not happening now" still needs the maternity unit or midwife today,
    unless someone has already checked them (`looked_after`: "they checked me, all fine").
    The same holds for chest pain that keeps coming back (a doctor today).
    """
    if advice is None:
        return step
    kept = _NOT_STOOD_DOWN.get(advice)
    if kept is not None and not looked_after and _STANDS_DOWN.intersection(step.responses):
        return Step((kept,), State.URGENT)
    names = _ADVICE_RESPONSES[advice]
    return Step(tuple(names.get(name, name) for name in step.responses), step.state)


_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\s+-+\s+|\n+")


def red_flags_told_of_someone_else(text: str) -> bool:
    """Whether every sentence that tells of a red flag is about someone else.

    "My wife has an appointment but she's in hospital after a fall last night, she
    couldn't feel her legs. I need to cancel it": the writer speaks of themselves only to
    ask for something, so the whole message is not "about someone else", but the red flag is.
    """
    told = [
        sentence
        for sentence in _SENTENCES.split(text)
        if (reading := read_red_flags(sentence)).now or reading.with_back_pain
    ]
    return bool(told) and all(about_someone_else(sentence) for sentence in told)


_ABOUT_A_BOOKING = re.compile(
    r"\b(?:cancel\w*|appointments?|booking|reschedul\w*|move\s+(?:it|the|her|his|their))\b",
    re.IGNORECASE,
)


def asks_about_a_booking(text: str) -> bool:
    """Whether the message is also about a booking ("I need to cancel her appointment")."""
    return bool(_ABOUT_A_BOOKING.search(text))
