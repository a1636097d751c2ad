"""What the guide's answers cannot say, told before them.

Activities it does not name ("can I still do deadlifts?", "is swimming ok?"): the guide
speaks of exercise, resistance training, stretching and daily tasks in general, and the
general answer alone would read as a yes. Whether the patient has a condition ("is it
sciatica what I have?"): only a specialist who examines them can say; the guide describes
the condition.
"""

from __future__ import annotations

import re

from clinic.wording import is_question

# Activities, sports and hands-on treatments the guide never names, as patients write them.
_ACTIVITY = re.compile(
    r"\b(?P<activity>deadlift(?:s|ing)?|squat(?:s|ting)?|bench\s+press(?:ing)?|kettlebells?|burpees"
    r"|sit[\s-]?ups|(?:a\s+|the\s+)?(?:half[\s-]+)?marathons?|triathlons?|(?:a\s+)?5k|(?:a\s+)?10k"
    r"|crunches|planks?|swim(?:m?ing|min)?|yoga|pilates|cycling|biking|spin(?:ning)?\s+class(?:es)?"
    r"|running|jogging|walking|walks|(?:a|my|our|her|his|daily|long|short|dog|evening|morning)\s+walk"
    # "should she still walk every day?": walking, said as what one does
    r"|walk(?=\s+(?:every|each|daily|a\s+lot|far|much|more|the\s+dog|long\s+distances|miles))"
    r"|golf|tennis|football|rugby|netball|dancing|zumba|crossfit|hiit|rowing"
    # "Can I keep playing footy?", "five-a-side", "5 a side"
    r"|footy|footie|soccer|(?:five|5)[\s-]a[\s-]side|basketball|cricket|hockey|squash|badminton"
    # "keep going to the gym", not the story "hurt it at the gym"
    r"|(?<!\bat\s)(?<!\bin\s)(?:the\s+gym|(?<!the\s)gym)"
    r"|climbing(?!\s+(?:the\s+|up\s+)?stairs)|hiking|skiing|horse\s*riding|boxing|martial\s+arts|karate|judo|tai\s+chi"
    r"|gardening|digging|mowing|housework|hoovering|vacuuming|bowls|fishing"
    # "Can I continue to work in the garden?", "is it ok to lift the heavy trees?": heavy
    # work the guide never weighs up (it speaks of lifting groceries only).
    r"|(?:work(?:ing)?|jobs?)\s+in\s+the\s+garden|heavy\s+lifting"
    r"|(?:lift|lifting|carry|carrying)\s+(?:\w+\s+){0,2}heavy(?:\s+\w+)?"
    r"|trampolin(?:e|ing)|treadmill|cross[\s-]?trainer|weight\s*lifting|powerlifting"
    # Hands-on treatments it does not name either: "does massage help or should I exercise?"
    r"|massages?|acupuncture|chiropract(?:or|ors|ic)|osteopath(?:y|s)?"
    # ... nor heat or cold: "should I use heat or ice with my stretches?"
    # (Not "slipped on the ice", "black ice": the ice underfoot.)
    r"|(?<!the\s)heat(?:\s+(?:packs?|pads?|patch(?:es)?))?"
    r"|(?<!the\s)(?<!black\s)(?<!some\s)ice(?:\s+packs?)?(?!\s+skat)|cold\s+packs?"
    r"|hot\s+water\s+bottles?|hot\s+baths?"
    # ... nor supports: "should I wear a back brace?"
    r"|(?:back\s+)?braces?|(?:back\s+)?support\s+belts?|corsets?"
    # ... nor machines for pain: "would a TENS machine help?"
    r"|tens(?:\s+(?:machines?|units?))?)\b",
    re.IGNORECASE,
)
# Asking whether it is all right: "can I", "is it ok", "should I", "what about", "even".
_ASKS_IF_ALL_RIGHT = re.compile(
    r"\b(?:can|could|may|should|shall)\s+(?:i|we|he|she|you|they|my\s+\w+)\b|\b(?:is|are)\s+(?:it|they|that)?\s*"
    r"(?:ok|okay|alright|all\s+right|safe|good|bad|fine)\b|\b(?:ok|okay|safe|good|bad)\s+(?:to|for)\b"
    r"|\bwhat\s+about\b|\beven\b|\bstill\b|\?\s*$"
    # "can it get worse if I keep running"
    r"|\bif\s+(?:i|we|he|she|they)\s+(?:keep|carry\s+on|continue)\b"
    # "You didn't answer me about the walks", "tell me about swimming"
    r"|\b(?:answer|answered|tell)\s+(?:me\s+)?about\b"
    # "is swimming ok", "are squats bad for it", "is the rowing machine ok", "is yoga or
    # pilates better"
    r"|\b(?:is|are)\s+(?:\w+\s+){1,6}(?:ok|okay|alright|all\s+right|safe|good|bad|fine|better"
    r"|best|worse)\b"
    # "is a chiropractor the same as physical therapy", "osteopath vs physio"
    r"|\b(?:is|are)\s+(?:\w+\s+){1,4}(?:the\s+same\s+(?:as|thing\s+as)|different\s+(?:from|to|than))"
    r"|\b(?:vs\.?|versus)\s+"
    # "deadlifts with a herniated disc yes or no"
    r"|\byes\s+or\s+no\b"
    # "would a TENS machine help my back?", "can a chiropractor cure my sciatica?"
    r"|\b(?:would|will|does|do|can|could|might)\s+(?:\w+\s+){1,8}(?:help|cure|fix|heal)\b",
    re.IGNORECASE,
)


# The answers about exercise in general, which a question about one activity may draw.
EXERCISE_TOPICS = frozenset(
    {
        "strength_training",
        "exercise_benefits",
        "home_exercise_stretching",
        "core_muscles",
        "daily_function",
        "physical_therapy",
        "joint_lubrication",
    }
)


# "Can't walk far, should I see someone?": what the pain stops, not an activity asked about.
_CANNOT_DO = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|unable\s+to|trouble|difficulty|struggl\w*|hard"
    r"|barely|hardly|hurts?\s+to|painful\s+to)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "At home without a gym", "rather than yoga": an activity set aside, not asked about.
_SET_ASIDE = re.compile(
    r"\b(?:without|instead\s+of|rather\s+than|other\s+than|no|not)\s+(?:an?\s+|the\s+|my\s+|any\s+)?$",
    re.IGNORECASE,
)
# Walks, a walk, my daily walk: told as "walking".
_WALK = re.compile(r"\bwalks?\b", re.IGNORECASE)
# "A chiropractor", "an osteopath": told as what they do ("about chiropractors").
_PRACTITIONER = re.compile(r"chiropractor|osteopaths?$", re.IGNORECASE)
# "He's been walking fine", "is walking around fine": how someone is doing.
_BEEN_DOING = re.compile(
    r"(?:\bbeen|'s|'m|'re|\b(?:he|she|i|they|we|and|but|who|now)\s+(?:is|are|am|was))\s+$",
    re.IGNORECASE,
)
_ASKED_WITH_IS = re.compile(r"\b(?:and|but|or|so|also)\s+(?:is|are)\s+$", re.IGNORECASE)
_DOING_WELL = re.compile(
    r"\s+(?:around\s+|about\s+)?(?:fine|ok|okay|well|normally|normal|without|no\s+problem)\b",
    re.IGNORECASE,
)
# Heat pads, ice packs, a hot bath: told together, as patients weigh one against the other.
_HEAT_OR_COLD = re.compile(r"\b(?:heat|ice|cold|hot)\b", re.IGNORECASE)

_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_POINTS_BACK = re.compile(r"\b(?:it|that|this|them|those)\b", re.IGNORECASE)
# "I love golf. I've been diagnosed with stenosis. Can I keep playing?": carrying on
# with the activity, asked a sentence or two later.
_CARRY_ON = re.compile(
    r"\b(?:keep|carry\s+on|continue|still|go\s+on)\s+(?:playing|doing|going|running|swimming"
    r"|training|riding|cycling|lifting)\b|\bplay\s+(?:on|again)\b",
    re.IGNORECASE,
)
# "My leg feels like ants walking", "it hurts when walking": how it feels, not an activity.
_TELLS_HOW_IT_FEELS = re.compile(
    r"\b(?:like|when|while|whilst|after)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


# "I hurt my back lifting something heavy": how it happened, not an activity asked about.
_HOW_IT_HAPPENED = re.compile(
    # "Pulled something in my lower back digging the veg patch", "did my back in digging".
    r"\b(?:hurt|injured|pulled|strained|tweaked|twisted|ricked|cricked)\s+(?:\w+\s+){0,6}$"
    r"|\b(?:did|done)\s+(?:my|his|her)\s+back\s+in\s+$|\bput\s+(?:my|his|her)\s+back\s+out\s+$"
    r"|\b(?:from|since)\s+$",
    re.IGNORECASE,
)


# What `activity_asked_about` may name that is no exercise: the general answer about
# exercise does not fit them.
NOT_EXERCISE = frozenset(
    {
        "heat or ice",
        "chiropractors",
        "osteopathy",
        "TENS machines",
        "back braces",
        "acupuncture",
        "massage",
        "massages",
    }
)


def activity_asked_about(text: str) -> str | None:
    """The activity the guide does not name that the message asks about, or None.

    The question is in the activity's own sentence, or in the next one pointing back to
    it ("I love swimming. Can I still do it?").
    """
    sentences = _SENTENCES.split(text)
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        later = sentences[index + 1 : index + 3]
        # "Pulled my back gardening, is swimming ok?": the story's activity is passed over.
        for found in _ACTIVITY.finditer(sentence):
            before = sentence[: found.start()]
            if (
                _TELLS_HOW_IT_FEELS.search(before)
                or _CANNOT_DO.search(before)
                or _SET_ASIDE.search(before)
                or _HOW_IT_HAPPENED.search(before)
            ):
                continue
            if (
                _BEEN_DOING.search(before)
                and _DOING_WELL.match(sentence[found.end() :])
                # "... and is yoga ok": a question put with "is" first, not how one is doing.
                and not (_ASKED_WITH_IS.search(before) and not found["activity"].endswith("ing"))
            ):
                # "He's been walking fine ever since": how someone is doing, not a question.
                continue
            if (
                _ASKS_IF_ALL_RIGHT.search(sentence)
                or (_ASKS_IF_ALL_RIGHT.search(following) and _POINTS_BACK.search(following))
                or any(_ASKS_IF_ALL_RIGHT.search(each) and _CARRY_ON.search(each) for each in later)
            ):
                names = [_activity_name(found["activity"])]
                # "Is swimming or yoga better?": both, not the first alone.
                while (
                    (other := _ACTIVITY.search(sentence, found.end())) is not None
                    and _JOINED.fullmatch(sentence[found.end() : other.start()])
                    and _activity_name(other["activity"]) not in names
                ):
                    names.append(_activity_name(other["activity"]))
                    found = other
                return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return None


# Between two activities asked about together: "swimming or yoga", "pilates, yoga and
# walking".
_JOINED = re.compile(r"\s*(?:,|/|\bor\b|\band\b|\bversus\b|\bvs\.?)\s*(?:\bor\b\s*)?", re.I)


def _activity_name(words: str) -> str:
    """How the reply names an activity the patient wrote."""
    if _WALK.search(words):
        return "walking"
    if _HEAT_OR_COLD.search(words):
        return "heat or ice"
    if re.search(r"brace|belt|corset", words, re.IGNORECASE):
        return "back braces"
    if "garden" in words.lower():
        return "gardening"
    if "heavy" in words.lower():
        return "heavy lifting"
    if words.lower().startswith("swim"):
        return "swimming"  # as typed in a hurry: "swiming"
    if re.fullmatch(r"foot(?:y|ie)|soccer|(?:five|5)[\s-]a[\s-]side", words, re.IGNORECASE):
        return "football"
    if words.lower().startswith("tens"):
        return "TENS machines"
    if _PRACTITIONER.match(words):
        return "chiropractors" if words.lower().startswith("chiro") else "osteopathy"
    return " ".join(words.lower().split())


# "Is it sciatica what I have?", "do I have a slipped disc?", "could this be arthritis?"
_ASKS_WHAT_I_HAVE = re.compile(
    r"\b(?:do|could|might|would)\s+i\s+have\b|\bhave\s+i\s+got\b|\bwhat\s+i\s+have\b"
    # "How do I know if I have it?"
    r"|\bhow\s+(?:do|can|would|will|could)\s+i\s+(?:know|tell|find\s+out|check)\s+(?:if|whether)\s+"
    r"(?:i\s+(?:have|'?ve\s+got|got)|it'?s|its|it\s+is)\b"
    # "Is that what this is?", "is my numb foot sciatica?": the patient's own, asked.
    r"|\bis\s+(?:that|this|it)\s+what\s+(?:this\s+is|it\s+is|i\s+have|i'?ve\s+got|i\s+got)\b"
    r"|\bis\s+(?:my|the)\s+(?:\w+\s+){0,3}(?:sciatica|a\s+slipped|a\s+herniated|a\s+bulging|stenosis"
    r"|arthritis|osteoarthritis|degenerative)"
    # "Does this mean I have sciatica?", "so that means I've got a slipped disc?"
    r"|\b(?:mean|means|meaning)\s+(?:that\s+)?i\s*(?:have|'ve\s+got|ve\s+got|got)\b"
    # "Does that mean it's osteoarthritis?"
    r"|\b(?:mean|means)\s+(?:that\s+)?(?:it'?s|its|it\s+is|this\s+is)\s+(?:a\s+|an\s+)?"
    r"(?:sciatica|slipped|herniated|bulging|disc|stenosis|arthritis|osteoarthritis|degenerative)"
    r"|\b(?:is|could|might)\s+(?:it|this|that|mine)\s+(?:be\s+)?(?:a\s+|an\s+|the\s+)?"
    r"(?:sciatica|slipped|herniated|bulging|disc|stenosis|arthritis|osteoarthritis|degenerative)"
    r"|\bam\s+i\s+(?:suffering|having)\b|\bdiagnos\w*\s+(?:me|myself)\b"
    # "Maybe it is hernia of disc like my brother have?"
    r"|\b(?:maybe|perhaps|probably|possibly)\s+(?:it|this|that|mine)(?:'?s|\s+is)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:\w+\s+)?(?:hernia\w*|sciatica|slipped|herniated|bulging|disc|stenosis|arthritis"
    r"|osteoarthritis|degenerative)[^.!]*\?"
    # "Do you think it's a slipped disc?"
    r"|\b(?:do|would)\s+(?:you|u|ya)\s+(?:think|reckon|say)\s+(?:(?:it'?s|its|it\s+is|this\s+is|that'?s"
    # "Do you think it might be the arthritis?"
    r"|that\s+is|(?:it|this|that)\s+(?:might|could|may|would)\s+be)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:sciatica|slipped|herniated|bulging|disc"
    r"|stenosis|arthritis|osteoarthritis|degenerative|trapped)|i\s+have|i'?ve\s+got|i\s+might\s+have)"
    # "So it's probably not a slipped disc then?": reassurance that it is not one.
    r"|\b(?:it'?s|its|it\s+is|that'?s|so)\s+(?:probably|likely|definitely|maybe)?\s*not\s+(?:a\s+|an\s+)?"
    r"(?:sciatica|slipped|herniated|bulging|disc|stenosis|arthritis|osteoarthritis|degenerative)"
    r"(?=[^.!]*\?)",
    re.IGNORECASE,
)


# "How many minutes a day should I stretch?", "how often should I do them?", "how many
# reps": an amount the guide never gives.
_HOW_MUCH_EXERCISE = re.compile(
    r"\bhow\s+(?:often|many\s+(?:times|minutes|mins|hours|reps|sets|days|sessions)"
    r"|long\s+(?:for|each|every|a\s+day|per)|much\s+(?:exercise|stretching|walking))\b"
    # "How long will physical therapy take before my back feels better?"
    # (Not "how long does it last?", which asks how long the condition lasts.)
    r"|\bhow\s+long\s+(?:will|does|would|do|should)\s+(?:the\s+)?(?:physio\w*|physical\s+therapy"
    r"|treatment|exercises?|stretch\w*)[^.?!]{0,20}\b(?:take|last|need|go\s+on)\b"
    r"|\bhow\s+many\s+(?:physio\w*\s+|physical\s+therapy\s+|pt\s+)?(?:sessions|weeks|months)\b"
    # "How long until physiotherapy starts working?"
    r"|\bhow\s+long\s+(?:until|till|til|before)\s+(?:the\s+)?(?:home\s+)?(?:physio\w*|physical\s+therapy"
    r"|treatment|exercises?|stretch\w*)\b"
    r"|\b(?:minutes|mins|times|reps|sets)\s+(?:a|per|each)\s+(?:day|week)\b",
    re.IGNORECASE,
)


_WHAT_TO_AVOID = re.compile(
    r"\b(?:avoid\w*|stay\s+away\s+from|steer\s+clear\s+of|shouldn'?t\s+(?:i\s+)?(?:do|try)"
    r"|should\s+i\s+not\s+(?:do|try)|not\s+(?:to\s+)?(?:do|try))\b",
    re.IGNORECASE,
)


# "What exercises are safe for a herniated disc?", "which stretches are ok with sciatica":
# the guide names no exercise, safe or not.
_WHICH_ARE_SAFE = re.compile(
    r"\b(?:what|which)\s+(?:kind\s+of\s+|sort\s+of\s+|types?\s+of\s+)?(?:exercises?|stretch\w*"
    r"|movements?|workouts?|activities)\s+(?:are|is|would\s+be)\s+(?:\w+\s+)?(?:safe|ok|okay|alright"
    r"|fine)\b|\bsafe\s+(?:exercises?|stretch\w*|movements?|workouts?)\s+(?:for|with)\b",
    re.IGNORECASE,
)


def asks_which_are_safe(text: str) -> bool:
    """Whether the message asks which exercises are safe, or whether exercise makes it worse.

    The guide says neither: "can exercise make it worse?" answered with its praise of
    exercise alone would read as a no.
    """
    return bool(_WHICH_ARE_SAFE.search(text) or _MAKES_IT_WORSE.search(text))


_MAKES_IT_WORSE = re.compile(
    r"\b(?:can|could|will|would|does|do|might|may)\s+(?:\w+\s+)?(?:exercis\w*|stretch\w*|training"
    r"|working\s+out|the\s+gym|yoga|pilates|lifting|running|moving|movement)\s+(?:\w+\s+)?"
    r"(?:make|makes|made)\s+(?:it|my\s+\w+|things|the\s+\w+)\s+(?:\w+\s+)?worse\b",
    re.IGNORECASE,
)


def asks_what_to_avoid(text: str) -> bool:
    """Whether the question asks which exercises or movements to avoid (the guide names none)."""
    return bool(_WHAT_TO_AVOID.search(text)) and is_question(text)


def asks_how_much_exercise(text: str) -> bool:
    """Whether the question asks how often or how long to exercise or stretch."""
    return bool(_HOW_MUCH_EXERCISE.search(text))


# "It upsets my stomach", "naproxen makes me dizzy", "I think I'm allergic to it": a
# medicine that disagrees with the patient, which the guide does not cover.
_SIDE_EFFECT = re.compile(
    r"\b(?:upsets?|upsetting|irritat\w*|hurts?|burns?)\s+my\s+(?:stomach|tummy|gut)\b"
    r"|\b(?:makes?|making|made)\s+me\s+(?:feel\s+)?(?:sick|dizzy|drowsy|nauseous|queasy|ill"
    r"|bleed|itch\w*|vomit|throw\s+up)\b"
    r"|\bside[\s-]?effects?\b|\ballergic\b|\b(?:bad\s+)?reaction\s+to\b"
    r"|\b(?:stomach|tummy)\s+(?:pain|ache|problems?|bleed\w*)\s+(?:from|with|since|after)\b"
    r"|\bheartburn\b|\bindigestion\s+from\b",
    re.IGNORECASE,
)


def tells_a_side_effect(text: str) -> bool:
    """Whether the message tells of, or asks about, a medicine disagreeing with the patient."""
    return bool(_SIDE_EFFECT.search(text))


def asks_what_i_have(text: str) -> bool:
    """Whether the message asks whether the patient has a condition (a diagnosis)."""
    return bool(_ASKS_WHAT_I_HAVE.search(text))


# Painkillers that are not anti-inflammatories, the only kind the guide names.
_OTHER_PAINKILLER = re.compile(
    r"\b(?P<medicine>paracetamol|acetaminophen|tylenol|panadol|calpol|codeine|co[-\s]?codamol"
    r"|tramadol|gabapentin|pregabalin|amitriptyline|morphine|oxycodone"
    # Supplements: "does glucosamine help?"
    r"|glucosamine|chondroitin|turmeric|curcumin|fish\s+oil|cod\s+liver\s+oil|collagen|cbd(?:\s+oil)?"
    r"|magnesium|vitamin\s+d)\b",
    re.IGNORECASE,
)


def other_painkiller_named(text: str) -> str | None:
    """A painkiller the message names that is not the anti-inflammatory the guide speaks of.

    "What about paracetamol then?" after the guide's answer on anti-inflammatories: the
    answer alone would read as if it were about paracetamol.
    """
    found = _OTHER_PAINKILLER.search(text)
    return found["medicine"].lower() if found else None


_ANTI_INFLAMMATORY = re.compile(
    r"\b(?:ibuprofen|naproxen|nurofen|advil|diclofenac|voltarol|aspirin|anti-?inflammator\w*"
    r"|nsaids?)\b",
    re.IGNORECASE,
)


def names_an_anti_inflammatory(text: str) -> bool:
    """Whether the message names an anti-inflammatory, the kind of medicine the guide names."""
    return bool(_ANTI_INFLAMMATORY.search(text))
