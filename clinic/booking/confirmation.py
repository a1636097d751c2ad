"""Read the patient's answer to "Shall I book ...?" in their own words.

A yes books and a no asks what to change, as the buttons do; but patients also write
"si, yes", "lovely, yes", "no change, just book it" or "never mind, just book it", in
which a "no" or "never mind" is about changing something, not about booking.
"""

from __future__ import annotations

import re

from clinic.triage.yes_no import normalise, parse_yes_no

_NOT_NOW = re.compile(
    r"\b(?:do\s*n[o']?t|do\s+not|no\s+need\s+to)\s+book\b|\b(?:i'?ll|let\s+me)\s+think\s+about\s+it\b"
    r"|\bnever\s*mind\b|\bforget\s+it\b|\bnot\s+(?:now|today|yet)\b"
)
# "No change", "nothing to change", "never mind": nothing to change, so on to the booking.
_NOTHING_TO_CHANGE = re.compile(
    r"^(?:no|nothing|nope)\s+(?:to\s+)?changes?\b|^nothing\s+(?:else\s+)?to\s+change\b"
    r"|^(?:it'?s|its|all|that'?s)\s+(?:all\s+)?(?:fine|good|correct|right|ok|okay)\b"
)
_NEVER_MIND = re.compile(r"^(?:(?:oh|ah|ok|okay|um+|erm|hmm+|actually|no|well)\W+)*never\s*mind\b")
_BOOK_IT = re.compile(
    r"\b(?:just|please|yes|so|then)\s+book(?:\s+it|\s+me(?:\s+in)?|\s+that(?:\s+one)?)?\b"
    r"|^book(?:\s+it|\s+me(?:\s+in)?|\s+that(?:\s+one)?)?\b|\bgo\s+ahead\b|\bi\s+said\s+yes\b"
    # "confirm", but not "before I confirm", "will I get it confirmed?"
    r"|(?<!before i )(?<!before we )(?<!until i )(?<!till i )(?<!get it )\bconfirm(?:ed)?\b"
    r"(?!\s+(?:by|with|on|via)\b)"
    # "Just keep the Dr Okafor one on Thursday at 3", "keep that one": the one proposed.
    r"|\b(?:just\s+)?(?:keep|stick\s+with|go\s+with)\s+(?:the|that)\s+"
    r"(?!original|old|existing|current|first)(?:[\w.]+\s+){0,3}?one\b"
    # Not "keep the one I've already got": the booking had before.
    r"(?!\s+(?:that\s+|which\s+)?(?:i|we)\s*(?:'?ve|have|had|already|booked|made|got)\b)"
)
_NEGATED_BOOK = re.compile(r"\b(?:do\s*n[o']?t|do\s+not|no\s+need\s+to|not)\s+(?:\w+\s+)?book\b")
_OTHER_YES = re.compile(
    r"^(?:si|sí|ja|oui|perfect|perfecto|lovely|great|brilliant|cool|fab|fine|super|"
    r"excellent|sounds\s+good|that\s+works|works\s+for\s+me|that'?s\s+(?:fine|perfect|great|good))\b"
)


# "Before I confirm", "before I say yes", "before you book it": no answer yet.
_NOT_YET = re.compile(
    r"\bbefore\s+(?:i|we)\s+(?:confirm|say\s+yes|agree|decide|book)\b"
    r"|\bbefore\s+(?:you|u)\s+(?:book|confirm)\b"
)


def answers_after_a_question(text: str) -> bool:
    """Whether the answer to "Shall I book?" waits on a question ("before I confirm, ...")."""
    return bool(_NOT_YET.search(normalise(text)))


def read_confirmation(text: str, asked_what_to_change: bool = False) -> bool | None:
    """True to book, False not to book now, None when the answer is neither.

    After "What would you like to change?", "never mind" means nothing to change; to
    "Shall I book ...?" it means not to book.
    """
    cleaned = normalise(text)
    if _NEGATED_BOOK.search(cleaned):
        return False
    if _NOT_YET.search(cleaned):
        # "Before I confirm - should I keep running until then?": a question first.
        return None
    if _BOOK_IT.search(cleaned):
        return True
    nothing_to_change = _NOTHING_TO_CHANGE.search(cleaned) or (
        _NEVER_MIND.search(cleaned) if asked_what_to_change else None
    )
    if nothing_to_change:
        rest = cleaned[nothing_to_change.end() :].strip()
        return True if not rest else read_confirmation(rest) is not False
    if _NOT_NOW.search(cleaned):
        return False
    if _OTHER_YES.match(cleaned):
        return True
    for clause in re.split(r"[,.;!?]", text):
        answer = parse_yes_no(clause)
        if answer is not None:
            return answer
    return None


def declines_booking(text: str, asked_what_to_change: bool = False) -> bool:
    """Whether the answer says not to book now at all ("don't book it", "forget it").

    A plain "no" is not one: it asks what to change, as the "No" button does.
    """
    cleaned = normalise(text)
    if _NEGATED_BOOK.search(cleaned):
        return True
    if _BOOK_IT.search(cleaned) or (asked_what_to_change and _NEVER_MIND.search(cleaned)):
        return False
    return bool(_NOT_NOW.search(cleaned))


# "Changed my mind, I don't want to book": the patient no longer wants an appointment.
_NO_LONGER_WANTS = re.compile(
    r"\b(?:do\s*n[o']?t|do\s+not|no\s+longer|not)\s+(?:really\s+|actually\s+)?"
    r"(?:want|need|wish)\s+(?:to\s+(?:book|make|see|come)|an?\s+|the\s+|one\b|it\b|this\b)"
    r"|\bchanged?\s+my\s+mind\b|\bnot\s+(?:booking|going\s+to\s+book)\b"
    r"|\b(?:didn'?t|didnt|did\s+not)\s+(?:want|ask|mean)\s+to\s+book\b"
    r"|\b(?:won'?t|will\s+not|wont)\s+(?:\w+\s+)?book\b|\bhold\s+off\s+(?:on\s+)?booking\b"
    r"|\bbook\s+(?:it\s+|one\s+)?(?:later|another\s+time)\b|\bmaybe\s+later\b|\bnot\s+yet\b"
    # "I'll probably book then, but not today", "ill rebook in the new year probably",
    # "I'll come back another time": later, and not in this conversation.
    r"|\bbut\s+not\s+(?:today|now|right\s+now|yet|this\s+week)\b"
    r"|\b(?:i'?ll|ill|i\s+will|i\s+might|i\s+may)\s+(?:probably\s+|maybe\s+|perhaps\s+|just\s+)?"
    r"(?:re-?book|book\s+again|come\s+back|get\s+back\s+to\s+you|be\s+back)\b"
    r"(?:\s+(?:to\s+you\s+)?(?:another\s+time|some\s+other\s+time|another\s+day|later|next\s+(?:week"
    r"|month|year)|in\s+the\s+new\s+year|after\s+(?:christmas|the\s+holidays)|in\s+(?:january"
    r"|february|march|the\s+spring)))?"
    # "right, I'll probably book next week then": later, if at all
    r"|\b(?:i'?ll|i\s+will|i\s+might|i\s+may)\s+(?:probably|maybe|perhaps)\s+book\b"
    r"(?:\s+(?:next\s+week|later|another\s+time|some\s+other\s+time|in\s+the\s+new\s+year))?"
    # "oh forget it, I'll sort it another time"
    r"|\b(?:sort|do|arrange|organi[sz]e)\s+(?:it|this|that)\s+(?:out\s+)?"
    r"(?:another\s+time|some\s+other\s+time|another\s+day|later)\b"
    r"|\b(?:cancel|forget|scrap|drop)\s+(?:the\s+|this\s+)?booking\b|\bforget\s+(?:about\s+)?it\b"
    r"|\bno\s+need\s+(?:to\s+(?:book|make|see|come)|for\s+(?:an?\s+|the\s+)?(?:appointment|booking|one))\b"
    r"|\b(?:i'?ll|i\s+will|let\s+me|i'?d\s+(?:rather|like\s+to))\s+(?:just\s+)?"
    r"(?:think\s+about\s+(?:it|booking|that)|have\s+a\s+think|wait(?:\s+and\s+see)?(?!\s+for\s+(?:him|her|them|dr|the))"
    r"|leave\s+it|hold\s+off"
    r"|see\s+how\s+it\s+goes|see\s+if\s+it\s+(?:wears\s+off|settles|goes|eases|gets\s+better)"
    r"|(?:call|ring|phone)(?:\s+you)?\s+(?:later|back|myself))\b"
    r"|\bleave\s+it\s+for\s+now\b"
    # "Can I do it later, need to check with work": not now.
    r"|\b(?:can|could|may)\s+i\s+(?:do|book|finish)\s+(?:it|this|that|the\s+booking)\s+later\b"
    r"|\bneed\s+to\s+check\s+(?:with\s+)?(?:work|my\s+(?:boss|shifts?|diary|rota|calendar))\b"
    # "I need to check with my husband first": not booking until then.
    r"|\b(?:check|talk|speak)\s+(?:it\s+)?with\s+(?:my\s+)?\w+(?:\s+\w+)?\s+first\b|\bnot\s+(?:right\s+)?now\b(?!\s*,?\s*(?:but|maybe))"
    # "No, leave it", "never mind", "don't book anything yet", "keep the original one".
    r"|^\W*(?:(?:no|nah|actually|ok|okay|oh|hmm+|um+|erm+|well)\W+)*leave\s+it\b|\bi\s+said\s+leave\s+it\b"
    r"|\bnever\s*mind\b|\bdo\s*n[o']?t\s+change\s+(?:anything|it|a\s+thing)\b"
    # "sorry, i think i call the clinic later, not book now"
    r"|\bnot\s+book(?:ing)?\s+(?:now|today|yet|for\s+now)\b"
    # "I'll give it another week or two", "book if it's not better": later, if at all.
    r"|\bgive\s+it\s+(?:another|a|one\s+more)\s+(?:week|few\s+days|couple|bit|while|day)"
    r"|\bbook\s+if\s+(?:it|its|it'?s|things?)\s+(?:does\s*n'?t|doesnt|is\s*n'?t|isnt|not|gets|get)\b"
    r"|\btry\s+(?:that|this|those|them|it)\s+(?:first|for\s+now)\b"
    # "Hang on, I haven't decided to book yet", "I'm not ready to book"
    r"|\b(?:have\s*n'?t|havent|have\s+not|not)\s+(?:yet\s+|even\s+)?decided\b"
    r"|\bnot\s+(?:ready|sure\s+i\s+want)\s+to\s+book\b"
)
# The same, said in a clause whose times are not times to search, read before punctuation
# goes: "don't book anything yet", "keep my Tuesday 8th appointment", and "I'll ring you
# next week when I know my shifts" (booking another way, later).
_GIVES_UP_IN_A_CLAUSE = re.compile(
    r"\bdo\s*n[o']?t\s+book\b[^.,;!?]*|\bdo\s+not\s+book\b[^.,;!?]*"
    r"|\bkeep\s+(?:the|my|that)\s+(?:original|old|existing|current|first|\w+\s+\d+\w*)\b[^.,;!?]*"
    # "Keep my 10am appointment please", not what follows it ("... but can I move it?").
    r"|\bkeep\s+(?:the|my|that)\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\s+)?(?:appointment|booking|appt)\b"
    # "ok maybe next week then, not now": a time only wondered about, for later.
    r"|\bmaybe\s+(?:next\s+week|another\s+time|in\s+a\s+(?:week|few\s+days|while))\b"
    r"(?=[^.;!?]*\bnot\s+(?:now|today|yet)\b)[^.,;!?]*"
    # "Leave it as it was on the 9th", "I don't want to change anything": the booking stays.
    r"|\bleave\s+it\s+as\s+it\s+(?:was|is)\b[^.,;!?]*"
    r"|\b(?:do\s*n[o']?t|do\s+not)\s+want\s+to\s+(?:change|move)\s+(?:anything|it|a\s+thing)\b[^.,;!?]*"
    r"|\b(?:i'?ll|ill|i\s+will)\s+(?:just\s+)?(?:ring|call|phone)\b[^.,;!?]*"
    r"|\bi\s+(?:think\s+)?(?:i\s+)?(?:call|ring|phone)\s+(?:the\s+clinic|you)\s+(?:later|tomorrow)\b[^.,;!?]*"
)
_LEAVES_IT = re.compile(
    r"\b(?:let'?s\s+)?leave\s+it\s+(?:altogether|for\s+now|there|for\s+today)\b"
)
_NEVER_ASKED_TO_BOOK = re.compile(
    r"\b(?:was\s*n'?t|wasnt|was\s+not|am\s*n'?t|i'?m\s+not)\s+"
    r"(?:asking|trying|wanting|looking|meaning)\s+to\s+book\b"
    r"|\bdid\s*n'?t\s+(?:want|ask|mean)\s+to\s+book\b"
)
# ... unless it goes on to say what they want instead ("changed my mind, Tuesday instead").
_SOMETHING_ELSE = re.compile(
    r"\b(?:instead|rather|but|another|different|other|earlier|later|next|tomorrow|tonight|week"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\w*\b"
    r"|\b(?:morning|afternoon|evening|weekend|physio\w*|consultant|specialist)s?\b|\d"
)


# "Never mind. Yeah book me in then": what was given up was something else; the "don't
# book" clauses are gone by now.
_BOOKS_AFTER_ALL = re.compile(r"\bbook\s+(?:me|us|him|her|them|it)\b(?!\s+later)")


def gives_up_booking(text: str) -> bool:
    """Whether a message asks for no appointment at all ("changed my mind, don't book").

    The classifiers read "don't want to book" by its words as a request to book; a
    message that says what they want instead is a change, not giving up.
    """
    lowered = text.lower().replace("\u2019", "'")
    last = re.split(r"(?<=[.!?])\s+", lowered.strip())[-1]
    if _NEVER_ASKED_TO_BOOK.search(lowered) or (
        _LEAVES_IT.search(last)
        and not _SOMETHING_ELSE.search(_LEAVES_IT.sub(" ", last))
        and "cancel" not in last
    ):
        # "I did rather want the physiotherapist. No, let's leave it altogether for now":
        # what they last say settles it, whatever they wished for before.
        # "Oh, I wasn't asking to book yet! ... It's only been about a week": the week is
        # the story, not a time wanted instead.
        return True
    kept = _GIVES_UP_IN_A_CLAUSE.sub(" ", lowered)
    cleaned = normalise(kept)
    rest = _NO_LONGER_WANTS.sub(" ", cleaned)  # "book later" gives up; "later" alone is a time
    return (
        (kept != lowered or rest != cleaned)
        and not _SOMETHING_ELSE.search(rest)
        and not _BOOKS_AFTER_ALL.search(rest)
    )


# "How long does the appointment last?", "how long will it take?", "is it an hour?"
_HOW_LONG_IT_LASTS = re.compile(
    r"\bhow\s+long\s+(?:is|does|will|would|do|are)\s+(?:the\s+|my\s+|this\s+|that\s+|an?\s+|it\b)?"
    r"(?:(?:appointment|appt|consultation|session|visit|slot)s?\b|\s*(?:take|last|be)\b)?"
    r"(?:\s+(?:take|last|be|go\s+on))?"
    r"|\bhow\s+long\s+(?:the|my|this|an?)\s+(?:appointment|appt|consultation|session|visit)\s+"
    r"(?:is|lasts|takes|will\s+(?:be|last|take))\b"
    r"|\bhow\s+many\s+minutes\b|\b(?:is|will)\s+it\s+(?:be\s+|take\s+)?(?:an|one|half\s+an)\s+hour\b"
    r"|\bhow\s+long\s+(?:will\s+)?i\s+(?:be\s+there|need\s+to\s+(?:stay|be\s+there))\b"
)
# "I don't want to change anything", "nothing to change", "no changes": the booking as is.
# "I don't want to change anything", "dont wanna move it", "no changes": as it is.
_NO_CHANGE = re.compile(
    r"\b(?:do\s*n[o']?t|do\s+not|dont)\s+(?:want|wanna|need)\s+(?:to\s+)?(?:change|move|cancel)\b"
    r"|\bnothing\s+to\s+change\b|\bno\s+changes?\b|\bchange\s+nothing\b"
)


def asks_how_long_it_lasts(text: str) -> bool:
    """Whether the patient asks how long the appointment lasts (not how long to wait)."""
    lowered = normalise(text)
    return bool(_HOW_LONG_IT_LASTS.search(lowered)) and not re.search(
        r"\bhow\s+long\s+(?:is|will\s+be)\s+the\s+wait|\bwait(?:ing)?\s+(?:list|time)", lowered
    )


def wants_no_change(text: str) -> bool:
    """Whether the patient says there is nothing to change (so the booking stands as put)."""
    lowered = normalise(text)
    return bool(_NO_CHANGE.search(lowered)) and not re.search(
        r"\b(?:don'?t|do\s+not|dont)\s+(?:book|want\s+(?:it|to\s+book|an?\s+appointment))\b",
        lowered,
    )


# "So what's the new time again? Want to put it in my calendar": the time asked back.
_ASKS_THE_TIME_BACK = re.compile(
    r"\bwhat\s*(?:'?s|\s+is|\s+was)\s+(?:the\s+)?(?:new\s+)?(?:time|date|day)\b"
    r"|\bwhen\s+(?:is|was|'s)\s+(?:it|that)(?:\s+again)?\s*\?"
    r"|\bwhat\s+(?:time|day|date)\s+(?:is|was)\s+(?:it|that)\b"
    r"|\bwhat\s+(?:time|day|date)\s+again\b"
)
_NEW_WISH = re.compile(r"\b(?:instead|rather|change|switch|different|another|other)\b")


def asks_the_time_back(text: str) -> bool:
    """Whether the answer asks which time is being booked, rather than changing it."""
    lowered = normalise(text)
    return bool(_ASKS_THE_TIME_BACK.search(lowered)) and not _NEW_WISH.search(lowered)
