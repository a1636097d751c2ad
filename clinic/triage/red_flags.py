"""Emergency red flags in what the patient writes, found by rules rather than a model.

A missed red flag is the one mistake this assistant must not make, so detection is
deterministic and testable: spaCy's English tokenizer, tokens normalised to a lemma-like
form (tenses, plurals, lay words and common typos: "peed", "wee" and "urinating" are
all "pee"; "incontinance" is "incontinence"), a `Matcher` and a `PhraseMatcher` for the
phrases, and a few rules on top:

- a negation earlier in the clause denies a mention ("no fever", "I haven't lost
  bladder control", "not numb in the groin");
- worries and hypotheticals ("worried about incontinence when I'm older", "afraid of
  falling") and general questions ("can back pain cause incontinence?") are not reports;
- an episode clearly in the past ("a fever last month", "fell off my bike as a child",
  "years ago") is not a current red flag; "last week" and anything more recent still
  counts;
- numbness counts as "saddle" numbness when the nearest body part it is said of is the
  groin, genitals, buttocks or inner thighs ("numb between my legs", "can't feel my
  bum"), so "numb foot" or "fingers go numb" do not;
- weakness counts for both legs when "both" legs are named, when the legs give way,
  buckle or have gone weak, or when weak legs come with "sudden" or "worse"; one weak
  leg, or legs that merely "feel weak", is a referral symptom instead.

Someone describing another person ("my dad can't pee") still gets the emergency advice:
a carer may be typing for the patient.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from spacy.lang.en import English
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from clinic.edit_distance import edit_distance
from clinic.triage.duration import parse_duration_days
from clinic.triage.severity import stated_severity
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import (
    about_someone_else,
    asks_in_some_sentence,
    asks_indirectly,
    current_story,
    is_question,
    speaks_of_self,
    told_parts,
)


class RedFlag(Enum):
    """A symptom that needs urgent care rather than a clinic appointment."""

    BLADDER_BOWEL = "bladder_bowel"
    SADDLE_NUMBNESS = "saddle_numbness"
    BOTH_LEGS_WEAKNESS = "both_legs_weakness"
    TRAUMA = "trauma"
    FEVER = "fever"
    CARDIAC = "cardiac"
    AORTIC = "aortic"
    SELF_HARM = "self_harm"

    @property
    def description(self) -> str:
        """The red flag in plain words, for clinic staff."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    RedFlag.BLADDER_BOWEL: "loss of bladder or bowel control or difficulty passing urine",
    RedFlag.SADDLE_NUMBNESS: "numbness in the groin, genitals, buttocks or inner thighs",
    RedFlag.BOTH_LEGS_WEAKNESS: "sudden or worsening weakness in both legs, or numbness in both",
    RedFlag.TRAUMA: "back pain after a fall or accident",
    RedFlag.FEVER: "back pain with a fever",
    RedFlag.CARDIAC: "chest pain, or chest pain spreading to the back, arm or jaw",
    RedFlag.AORTIC: "sudden tearing back pain, or back pain with fainting",
    RedFlag.SELF_HARM: "thoughts of suicide or self-harm",
}


def _forms(groups: dict[str, str]) -> dict[str, str]:
    return {form: lemma for lemma, forms in groups.items() for form in forms.split()}


# Lemma-like forms: inflections, lay words and typos seen in patients' messages.
_LEMMAS = _forms(
    {
        "pee": "pee peed peeing pees wee weed weeing wees weewee piss pissed pissing "
        "urinate urinating urinated urination",
        "poo": "poo pooed pooing poos poop pooped pooping poops shit shat shitting "
        "soil soiled soiling",
        "wet": "wet wets wetting wetted",
        "mess": "mess messed messing",
        "bladder": "bladder bladders bladdder bladdar blader bladda bladdr waterworks",
        "bowel": "bowel bowels bowls bowles bowell bowells",
        "incontinence": "incontinence incontinent incontinance incontinant incontinance",
        "lose": "lose lost losing loses loss",
        # Someone else's red flag is still one ("my wife lost control of her bladder"):
        # every possessive reads as "my" in the patterns.
        "my": "my her his their",
        "control": "control controls controlled controlling manage manages managed managing",
        "problem": "problem problems issue issues trouble troubles difficulty difficulties "
        "difficult hard struggle struggles struggled struggling strain straining "
        "dysfunction dysfunctional",
        "change": "change changes changed changing",
        "empty": "empty empties emptied emptying",
        "pass": "pass passes passed passing",
        "leak": "leak leaks leaked leaking dribble dribbles dribbled dribbling",
        "toilet": "toilet toilets loo bathroom lavatory wc",
        "pants": "pants trousers knickers underwear shorts jeans pyjamas",
        "numb": "numb numbness numbed numbing numbish numbly numbe numbnes",
        "jump": "jump jumps jumping jumped",
        "tingle": "tingle tingles tingling tingly tingled",
        "feel": "feel feels feeling feelings felt",
        "sensation": "sensation sensations",
        "weak": "weak weakness weakly",
        "weaker": "weaker weakening weakened weakens",
        "give": "give gives giving gave given",
        "buckle": "buckle buckles buckled buckling",
        "collapse": "collapse collapses collapsed collapsing",
        "hold": "hold holds holding held",
        "worsen": "worsen worsens worsened worsening deteriorate deteriorates "
        "deteriorating deteriorated",
        "sudden": "sudden suddenly",
        "fall": "fall falls fell fallen falling tumble tumbles tumbled",
        "slip": "slip slips slipped slipping",
        "crash": "crash crashes crashed crashing",
        "accident": "accident accidents",
        "knock": "knock knocks knocked knocking",
        "come": "come comes came coming",
        "throw": "throw throws threw thrown throwing",
        "land": "land lands landed landing",
        "car": "car cars van vans bus lorry truck taxi vehicle motorbike motorcycle bike "
        "bicycle scooter moped",
        "fever": "fever fevers feverish fevery feaver fevor fevar",
        "temperature": "temperature temperatures temp temps",
        "shiver": "shiver shivers shivered",
        "shivery": "shivery shivering",
        "run": "run runs running ran",
        "sweat": "sweat sweats sweating",
        "rigor": "rigor rigors rigours",
        "burn": "burn burning burns",
        "genital": "genital genitals genitalia vagina penis testicle testicles scrotum vulva",
        "bum": "bum bums buttock buttocks butt backside arse ass bottom",
        "groin": "groin groins crotch",
        "thigh": "thigh thighs",
        "part": "part parts",
        "region": "region regions",
        "wipe": "wipe wipes wiped wiping",
        "foot": "foot feet",
        "toe": "toe toes",
        "hand": "hand hands",
        "finger": "finger fingers thumb thumbs",
        "arm": "arm arms",
        "knee": "knee knees",
        "hip": "hip hips",
        "shoulder": "shoulder shoulders",
        "be": "be been being",
        "can": "can could ca",
        "have": "have has had having 've",
        "do": "do does did doing",
        "go": "go goes going went gone",
        "get": "get gets got getting gotten",
        "stair": "stair stairs staircase steps",
        "start": "start starts started starting",
        "notice": "notice notices noticed noticing realise realised realize realized sense sensed",
        "faint": "faint fainted fainting faintness",
        "kill": "kill kills killing killed",
        "end": "end ends ending ended",
        "take": "take takes taking took taken",
        "harm": "harm harms harming harmed",
        "hurt": "hurt hurts hurting",
        "cut": "cut cuts cutting",
        "legs": "legs leggs legz",
        "tightness": "tightness tightnes tighness tightnesss",
        "tackle": "tackle tackled tackles tackling",
        "dive": "dive dived dove diving",
        "die": "die dying",
        "want": "want wants wanted wanting",
        "suicide": "suicide suicidal",
        "life": "life lives",
        "move": "move moves moving moved",
        "lift": "lift lifts lifting lifted raise",
        "stool": "stool stools faeces feces",
        "sofa": "sofa couch settee",
        "anaesthesia": "anaesthesia anesthesia anaesthetic anesthetic",
        "strength": "strength power",
        "kms": "kms kys",
    }
)
# Long words patients often misspell, matched one or two letters out ("temprature").
_FUZZY_TARGETS = {
    "incontinence": "incontinence",
    "incontinent": "incontinence",
    "temperature": "temperature",
    "numbness": "numb",
    "tingling": "tingle",
    "genitals": "genital",
    "feverish": "fever",
    "urinating": "pee",
    "retention": "retention",
}
_NOT_TYPOS = frozenset({"dumbness", "tinkling", "retentive"})

_NEGATIONS = frozenset({"no", "not", "never", "without", "none", "nor", "neither", "nothing"})
_BARE_DENIALS = frozenset({"no", "none", "nope", "not", "never", "nah", "negative", "nil"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine", "we", "us", "our"})
_QUESTION_STARTS = frozenset(
    {"can", "do", "is", "are", "will", "would", "should", "what", "how", "why", "when"}
    | {"which", "who", "might", "may", "am", "whats"}
)
_SUBJECTS = frozenset({"i", "it", "my", "now", "then", "he", "she", "they", "there", "also"})
_LIST_WORDS = frozenset({"or", "and", "nor", "any", "a", "my", "the", "in", "of", "problem"})
_INTERJECTIONS = frozenset({"no", "nope", "yes", "yeah"})
_PRONOUNS = frozenset({"i", "my", "it", "we", "me"})
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", ",", "+", "but", "although", "though", "however"})
_CLAUSE_ENDS |= frozenset({"whereas", "because", "cos", "except"})
_SEASONAL = frozenset({"in", "since", "during", "by", "this"})
_VEHICLE_OR_ARTICLE = frozenset({"car", "a", "the", "in", "road", "traffic", "ski"})
_NOT_A_FALL_AFTER = frozenset(
    {"asleep", "ill", "sick", "pregnant", "behind", "apart", "short", "silent", "victim"}
    | {"for", "through", "prevention", "risk"}
)
# "fell back asleep", "fell in love", "fell out with my sister"
_NOT_A_FALL_AFTER_PAIRS = frozenset({("back", "asleep"), ("back", "to"), ("in", "love")})
# Negations that are about something else: "I don't know why", "not sure", "no idea".
_NOT_NEGATING_BEFORE = frozenset(
    {"know", "sure", "understand", "remember", "idea", "why", "matter", "care", "only"}
    | {"just", "certain", "doubt", "joke", "kidding", "longer"}
    # "I don't want an ambulance for a fall": the wanting is denied, not the fall.
    | {"want", "wanna", "need"}
)
# "I don't think I'll hurt myself": the "not" is the writer's, for what follows the "I".
_BELIEF = frozenset({"think", "believe", "reckon", "suppose", "guess", "promise", "say"})
# Tokens that join a saddle area to another body part: "my bum and legs are numb".
_JOINERS = frozenset({"and", "or", ",", "&", "/", "my", "the", "both", "left", "right", "also"})
_NOT_A_FEVER_BEFORE = frozenset({"hay", "cabin"})
_NOT_A_FEVER_AFTER = frozenset(
    {"check", "checked", "taken", "reading", "test", "normal", "fine"}
    # "37.5 hours a week": a number that is not a temperature.
    | {"hours", "hrs", "hour", "weeks", "kg", "kilos", "years", "miles", "km", "%", "percent"}
)
_VERBAL = frozenset({"BB_VERB", "FALL", "SLIP", "CRASH", "ACCIDENT", "INJURY"})
# A gap this many tokens wide or more separates a sensation from a body part.
# What "going on" or "carrying on" is with, when it is not life: "... with physio".
_GOING_ON_WITH = frozenset(
    {"with", "doing", "taking", "to", "at", "the", "my", "these", "this", "that"}
)
_MAX_GAP = 8
_NEGATION_WINDOW = 6

# "It's gone" is over; "it's gone numb" is what it has become.
NOT_GONE = (
    r"(?!\s+(?:numb|dead|weak|wobbly|tingly|funny|weird|odd|strange|stiff|cold|hot|red|bad"
    r"|worse|really|completely|totally|all|floppy|heavy|limp|off|down|up|into|to|through"
    r"|from|in|out|again)\b)"
)
_PAST = re.compile(
    r"(?<!since )\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|"
    r"couple\s+of)\s+(?:years?|months?|decades?)\s+ago\b|(?<!since )(?<!over )(?<!over the )"
    r"(?<!for the )(?<!in the )(?<!during the )\blast\s+(?:year|month|summer|"
    r"winter|spring|autumn)\b|\byears\s+(?:ago|back)\b|\bas\s+a\s+(?:kid|child|teenager|"
    r"teen|baby|student)\b|\bwhen\s+i\s+was\s+(?:young|younger|little|small|at\s+school|"
    r"a\s+(?:kid|child|teenager|teen|baby|student))\b"
    # "used to", but not "my foot won't lift like it used to".
    r"|(?<!like it )(?<!as it )(?<!like they )(?<!as they )(?<!like i )\bused\s+to\b"
    r"|\bin\s+the\s+past\b|\bback\s+(?:when|then)\b|"
    r"\blong\s+(?:time\s+)?ago\b|\ba\s+while\s+(?:ago|back)\b|\bin\s+(?:19|20)\d\d\b|"
    r"\bchildhood\b|\bpreviously\b|\bhistory\s*:|\byears\s+back\b|\bwhen\s+i\s+was\s+\d+\b"
    r"|\bin\s+my\s+(?:teens|twenties|thirties|forties|fifties|sixties|youth|[1-9]0'?s)\b"
    r"|\bages\s+ago\b|\bback\s+then\b|\bat\s+the\s+time\b"
    r"|\bback\s+in\s+(?:jan|feb|march|april|may|june|july|aug|sept|oct|nov|dec)\w*\b"
    # "the fall in August", "I fell in March": a fall or accident months back, and
    # "nothing recent" said of it.
    r"|\b(?:fall|fell|accident|crash|injury|happened)\b[^.;]{0,25}\bin\s+(?:jan|feb|march|april|"
    r"may|june|july|aug|sept|oct|nov|dec)\w*\b|\bnothing\s+recent\b|\bbefore\s+(?:therapy|treatment|"
    r"the\s+(?:op|operation|surgery))\b"
    # "Is it from the old accident?", "forget the accident": one told of as long past.
    r"|\bold\s+(?:car\s+)?(?:accident|fall|injury|crash)\b"
    r"|\b(?:forget|never\s*mind|ignore)\s+(?:about\s+)?the\s+(?:accident|fall|crash)\b"
)
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:worried|worry|worrying|afraid|scared|frightened|concerned|fear|fearful|nervous|"
    r"anxious)\s+(?:about|of)\b|\b(?:risk|risks|chance|chances|danger|likelihood)\s+of\b|"
    r"\b(?:what\s+(?:happens\s+)?if(?:\s+(?:i|you|someone|people|they|he|she|my(?:\s+\w+)?))?|"
    r"in\s+case(?:\s+i\s+(?:get|have|develop|start))?|(?:watch|look)\s+out\s+for|"
    r"warn\w*\s+(?:me\s+)?(?:about|of)|prevent\w*|avoid\w*|nearly|almost|going\s+to|"
    r"(?:will|'ll|might|may)(?:\s+i)?(?:\s+(?:end\s+up|get|become|go|start|develop|be))?|"
    # "what if i do get numbness", "if he ever suddenly gets"
    r"if\s+(?:i|you|he|she|they|it|my\s+\w+)\s+(?:ever\s+|do\s+|did\s+|does\s+|actually\s+"
    r"|really\s+|suddenly\s+)*(?:get|gets|got|start|starts|started|develop|develops|developed"
    r"|have|has|had|notice|noticed|caught|catch)(?:\s+having)?(?:\s+(?:a|any|some|too|to))?|"
    r"if\s+(?:i|you|he|she|they)\s+(?:ever\s+)?|(?:can|could|do|does|will|might|would)\s+"
    r"(?:i|you|someone|people|it|that|this|sciatica|back\s+pain)\s+(?:get|develop|end\s+up|"
    r"become|cause|lead\s+to|give))\s*$"
)
# Someone else's episode that has passed: "my dad had a heart attack but he's doing great".
_RESOLVED = re.compile(
    # "he's fine", "hes fine" (typed without the apostrophe), "theyre ok"
    r"\b(?:(?:he|she|they)(?:'s|'re|s|re|\s+is|\s+are|\s+was|\s+were)?\s+"
    r"(?:much\s+|so\s+|a\s+lot\s+|totally\s+|completely\s+|absolutely\s+|perfectly\s+)?"
    r"(?:fine|ok|okay|alright|great|well|grand|independent|"
    r"all\s+right|better|recovered|walking\s+(?:normally|fine)|back\s+(?:at|to)\s+work|"
    r"doing\s+(?:great|well|fine|ok|okay))|(?:it|that)(?:'s|\s+is|\s+has|\s+was)\s+"
    r"(?:gone" + NOT_GONE + r"|resolved|cleared|sorted|better|fine)"
    r"|all\s+(?:sorted|cleared|resolved|fine)|"
    r"(?:it|that)\s+was\s+(?:just|only)|got\s+better|(?:is|are)\s+back\s+at\s+work|resolved|"
    r"after\s+(?:his|her|their)\s+(?:op|operation|surgery))"
)
# An episode that is over, whoever had it: "went away after the op", "fully recovered".
_OVER = re.compile(
    r"\b(?:went|gone)\s+away\b|\bcleared\s+up\b|\bwore\s+off\b|\bworn\s+off\b"
    r"|\bresolved\b|\b(?:full|fully|complete|completely)\s+recover(?:y|ed)\b|\brecovered\b"
    r"|\bwent\s+completely\b|\bnothing\s+(?:like\s+that\s+)?since\b|\bturned\s+out\s+to\s+be\b"
    r"|\b(?:was|were)\s+(?:normal|fine)\b"
    # "it was just a pulled muscle", but not "it started while I was just sitting".
    r"|\b(?:was|were)\s+(?:just|only)\b(?!\s+(?:sitting|sat|lying|standing|walking|watching"
    r"|reading|resting|relaxing|doing|getting|having|bending|lifting)\b)"
    r"|\b(?:totally|completely|all)\s+fine\s+now\b"
    r"|\bwalk(?:s|ing)?\s+(?:fine|normally)\b|\bsent\s+(?:her|him|them|me)\s+home\b"
    r"|\balways\s+been\s+like\s+(?:that|this)\b|\blong\s+gone\b"
    r"|\bsurvived\b|\bimproved\b|\bback\s+to\s+normal\b|\b(?:fixed|sorted)\s+it\b"
    r"|\b(?:was|got|been|is|all)\s+sorted\b"
    # "got over it", but not "I keep tripping over it".
    r"|\b(?:got|get|getting|gotten|am|i'?m|im|is|was|be|been)\s+over\s+it\b|\blong\s+over\b|\b(?:ok|okay|fine)\s+ever\s+since\b"
    r"|\b(?:totally|completely|perfectly)\s+(?:ok|okay|fine)\b|\b(?:a|the)\s+\w+\s+scare\b"
    r"|\bjust\s+(?:indigestion|heartburn|reflux|flu|a\s+virus|a\s+uti|wind|a\s+pulled\s+muscle)\b"
)
# ...unless it is back, or something else is happening now.
_STILL = re.compile(
    r"\b(?:but|again|still|today|tonight|since\s+(?:this|last|yesterday)|not|never|isnt|hasnt"
    r"|havent|wont)\b|n't\b|(?<!fine )(?<!well )(?<!better )(?<!normal )(?<!okay )(?<!ok )"
    r"(?<!independent )(?<!great )(?<!recovered )\bnow\b"
)
_REFERS_BACK = re.compile(
    r"^\s*(?:it|that|this|which|they|both|all|survived|recovered|fully\s+recovered)\b"
)
# "... but the MRI was normal", "... but it improved": the "but" settles, not revives.
_BUT_RESOLVED = re.compile(
    r"\bbut\s+(?:the\s+\w+\s+(?:was|were|came\s+back)\s+(?:normal|clear|fine)"
    r"|(?:it|that|they)\s+(?:improved|stopped|cleared|went\s+away|wore\s+off|got\s+better)"
    r"|(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+(?:fine|ok|okay|well|great))"
)
# A clause that only imagines a red flag: "suppose my legs give out", "if it ever gets numb".
# Only unmistakable conditionals: "if I get up my legs give way" or "if I start walking
# my groin goes numb" tell of a symptom now, so "get", "start" and the like are not here.
_IMAGINED = re.compile(
    r"^\s*(?:suppose|supposing|imagine|thinking\s+ahead)\b"
    r"|\bif\s+(?:i|it|my\s+\w+|both\s+(?:my\s+)?legs?|they|you)\s+(?:ever|went|were|develop"
    r"|develops|one\s+day|had)\b"
    # "What are the warning signs ... like if I lost control of my bladder?"
    r"|\b(?:like|say|e\.?g\.?|for\s+example|such\s+as)\s+if\s+(?:i|you|he|she|they|someone)\s+"
    r"(?:suddenly\s+)?(?:lost|lose|loses|started|start|starts|stopped|couldn'?t|can'?t)\b"
    r"|\bif\s+(?:someone|somebody|anyone|a\s+person|people)\b"
    r"|\bif\s+(?:i|he|she|they|we|you)\s+(?:ever\s+)?(?:fall|falls|slip|slips|trip|trips"
    r"|have\s+an?\s+(?:fall|accident))\b"
    r"|\bmight\s+(?:my|i)\b|\bparanoid\b|\bfear\s+(?:keeps|of)\b|\bfear\s*$"
)
# Figures of speech that borrow red-flag words.
_IDIOMS = re.compile(
    r"\blegs?\s+(?:are|is|were|went|turned\s+to|like)\s+jelly\b|\bheart\s+attack\s+when\b"
    # "legs were like jelly after a 100k ride": tired from the effort.
    r"|\blegs?\s+(?:are|is|were|was|went|felt|feel)\s+like\s+jelly\s+after\b"
    r"|\bchills?\s+down\s+my\s+spine\b|\bnearly\s+had\s+an\s+accident\b"
    r"|\b(?:nearly|almost)\s+gave\s+me\s+a\s+heart\s+attack\b|\bhit\s+by\s+a\s+(?:truck|bus|train)\b"
    # "the traffic on the way here gave me a heart attack, I was nearly late"
    r"|\b(?:gave|give|giving)\s+me\s+a\s+heart\s+attack\b"
    # "Did leg day yesterday and now my legs are like jelly": tired from the effort.
    r"|\b(?:gym|leg\s+day|workout|squats?|training|session|run|marathon)\b.*\blegs?\s+(?:are|is|feel"
    r"|felt|were|went)\s+(?:like\s+)?jelly\b"
    r"|\blegs?\s+(?:are|is|feel|felt|were|went)\s+(?:like\s+)?jelly\b.*\b(?:gym|leg\s+day|workout"
    r"|squats?|training|session)\b"
    r"|\b(?:has|have)\s+been\s+a\s+(?:car\s+crash|train\s+wreck)\b|\bready\s+to\s+collapse\b"
)
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|his|her|their|him|them|dad|mum|mom|father|mother|friend|neighbour|"
    r"neighbor|partner|wife|husband|son|daughter|sister|brother|colleague|nan|gran|grandad|"
    r"grandma|grandpa|flatmate|child|kid|little\s+one|aunt|uncle|cousin|boss)\b"
)
_ABRUPT = re.compile(
    r"\b(?:sudden|suddenly|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|all\s+at\s+once|"
    r"out\s+of\s+the\s+blue|in\s+(?:a\s+few\s+)?seconds|like\s+a\s+bolt|instantly"
    r"|worst\s+pain\s+(?:of\s+my\s+life|i'?ve\s+ever))\b",
    re.IGNORECASE,
)
_INTENT = re.compile(r"(?:will|'ll|going\s+to)")
_HYPOTHETICAL_ANYWHERE = re.compile(
    r"\b(?:(?:worried|afraid|scared|concerned|frightened)\s+(?:that\s+)?(?:it|this)\s+(?:could|might|may"
    r"|will)|signs?\s+of|symptoms\s+of|(?:leaflet|article|video|read|heard)\s+about|"
    r"when\s+i'?m\s+older|when\s+i\s+am\s+older|in\s+the\s+future|one\s+day|some\s*day|"
    # Something read or heard as a general rule: "I read online that back pain with bladder
    # problems is an emergency".
    r"(?:read|heard|saw)\s+(?:online\s+|somewhere\s+|on\s+\w+\s+)?that|"
    # "My friend told me that losing control of your bladder with back pain is an
    # emergency": a rule someone passed on, not a sign told.
    r"(?:told|tells|telling)\s+me\s+that\b[^.!?]*\b(?:is|are|means?|can\s+be)\s+(?:an?\s+)?"
    r"(?:emergency|emergencies|serious|warning\s+signs?|red\s+flags?|dangerous)\b|"
    # "My neighbour said with this you can lose control of your bladder": what can happen,
    # passed on as a general rule, not a sign told.
    r"(?:said|says|told\s+me|tells\s+me|reckons?|warned\s+me)\s+(?:that\s+)?"
    r"(?:with\s+(?:this|that|it|\w+)\s+)?(?:you|people|some\s+people|one)\s+(?:can|could|might|may)\b|"
    # "My physio mentioned cauda equina and said to watch out for it": a warning given.
    r"(?:watch|look)\s+out\s+for\s+(?:it|that|this|them|those)\b|warned\s+me\s+about|"
    r"later\s+in\s+life|as\s+i\s+get\s+older|in\s+old\s+age|worried\s+about|afraid\s+of|"
    r"if\s+i\s+ever|"
    # "What if I suddenly couldn't pee again, what would I do?": imagined, then asked.
    r"what\s+if\s+(?:i|you|someone|he|she|they|my\s+\w+)\b[^.!?]*\b(?:again|would|should)\b|"
    # "Like if I lost bladder control, would that be an emergency?": imagined, then asked.
    r"\bif\s+(?:i|you|someone|he|she|they)\s+(?:lost|lose|had|got|get|started|start)\b[^.!?]*"
    r"\b(?:would|is|does|will)\s+(?:that|it|this)\s+(?:be|count|mean)\b|"
    # "How do I recognise foot drop?", "what's the difference between a heart attack and
    # an aortic problem?", "hypothetically ...", "in my novel the main character ...".
    r"how\s+(?:do|would|can|will|should)\s+(?:i|you|someone)\s+(?:recogni[sz]e|spot|know|tell)|"
    r"difference\s+between|hypothetically|in\s+theory|theoretically|"
    # "Just curious if back pain and fever are linked": a question about the signs.
    r"(?:curious|wondering)\s+(?:if|whether|about)|\b(?:link|connection)\s+between|"
    r"(?:are|is)\s+(?:\w+\s+){1,6}(?:linked|connected|related)|"
    # "So the fall doesn't matter?": asked about, not told again.
    r"(?:the|that|this)\s+(?:fall|accident|crash|fever|temperature)\s+(?:doesn'?t|doesnt|does\s+not"
    r"|wouldn'?t|won'?t)?\s*(?:matter|count|make\s+a\s+difference)|"
    r"in\s+(?:my|a)\s+(?:novel|book|story|script|film|play)|main\s+character|"
    # "My physio mentioned saddle anaesthesia", "the GP asked me about saddle numbness":
    # a word someone else used, not a symptom told.
    r"(?:mentioned|asked\s+(?:me\s+)?(?:about|if|whether)|keeps?\s+asking\s+(?:me\s+)?(?:about|if"
    r"|whether)|told\s+me\s+to\s+(?:watch|look)\s+(?:out\s+)?for|said\s+to\s+(?:watch|look)\s+"
    r"(?:out\s+)?for)|"
    # "I googled my back pain and it said cauda equina": a name read, not a symptom told.
    r"googl\w*|(?:google|internet|online|website|it)\s+(?:said|says|mentioned)|"
    # "I've been reading online and scared myself silly about cauda equina".
    r"(?:scared|frightened|worried|terrified|panick\w*)\s+(?:myself\s+)?(?:\w+\s+)?about|"
    r"reading\s+(?:online|up|about)|"
    r"scared\s+of|risk\s+of)\b"
)


def _token(spec: str) -> dict[str, object]:
    # Words are matched by their NORM, which the pipeline sets from _LEMMAS ("gone" is
    # "go"): a pattern names the lemma.
    optional = spec.endswith("?")
    words = spec.rstrip("?").split("|")
    token: dict[str, object] = {"NORM": words[0]} if len(words) == 1 else {"NORM": {"IN": words}}
    if words == ["NUM"]:
        token = {"LIKE_NUM": True}
    if words == ["TEMP"]:
        # A body temperature read out in Celsius with its decimal ("38.5", or a normal
        # "36.8"): nothing else a patient writes to a back clinic looks like it.
        token = {"TEXT": {"REGEX": r"^(?:3[5-9]|4[0-2])[.,]\d(?:\u00b0?[cC])?$"}}
    if optional:
        token["OP"] = "?"
    return token


def _pattern(spec: str) -> list[dict[str, object]]:
    """A Matcher pattern from "word|word other? last": alternatives, optional with "?"."""
    return [_token(part) for part in spec.split()]


_PATTERNS: dict[str, tuple[str, ...]] = {
    "BB": (
        "incontinence",
        "retention",
        "urinary retention",
        "bladder|bowel|urinary|toilet or|and|/? bladder|bowel? problem|change|symptom|leak",
        "problem|change with|in my|the? bladder|bowel|urine|toilet",
        "lose|no bladder|bowel or|and|/? bladder|bowel? control",
        "lose of bladder|bowel|urinary|sphincter or|and|/? bladder|bowel? control|function",
        "lose of control of|over my|the? bladder|bowel|pee|poo|urine",
        "cauda equina",
        "bladder|bowel|urinary control be|is|has|have|go go|lost|lose|bad|poor",
        # "a bladder control problem", "trouble with my bowel control"
        "bladder|bowel|urinary control problem|issue|trouble|difficulty",
        "problem|issue|trouble|difficulty with|in my|the? bladder|bowel control",
        "lose|no control of|over my|the|your? bladder|bowel|pee|poo|toilet",
        "leak urine|pee",
        # "leaking a bit of wee", "dribbling urine without noticing"
        "leak a? little? bit of urine|pee",
        # "I keep leaking and I cannot feel it": in a back clinic, the bladder.
        "keep|keeps leak",
    ),
    "BB_VERB": (
        "wet|pee|poo|mess 'd|d? myself|self|pants|bed|herself|himself|themselves",
        "wet|pee|poo|mess my|the self|pants|bed",
        "have a|an? accident in|on my|the? pants|bed",
        "can not i? pee|poo",
        "can not i? go to|on? the? toilet",
        "can not i? pass urine|water|pee|poo",
        "can not i? empty my|the? bladder|bowel",
        "can not i? control my|the? bladder|bowel|pee|poo",
        "can not really|properly|fully control my|the? bladder|bowel|pee|poo",
        "can not i? control my|the|his|her? water|urine",
        "have|had an? accident with my|his|her? bowel|bladder",
        "bowel|bladder just? go|give|gave",
        "can not really|properly|fully? control when|how|if i? pee|poo|go",
        "pee|poo|urine just|keep|keeps? leak",
        "can not i? hold my|the? bladder|pee|poo|urine",
        "can not i? feel when|if i need|want to pee|poo|go",
        # "I can't really feel when I need to pee"
        "can not really|quite|properly|even feel|tell when|if i need|want|have to? pee|poo|go",
        "can not i? feel|tell|notice myself|when|if|that? i? be|am|'m? pee|poo|wet",
        "can not i? feel|tell|notice when|if i need|want|have to? pee|poo|go",
        "not notice|know|tell|feel i? be|am|'m|have|'ve|had? pee|poo|wet",
        "not notice|know|tell|feel that|when|until i? be|am|'m|have|'ve|had? pee|poo|wet",
        "pee|poo myself|self without notice|feel|know",
        "not have|had|be a? pee|poo in|for|since|all",
        # "I've not peed all day" (not the bowels: a few days without is often the
        # painkillers)
        "not pee all day|night|morning|afternoon|evening",
        "not pee since|for",
        # "I need to wee but I can't get it started, only dribbles come out"
        "can not get it|the|my? pee|urine|stream|flow start",
        # ("dribble" is read as "leak")
        "leak come out",
        "nothing come|comes out",
        "but nothing happen|happens|come|comes",
        "can not tell|feel|sense if|when|whether my|the? bladder|bowel",
        "not know|tell|feel|sense when|if i need|want the|to? toilet|go|pee|poo",
        "unable to pee|poo",
        "unable to pass|empty|control|hold my|the? urine|water|bladder|bowel|pee|poo",
        "unable to go to the? toilet",
        "not be? able to pee|poo",
        "not be? able to pass|empty|control|hold my|the? urine|water|bladder|bowel|pee|poo",
        "not be? able to go to the? toilet",
        "problem to|with|when|in? start? to? pee|poo",
        "pee|poo be|is|feel|get problem",
        "problem to|with|when|in? pass urine|water",
        "problem to|with|when|in? empty my|the? bladder|bowel",
        "problem to|with|when|in? control my|the|over? bladder|bowel|pee|poo|urine|toilet",
        "problem to|with|when|in? hold my|the|in? bladder|pee|poo|urine",
        "bladder|bowel will|do|can|be|is|are? not empty|work|working",
        "pee|urine will|do|can? not come|start|flow",
        "can not i? feel the|my? pee|poo|urine|stool come|coming|pass|passing|out",
        # "I went for a wee and I couldn't feel it coming out at all"
        "can not i? feel it come out",
        "pee|poo|urine|stool just|keep|keeps? come|comes|coming out",
        "pee|poo|urine|stool come|comes|coming out without me|my know|knowing|notice|noticing"
        "|feel|feeling",
        "can not i? hold my|the? water|bowel|stool|pee|poo",
        "can not i? hold it in",
        "can not i? hold it|them at? all",
        "not be|have|been|gone for a pee|poo",
        "not pass|passed any? urine|water|pee",
        "lose|losing stool|poo|urine|faeces",
        "leak|leaking|leaks from my|the? back passage|bum|bottom",
        "wet the|my sofa|pants",
        "no sensation|feeling|feel when|while i? pee|poo|go",
        "sensation|feeling|feel when i go number? one|two|1|2? be|is|has? completely|totally? go",
        "bowel|bladder have|be|'ve|has|is|are go",
        "nothing happen|happens|came|comes when i try",
        "have to push really|very|so? hard to get anything out",
        "wear|wearing a? pad|pads|nappy|nappies because",
    ),
    "SENS": (
        "numb",
        "asleep",
        "anaesthesia|anesthesia",
        "tingle",
        "pins and|&|n needles",
        "no|lose|without|reduced|less|altered|strange|funny|weird|odd feel|sensation",
        "lose of|all|the|any? feel|sensation",
        "can not really? feel",
        "do|does|did|i not really? feel",
        "feel|go|be|is|are|was|were|r dead",
        "feel nothing",
        "anaesthesia",
        "ant|ants crawl|crawling|walk|walking",
        "can not feel it|them properly|at all",
    ),
    "LEGS_BOTH": (
        "both of? my|the|his|her? legs|leg|foot|thigh|knee",
        "legs both",
        # "my legs are both going numb and weak right now"
        "legs|feet are|r both",
        "either leg|legs",
        "bilateral leg|legs",
        "on? both side|sides",
        # "legs have become very feeble, both of them"
        "both of them",
        "neither leg|legs",
        "neither of my|the legs",
        "both knees",
        "both of my|the knees",
    ),
    "LEGS": ("legs", "foot", "both foot", "toe"),
    "LEG_ONE": ("leg",),
    "WEAK": (
        "weak",
        "be|is|are|feel|go|get|so|very|really week",
        "weaker",
        "give way|out|in",
        "buckle",
        "collapse",
        "jelly",
        "wobbly",
        "noodle|noodles",
        "feeble",
        # "my knees just fold"
        "fold|folds|folding|folded",
        "go from under",
        "will|do|can not hold me|my",
        "no|lose strength|power|use",
        "can not really|properly|even? move|lift|feel|raise",
    ),
    "WEAK_STRONG": (
        "can not really|properly|even? move|lift|feel|raise",
        "foot drop",
        "drop foot",
        "floppy",
        "drag|drags|dragging|dragged",
        "slap|slaps|slapping",
        "flop|flops|flopping",
        "droop|droops|drooping",
        "hang|hangs down",
        "will|do|does not lift|move",
        "lose the|all? strength|power|use in? my|the|both? legs|leg",
        "unable to move|lift|raise",
        "weaker",
        "give way|out|in",
        "buckle",
        "collapse",
        "jelly",
        "go from under",
        "will|do|can not hold me|my",
        "lose strength|power|use",
        "go|get|turn weak|week",
        # "my legs have gone really weak"
        "go|get|turn really|very|so|completely|totally|all weak|week",
        "no strength|power",
        "legs|leg do|will not work",
        "neither leg|legs want|wants|will|do|does to? work",
        "legs|leg wo|will not do what",
        "can not push off",
        "can not stand|walk on my|the? tiptoe|tiptoes|toes|heel|heels",
        # A foot that will not come up: "my foot no go up", "won't respond", "drops down".
        "no|not go|goes|come|comes up",
        "will|wo|do|does not respond",
        "will|wo|do|does not bend up",
        "drop|drops|dropping down",
        "catch|catches|catching on the carpet|floor|stair|kerb|pavement",
        "legs|leg just go",
        "legs|leg not work|working",
        # "my leg is suddenly not working", "my legs just stopped working"
        "legs|leg is|are|be|'s|has|have? sudden|just|really|completely? not work|working",
        "legs|leg sudden|just|completely|have|has? sudden|just? stop|stopped|stops work|working",
        "legs|leg just? will|wo|do not work|hold",
        "neither leg|legs will|can hold",
        "can not stand on either leg|legs",
        "stop|stopped holding me up?",
        "will|wo|do|does|can not flex",
        "can not pull|lift|get my|the? toes|toe|foot|feet",
        "paralysed|paralyzed",
    ),
    "WORSENING": (
        "worse",
        "worsen",
        "weaker",
        "sudden",
        "all of a sudden",
        "overnight",
        "out of nowhere",
        "more and more",
        "progressively|rapidly|quickly",
        "by the hour",
        "can not walk|stand",
    ),
    "FALL": ("fall",),
    "SLIP": ("slip on|down|off|over|and|in",),
    "CRASH": ("crash",),
    "ACCIDENT": ("accident",),
    "INJURY": (
        "hit by a|the? car",
        "be|was|were|is|get knock off|down|over",
        "knock off|down|over by",
        "land on the? edge",
        "come off my|the|a|his|her? car|horse",
        "throw off|from",
        "land on my|the? back|bum|coccyx|tailbone|spine|neck",
        "rear end|ended",
        "rear - end|ended",
        "collision",
        "tackle",
        "dive into",
        "whiplash",
        "rta",
        "kneed|kicked|elbowed|punched in the|my? lower|upper? back|spine",
    ),
    "CARDIAC_CHEST": (
        "chest pain|ache|tightness|pressure|heaviness|discomfort|crushing",
        "pain|tightness|pressure|ache|heaviness|crushing in|across|on my|the? chest",
        "crushing|tight|heavy chest",
        "my chest be|is|feel|feels tight|heavy|crushed|crushing|squeezing|squeezed",
        # "my chest has gone really tight", "my chest feels so heavy"
        "my|the? chest have|has|'s|is go|gone|get|got|gotten|become|became|getting|going "
        "really|very|so|all|quite? tight|tighter|heavy|heavier",
        "my|the? chest be|is|feel|feels|felt really|very|so|quite tight|heavy",
        "clutch|clutching|grab|grabbing|grabbed|clutched my|his|her chest",
        "chest feel|feels like someone|something be? sit|sitting|sat on",
        "sensation across|in my|the chest",
        # "a tight crushing feeling in my chest" ("feeling" reads as "feel")
        "tight|crushing|heavy|squeezing|pressing|crushed|squeezed feel|feeling|sensation "
        "across|in|on my|the? chest",
        "chest hurt|hurts",
        "chest be|is|'s|keep|keeps hurt|killing",
        "pain|ache|pressure|tightness behind|in|under my|the? breastbone|sternum",
        "heart attack",
        "chest tightness",
        "squeezing|squeeze|band|elephant in|on|around|across my|the? chest",
        "elephant sit|sitting|sat|standing on",
        "from my|the? chest into|to|through",
        "chest and|into|to|through|thru to? my|the? upper|mid|middle? back",
        "chest and? go into|through|to|round|around to? my|the? back",
        "chest tight|heavy",
        "tight band",
    ),
    "TEARING": (
        "tearing|ripping|rip|tear back|chest|upper|lower? pain|sensation|feeling|feel|ache",
        "like something|somethings|sth? be|is|was? tear|tearing|rip|ripping|torn|ripped",
        "something|somethings burst|exploded in my|the? back|chest|belly|tummy",
        "as if something|somethings|sth? be|is|was? tear|tearing|rip|ripping|torn|ripped",
        "feel|feels|felt like tearing|ripping|torn|ripped",
        "tearing|ripping feel|feeling|sensation",
        "felt|feel something tear|rip|burst in my|the? back|belly|tummy|chest",
    ),
    "FAINT": (
        "faint",
        "nearly|almost|going to pass out",
        "nearly|almost|going to faint|collapse",
        "pass|passed out",
        "black|blacked out",
        "nearly|almost faint|collapse",
        "nearly|almost fainting|passing|blacking",
        "blacking|black out",
        "feel like i be|am|will go to? faint|black|pass",
        "vision go|went|going grey|black",
        "collapse",
    ),
    # Lighter than a faint: the aortic red flag only with tearing or sudden pain.
    # Signs of a failing circulation, and a known aneurysm: the aortic red flag only with
    # tearing or sudden pain ("sudden agonising back pain, dizzy", not "dizzy after a spin class").
    "AORTIC_IF_SUDDEN": (
        "light headed",
        "lightheaded",
        "light - headed",
        "woozy",
        "dizzy",
        "clammy",
        "pale",
        "go|gone|went|going|turn|turned grey|gray",
        "aneurysm",
    ),
    "SELF_HARM": (
        "kill|end|hurt|harm|cut myself",
        "end|take my own? life",
        "end it all",
        "end it|things",
        "wish i be|was|were dead",
        "not worth live|living",
        "point in live|living",
        "of|about not be here|alive|around",
        "nobody|no one would miss me",
        "goodbye letter|letters|note|notes",
        "write|wrote|written|writing letter|letters to my? kids|children|family|husband|wife",
        "drive|driving|drove|crash|crashing into a|the? wall|tree|bridge|lorry|truck|train",
        "step|stepping|jump|jumping in front of a|the? train|bus|lorry|truck|car",
        "disappear forever",
        "jump off a|the? bridge|building|cliff|roof",
        "all my pills|painkillers|tablets at once",
        "suicide",
        "self harm",
        "self - harm",
        "want|wanna|wish to? die",
        "want|wanna|wish to? be dead",
        "want to not be here|alive",
        "better off dead",
        "better off without me",
        "better off if i be|was|were not here|around|alive",
        # "Sometimes I think it would be easier if I wasn't here", "... if I was gone".
        "be easier|better if i be|was|were not here|around|alive",
        "be easier|better if i be|was|were gone|dead",
        "be easier|better if i wasnt here|around|alive",
        "everyone|everybody|family would|'d be better off",
        "do|does|did not want to live",
        "do|does|did not want to be alive|here",
        "do|does|did not want to wake up",
        "can not go on",
        "no point in? live|living",
        "no point go on",
        "no point in|of go|carry on",
        "do|does|did not see the? point of|in go|carry on",
        "do|does|did not see the? point of|in live|living|anything|life",
        "do|does|did not see the? point of|in be here|alive|around",
        "can not keep go",
        "can not carry on",
        "no reason to live",
        "overdose",
        "kill|end|hurt|harm|cut|burn myself",
        "not|never wake up",
        "will|'ll not be here|around much? longer",
        "plan|planning|planned how i would|'d|to do it",
        "take|swallow them all tonight|today",
        "take|swallow all my|the? pills|tablets|painkillers tonight|today",
        "think|thinking|thought about|of take|taking|swallow|swallowing"
        " all my|the pills|tablets|painkillers",
        "no point anymore",
        "save|saving|saved|stockpile|stockpiling|hoard|hoarding up? my|the|his|her? pain|sleeping?"
        " tablets|pills|painkillers|meds|tramadol|codeine|morphine|oxy|oxycodone|gabapentin"
        "|pregabalin|paracetamol|diazepam",
        "get|have 's? the|his|her|my? tablets|pills ready",
        "hurt|harm|cut|kill herself|himself|themselves",
        "easier|better for everyone|everybody if i|he|she just?"
        " disappear|disappeared|die|died|gone|dead",
        "easier|better for everyone|everybody if i|he|she just?"
        " be|was|were|is n't|not here|around|alive",
        "look|looked|looking up? ways to do it|end",
        "not have to worry about me|him|her much? any? longer|more?",
        "sort|sorted|sorting|put out? my|his|her will|affairs",
        "stand|standing|stood on|at the bridge|ledge|edge",
        "bang|banging|banged|hit|hitting my|his|her head on|against the? wall|walls",
        "no point any more",
        "no point in anything",
        "what be|'s|s the point of|in live|living|go|going on",
        "kms",
        "painless way to go|die",
        "how many of? my|the? pills|tablets|painkillers it would take",
        "better off with the life? insurance",
        "i know what i be|am go to do with it|them",
        "tonight be the night",
        "do not trust myself",
        "can not keep live|living like this",
        "want|wanna it all? to stop permanently|forever",
        "want|wanna it all? to stop for good",
        "want|wanna it all to end",
        "have|had enough of life|living",
        "nobody|no one would even? notice if i be|was|were gone",
        "thought|thoughts to|of finish|end my life",
        "give|giving my things|stuff|belongings away",
        "what be|'s|s the point anymore",
        "do not care what happen|happens to me anymore|any",
        "tonights the night",
    ),
    "FEVER": (
        "fever",
        "high temperature",
        "a high? temperature",
        "run a? temperature|fever",
        "temperature of? NUM",
        "TEMP",
        "NUM degree|degrees|\u00b0|celsius|centigrade",
        "temp|temperature be|is|of|at|'s? NUM",
        "temp|temperature its|it|reads|reading|says|shows|showed|was|came up? NUM",
        "temp|temperature it|its|it's be|is|was|'s NUM",
        "temperature and|with|plus",
        "chills",
        "rigor",
        "night sweat",
        "the sweat",
        "cold sweat",
        "burn up",
        "burn hot",
        "hot to the? touch",
        "teeth chatter|chattering",
        "can not get warm",
        "temp|temperature up and down",
        "hot and cold",
        "shivery",
    ),
}
_AREAS = (
    "groin",
    "genital",
    "privates",
    "private part",
    "private area",
    "perineum",
    "saddle",
    "saddle area",
    "inner thigh",
    "inside of my thigh",
    "inside of my thighs",
    "inside of the thigh",
    "inside of the thighs",
    "inside of his thigh",
    "inside of his thighs",
    "inside of her thigh",
    "inside of her thighs",
    "inside of their thigh",
    "inside of their thighs",
    "insides of my thigh",
    "insides of my thighs",
    "insides of the thigh",
    "insides of the thighs",
    "insides of his thigh",
    "insides of his thighs",
    "insides of her thigh",
    "insides of her thighs",
    "insides of their thigh",
    "insides of their thighs",
    "inner thighs",
    "bum",
    "between my legs",
    "between the legs",
    "between legs",
    "down there",
    "down below",
    "waist down",
    "below the waist",
    "below my waist",
    "back passage",
    "anus",
    "nether region",
    "nether regions",
    "lady bits",
    "lady parts",
    "wipe",
    "toilet paper",
    "toilet seat",
    "the seat",
    "loo",
    "vag",
    "vagina",
    "vulva",
    "penis",
    "testicles",
    "scrotum",
)
_BODY_PARTS = (
    "leg",
    "legs",
    "foot",
    "toe",
    "hand",
    "finger",
    "arm",
    "back",
    "neck",
    "shoulder",
    "knee",
    "hip",
    "face",
    "lip",
    "thigh",
    "calf",
    "shin",
    "ankle",
    "wrist",
    "elbow",
    "chest",
    "head",
    "tummy",
    "stomach",
    "spine",
)


@dataclass(frozen=True)
class _Pipeline:
    nlp: English
    matcher: Matcher
    places: PhraseMatcher


@dataclass(frozen=True)
class _Mention:
    flag: RedFlag
    anchor: int  # where the symptom itself starts, for the negation check
    start: int
    end: int
    verbal: bool


@dataclass(frozen=True)
class _Scan:
    affirmed: tuple[RedFlag, ...]
    denied: tuple[RedFlag, ...]
    set_aside: tuple[RedFlag, ...]
    """Mentioned, but denied, settled, past, hypothetical or a general question."""


_EPISODE_ONCE = re.compile(
    r"\b(?:never\s+(?:happened|came\s+back|had\s+it)\s+(?:again|since)|only\s+(?:the\s+)?once"
    r"|just\s+(?:the\s+)?once|a\s+one[\s-]off)\b",
    re.IGNORECASE,
)


def tells_of_a_past_episode(text: str) -> bool:
    """Whether a clause tells of something long past or over ("5 years ago", "gone now").

    Unless it says it is back or still there ("again", "still", "now").
    """
    lowered = text.lower()
    past = bool(_PAST.search(lowered) or _OVER.search(lowered) or _EPISODE_ONCE.search(lowered))
    return past and not re.search(r"\b(?:still|again|now|today|these\s+days)\b", lowered)


# "I ask because I had cauda equina, couldn't control my bladder and my legs went weak":
# the signs told as those of a diagnosis one had, in the past tense.
_HAD_CAUDA_EQUINA = re.compile(
    r"\b(?:i|he|she|they|we|my\s+\w+)\s+(?:had|was\s+diagnosed\s+with|were\s+diagnosed\s+with"
    r"|got\s+diagnosed\s+with|went\s+through|suffered)\s+(?:a\s+|an\s+)?"
    r"(?:cauda\s+equina|ces\b|spinal\s+cord\s+compression)",
    re.IGNORECASE,
)
_CAUDA_EQUINA_SIGNS = frozenset(
    {RedFlag.BLADDER_BOWEL, RedFlag.SADDLE_NUMBNESS, RedFlag.BOTH_LEGS_WEAKNESS}
)
# "I fell off a ladder, couldn't move my legs, and I had to have surgery on my spine": the
# signs told with the operation they led to, in the past tense.
_OPERATED_ON_SINCE = re.compile(
    r"\b(?:i|he|she|they|we)\s+(?:had\s+to\s+have|had|needed|underwent|ended\s+up\s+having)\s+"
    r"(?:an?\s+|emergency\s+|spinal\s+|back\s+|major\s+)*(?:surgery|operation|op)\b"
    r"|\b(?:was|were)\s+operated\s+on\b",
    re.IGNORECASE,
)


def tells_signs_of_a_past_diagnosis(text: str, flags: Iterable[RedFlag]) -> bool:
    """Whether the warning signs are told as those of cauda equina the writer had.

    Or as those that led to an operation since (the injury with them too).

    Without a word that it is happening again or now, which would make them today's: the
    assistant then asks whether it is happening now, with the urgent advice in the question.
    """
    lowered = text.lower()
    told = set(flags)
    return (
        (bool(_HAD_CAUDA_EQUINA.search(lowered)) and told <= _CAUDA_EQUINA_SIGNS)
        or (
            bool(_OPERATED_ON_SINCE.search(lowered))
            and told <= _CAUDA_EQUINA_SIGNS | {RedFlag.TRAUMA}
        )
    ) and not re.search(
        r"\b(?:still|again|now|today|tonight|this\s+(?:morning|afternoon|evening|week)"
        r"|yesterday|currently|since|coming\s+back|came\s+back|back\s+again)\b",
        lowered,
    )


def detect_red_flags(text: str) -> tuple[RedFlag, ...]:
    """The red flags the patient reports, in a fixed order; empty when there are none."""
    return _scan(text).affirmed


# A fall, a fever, tearing pain or a faint is a red flag only with back pain; the other
# flags stand on their own.
NEEDS_BACK_PAIN = frozenset({RedFlag.TRAUMA, RedFlag.FEVER, RedFlag.AORTIC})
# "Back" as typed in a hurry too: "bak hurts bad", "my bakc".
_BACK = r"(?:back|bak|bakc|bck)"
_BACK_PAIN_WORDS = re.compile(
    r"\b(?:my|the|lower|low|upper|middle|mid|his|her|their|your|bad|sore)\s+" + _BACK + r"\b"
    r"|\bshoulder\s*blades?\b"
    r"|\b"
    + _BACK
    + r"\s*(?:pain|pian|ache|aches|hurts?|hurting|injury|injuries|problems?|is|has|went"
    r"|killing|kills|agony|sore|been|s\s+been|getting)\b"
    # "back very painful", "back really bad"
    r"|\b" + _BACK + r"\s+(?:very|really|so|is|feels)\s+(?:painful|sore|bad|stiff)\b"
    # "sudden severe back and belly pain"
    r"|\b" + _BACK + r"\s+(?:and|&|\+)\s+(?:belly|tummy|stomach|chest|leg|legs|hip|neck)\b"
    r"|\b(?:pain|ache|hurt\w*)\s+(?:in|on)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:lower\s+|low\s+|upper\s+|down\s+)?"
    + _BACK
    + r"\b"
    r"|\b(?:backache|spine|spinal|lumbar|sciatica|sciatic|discs?|disks?|coccyx|tailbone)\b",
    re.IGNORECASE,
)


def mentions_back_pain(text: str) -> bool:
    """Whether the message is about (someone's) back pain: "my back", "sciatica", "spine"."""
    return bool(_BACK_PAIN_WORDS.search(text))


HURTING = re.compile(
    r"\b(?:hurt\w*|pain\w*|pian|ache|aches|aching|achy|sore|injur\w*|pulled|strain\w*|twinge\w*"
    r"|killing|agony|stiff|backache\w*|backpain\w*)\b",
    re.IGNORECASE,
)


def describes_own_back_pain(text: str) -> bool:
    """Whether the patient tells of their own back pain ("hurt my back lifting a box").

    A question about back pain ("what causes back pain?") is not a story of one's own.
    """
    # A few words with nobody named ("bak hurts bad") are the writer's own.
    # ("back pain" alone may ask about the topic: the classifier decides that one.)
    terse = (
        len(text.split()) <= _TERSE_WORDS
        and not about_someone_else(text)
        and bool(_HURTS_NOW.search(text))
    )
    # "Back pain since Saturday. No numbness, legs fine": opened with the complaint itself,
    # and how long it has lasted.
    opens_with_it = (
        bool(_OPENS_WITH_BACK_PAIN.match(text))
        and not about_someone_else(text)
        and parse_duration_days(text, dt.date.today()) is not None
    )
    return (
        mentions_back_pain(text)
        and (speaks_of_self(text) or terse or opens_with_it)
        and bool(HURTING.search(text))
        and not is_question(text)
    )


_OPENS_WITH_BACK_PAIN = re.compile(
    r"^\W*(?:(?:lower|upper|low|bad|sore|stiff)\s+)?" + _BACK + r"\s*(?:pain|ache|aching|hurts?"
    r"|hurting|is\s+(?:killing|sore|bad|hurting|playing))\b"
    # "pain in back 2 weeks and right leg feel weak little bit": the same, in the order
    # some who write English as a second language put it.
    r"|^\W*(?:bad\s+|much\s+|big\s+)?(?:pain|ache|aching)\s+(?:in|on)\s+(?:the\s+|my\s+)?"
    r"(?:lower\s+|low\s+|upper\s+|down\s+)?" + _BACK + r"\b",
    re.IGNORECASE,
)


# A question typed without its mark, at the end: "anti inflammatorys for back ache do
# they work" (the tablets are "they", not a relative).
_ENDS_ASKING = re.compile(
    r"\b(?:do|does|did|will|would|can|could|should|is|are)\s+(?:they|it|these|those|that|this)"
    r"\s+(?:\w+\s*){1,3}\W*$",
    re.IGNORECASE,
)


def tells_someones_story(text: str, today: dt.date) -> bool:
    """Whether the message tells of someone else's back pain now, without asking anything.

    "He has had sciatica for 3 months and the tablets aren't working": the check-in, about
    them, is what helps, as it would for the writer's own pain.
    """
    if (
        is_question(text)
        or _ENDS_ASKING.search(text)
        or not (about_someone_else(text) and mentions_back_pain(text))
    ):
        return False
    story = current_story(text, someone_else=True)
    return (
        parse_duration_days(story, today) is not None
        or stated_severity(story) is not None
        or bool(HURTING.search(told_parts(story)))
    )


# A question word anywhere: "my back seizes up after a day at the computer, why".
# A question opened, at the start of a sentence or clause: not "my leg goes weak when I've
# been walking", "my legs are stiff", "I can't sleep".
_ASKS = re.compile(
    r"(?:^|[.!?;,:]\s*|\b(?:and|but|so|also)\s+)(?:why|how|what|which|when|where|should|could|can"
    r"|does|do|is\s+(?:that|it|this)|are)\b",
    re.IGNORECASE,
)


def tells_own_story(text: str, today: dt.date) -> bool:
    """Whether the message tells of the writer's own pain and how long, asking nothing.

    "I think I have that, off and on for a couple of weeks": what the check-in is for, as
    `tells_someones_story` is for a relative's.
    """
    return (
        not is_question(text)
        and not _ASKS.search(text)
        and speaks_of_self(text)
        and (parse_duration_days(text, today) or 0) >= 1
    )


_TERSE_WORDS = 5
_HURTS_NOW = re.compile(r"\b(?:hurts?|hurting|killing|aches|aching|agony|sore)\b", re.IGNORECASE)


# "back pain 2 wks, about a 4, no numbness": the patient's own pain, told without an "I".
_TERSE_OWN_PAIN = re.compile(
    r"^\W*(?:(?:lower|low|upper|bad|sore|mid)\s+)?back\s*(?:pain|ache)\s+(?:for\s+)?(?:\d|a\s|an\s|since|about)",
    re.IGNORECASE,
)


def tells_own_pain_and_asks(text: str, today: dt.date) -> bool:
    """A question told with the story of the pain (the patient's or a relative's).

    The story says that it hurts, how long, or how bad. In "I've had back pain for 2
    months, what exercises can I do?" the question wants its answer, and the story is
    what the check-in is for (2 months meets a referral criterion).
    """
    someone_else = about_someone_else(text)
    asks = asks_in_some_sentence(text) or asks_indirectly(text)
    if not (asks and mentions_back_pain(text)):
        return False
    if not (someone_else or speaks_of_self(text) or _TERSE_OWN_PAIN.match(text)):
        return False
    story = current_story(text, someone_else=someone_else)
    return (
        parse_duration_days(story, today) is not None
        or stated_severity(story) is not None
        or bool(HURTING.search(_PAIN_AS_TOPIC.sub(" ", told_parts(story))))
    )


# "Should I use heat or ice with my stretches for back pain?": the pain is what the
# question is about, not a pain told ("for my back pain" still tells one).
# Nor is a hurt to prevent: "will keeping active stop me hurting my back again?".
_PAIN_AS_TOPIC = re.compile(
    r"\b(?:for|with|against)\s+(?:lower\s+|upper\s+)?back\s+(?:pain|ache)s?\b"
    r"|\b(?:stop|stops|prevent|prevents|avoid|keep)\s+(?:me\s+|myself\s+|you\s+|people\s+)?"
    r"(?:from\s+)?(?:hurting|injuring|straining|damaging)\b",
    re.IGNORECASE,
)


def emergency_flags(text: str, *, about_back_pain: bool = False) -> tuple[RedFlag, ...]:
    """The red flags that make this message an emergency for a back-pain service.

    "I have a fever" or "I fell and hurt my wrist" alone are not back-pain red flags;
    with back pain in the message, or in a conversation already about it
    (`about_back_pain`), they are.
    """
    reading = read_red_flags(text)
    return reading.now + reading.with_back_pain if about_back_pain else reading.now


@dataclass(frozen=True)
class RedFlagReading:
    """One reading of a message's red flags, by what they mean for the conversation."""

    now: tuple[RedFlag, ...]
    """Red flags that make the message an emergency as it stands."""
    with_back_pain: tuple[RedFlag, ...]
    """Red flags that would, were the conversation about back pain ("I have a fever too"
    after "my back hurts"), which only the dialogue can tell."""
    set_aside: tuple[RedFlag, ...]
    """Red flags named but not reported: denied, over, hypothetical or asked about. A
    guess from the sentence vector about the same message should not outweigh this."""


def read_red_flags(text: str) -> RedFlagReading:
    """The message's red flags, from one reading of it."""
    scan = _scan(text)
    # A fall and legs that will not move is the spine, whether or not the back is named.
    if mentions_back_pain(text) or RedFlag.BOTH_LEGS_WEAKNESS in scan.affirmed:
        return RedFlagReading(scan.affirmed, (), scan.set_aside)
    return RedFlagReading(
        tuple(flag for flag in scan.affirmed if flag not in NEEDS_BACK_PAIN),
        tuple(flag for flag in scan.affirmed if flag in NEEDS_BACK_PAIN),
        scan.set_aside,
    )


def denies_red_flags(text: str) -> bool:
    """Whether the message names warning signs only to say they are absent.

    "Only one leg, no bladder or bowel problems, no numbness between the legs": a plain
    "no" is not enough, the signs must be named.
    """
    scan = _scan(text)
    return bool(scan.denied) and not scan.affirmed


def red_flags_named_absent(text: str) -> tuple[RedFlag, ...]:
    """The warning signs a message names only to say they are absent ("no toilet problems").

    "Bladder and bowels totally normal", "none of the bladder or fever stuff" and "legs
    fine" say so too.
    """
    scan = _scan(text)
    absent = set(scan.denied) | {flag for flag, said in _SAID_TO_BE_FINE if said.search(text)}
    return tuple(flag for flag in RedFlag if flag in absent and flag not in scan.affirmed)


_FINE = (
    r"\s+(?:are\s+|is\s+|r\s+|both\s+|all\s+|feel\s+|seem\s+|work\s+|working\s+)*"
    r"(?:totally\s+|completely\s+|perfectly\s+)?"
)
_SAID_TO_BE_FINE = (
    (
        RedFlag.BLADDER_BOWEL,
        re.compile(
            r"\b(?:bladder|bowels?|waterworks|toilet)(?:\s+(?:and|&|n|or)\s+(?:bladder|bowels?))?"
            + _FINE
            + r"(?:normal|fine|ok|okay|good)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "None of the bladder or fever stuff": the sign by its organ alone, as a kind.
        RedFlag.BLADDER_BOWEL,
        re.compile(
            r"\b(?:no|none\s+of\s+(?:the|that)|nothing\s+(?:of\s+the|like\s+(?:the\s+)?))\s+"
            r"(?:\w+\s+(?:or|and|n|&)\s+)?(?:bladder|bowels?|toilet|waterworks)\b"
            r"(?:\s+(?:or|and|n|&)\s+\w+)?\s+(?:stuff|things?|side)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "I can pee fine", "weeing normally".
        RedFlag.BLADDER_BOWEL,
        re.compile(
            r"\b(?:pee|wee|poo)(?:ing)?\s+(?:is\s+|are\s+)?(?:totally\s+|completely\s+)?"
            r"(?:fine|ok|okay|normal|normally)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "Nothing down below", "all fine down there": no numbness where the saddle sits.
        RedFlag.SADDLE_NUMBNESS,
        re.compile(
            r"\b(?:nothing|no\s+(?:problems?|issues?|numbness))\s+(?:\w+\s+)?down\s+(?:below|there)\b"
            r"|\b(?:all|everything)\s+(?:is\s+)?(?:fine|ok|okay|normal)\s+down\s+(?:below|there)\b",
            re.IGNORECASE,
        ),
    ),
    (
        # "No temperature": in everyday English, no fever.
        RedFlag.FEVER,
        re.compile(r"\bno\s+(?:high\s+)?(?:temp|temperature)\b", re.IGNORECASE),
    ),
    (
        RedFlag.BOTH_LEGS_WEAKNESS,
        re.compile(
            r"\b(?:both\s+)?legs" + _FINE + r"(?:normal|fine|ok|okay|strong)\b", re.IGNORECASE
        ),
    ),
    (
        # "No numbness, tingling or weakness": weakness nowhere, so not in the legs either
        # (not "no weakness in my arm"). Numbness said so stays a question for the groin,
        # which patients do not mean by it.
        RedFlag.BOTH_LEGS_WEAKNESS,
        re.compile(
            r"\b(?:no|nor|or|any|without)\s+(?:(?:numbness|tingling|pins\s+(?:and|&|n)\s+needles)"
            r"[\s,/]*(?:(?:or|and|n|&|nor)\s+)?)*weakness\b(?![\s,]*(?:in|on|of|down)\b)",
            re.IGNORECASE,
        ),
    ),
)


SAFETY_QUESTION_SIGNS: dict[RedFlag, str] = {
    RedFlag.BLADDER_BOWEL: "loss of bladder or bowel control",
    RedFlag.SADDLE_NUMBNESS: "numbness around the groin or bottom",
    RedFlag.BOTH_LEGS_WEAKNESS: "new weakness in both legs",
    RedFlag.TRAUMA: "a recent serious fall or accident",
    RedFlag.FEVER: "a fever",
}
"""The warning signs the check-in's safety question asks about, in its words and order."""


def remaining_safety_signs(denied: Iterable[RedFlag]) -> list[str]:
    """The safety question's signs not yet said to be absent, in the question's order."""
    said = set(denied)
    return [words for flag, words in SAFETY_QUESTION_SIGNS.items() if flag not in said]


def red_flags_denied(text: str) -> bool | None:
    """Read the answer to "Do you have any of these symptoms?".

    True when the patient says no ("no", "none of those", "no bladder problems"), False
    when they say yes or describe a red flag (even after a "no": "no, but I fell"),
    None when the answer does neither.
    """
    scan = _scan(text)
    if scan.affirmed:
        return False
    answer = parse_yes_no(text)
    if answer is not None:
        return not answer
    if scan.denied:
        return True
    if scan.set_aside:
        # "Only the fall in August I told you about, nothing recent": the signs named are
        # past, settled or asked about, and none is reported now.
        return True
    if asks_what_a_sign_means(text):
        # "what is bowel? sorry i dont know this word": a question, not a yes.
        return None
    # "just the bowel thing last week", "only the bladder one": naming one of the signs
    # just asked about, without a no, is a yes to it.
    return False if _NAMES_A_SIGN.search(text) else None


_ASKS_MEANING = re.compile(
    r"\bwhat\s+(?:is|are|does|do|mean|means|s)\b|\bwhat'?s\b|\bmeaning\s+of\b"
    r"|\b(?:don'?t|dont|do\s+not)\s+(?:know|understand)\s+(?:this|that|the|what|these|those)\b",
    re.IGNORECASE,
)


def asks_what_a_sign_means(text: str) -> bool:
    """Whether the message asks what a warning sign's word means ("what is bowel?").

    Only with no sign told as had: "what is this, I can't control my bladder" tells one.
    """
    return (
        bool(_ASKS_MEANING.search(text) and _NAMES_A_SIGN.search(text)) and not _scan(text).affirmed
    )


_NAMES_A_SIGN = re.compile(
    r"\b(?:bladder|bowels?|pee|peeing|wee|weeing|poo|pooing|toilet|incontinen\w*|wet\s+myself"
    r"|soiled|groin|saddle|private\s+(?:area|parts)|both\s+legs|fever|temperature|temp)\b",
    re.IGNORECASE,
)


def _scan(text: str) -> _Scan:
    pipeline = _pipeline()
    doc = _make_doc(pipeline.nlp, text)
    spans = _spans(pipeline, doc)
    affirmed: set[RedFlag] = set()
    denied: set[RedFlag] = set()
    set_aside: set[RedFlag] = set()
    clauses = _clauses(doc)
    settled = _settled_sentences(doc)
    if any(_normal_reading(doc, span) for span in spans if span.label_ == "FEVER"):
        # "My temperature is 37.2": a normal reading says there is no fever.
        denied.add(RedFlag.FEVER)
    # "no fever, chills or bladder problems": the "no" covers the rest of the list
    carried_to = -1
    # Tearing pain, or pain that came on all at once: with either, nearly fainting is the
    # faintness the aortic red flag is about.
    sudden = bool(_ABRUPT.search(doc.text))
    abrupt = any(span.label_ == "TEARING" for span in spans) or sudden
    for index, (start, end) in enumerate(clauses):
        inside = [span for span in spans if start <= span.start and span.end <= end]
        if index and _numb_there(doc, inside, start, end):
            # "Pain into both buttocks and now the skin there is numb": "there" is the
            # place the clause before named.
            first, last = clauses[index - 1]
            inside += [
                span
                for span in spans
                if first <= span.start and span.end <= last and span.label_ == "AREA"
            ]
        clause_denied = clause_affirmed = False
        listing = start == carried_to and _is_list(doc, inside, start, end)
        denied_up_to = -1  # the end of the last mention said to be absent in this clause
        for mention in _mentions(doc, inside, start, end, sudden):
            # Chest or tearing pain that has passed still needs seeing today if it was
            # recent: "last night, for an hour, gone now" is not over for the heart.
            recent = mention.flag in URGENT_EVEN_IF_PASSED and bool(_RECENT.search(doc.text))
            if not recent and any(first <= mention.start < last for first, last in settled):
                set_aside.add(mention.flag)
                continue
            listed = (listing and not mention.verbal) or _listed_after(doc, denied_up_to, mention)
            if listed or _negated(doc, mention, start, end, clauses[index + 1 :]):
                denied.add(mention.flag)
                clause_denied = True
                denied_up_to = mention.end
            elif mention.flag is RedFlag.TRAUMA and (
                _unhurt(doc, clauses[index : index + _UNHURT_CLAUSES])
                or _weeks_since(doc.text)
                or _mildly_sore_days_later(doc.text)
            ):
                set_aside.add(mention.flag)
            elif (
                not _not_a_report(doc, mention, start, end, abrupt)
                and (recent or not _resolved_next(doc, clauses[index + 1 : index + 2]))
            ) or _happening_next(doc, clauses[index + 1 : index + 2]):
                # ("What if I can't pee, I haven't been able to since this morning": asked
                # as if imagined, then told as happening.)
                affirmed.add(mention.flag)
                clause_affirmed = True
            else:
                set_aside.add(mention.flag)
        comma = end < len(doc) and doc[end].norm_ == ","
        carried_to = end + 1 if comma and clause_denied and not clause_affirmed else -1
    if fell_and_cannot_stand(doc.text):
        # "She had a fall ... she can't really stand up since", "her legs won't take her
        # weight": legs that will not carry someone after an injury, whatever else the
        # message says of the fall ("nothing dramatic").
        affirmed |= {RedFlag.TRAUMA, RedFlag.BOTH_LEGS_WEAKNESS}
    return _Scan(
        affirmed=tuple(flag for flag in RedFlag if flag in affirmed),
        denied=tuple(flag for flag in RedFlag if flag in denied and flag not in affirmed),
        set_aside=tuple(
            flag for flag in RedFlag if flag in set_aside | denied and flag not in affirmed
        ),
    )


_ONE_SIDE_WORDS = frozenset({"left", "right", "one"})
_BUTTOCK_WORDS = frozenset({"bum", "buttock", "butt", "cheek", "glute", "glutes"})


def _tingles_on_one_side(doc: Doc, sensation: Span, place: Span) -> bool:
    """Whether tingling (not numbness) is said of one buttock ("my left bum cheek").

    The side may come after the place too: "in my bum cheek on the left".
    """
    tingling = sensation.text.lower().startswith(("tingl", "pins"))
    words = {token.lower_ for token in doc[max(place.start - 3, 0) : place.end + 5]}
    buttock = place.root.norm_ == "bum" or bool(words & _BUTTOCK_WORDS)
    return tingling and buttock and bool(words & _ONE_SIDE_WORDS) and "both" not in words


def _numb_there(doc: Doc, inside: list[Span], start: int, end: int) -> bool:
    """Whether the clause tells of numbness "there" without naming the place again."""
    labels = {span.label_ for span in inside}
    return (
        "SENS" in labels
        and "AREA" not in labels
        and any(token.norm_ == "there" for token in doc[start:end])
    )


@lru_cache(maxsize=1)
def _pipeline() -> _Pipeline:
    """The tokenizer and matchers, built on first use (not at import) and then reused."""
    nlp = English()
    matcher = Matcher(nlp.vocab, validate=True)
    for label, specs in _PATTERNS.items():
        matcher.add(label, [_pattern(spec) for spec in specs])
    places = PhraseMatcher(nlp.vocab, attr="NORM")
    places.add("AREA", [_make_doc(nlp, phrase) for phrase in _AREAS])
    places.add("BODY", [_make_doc(nlp, phrase) for phrase in _BODY_PARTS])
    return _Pipeline(nlp, matcher, places)


def _make_doc(nlp: English, text: str) -> Doc:
    # Lower case: "I DONT have any bladder problems" is read as "I dont have...".
    doc = nlp.make_doc(text.replace("\u2019", "'").replace("\u2018", "'").lower())
    for token in doc:
        token.norm_ = _normalise(token.norm_)
    for token in doc[:-1]:
        # "the bottom of my foot" is not the bottom that matters here
        if token.norm_ == "bum" and token.lower_ == "bottom" and doc[token.i + 1].lower_ == "of":
            token.norm_ = "bottom"
    return doc


@lru_cache(maxsize=4096)
def _normalise(word: str) -> str:
    word = word.lower()
    if word in _LEMMAS:
        return _LEMMAS[word]
    if len(word) >= 7 and word.isalpha() and word not in _NOT_TYPOS:
        for target, lemma in _FUZZY_TARGETS.items():
            allowed = 1 if len(target) <= 9 else 2
            if (
                abs(len(word) - len(target)) <= allowed
                and edit_distance(word, target, swaps=True) <= allowed
            ):
                return lemma
    return word


def _spans(pipeline: _Pipeline, doc: Doc) -> list[Span]:
    """Every phrase found, the longest per label where two overlap."""
    found = [
        span
        for span in pipeline.matcher(doc, as_spans=True) + pipeline.places(doc, as_spans=True)
        if not _no_as_in_none(span)
    ]
    by_label: dict[str, list[Span]] = {}
    for span in found:
        by_label.setdefault(span.label_, []).append(span)
    spans = [span for group in by_label.values() for span in filter_spans(group)]
    areas = [span for span in spans if span.label_ == "AREA"]
    toilet = [span for span in spans if span.label_ == "BB_VERB"]
    return [
        span
        for span in spans
        if not (span.label_ == "BODY" and _overlaps(span, areas))
        and not (span.label_ == "ACCIDENT" and _overlaps(span, toilet))
    ]


# "No bladder control problems" says there are none; "no bladder control" is a loss of it.
_NONE_OF = frozenset({"problem", "issue", "trouble", "difficulty", "change", "symptom", "worry"})


def _no_as_in_none(span: Span) -> bool:
    """Whether a phrase read as "no control" is the "no" of "no ... problems"."""
    return (
        span[0].norm_ == "no"
        and span.end < len(span.doc)
        # (The norms are already normalised by `_make_doc`.)
        and span.doc[span.end].norm_.rstrip("s") in _NONE_OF
    )


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _spaced_dash(doc: Doc, token: Token) -> bool:
    """A dash set apart by spaces ("his bladder - that's not"), not one inside a word."""
    return token.text in _DASHES and token.i > 0 and bool(doc[token.i - 1].whitespace_)


def _clauses(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the clauses.

    Split at punctuation, "but" and "because", and at "and"/"or"/a leading "no" when a
    new subject follows ("and now my back hurts", "no I've wet myself").
    """
    bounds = []
    start = 0
    for token in doc:
        follows = doc[token.i + 1].norm_ if token.i + 1 < len(doc) else ""
        # ("back then I lost bladder control": the "then" dates what follows it.)
        back_then = token.norm_ == "then" and token.i > 0 and doc[token.i - 1].norm_ == "back"
        joined = token.norm_ in {"and", "or", "then"} and follows in _SUBJECTS and not back_then
        # "my knees just fold, both of them": the "both" still tells of the knees.
        both_after = token.norm_ == "," and follows == "both"
        # "... lost control of his bladder - that's not what I've got, is it?": a dash set
        # apart by spaces, not the one inside "brother-in-law".
        if (token.norm_ in _CLAUSE_ENDS and not both_after) or joined or _spaced_dash(doc, token):
            bounds.append((start, token.i))
            start = token.i + 1
        elif token.i == start and token.norm_ in _INTERJECTIONS and follows in _PRONOUNS:
            bounds.append((start, token.i + 1))
            start = token.i + 1
    bounds.append((start, len(doc)))
    return [(first, last) for first, last in bounds if first < last]


# "He says he's fine but it's really hurting him": hurt after all.
_FINE_BUT_HURT = re.compile(
    r"\b(?:fine|ok|okay|alright)\b[^.!?;]*\b(?:but|though|although|except)\b[^.!?;]*"
    r"\b(?:hurt\w*|pain\w*|agony|sore|can'?t\s+(?:move|walk|get\s+up|stand)|can\s+hardly)\b"
    r"|\bsays?\s+(?:he|she|they)(?:'s|\s+is|\s+are|'re)\s+(?:fine|ok|okay|alright)\b[^.!?;]*"
    r"\b(?:but|though)\b",
    re.IGNORECASE,
)


# "... so now I'm panicking": how the writer feels now, not the episode told.
_ASKS_ITS_MEANING = re.compile(
    r"\bwhat\s+(?:is|'s)\s+(?:that|it|this)\b|\bwhat\s+(?:does|did)\s+(?:that|it|this)\s+mean\b",
    re.IGNORECASE,
)
_HAD = re.compile(r"\b(?:had|was\s+diagnosed|got\s+diagnosed)\b")
_NOW_FOR_THEM = re.compile(r"\b(?:has|have|is|are|keeps?|can'?t|cannot)\b|'s\s+(?:lost|got|been)\b")
# "... That won't happen to me, will it?", "could I end up like that?": the writer asks
# whether another's illness awaits them.
_HAPPEN_TO_ME = re.compile(
    r"\b(?:happen|happening|happens)\s+to\s+me\b"
    r"|\b(?:could|will|would|might|am|do|does)\s+(?:i|that\s+mean\s+i)\s+(?:get|end\s+up|be\s+at\s+risk"
    r"|go\s+the\s+same\s+way)\b|\bam\s+i\s+at\s+risk\b|\bsame\s+(?:thing\s+)?(?:for|with)\s+me\b",
    re.IGNORECASE,
)
_PAST_NEGATION = re.compile(
    r"\b(?:couldn'?t|could\s+not|didn'?t|did\s+not|wasn'?t|was\s+not|weren'?t|were\s+not)\b"
)
_WRITERS_FEELING = re.compile(r"\b(?:so\s+|and\s+)?now\s+(?:i'?m|im|i\s+am)\b[^,.;]*")


def _settled_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences about an episode that is over.

    Someone else's, or one's own when nothing in the sentence says it is back.
    """
    settled: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None
    start = 0
    # "My friend once had cauda equina syndrome, what is that?": a name heard of another
    # person's illness, asked about, not a report of it.
    asks_its_meaning = bool(_ASKS_ITS_MEANING.search(doc.text))
    asks_if_it_awaits_them = bool(_HAPPEN_TO_ME.search(doc.text))
    for token in doc:
        ends = token.text in {".", "!", "?", ";", "\n"} or _spaced_dash(doc, token)
        if token.i + 1 == len(doc) or ends:
            sentence = doc[start : token.i + 1].text.lower()
            someone_else = bool(_THIRD_PERSON.search(sentence))
            over = (
                (
                    _RESOLVED.search(sentence)
                    and someone_else
                    and not _FINE_BUT_HURT.search(sentence)
                )
                or (_OVER.search(sentence) and not _STILL.search(_BUT_RESOLVED.sub(" ", sentence)))
                # "My friend had a slipped disc last year and she ended up with bladder
                # problems, so now I'm panicking": another's episode, long past.
                or (
                    someone_else
                    and asks_its_meaning
                    and _HAD.search(sentence)
                    and not _STILL.search(sentence)
                )
                # "My neighbour had stenosis and lost control of his bladder. That won't
                # happen to me, will it?": another's illness, told as what the writer fears.
                # (Not "my dad has lost control of his bladder": his, and now.)
                or (
                    someone_else
                    and asks_if_it_awaits_them
                    and _HAD.search(sentence)
                    and not _STILL.search(sentence)
                    and not _NOW_FOR_THEM.search(sentence)
                )
                # "Years ago my late dad ... couldn't pee": a "not" of the past is no "still".
                or (
                    someone_else
                    and _PAST.search(sentence)
                    and not _STILL.search(
                        _PAST_NEGATION.sub(" ", _WRITERS_FEELING.sub(" ", sentence))
                    )
                )
            )
            if over:
                settled.append((start, token.i + 1))
                # The episode told just before: "Had a fever for two days. It went away on
                # its own.", "My sister lost bladder control. She's totally fine now."
                if previous is not None and (
                    _REFERS_BACK.match(sentence)
                    or (someone_else and _THIRD_PERSON.search(doc[slice(*previous)].text.lower()))
                ):
                    settled.append(previous)
            previous = (start, token.i + 1)
            start = token.i + 1
    return settled


def _mentions(doc: Doc, spans: list[Span], start: int, end: int, sudden: bool) -> list[_Mention]:
    """The red flags the clause's spans tell of.

    `sudden`: the message says the pain came on all at once, which makes dizziness or
    pallor the aortic red flag.
    """
    mentions = []
    labelled: dict[str, list[Span]] = {}
    for span in spans:
        labelled.setdefault(span.label_, []).append(span)
    for span in labelled.get("BB", []) + labelled.get("BB_VERB", []):
        verbal = span.label_ == "BB_VERB"
        mentions.append(_Mention(RedFlag.BLADDER_BOWEL, span.start, span.start, span.end, verbal))
    for span in labelled.get("FEVER", []):
        if span.start > 0 and doc[span.start - 1].norm_ in _NOT_A_FEVER_BEFORE:
            continue  # hay fever
        if span.end < len(doc) and doc[span.end].norm_ in _NOT_A_FEVER_AFTER:
            continue  # a temperature check
        if not _feverish_reading(span):
            continue  # "my temperature was 36.8": a normal reading
        mentions.append(_Mention(RedFlag.FEVER, span.start, span.start, span.end, False))
    for span in _trauma(doc, labelled, start, end):
        mentions.append(_Mention(RedFlag.TRAUMA, span.start, span.start, span.end, True))
    places = labelled.get("AREA", []) + labelled.get("BODY", [])
    for sensation in labelled.get("SENS", []):
        place = _nearest(sensation, places)
        if place is not None and place.label_ != "AREA":
            place = _joined_area(doc, place, labelled.get("AREA", []))
        if place is not None and place.label_ == "AREA":
            if _tingles_on_one_side(doc, sensation, place):
                # "My left bum cheek and the back of my thigh feel tingly": one buttock
                # and down the leg, the nerve symptom the check-in asks about. Numbness
                # there, or on both sides, still counts.
                continue
            first, last = min(sensation.start, place.start), max(sensation.end, place.end)
            mentions.append(_Mention(RedFlag.SADDLE_NUMBNESS, sensation.start, first, last, False))
    mentions.extend(_legs(doc, labelled))
    for span in labelled.get("CARDIAC_CHEST", []):
        mentions.append(_Mention(RedFlag.CARDIAC, span.start, span.start, span.end, False))
    jaw = _JAW_PAIN.search(doc.text)
    if jaw is None and _BREATHLESS.search(doc.text) and _SWEATING.search(doc.text):
        # Pain between the shoulder blades with a cold sweat and breathlessness.
        jaw = _SHOULDER_BLADE_PAIN.search(doc.text)
    if jaw is not None and _HEART_COMPANION.search(doc.text):
        # "Shoulder blade pain + jaw pain + sweats": the heart's warning without the chest.
        span = doc.char_span(jaw.start(), jaw.end(), alignment_mode="expand")
        if span is not None:
            mentions.append(_Mention(RedFlag.CARDIAC, span.start, span.start, span.end, False))
    faint = labelled.get("FAINT", [])
    if labelled.get("TEARING") or sudden:
        faint = faint + labelled.get("AORTIC_IF_SUDDEN", [])
    for span in labelled.get("TEARING", []) + faint:
        mentions.append(_Mention(RedFlag.AORTIC, span.start, span.start, span.end, False))
    for span in labelled.get("SELF_HARM", []):
        goes_on = doc[span.end - 1].lower_ in {"on", "go", "going"}
        if goes_on and span.end < len(doc) and doc[span.end].norm_ in _GOING_ON_WITH:
            continue  # "I don't see the point of going on with physio": the physio
        if (
            doc[span.start].lower_ in {"hurt", "injure"}
            and _FEARS_AN_INJURY.search(doc[max(0, span.start - 8) : span.start].text.lower())
            and _ACTIVITY.search(doc.text.lower())
        ):
            # "My grandson says I should do exercises but I worry I will hurt myself": a
            # fear of injuring the back, not of self-harm.
            continue
        mentions.append(_Mention(RedFlag.SELF_HARM, span.start, span.start, span.end, True))
    return mentions


_FEARS_AN_INJURY = re.compile(
    r"\b(?:worr\w*|afraid|scared|frightened|fear\w*|nervous|anxious|careful|concerned"
    r"|don'?t\s+want\s+to|do\s+not\s+want\s+to)\b"
)
_ACTIVITY = re.compile(
    r"\b(?:exercis\w*|stretch\w*|gym|lift\w*|yoga|pilates|swim\w*|walk\w*|running|jog\w*"
    r"|fall\w*|physio\w*|garden\w*|sport\w*|training|workouts?|bend\w*|twist\w*)\b"
)


def _normal_reading(doc: Doc, span: Span) -> bool:
    """A temperature read out as normal ("it's 36.8"), not a number of hours or kilos."""
    if span.end < len(doc) and doc[span.end].norm_ in _NOT_A_FEVER_AFTER:
        return False
    return not _feverish_reading(span)


def _feverish_reading(span: Span) -> bool:
    """False for a temperature read out as normal (under 37.8 C, or 95-99.9 F); else True."""
    for token in span:
        try:
            value = float(token.text.rstrip("cCfF\u00b0"))
        except ValueError:
            continue
        return value >= 37.8 and not 43 < value < 100
    return True


# "An accident on the way to the toilet": not a fall or a crash. (Accidents with the
# bladder stay read: a new loss of control must not go unflagged.)
_TOILET_ACCIDENT = re.compile(r"^\s*on\s+the\s+way\s+to\s+the\s+(?:toilet|loo|bathroom)\b")


def _trauma(doc: Doc, labelled: dict[str, list[Span]], start: int, end: int) -> list[Span]:
    clause_norms = {token.norm_ for token in doc[start:end]}
    found = list(labelled.get("INJURY", [])) + list(labelled.get("SLIP", []))
    for span in labelled.get("ACCIDENT", []):
        following = [token.norm_ for token in doc[span.end : span.end + 2]]
        after = doc[span.end : span.end + 6].text.lower()
        if following == ["and", "emergency"]:  # "accident and emergency" is A&E
            continue
        if _TOILET_ACCIDENT.match(after):
            continue
        found.append(span)
    for span in labelled.get("FALL", []):
        after = doc[span.end].norm_ if span.end < len(doc) else ""
        after_next = doc[span.end + 1].norm_ if span.end + 1 < len(doc) else ""
        before = doc[span.start - 1].norm_ if span.start > 0 else ""
        if after in _NOT_A_FALL_AFTER or (after, after_next) in _NOT_A_FALL_AFTER_PAIRS:
            continue  # fell asleep, fell ill, fell in love
        if after == "out" and after_next != "of":
            continue  # fell out with someone, hair falling out
        season = before == "the" and span.start >= 2 and doc[span.start - 2].norm_ in _SEASONAL
        if season or before in {"last", "this", "next"}:
            continue  # the autumn: "in the fall", "last fall"
        found.append(span)
    for span in labelled.get("CRASH", []):
        before = doc[span.start - 1].norm_ if span.start > 0 else ""
        if before in _VEHICLE_OR_ARTICLE or "car" in clause_norms:
            found.append(span)
    return found


def _nearest(sensation: Span, places: list[Span]) -> Span | None:
    """The body part a sensation is said of: the closest one, an area winning a tie."""
    best: tuple[int, int, Span] | None = None
    for place in places:
        gap = max(place.start - sensation.end, sensation.start - place.end, 0)
        if gap >= _MAX_GAP:
            continue
        rank = (gap, 0 if place.label_ == "AREA" else 1, place)
        if best is None or rank[:2] < best[:2]:
            best = rank
    return None if best is None else best[2]


def _joined_area(doc: Doc, place: Span, areas: list[Span]) -> Span | None:
    """An area listed together with `place` ("my bum and legs are numb"), if any."""
    for area in areas:
        first, last = (
            (area.end, place.start) if area.end <= place.start else (place.end, area.start)
        )
        if all(token.norm_ in _JOINERS for token in doc[first:last]):
            return area
    return None


def _legs(doc: Doc, labelled: dict[str, list[Span]]) -> list[_Mention]:
    worsening = bool(labelled.get("WORSENING")) or _text_has_worsening(doc)
    strong = labelled.get("WEAK_STRONG", [])
    mentions = []
    # Numbness or tingling counts in both legs only; weakness also in "my legs" when it is
    # strong or getting worse.
    for numb in labelled.get("SENS", []):
        for legs in labelled.get("LEGS_BOTH", []):
            if max(legs.start - numb.end, numb.start - legs.end, 0) < _MAX_GAP:
                first, last = min(numb.start, legs.start), max(numb.end, legs.end)
                mentions.append(
                    _Mention(RedFlag.BOTH_LEGS_WEAKNESS, numb.start, first, last, False)
                )
    # One leg only when the weakness is strong and new or total: "my left leg gives way
    # sometimes" is for the check-in, "no strength in my right leg at all" is not.
    one_leg_gone = (worsening or any(token.norm_ in _ONE_LEG_GONE for token in doc)) and not (
        # "My right leg feels a bit weaker going up stairs these last few weeks": slowly,
        # and only a little, which the check-in's weakness question is for.
        _SLOWLY_OR_A_LITTLE.search(doc.text) and not _SUDDENLY.search(doc.text)
    )
    for weak in labelled.get("WEAK", []) + strong:
        for legs in (
            labelled.get("LEGS_BOTH", []) + labelled.get("LEGS", []) + labelled.get("LEG_ONE", [])
        ):
            gap = max(legs.start - weak.end, weak.start - legs.end, 0)
            if gap >= _MAX_GAP:
                continue
            if legs.label_ == "LEG_ONE" and not (weak in strong and one_leg_gone):
                continue
            if legs.label_ == "LEGS_BOTH" or weak in strong or worsening:
                first, last = min(weak.start, legs.start), max(weak.end, legs.end)
                mentions.append(
                    _Mention(RedFlag.BOTH_LEGS_WEAKNESS, weak.start, first, last, False)
                )
    return mentions


_ONE_LEG_GONE = frozenset({"all", "even", "completely", "totally", "today", "anymore"})
_SLOWLY_OR_A_LITTLE = re.compile(
    r"\b(?:(?:a\s+(?:bit|little|tad)|slightly|somewhat)\s+(?:more\s+)?weak\w*|gradually|slowly|bit\s+by\s+bit"
    r"|(?:over|for|these|the)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:few\s+|couple\s+of\s+|several\s+)?"
    r"(?:weeks|months))\b",
    re.IGNORECASE,
)
_SUDDENLY = re.compile(
    r"\b(?:sudden\w*|overnight|today|this\s+morning|out\s+of\s+nowhere|can'?t\s+(?:walk|stand))\b",
    re.IGNORECASE,
)
# Words that say by themselves that one leg has gone: "it just goes floppy".
_ONE_LEG_GONE |= frozenset({"floppy", "paralysed", "paralyzed"})


def _text_has_worsening(doc: Doc) -> bool:
    """Worsening said anywhere in the message ("...weak, and it's getting worse")."""
    return any(token.norm_ in {"worse", "worsen", "weaker", "sudden"} for token in doc)


def _negated(
    doc: Doc,
    mention: _Mention,
    start: int,
    end: int,
    later: list[tuple[int, int]],
) -> bool:
    """A negation shortly before the symptom in its clause, or a bare "no" after it."""
    for index in range(mention.anchor - 1, max(start, mention.anchor - _NEGATION_WINDOW) - 1, -1):
        norm = doc[index].norm_
        if mention.verbal and norm in {"and", "then"}:
            break
        if (
            mention.flag is RedFlag.SELF_HARM
            and norm == "i"
            and doc[index - 1].norm_ not in _BELIEF
        ):
            # "If the treatment doesn't work I'm going to kill myself": the "not" is the
            # treatment's; the writer's own words start again at "I".
            break
        following = doc[index + 1].norm_
        if norm in _NEGATIONS and following not in _NOT_NEGATING_BEFORE:
            return True
        if norm == "free" and following == "of":
            return True
    after = [token.norm_ for token in doc[mention.end : end] if not token.is_punct]
    if after and all(norm in _BARE_DENIALS for norm in after):
        return True
    if not after and later:
        first, last = later[0]
        answer = [token.norm_ for token in doc[first:last] if not token.is_punct]
        return bool(answer) and all(norm in _BARE_DENIALS for norm in answer)
    return False


def _listed_after(doc: Doc, denied_up_to: int, mention: _Mention) -> bool:
    """Whether the mention goes on a list whose earlier sign was said to be absent.

    "None of the emergency stuff like bladder problems or fever": the "none" is too far
    from the fever to reach it, but the list it heads does.
    """
    if denied_up_to < 0 or mention.verbal or mention.start < denied_up_to:
        return False
    between = doc[denied_up_to : mention.start]
    return any(token.norm_ in {"or", "nor", "and"} for token in between) and all(
        token.norm_ in _LIST_WORDS or token.is_punct for token in between
    )


def _is_list(doc: Doc, spans: list[Span], start: int, end: int) -> bool:
    """Whether a clause only goes on with a list of symptoms ("chills or bladder problems").

    It must hold "or"/"nor", so that "no fever, numbness in my groin" (two answers, the
    second a yes) is still read as a report.
    """
    covered = {index for span in spans for index in range(span.start, span.end)}
    words = [token for token in doc[start:end] if token.i not in covered]
    return any(token.norm_ in {"or", "nor"} for token in words) and all(
        token.norm_ in _LIST_WORDS or token.is_punct for token in words
    )


# A clause that says the one before is over: "a fever last week, that's gone now".
_RESOLVING = re.compile(
    r"^\s*(?:but\s+)?(?:that|thats|it|its|which|this|both|(?:the\s+|my\s+)?(?:fever|temperature|temp))"
    r"\s*(?:'s|'ve|\s+is|\s+has|\s+was|\s+have)?"
    r"\s*(?:all\s+|now\s+|long\s+|completely\s+|totally\s+)?(?:gone" + NOT_GONE + r"|better|over"
    r"|cleared|fine|"
    r"resolved|sorted|passed|went\s+away)\b"
    # "..., now is gone", "now gone": the word order of patients writing in a second language.
    r"|^\s*(?:but\s+)?(?:now|and\s+now)\s+(?:is\s+|it'?s\s+|its\s+)?(?:gone"
    + NOT_GONE
    + r"|over|better|fine)\b"
    # "had a fever last week with flu, gone now, ...": a clause that only says it went.
    r"|^\s*(?:but\s+)?(?:all\s+|long\s+)?(?:gone|over|passed|cleared(?:\s+up)?)(?:\s+now)?\s*$"
    # "... but that was 2 months ago like I said": long enough ago to be history.
    r"|^\s*(?:but\s+)?(?:that|it|this)\s+(?:was|happened)\s+(?:about\s+|like\s+|over\s+)?"
    r"(?:\d+|a|one|two|three|four|five|six|few|several|couple\s+of)\s+(?:months?|years?)\s+ago\b"
)


# A fall the patient came out of unhurt is not the "recent serious fall" of the red flags.
_UNHURT = re.compile(
    r"\b(?:was|am|i'?m|im|were|is|felt|feel)\s+(?:totally\s+|completely\s+|perfectly\s+)?"
    r"(?:fine|ok|okay|alright|all\s+right|unhurt|uninjured)\b"
    r"|\b(?:didn'?t|did\s+not|wasn'?t|was\s+not)\s+(?:hurt|injured|injure|a\s+serious|serious|bad)\b"
    r"|\b(?:not|wasn'?t|wasnt|was\s+not|isn'?t|nothing)\s+(?:a\s+|too\s+|that\s+|very\s+)?"
    r"(?:big|bad|badly|hard|serious|seriously|major)\b"
    # "... but not badly, legs are fine", "my legs are ok"
    r"|\b(?:legs?|knees?)\s+(?:are|is|were|was|seem|feel)\s+(?:totally\s+|completely\s+)?"
    r"(?:fine|ok|okay|alright|all\s+right|working\s+fine)\b"
    r"|\bjust\s+(?:slipped|a\s+slip|tripped|a\s+trip|a\s+small|a\s+minor)\b"
    r"|\b(?:just|only)\s+(?:a\s+)?(?:scratch|graze|scrape|bruise)\b|\b(?:tiny|minor|little)\s+fall\b"
    r"|\b(?:small|little|minor|tiny|silly)\s+(?:fall|slip|trip|tumble)\b"
    r"|\bonly\s+(?:a\s+)?(?:slipped|slip|tripped|trip)\b"
    # "There's the ladder fall but it was only about 3 steps up", "not very high".
    r"|\bonly\s+(?:about\s+|like\s+|around\s+)?(?:a\s+few|a\s+couple\s+of|\d|one|two|three|four)\s+"
    r"(?:steps?|stairs?|rungs?|feet|foot|ft)\b|\b(?:wasn'?t|was\s+not|not)\s+(?:very\s+|that\s+)?high\b"
    # "I fell over playing with the kids, but only onto the sofa", "it was nothing".
    r"|\b(?:onto|on\s+to|into)\s+(?:the|a|my)\s+(?:sofa|bed|couch|settee|cushions?|pillows?|grass"
    r"|carpet|mattress|beanbag)\b|\bit\s+was\s+nothing\b"
    r"|\bon\s+(?:the|a|my)\s+(?:sofa|bed|couch|settee|cushions?|pillows?|mattress|beanbag)\b"
    r"|\b(?:totally|completely|perfectly)\s+fine\b|\brunning\s+around\b"
    r"|\bnothing\s+(?:dramatic|serious|major|bad|too\s+bad)\b"
    # "I was right as rain after", "no harm done".
    r"|\bright\s+as\s+rain\b|\bno\s+harm\s+done\b"
    r"|\b(?:was|felt|were)\s+(?:fine|ok|okay|alright)\s+(?:after|afterwards|since)\b"
    # "Slipped on ice but didn't hit my head, walked home fine", "got straight back up".
    r"|\b(?:didn'?t|didnt|did\s+not)\s+(?:hit|bang|knock)\s+my\s+head\b"
    r"|\bwalked\s+(?:home|away|off|back)\s+(?:fine|ok|okay|no\s+problem)\b"
    # "I wouldn't call it serious, I walked in fine", "walking around fine, bit bruised".
    r"|\b(?:wouldn'?t|wouldnt|would\s+not)\s+call\s+it\s+(?:serious|bad|a\s+bad\s+fall|much)\b"
    r"|\bwalked\s+in\b|\bwalking\s+(?:around\s+|about\s+)?(?:fine|ok|okay|normally|normal)\b"
    r"|\b(?:a\s+)?(?:bit|little)\s+bruised\b|\bjust\s+bruised\b"
    r"|\bgot\s+(?:straight|right)\s+back\s+up\b"
    # "landed on my bum but got straight up, nothing broken i think"
    r"|\bgot\s+(?:straight|right|back)\s+up\b|\bgot\s+up\s+(?:fine|ok|okay|straight\s+away)\b"
    r"|\bnothing\s+(?:broken|hurt|cracked)\b"
)
_JAW_PAIN = re.compile(
    r"\bjaw\s+(?:pain|ache|aching|hurts?|hurting|tight\w*)\b"
    # "pain in my upper back and jaw", "upper back and left arm"
    r"|\b(?:back|chest|neck)\s+and\s+(?:my\s+)?(?:jaw|(?:left\s+)?arm)\b"
    r"|\b(?:pain|ache|aching|tightness)\s+(?:in|into|up\s+into|to|up\s+to)\s+(?:my|the|his|her)\s+jaw\b",
    re.IGNORECASE,
)
_SHOULDER_BLADE_PAIN = re.compile(
    r"\b(?:pain|ache|aching|tightness|pressure)\s+between\s+(?:my|the|his|her)\s+shoulder\s*blades?\b",
    re.IGNORECASE,
)
_BREATHLESS = re.compile(
    r"\b(?:breathless\w*|short\s+of\s+breath|can'?t\s+(?:breathe|catch\s+my\s+breath))\b",
    re.IGNORECASE,
)
_SWEATING = re.compile(r"\b(?:cold\s+sweats?|clammy|sweating|sweaty)\b", re.IGNORECASE)
_HEART_COMPANION = re.compile(
    r"\b(?:sweat\w*|clammy|breathless\w*|short\s+of\s+breath|can'?t\s+breathe"
    r"|shovell?ing|exertion)\b",
    re.IGNORECASE,
)
URGENT_EVEN_IF_PASSED = frozenset({RedFlag.CARDIAC, RedFlag.AORTIC})
LONG_SINCE_DAYS = 43
"""Pain told as lasting longer than six weeks since a fall or accident: no recent injury
("3 months, since the accident"), unless the message also says something happened today
or lately. A fall three weeks ago is still raised."""


# A fall told as having happened ("she fell", "had a fall", "the fall"), not imagined.
_FELL = re.compile(
    r"\b(?:fell|fallen|had\s+a\s+(?:bad\s+|nasty\s+)?(?:fall|tumble)|the\s+fall|slipped|tripped"
    r"|took\s+a\s+tumble|knocked\s+(?:down|over))\b",
    re.IGNORECASE,
)
_IMAGINED_FALL = re.compile(
    r"\b(?:if|in\s+case|what\s+if)\b[^.?!]{0,30}\b(?:fall|falls|fell|slips?)\b"
    r"|\b(?:afraid|scared|worried|worry)\s+(?:that\s+)?(?:she|he|i|they|mum|dad)\s+(?:will|might|'ll|could|may)\s+fall",
    re.IGNORECASE,
)
# Now unable to stand, get up or bear weight ("can't really stand up", "legs won't take
# her weight", "legs aren't working"); not "can't walk far", which the pain limits.
_CANNOT_STAND = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|cant|unable\s+to|not\s+able\s+to|isn'?t\s+able\s+to)\s+"
    r"(?:really\s+|properly\s+|even\s+)?(?:stand(?:\s+up)?|get\s+(?:herself\s+|himself\s+|myself\s+)?up"
    r"|get\s+off\s+the\s+floor|bear\s+weight|put\s+(?:any\s+)?weight"
    r"|walk(?!\s+(?:far|long|very|much|as|without|for\s+long|properly\s+without)))\b"
    r"|\blegs?\s+(?:won'?t|will\s+not|don'?t|do\s+not|can'?t|cannot)\s+(?:take|hold|bear|support|carry)"
    r"\s+(?:\w+\s+)?weight\b"
    r"|\blegs?\s+(?:are\s+not|aren'?t|not|isn'?t|is\s+not)\s+working\b",
    re.IGNORECASE,
)


def fell_and_cannot_stand(text: str) -> bool:
    """Whether a fall is told, and someone now cannot stand, get up or bear weight.

    A fall weeks ago, or one only imagined ("what if she falls and can't get up?"), is not.
    """
    return bool(
        _FELL.search(text)
        and _CANNOT_STAND.search(text)
        and not _IMAGINED_FALL.search(text)
        and not _weeks_since(text)
    )


def _weeks_since(text: str) -> bool:
    """Whether the message gives the pain weeks or more, and nothing recent.

    In a message about a fall, "since the fall" is the accident, not the autumn.
    """
    days = parse_duration_days(_THE_FALL.sub("the accident", text), dt.date.today())
    return days is not None and days >= LONG_SINCE_DAYS and not _RECENT.search(text)


MILD_AFTER_DAYS = 3
"""A fall this many days back or more, with the back only a bit sore since, is no emergency."""
_MILDLY_SORE = re.compile(
    r"\b(?:sore|achy|aching|aches|stiff|tender|bruised|niggl\w*|mild|twinge\w*)\b", re.IGNORECASE
)
_MORE_THAN_SORE = re.compile(
    r"\b(?:really|very|so|extremely|too|unbearabl\w*|agony|agonising|agonizing|excruciating"
    r"|severe|terrible|awful|worse|worsening|getting\s+bad|can'?t|cannot|unable|won'?t"
    r"|hard|heavily|height|ladder|roof|stairs|car|motorbike|horse|scaffold\w*)\b",
    re.IGNORECASE,
)


def _mildly_sore_days_later(text: str) -> bool:
    """Whether a fall is told as days back, with the back only a bit sore since.

    "She fell off her bike last week and says her back is sore" is for a doctor to see,
    not for the emergency department. A hard fall (from a height, down the stairs, in a
    car), pain told as more than sore, or anything recent keeps the urgent advice.
    """
    days = parse_duration_days(_THE_FALL.sub("the accident", text), dt.date.today())
    return (
        days is not None
        and days >= MILD_AFTER_DAYS
        and not _RECENT.search(text)
        and bool(_MILDLY_SORE.search(text))
        and not _MORE_THAN_SORE.search(text)
        and (stated_severity(text) or 0) < 7
    )


_THE_FALL = re.compile(r"\bthe\s+fall\b", re.IGNORECASE)
_RECENT = re.compile(
    r"\b(?:yesterday|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+(?:today|on)"
    r"|today|tonight|(?:an?|one|two|three|few|couple\s+of)\s+hours?\s+ago|hours\s+ago)\b",
    re.IGNORECASE,
)


_UNHURT_CLAUSES = 5
"""The fall's clause and the four after it: "..., when I tackled, like I pulled something,
no dizziness, no fall, felt fine after" says what came of it four clauses on."""


def _unhurt(doc: Doc, clauses: list[tuple[int, int]]) -> bool:
    """Whether the fall's clause, or one of the few after it, says nobody was hurt.

    "She says she is ok but her back is really hurting now" is hurt after all.
    """
    said = " ".join(doc[first:last].text.lower() for first, last in clauses)
    unhurt = _UNHURT.search(said)
    return unhurt is not None and not _HURT_AFTER_ALL.search(said[unhurt.end() :])


_HURT_AFTER_ALL = re.compile(
    r"\b(?:really|very|so|badly|still|now)\s+(?:\w+\s+)?(?:hurt\w*|hurting|painful|sore)\b"
    r"|\bnumb\b|\b(?:can'?t|cannot|cant)\s+feel\b"
    r"|\b(?:hurting|in\s+(?:a\s+lot\s+of\s+)?pain|in\s+agony|killing\s+me)\b"
    r"|\b(?:can'?t|cannot)\s+(?:move|walk|stand|get\s+up)\b"
    # "Thought I was fine but today my back pain is severe."
    r"|\bsevere\b|\b(?:far|much|way|a\s+lot)\s+worse\b"
)


# A clause that dates the one before to long ago or says it went: "..., that was before
# therapy, years back", "..., wore off in a few hours", "..., years ago now".
_DATES_IT_PAST = re.compile(r"^\s*(?:but\s+)?(?:that|it|this|which)\s+(?:was|happened)\b")
_ONLY_LONG_AGO = re.compile(
    r"^\s*(?:but\s+)?(?:about\s+|like\s+|over\s+)?(?:(?:\d+|a|one|two|three|four|five|six|few"
    r"|several|many|couple\s+of)\s+)?(?:years?|months?|ages)\s+(?:ago|back)(?:\s+now)?\s*\W*$"
    r"|^\s*(?:but\s+)?(?:it\s+|that\s+|they\s+)?(?:wore|worn)\s+off\b"
    r"|^\s*(?:but\s+)?(?:it\s+|that\s+)?(?:all\s+)?long\s+gone\b"
    r"|^\s*(?:but\s+)?(?:it|that|they)\s+stopped\b[^.!?]*\bago\b"
    r"|^\s*(?:and\s+)?(?:it\s+)?(?:never|hasn'?t|has\s+not)\s+happened\s+(?:again|since)\b"
    r"|^\s*(?:but\s+)?(?:all|totally|completely|fully)\s+(?:better|fine|healed|sorted|recovered)\b"
    r"|^\s*(?:but\s+)?nothing\s+(?:recent|since)\b"
    # "... after that no problem", "no problems since"
    r"|^\s*(?:and\s+|but\s+)?(?:after\s+that|since\s+then)\s+(?:no|not?\s+any|never\s+any)\s+"
    r"(?:problems?|issues?|trouble)\b|^\s*(?:and\s+|but\s+)?no\s+(?:problems?|issues?|trouble)\s+since\b"
)
# "..., but it was 2019": a year before this one.
_A_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def _names_a_past_year(clause: str) -> bool:
    """Whether the clause names a year before the present one ("it was 2019")."""
    this_year = dt.date.today().year
    return any(int(year) < this_year for year in _A_YEAR.findall(clause))


_A_MONTH = re.compile(r"\bin\s+(?:jan|feb|march|april|may|june|july|aug|sept|oct|nov|dec)\w*\b")


# "..., I haven't been able to since this morning", "..., it's happening now".
_HAPPENING = re.compile(
    r"^\s*(?:and\s+|but\s+|cos\s+|because\s+)?(?:i|he|she|they)\s+(?:have|has)\s+n'?t\s+"
    r"(?:been\s+able\s+to|managed\s+to)\b"
    r"|^\s*(?:and\s+|but\s+)?(?:i|he|she|they)\s+(?:haven'?t|havent|hasn'?t|hasnt|have\s+not"
    r"|has\s+not)\s+(?:been\s+able\s+to|managed\s+to)\b"
    r"|\b(?:it'?s|its|it\s+is|this\s+is)\s+(?:actually\s+)?happening\s+(?:now|right\s+now)\b"
)


def _happening_next(doc: Doc, following: list[tuple[int, int]]) -> bool:
    """Whether the clause right after the mention's says it is happening now."""
    return any(_HAPPENING.search(doc[first:last].text.lower()) for first, last in following)


def _resolved_next(doc: Doc, following: list[tuple[int, int]]) -> bool:
    """Whether the clause right after the mention's says it is over, or long past."""
    for first, last in following:
        clause = doc[first:last].text.lower()
        if _RESOLVING.search(clause) or _ONLY_LONG_AGO.search(clause):
            return True
        if _DATES_IT_PAST.search(clause) and (
            _PAST.search(clause) or _A_MONTH.search(clause) or _names_a_past_year(clause)
        ):
            return True
    return False


# "Did leg day yesterday and now my legs are like jelly": tired from the effort, whichever
# clause the exercise is told in.
_JELLY_AFTER_EXERCISE = re.compile(
    r"\b(?:gym|leg\s+day|workout|squats?|training|session|marathon)\b[^.!?]*\blegs?\s+"
    r"(?:are|is|feel|felt|were|went)\s+(?:like\s+)?jelly\b"
)


_SENSATION = re.compile(r"\b(?:numb\w*|tingl\w*|pins|needles|prickl\w*|fuzzy|buzz\w*)")
# Walking brings it on and sitting or resting takes it away: "when I walk far ... goes
# away when I sit", "only when I'm walking, fine once I sit down".
_EASES_ON_SITTING = re.compile(
    r"\b(?:walk\w*|standing|stand)\b[^.!?]*\b(?:goes|go|went|wears|passes|disappears|eases"
    r"|settles|stops|fine|ok|okay|better|gone)(?:\s+(?:away|off|again))?\s+(?:when|once|as\s+soon"
    r"\s+as|if|after)\s+(?:i\s+|you\s+)?(?:sit|sat|rest|lean|bend|stop)"
)

_WHEN_WALKING = re.compile(
    r"\b(?:when|while|after|on)\s+(?:i'?m\s+|i\s+am\s+|i\s+)?(?:walk\w*|out\s+walking)\b"
)
_AS_SAID = re.compile(
    r"\b(?:as|like)\s+i\s+(?:said|mentioned|told\s+you|wrote)\b|\bi\s+(?:already\s+)?(?:said|told\s+you)\b"
)
_STAYS = re.compile(
    r"\b(?:comes?\s+(?:straight\s+|right\s+)?back|all\s+the\s+time|constant\w*|even\s+when"
    r"|(?:doesn'?t|does\s+not|won'?t|isn'?t)\s+(?:go|going|wear|ease|pass)|can'?t\s+walk)"
)


# Numb from sitting, and it goes on standing or walking: "numb bum from sitting too long on
# a long drive but it goes when I stand up".
_NUMB_FROM_SITTING = re.compile(
    r"\b(?:sitting|sat|drive|driving|drove|flight|desk|chair|saddle\s+of\s+(?:a|my)\s+bike|cycling"
    r"|bike\s+ride)\b[^.!?]*\b(?:goes|go|went|wears|wore|passes|passed|disappears|fine|ok|okay)"
    r"(?:\s+(?:away|off))?\s+(?:when|once|as\s+soon\s+as|after)\s+(?:i\s+)?(?:stand|get\s+up"
    r"|walk|move|stood|got\s+up|walked)\b"
    # "That was just pins and needles from sitting, it's gone".
    r"|\b(?:pins\s+and\s+needles|numb\w*|asleep|dead)\b[^.!?]*\b(?:from|after)\s+(?:sitting|sat)\b"
    r"[^.!?]*\b(?:gone|passed|went\s+away|wore\s+off)\b"
    # "My bum goes numb on long drives, just from sitting i think": numb on long sitting.
    r"|\b(?:numb\w*|asleep|dead|pins\s+and\s+needles)\b[^.!?]{0,20}\b(?:on|during|after)\s+"
    r"(?:long\s+|a\s+long\s+)?(?:drives?|car\s+(?:journeys?|rides?|trips?)|flights?|train\s+journeys?)\b"
    r"|\b(?:just|only)\s+from\s+(?:sitting|sat|the\s+(?:drive|car|seat|chair))\b"
    # "My legs just fell asleep on the loo": legs gone to sleep, not numbness down below.
    r"|\b(?:my|his|her|their)\s+(?:legs?|feet|foot)\s+(?:just\s+)?(?:fell|went)\s+(?:to\s+)?"
    r"(?:asleep|sleep)\b"
)
# "A tearing feeling in my back muscle when I tackled": a strain, told with the tearing.
_TORN = re.compile(r"\b(?:tear\w*|torn|rip\w*)\b")
_MUSCLE_STRAIN = re.compile(
    r"\b(?:muscles?|pulled|pull|strain\w*|tweak\w*|tackl\w*|lifting|deadlift\w*|squat\w*|gym"
    r"|rugby|football|training|workout)\b"
)
# "He said chest pain going into the back can be something serious?": a general statement
# about a sign, told or asked, with nobody said to have it.
_GENERAL_STATEMENT = re.compile(
    r"\bcan\s+(?:be|mean|indicate|signal)\s+(?:something\s+|very\s+|really\s+|quite\s+)?"
    r"(?:serious|dangerous|bad|an?\s+emergency|a\s+sign)\b"
)


def _not_a_report(doc: Doc, mention: _Mention, start: int, end: int, abrupt: bool) -> bool:
    """A worry, a hypothetical, a general question or a past episode, not a symptom now.

    `abrupt`: the message tells of tearing pain somewhere (the TEARING patterns) or of
    pain that came on suddenly.
    """
    clause = doc[start:end].text.lower()
    if _PAST.search(clause) or _HYPOTHETICAL_ANYWHERE.search(clause):
        return True
    if mention.flag is RedFlag.FEVER and _RESOLVING.search(clause):
        return True  # "... fever's gone now": the fever named only to say it is over
    if mention.flag is RedFlag.BOTH_LEGS_WEAKNESS and _JELLY_AFTER_EXERCISE.search(
        doc.text.lower()
    ):
        return True
    if (
        mention.flag is RedFlag.BOTH_LEGS_WEAKNESS
        and _SENSATION.search(doc[mention.start : mention.end].text.lower())
        and (
            _EASES_ON_SITTING.search(doc.text.lower())
            # "As I said, the numbness in both legs when walking. None of the other things":
            # the walking numbness told before, said again.
            or (_WHEN_WALKING.search(doc.text.lower()) and _AS_SAID.search(doc.text.lower()))
        )
        and not _STAYS.search(doc.text.lower())
    ):
        # "Tingling in both feet when I walk far, goes away when I sit": brought on by
        # walking and gone at rest, the pattern the guide's spinal stenosis describes, for
        # the check-in and a specialist, not the numbness that does not go away.
        return True
    if mention.flag is RedFlag.SADDLE_NUMBNESS and _NUMB_FROM_SITTING.search(doc.text.lower()):
        # "Numb bum after a 3 hour drive, wears off when I walk around": pressure from
        # sitting that passes on standing, not the numbness the red flag is about.
        return True
    if _IMAGINED.search(clause) or _IDIOMS.search(clause):
        return True
    if (
        mention.flag is RedFlag.AORTIC
        and _TORN.search(doc[mention.start : mention.end].text.lower())
        and _MUSCLE_STRAIN.search(clause)
    ):
        # "A tearing feeling in my lower back muscle when I tackled, like I pulled
        # something": a strained muscle, not the tearing pain of a torn aorta.
        return True
    if _GENERAL_STATEMENT.search(doc[mention.end : end].text.lower()) and not any(
        token.norm_ in _FIRST_PERSON for token in doc[max(start, mention.start - 3) : end]
    ):
        return True
    before = doc[start : mention.start].text.lower()
    hypothetical = _HYPOTHETICAL_BEFORE.search(before)
    if (
        hypothetical
        and mention.flag is RedFlag.SELF_HARM
        and _INTENT.fullmatch(hypothetical.group().strip())
    ):
        # "I'll end it", "I'm going to kill myself": intent, not a fear of what may come.
        hypothetical = None
    if hypothetical and not (
        # With tearing or sudden pain, "I nearly passed out" or "I feel like I'm going to
        # faint" is the faintness the aortic red flag is about; "I nearly fell", or nearly
        # fainting from a long-standing pain alone, is not.
        mention.flag is RedFlag.AORTIC
        and re.sub(r"\s+", " ", hypothetical.group().strip()) in ("nearly", "almost", "going to")
        and abrupt
    ):
        return True
    first = doc[start].norm_
    second = doc[start + 1].norm_ if start + 1 < end else ""
    if first in _QUESTION_STARTS and second != "not" and mention.flag is not RedFlag.SELF_HARM:
        # "What's the point in living like this?" asks nothing; thoughts of self-harm
        # told as a question still get the crisis reply.
        near = doc[max(start, mention.start - 3) : mention.end]
        return not any(token.norm_ in _FIRST_PERSON for token in near)
    return False


def names_a_warning_sign(text: str) -> bool:
    """Whether the text names one of the safety question's signs ("the bladder one")."""
    return bool(_NAMES_A_SIGN.search(text))
