"""What the clinic's article covers, and what a message is about when it is not that.

The article is about the back: five back conditions, and exercise, medication and
physiotherapy for back-related joint pain. A classifier must pick one of its answers, so
"what is aortic stenosis?" would get the spinal-stenosis answer and "exercises for my
knee" the exercise answer. The entity ruler already names conditions and body parts; a
message whose condition or joint is outside the article, with nothing about the back,
is out of scope, and the reply says so for what it is about (another joint, which the
clinic also sees; a child; pregnancy or a serious health condition, for which the
article's advice on medicines and exercise was not written; a named prescription
medicine, which the article leaves to a doctor; another condition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum

from clinic.wording import about_someone_else, is_question


class Scope(Enum):
    """Why a message is outside the article, which decides the kind reply it gets."""

    OTHER_JOINT = "other_joint"
    CHILD = "child"
    PREGNANCY = "pregnancy"
    HEALTH_CONDITION = "health_condition"
    PRESCRIPTION = "prescription"
    MEDICINE_USE = "medicine_use"
    OTHER_CONDITION = "other_condition"
    URINARY = "urinary"
    KIDNEY = "kidney"
    SWOLLEN_LEG = "swollen_leg"
    DIGESTIVE = "digestive"
    FEAR_OF_SERIOUS_ILLNESS = "fear_of_serious_illness"
    TEST_RESULTS = "test_results"
    WORSE_WITH_EXERCISE = "worse_with_exercise"
    ANIMAL = "animal"
    OTHER_SERVICE = "other_service"


BESIDE_THE_BACK = frozenset(
    {
        Scope.PREGNANCY.value,
        Scope.HEALTH_CONDITION.value,
        Scope.PRESCRIPTION.value,
        Scope.MEDICINE_USE.value,
        Scope.TEST_RESULTS.value,
        Scope.FEAR_OF_SERIOUS_ILLNESS.value,
        Scope.SWOLLEN_LEG.value,
        Scope.WORSE_WITH_EXERCISE.value,
    }
)
"""Scope replies about something beside the patient's own back pain (a medicine, a
pregnancy, a scan): what the message tells of the pain is still the back's."""

TOLD_NOT_ASKED = frozenset({Scope.WORSE_WITH_EXERCISE.value, Scope.PREGNANCY.value})
"""Scope replies a patient needs whether or not they ask anything ("the stretches made it
worse", "I'm 30 weeks pregnant btw"): said in the middle of the check-in too."""

COVERED_CONDITIONS = frozenset(
    {"herniated_disc", "sciatica", "spinal_stenosis", "osteoarthritis", "degenerative_disc_disease"}
)
BACK = frozenset({"lower_back", "upper_back", "back", "spine", "buttock"})
OTHER_JOINTS = frozenset({"knee", "shoulder", "neck", "hip", "elbow", "wrist", "ankle", "jaw"})
# Conditions named after the joint they are in: "frozen shoulder" is shoulder pain, which
# the clinic sees, rather than a condition nobody here treats.
JOINT_CONDITIONS = frozenset({"frozen_shoulder", "tennis_elbow", "carpal_tunnel"})

# Conditions of other organs, not of the spine or joints.
ORGAN_CONDITIONS = frozenset(
    {
        "aortic_stenosis",
        "reflux",
        "kidney",
        "bowel",
        "gallbladder",
        "endometriosis",
        "shingles",
        "hernia",
        "migraine",
    }
)
_BACK_OR_JOINT_WORDS = re.compile(
    r"\b(?:back|spine|spinal|neck|hips?|knees?|shoulders?|joints?|bones?|legs?)\b", re.IGNORECASE
)


# The words of each covered condition's own name, typos allowed for ("degenerativ disc
# diseas"): a report's other words for it ("disc bulge") are not the guide's condition.
_OWN_NAME = {
    "herniated_disc": re.compile(r"\bhernia\w*|\bslipp?ed\b", re.IGNORECASE),
    "sciatica": re.compile(r"\bsciat\w*", re.IGNORECASE),
    "spinal_stenosis": re.compile(r"\bsten\w*", re.IGNORECASE),
    "osteoarthritis": re.compile(r"\bosteo\s*-?\s*arth\w*", re.IGNORECASE),
    "degenerative_disc_disease": re.compile(r"\bdegen\w*\s+dis[ck]|\bddd\b", re.IGNORECASE),
}


def named_by_its_own_name(condition: str, words: str) -> bool:
    """Whether `words` (an entity's text) name the covered condition as the guide does."""
    pattern = _OWN_NAME.get(condition)
    return pattern is not None and bool(pattern.search(words))


_REPEAT = re.compile(
    r"\b(?:renew|repeat|refill|re-?issue|top\s+up|more\s+of)\b[^.!?]{0,40}\b(?:prescri\w*|script|tablets"
    r"|pills|meds|medication|tramadol|codeine|gabapentin|naproxen|co-?codamol)\b"
    r"|\b(?:prescri\w*|script)\s+(?:renewed|repeated|refilled|renewal|refill)\b",
    re.IGNORECASE,
)


def asks_for_a_repeat(text: str) -> bool:
    """Whether the message asks for a prescription to be renewed or repeated."""
    return bool(_REPEAT.search(text))


def only_another_organ(conditions: Iterable[str], text: str) -> bool:
    """Whether the message names only conditions of other organs, and no back or joint."""
    named = set(conditions)
    return bool(named) and named <= ORGAN_CONDITIONS and not _BACK_OR_JOINT_WORDS.search(text)


_CHILD = re.compile(
    r"\b(?:my|our|his|her)\s+"
    r"(?:(?:\d{1,2}|little|young|teenage|small)[- ]?(?:year[- ]?old\s+|yo\s+)?)?"
    r"(?:son|daughter|child|kid|boy|girl|toddler|baby|little\s+one|teenager|teen|grandson|"
    r"granddaughter|children|kids|lad|lass|youngster|stepson|stepdaughter)\b"
    # "(I'm Rob, her son in law)": grown up.
    r"(?![\s-]*in[\s-]*law)"
    r"|\b(?:[1-9]|1[0-5])[- ]?(?:year|yr)s?[- ]?old\b"
    r"|\b(?:child|children|kid|kids|toddler|teenager)'?s?\b"
    # "hi im 14 and my back hurts": the patient is a child.
    # (Under 11 only with "years old": "I'm 8" in a chat about pain is more often a score.)
    r"|\b(?:i'?m|im|i\s+am)\s+(?:only\s+|just\s+)?(?:1[1-5]\b"
    r"(?!\s*(?:/|out\b|of\b|weeks?\b|months?\b|days?\b|hours?\b|mins?\b|am\b|pm\b|[.:]\d|%|x\b|most\b|when\b|at\b))"
    r"|(?:[5-9]|10)\s*(?:years?|yrs?)[- ]?(?:old)?\b|(?:[5-9]|10)\s*yo\b)",
    re.IGNORECASE,
)
# Sixteen and over count as adults: they can consent to their own treatment, and adult
# musculoskeletal clinics see them.
_ADULT_CHILD = re.compile(
    r"\b(?:[2-9]\d|1[6-9])[- ]?(?:year|yr)s?[- ]?old\b|\bgrown[- ]up\b"
    # "My son is 45", "she's 30", "shes 16".
    r"|\b(?:son|daughter|he|she|they)\s*(?:is|'s|s|are|'re)\s+(?:[2-9]\d|1[6-9])\b"
    r"|\b(?:an?\s+)?adult\s+(?:son|daughter|child|children|kids?)\b",
    re.IGNORECASE,
)


# "My daughter says I should see someone": the grown child speaks, the patient is the parent.
_CHILD_SPEAKING = re.compile(
    r"\bmy\s+(?:son|daughter|kids?|children|grandson|granddaughter)\s+"
    r"(?:says?|said|thinks?|thought|told\s+me|tells\s+me|suggested|wants\s+me|made\s+me|"
    r"booked|is\s+helping|helped\s+me|is\s+typing|is\s+writing)\b"
    # "My grandson set it up [the email]", "my daughter helps me with the computer".
    r"|\bmy\s+(?:son|daughter|grandson|granddaughter|kids?|children)\s+(?:set\s+(?:it|this|that|"
    r"the\s+\w+|me)\s+up|set\s+up|sorted\s+(?:it|this|that)|made\s+(?:it|this|the|my)|helps?\s+me"
    r"|does\s+(?:it|the\s+\w+)\s+for\s+me)\b"
    # "Friday afternoon would be ideal as the kids are at my mum's": where they are, not ill.
    r"|\b(?:the|my|our)\s+(?:kids|children)\s+(?:are|will\s+be|'ll\s+be)\s+(?:at|with|in|away|out"
    r"|off)\b"
    # "I'll type for my mum": the writer is the grown child.
    r"|\b(?:type|typing|write|writing|message|messaging|ask|asking|book|booking)\s+(?:for|on\s+behalf\s+of)"
    r"\s+(?:my\s+)?(?:mum|mom|mother|mam|dad|father|parents?|nan|nana|gran|granny|grandma|grandad"
    r"|grandpa|grandmother|grandfather)\b",
    re.IGNORECASE,
)


# "My back went when I bent down to pick up my son", "sitting on the floor playing with my
# kids": the child is what the patient was doing something with. "It's MY back, not my
# kids", "I'm 38", "there is no child": the patient says it is theirs.
_CHILD_LIFTED = re.compile(
    r"\b(?:pick|picks|picking|picked|lift|lifts|lifting|lifted|carry|carries|carrying|carried"
    r"|hold|holding|held|chase|chasing|chased|play(?:s|ing|ed)?\s+with|look(?:s|ing|ed)?\s+after"
    r"|bath(?:e|ing|ed)?|feed(?:s|ing)?|fed|run(?:ning)?\s+after|mov(?:e|es|ed|ing)|help(?:s|ed|ing)?"
    r"|driv(?:e|es|ing)|drove|visit(?:s|ed|ing)?)\s+(?:up\s+)?(?:my|our|the)\s+"
    r"(?:\w+\s+)?(?:son|daughter|child|kids?|children|boy|girl|toddler|baby|grandson|"
    r"granddaughter)s?\b"
    r"|\bnot\s+(?:my|the|a)\s+(?:kids?|child|children|son|daughter|baby)'?s?\b"
    r"|\bno\s+(?:child|kids?)\b"
    # "Since I had my baby", "after giving birth to my daughter": the mother's own back.
    r"|\b(?:since|after|before)\s+(?:i\s+)?(?:had|having|gave\s+birth\s+to|giving\s+birth\s+to"
    r"|delivering|i\s+delivered)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:baby|son|daughter|twins|child)\b"
    r"|\bi'?m\s+[2-9]\d\b|\bi\s+am\s+[2-9]\d\b|\bim\s+[2-9]\d\b|\bbeing\s+[2-9]\d\b",
    re.IGNORECASE,
)


# "I am asking about MY back", "it's for me": the patient's own, whoever was spoken of.
_MY_OWN = re.compile(
    # (Not "asking for my grandson": someone else.)
    r"\b(?:asking|talking|asked)\s+(?:about|for)\s+(?:my\s+(?:own|back|pain|spine|self)|me|myself)\b"
    r"|\bmy\s+own\s+back\b"
    r"|\bit'?s\s+(?:for\s+)?(?:me|mine|my\s+back)\b|\bthere\s+is\s+no\s+child\b"
    r"|\bwho\s+is\s+right\b"
    # "Fine. Back to me: ...", "and the stretches for me?", "I'm asking about ME now".
    r"|\bback\s+to\s+me\b|\bfor\s+me\b|\babout\s+me\b"
    # "Sorry, my kid grabbed the phone": the child typed, the pain is the writer's.
    r"|\b(?:grabbed|took|had|got\s+hold\s+of)\s+(?:the|my)\s+(?:phone|tablet|laptop|keyboard)\b"
    r"|\bmy\s+(?:pain|back)\s+not\s+the\s+(?:kids?|child)'?s?\b",
    re.IGNORECASE,
)


def says_it_is_not_a_child(text: str) -> bool:
    """Whether the message says the pain is the patient's own or an adult's, not a child's."""
    return bool(
        _ADULT_CHILD.search(text)
        or _CHILD_LIFTED.search(text)
        or _CHILD_SPEAKING.search(text)
        or _MY_OWN.search(text)
    )


def says_a_child_is_the_patient(text: str) -> bool:
    """Whether the message says the patient is a child ("my 8 year old", "I'm 14").

    Not only "my son" or "my daughter", who may well be grown up.
    """
    if _ONLY_COMES_ALONG.search(text) and not _A_CHILDS_PAIN.search(text):
        # "Can I bring my son as well, he's 12?": he comes along; the patient is the writer.
        return False
    return about_a_child(_SON_OR_DAUGHTER.sub(" ", text)) or bool(_YOUNG_AGE_SAID.search(text))


_ONLY_COMES_ALONG = re.compile(
    r"\b(?:bring|brings|bringing|take|taking)\s+(?:my|our|the)\s+(?:son|daughter|kids?|children|boy"
    r"|girl|little\s+one|baby|toddler)\b(?:\s+(?:with\s+(?:me|us)|along|as\s+well|too|in))?"
    r"|\b(?:my|our)\s+(?:son|daughter|kids?|children)\s+(?:will\s+|would\s+|can\s+)?(?:come|be\s+coming)"
    r"\s+(?:with|along)\b|\b(?:i\s+have|i'?ve\s+got|got|pick\s+up|collect|drop\s+off|look\s+after"
    r"|looking\s+after)\s+(?:my|the|our)\s+(?:kids|children|son|daughter)\b",
    re.IGNORECASE,
)
_A_CHILDS_PAIN = re.compile(
    r"\b(?:his|her|their)\s+(?:back|spine|pain|legs?|neck)\b"
    r"|\b(?:he|she)\s+(?:has\s+(?:pain|a\s+(?:bad|sore)|back|sore)|hurt|hurts|is\s+in\s+pain)"
    r"|\bfor\s+(?:my|our)\s+(?:son|daughter|kids?|child)\b",
    re.IGNORECASE,
)


# "My son is 15", "shes 9": a child's age said of a son or daughter.
_YOUNG_AGE_SAID = re.compile(
    r"\b(?:son|daughter|lad|lass|boy|girl|he|she)\s*(?:is|'s|s)\s+(?:only\s+|just\s+)?(?:[1-9]|1[0-5])\b"
    r"(?!\s*(?:/|out\b|of\b|weeks?\b|months?\b|days?\b|hours?\b|minutes?\b|mins?\b|%))",
    re.IGNORECASE,
)


# "Will my son get a text?", "ring my daughter instead", "my son's number": the son or
# daughter is who hears about the booking, not the patient.
_CHILD_AS_CONTACT = re.compile(
    r"\b(?:will|does|would|can|could|should)\s+(?:my|our)\s+(?:son|daughter)\s+(?:get|receive"
    r"|be\s+(?:told|sent|called|texted|rung))\b"
    r"|\b(?:ring|call|text|email|e-mail|phone|contact|tell|send\s+it\s+to)\s+(?:my|our)\s+(?:son"
    r"|daughter)\b"
    # "I'd like to talk to my daughter first": the one the patient asks, not the patient.
    r"|\b(?:talk|speak|chat|check|discuss\w*|talking|speaking)\s+(?:it\s+|this\s+|that\s+)?"
    r"(?:over\s+)?(?:to|with)\s+(?:my|our)\s+(?:son|daughter|kids|children)\b"
    r"|\bask\s+(?:my|our)\s+(?:son|daughter)\b|\b(?:my|our)\s+(?:son|daughter)'?s\s+(?:number|phone|mobile|email|e-mail)\b"
    # "my daughter can drive me on Tuesday": the one who brings the patient.
    r"|\b(?:my|our)\s+(?:son|daughter|grandson|granddaughter)\s+(?:can|will|could|would|is\s+going\s+to"
    r"|is|'s)\s+(?:drive|driving|take|taking|bring|bringing|give|giving)\s+(?:me|us|him|her)\b",
    re.IGNORECASE,
)


def about_a_child(text: str) -> bool:
    """Whether the message is about a child's health (an adult son or daughter is not)."""
    if (
        _YOUNG_AGE_SAID.search(text)
        and _A_CHILDS_PAIN.search(text)
        and not (_ADULT_CHILD.search(text) or _MY_OWN.search(text))
    ):
        # "I look after my grandson after school, he is 9 ... his back hurts": looking
        # after him, and it is his pain; "can you call my son, he is 8 and his back hurts".
        return True
    told = _CHILDS_EVENT.sub(
        " ",
        _PARENTING.sub(" ", _THE_WRITER_IS_THE_CHILD.sub(" ", _CHILD_AS_CONTACT.sub(" ", text))),
    )
    if not _CHILDS_OWN_BACK.search(told):
        told = _HURT_LIFTING_A_CHILD.sub(" my back ", told)
        told = _I_LIFT_A_CHILD.sub(" ", told)
    if not _CHILD.search(told):
        return False
    return not says_it_is_not_a_child(text)


# "I have my daughter's school play", "it's my son's birthday": the parent's diary. "My
# daughter keeps telling me to ask": she sent the question, whose back is the writer's.
_CHILDS_EVENT = re.compile(
    r"\b(?:my|our)\s+(?:son|daughter|kids|children)\s+(?:keeps?\s+|kept\s+)?(?:tell(?:s|ing)?"
    r"|told|said|says|wants?|nag\w*|made|makes|got)\s+me\s+to\s+(?:ask|check|see|book|look"
    r"|get|come|try|find\s+out)\b|"
    r"\b(?:my|our)\s+(?:son|daughter|kid|child|boy|girl|grandson|granddaughter|kids|children)"
    r"(?:'s|s'|s)?\s+(?:school\s+)?(?:play|nativity|concert|show|recital|assembly|sports\s+day"
    r"|birthday|party|match|game|graduation|wedding|parents'?\s+evening|pick[\s-]?up|drop[\s-]?off"
    r"|swimming\s+lesson|lesson)\b"
    # "My daughter drives me and she is only free on Wednesday": who brings the patient.
    r"|\b(?:my|our)\s+(?:son|daughter|grandson|granddaughter)\s+(?:drives|will\s+drive|can\s+drive"
    r"|is\s+driving|takes|will\s+take|brings|will\s+bring|gives\s+me\s+a\s+lift|comes\s+with)\b",
    re.IGNORECASE,
)
# "After two kids my stomach muscles are weak", "lifting the kids", "I have the kids on
# Tuesdays": the parent's back, or the parent's week; not a child's pain.
_PARENTING = re.compile(
    r"\b(?:after|had|having|have|got|lift\w*|carry\w*|pick\w*\s+up|chas\w*|run\w*\s+after"
    r"|look\w*\s+after|bath\w*|school\s+run\s+with)\s+(?:the|my|our|two|three|four|five|\d)\s+"
    r"(?:kids|children|little\s+ones|toddlers?)\b"
    # "(desk job, two kids, you know how it is)", "mum of three": the writer's family.
    r"|\b(?:mum|mom|dad|mother|father|parent|mam)\s+(?:of|to)\s+(?:two|three|four|five|six|\d)"
    r"(?:\s+(?:kids|children|boys|girls|little\s+ones))?\b"
    r"|\b(?:two|three|four|five|six|\d)\s+(?:kids|children|little\s+ones)\b"
    r"(?=\s*(?:[,.)!;]|and\b|you\s+know|at\s+home|to\s+(?:look\s+after|carry|lift|run\s+after)))",
    re.IGNORECASE,
)
# "tweaked my back liftin my kid": the child is what hurt the writer's back. Not when the
# child's own back or pain is told ("picked up my daughter and her back hurts").
_HURT_LIFTING_A_CHILD = re.compile(
    r"\bmy\s+(?:lower\s+|upper\s+)?back\b[^.?!]{0,40}?\b(?:lift\w*|carry\w*|pick\w*\s+up"
    r"|pick\w*)\s+(?:up\s+)?(?:my|our|the)\s+(?:kid|child|little\s+one|baby|toddler|son"
    r"|daughter|boy|girl|grandson|granddaughter)\b",
    re.IGNORECASE,
)
# "When I bend to pick up my little one it's more like an 8": the writer lifting the child.
_I_LIFT_A_CHILD = re.compile(
    r"\bi\s+(?:\w+\s+){0,3}?(?:lift\w*|carry\w*|pick\w*\s+up|hold\w*|bath\w*)\s+(?:up\s+)?"
    r"(?:my|our|the)\s+(?:kid|child|little\s+one|baby|toddler|son|daughter|boy|girl|grandson"
    r"|granddaughter)\b",
    re.IGNORECASE,
)
_CHILDS_OWN_BACK = re.compile(
    r"\b(?:his|her|their)\s+(?:lower\s+|upper\s+)?(?:back|pain|spine)\b", re.IGNORECASE
)


# "Use my number, I'm his daughter": the writer is the grown child; the patient the parent.
_THE_WRITER_IS_THE_CHILD = re.compile(
    r"\b(?:i'?m|im|i\s+am|as|being|this\s+is|it'?s)\s+(?:his|her|their)\s+"
    r"(?:son|daughter|child|kid|grandson|granddaughter)\b"
    # "07700 900 612 (Lisa, his daughter)", "- Lisa, her son": the writer signing off.
    r"|[(,\-]\s*[A-Z][a-z]+\s*,\s*(?:his|her|their)\s+(?:son|daughter|grandson|granddaughter)\b",
    re.IGNORECASE,
)


# "My son hurt his back at rugby": a son or daughter of any age, with nothing said of it.
_SON_OR_DAUGHTER = re.compile(
    r"\bmy\s+(?:son|daughter|boy|girl|grandson|granddaughter)\b", re.IGNORECASE
)
_YOUNG = re.compile(
    r"\b(?:\d{1,2}|little|young|teenage|small)[- ]?(?:year|yr|yo)?"
    r"|\b(?:child|children|kids?|toddler|baby|teen|teenager|school|nursery|pe\s+class)\b",
    re.IGNORECASE,
)


def child_of_unknown_age(text: str) -> bool:
    """Whether a message about a child names only a son or daughter, whose age is not said.

    They may be grown up, so the reply says what to do in either case instead of
    assuming a child.
    """
    return about_a_child(text) and bool(_SON_OR_DAUGHTER.search(text)) and not _YOUNG.search(text)


_PREGNANT = re.compile(
    r"\bpregnan\w*|\bbreast-?\s?feed\w*|\b(?:expecting|having)\s+a\s+baby\b|\b\d{1,2}\s+weeks\s+gone\b"
    r"|\b(?:my\s+)?(?:midwife|trimester)\b"
    # "first baby due in march so im about 26 weeks"
    r"|\bbaby\s+(?:is\s+|'s\s+)?due\b|\bdue\s+date\b",
    re.IGNORECASE,
)


# "She's 60, not pregnant", "I'm not pregnant": said only to say it is not so.
_NOT_PREGNANT = re.compile(
    r"\b(?:not|n't|never|no\s+longer)\s+(?:\w+\s+)?(?:pregnant|breast-?\s?feeding)\b", re.IGNORECASE
)


def about_pregnancy(text: str) -> bool:
    """Whether the message is about being pregnant ("I'm 20 weeks pregnant, can I take...")."""
    return bool(_PREGNANT.search(_NOT_PREGNANT.sub(" ", text)))


# A serious health condition beside the back pain: the article's general advice on
# exercise and medicines was not written for it, so the patient's own doctor decides.
_HEALTH_CONDITION = re.compile(
    r"\bheart\s+(?:condition|problems?|disease|failure|attack|surgery|issues?|murmur|valve|history)\b"
    # "Surgery for a torn aorta", "his aortic aneurysm".
    r"|\b(?:torn\s+aorta|aort(?:a|ic)\s+(?:aneurysm|dissection|repair|surgery|valve))\b"
    r"|\b(?:angina|pacemaker|stent|arrhythmia|atrial\s+fibrillation|a-?fib)\b"
    r"|\b(?:had|have|having|with|after)\s+(?:a\s+)?(?:stroke|cancer|chemo\w*)\b"
    r"|\b(?:on|in|undergoing|receiving|getting|doing|started|finished)\s+(?:my\s+|a\s+)?"
    r"(?:chemo\w*|radiotherapy|radiation\s+therapy|cancer\s+treatment|immunotherapy)\b"
    r"|\bimmuno-?suppress\w*\b"
    r"|\b(?:kidney|liver)\s+(?:disease|failure|problems?)\b|\bon\s+dialysis\b"
    r"|\b(?:blood\s+thinners?|warfarin|anticoagulants?)\b|\bosteoporosis\b"
    r"|\b(?:stomach|peptic)\s+ulcers?\b",
    re.IGNORECASE,
)

# A named prescription-only medicine, or someone else's: the article leaves prescription
# medicines to a doctor and names none.
_PRESCRIPTION = re.compile(
    r"\b(?:tramadol|codeine|co[-\s]?codamol|dihydrocodeine|gabapentin|pregabalin|lyrica|"
    r"oxycodone|oxycontin|morphine|fentanyl|diazepam|valium|amitriptyline|duloxetine|"
    r"prednisolone|prednisone|steroid\s+tablets?|tapentadol|"
    r"buprenorphine|hydrocodone|vicodin|percocet|muscle\s+relaxants?)\b"
    r"|\b(?:my\s+)?(?:friend|friend'?s|mum'?s|mom'?s|dad'?s|wife'?s|husband'?s|partner'?s|"
    r"neighbou?r'?s|sister'?s|brother'?s|someone\s+else'?s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:pills?|tablets?|medicines?|medication|meds|painkillers?|prescription|gel|cream"
    r"|patch(?:es)?|spray)\b"
    # "my brother gave me his tramadol pills", "can I use my dad's gel": someone else's.
    r"|\b(?:friend|mum|mom|dad|father|mother|wife|husband|partner|neighbou?r|sister|brother"
    r"|son|daughter|nan|gran|grandad|colleague)\s+(?:\w+\s+){0,2}(?:gave|give|gives|given|giving|offered"
    r"|lent|lend|lends)\s+me\s+(?:some\s+(?:of\s+)?)?(?:his|her|their)\s+"
    r"(?:[\w-]+\s+)?(?:pills?|tablets?|medicines?|medication|meds|painkillers?|prescription"
    r"|gel|cream|patch(?:es)?)\b"
    # "My husband has been taking my tablets", "I've been using her gel": someone else's.
    r"|\b(?:husband|wife|partner|mum|mom|dad|son|daughter|friend|brother|sister|he|she)\s+"
    r"(?:\w+\s+){0,3}(?:taking|using|takes|uses|took|used|borrow\w*)\s+(?:my|mine)\b"
    r"|\bi\s+(?:\w+\s+){0,3}(?:taking|using|take|use|took|borrow\w*)\s+(?:his|her|their)\s+"
    r"(?:[\w-]+\s+)?(?:pills?|tablets?|medicines?|medication|meds|painkillers?|prescription|gel"
    r"|cream|patch(?:es)?)\b"
    # "my blood pressure tablets make me dizzy, should i stop them": a prescribed medicine
    # for another condition, to be stopped only with a doctor's or pharmacist's advice.
    r"|\b(?:blood\s+pressure|bp|heart|thyroid|diabetes|cholesterol|statin|epilepsy"
    r"|anti-?depressant|water)\s+(?:pills?|tablets?|medicines?|medication|meds)\b"
    r"(?=[^.?!]{0,60}\b(?:stop|come\s+off|quit|skip|dizz\w*|side[\s-]effects?|make\s+me"
    r"|making\s+me)\b)"
    # "should mum stop her paracetamol before it?": stopping a medicine is for a doctor.
    r"|\b(?:stop|come\s+off|quit|skip)\s+(?:taking\s+)?(?:her|his|their|my)\s+"
    r"(?:pills?|tablets?|medicines?|medication|meds|painkillers?|[a-z]+(?:amol|profen|xen|fenac"
    r"|codeine|adol))\b"
    r"|\b(?:pills?|tablets?|medicines?|meds|painkillers?)\s+(?:my|a)\s+"
    r"(?:friend|mum|mom|dad|wife|husband|partner|neighbou?r|sister|brother)\s+gave\s+me\b"
    r"|\b(?:friend|mum|mom|dad|wife|husband|partner|neighbou?r|sister|brother)\s+gave\s+me\s+"
    r"(?:some\s+)?(?:of\s+(?:his|her|their)\s+)?(?:pills?|tablets?|medicines?|meds|painkillers?)\b"
    # "What about the naproxen upsetting my stomach, should I stop it?": a medicine's side
    # effects, which its prescriber or a pharmacist judges.
    r"|\bside[\s-]+effects?\b"
    r"|\b(?:upset\w*|hurt\w*|burn\w*|irritat\w*|bother\w*|wreck\w*)\s+my\s+(?:stomach|tummy|gut)\b"
    r"|\b(?:stomach|tummy)\s+(?:ache|pain|upset|problems?|issues?)\s+(?:from|with|since|after|on)\s+"
    r"(?:the\s+|my\s+|taking\s+)?(?:pills?|tablets?|medicines?|meds|painkillers?|[a-z]+(?:amol|profen"
    r"|xen|fenac|codeine|adol))\b"
    # "My doctor gave me naproxen ... can I just stop them?": stopping what a doctor prescribed.
    r"|\b(?:doctor|gp|dr|consultant|surgeon)\s+(?:\w+\s+){0,2}(?:gave|prescribed|put)\s+me\b[^?]*"
    r"\b(?:stop|come\s+off|quit|skip)\s+(?:taking\s+)?(?:them|it|those|these)\b"
    # asking to be prescribed something: "can you prescribe me something?"
    r"|\b(?:can|could|will|would)\s+(?:you|u)\s+(?:please\s+|just\s+)?prescribe\b|\bprescribe\s+me\b"
    # changing a prescribed dose: "can I double it", "take extra", "up my dose"
    r"|\b(?:doubl\w+|increas\w+|up|rais\w+)\s+(?:it|them|the\s+dose|my\s+dose|the\s+tablets?"
    r"|my\s+tablets?|the\s+pills?|my\s+pills?|my\s+meds)\b(?!\s+(?:to\s+)?(?:the\s+)?(?:appointment|booking))"
    r"|\b(?:double|extra|higher|bigger)\s+(?:a\s+)?dose\b|\btake\s+(?:a\s+)?double\b"
    # "can I take 2 naproxen instead of 1?"
    r"|\btake\s+(?:\d+|two|three|four|more|extra)\s+(?:of\s+(?:them|those|these|my)\s+)?"
    r"(?:tablets?|pills?|painkillers?|meds|\w+(?:profen|amol|xen|codeine))\s+instead\s+of\b",
    re.IGNORECASE,
)
# How much, how often or how long to take an over-the-counter painkiller: the article says
# such medicine can help, but gives no doses; a pharmacist can.
_PAINKILLER_NAMES = (
    r"ibuprofen|naproxen|paracetamol|acetaminophen|aspirin|nurofen|advil|aleve|tylenol"
    r"|diclofenac|voltarol|voltaren|co-?codamol|co-?dydramol|codeine"
)
_PAINKILLER = re.compile(
    r"\b(?:" + _PAINKILLER_NAMES + r"|anti-?inflammator\w*|painkillers?|pain\s+killers?)\b",
    re.IGNORECASE,
)
_MEDICINE = (
    r"\b(?:" + _PAINKILLER_NAMES + r"|anti-?inflammator\w*|painkillers?|pain\s+killers?"
    r"|pain\s+relief|tablets?|pills?)\b"
)
# Which of two medicines, or both together: "ibuprofen or paracetamol, which is better?",
# "naproxen from my GP, can I also take paracetamol?".
_NAMED_MEDICINE = r"\b(?:" + _PAINKILLER_NAMES + r"|tramadol)\b"
_WHICH_MEDICINE = re.compile(
    r"\b(?:which|what)\b[^.?!]*\b(?:better|best|stronger|safer|work\s+best)\b[^.?!]*"
    + _NAMED_MEDICINE
    + r"|"
    + _NAMED_MEDICINE
    + r"[^.?!]*\b(?:better|stronger|safer)\s+than\b",
    re.IGNORECASE,
)
_HOW_TO_TAKE = (
    r"\b(?:every\s+day|everyday|daily|each\s+day|every\s+\w+\s+hours|how\s+(?:much|many|long|often)"
    # "Can I keep taking my naproxen till then?", "for a long time".
    r"|keep\s+(?:on\s+)?taking|carry\s+on\s+taking|still\s+take|stop\s+taking|(?:till|until)\s+then"
    r"|(?:for\s+)?(?:a\s+)?long\s+time"
    r"|doses?|dosage|mg|for\s+(?:weeks|months|years)|long[- ]term|with\s+alcohol|together|mix\w*"
    r"|at\s+the\s+same\s+time|max(?:imum)?|overdose|on\s+an\s+empty\s+stomach"
    # "Can I have a glass of wine while on my painkillers?"
    r"|alcohol|wine|beer|pints?|booze|drinking"
    # "ibuprofen 400mg three times a day"
    r"|(?:once|twice|\w+\s+times)\s+(?:a|per)\s+day)\b|\b\d+\s*mg\b"
)
# Another medicine taken already: whether they mix is for a pharmacist ("can I take
# ibuprofen if I'm on ramipril?", "with my blood pressure tablets").
_OTHER_MEDICINE = (
    r"\b(?:if|while|when|as|since)\s+(?:i'?m|im|i\s+am|i'?ve\s+been|i\s+take|i\s+already\s+take)"
    r"\s+(?:on|taking|take)\b"
    r"|\b(?:blood\s+pressure|bp|heart|diabetes|thyroid|epilepsy|other|regular|usual)\s+"
    r"(?:tablets?|pills?|meds|medicines?|medication)\b"
    # (Not "April": "training for a marathon in April".)
    r"|\b(?!april\b)\w+(?:pril|olol|sartan|statin|dipine|formin|xetine|azepam|trexate|farin|xaban|olone"
    r"|opram|traline|balin|pentin)\b"
    r"|\b(?:lithium|steroids?|blood\s+thinners?|anticoagulants?)\b"
    r"|\b(?:take|taking|mix|mixing|use|using)\b[^.?!]*\b(?:with|alongside)\s+(?:that|those|them"
    r"|these)\b|\bon\s+top\s+of\b"
)
_MEDICINE_USE = re.compile(
    _MEDICINE
    + r".*(?:"
    + _HOW_TO_TAKE
    + r"|"
    + _OTHER_MEDICINE
    + r")|(?:"
    + _HOW_TO_TAKE
    + r"|"
    + _OTHER_MEDICINE
    + r").*"
    + _MEDICINE
    + r"|\btake\b.*\bmore\s+than\s+(?:the\s+|it\s+)?(?:packet|box|label|leaflet|pack|bottle|says)"
    # "Can I take more ibuprofen than on the box?"
    + r"|\bmore\s+(?:\w+\s+)?than\s+(?:on\s+|what\s+|it\s+says\s+on\s+)?(?:the\s+|it\s+)?"
    + r"(?:packet|box|label|leaflet|pack|bottle|says)",
    re.IGNORECASE,
)


# "I tried the stretching you said and it made it worse", "my back gets really sore the day
# after the stretches": the guide's exercise advice tried and found to hurt. Repeating it
# would be wrong; what hurts should stop, and a specialist can show what suits.
_EXERCISE_DONE = re.compile(
    r"\b(?:i\s+(?:\w+\s+)?(?:tried|did|do|done|doing|started|been\s+doing)|i'?ve\s+been\s+doing"
    r"|you\s+(?:said|told|suggested|recommended|advised)|doing\s+(?:the|them|those|these|my)"
    r"|(?:after|since|from)\s+(?:the|my|doing|those|these|them)\b"
    # "my physio gave me exercises but they hurt"
    r"|(?:gave|given|showed|shown|set)\s+me\b)",
    re.IGNORECASE,
)
_EXERCISE = re.compile(
    r"\b(?:stretch\w*|exercis\w*|yoga|pilates|work\s*outs?|core\s+work|planks?|the\s+moves"
    r"|the\s+routine)\b",
    re.IGNORECASE,
)
_WORSE_AFTER = re.compile(
    r"\b(?:made|makes|making|make)\s+(?:it|me|my\s+\w+|the\s+pain|things|everything)\s+"
    r"(?:\w+\s+)?worse\b|\bworse\s+(?:after|since|from|when)\b|\b(?:more|really|very|so)\s+sore\b"
    r"|\bsore\w*\s+(?:the\s+)?(?:day|morning|night)\s+after\b|\bhurts?\s+more\b|\bsharp\s+pain\b"
    r"|\b(?:it|that|they|this)\s+(?:is|are|was|were|'s)\s+(?:making|made)\s+it\s+worse\b"
    # "... but they hurt. Should I push through the pain or stop?"
    r"|\b(?:they|it|these|those|them|that)\s+(?:really\s+)?(?:hurt|hurts|are\s+painful|is\s+painful)\b"
    r"|\bpush\s+through\s+(?:the\s+)?pain\b",
    re.IGNORECASE,
)


# "Stretching made it WORSE": the exercise said to have done it.
_EXERCISE_MADE_IT_WORSE = re.compile(
    _EXERCISE.pattern + r"\s+(?:has\s+|have\s+|is\s+|are\s+|just\s+|only\s+)?(?:made|making)\s+"
    r"(?:it|me|my\s+\w+|the\s+pain|things)\s+(?:\w+\s+)?worse\b",
    re.IGNORECASE,
)


def exercise_made_it_worse(text: str) -> bool:
    """Whether the patient says exercise or stretching they did has made the pain worse."""
    return bool(
        _EXERCISE_MADE_IT_WORSE.search(text)
        or (_EXERCISE.search(text) and _EXERCISE_DONE.search(text) and _WORSE_AFTER.search(text))
    )


_PILLS_FOR_ANOTHER_CONDITION = re.compile(
    r"\b(?:pills?|tablets?|medicines?|medication|meds|drugs)\s+(?:for|from)\s+(?:the\s+|my\s+|her\s+"
    r"|his\s+|their\s+|high\s+)?(?:blood\s+pressure|bp|heart|diabetes|sugar|thyroid|cholesterol"
    r"|epilepsy|depression|anxiety)\b"
    r"|\b(?:blood\s+pressure|bp|heart|diabetes|thyroid|cholesterol)\s+(?:pills?|tablets?|medicines?"
    r"|medication|meds)\b",
    re.IGNORECASE,
)


def about_taking_a_medicine(text: str) -> bool:
    """Whether the message asks how much, how often or how long to take a painkiller.

    Only a question: "I take my tablets every day and it still hurts" tells of the pain.
    The medicine and the question about its use are in one sentence, or the question
    points back to it ("I'm on naproxen. How long can I take it?"): "I'll see how the
    tablets go first. How long does sciatica take to clear up?" asks about the sciatica.
    """
    if not is_question(text):
        return False
    if _two_medicines(text) or any(_MEDICINE_USE.search(part) for part in _SENTENCES.split(text)):
        return True
    if _PAINKILLER.search(text) and _PILLS_FOR_ANOTHER_CONDITION.search(text):
        # "She can take ibuprofen? she has 84 years and take pills for the blood pressure":
        # with another condition's medicine, which only a pharmacist or doctor can weigh.
        return True
    return bool(_MEDICINE_USE.search(text)) and any(
        _POINTS_BACK.search(part) and re.search(_HOW_TO_TAKE, part, re.IGNORECASE)
        for part in _SENTENCES.split(text)
    )


_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_POINTS_BACK = re.compile(r"\b(?:it|them|they|those|these|that|this|one)\b", re.IGNORECASE)


def _two_medicines(text: str) -> bool:
    names = {
        match.group().lower().replace("-", "")
        for match in re.finditer(_NAMED_MEDICINE, text, re.IGNORECASE)
    }
    return len(names) > 1 or bool(_WHICH_MEDICINE.search(text))


# Pain or burning when passing urine, or blood in it: the kidneys or bladder, not the
# spine (not being able to pass urine at all is a red flag, read elsewhere).
_URINARY = re.compile(
    r"\b(?:burn\w*|sting\w*|hurts?|pain\w*|sore)\s+(?:when|while|as)\s+(?:i\s+|you\s+)?"
    r"(?:pee|wee|urinat\w*|go\s+to\s+the\s+toilet|pass\s+water)\b"
    r"|\b(?:pee|wee|urine|urinating|peeing|weeing)\s+(?:burns|stings|hurts|is\s+painful)\b"
    r"|\bblood\s+in\s+(?:my\s+)?(?:pee|wee|urine)\b|\b(?:uti|urine\s+infection|cystitis)\b",
    re.IGNORECASE,
)


# "Could it be my kidney or my back?": whether pain comes from the kidneys is not the
# back's guide's to say (a kidney disease beside back pain is a health condition, above).
_KIDNEY = re.compile(r"\bkidneys?\b|\brenal\b", re.IGNORECASE)


# "My left calf is swollen and sore since the flight": not the back's, and for a doctor
# today, whatever the guide says of back pain.
_SWOLLEN_LEG = re.compile(
    r"\b(?:calf|calves|leg|legs|ankle|ankles)\b[^.?!]{0,30}?\b(?:swollen|swelling|swelled|puffy"
    r"|hot\s+and\s+red|red\s+and\s+hot)\b"
    r"|\b(?:swollen|swelling|puffy)\s+(?:\w+\s+)?(?:calf|calves|leg|legs|ankle|ankles)\b",
    re.IGNORECASE,
)


# Heartburn, indigestion, pain after meals: the stomach or gut, even when it reaches the
# back (sudden chest pain going to the back is a red flag, read elsewhere).
_DIGESTIVE = re.compile(
    r"\b(?:heartburn|heart\s+burn|indigestion|acid\s+reflux|reflux|gerd|stomach\s+ulcers?"
    r"|(?:stomach|tummy|belly|abdominal)\s+(?:pain|ache|cramps?|problems?|issues?)"
    r"|(?:stomach|tummy|belly)ache)\b"
    r"|\b(?:after|when\s+i\s+eat|after\s+eating)\s+(?:big\s+|large\s+|heavy\s+)?meals?\b",
    re.IGNORECASE,
)


_OWN_BACK_ASKED = re.compile(
    r"\b(?:i'?m|im|i\s+am)\s+asking\s+(?:about|for)\s+(?:myself|me)\b"
    r"|\b(?:as\s+for\s+me|for\s+myself|about\s+myself)\b",
    re.IGNORECASE,
)


def _someone_elses_condition_beside_own_back(text: str) -> bool:
    """Whether the serious condition is someone else's and the writer asks about their own back.

    "My dad had chest pain spreading to his back years ago and it turned out to be a heart
    attack. I'm asking about myself though, I just have mild back stiffness": the dad's
    heart is no condition of the writer's to advise around.
    """
    told = [part for part in re.split(r"(?<=[.!?])\s+", text) if about_a_health_condition(part)]
    return (
        bool(told)
        and all(about_someone_else(part) for part in told)
        and bool(_OWN_BACK_ASKED.search(text))
    )


def about_a_health_condition(text: str) -> bool:
    """Whether the message names a serious health condition beside the back pain."""
    return bool(_HEALTH_CONDITION.search(text))


_ANOTHER_CONDITIONS_MEDICINE = re.compile(
    r"\b(?:metformin|insulin|levothyroxine|methotrexate|lithium"
    r"|(?!april\b)\w+(?:pril|olol|sartan|statin|dipine|formin|xetine|opram|traline|prazole))\b",
    re.IGNORECASE,
)


def about_a_prescription(text: str) -> bool:
    """Whether the message asks about a named prescription medicine or someone else's."""
    return bool(_PRESCRIPTION.search(text))


# Back stretches named after the knee: "knees to chest" is about the back.
_KNEE_STRETCH = re.compile(
    r"\bknees?\s+to\s+(?:the\s+|your\s+|my\s+)?chest\b|\bknee\s+hugs?\b", re.I
)


# The patient has the condition, or asks how it compares with one the article covers.
_HAS_OR_COMPARES = re.compile(
    r"\b(?:diagnosed\s+with|i\s+have|i'?ve\s+got|i\s+suffer\s+from|they\s+said\s+i\s+have"
    r"|(?:has|have)\s+been\s+told)\b"
    # "My dad has aortic stenosis": someone else's condition is as much the subject.
    r"|\b(?:he|she|they|(?:my|our)\s+(?:dad|father|mum|mom|mother|husband|wife|partner|son"
    r"|daughter|brother|sister|friend|nan|gran|grandad|grandma|grandpa))\s+(?:has|'s\s+got|has\s+got)\b"
    # "Is it the same stenosis as the spine one?"
    r"|\bsame\s+(?:\w+\s+)?(?:as|thing)\b|\bdifferen(?:t|ce)\b|\bvs\.?\b|\bversus\b|\bcompared?\b"
    # "What is aortic stenosis? Is it like spinal stenosis?", "can endometriosis cause back
    # pain?": the other condition is what is asked about.
    r"|\bis\s+(?:it|that|this)\s+(?:like|similar\s+to|related\s+to)\b"
    r"|\b(?:can|could|does|do|will|would)\s+(?:\w+\s+){1,3}cause\b"
    # "Does rheumatoid arthritis affect the back?": what the other condition does.
    r"|\b(?:can|could|does|do|will|would)\s+(?:\w+\s+){1,3}(?:affect|spread\s+to|involve|reach"
    r"|attack)\b",
    re.IGNORECASE,
)


SERIOUS_ILLNESSES = frozenset({"tumour"})
"""Conditions a worried patient fears their back pain could be ("could it be cancer?")."""
_FEAR_OR_POSSIBILITY = re.compile(
    r"\b(?:scared|worried|worry\w*|afraid|frightened|fear\w*|terrified|panick\w*|anxious"
    # "I googled my symptoms and now I'm convinced I have spinal cancer".
    r"|convinced|paranoid|overthinking|googled)\b"
    r"|\b(?:could|can|might|may)\s+(?:it|this|that|my\s+\w+(?:\s+\w+)?)\s+be\b"
    r"|\b(?:is|it'?s|its)\s+(?:it|this|that)?\s*(?:a\s+)?(?:sign|symptom)s?\s+of\b"
    r"|\bwhat\s+if\b|\bmean\s+i\s+(?:have|'?ve\s+got)\b|\b(?:is|it'?s|its)\s+(?:it\s+)?(?:a\s+)?"
    r"(?:cancer|tumou?r)\b",
    re.IGNORECASE,
)


_ASKS_IF_IT_IS_ONE = re.compile(
    r"\b(?:could|can|might|may)\s+(?:it|this|that|my\s+\w+(?:\s+\w+)?)\s+be\s+(?:a\s+)?"
    r"(?:cancer|tumou?r|something\s+(?:serious|bad))\b|\b(?:is|it'?s|its)\s+(?:it\s+)?(?:a\s+)?"
    r"(?:cancer|tumou?r)\b",
    re.IGNORECASE,
)


def fears_serious_illness(text: str, conditions: Iterable[str]) -> bool:
    """Whether the patient fears their pain is a serious illness ("could it be cancer?").

    Not a question about an illness they have ("I had cancer, can I exercise?"), which
    is a health condition for their own doctor.
    """
    return bool(SERIOUS_ILLNESSES & set(conditions)) and bool(_FEAR_OR_POSSIBILITY.search(text))


# A scan or test result to be read: only a clinician who knows the patient can. "My scan
# showed a herniated disc, what exercises help?" names what the article covers, and is
# answered from it; "can you read my MRI report?" asks for the reading itself.
# "I'm not asking you to read the scan. Just tell me in general what X is": information.
_NOT_ASKING_TO_READ = re.compile(
    r"\b(?:not|n't|don'?t|dont)\s+(?:asking|want|need|expect)(?:ing)?\s+(?:you\s+)?to\s+"
    r"(?:read|interpret|explain|look\s+at)\b|\bin\s+general\b",
    re.IGNORECASE,
)
_READ_RESULTS = re.compile(
    r"\b(?:read|interpret|explain|look\s+at|go\s+through|check)\s+(?:my|the|his|her)\s+"
    r"(?:\w+\s+)?(?:mri|scan|x-?ray|ct|report|results?|letter)\b",
    re.IGNORECASE,
)
_RESULTS_SAY = re.compile(
    r"\b(?:mri|scan|x-?ray|ct|report|results?|blood\s+tests?)\b.*"
    r"\b(?:mean|means|says?|said|shows?|showed|found)\b",
    re.IGNORECASE,
)

# A report's own words, beyond the condition's name: "broad based disc bulge at L4-L5 with
# mild foraminal narrowing" is a reading to be explained, whatever condition it names.
_REPORT_JARGON = re.compile(
    r"\b(?:[LCT]\d\s*[-/]\s*(?:[LCST]\d|\d)|L\d|S1|foramin\w*|narrowing|desiccat\w*|osteophyt\w*"
    r"|protrusion|extrusion|annular|broad[\s-]based|impinge\w*|abutt\w*|effacement|facet"
    r"|modic|spondylo\w*|hypertroph\w*|thecal|endplate|listhesis)\b",
    re.IGNORECASE,
)
_ASKS_MEANING = re.compile(
    r"\bwhat\s+(?:does|do|did)\s+(?:that|this|it|all\s+(?:that|this)|these|they)\s+"
    r"(?:actually\s+|really\s+|even\s+)?mean\b"
    # "What does 'grade 1 spondylolisthesis' on my CT mean?"
    r"|\bwhat\s+(?:does|do|did)\b[^?]{0,100}\bmean\b"
    r"|\b(?:does|do|did)\s+(?:that|this|it|these|they)\s+(?:actually\s+|really\s+)?mean\b"
    r"|\bmeans?\s+what\b|\bin\s+plain\s+english\b|\bexplain\b|\btranslate\b",
    re.IGNORECASE,
)

# "Scan says 'moderate central canal stenosis at L3-4', should I be worried?": how serious
# the report's finding is, which only a doctor who has seen it can say.
_ASKS_IF_SERIOUS = re.compile(
    r"\bshould\s+i\s+be\s+(?:worried|concerned|scared)\b|\b(?:is|was)\s+(?:that|it|this)\s+"
    r"(?:bad|serious|worrying|dangerous)\b|\bhow\s+(?:bad|serious|worrying)\b",
    re.IGNORECASE,
)

_COMPARES = re.compile(
    r"\bsame\s+(?:\w+\s+)?(?:as|thing)\b|\bdifferen(?:t|ce)\b|\bvs\.?\s|\bversus\b"
    r"|\bcompared?\b|\bconfus\w*\b|\bmix(?:ed)?\s+up\b"
    r"|\b(?:is|are)\s+(?:that|it|this|they)\s+(?:like|similar\s+to|related\s+to|linked\s+to)\b"
    # "Discitis, what is that? Is it degenerative disc disease?": one asked to be the other.
    r"|\b(?:is|was)\s+(?:it|that|this)\s+(?:a\s+|an\s+|just\s+)?(?:kind\s+of\s+|type\s+of\s+"
    r"|form\s+of\s+)?(?:degenerat|herniat|slipped|sciatic|spinal\s+sten|osteo\s*-?arth)\w*",
    re.IGNORECASE,
)


def compares_conditions(text: str) -> bool:
    """Whether the message asks if two conditions are the same or how they differ."""
    return bool(_COMPARES.search(text))


_ASKS_IF_SEEN = re.compile(
    r"\b(?:do|does|can|will|if)\s+(?:you|u|the\s+clinic|your\s+clinic"
    r"|your\s+(?:specialists?|doctors?|team|clinicians?|physios?|consultants?))\s+(?:\w+\s+)?"
    r"(?:do|treat|see|deal\s+with|help\s+with|look\s+at|cover|handle)\s+(?:\w+\s+)?"
    r"(?:knees?|hips?|shoulders?|necks?|elbows?|wrists?|ankles?|jaws?|hands?|fingers?|thumbs?"
    r"|feet|foot|toes?)\b"
    # "hands. my fingers. do you treat that at the clinic?"
    r"|^(?!.*\b(?:back|spine|spinal|sciatica|disc)\b).*?\b(?:hands?|fingers?|thumbs?|toes?)\b[^?]{0,40}"
    r"\b(?:do|does|can|will)\s+(?:you|u|the\s+clinic)\s+"
    r"(?:\w+\s+)?(?:treat|see|deal\s+with|help\s+with|look\s+at|cover|handle)\b"
    # "My knee clicks ... is that something you can help with or is it only backs?"
    r"|\bmy\s+(?:knees?|hips?|shoulders?|necks?|elbows?|wrists?|ankles?|jaw)\b(?!.*\bmy\s+"
    r"(?:lower\s+|upper\s+)?back\b).*\b(?:only|just)\s+(?:backs?|spines?)\b"
    # "Do you only do backs? my knee has been killing me": the same, asked first.
    r"|\b(?:only|just)\s+(?:do|treat|see|deal\s+with|cover)\s+(?:backs?|spines?|back\s+pain)\b"
    r"(?!.*\bmy\s+(?:lower\s+|upper\s+)?back\b).*\bmy\s+(?:knees?|hips?|shoulders?|necks?|elbows?"
    r"|wrists?|ankles?|jaw)\b"
    # "Can my mum talk about her hip at her back appointment?": whether that joint is seen.
    r"|\b(?:talk\s+about|mention|bring\s+up|ask\s+about|show\s+(?:them|you|the\s+\w+))\s+"
    r"(?:my|her|his|their|our|the)\s+(?:knees?|hips?|shoulders?|necks?|elbows?|wrists?|ankles?"
    r"|jaw)\b(?:\s+too|\s+as\s+well)?\s+(?:at|in|during|while)\s+(?:\w+\s+){0,3}?"
    r"(?:appointment|consultation|visit|session)",
    re.IGNORECASE,
)


# "Do you treat migraines ...", "can you help with headaches too?": what is asked about.
_ASKS_IF_TREATED = re.compile(
    r"\b(?:do|can|could|will|would)\s+(?:you|u|you\s+guys|your\s+\w+)\s+(?:also\s+)?"
    r"(?:treat|see|help\s+(?:with|for)|deal\s+with|handle|look\s+at|do\s+anything\s+for)\s+"
    r"(?P<what>[^?.!,]+)",
    re.IGNORECASE,
)
_BACK_WORDS = re.compile(
    r"\s*(?:my\s+|the\s+|a\s+|people\s+with\s+|patients\s+with\s+)?(?:lower\s+|upper\s+)?"
    r"(?:back|backs|spine|spinal|disc|discs|sciatica|lumbar)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+")
_POINTS_BACK = re.compile(
    r"\b(?:take|taking|took|have|having|use|using|mix|mixing|try|stop|keep|up|down)\s+"
    r"(?:it|that|this|them|those|these)\b"
    # "... diazepam. Is ok for back?", "are they safe?": asked of what was just named.
    r"|^\W*(?:is|are)\s+(?:it\s+|they\s+|that\s+|this\s+|these\s+)?(?:ok|okay|safe|good|fine"
    r"|alright|all\s+right)\b",
    re.IGNORECASE,
)


# "Last year ... it turned out to be a kidney infection and got treated": an episode over.
_OVER = re.compile(
    r"\b(?:last\s+(?:year|month|summer|winter|spring|autumn)|years?\s+ago|months\s+ago"
    r"|turned\s+out|(?:was|got|been)\s+(?:treated|sorted|cleared)|cleared\s+up|all\s+better\s+now)\b",
    re.IGNORECASE,
)


def _told_as_over(pattern: re.Pattern[str], text: str) -> bool:
    """Whether each sentence naming `pattern` tells of an episode that is over.

    And the message goes on to something else: "... got treated. Now I just want exercises".
    """
    sentences = _SENTENCES.split(text)
    naming = [sentence for sentence in sentences if pattern.search(sentence)]
    return (
        len(naming) < len(sentences)
        and bool(naming)
        and all(_OVER.search(sentence) for sentence in naming)
    )


_NOT_THE_BACK = re.compile(
    r"\bnot\s+(?:in\s+|about\s+)?(?:my|the|his|her)\s+(?:lower\s+|upper\s+)?(?:back|spine)\b",
    re.IGNORECASE,
)


# "..., not stenosis", "rather than sciatica": words that rule out what follows them.
_RULED_OUT = re.compile(
    r"\b(?:not|n'?t|rather\s+than|instead\s+of)\s+(?:the\s+|an?\s+|my\s+|spinal\s+)?$",
    re.IGNORECASE,
)


def ruled_out_before(text: str, start: int) -> bool:
    """Whether the words just before `start` rule out what is named there ("not stenosis")."""
    return bool(_RULED_OUT.search(text[max(0, start - 30) : start]))


_TURNING_BACK = re.compile(r"^\W*(?:anyway|anyways|anyhow|now)\W+", re.IGNORECASE)


def _asked_part(text: str) -> str:
    """The sentences of a longer message that ask something, or all of it if none does.

    "GP gave me co-codamol, which makes me drowsy, so I stopped. Should I see a
    specialist?": the medicine is part of the story; the question is another.
    """
    sentences = _SENTENCES.split(text)
    # "... she's fine. anyway how do i strengthen my back": a question after the story.
    asked = " ".join(
        sentence for sentence in sentences if is_question(_TURNING_BACK.sub("", sentence))
    )
    if not asked or len(sentences) == 1 or _POINTS_BACK.search(asked):
        # "My GP gave me co-codamol. Can I take it with ibuprofen?": asked about the story.
        return text
    return asked


# "Mine goes down to my knee", "it shoots into my hip": pain spreading from the back, as
# sciatica does, not pain of that joint.
_SPREADS_DOWN_TO = re.compile(
    r"\b(?:goes|going|went|travels?|travelling|radiat\w+|shoots?|shooting|spreads?|spreading"
    r"|runs?|running)\s+(?:all\s+the\s+way\s+)?(?:down\s+)?(?:to|into|through|past)\s+"
    r"(?:my|the|his|her|their)\s+(?:left\s+|right\s+)?(?:knee|hip|ankle|foot|feet|leg|thigh|calf)s?\b",
    re.IGNORECASE,
)


# "My dog has a bad back, can he do these stretches?": a pet as the one with the back,
# not "I hurt my back walking the dog".
_ANIMAL = re.compile(
    r"\b(?:my|our|the|his|her|their)\s+(?:old\s+|little\s+)?(?:dog|dogs|puppy|pup|cat|cats"
    r"|kitten|horse|pony|pet|rabbit|bunny|greyhound|labrador|dachshund|spaniel)(?:'s)?\s+"
    r"(?:has|have|had|is|was|seems|keeps|hurt|injured|can'?t|cannot|won'?t|back|spine|legs?)\b",
    re.IGNORECASE,
)


# "You do plastic surgery also? my sister want nose job", "optic disc swelling": a service
# or a part of the body no joint-pain clinic deals with.
_OTHER_SERVICE = re.compile(
    r"\b(?:plastic|cosmetic|aesthetic)\s+(?:surg\w*|procedures?|treatments?|clinic)|\bnose\s+jobs?\b"
    r"|\brhinoplasty\b|\bbotox\b|\b(?:lip|dermal|face)\s+fillers?\b|\bboob\s+jobs?\b"
    r"|\bbreast\s+(?:implants?|enlargement|augmentation|reduction)\b|\btummy\s+tucks?\b"
    r"|\bliposuction\b|\bface\s*-?\s*lifts?\b|\bhair\s+(?:transplants?|loss)\b|\btattoo\s+removal\b"
    r"|\bteeth\s+whitening\b|\boptic\s+(?:disc|disk|nerve)\b|\b(?:eye\s*sight|cataracts?|glaucoma)\b",
    re.IGNORECASE,
)


def about_another_service(text: str, body_parts: Iterable[str] = ()) -> bool:
    """Whether the message asks about a service no joint-pain clinic gives (a nose job)."""
    return bool(_OTHER_SERVICE.search(text)) and not set(body_parts) & BACK


_JOINT = r"(?:knees?|hips?|shoulders?|neck|elbows?|wrists?|ankles?|jaw)"
_JOINT_HURTS = re.compile(
    r"\b" + _JOINT + r"\b[^.?!]{0,25}\b(?:hurt\w*|ache\w*|aching|pain\w*|sore|swollen|swelling)\b"
    r"|\b(?:pain|ache|aching|sore|swelling)\s+(?:in|on)\s+(?:(?:my|his|her|their|the|both)\s+)?"
    r"(?:(?:left|right|bad|sore)\s+)?" + _JOINT + r"\b"
    # "I have osteoarthritis in my back and in both knees": the joint has the condition.
    r"|\b(?:osteo)?arthritis\b[^.?!]{0,30}?\bin\s+(?:(?:my|his|her|their|the|both)\s+)?"
    r"(?:(?:left|right)\s+)?" + _JOINT + r"\b"
    # "My lower back hurts and also my knee": the hurting said once, of both.
    r"|\b(?:hurt\w*|ache\w*|aching|sore|pain\w*)\s+(?:and|,)\s+(?:also\s+|so\s+does\s+|as\s+does\s+)?"
    r"(?:(?:my|his|her|their|the|both)\s+)?(?:(?:left|right)\s+)?" + _JOINT + r"\b"
    r"(?!\s+(?:is|are|'s|feels?|seems?)\s+(?:fine|ok|okay|good|alright|better|normal))",
    re.IGNORECASE,
)


_BACK_ONLY_CONDITIONS = ("sciatica", "herniated_disc", "degenerative_disc_disease")
_SPINAL_STENOSIS = re.compile(r"\b(?:spinal|lumbar|spine)\s+sten\w*", re.IGNORECASE)
"""Conditions whose name alone says the back (osteoarthritis may be any joint's)."""


def another_joint_too(text: str, body_parts: Iterable[str]) -> str | None:
    """Another joint the message asks about beside the back ("and my knees also hurt").

    Not pain spreading from the back ("it goes down to my knee"), a stretch named by a
    joint ("knee to chest"), nor a joint told of as a cause ("my back pain is because my
    hips are stiff", which the guide speaks of): the joint itself is said to hurt.
    """
    # "I have sciatica and my knee hurts too": a back condition names the back as well.
    # (Stenosis may be the aorta's; "spinal stenosis" is the back's.)
    back_named = (
        bool(set(body_parts) & BACK)
        or any(_OWN_NAME[condition].search(text) for condition in _BACK_ONLY_CONDITIONS)
        or bool(_SPINAL_STENOSIS.search(text))
    )
    if _SPREADS_DOWN_TO.search(text) or not back_named or not _JOINT_HURTS.search(text):
        return None
    joints = set(body_parts) & OTHER_JOINTS
    if (
        "knee" in joints
        and _KNEE_STRETCH.search(text)
        and not re.search(r"\bknees?\b", _KNEE_STRETCH.sub("", text), re.IGNORECASE)
    ):
        joints.discard("knee")
    return min(joints) if joints else None


def about_an_animal(text: str) -> bool:
    """Whether the back asked about is a pet's ("my dog has a bad back")."""
    return bool(_ANIMAL.search(text))


_WRITERS_OWN = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|myself)\b"
    r"|\bmy\s+(?:back|legs?|spine|bladder|bowels?|groin|feet|foot|chest|hips?)\b",
    re.IGNORECASE,
)


def only_about_an_animal(text: str) -> bool:
    """Whether the message is about a pet alone, nothing of the writer's own body.

    "My dog is limping on his back leg" is a vet's question; "my dog knocked me over and
    now I can't feel my legs" is the writer's own.
    """
    return about_an_animal(text) and not _WRITERS_OWN.search(text)


def out_of_scope(text: str, conditions: Iterable[str], body_parts: Iterable[str]) -> Scope | None:
    """Why the message is outside the article, or None when the article may answer it."""
    conditions, body_parts = set(conditions), set(body_parts)
    if about_an_animal(text):
        return Scope.ANIMAL
    if about_another_service(text, body_parts):
        return Scope.OTHER_SERVICE
    if _KNEE_STRETCH.search(text) and not re.search(r"\bknees?\b", _KNEE_STRETCH.sub("", text)):
        body_parts.discard("knee")
    if _NOT_THE_BACK.search(text) and conditions - COVERED_CONDITIONS:
        # "I mean the artery in my neck, not my back": the other condition is the one meant.
        body_parts -= BACK
    if about_pregnancy(text) and _SON_OR_DAUGHTER.search(text):
        # "My daughter is 6 months pregnant with sciatica": a grown daughter, whose
        # pregnancy is what the answer must be about (not a six-month-old).
        return Scope.PREGNANCY
    if about_a_child(text):
        return Scope.CHILD
    if about_pregnancy(text):
        return Scope.PREGNANCY
    if fears_serious_illness(text, conditions) and _ASKS_IF_IT_IS_ONE.search(text):
        # "My dad had cancer ... could it be cancer?": the fear is the question, whatever
        # illness is told of beside it.
        return Scope.FEAR_OF_SERIOUS_ILLNESS
    # "My dad had back pain last year, turned out to be a kidney infection. I have back
    # pain, what exercises help?": a condition told only as an episode that is over is the
    # story, not what is asked about.
    conditions -= {
        condition
        for condition in conditions - COVERED_CONDITIONS
        if _told_as_over(re.compile(r"\b" + re.escape(condition), re.IGNORECASE), text)
    }
    outside = conditions - COVERED_CONDITIONS
    if outside - JOINT_CONDITIONS and conditions & COVERED_CONDITIONS and _COMPARES.search(text):
        # "Is osteoporosis the same as osteoarthritis?": the other condition, then what
        # the guide says of the one it covers, rather than advice for living with another.
        return Scope.OTHER_CONDITION
    if about_a_health_condition(text) and not _someone_elses_condition_beside_own_back(text):
        return Scope.HEALTH_CONDITION
    if about_a_prescription(_asked_part(text)):
        return Scope.PRESCRIPTION
    another_conditions = is_question(text) and _ANOTHER_CONDITIONS_MEDICINE.search(text)
    if about_taking_a_medicine(text) and not (another_conditions and not _PAINKILLER.search(text)):
        # "Can I take ibuprofen with my ramipril?" asks about the guide's painkillers; "can
        # I take metformin with my blood pressure pills?" names none of them.
        return Scope.MEDICINE_USE
    if another_conditions:
        # "Is metformin ok to take if I have back pain?": prescribed for something else,
        # which only the prescriber or a pharmacist can speak to.
        return Scope.PRESCRIPTION
    if exercise_made_it_worse(text):
        return Scope.WORSE_WITH_EXERCISE
    if not _NOT_ASKING_TO_READ.search(text) and (
        _READ_RESULTS.search(text)
        or (_RESULTS_SAY.search(text) and not conditions & COVERED_CONDITIONS)
        or (
            _RESULTS_SAY.search(text)
            and _REPORT_JARGON.search(text)
            and (_ASKS_MEANING.search(text) or _ASKS_IF_SERIOUS.search(text))
        )
    ):
        return Scope.TEST_RESULTS
    if _URINARY.search(text):
        return Scope.URINARY
    if _KIDNEY.search(text) and not _told_as_over(_KIDNEY, text):
        return Scope.KIDNEY
    if _SWOLLEN_LEG.search(text):
        return Scope.SWOLLEN_LEG
    if _DIGESTIVE.search(_asked_part(text)):
        # Not "I had chest pain last year, turned out to be heartburn. Now I just have a
        # stiff back - what stretches would help?": the heartburn is the story.
        return Scope.DIGESTIVE
    if fears_serious_illness(text, conditions):
        return Scope.FEAR_OF_SERIOUS_ILLNESS
    if outside - JOINT_CONDITIONS and _HAS_OR_COMPARES.search(text):
        # "I was diagnosed with rheumatoid arthritis, is it the same as osteoarthritis?":
        # the condition the patient has is the one the answer must be about.
        return Scope.OTHER_CONDITION
    if _ASKS_IF_SEEN.search(text):
        # "Do you actually do shoulders? Your info is all about backs": the joint asked about.
        return Scope.OTHER_JOINT
    treated = _ASKS_IF_TREATED.search(text)
    if outside - JOINT_CONDITIONS and treated and not _BACK_WORDS.match(treated["what"]):
        # "Do you treat migraines as well as back pain?": the other condition is the one
        # asked about.
        return Scope.OTHER_CONDITION
    if (
        outside - JOINT_CONDITIONS
        and not conditions & COVERED_CONDITIONS
        and not treated
        and _asked_part(text) == text
        and is_question(text)
    ):
        # "Does exercise help rheumatoid arthritis in the back?": the back named, but the
        # question is about a condition the guide does not cover, whose answer it is not.
        # (Not "my friend's chest pain was heartburn. Anyway, what stretches help?": the
        # condition is in the story, and the question is another.)
        return Scope.OTHER_CONDITION
    # Osteoarthritis is the one covered condition that is not the spine's by name: "is it
    # the osteoarthritis in my knee?" is about the knee.
    spinal = conditions & COVERED_CONDITIONS - (
        {"osteoarthritis"} if body_parts & OTHER_JOINTS else set()
    )
    about_back = bool(spinal or body_parts & BACK or _SPREADS_DOWN_TO.search(text))
    if about_back:
        return None
    if outside - JOINT_CONDITIONS:
        return Scope.OTHER_CONDITION
    if body_parts & OTHER_JOINTS or outside:
        return Scope.OTHER_JOINT
    return None


_BACK_CARE = re.compile(
    r"\b(?:back|spine|spinal|disc|sciatica|physio\w*|physical\s+therapy|exercis\w*|stretch\w*"
    r"|posture|desk|mattress|chair|brace|massage|acupuncture|chiropract\w*|osteopath\w*|x-?rays?"
    r"|mri|scans?|sessions?|surgery|operation|injections?|gym|lifting|work)\b",
    re.IGNORECASE,
)


def about_back_care(text: str) -> bool:
    """Whether a question the guide does not answer is still about caring for the back.

    "Would a standing desk help?", "how many physio sessions will I need?": a specialist
    can talk it through, unlike the weather or a parking fine.
    """
    return bool(_BACK_CARE.search(text))


_PART = r"(?:neck|knees?|hips?|shoulders?|elbows?|wrists?|ankles?|feet|foot|hands?|jaw)"
_NOT_THE_BACK = re.compile(
    # "That's all about backs tho, I'm asking about my KNEE"
    r"\b(?:i'?m|im|i\s+am|i\s+was|i\s+meant)\s+(?:asking|talking|on)\s+about\s+(?:my|the|his|her)\s+"
    + _PART
    + r"\b"
    r"|\b" + _PART + r"\b[^.?!]{0,15}\bnot\s+(?:my\s+|the\s+|me\s+)?(?:lower\s+|upper\s+)?back\b"
    r"|\bnot\s+(?:my\s+|the\s+)?(?:lower\s+|upper\s+)?back\b[\s,;:-]*(?:it'?s\s+|its\s+|i\s+meant\s+)?"
    r"(?:my\s+|the\s+)" + _PART + r"\b",
    re.IGNORECASE,
)


def not_the_back_after_all(text: str) -> bool:
    """Whether the patient puts right that the pain is another joint's ("my neck, not my back")."""
    return bool(_NOT_THE_BACK.search(text))
