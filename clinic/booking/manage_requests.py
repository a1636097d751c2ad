"""What a message asks of a booking the patient already has: cancel it, or how it stands.

The classifiers read these by their words, and the words mislead them: "oh wait, I need to
cancel that one now" sounds like stopping, "so my appointment is cancelled yes?" sounds
like cancelling, and "is it confirmed now" like a yes. These readings are by sentence
shape, so that the gate (nlu_pipeline/manage_booking_gate.py) can correct the intent and
the actions can tell a question about a booking from a request to change it.
"""

from __future__ import annotations

import datetime as dt
import re

from clinic.booking.confirmation import gives_up_booking, wants_no_change
from clinic.booking.preferences import parse_time_preference
from clinic.booking.references import find_reference, references_as_bookings
from clinic.triage.yes_no import normalise, parse_yes_no
from clinic.wording import asks_about_clinicians

_BOOKING = r"(?:appointment|appt|booking|consultation|slot|one|session|visit)"
_MY_BOOKING = (
    r"(?:my|the|our|his|her|that|this|(?:mum|mom|mother|dad|father|wife|husband|son|daughter"
    r"|partner|nan|gran|grandad)'?s)\s+"
    # "When is her next available appointment?" asks what is free, not about a booking.
    r"(?!(?:[\w']+\s+){0,2}(?:available|free|open)\s)(?:[\w']+\s+){0,3}?" + _BOOKING
)

# "I need to cancel", "can you cancel it", "please cancel my appointment".
_WANTS_TO_CANCEL = re.compile(
    r"\b(?:need|needs|want|wants|wanna|have|has|got|gotta|going|like|wish|must|gonna)\s+"
    r"(?:to\s+)?(?:\w+\s+)?cancel\b"
    r"|\b(?:can|could|would|will|pls|please)\s+(?:you\s+|u\s+|someone\s+|i\s+|we\s+)?"
    r"(?:please\s+|just\s+)?cancel\b"
    r"|\bcancel\s+" + _MY_BOOKING + r"\b"
    # "I want my booking cancelled", "need it cancelled asap".
    r"|\b(?:need|want|wanna|like|get)\s+(?:" + _MY_BOOKING + r"|it|that|this)\s+cancel+ed\b"
)
# "Can't make it anymore": cancelling, unless another time is wanted instead (a move).
_CANNOT_COME = re.compile(
    r"\b(?:can'?t|cant|cannot|can\s+not|won'?t\s+be\s+able\s+to|wont\s+be\s+able\s+to"
    r"|unable\s+to|no\s+longer\s+able\s+to|not\s+able\s+to)\s+(?:make|attend|come\s+to)\b"
    r"(?!\s+(?:a|any)\s+(?:morning|afternoon|evening|day)s?\b)"
)
_WANTS_ANOTHER_TIME = re.compile(
    r"\b(?:instead|another|different|other|move|moving|change|changing|re-?s?c?hed(?:ul|ual)?\w*|rebook\w*"
    r"|swap)\b|\b(?:can|could)\s+(?:we|i|you)\s+(?:do|have|make\s+it|try)\b"
    r"|\b(?:something|anything|any\s+time|a\s+time|a\s+slot)\s+(?:later|earlier)\b"
    r"|\b(?:later|earlier)\s+(?:one|time|slot|appointment|in\s+the\s+day)\b"
)
_NOT_CANCELLING = re.compile(
    r"\b(?:do\s*n'?t|do\s+not|not|never|no\s+need\s+to|without)\s+(?:\w+\s+)?cancel"
    r"|\bif\s+(?:i|we|you)\s+(?:\w+\s+)?cancel\b|\bdo\s+i\s+(?:need|have)\s+to\s+cancel\b"
    r"|\bhow\s+(?:late|far|long)\b"
)

# "Is it confirmed now", "is my friday 4th appointment still on", "did you book it".
_END = r"\s*(?:$|\b(?:yet|then|now|or\s+not|yes|right|still)\b)"
_STATE = (
    r"(?:confirmed|booked(?!\s+up)|cancel+ed|still\s+on\b|still\s+happening|going\s+ahead"
    r"|gone\s+through|sorted|definite|on" + _END + r"|happening" + _END + r")"
)
_STATUS_QUESTION = re.compile(
    r"\b(?:is|was|has|have|are)\s+(?:it|that|this|everything|we|hers|his|theirs|mine|ours|"
    + _MY_BOOKING
    + r")\s+"
    r"(?:(?:been|all|now|definitely|actually|really|properly|def|still|then|already)\s+)*"
    + _STATE
    + r"|\bam\s+i\s+(?:(?:all|now|definitely|actually|really|properly)\s+)*"
    r"(?:booked|confirmed|in\b|all\s+set|set)"
    r"|\bdid\s+(?:you|u|it|that|the\s+booking|my\s+booking|the\s+cancel\w*)\s+"
    r"(?:actually\s+|really\s+)?(?:book|go\s+through|work|cancel|get\s+cancel\w*|confirm|happen)"
    r"|\b(?:have|has)\s+(?:you|u)\s+(?:actually\s+|really\s+)?(?:booked|cancel+ed|confirmed)"
    # "Who was it with again?", "when is my appointment?"
    r"|\bwho\s+(?:is|was|'?s)\s+(?:it|that|" + _MY_BOOKING + r")\s+with\b"
    r"|\b(?:when|what\s+time|what\s+day)\s+(?:is|was|'?s)\s+" + _MY_BOOKING + r"\b"
    # "Which day is my current one? I forgot", "when's the original one?"
    r"|\b(?:when|what\s+(?:time|day)|which\s+day)(?:\s+is|\s+was|\s*'?s)\s+(?:my|the)\s+"
    r"(?:current|old|original|existing|present)\s+(?:one|appointment|booking|appt)\b"
    # "When is it at the moment?", "when's it for now?" while moving it
    r"|\b(?:when|what\s+time|what\s+day)(?:\s+is|\s*'?s)\s+it\s+(?:for\s+)?"
    r"(?:at\s+the\s+moment|now|currently|right\s+now|booked\s+for)\b"
    # "Remind me when it is now?"
    r"|\bremind\s+me\s+(?:when|what\s+(?:time|day))\s+(?:it|my\s+\w+)\s+is\b"
    # "remind me when the current one is?"
    r"|\b(?:remind|tell)\s+me\s+(?:when|what\s+(?:time|day))\s+(?:the|my)\s+"
    r"(?:current|old|original|existing|present)\s+(?:one|appointment|booking|appt)\s+is\b"
    r"|\bwhen\s+it\s+is\s+(?:now|at\s+the\s+moment|currently)\b"
    # "what time is it now, and which doctor?", "wat time again", "what time is it booked for"
    r"|\b(?:what|wat|wot)\s+(?:time|day)\s+(?:is\s+|was\s+|'?s\s+)?(?:it\s+|that\s+|she\s+|he\s+)?"
    r"(?:is\s+|was\s+)?(?:now|again|booked|for\s+again)\b"
    # "so its still wed 4:30 with dr lindqvist yeah?", "can you just confirm both times"
    r"|\b(?:it'?s|its|it\s+is)\s+still\s+(?:on\s+)?(?:for\s+)?(?:mon|tue|wed|thu|fri|\d)"
    r"|\b(?:can|could)\s+(?:you|u)\s+(?:just\s+)?confirm\s+(?:both|the|my|our|his|her)\s+"
    r"(?:times?|appointments?|bookings?|appts?)\b"
    r"|\bwhich\s+(?:doctor|clinician|physio|consultant)\s+(?:is\s+that|was\s+that|is\s+it|was\s+it"
    r"|is\s+it\s+with|am\s+i"
    r"|will\s+(?:i|she|he)\s+see)\b|,?\s+and\s+which\s+(?:doctor|clinician)\s*\?"
)
# "Just checking my appointment is still on": the question told as what one is doing.
_CHECKING = re.compile(
    r"\b(?:checking|check|confirming|confirm|making\s+sure|make\s+sure|wondering)\s+"
    r"(?:that\s+|if\s+|whether\s+)?" + _MY_BOOKING + r"\s+(?:is|'?s)\s+(?:still\s+)?" + _STATE
)
# "Can u check my booking JPC-...", "look up my appointment please": the booking asked to
# be looked at, with nothing to change said.
_CHECK_MY_BOOKING = re.compile(
    r"\b(?:check|look\s+up|look\s+at|pull\s+up)\s+(?:on\s+|up\s+on\s+)?" + _MY_BOOKING + r"\b"
)
# "Which reference do I use now, the old one or the new one?", "what's my reference now?"
_WHICH_REFERENCE = re.compile(
    r"\b(?:which|what)\s+(?:(?:booking|appointment)\s+)?(?:reference|ref|code)\s+(?:do|should|shall"
    r"|will)\s+(?:i|we)\s+(?:use|give|quote|keep)\b"
    r"|\b(?:what'?s|what\s+is|whats)\s+(?:my|the)\s+(?:new\s+)?(?:booking\s+)?(?:reference|ref)"
    r"(?:\s+(?:number|no|code))?\s+(?:now|again)\b"
    # "Can you remind me of my ref?"
    r"|\b(?:remind|tell|give)\s+me\s+(?:of\s+)?(?:my|the)\s+(?:booking\s+)?(?:reference|ref)\b"
    # "Is the old reference still any good or do I use the new one?"
    r"|\b(?:is|are)\s+(?:the|my)\s+(?:old|first|original)\s+(?:booking\s+)?(?:reference|ref|code|number)"
    r"\s+still\b"
    r"|\b(?:do|should)\s+i\s+(?:use|give|quote|keep)\s+the\s+new\s+(?:one|reference|ref|code)\b"
)
_CHANGES_IT = re.compile(
    r"\b(?:cancel\w*|move|moving|resched\w*|re-?schedul\w*|change|changing|rebook\w*|push"
    r"|bring)\b"
)
# "So my appointment is cancelled yes?": a statement held out for agreement.
_CHECKED_STATEMENT = re.compile(
    r"\b(?:it|that|" + _MY_BOOKING + r"|(?:the\s+)?(?:mon|tues|wednes|thurs|fri)day"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:\s+one)?)"
    r"(?:\s+is|'s|\s+has\s+been|\s+got)\s+(?:now\s+|all\s+)?"
    r"(?:cancel+ed|confirmed|booked|gone|still\s+on)\s*(?:then\s*)?"
    r"(?:\?|\b(?:yes|yeah|yea|right|correct|ok|now|innit|isn'?t\s+it|then)\s*(?:\?|$))"
)
_NOTICE = re.compile(
    r"\b(?:e-?mail|text|sms|letter|confirmation|message|notification|something\s+in\s+writing)"
)
_NOTICE_QUESTION = re.compile(
    r"\b(?:will|do|would|does|did|should|shall|can|could|is|if)\s+(?:i|we|you|u|they|it|there|he|she)\s+"
    r"(?:\w+\s+){0,3}?(?:get|receive|be\s+sent|send|have|email|text|come|be\s+an?)\b"
)
_OLD_BOOKING = re.compile(
    r"\b(?:the\s+)?(?:old|previous|original|earlier|other|first|existing|current|last)\s+"
    r"(?:one|appointment|appt|booking|slot|time)\b"
    r"|\bthe\s+one\s+(?:on|for|at)\s+(?:the\s+)?\w+"
    # "and the friday one is cancelled right?"
    r"|\bthe\s+(?:mon|tues|wednes|thurs|fri)(?:day)?\s+(?:one|appointment|appt|booking)\b"
)


_CHANGE_CONTACT = re.compile(
    r"\b(?:add|change|update|put|use|swap)\s+(?:my\s+|a\s+|the\s+|his\s+|her\s+)?(?:new\s+|other\s+)?"
    r"(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile(?:\s+number)?|number|contact\s+details)\b",
    re.IGNORECASE,
)


def asks_to_change_contact(text: str) -> bool:
    """Whether the request is to add or change the phone or email on a booking."""
    return bool(_CHANGE_CONTACT.search(text))


def asks_to_cancel(text: str) -> bool:
    """Whether the message asks to cancel an appointment ("I need to cancel that one now").

    Giving up a booking still being made ("cancel this booking, I don't want it") is not
    one, nor is a question about a cancellation already made.
    """
    cleaned = normalise(text)
    cannot_come = bool(_CANNOT_COME.search(cleaned)) and not _WANTS_ANOTHER_TIME.search(cleaned)
    # "None of those work. Just cancel it then and I'll ring you in the new year": the
    # booking cancelled after all, however the rest reads.
    after_all = bool(_CANCEL_IT_AFTER_ALL.search(cleaned))
    return bool(
        (_WANTS_TO_CANCEL.search(cleaned) or cannot_come or after_all)
        and not _NOT_CANCELLING.search(cleaned)
        and (after_all or not gives_up_booking(text))
        and not asks_booking_status(text)
    )


_CANCEL_IT_AFTER_ALL = re.compile(
    r"\bcancel\s+(?:it|that|the\s+(?:appointment|appt|booking))\s+(?:then|after\s+all|instead"
    r"|altogether)\b"
    # "Forget it, just cancel the whole thing", "just cancel it".
    r"|\bcancel\s+(?:the\s+)?(?:whole\s+(?:thing|lot|appointment|booking)|all\s+of\s+it|everything)\b"
    r"|\bjust\s+cancel\s+(?:it|that|the\s+(?:appointment|appt|booking))\b"
)


# "I already have an appointment booked for next week", "I'm booked in on Tuesday": a
# booking the patient has, told without asking anything else.
_HAS_BOOKING = re.compile(
    r"\bi\s+(?:already\s+|do\s+)?(?:have|'?ve\s+got|have\s+got|got)\s+(?:already\s+)?"
    r"(?:an?|my|one)\s+(?:\w+\s+)?" + _BOOKING + r"\s+(?:already\s+)?"
    r"(?:booked|made|arranged|with\s+(?:you|u|the\s+clinic|your)|at\s+(?:your|the)\s+clinic)\b"
    r"|\bi\s*(?:'?ve|\s+have)?\s+already\s+(?:booked|made\s+(?:an?|the)\s+" + _BOOKING + r")"
    r"|\bi(?:'?m|\s+am)\s+(?:already\s+)?booked\s+in\b"
    r"|\b(?:have|'?ve\s+got|got)\s+(?:one|an?\s+" + _BOOKING + r")\s+booked\s+already\b"
)
_QUESTION_MARK = re.compile(r"\?")
# A sentence that ends with a question mark.
_ASKED_SENTENCE = re.compile(r"(?:[^.!?]|(?<=\d)\.(?=\d))*\?")


# "When is it now? And I'd like Monday afternoon", "remind me when it is": the booking's
# time, asked while changing it.
_WHEN_IS_IT_NOW = re.compile(
    r"\bwhen\s+is\s+it\s+(?:now|again|currently)\b|\bremind\s+me\s+when\s+(?:it|my|the\s+current)\b"
)


# "Confirmed now?", "all confirmed?": a word or two, asked after a booking was made or moved.
_ONE_WORD_STATUS = re.compile(
    r"^\W*(?:so\s+|and\s+|is\s+it\s+)?(?:all\s+)?(?:confirmed|booked)(?:\s+now|\s+then)?"
    r"\s*\?+\W*$"
)


# "So the thursday one is definitely cancelled now?", "the new one on the 16th is confirmed
# yeah?", "is my appt still fri 11th 12pm??": how one booking stands, asked of it.
_STANDS_NOW = re.compile(
    r"\b(?:the|my|that|this)\s+(?:\w+\s+){0,4}?(?:one|appointment|appt|booking)\b[^.!?]{0,40}?"
    r"\b(?:is|'s|was)\s+(?:\w+\s+)?(?:cancell?ed|confirmed|booked|still\s+on|off)\b[^.!?]*\?"
    r"|\bis\s+(?:my|the|our|his|her)\s+(?:\w+\s+)?(?:appointment|appt|booking)\s+still\b"
)


def asks_booking_status(text: str) -> bool:
    """Whether the message asks how a booking stands: booked, cancelled, still on.

    A question about being told (an email, a text) about the booking counts too: its
    answer starts from how the booking stands. So does saying one has a booking and
    asking nothing else: the patient is shown it rather than offered a second one.
    """
    text = references_as_bookings(text)
    lowered = text.lower().replace("\u2019", "'")
    cleaned = normalise(text)
    return bool(
        _STATUS_QUESTION.search(cleaned)
        or _CHECKING.search(cleaned)
        or (_CHECK_MY_BOOKING.search(cleaned) and not _CHANGES_IT.search(cleaned))
        or _WHICH_REFERENCE.search(cleaned)
        or _WHEN_IS_IT_NOW.search(cleaned)
        or _STANDS_NOW.search(lowered)
        or _CHECKED_STATEMENT.search(lowered)
        or _ONE_WORD_STATUS.match(lowered)
        or asks_about_notice(text)
        # ("I have an appointment booked but I need to move it" asks to change it.)
        or (
            _HAS_BOOKING.search(lowered)
            and not _QUESTION_MARK.search(text)
            and not _CHANGES_IT.search(cleaned)
        )
        # "So I'm still on Wed 16th at 10?", not "I'm booked in on Thursday. My husband
        # will be bringing me, is that alright?": the question mark in the same sentence.
        or any(
            _STATUS_TOLD_AS_QUESTION.search(normalise(sentence)) is not None
            for sentence in _ASKED_SENTENCE.findall(text)
        )
    )


# "So it is definitely confirmed?", "and that's still Fri 18th at 3?": how it stands, asked
# in the words of a statement with a question mark.
_STATUS_TOLD_AS_QUESTION = re.compile(
    r"\b(?:(?:it|that|this|everything)\s*(?:is|'s)|thats)\s+(?:(?:definitely|really|all|now)\s+)*"
    r"(?:confirmed|booked|sorted|definite)\b"
    r"|\b(?:(?:it|that)\s*(?:is|'s)|thats)\s+still\s+(?:on\b|for\b|at\b|the\s+\d|\d"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)\w*)"
    # "so im still on wed 16th at 10?"
    r"|\b(?:i'?m|im|i\s+am|we'?re|we\s+are)\s+(?:still\s+)?(?:booked\s+in|booked|on|in)\s+"
    r"(?:for\b|on\b|at\b|the\s+\d|\d|(?:mon|tue|wed|thu|fri|sat|sun)\w*)"
)


# "Maybe I should book", "ok let's book then", "I'd like to book in": a decision to book,
# said as a statement. "Should I book?" asks for advice, and is left to the classifiers.
_DECIDES_TO_BOOK = re.compile(
    r"(?:^|[.,;!?]\s*|\b(?:ok|okay|right|fine|actually|then|so|yes|yeah)\s+)"
    r"(?:i\s+think\s+|maybe\s+|perhaps\s+|probably\s+)*"
    r"(?:i\s+(?:should|will|shall|need\s+to|want\s+to|wanna|would\s+like\s+to|better)"
    r"|i'?ll|i'?d\s+like\s+to|let'?s|lets|please|pls|can'?t\s+i|cant\s+i|can\s+i|could\s+i"
    # "ok I book. monday morning please": said in few words.
    r"|i(?=\s+book\b))\s+"
    r"(?:just\s+|go\s+ahead\s+and\s+)?"
    r"(?:book\b(?!\s+(?:a\s+)?(?:flight|holiday|taxi))"
    # "I would like to make an appointment for my husband"
    r"|(?:make|schedule|arrange)\s+an?\s+(?:appointment|appt|booking|consultation)\b)"
    # "actually go on then, lets do the physio on friday 18th at 2.30"
    r"|(?:^|[.,;!?]\s*|\b(?:ok|okay|right|fine|actually|then|so|yes|yeah)\s+)"
    r"(?:let'?s|lets)\s+(?:do|go\s+for|have|get)\s+(?:the|a|an)\s+(?:physio\w*|consultant|doctor"
    r"|appointment|appt|consultation|\w+day|\d)"
)


# "just wondering if u do appts for backs?", "can you book me in?": whether the clinic
# books, asked by someone who wants to be booked.
_ASKS_IF_BOOKABLE = re.compile(
    r"\b(?:do|can|could|if|whether)\s+(?:you|u|ya|yous)\s+(?:do|take|offer|give|have|book)\s+"
    r"(?:me\s+in\s+|me\s+)?(?:an?\s+|any\s+)?"
    # "Do you have physio appointments wednesday or friday afternoon?"
    r"(?:(?:physio\w*|consultant|doctor'?s?|specialist|sports\s+doctor|evening|weekend|morning"
    r"|afternoon)\s+)?"
    r"(?:appts?|appointments?|bookings?|consultations?|consults?|slots?)\b"
    r"|\b(?:can|could)\s+(?:you|u)\s+book\s+me\s+in\b"
    # "How do I make an appointment, I do not use the computer much"
    r"|\bhow\s+(?:do|can|would|should|does)\s+(?:i|we|he|she|they|my\s+\w+)\s+"
    r"(?:make|get|book|arrange|set\s+up)\s+(?:an?\s+|the\s+)?"
    r"(?:appts?|appointments?|bookings?|consultations?|consults?)\b"
    # "so can he come in for a consultation"
    r"|\b(?:can|could|may)\s+(?:he|she|they|my\s+\w+)\s+(?:come\s+in|be\s+seen|get\s+seen)"
    r"\s+(?:for\s+)?(?:an?\s+)?(?:appts?|appointments?|consultations?|consults?)\b"
)


# "my english is little. appointment please. back pain one month", "Back pain one month.
# I want appointment": a booking asked for in so many words, whatever story is told with it.
_PLEASE_BOOK = re.compile(
    r"\b(?:an?\s+)?(?:appointment|appt|booking|consultation)\s+(?:please|pls|plz|asap)\b"
    r"|\b(?:please|pls|plz)\s+book\s+(?:me|an?\s+(?:appointment|appt))\b"
    # "ok we ask pharmacy. yes book please, for Dolores Jimenez, my number ..."
    r"|\b(?:yes|yeah|ok|okay)\W+book\s+(?:please|pls|plz)\b"
    r"|^\s*(?:i\s+)?(?:want|need)\s+(?:an?\s+)?(?:appointment|appt)\b"
    # "ok now the booking", after a question put first
    r"|^\W*(?:(?:ok(?:ay)?|right|so|and|now|back\s+to)\W+)*the\s+(?:booking|appointment)"
    r"(?:\s+(?:now|then|please|pls))?\W*$"
)
# The same wish at the start of a later sentence (read before punctuation is dropped).
_WANT_AN_APPOINTMENT = re.compile(
    r"(?:^|[.!?]\s*)(?:i\s+)?(?:want|need)\s+(?:an?\s+)?(?:appointment|appt)\b", re.IGNORECASE
)


def asks_for_a_booking_plainly(text: str) -> bool:
    """Whether the message asks for an appointment in so many words ("appointment please")."""
    asked = _PLEASE_BOOK.search(normalise(text)) or _WANT_AN_APPOINTMENT.search(text)
    return bool(asked) and not asks_to_cancel(text)


def asks_if_bookable(text: str) -> bool:
    """Whether the message asks if the clinic takes bookings, wanting one."""
    return bool(_ASKS_IF_BOOKABLE.search(normalise(text))) and not asks_to_cancel(text)


def decides_to_book(text: str) -> bool:
    """Whether the message says, as a statement, that the patient will book now.

    "Actually maybe I should book. What's the earliest?": the question after it is about
    the booking, so the whole message is a request for one.
    """
    lowered = text.lower().replace("\u2019", "'")
    return (
        bool(_DECIDES_TO_BOOK.search(lowered.strip()))
        and not asks_to_cancel(text)
        and not gives_up_booking(text)
    )


_GIVEN_EMAIL = re.compile(
    r"(?:\b(?:my\s+)?e-?mail(?:\s+address)?(?:\s+is|\s*:|\s*-)?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)


def asks_about_notice(text: str) -> bool:
    """Whether the message asks if an email, text or letter comes about the booking.

    An email address given ("can i get an appointment next week, email tom@example.net")
    is a way to reach the patient, not a question about being emailed.
    """
    cleaned = normalise(_GIVEN_EMAIL.sub(" ", text))
    return bool(
        _NOTICE.search(cleaned)
        and _NOTICE_QUESTION.search(cleaned)
        and re.search(
            # Not "degenerative changes", "will it move": the booking's words, whole. ("My
            # MRI letter says 'mild degenerative change'": a change, not the booking's.)
            r"\b(?:cancel\w*|book\w*|appointment|appt|(?<!degenerative\s)change|move"
            r"|re-?s?c?hed(?:ul|ual)?\w*|new\s+time)\b",
            cleaned,
        )
    )


# "What name is it under?", "whose name is it in", "under which name".
_ASKS_WHOSE_NAME = re.compile(
    r"\b(?:what|which|whose)\s+name\b|\bunder\s+(?:what|which|whose)\s+name\b"
    r"|\bname\s+(?:is\s+it|it'?s|its)\s+(?:under|in)\b|\bin\s+my\s+name\b(?=[^.!]*\?)",
    re.IGNORECASE,
)


def asks_whose_name(text: str) -> bool:
    """Whether the message asks which name a booking is under."""
    return bool(_ASKS_WHOSE_NAME.search(text))


def asks_if_told(text: str) -> bool:
    """Whether the message asks if an email, text or letter comes ("will i get a text?").

    Unlike `asks_about_notice`, no word of booking is needed: said of a booking already
    made or looked up in the conversation.
    """
    cleaned = normalise(text)
    return bool(_TOLD.search(cleaned))


# "will Anne get an email?", "do i get a txt", "will somebody ring my son?"
_TOLD = re.compile(
    r"\b(?:will|do|does|would|should|shall|is)\s+(?:\w+\s+){0,3}?(?:get|receive|be\s+sent|send"
    r"|hear)\b(?:\s+\w+){0,3}?\s+(?:e-?mail|text|txt|sms|letter|confirmation|message|call)"
    r"|\b(?:will|does|would|is)\s+(?:\w+\s+){0,2}?(?:ring|call|text|email|phone)\s+(?:me|him|her"
    r"|them|us|my\s+\w+)\b"
)


# "What happens next?", "wat happen next", "do I just turn up?", "what are the next steps".
_WHAT_NEXT = re.compile(
    r"\bw(?:h)?at\s+(?:(?:happens?|hapens?|happend)\s+(?:next|now|then)|now)\b"
    r"|\bwhat\s+(?:is|are|'?s)\s+the\s+next\s+steps?\b|\bnext\s+steps?\b"
    r"|\bdo\s+(?:i|we)\s+(?:just\s+)?(?:turn|show|rock)\s+up\b"
    r"|\bwhere\s+do\s+(?:i|we)\s+(?:go|come)\b"
    # "Could you write that number down again for me please": the reference said again.
    r"|\b(?:write|give|tell|send|say|repeat|type)\s+(?:me\s+)?(?:that|the|my|this)\s+(?:\w+\s+)?"
    r"(?:number|reference|ref|code)\b(?:[^.?!]*\bagain\b)?"
    r"|\bwhat\s+(?:was|is|'?s)\s+(?:my|the|that)\s+(?:booking\s+)?(?:reference|ref|number|code)\b"
)


def asks_what_happens_next(text: str) -> bool:
    """Whether the message asks what happens next, as said once a booking is made."""
    return bool(_WHAT_NEXT.search(normalise(text)))


_MOVES_BOOKING = re.compile(
    r"\b(?:move|moving|re-?s?c?hed(?:ul|ual)?\w*|rebook|push\s+back|bring\s+forward|change|changing|switch)\s+"
    r"(?:it|that|this|that\s+one|" + _MY_BOOKING + r")\b"
    # ("Lifting the cot to move it upstairs": a thing moved, not a booking.)
    r"(?!\s+(?:up|upstairs|down|downstairs|out|into|onto|around|round|off)\b)"
    # "Gotta reschedule", "need to rebook": the verb alone says it.
    r"|^\s*(?:(?:hi|hey|hello)\W+)?(?:i\s+)?(?:gotta|got\s+to|need\s+to|have\s+to|want\s+to|wanna"
    r"|must|would\s+like\s+to|'?d\s+like\s+to|can\s+i|could\s+i|can\s+we|could\s+we|please|pls)?"
    r"\s*(?:re-?s?c?hed(?:ul|ual)?\w*|rebook)\b"
    # "I have appointment next week, I want to change to other day".
    r"|\b(?:change|move|switch)\s+(?:it\s+|him\s+|her\s+|me\s+)?(?:to|for|on)\s+(?:an?\s+|the\s+)?"
    r"(?:other|another|different|new|later|earlier)\s+(?:day|date|time|week)\b"
)


_KEEPS_BOOKING = re.compile(
    r"\b(?:keep|leave)\s+(?:it|the\s+(?:appointment|booking|one\s+i\s+have)"
    r"|my\s+(?:(?:original|old|current|first|existing)\s+)?(?:appointment|booking|appt|time)"
    r"|my\s+(?:original|old|current|first|existing)\s+one"
    r"|the\s+(?:original|old|current|first|existing)\s+(?:one|appointment|booking|time|day|date"
    r"|slot))\b"
    # "I think I keep the 21", "keep 21 December please": the old booking's date.
    r"|\bkeep\s+(?:the\s+|my\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec)[a-z]*)?\b(?!\s*(?:am|pm|o'?clock|:))"
    r"|\b(?:don'?t|do\s+not|dont)\s+cancel\b|\bleave\s+it\s+as\s+it\s+is\b"
    r"|\b(?:can|could)\s+make\s+it\s+after\s+all\b"
    # "forget it, keep wednesday", "keep the original wednesday 11:30 booking"
    r"|\bkeep\s+(?:the\s+|my\s+)?(?:original\s+|old\s+|current\s+|first\s+)?"
    r"(?:mon|tue|wed|thu|fri)[a-z]*\b"
    # "I'll keep the one I've already got", "keep the one I booked"
    r"|\b(?:keep|stick\s+with|stay\s+with)\s+(?:the|that)\s+(?:[\w.]+\s+){0,3}?one\s+"
    r"(?:that\s+|which\s+)?(?:i|we)\s*(?:'?ve|have|had|already|booked|made|got)\b"
)


def keeps_the_booking(text: str) -> bool:
    """Whether the message says to keep the booking as it is ("keep my original appointment")."""
    cleaned = normalise(text)
    return bool(_KEEPS_BOOKING.search(cleaned)) and (
        not asks_to_move(text) or wants_no_change(text)
    )


# "..., and yes please cancel it", "yes cancel it": the go-ahead, given with the answer.
_GO_AHEAD_TO_CANCEL = re.compile(
    r"\b(?:yes|yeah|yep|yup|ok|okay|please|pls|go\s+ahead(?:\s+and)?)\s+(?:please\s+|pls\s+)?"
    r"(?:just\s+)?cancel\s+(?:it|that|the\s+(?:appointment|booking)|my\s+(?:appointment|booking))\b"
)
_NOT_CANCEL = re.compile(r"\b(?:don'?t|dont|do\s+not|not|never)\s+(?:\w+\s+)?cancel")


# "If I cancel and the pain comes back, can I book again?", "should I cancel?": wondered.
_WONDERS_ABOUT_CANCELLING = re.compile(
    r"\b(?:if|when|once|after)\s+(?:i|we)\s+(?:do\s+)?cancel\b"
    r"|\b(?:should|shall)\s+(?:i|we)\s+cancel\b|\bwhether\s+(?:to|i\s+should)\s+cancel\b"
)


def wonders_about_cancelling(text: str) -> bool:
    """Whether a question only wonders about cancelling, which is no go-ahead to cancel."""
    cleaned = normalise(text)
    return bool(_WONDERS_ABOUT_CANCELLING.search(cleaned)) and not gives_the_go_ahead_to_cancel(
        text
    )


def gives_the_go_ahead_to_cancel(text: str) -> bool:
    """Whether the message already says yes to cancelling ("07700 900833, yes cancel it")."""
    cleaned = normalise(text)
    return (
        bool(_GO_AHEAD_TO_CANCEL.search(cleaned))
        and not _NOT_CANCEL.search(cleaned)
        and not keeps_the_booking(text)
    )


# "My appointment is next Thursday but it's got worse, can I come in sooner?"
_SOONER = re.compile(
    r"\b(?:come\s+in|be\s+seen|get\s+(?:in|seen)|see\s+(?:someone|somebody|you|them|a\s+doctor))"
    r"\s+(?:any\s+|a\s+bit\s+|a\s+little\s+)?(?:sooner|earlier)\b"
)
_HAS_A_BOOKING = re.compile(
    r"\b" + _MY_BOOKING + r"\b|\bi(?:'ve|\s+have)?\s+(?:got\s+)?(?:an?\s+)?" + _BOOKING
)


# "Is Dr Okafor free any sooner?", "anything earlier?": about a booking just talked of.
_ANY_SOONER = re.compile(
    r"\b(?:free|available|anything|something|any\s+(?:times?|slots?|appointments?)|see\s+(?:her|him|me))"
    r"\s+(?:any\s+|a\s+bit\s+|a\s+little\s+|at\s+all\s+)?(?:sooner|earlier)\b"
    r"|\b(?:sooner|earlier)\s+than\s+(?:that|this|mine|my\s+\w+|the\s+\d|\d|mon|tue|wed|thu|fri)"
)


def asks_for_sooner(text: str) -> bool:
    """Whether the message asks for a time sooner than one already talked of."""
    return bool(_ANY_SOONER.search(normalise(text)))


def asks_to_move(text: str) -> bool:
    """Whether the message asks to move a booking already made ("I need to move that")."""
    cleaned = normalise(text)
    sooner = bool(_SOONER.search(cleaned) and _HAS_A_BOOKING.search(cleaned))
    return (bool(_MOVES_BOOKING.search(cleaned)) or sooner) and not asks_booking_status(text)


# "If I must change this later, how I do it?", "how do I cancel in the future?": how,
# asked for later, not a change now.
_HOW_TO_CHANGE_LATER = re.compile(
    r"\b(?:if|when|in\s+case)\s+i\s+(?:must|need\s+to|have\s+to|want\s+to|wanna|ever\s+need\s+to)\s+"
    r"(?:change|cancel|move|reschedule)\b[^.!]*\bhow\b"
    r"|\bhow\s+(?:do|can|would|could|should|will)?\s*i\s+(?:\w+\s+)?(?:change|cancel|move|reschedule)\b"
    r"[^.!?]*\b(?:later|in\s+(?:the\s+)?future|another\s+time|if\s+i\s+need)\b",
    re.IGNORECASE,
)


def asks_how_to_change_later(text: str) -> bool:
    """Whether the message asks how to change or cancel a booking later, not now."""
    return bool(_HOW_TO_CHANGE_LATER.search(text))


_NAMES_A_BOOKING = re.compile(r"\b(?:appointment|appt|booking|consultation)s?\b", re.IGNORECASE)


def booking_task_told(text: str) -> str | None:
    """What the message asks done with a booking it names: "cancel", "reschedule" or None.

    "I have appointment JPC-ZZ11AA next week, I want to change to other day, and is
    swimming good?": the booking part of a message that also asks something else. Only a
    booking named (its reference, or the word) counts: "will physio change it?" is not one.
    """
    if find_reference(text) is None and not _NAMES_A_BOOKING.search(text):
        return None
    if asks_to_cancel(text):
        return "cancel"
    if asks_to_move(text):
        return "reschedule"
    return None


def about_the_old_booking(text: str) -> bool:
    """Whether the message is about the booking that was replaced ("is the old one cancelled?")."""
    return bool(_OLD_BOOKING.search(normalise(text)))


def confirms_and_asks_about_old(text: str) -> bool:
    """Whether the message says yes, then asks about the booking being replaced.

    "Yes. And the old one on the 4th is gone, right?": a yes to the new time, and a
    question the confirmation itself answers, not a new day to search.
    """
    clauses = [c for c in re.split(r"[,.;!?]|\band\b", text, maxsplit=1) if c.strip()]
    if len(clauses) < 2 or parse_yes_no(clauses[0]) is not True:
        return False
    return bool(_OLD_BOOKING.search(normalise(text)))


def confirms_and_asks_who(text: str) -> bool:
    """Whether the message says yes, then asks who the appointment is with.

    "Yes. And can I ask, will it be the doctor or physio?": a yes to the time, whose
    confirmation names the clinician and their role.
    """
    clauses = [c for c in re.split(r"[,.;!?]|\band\b", text, maxsplit=1) if c.strip()]
    return len(clauses) >= 2 and parse_yes_no(clauses[0]) is True and asks_about_clinicians(text)


_PHONE_QUESTION = re.compile(
    r"\b(?:what'?s|whats|what\s+is|give\s+me|send\s+me|need|got)\s+(?:the|your|ur|a)\s+"
    r"(?:phone\s+)?(?:number|no|phone)\b"
    r"|\b(?:number|phone\s+number)\s+(?:to\s+)?(?:ring|call|phone)\b"
)


def asks_for_clinic_phone(text: str) -> bool:
    """Whether the message also asks for the clinic's phone number ("whats the number?")."""
    return bool(_PHONE_QUESTION.search(normalise(text)))


_WILL_PHONE = re.compile(
    r"\b(?:i'?ll|i\s+will|ill|let\s+me|i'?m\s+going\s+to|i\s+am\s+going\s+to|i'?d\s+rather)\s+"
    r"(?:just\s+|simply\s+|probably\s+|rather\s+)?"
    r"(?:(?:ring|call|phone)(?:\s+(?:you|u|ya|yous|the\s+clinic|the\s+office|reception|them|up"
    r"|in|instead|myself|tomorrow|later))?(?:$|\s+(?:you|u|instead|myself|then|tomorrow|later"
    r"|the\s+clinic|whats|what'?s|what\s+is|and|but|so)\b)"
    r"|give\s+(?:you|u)\s+a\s+(?:ring|call|bell))"
)
# Not the clinic: an ambulance, 999 or their own doctor is a different call.
_OTHER_CALL = re.compile(r"\b(?:999|111|112|911|ambulance|gp|doctor|nhs|my\s+\w+)\b")


def will_phone_clinic(text: str) -> bool:
    """Whether the patient says they will phone the clinic themselves ("i'll just ring you").

    They want the number, not a call back; "call me back" is the other way round.
    """
    cleaned = normalise(text)
    return bool(_WILL_PHONE.search(cleaned) and not _OTHER_CALL.search(cleaned)) and not re.search(
        r"\b(?:call|ring|phone)\s+me\b|\bcall\s*back\b", cleaned
    )


_FIND_WITHOUT_REFERENCE = re.compile(
    r"\blook\s+(?:it|me|them|my\s+(?:booking|appointment))\s+up\b"
    r"|\b(?:find|search\s+for|check)\s+(?:it|me|my\s+(?:booking|appointment))\s+"
    r"(?:by|with|using|under|from)\s+(?:my\s+)?(?:e-?mail|name|phone|number|mobile)\b",
    re.IGNORECASE,
)


def asks_to_find_without_reference(text: str) -> bool:
    """Whether the patient asks to find their booking some other way than its reference.

    "Can't you look it up by my email?": bookings are found by reference only, so that
    nobody learns of another's booking from an email address or a name.
    """
    return bool(_FIND_WITHOUT_REFERENCE.search(text))


# "Need to see someone about my sciatica, next wk sometime", "is Rhian free Tuesday
# afternoon?", "i want visit monday": a time asked for, in other words than booking.
_WANTS_TO_BE_SEEN = re.compile(
    # not "I don't really want to see anyone"
    r"(?<!n't\s)(?<!nt\s)(?<!not\s)(?<!really\s)"
    # "Do I need to see a specialist?": whether to be seen, which the check-in answers.
    r"(?<!do\si\s)(?<!do\swe\s)(?<!does\she\s)(?<!does\sshe\s)(?<!do\sthey\s)"
    r"\b(?:need|needs|want|wants|wanna|would\s+like|'?d\s+like|like)\s+(?:to\s+)?"
    r"(?:see|be\s+seen|get\s+seen|get\s+in|come\s+in|visit|an?\s+(?:appointment|appt|slot|visit))\b"
    r"|\b(?:can|could)\s+(?:i|we|he|she)\s+(?:come\s+in|be\s+seen|get\s+seen|see\s+someone)\b"
    # "cn i get appt 2moro am", "could I have a slot friday"
    r"|\b(?:can|cn|could|cud)\s+(?:i|we|u)\s+(?:get|have|grab)\s+(?:an?\s+)?(?:appointment|appt|slot)\b"
    # "Tuesday afternoon would suit best", "thursday works for me"
    r"|\b(?:would|will|'?d|should|does|do)\s+suit\s+(?:me\s+|us\s+)?(?:best|better|fine|well)?"
    r"|\b(?:works|work|is\s+good|is\s+best|is\s+fine|suits)\s+(?:best\s+)?for\s+(?:me|us)\b"
    # "can we do the monday 3pm after all", "do u have anything after 5pm?"
    r"|\b(?:can|could)\s+(?:we|i)\s+(?:do|have|get|take)\s+(?:the\s+)?(?=\w*(?:mon|tue|wed|thu|fri|\d))"
    r"|\b(?:do|have)\s+(?:you|u)\s+(?:got\s+|have\s+)?(?:anything|any\s+(?:times?|slots?"
    r"|appointments?|space)|something)\b"
    # "appointment monday morning please"; not "I've got a GP appointment on Friday"
    r"|(?<!my\s)(?<!the\s)(?<!our\s)(?<!your\s)(?<!his\s)(?<!her\s)(?<!gp\s)(?<!doctor\s)"
    r"(?<!doctors\s)(?<!doctor's\s)(?<!hospital\s)(?<!dentist\s)(?<!dental\s)(?<!clinic\s)"
    r"\b(?:appointment|appt)\s+(?:on\s+|for\s+|this\s+|next\s+)?(?:mon|tue|wed|thu|fri|tomorrow"
    r"|today|next|this|any|morning|afternoon|evening|asap)"
    # "is Rhian in on Friday?", not "the pain is worse in the mornings"
    r"|\b(?:is|are)\s+(?:dr\.?\s+)?(?!(?:it|that|this|there|parking|the|wifi|entry|access|worse|better"
    r"|worst|bad|sore|stiff|painful|fine|ok|okay|good|still|always|mostly|only|usually|really"
    r"|very|much|getting|mainly|mostly|often|sometimes|felt|most|weather|traffic|rain|snow)\b)"
    r"[a-z]+\s+(?:free|available|working|around|about"
    # "is Rhian in on Friday?", not "are there exercises that are safe in pregnancy?"
    r"|in\s+(?:on|today|tomorrow|this|next|(?:mon|tue|wed|thu|fri|sat|sun)\w*))\b"
    r"|\b(?:any|a)\s+(?:free\s+)?(?:slots?|appointments?|appts?|times?|space)\s+"
    r"(?:on|for|this|next|left|free|available)\b"
    # "just give me the monday 11.30 with lindqvist", "put me down for thursday at 2"
    r"|\b(?:give|book|put|get|pop|fit|squeeze)\s+me\s+(?:in\s+|down\s+)?(?:for\s+|on\s+|at\s+)?"
    r"(?:the\s+|that\s+|this\s+|next\s+)?(?=\w*(?:mon|tue|wed|thu|fri|\d))"
)


# "Evening. My name is Gwen ...": a greeting, not the part of the day that suits.
_GREETING = re.compile(
    r"^\W*(?:good\s+)?(?:morning|afternoon|evening)\b\s*[.!,]+\s*(?=\S)", re.IGNORECASE
)


def asks_for_a_time(text: str, now: dt.datetime) -> bool:
    """Whether the message asks to be seen at a time it names, without the word "book"."""
    return bool(_WANTS_TO_BE_SEEN.search(normalise(text))) and (
        parse_time_preference(_GREETING.sub("", text, count=1), now) is not None
    )
