"""Read a yes or a no from a short free-text answer.

Only the opening of the answer counts ("no, but my foot tingles" is a no that goes on to
say more); callers that care about the rest read it with their own parser. Hedged
answers ("not sure", "maybe") give None so the assistant asks again instead of guessing.
"""

from __future__ import annotations

import re

_UNSURE = re.compile(
    r"\b(not sure|unsure|not certain|don'?t know|do not know|dunno|no idea|maybe|perhaps|"
    r"possibly|can'?t remember|cannot remember|can'?t say|hard to say|kind of|sort of|"
    r"yes and no|a bit of both)\b"
)
_NO = re.compile(
    r"^(no+|nope|nah+|naw|nay|never|negative|none|nothing|neither|not at all|not really|"
    r"non|nein|n[aã]o|nie|"
    r"not that i know of|not that i'?ve noticed|not any|nada|n|"
    r"absolutely not|definitely not|certainly not|of course not|not me|"
    r"i don'?t|i do not|i dont|i haven'?t|i have not|i havent|i'?m not|i am not|i didn'?t|"
    r"don'?t think so|i wouldn'?t say so|haven'?t|have not|don'?t|do not|"
    r"i(?: have|'ve|ve)(?: got| had)? (?:no|not|none|never)|i do(?:n'?t| not) think so|"
    # "I say no already", "I told you no": the no said again.
    r"i (?:already )?(?:said|say|told you|answered|already said) no)\b"
)
_YES = re.compile(
    r"^(yes+|yeah|yea|yeh|ye|yh|yep|yup|ya|yah|yas|aye|y|sure|correct|true|definitely|"
    r"absolutely|certainly|affirmative|indeed|of course|i'?m afraid so|"
    r"i think so|i guess so|i believe so|uh[- ]?huh|that'?s right|that'?s correct|"
    r"sadly yes|unfortunately yes|"
    # A yes in a few languages patients fall back on: "sí", "oui", "ja", "sim", "tak",
    # "haan" / "ji haan" (Urdu and Hindi), "da".
    r"s[ií]|oui|ja|sim|tak|haan|ha+n ji|ji haa?n|haanji|jee|da)\b"
)
# "I do" is a yes on its own; "I have back pain" is an answer to another question.
_YES_ALONE = re.compile(
    r"^(?:i do|i have|i am|i did|i have got|i'?ve got|i have had|i'?ve had)"
    r"(?: yes| unfortunately| sadly| i'?m afraid)?$"
)


def normalise(text: str) -> str:
    """Lower-case, straight apostrophes, no punctuation but apostrophes, single spaces."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[^\w'\s]", " ", lowered).split())


# Sounds, fillers and apologies before the answer: "ah ok no none", "well yes", "sorry no".
_FILLERS = re.compile(
    r"^(?:(?:ah+|oh+|um+|erm+|hmm+|ok+|okay|well|right|so|hi|hey|sorry|soz|oops|honestly|"
    r"actually|lol|haha|(?:like|as)\s+i\s+(?:(?:already|just|literally)\s+)*said"
    r"|i\s+(?:(?:already|just|literally)\s+)*said"
    r"|i\s+told\s+you)\s+)+"
)


def parse_yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None when the answer is neither or hedged."""
    cleaned = _FILLERS.sub("", normalise(text))
    if not cleaned or _UNSURE.search(cleaned):
        return None
    if _NO.match(cleaned):
        return False
    if _YES.match(cleaned) or _YES_ALONE.match(cleaned):
        return True
    return None


# "Nothing of this", "none of the other stuff", "no other things", "other than that, no":
# a no to whatever else the question listed, said beside an answer about one part of it.
_REST = (
    r"(?:else|others|(?:the\s+)?rest|(?:every|any)thing\s+else|"
    r"(?:the\s+)?other(?:\s+(?:scary|serious|emergency|worrying|bad|big|urgent|red[\s-]flag))?"
    r"(?:\s+(?:things?|stuff|ones?|signs?|symptoms?|problems?)|(?!\s+\w))|"
    r"the\s+(?:others|above|list)|(?:the\s+)?(?:other\s+)?warning\s+signs?|"
    r"what\s+you\s+(?:said|listed|mentioned|asked)|"
    # "none of the emergency stuff", "no scary symptoms"
    r"(?:the\s+)?(?:emergency|serious|scary|urgent|red[\s-]flag|dangerous|worrying|alarming)"
    r"\s+(?:stuff|things?|ones?|signs?|symptoms?|problems?))"
)
_DENIES_THE_REST = re.compile(
    r"\b(?:none|nothing|neither)\s+(?:of|like)\s+(?:this|these|that|those|them|it)\b"
    r"|\b(?:no|none|nothing|not|nor|neither|nope|nah)\s+(?:(?:to|of|any|all)\s+)*" + _REST + r"\b"
    r"|\b(?:apart\s+from|other\s+than|besides|except\s+(?:for\s+)?)\s*(?:that|this|it|those|these)"
    r"\s+(?:no|none|nothing|not\s+really)\b"
    r"|\b(?:otherwise|the\s+rest|everything\s+else|the\s+others)\s+"
    r"(?:is\s+|are\s+)?(?:no|none|nothing|fine|ok|okay|not\s+really)\b"
    r"|\bthat'?s\s+all\b"
    r"|\bno\s+to\s+(?:all|everything|any|each)\b"
    # "no bladder stuff or anything, but my leg goes numb"
    r"|\b(?:no|not|nothing|none|never)\b[^.,;!?]{0,40}\bor\s+anything\b"
    # "no numbness or any of those other things"
    r"|\b(?:no|not|nothing|none|never)\b[^.;!?]{0,40}\bor\s+(?:any\s+of\s+)?(?:th(?:ose|ese|e)\s+)?"
    + _REST
    + r"\b"
    r"|\bnothing\s+(?:scary|worrying|alarming|like\s+(?:that|those|the\s+emergency))\b"
    # "little tingle in left foot. other things no"
    r"|\b(?:the\s+)?other\s+(?:things?|stuff|ones?|signs?|symptoms?)\s+(?:is\s+|are\s+)?"
    r"(?:no|none|nothing|fine|ok|okay|not\s+really)\b"
)


def denies_the_rest(text: str) -> bool:
    """Whether the answer says no to the rest of what was asked ("only my leg, nothing else").

    It says nothing of the part the patient does answer; callers read that on its own.
    """
    return bool(_DENIES_THE_REST.search(normalise(text)) or _ONLY_NONE.search(text.lower()))


# "i literally told you all that in my first message. no. none.": a sentence of "none".
_ONLY_NONE = re.compile(
    r"(?:^|[.!?;]\s*)(?:no[,.]?\s+)?(?:none|nothing)(?:\s+(?:at\s+all|of\s+it))?\s*(?:[.!?;]|$)"
)
