"""Follow-up questions that lean on the previous answer ("what can I do about it?")."""

from __future__ import annotations

import re
from enum import Enum

from clinic.faq.catalogue import FaqCatalogue
from clinic.wording import is_question

TREATMENT_OPTIONS = "treatment_options"
HOME_EXERCISE = "home_exercise_stretching"

_EXERCISE_WORDS = re.compile(
    r"\b(ex[ce]*r[cs]i[sz]\w*|excer\w*|stre[tc]+h\w*|workouts?|moves?|movements?|training)\b"
)
_TREATMENT_WORDS = re.compile(
    r"\b(do|treat\w*|help\w*|fix\w*|manag\w*|cure\w*|reliev\w*|relief|ease|better)\b"
)


class FollowupKind(Enum):
    """What a follow-up asks for."""

    EXERCISE = "exercise"
    TREATMENT = "treatment"
    MORE = "more"


def classify_followup(text: str) -> FollowupKind:
    """Tell exercise, treatment and "tell me more" follow-ups apart by their words."""
    lowered = text.lower()
    if _EXERCISE_WORDS.search(lowered):
        return FollowupKind.EXERCISE
    if _TREATMENT_WORDS.search(lowered):
        return FollowupKind.TREATMENT
    return FollowupKind.MORE


def followup_key(kind: FollowupKind, last_key: str | None, catalogue: FaqCatalogue) -> str | None:
    """The FAQ that answers a follow-up after `last_key`, or None to ask for a topic.

    Exercise and treatment follow-ups have a fitting answer with or without context;
    "tell me more" needs a previous answer and follows its `tell_me_more` link.
    """
    last = catalogue.get(last_key)
    if kind is FollowupKind.EXERCISE:
        return HOME_EXERCISE if HOME_EXERCISE in catalogue else None
    if kind is FollowupKind.TREATMENT:
        if last is not None and last.key == TREATMENT_OPTIONS and last.tell_me_more in catalogue:
            return last.tell_me_more
        return TREATMENT_OPTIONS if TREATMENT_OPTIONS in catalogue else None
    if last is not None and last.tell_me_more in catalogue:
        return last.tell_me_more
    return None


NOT_COVERED = "not_covered"
"""A follow-up the article has no answer for: say so honestly and offer the next step."""

OTC_MEDICATION = "otc_medication"
PRESCRIPTION_MEDICATION = "prescription_medication"
WHEN_TO_SEE_SPECIALIST = "when_to_see_specialist"
SYMPTOMS_TO_REPORT = "symptoms_to_report"
SPECIALIST_CONSULTATION = "specialist_consultation"
DAILY_FUNCTION = "daily_function"
EXERCISE_BENEFITS = "exercise_benefits"
CORE_MUSCLES = "core_muscles"

# Short questions that only make sense about the answer just given ("is it serious?").
# "Does that mean it only gets worse?", "will it get worse?", "you didn't say if it's going to
# get worse": the article says getting help early stops minor issues becoming more serious.
GETS_WORSE = re.compile(
    r"\b(?:only|just|keeps?|always)\s+(?:gets?|getting|going)\s+worse\b"
    r"|\b(?:will|does|is|would)\s+(?:it|this|that|mine|my\s+(?:\w+\s+){0,3}?\w+)\s+(?:only\s+)?"
    r"(?:get|go|getting|going)"
    r"\s+worse\b|\bworsen\w*\s+over\s+time\b"
    # "Is it something that gets worse?", "does it progress?", "is it progressive?"
    r"|\b(?:is|does|will|would|can|could)\s+(?:it|this|that|mine|they)\s+(?:\w+\s+){0,3}"
    r"(?:that\s+|which\s+)?(?:gets?|getting|goes)\s+worse\b"
    r"|\b(?:is|does|will)\s+(?:it|this|that|mine)\s+(?:\w+\s+)?progress(?:ive|es)?\b"
    # "You did not say whether it will get worse"
    r"|\b(?:whether|if)\s+(?:it|this|that|mine)(?:'?s|\s+is)?"
    r"\s+(?:will|would|going\s+to|gonna|likely\s+to)\s+(?:get|go|getting)\s+worse\b"
    # "it will be worse when I am old?", "it will be more worse later?": the same, asked in
    # the order of other languages.
    r"|\b(?:it|this|that|mine)\s+(?:will|would|is\s+going\s+to|gonna)\s+(?:be|get|become)\s+"
    r"(?:more\s+|much\s+|even\s+)?worse\b(?=[^.!]*\?)"
    # "Will I end up in a wheelchair?", "could she end up paralysed?": where it may lead.
    r"|\b(?:will|would|could|might|am|is)\s+(?:i|he|she|they|my\s+\w+)\s+(?:\w+\s+)?"
    r"(?:end\s+up|be|become|going\s+to\s+(?:end\s+up|be))\s+(?:in\s+a\s+wheelchair|wheelchair"
    r"|paralys\w*|paralyz\w*|crippled|disabled)\b"
    # "I'm not going to end up in a wheelchair am I"
    r"|\bend\s+up\s+(?:in\s+a\s+wheelchair|paralys\w*|paralyz\w*|crippled|disabled)\b"
)
# "Is the weakness serious??", "is that bad?", "should I be worried?": about the patient's
# own pain when said after the check-in's result.
_IS_IT_SERIOUS = re.compile(
    r"\b(?:is|are)\s+(?:it|this|that|these|those|the\s+\w+|my\s+\w+)\s+(?:\w+\s+)?"
    r"(?:serious|dangerous|bad|worrying|a\s+worry|an\s+emergency|urgent)\b"
    # (Not "is it bad to sleep on my front?": whether something is bad to do.)
    r"(?!\s+(?:to|for\s+(?:me|my\s+back|your\s+back|the\s+back)\s+to)\b)"
    # "is numb toes bad tho", "are pins and needles serious"
    r"|^\W*(?:so\s+|and\s+|but\s+)?(?:is|are)\s+(?:numb|tingl\w*|pins\s+and\s+needles|weak)\w*"
    r"(?:\s+\w+){0,2}\s+(?:serious|dangerous|bad|worrying|a\s+worry|urgent)\b"
    r"|\bshould\s+i\s+(?:be\s+)?(?:worried|worry|panic|be\s+scared)\b"
    # "It is dangerous?": asked in the order of a statement.
    r"|^\W*(?:it|this|that)(?:'?s|\s+is)\s+(?:\w+\s+)?(?:serious|dangerous|bad|an\s+emergency)\s*\?",
    re.IGNORECASE,
)


def asks_if_serious(text: str) -> bool:
    """Whether the message asks if what it is about is serious ("is the weakness serious?")."""
    return bool(_IS_IT_SERIOUS.search(text))


# "What helps osteoarthritis of the spine", "wat helps lower bak pain": nothing else asked.
_ONLY_ASKS_WHAT_HELPS = re.compile(
    r"^\W*(?:(?:so|and|ok|hi|hello)\W+)?wh?at\s+(?:helps|can\s+help|would\s+help|is\s+good\s+for"
    r"|works\s+for|can\s+(?:i|you)\s+do\s+(?:for|about))\b",
    re.IGNORECASE,
)
_LONGEST_WHAT_HELPS = 10


def only_asks_what_helps(text: str) -> bool:
    """Whether a short message asks only what helps, which how back pain is treated answers."""
    return bool(_ONLY_ASKS_WHAT_HELPS.match(text)) and len(text.split()) <= _LONGEST_WHAT_HELPS


# "So that's a yes, keep playing?", "so I can carry on lifting then?": a yes asked for,
# for the patient's own back, which a general answer never gives.
_ASKS_FOR_A_YES = re.compile(
    r"^\W*(?:(?:so|ok|okay|right|and|oh|wait)\W+)*"
    r"(?:(?:that'?s|thats|that\s+is|is\s+that|it'?s|its)\s+a\s+(?:yes|yeah|yep)\b"
    r"|(?<=so\s)(?:that\s+)?means?\s+(?:i|we)\s+(?:can|should|could)\b"
    r"|(?<=so\s)(?:i|we)\s+(?:can|should|could)\s+(?:still\s+|just\s+)?(?:keep|carry\s+on"
    r"|continue|go\s+on)\b"
    # "so is ok to work, yes?"
    r"|(?<=so\s)(?:it'?s|is|its)\s+(?:it\s+)?(?:ok|okay|fine|safe|alright)\b[^.!]*\byes\s*\?)",
    re.IGNORECASE,
)


def asks_for_a_yes(text: str) -> bool:
    """Whether the message asks for a yes to doing something, after a general answer."""
    return bool(_ASKS_FOR_A_YES.search(text))


# "Will I end up in a wheelchair?": a fear of where it leads, which no general answer settles.
_WHERE_IT_LEADS = re.compile(
    r"\b(?:wheel\s*chair|paralys\w*|paralyz\w*|crippled|disabled|can'?t\s+walk\s+again"
    r"|never\s+walk)\b",
    re.IGNORECASE,
)


def fears_where_it_leads(text: str) -> bool:
    """Whether the message asks if the pain will leave them in a wheelchair or paralysed."""
    return asks_if_it_gets_worse(text) and bool(_WHERE_IT_LEADS.search(text))


def asks_if_it_gets_worse(text: str) -> bool:
    """Whether the message asks if the condition or the pain will get worse."""
    return bool(GETS_WORSE.search(text.lower()))


# Each is (pattern, what answers it); the first that matches wins. The article says when
# to see a specialist, what helps daily life and which medicines help; it says nothing
# about how long a condition lasts, how many sessions are needed, cost or surgery, so
# those get the honest "not covered" reply with the next step.

# Whether to work, drive or lift with it, or take time off, is for a clinician who knows
# the job: the article only says exercise makes everyday tasks easier.
_WHETHER_TO_WORK = re.compile(
    r"\b(can|should|could|may) i (still |keep |carry on |go back to |return to )?"
    # (Not "should I lift weights?", which is exercise.)
    r"(go to |going to )?(work|working|drive|driving"
    r"|(lift|lifting)(?! (heavy )?weights| at the gym)|do my job"
    # "Can I still do my voluntary work at the charity shop?"
    r"|do (my |the |a )?(\w+ )?(work|job|shifts?))\b"
    r"|\b(time|days?|weeks?) off\b|\b(off|sick from|signed off) work\b"
    r"|\bsick (note|leave)\b|\bfit (for|to) work\b|\bback to work\b"
    # "About the work, can I go?", "work yes or no?"
    # "so work tomorrow yes or no"
    r"|\babout (the |my )?(work|job)\b"
    r"|\b(?<!after )(?<!before )(work|job)( \w+){0,2}\W*(yes or no|or not)\b"
    r"|\b(go|going) (in )?to work\b"
    # "So that's a yes I can keep lifting boxes?"
    r"|\bi (can|could|should) (still |keep |carry on |continue (to )?)?(work|working|drive|driving"
    r"|lift|lifting)\b"
    r"|\b(keep|carry on|continue) (lifting(?! (heavy )?weights| at the gym)|working|driving)\b"
    # "I can continue work on building site?", "so is ok to work, yes?"
    r"|\b(continue|carry on) (to )?(work|lift)\b"
    r"|\b(is|it'?s|its) (it )?(ok|okay|safe|fine|alright|all right) (for me )?to (work|lift|drive"
    r"|go (back )?to work)\b"
    r"|\b(lift|lifting|carry|carrying) [^.?!]{0,25}\b\d+\s?(kg|kilos?|lbs?|pounds|stone)\b"
    # "is the lifting making it worse?", "could my job be making it worse"
    r"|\b(is|does|could|would|will|can) (the |my |all the )?(lifting|work|job|shifts?|driving)"
    r" (be )?(making|make|made) (it|this|things|my (back|pain)) worse\b"
)

_CONTEXTUAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        # "do they really help?" after the answer on stretches: whether what it says holds,
        # which that answer says (the exercise answers say why they help).
        re.compile(
            r"^\W*(?:(?:and|so|but|ok|okay)\W+)*(?:do|does|will|would)\s+(?:they|it|these|those"
            r"|that)\s+(?:really\s+|actually\s+|even\s+)?(?:help|work)\b[^.?!]{0,20}\??\W*$"
        ),
        "same_answer",
    ),
    (
        # "How many weeks of physio will I need?": a length of treatment, which the guide
        # leaves to the physiotherapist (not when to see a specialist, for its "weeks").
        re.compile(r"\bhow\s+(?:many|much)\s+(?:weeks|months|days|time|sessions)\b"),
        NOT_COVERED,
    ),
    (
        # "Is it safe at my age though, I am a bit frail": a plan made for the patient,
        # with safe exercises, which a specialist makes.
        re.compile(r"\b(?:at\s+my\s+age|too\s+old|(?:a\s+bit\s+|quite\s+|very\s+)?frail)\b"),
        SPECIALIST_CONSULTATION,
    ),
    (
        # "So can it affect the back or not?", "does it cause back pain?" after a
        # condition's answer: the guide's list of conditions linked with back pain.
        re.compile(
            r"\b(?:it|that|this|they|them)\s+(?:\w+\s+)?(?:affect|affects|cause|causes|give|gives"
            r"|lead\s+to|leads\s+to|be\s+in|happen\s+in|get\s+in)\s+(?:the\s+|my\s+|your\s+)?"
            r"(?:back|spine|lower\s+back)\b(?!\s+(?:muscles|exercises|stretch))"
            r"|\b(?:it|that|this|they)\s+(?:\w+\s+)?(?:linked|connected|related)\s+(?:to|with)\s+"
            r"(?:back\s+pain|(?:the\s+|my\s+)?back)\b"
        ),
        "back_pain_causes",
    ),
    (
        # "So what can I do about it at home?", "anything I can do myself?": the guide's
        # answer on exercises and stretches at home.
        re.compile(
            r"\b(?:do|try)\b[^.?!]{0,25}\b(?:at\s+home|myself|by\s+myself|on\s+my\s+own)\b"
            r"|\bself[\s-]?help\b"
        ),
        HOME_EXERCISE,
    ),
    (
        # "What helps?", "how is it treated?", "what can I do about it?": the guide's
        # treatment answer (or, after it, what it goes on to say).
        re.compile(
            # (Only small words between: "how can physio help" names its own topic.)
            r"^\W*(?:(?:and|so|but|then|ok|okay)\W+)*(?:what|how)\s+"
            r"(?:(?:can|could|would|will|might|else|really|actually|usually|normally|generally"
            r"|best|i|we|you|one|do|does|is|are|it|they|be)\s+){0,3}"
            r"(?:helps?|treat|treated|treatment|manage|managed|relieve|relieved|fix|sort"
            r"|do\s+about\s+(?:it|that|this))\b(?:\s+(?:it|that|this|them)(?:\s+out)?)?\W*$"
        ),
        "treatment",
    ),
    (
        # "Does the weather make it worse?", "is it the cold?": the guide says nothing of it.
        re.compile(
            r"\b(?:the\s+weather|cold\s+weather|damp\s+weather|wet\s+weather|the\s+cold|the\s+damp"
            r"|humidity|barometric|rainy\s+days?|when\s+it\s+rains)\b"
        ),
        NOT_COVERED,
    ),
    (
        re.compile(
            r"\b(don'?t|doesn'?t|do not|does not|didn'?t|did not|won'?t|not)\s+(work|help)"
            r"|\bno (use|good|better)\b|\bstill (hurts?|bad|painful)\b"
            # "And if it doesn't get better?": when to see a specialist, which the guide says.
            r"|\b(?:don'?t|doesn'?t|dont|doesnt|do not|does not|won'?t|wont|isn'?t|isnt|not)\s+"
            r"(?:get|getting|go|going|start)\s+(?:any\s+)?(?:better|away)\b"
            r"|\b(?:don'?t|doesn'?t|dont|doesnt|do not|does not|won'?t|wont)\s+"
            r"(?:improve|ease|settle)"
        ),
        "not_working",
    ),
    (
        re.compile(
            r"\b(seri[ou]+s|serius|dangerous|worry|worried|worrying|bad sign|life.?threatening|"
            r"should i be concerned|concerning)\b"
            # "Is that bad?", "and the numb bit, is that bad?"
            r"|\b(?:is|are)\s+(?:that|it|this|they|those)\s+(?:really\s+|very\s+)?bad\b"
        ),
        WHEN_TO_SEE_SPECIALIST,
    ),
    (
        # "Does that mean it only gets worse?": the article says getting help early stops
        # minor issues from becoming more serious.
        GETS_WORSE,
        SPECIALIST_CONSULTATION,
    ),
    (
        # "Who would tell me which ones are safe then?": the specialist, who makes a plan
        # with safe, effective exercises.
        re.compile(r"\bwho\s+(?:would|will|can|could|should)\s+(?:tell|show|help|advise|check)"),
        SPECIALIST_CONSULTATION,
    ),
    (
        # "Should I see someone about the disc or just do exercises?"
        re.compile(
            r"\b(?:should|do|must)\s+i\s+(?:go\s+and\s+|go\s+to\s+)?(?:see|get\s+seen\s+by)\s+"
            r"(?:someone|somebody|anyone|a\s+(?:doctor|specialist|physio\w*|professional))\b"
        ),
        WHEN_TO_SEE_SPECIALIST,
    ),
    (
        # "Can it stop me getting injured again?": the article says activity reduces the
        # risk of future injuries.
        re.compile(
            r"\b(?:injur\w*\s+again|re-?injur\w*|future\s+injur\w*|hurt\s+(?:it|myself)\s+again"
            r"|(?:stop|prevent)\w*\s+(?:me\s+)?(?:from\s+)?(?:getting\s+)?(?:hurt|injur\w*))"
        ),
        DAILY_FUNCTION,
    ),
    (
        # "Is it normal for back pain to get better with exercise?": whether exercise helps,
        # not how long the pain lasts.
        re.compile(
            r"\b(?:get|gets|getting|feel|feels|feeling)\s+better\s+(?:with|from|by|after|when\s+i)\s+"
            r"(?:\w+\s+)?(?:exercis\w*|moving|movement|stretch\w*|walking|activity|being\s+active)\b"
        ),
        EXERCISE_BENEFITS,
    ),
    (
        re.compile(
            r"\b(go away|get better|heal|pass|clear up|last|permanent|forever|for life|"
            r"cure[ds]?|curable|how long|recover\w*|chronic|hereditary|genetic|inherit\w*|"
            r"runs? in (?:the )?famil\w*)\b"
        ),
        NOT_COVERED,
    ),
    (
        re.compile(
            r"\b(sessions?|appointments? will i need|cost|price|pay|nhs|insurance|surgery|"
            r"operation|injections?|scan|mri|x.?ray|diet|weight loss|(?:los(?:e|ing)|lost|drop\w*)"
            r"(?: some)? weight)\b"
        ),
        NOT_COVERED,
    ),
    (
        # How often, how much, which one is best, heat or ice, what causes it: details the
        # article does not give.
        re.compile(
            r"\bhow (often|many times|many (reps|sets)|much|many)\b|\bwhich (ones?|is|are)\b"
            r"|\b(best|strongest) (ones?|kind|type|brand)\b|\bheat or (ice|cold)\b"
            r"|\b(ice|cold) or heat\b|\bwhat (causes|caused)\b|\bdose\b"
        ),
        NOT_COVERED,
    ),
    (_WHETHER_TO_WORK, NOT_COVERED),
    (
        re.compile(
            r"\b(work|job|drive|driving|sleep|sleeping|walk|walking|lift|lifting|stairs|daily|"
            r"everyday|chores)\b"
        ),
        DAILY_FUNCTION,
    ),
    (
        re.compile(
            r"\b(prescri\w*|(?:something|anything) stronger"
            r"|stronger (ones?|stuff|medicines?|painkillers?))\b"
        ),
        PRESCRIPTION_MEDICATION,
    ),
    (
        # "can i just get somthing from boots": what a pharmacy sells over the counter.
        re.compile(
            r"\b(medication|medicines?|meds|pills?|tablets?|painkillers?|drugs?)\b"
            r"|\bfrom\s+(?:boots|superdrug|the\s+chemists?|a\s+chemists?|the\s+pharmacy|a\s+pharmacy)\b"
            r"|\bover\s+the\s+counter\b"
        ),
        OTC_MEDICATION,
    ),
    (re.compile(r"\bcore\b"), CORE_MUSCLES),
    (_EXERCISE_WORDS, HOME_EXERCISE),
)


_ADVICE = re.compile(
    r"\b(?:stre[tc]+h\w*|ex[ce]*r[cs]i[sz]\w*|medicines?|medication|painkillers?|ibuprofen"
    r"|paracetamol|tablets?|pills?|treat\w*|physio\w*|advice|tips?)\b"
    # "what can I take for it?", "is it safe to take"
    r"|\b(?:can|could|should|may)\s+(?:i|she|we)\s+take\b|\bwhat\s+(?:can|could|should)\s+(?:i|she|we)"
    r"\s+take\b|\bsafe\s+to\s+take\b",
    re.IGNORECASE,
)


def asks_for_advice(text: str) -> bool:
    """Whether the message asks about medicines, exercise or treatment (advice, not facts)."""
    return bool(_ADVICE.search(text))


def asks_whether_to_work(text: str) -> bool:
    """Whether the message asks if the patient can work, drive or lift, or take time off."""
    return bool(_WHETHER_TO_WORK.search(text.lower()))


def asks_beyond_the_guide(text: str) -> bool:
    """Whether a short question asks what the article does not cover ("will I need surgery?").

    Read as a follow-up would be, without an answer before it: the first pattern that fits
    decides, so "how often should I stretch?" is beyond the guide but "can I work?" is not.
    """
    if len(text.split()) > LONGEST_FOLLOWUP_WORDS:
        return False
    lowered = text.lower()
    for pattern, target in _CONTEXTUAL:
        if pattern.search(lowered):
            return target == NOT_COVERED
    return False


LONGEST_FOLLOWUP_WORDS = 12
"""A message this short is read whole as a follow-up; a longer one by its questions."""


def asks_only_beyond_the_guide(text: str) -> bool:
    """Whether every question the message asks is beyond the guide ("does it get better?").

    Read question by question, so a story around the question ("can i keep working? im a
    delivery driver ...") does not hide it; a message with no question is read whole.
    """
    return all(asks_beyond_the_guide(part) for part in question_parts(text) or [text])


_SENTENCE_END = re.compile(r"(?<=[?.!])\s+")


_QUESTION_JOIN = re.compile(
    r"[:;]\s*|,?\s+(?:and|also|plus|or)\s+(?=(?:is|are|does|do|will|would|can|could|should|how|what|why"
    r"|when)\b)",
    re.IGNORECASE,
)
_OPENS_AS_QUESTION = re.compile(
    r"^\W*(?:is|are|does|do|will|would|can|could|should|how|what|why|when)\b", re.IGNORECASE
)
# "osteoarthritis what is it", "disc bulge how long does it last": a topic, then its question.
_TOPIC_THEN_QUESTION = re.compile(
    r"^\W*[a-z'-]+(?:\s+[a-z'-]+)?\s+(?:what|how|why|when)\s+(?:is|are|does|do|can|long)\b",
    re.IGNORECASE,
)


# "Can osteoarthritis be cured or reversed?", "will it ever go away for good?"
_ASKS_ABOUT_A_CURE = re.compile(
    r"\b(?:cured?|curable|cures|reversed?|reversible|revers(?:e|ing)\s+it|go\s+away\s+(?:for\s+good"
    r"|forever|completely|permanently)|permanent(?:ly)?\s+(?:fix|fixed|gone)"
    # "Can a herniated disc heal on its own?"
    r"|heal(?:s|ed)?\s+(?:up\s+)?(?:on\s+(?:its|it'?s)\s+own|by\s+itself|naturally))\b",
    re.IGNORECASE,
)


def asks_about_a_cure(text: str) -> bool:
    """Whether the message asks if a condition can be cured or reversed (the guide is silent)."""
    return bool(_ASKS_ABOUT_A_CURE.search(text)) and is_question(text)


def question_parts(text: str) -> list[str]:
    """The message's questions, each on its own.

    Its sentences, split again where a second question is joined to the first ("does the
    weather make it worse, and why ...?").
    """
    parts = [
        part.strip() for sentence in sentences(text) for part in _QUESTION_JOIN.split(sentence)
    ]
    return [
        part
        for part in parts
        if part
        and ("?" in part or _OPENS_AS_QUESTION.match(part) or _TOPIC_THEN_QUESTION.match(part))
    ]


def sentences(text: str) -> list[str]:
    """The message split after each "?", "." or "!": its questions and statements in turn."""
    return _SENTENCE_END.split(text.strip())


_CLAUSE_END = re.compile(r"[,;:]\s+|\s+-+\s+")


def last_clause(sentence: str) -> str:
    """The sentence's last clause, or the whole sentence if it has only one.

    "When I sneeze I get a stab, is that a worry?": a question told after its story is
    asked in "is that a worry?".
    """
    return _CLAUSE_END.split(sentence)[-1]


# "Why do they matter for my back?", "why is that?", "why?": why the answer just given
# holds. The article's next answer on the topic (its "tell me more") says more about it.
_WHY_OF_THE_ANSWER = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|hmm)\W+)*why\b(?:\s+(?:tho|though|so|not))?(?:\W*$|[^.?!]*\b"
    r"(?:they|them|it|that|those|this|these)\b)",
    re.IGNORECASE,
)
_LONGEST_WHY_WORDS = 8
# "Why is it worse in the mornings?": why the pain behaves so, a question of its own.
_WHY_THE_PAIN = re.compile(
    r"\bwhy\s+(?:is|does|do|are|would)\s+(?:it|my\s+(?:\w+\s+)?(?:back|pain|legs?))\s+"
    r"(?:\w+\s+)?(?:worse|better|hurts?|aches?|sore|stiff\w*|bad|painful)\b",
    re.IGNORECASE,
)


# "Which ones?", "ok what stretches?", "what kind?": which, of what an answer spoke of.
_WHICH_ONES = re.compile(
    r"^\W*(?:ok(?:ay)?\W+|and\W+|so\W+)?(?:which|what)\s+(?:ones?|stretches|exercises|kind)\b"
    r"[^.!]{0,30}\?*\W*$",
    re.IGNORECASE,
)


def asks_which_ones(text: str) -> bool:
    """Whether a short question asks which ones, of what the answer before spoke of."""
    return bool(_WHICH_ONES.match(text))


def asks_why_of_the_answer(text: str) -> bool:
    """Whether a short question asks why the answer just given holds ("why do they matter?")."""
    return (
        len(text.split()) <= _LONGEST_WHY_WORDS
        and bool(_WHY_OF_THE_ANSWER.search(text))
        and not _WHY_THE_PAIN.search(text)
    )


def contextual_followup(text: str, last_key: str | None, catalogue: FaqCatalogue) -> str | None:
    """What answers a short question about the previous answer, or None if it is not one.

    Returns an FAQ key or `NOT_COVERED`. Only short messages are read this way, and only
    after an answer: "can I work?" on its own is a new question, not a follow-up.
    """
    parts = sentences(text)
    if len(text.split()) > LONGEST_FOLLOWUP_WORDS and len(parts) > 1:
        # "Does that mean it only gets worse? like is it going to keep degenerating": a
        # short question first, said again in other words. "Thank you. But you did not
        # say whether it will get worse. And ...?": the first part that leans on it.
        return next(
            (
                target
                for part in parts
                if (target := contextual_followup(part, last_key, catalogue)) is not None
            ),
            None,
        )
    if catalogue.get(last_key) is None or len(text.split()) > LONGEST_FOLLOWUP_WORDS:
        return None
    lowered = text.lower()
    if asks_why_of_the_answer(text):
        # Why a condition happens to someone is beyond the guide; why an answer about
        # exercise or treatment holds is what its next answer goes on to say.
        last = catalogue.get(last_key)
        if last is None or last.topic == "condition":
            return NOT_COVERED
        if last_key == WHEN_TO_SEE_SPECIALIST and SPECIALIST_CONSULTATION in catalogue:
            # "Why?" after when to be seen: why a specialist's look helps, not what to mention.
            return SPECIALIST_CONSULTATION
        return last.tell_me_more if last.tell_me_more in catalogue else None
    for pattern, target in _CONTEXTUAL:
        if not pattern.search(lowered):
            continue
        if target == "not_working":
            target = (
                PRESCRIPTION_MEDICATION if last_key == OTC_MEDICATION else WHEN_TO_SEE_SPECIALIST
            )
        elif target == OTC_MEDICATION and last_key == OTC_MEDICATION:
            target = PRESCRIPTION_MEDICATION
        elif target == HOME_EXERCISE and last_key == HOME_EXERCISE:
            target = EXERCISE_BENEFITS
        elif target == "treatment":
            return followup_key(FollowupKind.TREATMENT, last_key, catalogue)
        elif target == "same_answer":
            last = catalogue.get(last_key)
            # Of a condition, "does it really help?" leans on nothing the answer said.
            return last_key if last is not None and last.topic != "condition" else None
        elif (
            target == NOT_COVERED
            and last_key == WHEN_TO_SEE_SPECIALIST
            and _CHRONIC.search(lowered)
        ):
            # "3 months on and off, is that chronic?": the answer's own words are about
            # ongoing, chronic pain; chronic of a condition ("is sciatica chronic?") is not.
            return WHEN_TO_SEE_SPECIALIST
        if target == NOT_COVERED or target in catalogue:
            return target
        return None
    return None


_CHRONIC = re.compile(r"\bchronic\b")
_ELLIPTICAL = re.compile(
    # "Ok so what about osteoarthritis then": the same, after a word or two of lead-in.
    r"^\s*(?:(?:ok|okay|so|right|well|hmm+|oh|ah|alright)\W+){0,3}"
    r"(?:and|what\s+about|how\s+about|what\s+if|but)\b",
    re.IGNORECASE,
)


_LONGEST_ELLIPSIS_WORDS = 3


def is_elliptical(text: str) -> bool:
    """Whether the question only makes sense after the previous answer ("what about exercise?").

    Only a few words may follow "and" or "what about": "and strength training, is that
    ok?" names its own topic and is a question of its own.
    """
    marker = _ELLIPTICAL.match(text)
    rest = _TRAILING_THEN.sub("", text[marker.end() :]) if marker else ""
    return marker is not None and len(rest.split()) <= _LONGEST_ELLIPSIS_WORDS


_TRAILING_THEN = re.compile(r"\s+(?:then|instead|too|as\s+well)\W*$", re.IGNORECASE)


_LONGEST_COMPLAINT_WORDS = 5


def is_bare_complaint(text: str) -> bool:
    """A few words naming a complaint, not a question: "back pain", "sore lower back".

    Such a message reads either as "tell me about back pain" or "I have back pain"; the
    FAQ action lets the classifier's second guess (the patient's own pain) decide.
    """
    return len(text.split()) <= _LONGEST_COMPLAINT_WORDS and not is_question(text)


# "What exactly is happening in my back?", "what does that mean?": asks what the condition
# just named is.
_ASKS_WHAT_IT_IS = re.compile(
    r"\bwhat\s+(?:exactly\s+)?(?:is\s+)?(?:happening|going\s+on)\b"
    r"|\bwhat\s+(?:exactly\s+|actually\s+|actualy\s+|really\s+)?(?:is|'s)\s+(?:it|that|this)\b"
    r"(?!\s+(?:for|like\s+to))"
    r"|\bwhat\s+(?:exactly\s+)?does\s+(?:it|that|this)\s+(?:mean|do)\b|\bexplain\b",
    re.IGNORECASE,
)
# Each question of a message: after a sentence's end, or "... and can tablets help?".
_QUESTION_PARTS = re.compile(
    r"(?<=[?.!])\s+|\s*,?\s+\band\s+(?=(?:can|could|should|will|would|is|are|do|does|what|how"
    r"|when|why|which)\b)",
    re.IGNORECASE,
)
_MOST_ANSWERS = 2


def asks_what_it_is(text: str) -> bool:
    """Whether a question asks what something just named is ("what is this?")."""
    return bool(_ASKS_WHAT_IT_IS.search(text))


def answers_about_a_named_condition(
    text: str, condition: str, catalogue: FaqCatalogue
) -> list[str]:
    """The answers to a message's questions about the one condition it names.

    "My doctor says I have osteoarthritis in my lower back. What exactly is happening in my
    back and can tablets help?": neither question names the condition, so neither is clear
    on its own; read as follow-ups to the condition, they ask what it is and about
    medicines. Questions the guide does not cover add nothing.
    """
    if catalogue.get(condition) is None:
        return []
    keys: list[str] = []
    for part in _QUESTION_PARTS.split(text.strip()):
        if not is_question(part):
            continue
        key = (
            condition
            if _ASKS_WHAT_IT_IS.search(part)
            else contextual_followup(part, condition, catalogue)
        )
        if key is not None and key != NOT_COVERED and key not in keys:
            keys.append(key)
    return keys[:_MOST_ANSWERS]


# What the guide leaves out that patients ask beside what it covers, each with the words
# the reply names it by.
_UNCOVERED_TOPICS = (
    (
        re.compile(
            r"\b(?:los(?:e|ing)|lost|drop\w*|shed\w*)\s+(?:some\s+|a\s+bit\s+of\s+)?weight\b"
            r"|\bweight\s*loss\b|\bdiet(?:s|ing)?\b",
            re.IGNORECASE,
        ),
        "weight and diet",
    ),
    (
        # "How long does sciatica usually take to go away?": the guide gives no course.
        re.compile(
            r"\bhow\s+long\s+(?:does|do|will|would|can|could|should|is)\s+"
            r"(?!(?:a|an|the|my|each|your)\s+(?:consultation|appointment|session|visit|call)s?\b)"
            r"(?:\w+\s+){0,4}?"
            r"(?:take\s+to\s+(?:heal|go\s+away|get\s+better|clear(?:\s+up)?|recover|settle|go)"
            r"|last|go\s+on\s+for|be\s+(?:there|around)\s+for)\b",
            re.IGNORECASE,
        ),
        "how long it lasts",
    ),
    (
        re.compile(
            r"\bheat\s+or\s+(?:ice|cold)\b|\b(?:ice|cold)\s+or\s+heat\b"
            # "Should I use a heating pad?", "is a hot water bottle ok?"
            r"|\bheat(?:ing)?\s+(?:pads?|packs?|patch\w*)\b|\bhot\s+water\s+bottles?\b|\bice\s+packs?\b"
            r"|\b(?:use|using|try|put)\s+(?:some\s+)?(?:heat|ice)\b",
            re.IGNORECASE,
        ),
        "heat or ice",
    ),
    (
        # "Can stress cause back pain?"
        re.compile(
            r"\b(?:can|does|could|is|would|do)\s+(?:\w+\s+){0,3}(?:stress|anxiety)\b"
            r"|\b(?:stress|anxiety)\s+(?:\w+\s+)?(?:cause|causes|causing|make|makes|making|affect"
            r"|affects|trigger|triggers)\b",
            re.IGNORECASE,
        ),
        "stress",
    ),
    (
        # "I smoke, is that bad for my back?", "does smoking affect back pain?"
        re.compile(
            # asked about, not told in passing ("I quit smoking last year. What helps?")
            r"\b(?:smok(?:e|es|ing|er)|cigarettes?|vap(?:e|es|ing)|nicotine)\b[^.!?]*\?"
            r"|\b(?:does|do|is|can|could|will|would)\s+(?:\w+\s+){0,3}(?:smok\w*|vaping|nicotine)\b",
            re.IGNORECASE,
        ),
        "smoking",
    ),
    (
        # "Which specific stretches? Knee to chest? Cat-cow?": the guide names none.
        re.compile(
            r"\b(?:specific|particular|exact)\s+(?:stretch\w*|exercis\w*)\b"
            r"|\bknees?\s+to\s+(?:the\s+)?chest\b|\bcat[\s-]+cow\b|\bchild'?s\s+pose\b"
            r"|\bbird[\s-]+dog\b|\bcobra\b|\bplanks?\b"
            # "what exercises should I do for sciatica, give me a list"
            r"|\b(?:give\s+me\s+)?a\s+list\b|\blist\s+(?:of\s+)?(?:the\s+)?(?:exercises|stretches)\b",
            re.IGNORECASE,
        ),
        "which particular stretches or exercises to do",
    ),
    (
        # "How many physio sessions will I need?"
        re.compile(
            r"\bhow\s+many\s+(?:\w+\s+)?(?:sessions?|appointments?|visits?|treatments?)\b",
            re.IGNORECASE,
        ),
        "how many sessions you would need",
    ),
    (
        re.compile(
            r"\bbed\s*rest\b|\b(?:rest|stay|lie|lying)\s+(?:\w+\s+)?in\s+bed\b", re.IGNORECASE
        ),
        "bed rest",
    ),
    (
        # "Does cracking my back cause arthritis?"
        re.compile(
            r"\b(?:crack\w*|click\w*)\s+(?:my\s+|your\s+|the\s+|his\s+|her\s+)?"
            r"(?:back|knuckles|joints?|neck|spine)\b",
            re.IGNORECASE,
        ),
        "cracking your back or joints",
    ),
    (
        # "Is there a leaflet with the stretches on it?": the guide has none to give.
        re.compile(
            r"\b(?:leaflets?|handouts?|print-?outs?|booklets?|videos?|diagrams?|pictures?"
            r"|illustrations?|worksheets?)\b",
            re.IGNORECASE,
        ),
        "a leaflet or video of the exercises",
    ),
    (
        re.compile(
            r"\bgenetic\w*|\bhereditary\b|\binherit\w*|\bruns?\s+in\s+(?:the\s+)?famil\w*",
            re.IGNORECASE,
        ),
        "whether it runs in families",
    ),
    (
        # "Will an MRI show degenerative disc disease?": the guide names no scan.
        # Asked about, not told of ("after an x-ray, the letter said ...").
        re.compile(
            r"\b(?:need|get|have|want|book|order|refer\s+me\s+for|send\s+me\s+for)\s+"
            r"(?:\w+\s+){0,2}?(?:an?\s+|the\s+)?(?:mri|x-?rays?|ct\s+scans?|scans?)\b"
            r"|\b(?:mri|x-?rays?|ct\s+scans?|scans?)\s+(?:\w+\s+)?(?:show|detect|find|see|pick\s+up"
            r"|tell|needed|necessary|worth\s+it)\b",
            re.IGNORECASE,
        ),
        "scans and X-rays",
    ),
    (
        re.compile(
            r"\bsleep(?:ing)?\s+(?:positions?|postures?)\b|\bposition\s+to\s+sleep\b"
            r"|\bmattress(?:es)?\b|\bpillows?\b"
            # "is it bad to sleep on my front?"
            r"|\bsleep(?:ing)?\s+on\s+(?:my|your|the|his|her)\s+(?:front|side|back|stomach|tummy|belly)\b",
            re.IGNORECASE,
        ),
        "sleeping positions and mattresses",
    ),
    (
        # "... and should I take glucosamine": the guide names no supplement.
        re.compile(
            r"\bglucosamine\b|\bchondroitin\b|\bturmeric\b|\bcurcumin\b|\bfish\s+oils?\b"
            r"|\bcod\s+liver\s+oil\b|\bomega[\s-]?3s?\b|\bcollagen\b|\bvitamin\s+[a-z]\d?\b"
            r"|\bvitamins\b|\bsupplements?\b|\bmagnesium\b",
            re.IGNORECASE,
        ),
        "supplements such as glucosamine or vitamins",
    ),
)


# "Do I need surgery or will exercise fix it?": asked about, not told of ("after my op").
_ASKS_ABOUT_SURGERY = re.compile(
    r"\b(?:need|needs|needing|have|get|getting|want|consider\w*|recommend\w*)\s+"
    r"(?:an?\s+|to\s+have\s+)?(?:back\s+|spinal\s+|spine\s+)?(?:surgery|operation|op|injections?"
    r"|epidural)\b"
    r"|\b(?:surgery|operation|injections?)\s+or\b|\bor\s+(?:surgery|an?\s+operation|injections?)\b"
    r"|\b(?:surgery|operation|injections?)\s*\?"
    # "Can it heal on its own without surgery?", "is there a way to avoid an operation?"
    r"|\b(?:without|avoid\w*)\s+(?:an?\s+|the\s+|having\s+)?(?:surgery|operation|op)\b",
    re.IGNORECASE,
)


def asks_about_surgery(text: str) -> bool:
    """Whether the message asks about an operation or injections, which the guide leaves out."""
    return bool(_ASKS_ABOUT_SURGERY.search(text))


def uncovered_topic(text: str) -> str | None:
    """A topic the guide leaves out that the message asks about ("will losing weight help?")."""
    return next((name for pattern, name in _UNCOVERED_TOPICS if pattern.search(text)), None)


_SHOULD_THEY_COME_IN = re.compile(
    r"\b(?:should|do|shall|must|ought)\s+(?:i|we|he|she|they)\s+(?:\w+\s+)?(?:to\s+)?(?:come\s+in"
    r"|see\s+(?:someone|somebody|a\s+\w+|the\s+\w+|you)|be\s+seen|get\s+(?:it\s+|this\s+)?"
    r"(?:seen|checked|looked\s+at)|book)\b"
    r"|\bis\s+it\s+worth\s+(?:seeing|coming|booking|getting)\b"
    # "Could you tell me if I need to see someone?"
    r"|\b(?:if|whether)\s+(?:i|we|he|she|they)\s+(?:really\s+)?(?:need|have|ought|should)\s+"
    r"(?:to\s+)?(?:see\s+(?:someone|somebody|a\s+\w+|the\s+\w+|you)|be\s+seen|come\s+in"
    r"|get\s+(?:it\s+|this\s+)?(?:seen|checked|looked\s+at))\b"
    # "... now there's tingling in my right leg too. Should I worry?"
    r"|\bshould\s+(?:i|we)\s+(?:be\s+)?(?:worried|worry)\b"
    # "I just want to know when I should actually see someone"
    r"|\bwhen\s+(?:i|we)\s+(?:should|need\s+to|ought\s+to|must|have\s+to)\s+(?:\w+\s+)?"
    r"(?:see\s+(?:someone|somebody|a\s+\w+|the\s+\w+|you)|be\s+seen|come\s+in|book)\b",
    re.IGNORECASE,
)


def asks_if_they_should_be_seen(text: str) -> bool:
    """Whether the message asks if the patient should be seen ("Should I come in?").

    Text speak too: "do i need 2 see sum1 or not??".
    """
    spelt = _TEXT_SPEAK_TO.sub(" to ", _TEXT_SPEAK_SOMEONE.sub("someone", text))
    spelt = _OPENING_WORD.sub("", spelt)  # "yo do i need 2 see a specialist or nah"
    # "back pain and tingling for a month, should i get it checked": asked in the last
    # clause, with no question mark.
    parts = question_parts(spelt) or [last_clause(spelt)]
    return any(_SHOULD_THEY_COME_IN.search(part) for part in parts)


_OPENING_WORD = re.compile(r"^\W*(?:yo|hey|hi|hiya|hello|ok|okay|so|right|um+|erm+)\W+", re.I)
_TEXT_SPEAK_SOMEONE = re.compile(r"\b(?:sum1|some1|sum\s+1|sumone)\b", re.IGNORECASE)
_TEXT_SPEAK_TO = re.compile(
    r"(?<=\bneed)\s+2\s+|(?<=\bhave)\s+2\s+|(?<=\bgot)\s+2\s+", re.IGNORECASE
)
