"""Numbness, tingling or weakness in the limbs, which the clinic asks patients to report.

The answer is read clause by clause ("no numbness, but my foot tingles" reports
tingling), and a symptom counts as denied when a negation comes before it in its clause
("no numbness or tingling"). A bare "yes" reports symptoms without naming them; that is
kept as `unspecified` so the referral still counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinic.triage.red_flags import tells_of_a_past_episode
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import about_someone_else, is_question, opens_as_question, speaks_of_self


@dataclass(frozen=True)
class NerveSymptoms:
    """What the patient reported, and where (canonical body parts, in the order given)."""

    numbness: bool
    tingling: bool
    weakness: bool
    locations: tuple[str, ...] = ()
    unspecified: bool = False

    @property
    def present(self) -> bool:
        """Whether any nerve symptom was reported, named or not."""
        return self.numbness or self.tingling or self.weakness or self.unspecified


NONE_REPORTED = NerveSymptoms(numbness=False, tingling=False, weakness=False)

_NUMBNESS = re.compile(
    r"\bnumb(?!ers?\b)\w*|\bno\s+feeling|\b(?:lost|losing|loss\s+of)\s+(?:all\s+)?(?:feeling|sensation)|"
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t)\s+feel|"
    r"\b(?:gone|goes|go|went|going|feels?|feeling)\s+dead\b|\bdead\s+(?:leg|arm|hand|foot)|"
    # "My leg falls asleep", "legs feel like sleep": the lay and non-native words for
    # numbness, said of a limb (not "I fall asleep on the sofa").
    r"\b(?:legs?|foot|feet|arms?|hands?|toes?|fingers?|thighs?|calf|calves)\s+(?:\w+\s+){0,2}?"
    r"(?:(?:falls?|fell|falling|goes|go|went|going|gone)\s+(?:to\s+)?(?:a)?sleep|"
    r"(?:feels?|feeling|felt)\s+(?:like\s+)?(?:it'?s\s+)?(?:a)?sleep(?:ing)?"
    # "The leg is sleeping", "my foot is asleep", "goes a bit dead feeling".
    r"|(?:is|are|was|gets|get)\s+(?:a\s+bit\s+|like\s+|kind\s+of\s+|sort\s+of\s+)?(?:sleeping|asleep)"
    # "right leg sleeping": without the verb, in a terse answer.
    r"|(?<=leg\s)sleeping|(?<=foot\s)(?:sleeping|asleep))\b"
    r"|\b(?:gone|goes|go|went|going|feels?|feeling)\s+(?:a\s+bit\s+|kind\s+of\s+|sort\s+of\s+)?dead\b"
)
# Where short "pins" are felt: "pins in the right foot", "needles down my leg".
_IN_A_LIMB = (
    r"\s+(?:in|on|down|through|into|at)\s+(?:the\s+|my\s+|his\s+|her\s+)?"
    r"(?:left\s+|right\s+|both\s+)?(?:foot|feet|toes?|legs?|hands?|fingers?|arms?|calf|thigh)"
)
_TINGLING = re.compile(
    r"\btingl\w*|\bpins\s+(?:and|&|n)\s+needles|\bprickl\w*|\bbuzz\w*|\belectric\w*|"
    r"\bfizz\w*|\bcrawling"
    # "my leg have feeling like ants walking": the words of someone new to English.
    r"|\bants?\s+(?:walk\w*|crawl\w*|running|marching|moving)"
    # "I am feel pins in the right foot": pins and needles, said short.
    r"|\b(?:pins|needles)(?=" + _IN_A_LIMB + r")"
)
_WEAKNESS = re.compile(
    r"\bweak\w*|\b(?:giv\w*|gave|give)\s+(?:way|out)|\bbuckl\w*|"
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t)\s+(?:grip|hold\s+things|lift\s+my)|"
    r"\bdrop(?:ping)?\s+things|\bfoot\s+drop|\b(?:no|lost|losing|loss\s+of)\s+strength"
)
_LOCATIONS: tuple[tuple[str, str], ...] = (
    ("groin", r"groin|crotch|genitals?|private\s+parts|privates"),
    ("buttock", r"buttocks?|bum|bottom|butt|backside"),
    ("finger", r"fingers?|thumbs?|fingertips?"),
    ("hand", r"hands?|palms?|wrists?"),
    ("arm", r"arms?|forearms?|elbows?"),
    ("shoulder", r"shoulders?"),
    ("toe", r"toes?"),
    ("foot", r"foot|feet|heels?|soles?|ankles?"),
    ("knee", r"knees?"),
    ("leg", r"legs?|thighs?|calf|calves|shins?"),
    ("hip", r"hips?"),
    ("face", r"face|lips?|cheeks?"),
)
_LOCATION_PATTERNS = tuple(
    (name, re.compile(r"\b(?:" + words + r")\b")) for name, words in _LOCATIONS
)
_CLAUSE_BREAK = re.compile(
    r"([.;!?,]|\b(?:but|though|although|however|except|apart\s+from|whereas|yet)\b"
    # "its not rly weak its more pins n needles": what it is instead starts anew.
    r"|\b(?:it'?s|its|it\s+is)\s+(?=(?:more|rather|actually|really)\b))"
)
_LIST_CONTINUATION = re.compile(
    r"\s*(?:(?:or|and|nor|any)\s+)*(?:numb(?!ers?\b)\w*|tingl\w*|weak\w*|pins\s+and\s+needles)\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|nor|without|none|neither|nothing|don'?t|doesn'?t|didn'?t|haven'?t|"
    r"hasn'?t|hadn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|free\s+of)\b"
)


# "Numbness? no. Weakness: none": a symptom asked and answered in the patient's own words.
_ASKED_AND_DENIED = re.compile(
    r"\b(numb(?!ers?\b)\w*|tingl\w*|weak\w*|pins\s+and\s+needles)\s*[?:=-]+\s*"
    r"(?:no|nope|none|nah|not\s+really|never|negative|n)\b",
    re.IGNORECASE,
)


# "... bladder problems and numbness in the saddle area, I don't have any of that": a
# denial of everything named before it.
_DENIES_ALL_BEFORE = re.compile(
    r"\b(?:don'?t|dont|do\s+not|haven'?t\s+got|havent\s+got)\s+have\s+any\s+of\s+"
    r"(?:that|those|them|these|this)\b|\b(?:don'?t|dont|do\s+not)\s+have\s+any\s+of\s+"
    r"(?:that|those|them|these|this)\b|\bnone\s+of\s+(?:that|those|them|these|this)\b"
    r"|\b(?:haven'?t|havent)\s+(?:got\s+|had\s+)?any\s+of\s+(?:that|those|them|these|this)\b"
)


# "My physio said I have a weak core", "my stomach muscles are weak": muscles out of
# training, not the weakness of a limb the clinic asks about.
_WEAK_MUSCLES = re.compile(
    r"\bweak\w*\s+(?:core|stomach|tummy|abs|abdominals?|abdominal\s+muscles|back\s+muscles"
    r"|glutes|posture|pelvic\s+floor)\b"
    # (Quoted as the physio said it: 'my "core" is weak'.)
    r"|\b(?:core|stomach|tummy|abs|abdominals?|glutes|(?:back|stomach|tummy|core)\s+muscles)"
    r"[\"'\u201c\u201d\u2018\u2019]?"
    r"\s+(?:is|are|'s|was|were|feel|feels)\s+(?:a\s+bit\s+|quite\s+|very\s+|so\s+|really\s+)?weak\w*",
    re.IGNORECASE,
)


# "My legs feel weaker than they used to": a change up to now, not an episode long past.
# (The red-flag reader keeps "used to" as gradual, for it is no sudden weakness.)
_COMPARED_WITH_BEFORE = re.compile(r"\bthan\s+(?:they|it|i|he|she|we)\s+used\s+to\b")


# "My right foot is weak. None of the rest": the others denied, not the one just named.
_DENIES_THE_REST = re.compile(
    r"\bnone\s+of\s+the\s+(?:others|rest|other\s+(?:\w+\s+)?(?:things|stuff|ones|symptoms))\b"
    r"|\bnothing\s+else\b"
)


_SADDLE_DENIED = re.compile(
    r"\b(?:no|not|don'?t\s+have|do\s+not\s+have|haven'?t\s+(?:got|had)|without|never)\s+"
    r"(?:any\s+|got\s+any\s+|had\s+any\s+)?numb\w*\s+(?:down\s+there|(?:in|around|near|between)\s+"
    r"(?:my\s+|the\s+)?(?:groin|bottom|bum|saddle(?:\s+area)?|legs|private\s+(?:parts|area)|genitals"
    r"|buttocks?|crotch))",
    re.IGNORECASE,
)


def parse_nerve_symptoms(text: str) -> NerveSymptoms | None:
    """The nerve symptoms the answer reports or denies; None when it does neither.

    "I don't have any numbness down there" denies a warning sign (read by the red-flag
    rules), not numbness in the legs: it is left out here.
    """
    text = _SADDLE_DENIED.sub(" ", text)
    text = _WEAK_MUSCLES.sub(" ", _ASKED_AND_DENIED.sub(r"no \1", text))
    cleaned = re.sub(r"\s*([.;!?,])\s*", r" \1 ", text.lower().replace("\u2019", "'"))
    cleaned = " ".join(re.sub(r"[^\w'.;!?,&\s]", " ", cleaned).split())
    numbness = tingling = weakness = denied = False
    locations: list[str] = []
    # "no numbness, tingling or weakness": the denial carries over a comma into a clause
    # that goes on with the list ("or"/"nor"); "no numbness, my foot tingles" does not.
    carried = False
    parts = _CLAUSE_BREAK.split(cleaned)
    for clause, separator in zip(parts[::2], [*parts[1::2], ""], strict=True):
        if _DENIES_THE_REST.search(clause):
            carried = False
            denied = True
            continue
        if _DENIES_ALL_BEFORE.search(clause):
            numbness = tingling = weakness = carried = False
            locations.clear()
            denied = True
            continue
        listed = (
            carried
            and _LIST_CONTINUATION.match(clause) is not None
            and re.search(r"\b(?:or|nor)\b", clause) is not None
        )
        found = {
            name: [m for m in pattern.finditer(clause) if not _negated(clause, m.start())]
            for name, pattern in (("numb", _NUMBNESS), ("tingle", _TINGLING), ("weak", _WEAKNESS))
        }
        mentioned = any(pattern.search(clause) for pattern in (_NUMBNESS, _TINGLING, _WEAKNESS))
        if any(found.values()) and tells_of_a_past_episode(_COMPARED_WITH_BEFORE.sub(" ", clause)):
            # "About 5 years ago I had tingling in my foot for a day": not a symptom now.
            carried = False
            continue
        if listed or not any(found.values()):
            denied = denied or mentioned
            carried = mentioned and separator == ","
            continue
        carried = False
        numbness = numbness or bool(found["numb"])
        tingling = tingling or bool(found["tingle"])
        weakness = weakness or bool(found["weak"])
        for name in _locations_in(clause):
            if name not in locations:
                locations.append(name)
    if numbness or tingling or weakness:
        return NerveSymptoms(numbness, tingling, weakness, tuple(locations))
    answer = parse_yes_no(text)
    if denied or answer is False:
        return NONE_REPORTED
    if answer is True:
        where = tuple(dict.fromkeys(_locations_in(cleaned)))
        return NerveSymptoms(False, False, False, where, unspecified=True)
    return None


def _negated(clause: str, start: int) -> bool:
    return bool(_NEGATION.search(clause[:start]))


def _locations_in(clause: str) -> list[str]:
    found = []
    for name, pattern in _LOCATION_PATTERNS:
        for match in pattern.finditer(clause):
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def reported_symptoms(text: str, *, own: bool = False) -> NerveSymptoms | None:
    """Numbness, tingling or weakness the patient says they have, outside any question.

    "I get tingling down my leg" reports it; "does sciatica cause numbness?" asks about
    it, and "no numbness" reports nothing to act on. `own`: the message answers the
    check-in about the patient's pain, so "TINGLING. right leg." needs no "my" or "I".
    """
    # "My right leg is weak when I walk. Do I need a specialist?": the statements report,
    # the question asks, typed with a question mark or not.
    text = " ".join(told for s in _SENTENCE_END.split(text) if (told := _told_part(s)))
    if not text or not (own or speaks_of_self(text)):
        return None
    symptoms = parse_nerve_symptoms(text)
    if symptoms is None or not (symptoms.numbness or symptoms.tingling or symptoms.weakness):
        return None
    return symptoms


_NERVE_WORD = re.compile(
    r"\b(?:numb(?!ers?\b)|tingl|weak|pins\s+(?:and|&|n)\s+needles"
    r"|(?:pins|needles)" + _IN_A_LIMB + r")",
    re.IGNORECASE,
)


def names_a_nerve_symptom(text: str) -> bool:
    """Whether the text names numbness, tingling, weakness or pins and needles at all."""
    return bool(_NERVE_WORD.search(text))


_SENTENCE_END = re.compile(r"(?<=[.!?;\n])\s+")


# "I just said pins and needles in the leg??": said again, not asked.
_SAID_BEFORE = re.compile(
    r"^\W*(?:\w+\W+)?i\s+(?:just\s+|already\s+)?(?:said|told\s+you|mentioned)\b", re.IGNORECASE
)


def _tells(sentence: str) -> bool:
    return not is_question(sentence) or bool(_SAID_BEFORE.match(sentence))


_CLAUSE_END = re.compile(r",\s+")
# "If my foot goes numb, should I worry?": the clause before the question only supposes.
_SUPPOSES = re.compile(r"^\W*(?:if|when|what\s+if|suppose|say|in\s+case|whether)\b", re.IGNORECASE)


def _told_part(sentence: str) -> str:
    """What a sentence tells: all of a statement, or the clauses before its question.

    "My back has hurt for months and now my left foot feels a bit numb, im so scared is
    something seriously wrong??" tells the numbness before it asks; "does sciatica cause
    numbness, tingling or weakness?" and "if my foot goes numb, should I worry?" tell
    nothing.
    """
    if _tells(sentence):
        return sentence
    told: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        if opens_as_question(clause) or clause.rstrip().endswith("?") or _SUPPOSES.match(clause):
            break
        told.append(clause)
    said = ", ".join(told)
    # "My husband's leg goes numb, should he mention that?": his, not the writer's.
    return "" if about_someone_else(said) else said


def stated_symptoms(text: str, *, own: bool = False) -> NerveSymptoms | None:
    """Nerve symptoms a statement reports or names as absent; None if it names none.

    "About 4 months, a 5 out of 10, no numbness" answers the symptom question before it is
    asked, as "my foot tingles" does. Questions ("does sciatica cause numbness?") and a
    bare yes or no, which may answer anything, say nothing about the symptoms.
    """
    reported = reported_symptoms(text, own=own)
    if reported is not None:
        return reported
    statements = [
        sentence
        for sentence in _SENTENCE_END.split(text)
        if _SAID_BEFORE.match(sentence)
        or (not sentence.rstrip().endswith("?") and not opens_as_question(sentence))
    ]
    if not any(_NERVE_WORD.search(sentence) for sentence in statements):
        return None
    symptoms = parse_nerve_symptoms(" ".join(statements))
    return symptoms if symptoms == NONE_REPORTED else None


def only_tells_symptoms(text: str) -> bool:
    """Whether the message tells or denies nerve symptoms and asks nothing.

    "TINGLING. right leg. no warning signs", "i just said pins and needles??": an answer
    to the symptom question, though its words sound like the article's topic.
    """
    return stated_symptoms(text, own=True) is not None and all(
        _tells(sentence) for sentence in _SENTENCE_END.split(text)
    )
