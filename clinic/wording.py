"""How a message is put, whatever it is about: a question, or about the writer themselves.

The check-in, the red-flag reading and the FAQ follow-ups all need to tell "I get tingling
in my leg" (a report) from "does sciatica cause tingling?" (a question).
"""

from __future__ import annotations

import re

_SELF = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me)\b", re.IGNORECASE)
_QUESTION_WORD = (
    # "and whats the number", "so is it serious": a question word after a small lead-in,
    # contracted or not.
    r"^\s*(?:(?:and|so|but|also|ok|okay|oh)[\s,]+)?"
    r"(?:what|what'?s|wats?|why|how|how'?s|which|where|where'?s|who|who'?s"
    r"|can|could|does|do|is|are|should|will|would"
    # ("When I walk a long way my legs go numb": when it happens, told.)
    r"|when(?!\s+(?:i|i'm|im|i've|ive|my|it|it's|its|the|we|he|she|they|you|your|his|her|our)\b))"
    r"\b"
)
_OPENS_AS_QUESTION = re.compile(_QUESTION_WORD, re.IGNORECASE)
# "I'd like to know if physio would help", "I was wondering whether...": a question put
# as a statement, without its mark.
_INDIRECT_QUESTION = (
    r"\b(?:i'?d\s+like\s+to\s+know|i\s+would\s+like\s+to\s+know|i\s+(?:was\s+|am\s+|'?m\s+)?"
    r"wonder(?:ing)?|i\s+want(?:ed)?\s+to\s+(?:know|ask)|(?:can|could)\s+you\s+tell\s+me"
    r"|please\s+tell\s+me)\s+(?:if|whether|what|how|why|when|which)\b"
)
# "Now I just want some exercise tips": what the patient asks for, said as a wish.
_ASKS_FOR_TIPS = (
    r"\bi\s+(?:just\s+|only\s+|really\s+)?(?:want|need|would\s+like|'?d\s+like)\s+"
    r"(?:some\s+|a\s+few\s+|any\s+)?(?:good\s+|gentle\s+|simple\s+|easy\s+)?"
    r"(?:exercise\s+tips|exercises|stretches|stretching\s+tips|tips|ideas)\b"
)
# "Now just asking about back exercises to do at home", "my question is ...".
_SAYS_IT_ASKS = (
    r"\b(?:just\s+|only\s+|really\s+)?asking\s+(?:about|for|if|whether|what|how|which)\b"
    r"|\bmy\s+question\s+is\b"
)
_QUESTION = re.compile(
    r"\?|" + "|".join((_QUESTION_WORD, _INDIRECT_QUESTION, _ASKS_FOR_TIPS, _SAYS_IT_ASKS)),
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A question mark anywhere, or a question word first ("can i work")."""
    return bool(_QUESTION.search(text))


_SENTENCE_OR_CLAUSE = re.compile(r"(?<=[.!,;])\s+")


def asks_in_some_sentence(text: str) -> bool:
    """A question mark, or a sentence that opens with a question word.

    "Back pain 2 wks, about a 4. is it ok to take ibuprofen for it": no question mark,
    and the question comes after the story.
    """
    return is_question(text) or any(
        opens_as_question(part) for part in _SENTENCE_OR_CLAUSE.split(text)[1:]
    )


def asks_indirectly(text: str) -> bool:
    """A question put as a wish to know ("I just wanted to know about stretches").

    "I'm just wondering if ibuprofen or paracetamol is better": a question, however typed.
    """
    return bool(_ASKS_INDIRECTLY.search(text))


_ASKS_INDIRECTLY = re.compile(
    r"\b(?:wondering|wonder|want(?:ed)?\s+to\s+know|curious)\s+(?:if|whether|what|which|how"
    r"|about|why)\b",
    re.IGNORECASE,
)


# "What should I do?", "wat can i do about it": what the check-in's result itself answers.
_WHAT_TO_DO = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|but|well)\W+)?(?:"
    r"(?:what|wat|wot)\s+(?:should|shall|can|do|must|could|would|to)\s+(?:i|we|he|she|they|u|you)?"
    r"\s*(?:do|try)"
    # "Anything I should do?", "is there anything I can do?"
    r"|(?:is\s+there\s+)?any\s*thing\s+(?:i|we|he|she|they|u)\s+(?:should|can|could|must|need\s+to)"
    r"\s+(?:do|try)"
    # "what I must do?", as it is often put in other languages' order
    r"|(?:please\s+)?(?:what|wat)\s+(?:i|we)\s+(?:should\s+|must\s+|can\s+|need\s+to\s+)?do"
    # "What does the clinic suggest?", "what would you advise?"
    r"|what\s+(?:does|do|would|can)\s+(?:the\s+clinic|you|your\s+clinic|you\s+guys)\s+"
    r"(?:suggest|recommend|advise)"
    # "should I see someone?", "should I be worried??", "do I need to see a doctor?": what
    # the check-in's result answers
    r"|(?:should|shud|shall|do|must)\s+(?:i|we|he|she|they|u)\s+(?:really\s+|still\s+)?"
    r"(?:see|visit|go\s+to|need\s+to\s+see|be\s+(?:worried|concerned)|worry|book(?:\s+in)?"
    r"|come\s+in|get\s+(?:it\s+|this\s+)?(?:checked|seen))"
    r"(?:\s+(?:someone|some1|somebody|anyone|a\s+doctor|a\s+specialist|a\s+gp|my\s+gp"
    r"|a\s+professional))?"
    r"(?:\s+(?:about\s+(?:it|this|that)|now|then))?"
    r")(?:\s+(?:about\s+(?:it|this|that)|now|then|next|for\s+(?:it|this|that|me|us|her|him|them)))?"
    r"\W*$",
    re.IGNORECASE,
)


def only_asks_what_to_do(text: str) -> bool:
    """Whether every question the message asks is "what should I do?" and nothing more.

    "Also sometimes my left foot tingles?? should I see someone": a symptom told with
    doubt in its question marks is told, not asked.
    """
    asked = [
        part
        for part in _SENTENCE_OR_QUESTION.split(text)
        if part.strip()
        and (
            opens_as_question(part)
            or _WHAT_TO_DO.match(part)
            or (is_question(part) and not _TOLD_WITH_DOUBT.match(part))
        )
    ]
    return bool(asked) and all(_WHAT_TO_DO.match(part) for part in asked)


_SENTENCE_OR_QUESTION = re.compile(r"(?<=[.!,;?])\s+")
# "my left foot tingles??", "also my leg goes numb?": the writer's own body, said, with no
# word that would make it a question of its own ("my foot tingling, normal?").
_TOLD_WITH_DOUBT = re.compile(
    r"^\W*(?:(?:also|and|plus|but)\s+)?(?:sometimes\s+|now\s+)?(?:my|i|i'm|im)\s+"
    r"(?!.*\b(?:ok|okay|normal|bad|serious|safe|worried|worry|should|can|could|do|does)\b)",
    re.IGNORECASE,
)


def opens_as_question(text: str) -> bool:
    """A question word first ("is it normal to bleed"), whatever the punctuation.

    For a clause cut out of a longer message, where a question mark may belong to another.
    """
    return bool(_OPENS_AS_QUESTION.match(text))


def speaks_of_self(text: str) -> bool:
    """Whether the writer speaks of themselves: "I", "my", "me"."""
    return bool(_SELF.search(text))


# "Call me back", "can someone ring me": a call from the clinic, not the patient ringing us.
_CALL_ME = re.compile(
    r"\b(?:call|ring|phone|telephone)\s+(?:me|us)\b(?!\s+(?:if|when)\b)|\bcall\s*-?\s*back\b"
    r"|\b(?:give|gimme)\s+me\s+a\s+(?:call|ring)\b"
    # "Can someone just ring him instead?", "could a doctor phone my husband": a call to
    # the patient the writer speaks for.
    r"|\b(?:can|could|would|will)\s+(?:you|someone|somebody|a\s+doctor|the\s+doctor|your\s+team"
    r"|the\s+clinic|one\s+of\s+(?:you|your\s+\w+))\s+(?:just\s+|please\s+|maybe\s+)?"
    r"(?:call|ring|phone|telephone)\s+(?:him|her|them|my\s+(?:husband|wife|partner|mum|mom|mother"
    r"|dad|father|son|daughter|brother|sister|nan|gran))\b",
    re.IGNORECASE,
)


def asks_to_be_called(text: str) -> bool:
    """Whether the writer asks the clinic to call them ("pls call me back")."""
    return bool(_CALL_ME.search(text))


_OTHERS = re.compile(
    r"\b(?:he|she|they|his|her|their|him|them|mum|mom|dad|mother|father|husband|wife|partner|"
    r"son|daughter|sister|brother|friend|gran|grandma|grandad|grandpa|nan|aunt|uncle|cousin|"
    r"colleague|neighbour|neighbor|boss|kid|child)\b",
    re.IGNORECASE,
)
# "My sister says my back pain is because of my hips": the writer's own back.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|myself)\b"
    r"|\bmy\s+(?:own\s+)?(?:lower\s+|upper\s+|bad\s+|sore\s+)?(?:back|spine)\b",
    re.IGNORECASE,
)
_OVER = re.compile(
    r"\b(?:(?:\w+\s+)?(?:years?|yrs?|months?|mths?|mnths?)\s+ago|years\s+back|went\s+away|gone\s+now"
    r"|fully\s+"
    r"(?:recovered|healed|went)|cleared\s+up|all\s+sorted|used\s+to|all\s+healed"
    r"|healed\s+(?:fine|up|well|ok))\b",
    re.IGNORECASE,
)
# "I had chest pain going into my back last year": an episode told in the past tense, not
# "I've had it since last year".
_PAST_EPISODE = re.compile(
    r"(?<!have\s)(?<!'ve\s)(?<!ive\s)\b(?:had|was|were)\b(?![^.,;]*\bsince\b)[^.,;]*"
    r"\b(?:last\s+(?:year|month|summer|winter|spring|autumn)|in\s+(?:19|20)\d\d)\b"
    # "Last month I had a temperature with the flu"
    r"|\blast\s+(?:year|month|summer|winter|spring|autumn)\b(?![^.,;]*\bsince\b)[^.,;]*"
    r"\b(?:i|he|she|we|they)\s+(?:had|was|were)\b",
    re.IGNORECASE,
)
# "My back", "I've got": the writer's own case, in a question as much as in a story.
_FIRST_PERSON_OWN = re.compile(r"\bmy\b|\bi\s*(?:'ve|have|had|got|am|'m)\b", re.IGNORECASE)
_PARTS = re.compile(r"(?<=[.!?;,\n])\s+|\s+(?=\b(?:but|and\s+now|now)\b)", re.IGNORECASE)
# "I'm asking for my dad", "on behalf of my wife": the writer is not the one in pain.
_ASKING_FOR = re.compile(
    r"\b(?:asking|writing|here|messaging|enquiring|inquiring|booking)\s+(?:for|about)\s+(?:my|our)\b"
    # Not "I'm asking about MY back": the writer's own.
    r"(?!\s+(?:own\s+)?(?:back|lower\s+back|pain|spine|body|symptoms?|case|problem|legs?|neck)\b)"
    r"|\bon\s+behalf\s+of\b|\bnot\s+(?:for\s+)?me\b|\bnot\s+my\s+(?:own\s+)?(?:pain|back)\b"
    r"|\b(?:it'?s|its|it\s+is|this\s+is)\s+(?:for|about)\s+(?:my|our)\b"
    # "is for my grandmother, she is 84", written in a second language.
    r"|(?:^|[.,!?]\s*)is\s+(?:for|about)\s+(?:my|our)\s+(?!(?:own\s+)?(?:back|pain)\b)"
    # "My husband has back pain ... can I check for him?"
    r"|\b(?:check|ask|answer|book|do\s+(?:it|this|the\s+questions))\s+for\s+(?:him|her|them)\b",
    re.IGNORECASE,
)


def about_someone_else(text: str) -> bool:
    """Whether the pain the message tells of is someone else's ("my husband's back hurts").

    Someone else is named and the writer does not speak of themselves, or says outright
    that they are asking for another person.
    """
    if _ASKING_FOR.search(text):
        return True
    told = _THE_WRITERS_ASIDE.sub(" ", text)
    return bool(_OTHERS.search(_THEY_OF_THINGS.sub(" ", told))) and not _FIRST_PERSON.search(told)


# "While I'm here, my husband has had sciatica for ages", "I was wondering, my mum...": the
# writer speaks, but of nobody's pain.
_THE_WRITERS_ASIDE = re.compile(
    r"\bwhile\s+(?:i'?m|im|i\s+am)\s+(?:here|at\s+it|on\s+here)\b|\bwhile\s+i\s+(?:have|'?ve\s+got|got)"
    r"\s+you\b|\bi\s+(?:was\s+)?wonder(?:ed|ing)\b|\bi\s+(?:think|guess|suppose|reckon)\b"
    r"|\bi\s+(?:don'?t|dont)\s+know\b|\bi'?ll\s+(?:try|ask|tell)\b"
    # "ok sorry i write english": about the writing, not the pain.
    r"|\bi\s+(?:write|speak|type)\s+(?:in\s+)?(?:english|spanish|\w+ish)\b",
    re.IGNORECASE,
)


# "My hips are stiff and my back aches, are they connected?": "they" of the aches, not of
# another person.
_THEY_OF_THINGS = re.compile(
    r"\b(?:are|were|could|can|do|did|might|would|is\s+it\s+because)\s+(?:they|them)\s+(?:be\s+)?"
    r"(?:connected|related|linked|the\s+same|part|both|caused|from)\b"
    r"|\b(?:they|them)\s+(?:are|'re|being)\s+(?:connected|related|linked)\b",
    re.IGNORECASE,
)


def current_story(text: str, *, someone_else: bool = False) -> str:
    """The parts of a message about the pain now, of the writer or of the person asked for.

    Drops the parts about an episode that is over ("two years ago I had numbness, it fully
    went away"), and, for the writer's own pain, the parts about someone else ("my mum had
    cauda equina a few years ago"), so that the check-in does not take their durations or
    symptoms for the patient's.
    """
    kept = [
        part
        for part in _PARTS.split(text)
        if (someone_else or not (_OTHERS.search(part) and not _FIRST_PERSON.search(part)))
        and not _OVER.search(_SINCE_THEN.sub(" ", part))
        and not _PAST_EPISODE.search(part)
        and not (_SOMETHING_ELSE_LASTED.search(part) and not _PAIN_WORDS.search(part))
    ]
    return " ".join(kept)


# "Office job, sat at a desk for 30 years": how long something else has lasted.
_SOMETHING_ELSE_LASTED = re.compile(
    r"\b(?:desk|office|job|jobs|worked|work\s+as|working\s+as|married|lived|smoked|retired"
    r"|career|driver|nurse|teacher|builder)\b",
    re.IGNORECASE,
)
_PAIN_WORDS = re.compile(
    r"\b(?:pain\w*|hurt\w*|ache\w*|aching|sore|stiff\w*|agony|twinge\w*|numb\w*|tingl\w*|weak\w*"
    r"|sciatica|back|spine|disc|leg|legs)\b",
    re.IGNORECASE,
)


# "Since I moved house about 2 months ago": when the pain now began, not an episode over.
# "About a month ago I started getting this ache", "it began 2 months ago": when it began.
_SINCE_THEN = re.compile(
    r"\bsince\b[^.,;]*?\b(?:\w+\s+)?(?:years?|months?|weeks?|days?)\s+ago\b"
    r"|\b(?:\w+\s+)?(?:years?|months?|weeks?|days?)\s+ago\s*,?\s*(?:i|it|this|that|the\s+\w+"
    r"|my\s+\w+)\s+(?:\w+\s+)?(?:started|began|begun)\b"
    r"|\b(?:started|began|begun)\b[^.,;]*?\b(?:\w+\s+)?(?:years?|months?|weeks?|days?)\s+ago\b",
    re.IGNORECASE,
)


def told_parts(text: str) -> str:
    """The parts of a message that tell something, or ask about the writer's own case.

    "What does a physio do for back pain? and how many sessions would I need": the back
    pain is what the question is about, not what the writer says they have; "why does my
    back hurt when I sit?" is about their own.
    """
    return " ".join(
        part
        for part in _PARTS.split(text)
        if not is_question(part) or _FIRST_PERSON_OWN.search(part)
    )


def own_current_story(text: str) -> str:
    """The parts of a message about the writer's own pain now (see `current_story`)."""
    return current_story(text)


# "Not sure what you mean by tingling", "what does numbness mean?": a question about the
# words of the question, not an answer to it.
_WHAT_IT_MEANS = re.compile(
    r"\bwhat\s+(?:do|does|did)\s+(?:you|it|that|this)\s+(?:actually\s+|really\s+|even\s+)?mean\b"
    r"|\bwhat\s+you\s+mean\b"
    r"|\bwhat\s+(?:is|are|'s)\s+(?:meant\s+by\s+)?(?:tingling|numbness|weakness|pins)\b"
    r"|\b(?:not\s+sure|don'?t\s+(?:know|understand)|do\s+not\s+(?:know|understand))\s+what\b"
    r"|\bwhat\s+(?:does|do)\s+\w+\s+mean\b"
    # "What mean groin?", "what's a groin?", "where is it?" said of a word in the question.
    r"|\bwhat\s+mean\b|\bmeaning\s+of\b|\bwhat(?:'s|s|\s+is)\s+(?:a|an|the)\s+"
    r"(?:groin|saddle|bowel|bladder|incontinence|numbness|tingling|fever|sciatica)\b"
    r"|^\W*where\s+is\s+(?:it|that|the\s+groin)\W*$",
    re.IGNORECASE,
)


def asks_what_it_means(text: str) -> bool:
    """Whether the patient asks what the words of a question mean, rather than answering."""
    return bool(_WHAT_IT_MEANS.search(text))


# Between sentences: "2:30 with the physio. Could you text my phone instead?"
SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+")


# The ways patients say thanks: "thanks", "thank u", "thx", "ty", "cheers", "ta".
THANKS_WORDS = r"thanks?|thank\s*(?:you|u|ya)|thx|ty|cheers|ta"


# "Stop. Can I do deadlifts?", "stop asking me that", "ok stop please": a stop said first or
# about the questions, not the pain ("stop the pain", "stop it hurting").
# A farewell in so many words: "ok forget it. bye", "No, that is all. Goodbye."; not
# "cheers" or "that's all", which also close a choice ("the 4pm tue, cheers").
_SAYS_BYE = re.compile(
    r"\b(?:bye|goodbye|good\s+bye|see\s+ya|see\s+you|cya|ta\s+ta|take\s+care)\b"
    # "... this is def just my back. night": said last, good night.
    r"|(?:^|[.!,;]\s*)(?:good\s*)?(?:night|nite)\W*$",
    re.IGNORECASE,
)


def says_goodbye(text: str) -> bool:
    """Whether the message takes its leave, whatever else it says."""
    return _SAYS_BYE.search(text) is not None


def ends_with_goodbye(text: str) -> bool:
    """Whether the message's last sentence takes its leave ("... anyway no, not now, bye")."""
    last = next((part for part in reversed(re.split(r"[.?!]+", text)) if part.strip()), "")
    return not text.rstrip().endswith("?") and says_goodbye(last)


_STOP_COMMAND = re.compile(
    r"^\s*(?:(?:hmm+|um+|uh+|ugh+|oh|wait|sorry|no|actually|ok(?:ay)?)\s*[,.!]*\s*)*"
    r"(?:please\s+|pls\s+|just\s+|can\s+you\s+|could\s+you\s+)?"
    r"stop(?:\s+(?:it|now|please|pls|there))?\s*(?:[.!,;:]|$)"
    r"|\bstop\s+(?:asking|with\s+the\s+questions|the\s+questions|these\s+questions|the\s+check)\b"
    # "actually let me check with my midwife first. stop": a stop said last, on its own.
    r"|[.,!;]\s*stop(?:\s+(?:it|now|please|pls|there))?\s*[.!]*\s*$"
    # "Nothing earlier than 11? ok whatever stop, I'll call": a stop opening a sentence.
    r"|[.?!]\s*(?:(?:ok(?:ay)?|fine|whatever|forget\s+it|never\s*mind|just|actually|no|wait"
    r"|sorry|ugh+|argh+)\s*[,.!]*\s*)*stop\s*[,.!;]"
    # "Actually never mind, can I just ask if stretching helps?": what was going on is
    # dropped for the question.
    r"|^\s*(?:(?:oh|ok(?:ay)?|sorry|actually|wait|hmm+)\s*[,.!]*\s*)*(?:never\s*mind|nvm"
    r"|forget\s+(?:it|that|the\s+booking))\s*[,.!;:-]+\s*(?:(?:can|could|may)\s+i\s+(?:just\s+)?ask"
    r"|i\s+(?:just\s+|only\s+)?want(?:ed)?\s+to\s+(?:ask|know)|(?:just\s+)?(?:a\s+)?(?:quick\s+)?question)\b",
    re.IGNORECASE,
)


def asks_to_stop(text: str) -> bool:
    """Whether the message tells the assistant to stop what it is doing."""
    return bool(_STOP_COMMAND.search(text))


# "Why do you need to know? I was just asking in general": a question, not a story.
_IN_GENERAL = re.compile(
    r"\b(?:just|only)\s+asking\s+(?:in\s+general|generally|out\s+of\s+interest|hypothetically"
    r"|in\s+theory)\b"
    r"|\b(?:i\s+was|i'?m|im)\s+(?:just\s+|only\s+)?asking\s+(?:in\s+general|generally"
    r"|hypothetically|in\s+theory)\b|\b(?:it\s+was|it'?s|its)\s+(?:just\s+)?(?:a\s+)?hypothetical\b"
    r"|\b(?:a|just\s+a)\s+general\s+question\b|\bnot\s+asking\s+(?:about|for)\s+me\b"
    # "I just want to know if rowing is ok for backs in general", "I don't want a questionnaire".
    r"|\b(?:just|only)\s+(?:want(?:ed)?\s+to\s+know|wondering|curious)\b[^.?!]*\bin\s+general\b"
    r"|\b(?:don'?t|dont|do\s+not)\s+want\s+(?:a\s+|the\s+|any\s+|this\s+|your\s+)?"
    r"(?:questionnaire|quiz|survey|questions|check-?in|check\s*-?\s*up|assessment)\b"
    # "I didn't ask for a symptom check".
    r"|\bi\s+(?:didn'?t|didnt|did\s+not|never)\s+ask(?:ed)?\s+(?:for|you\s+(?:for|to))\s+"
    r"(?:a\s+|the\s+|any\s+|my\s+|this\s+)?(?:symptom\s+)?(?:check\w*|questions|assessment|check-?in"
    r"|questionnaire|quiz|survey|interrogation)\b",
    re.IGNORECASE,
)


def only_asks_in_general(text: str) -> bool:
    """Whether the patient says a question was general, not about their own pain."""
    return bool(_IN_GENERAL.search(text))


# "I don't have any pain, it's for my mum", "I'm not in pain, I just asked": not a story
# for the check-in ("no pain when I sit" answers a question and is not this).
_NO_PAIN = re.compile(
    r"\b(?:i\s+(?:don'?t|dont|do\s+not)\s+(?:actually\s+|really\s+|even\s+)?have|i\s+(?:have|got)\s+no"
    r"|i'?m\s+not\s+(?:really\s+)?in"
    r"|im\s+not\s+(?:really\s+)?in|i\s+am\s+not\s+(?:really\s+)?in|there'?s\s+no|theres\s+no"
    r"|there\s+is\s+no)\s+(?:any\s+)?(?:back\s+)?pain\b"
    r"(?:\s+(?:myself|yet|at\s+all)){0,2}"
    r"(?!\s+(?:when|if|while|at\s+night|now\s+but))"
    # "It doesn't hurt at all", and "Doesn't hurt at all." said as a sentence of its own
    r"|(?:\bit\s+|(?:^|[.!?]\s*))(?:doesn'?t|doesnt|does\s+not)\s+(?:even\s+)?hurt\s*(?:at\s+all)?"
    r"\s*(?:[,.!]|lol|it'?s\b|$)",
    re.IGNORECASE,
)


# "No pain, but...", and "there's no pain, just the stiffness": something is still wrong
# (a painless click is not: "theres no pain lol, its just a click").
_BUT_SOMETIMES = re.compile(
    r"\bbut\b|\bcomes\s+and\s+goes\b|\bonly\s+when\b|\bstiff\w*",
    re.IGNORECASE,
)


# "Not actually in pain, but my lower back feels really stiff", "doesn't really hurt as
# such": something other than pain, which the check-in asks about in its own words.
_PAIN_DENIED = re.compile(
    r"\b(?:not|n'?t)\s+(?:actually\s+|really\s+)?(?:in\s+(?:any\s+)?pain|painful)\b"
    r"|\b(?:doesn'?t|doesnt|does\s+not|don'?t|dont)\s+(?:actually\s+|really\s+|even\s+)?hurt\b"
    r"(?!\s+(?:when|if|while|unless|until|much|as\s+much|that\s+much))"
    r"|\bno\s+(?:real\s+)?pain\b(?!\s+(?:when|if|while|killers?|relief))"
    r"|\b(?:stiff(?:ness)?|tight(?:ness)?)\s+more\s+than\s+(?:pain|sore|painful|hurt\w*)\b",
    re.IGNORECASE,
)
_STIFF_OR_CLICKS = re.compile(
    r"\b(?:stiff\w*|click\w*|clunk\w*|creak\w*|crack(?:s|ing|le\w*)?|grind\w*|tight(?:ness)?)\b",
    re.IGNORECASE,
)


def tells_stiffness_without_pain(text: str) -> bool:
    """Whether the writer tells of stiffness or a click in their own back, and no pain."""
    return (
        bool(_PAIN_DENIED.search(text) or _NO_PAIN.search(text))
        and bool(_STIFF_OR_CLICKS.search(text))
        and not about_someone_else(text)
    )


def says_no_pain(text: str) -> bool:
    """Whether the patient says they have no pain at all.

    Not "no pain now, but...", nor "I don't have pain myself, it's for my wife", which
    asks for the questions about her.
    """
    return (
        bool(_NO_PAIN.search(text))
        and not _BUT_SOMETIMES.search(text)
        and not about_someone_else(text)
    )


# The writer's own back, said outright: "my back hurts too", "I've had sciatica for years".
_OWN_PAIN = re.compile(
    r"\b(?:my\s+(?:own\s+)?(?:lower\s+|upper\s+)?back|my\s+own|i\s+(?:have|'ve|ve)\s+(?:had\s+|got\s+)?"
    r"(?:back|pain|sciatica|a\s+bad\s+back)|i'?m\s+in\s+pain|im\s+in\s+pain|me\s+too|myself)\b",
    re.IGNORECASE,
)


def tells_own_pain_outright(text: str) -> bool:
    """Whether the writer speaks of their own back or pain in so many words."""
    return bool(_OWN_PAIN.search(text))


# "Third time I've tried to get through and nobody answers", "waited 40 minutes and then
# they cancelled": trouble with the clinic itself.
_COMPLAINT = re.compile(
    r"\b(?:nobody|no\s+one|noone|no-one)\s+(?:ever\s+)?(?:answers|picks\s+up|answered|picked\s+up"
    r"|gets\s+back|got\s+back|called\s+(?:me\s+)?back|rang\s+(?:me\s+)?back)\b"
    r"|\b(?:can'?t|cannot|couldn'?t|could\s+not|never)\s+(?:get|got)\s+through\b"
    r"|\btried\s+to\s+(?:get\s+through|call\s+you|ring\s+you|phone\s+you)\b"
    r"|\bon\s+hold\s+for\b"
    r"|\b(?:make|making|made)\s+a\s+complaint\b|\bcomplain\w*\s+(?:about|to)\b"
    r"|\b(?:speak|talk)\s+to\s+(?:a|the|your)\s+manager\b"
    r"|\bwaited\s+(?:for\s+)?(?:over\s+)?(?:an?\s+hour|\d+\s*(?:min\w*|hours?))\b"
    r"|\b(?:you|they|someone)\s+cancell?ed\s+(?:my|the)\s+appointment\b"
    # "I've been waiting 3 weeks for someone to call me back, this is ridiculous"
    r"|\b(?:been\s+)?waiting\s+(?:for\s+)?(?:over\s+|nearly\s+|almost\s+)?(?:\d+|a|an|two|three|four"
    r"|several|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?|hours?)\s+for\s+(?:someone|somebody|you"
    r"|a\s+(?:call|reply|call\s*back|callback)|an?\s+(?:answer|appointment))\b"
    r"|\b(?:this\s+is|it'?s|that'?s)\s+(?:ridiculous|unacceptable|a\s+disgrace|disgraceful|a\s+joke)\b",
    re.IGNORECASE,
)


def complains_about_the_clinic(text: str) -> bool:
    """Whether the patient complains of the clinic: no answer, a long wait, a cancellation."""
    return bool(_COMPLAINT.search(text))


# "What are your opening hours", "where are you", "what's your number": what the clinic's
# contact details answer, asked in any part of a longer message.
_ASKS_FOR_CONTACT = re.compile(
    r"\bopening\s+(?:hours|times)\b|\b(?:when|what\s+time)\s+(?:are\s+you|do\s+you)\s+"
    r"(?:open|close)\b|\bare\s+you\s+open\b|\byour\s+(?:phone\s+)?number\b|\bur\s+number\b"
    r"|\bwhere\s+(?:are\s+you|is\s+the\s+clinic)\b|\byour\s+address\b"
    # "do u do evening appointments?": the opening hours answer it.
    r"|\b(?:do|does)\s+(?:you|u|the\s+clinic)\s+(?:do|have|offer|open)\s+(?:any\s+)?"
    r"(?:evening|weekend|saturday|sunday|late|early)\s*(?:appointments?|appts?|slots?|clinics?|hours)?\b"
    # "Can he just ring you to book instead?", "what's the phone number".
    r"|\b(?:ring|call|phone)\s+(?:you|the\s+clinic|your\s+clinic|the\s+team)\b(?!\s+back)"
    r"|\bwhat'?s\s+(?:the|your|ur)\s+(?:phone\s+|telephone\s+)?number\b"
    # "whats the clinic phone number", "what is the clinic's number?"
    r"|\b(?:what'?s|whats|what\s+is)\s+(?:the|your|ur)\s+(?:clinic'?s?|surgery'?s?|office'?s?)\s+"
    r"(?:phone\s+|telephone\s+|contact\s+)?number\b"
    r"|\b(?:clinic'?s?|your)\s+(?:phone|telephone)\s+(?:number|no)\b"
    # "open thursday evenings?", "r u open on saturdays".
    r"|(?:^|[.!?,;:)]\s*|\b(?:you|u)\s+)open\s+(?:on\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri"
    r"|satur|sun)(?:day)?s?\b|(?:^|[.!?,;:)]\s*|\b(?:you|u)\s+)open\s+(?:at\s+)?(?:weekends?|evenings?"
    r"|late|today|tomorrow|on\s+(?:the\s+)?weekends?)\b"
    # "the clinic is open till 7 on thursdays right?"
    r"|\bopen\s+(?:till|until|til|past)\s+\d{1,2}\b|\bopen\s+late\b",
    re.IGNORECASE,
)


def asks_for_contact_details(text: str) -> bool:
    """Whether the message asks for the clinic's hours, phone number or address."""
    return bool(_ASKS_FOR_CONTACT.search(text))


_CLINICIAN = (
    r"(?:doctors?|docs?|clinicians?|physios?|physiotherapists?|consultants?|specialists?|staff)"
)
_ROLE = (
    r"sports\s+doctor|sports\s+medicine\s+doctor|consultant|physio(?:therapist)?|doctor"
    r"|rheumatologist|specialist"
)
_ASKS_ABOUT_CLINICIANS = re.compile(
    rf"\b(?:female|male|wom[ae]n|lady|ladies|man|men|gentleman)\s+{_CLINICIAN}\b"
    rf"|\b(?:see|have|prefer|want|with)\s+(?:a\s+)?(?:wom[ae]n|lady|man|female|male)\b"
    rf"|\bwho\s+(?:are|is)\s+(?:your|the)\s+(?:\w+\s+)?{_CLINICIAN}\b"
    rf"|\bwhich\s+{_CLINICIAN}\s+(?:work|are|do\s+you|have\s+you|can)\b"
    # "Which doctor is right for sciatica?", "which one is best for him"
    rf"|\bwhich\s+(?:{_CLINICIAN}|one)\s+(?:is|would\s+be|'?s|should\s+(?:i|he|she)\s+see)"
    r"(?:\s+(?:right|best|better|good|suited))?\s+for\b"
    rf"|\bwho\s+(?:will|would|do|can)\s+i\s+(?:see|be\s+seeing|get)\b"
    rf"|\bwho\s+works?\s+(?:there|at\s+the\s+clinic)\b"
    rf"|\b(?:choose|pick)\s+(?:which|who|my|the)\s+(?:{_CLINICIAN}|i\s+see)\b"
    # "who's Dr Okafor?", "is Rhian a doctor?", "sports doctor or consultant?"
    r"|\bwho\s*(?:'?s|is|are)\s+(?:dr\.?|doctor)\s+[a-z]+"
    rf"|\bis\s+(?:dr\.?\s+)?(?!(?:it|this|that|there|he|she|they|a|the|my)\b)[a-z]+\s+"
    rf"(?:an?\s+|the\s+)(?:real\s+|proper\s+)?(?:{_ROLE})\b"
    r"(?=\s*(?:$|[?,.!]|or\b|and\b|too\b|then\b|though\b|tho\b))"
    rf"|\b(?:{_ROLE})\s+or\s+(?:an?\s+|the\s+)?(?:{_ROLE})\b"
    rf"|\bis\s+(?:an?|the)\s+(?:{_ROLE})\s+(?:the\s+right|right|ok|okay|good|best)\b"
    # "Do you have physiotherapists?", "is she a surgeon?", "is that different from the
    # consultant?"
    rf"|\bdo\s+you\s+(?:have|employ|do)\s+(?:any\s+|a\s+)?(?:female\s+|male\s+|women\s+)?{_CLINICIAN}"
    # "You have consultant?", "u got a physio?": asked without "do".
    rf"|^\W*(?:and\s+|so\s+|but\s+)?(?:you|u)\s+(?:have|got)\s+(?:any\s+|a\s+)?{_CLINICIAN}\b[^.!]*\?"
    # "Who else is there?", "who else do you have?"
    r"|\bwho\s+else\s+(?:is\s+there|do\s+you\s+have|have\s+you\s+got|works?|is\s+free"
    r"|can\s+i\s+see|is\s+available)\b"
    rf"|\b(?:is|was)\s+(?:she|he)\s+(?:an?\s+|the\s+)(?:surgeon|spine\s+specialist|{_ROLE})\b"
    rf"|\b(?:different|difference)\b.{{0,30}}\b(?:{_ROLE})\b"
    # "What's a sports doctor?", "what is a rheumatologist": the clinic's own kinds, asked.
    r"|\bwhat\s*(?:'?s|is)\s+(?:an?\s+|the\s+)?(?:sports\s+(?:and\s+exercise\s+)?(?:medicine\s+)?doctor"
    r"|consultant|rheumatologist|advanced\s+practice\s+physio(?:therapist)?)\s*(?:$|[?!.,;]|exactly\b)",
    re.IGNORECASE,
)


def asks_about_clinicians(text: str) -> bool:
    """Whether the message asks who the clinicians are, or for one kind of clinician.

    "Who are your doctors?", "can I see a female doctor?": the clinic's list of who
    patients can book with answers both, and the team takes any other wish.
    """
    found = _ASKS_ABOUT_CLINICIANS.search(text)
    if found is not None and found[0].lower().startswith("which one") and _THINGS.search(text):
        # "Naproxen or paracetamol, which one is better for arthritis?": of two things,
        # not of the clinicians.
        return False
    return found is not None


_THINGS = re.compile(
    r"\b(?:ibuprofen|naproxen|paracetamol|acetaminophen|aspirin|codeine|co-?codamol|tramadol"
    r"|gabapentin|nurofen|voltarol|diclofenac|tablets?|pills?|medicines?|medications?|meds"
    r"|painkillers?|gels?|creams?|heat|ice|exercises?|stretch\w*|yoga|pilates|swimming"
    r"|walking|cycling|mattress\w*|chairs?|pillows?)\b",
    re.IGNORECASE,
)


_URGENT_PLACE = (
    r"(?:emergenc\w*|urgent\w*|a\s*&\s*e|a\s+and\s+e|999|911|112|hospital|ambulance|\ber\b)"
)
_ASKS_ABOUT_EMERGENCY_SIGNS = re.compile(
    # "How quickly should someone get help if they have that?" after the warning signs.
    r"\bhow\s+(?:quickly|fast|soon|urgently|urgent)\s+(?:should|do|does|must|would)\s+(?:i|you"
    r"|someone|somebody|they|he|she|one|we)\s+(?:need\s+to\s+)?(?:get|seek|go|see|call)\b"
    rf"|\b(?:signs?|symptoms?|red\s+flags?|warning\s+signs?)\b.*{_URGENT_PLACE}"
    rf"|{_URGENT_PLACE}\s+(?:signs?|symptoms?)\b"
    rf"|\bwhat\s+(?:counts|makes\s+it|would\s+make\s+it)\s+(?:as\s+)?(?:an?\s+)?emergenc"
    # "Mum doesn't have anything like that, but what should we look out for?"
    r"|\bwhat\s+(?:should|do|must)\s+(?:i|we|he|she|they|you)\s+(?:look|watch)\s+(?:out\s+)?for\b"
    r"|\bwhat\s+to\s+(?:look|watch)\s+out\s+for\b"
    # "What are the warning signs I should look out for?", "what are the signs then",
    # "the emergency warning signs for back pain"
    rf"|\bwhat\s+(?:are|r)\s+(?:the\s+)?(?:other\s+|main\s+)?(?:warning\s+signs?|red\s+flags?"
    rf"|signs(?!\s+(?:of|for)\b))\b"
    # "Do I need A&E yes or no", "should we go to hospital?", "so no A&E then?"
    rf"|\b(?:do|should|must|would|shall)\s+(?:i|we|he|she|they)\s+(?:need\s+(?:to\s+)?)?"
    rf"(?:go\s+(?:to\s+)?|call\s+|ring\s+)?(?:the\s+|an?\s+)?{_URGENT_PLACE}"
    rf"|\bso\s+(?:no|not)\s+(?:the\s+)?{_URGENT_PLACE}"
    rf"|\b(?:emergency|urgent|danger(?:ous)?|serious)\s+(?:warning\s+)?(?:signs?|symptoms?)\b"
    # "What symptoms mean I shouldn't wait?", "which signs mean I can't wait for an appointment"
    r"|\b(?:signs?|symptoms?)\s+(?:mean|means|would\s+mean)\s+(?:i|you|we|someone)\s+"
    r"(?:shouldn'?t|should\s+not|can'?t|cannot|mustn'?t|must\s+not)\s+wait\b"
    # "What signs mean I should stop waiting and get help straight away?"
    r"|\b(?:signs?|symptoms?)\s+(?:mean|means|would\s+mean|tell\s+me)\s+(?:i|you|we|someone)\s+"
    r"(?:should|must|need\s+to|have\s+to)\s+(?:stop\s+waiting|get\s+help|go\s+(?:in|to\s+hospital)"
    r"|seek\s+help|call)\b"
    # "Is back pain with a fever an emergency?"
    r"|\b(?:is|are|would|could|does)\s+(?:\w+\s+){1,8}?(?:an?\s+)?emergenc(?:y|ies)\b"
    rf"|\bwarning\s+signs?\b[^.?]*\b(?:look\s+out|watch\s+(?:out\s+)?for)\b"
    rf"|\b(?:where|what)\s+(?:do|should|would|shall)\s+i\s+(?:go|do)\b.*"
    rf"\b(?:one\s+of\s+(?:those|them|these)|warning\s+signs?|red\s+flags?)\b"
    rf"|\b(?:one\s+of\s+(?:those|them|these)|warning\s+signs?|red\s+flags?)\b.*"
    rf"\b(?:where|what)\s+(?:do|should|would|shall)\s+i\s+(?:go|do)\b"
    rf"|\bwhen\s+(?:is|should|do)\b.*{_URGENT_PLACE}"
    # "So they don't need to go to hospital?"
    rf"|\b(?:need|needs|have|has)\s+to\s+go\s+to\s+(?:the\s+)?{_URGENT_PLACE}"
    # "If it came back, would that be an emergency?", "is that an A&E thing?"
    rf"|\b(?:would|is|will|was)\s+(?:that|it|this)\s+(?:be\s+)?(?:an?\s+)?"
    rf"(?:emergenc\w*|urgent|a\s*&\s*e\s+thing|999\s+thing|hospital\s+thing)\b",
    re.IGNORECASE,
)


_WH_WORD = re.compile(r"\b(?:what|where|when|which|how)\b", re.IGNORECASE)
# "Does a small bladder leak count as a warning sign yes or no": a question however typed.
_COUNTS_AS_A_SIGN = re.compile(
    rf"\bcounts?\s+as\s+(?:an?\s+)?(?:warning\s+sign|red\s+flag|emergenc\w*|{_URGENT_PLACE})",
    re.IGNORECASE,
)


_ASKS_IF_IT_COUNTS = re.compile(
    r"\b(?:would|does|do|will|is|could)\s+(?:that|it|this|they|that\s+one)\s+(?:still\s+|also\s+)?"
    r"(?:count|counts|be\s+one|be\s+a\s+sign|matter|matters)\b"
    # "If someone's back pain came with a fever, would that be serious?"
    r"|\b(?:would|does|is|could)\s+(?:that|it|this)\s+(?:be\s+)?(?:serious|dangerous|bad"
    r"|worrying|an?\s+emergency|urgent)\b"
    # "... he's totally better now. Should he have been worried?"
    r"|\bshould\s+(?:i|he|she|they|we)\s+(?:have\s+)?(?:been\s+)?(?:worried|concerned)\b"
    r"|\b(?:was|is)\s+(?:that|it|this)\s+(?:something\s+)?(?:serious|dangerous|an?\s+emergency)\b"
    # "He said chest pain going into the back can be something serious? Is that true?"
    r"|\bcan\s+be\s+(?:something\s+|very\s+|really\s+)?(?:serious|dangerous|an?\s+emergency)"
    r"\b[^.!]*\?|\bis\s+(?:that|it|this)\s+true\b"
    # "Hypothetically, if I ever got numbness around my bum, what would I do?", "if someone
    # suddenly couldn't control their bladder, what should they do?"
    r"|\b(?:what|where)\s+(?:would|should|do|shall)\s+i\s+(?:do|go)\b"
    r"|\bif\b[^.!?]*\b(?:what|where)\s+(?:would|should|do|shall|must)\s+(?:they|he|she|someone"
    r"|somebody|you|we|a\s+person)\s+(?:do|go)\b"
    # "Does sciatica ever cause loss of bladder control?": whether a sign can come with it.
    r"|^\s*(?:and\s+|but\s+|so\s+)?(?:does|do|can|could|will|would)\s+(?:\w+\s+){1,3}?(?:ever\s+)?"
    r"(?:cause|causes|lead\s+to|bring\s+on|come\s+with|affect|affects)\b[^.!]*\?"
    # "What do you do if someone can't feel their legs after a fall?"
    r"|\bwhat\s+(?:do|should|would|shall|must|can)\s+(?:you|one|people|we)\s+do\s+(?:if|when)\b"
    # "Hypothetically, what would happen if someone with sciatica lost control of their
    # bladder?": a sign imagined, and what it would mean.
    r"|\bwhat\s+(?:would|will|could|should)\s+(?:happen|it\s+mean|that\s+mean)\s+if\b"
    # "Can that happen with sciatica?", "could it happen to me?": whether a sign told of
    # (someone else's, or long past) could come with the patient's own.
    r"|\b(?:can|could|might|would|does|will)\s+(?:that|this|it)\s+(?:also\s+|ever\s+)?happen"
    r"\s+(?:to|with|in|from|because|if|after|for)\b"
    # "My dad lost control of his bladder years ago because of his back, is that common?":
    # how often a sign told of (someone else's, or long past) comes with back pain.
    r"|\b(?:is|was)\s+(?:that|this|it)\s+(?:very\s+|really\s+|quite\s+)?(?:common|usual|rare|normal"
    r"|typical)\b\s*\?"
    # "And if I had a temperature with it?": the sign imagined, asked about on its own.
    r"|^\s*(?:and|but|so|what)?\s*(?:if|what\s+if)\s+(?:i|he|she|they|you|someone)\s+"
    r"(?:had|have|got|get|were|was|ever)\b[^.!]*\?\s*$"
    # "What if someone has a fever and back pain, hypothetically".
    r"|^\s*(?:and\s+|but\s+|so\s+)?what\s+if\s+(?:i|he|she|they|you|someone|somebody|a\s+person)\s+"
    r"(?:has|had|have|gets?|got|was|were)\b",
    re.IGNORECASE,
)


def asks_if_it_counts(text: str) -> bool:
    """Whether the message asks if what it describes would count ("would that still count?").

    Said of a red flag the patient only imagines or asks about, it asks about the warning
    signs, not about their own pain.
    """
    return bool(_ASKS_IF_IT_COUNTS.search(text))


def asks_about_emergency_signs(text: str) -> bool:
    """Whether the message asks what counts as an emergency, or where to go if one comes.

    "What are the signs that back pain is an emergency?", "if I got one of those, where
    do I go?": the warning signs and where to go with them answer it, not the routine
    advice on which symptoms to mention to a specialist.
    """
    asks = is_question(text) or _WH_WORD.search(text)
    return bool(asks and _ASKS_ABOUT_EMERGENCY_SIGNS.search(text)) or bool(
        _COUNTS_AS_A_SIGN.search(text)
    )


_OUT_OF_HOURS = re.compile(
    r"\bout[\s-]+of[\s-]+hours\b|\bafter[\s-]+hours\b|\bwhen\s+(?:you'?re|you\s+are)\s+closed\b"
    # "It's after 5 so they're shut, right?", "are you closed now?"
    r"|\b(?:you'?re|you\s+are|they'?re|theyre|they\s+are|are\s+(?:you|they)|is\s+(?:it|the\s+clinic)"
    r"|clinic'?s|it'?s)\s+(?:all\s+)?(?:shut|closed)\b(?!\s+(?:on|at)\b)"
    r"|\b(?:weekend|night|evening)\s+(?:number|line|service)\b",
    re.IGNORECASE,
)


def asks_out_of_hours(text: str) -> bool:
    """Whether the patient asks where to turn while the clinic is closed."""
    return bool(_OUT_OF_HOURS.search(text))


# "ok cool. can I still go to work?": heard, then a question of its own.
_ONLY_HEARD = re.compile(
    r"\s*(?:ok(?:ay)?|k|cool|right|alright|i\s+see|got\s+it|fair\s+enough)(?:\s+cool)?\s*",
    re.IGNORECASE,
)
_OPENING_CLAUSE = re.compile(r"^[^.,;:!?]*")


def opening_clause(text: str) -> str:
    """The message up to its first punctuation: "yes" in "yes, but only after 5pm"."""
    opening = _OPENING_CLAUSE.match(text.strip())
    return opening.group(0) if opening else ""


_NO_THEN = re.compile(
    r"^\s*(?:no|nah|nope|not\s+now|no\s+thanks?|no\s+thank\s+you)(?:\s+(?:its|it'?s)\s+(?:ok|okay|fine))?"
    r"\s*[.,;!]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)


def declines_then_asks(text: str) -> bool:
    """Whether the message says no, then asks a question of its own.

    "No it's ok. Can I still go to work?": the question wants its answer, beside the no.
    """
    found = _NO_THEN.match(text)
    if found is not None:
        rest = found["rest"]
    elif _NO_FIRST.match(text) and len(parts := _FIRST_SENTENCE.split(text, maxsplit=1)) == 2:
        # "No I meant for my dad, not me. Anyway, when I sneeze... is that a worry?": the no
        # is explained in its sentence, and the question comes after.
        rest = parts[1]
    else:
        return False
    # ("not now. which stretches": two words, a question by its first.)
    terse = len(rest.split()) == 2 and _WH_OPENING.match(rest) is not None
    return (len(rest.split()) >= 3 or terse) and (
        is_question(rest) or opens_as_question(rest) or terse
    )


_WH_OPENING = re.compile(r"^\W*(?:which|what|how|when|where|why)\b", re.IGNORECASE)
_NO_FIRST = re.compile(
    r"^\s*(?:no|nah|nope|not\s+now|not\s+(?:just\s+)?yet|not\s+at\s+the\s+moment|maybe\s+later)\b"
    r"(?!\s+(?:one|way|idea|problem)\b)",
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"(?<=[.!;])\s+")


_WANTS_THE_CHECK_IN = re.compile(
    r"\b(?:check|assess|ask\s+me\s+(?:some\s+|a\s+few\s+)?questions|go\s+through)\b.{0,40}"
    r"\b(?:my\s+symptoms|if\s+i\s+(?:need|should)|whether\s+i\s+(?:need|should)"
    r"|see\s+a\s+specialist|come\s+in)\b"
    # "Not sure if I need to come in", "I don't know whether I should see someone": the
    # question the check-in answers, not a booking yet.
    r"|\b(?:not\s+sure|unsure|don'?t\s+know|wondering)\s+(?:if|whether)\s+(?:i|we)\s+(?:really\s+)?"
    r"(?:need|should|ought)\s+(?:to\s+)?(?:come\s+in|see\s+(?:someone|anyone|somebody|a\s+specialist"
    r"|a\s+doctor|you)|book|be\s+seen|get\s+(?:it\s+)?(?:looked\s+at|checked))\b",
    re.IGNORECASE,
)


def asks_for_the_check_in(text: str) -> bool:
    """Whether the patient asks to be checked ("can you check my symptoms first?")."""
    return bool(_WANTS_THE_CHECK_IN.search(text))


def heard_then_asks(text: str) -> bool:
    """Whether the message only acknowledges ("ok cool") before asking something else."""
    first = opening_clause(text)
    rest = text.strip()[len(first) :].lstrip(" .,;:!")
    return bool(rest) and bool(_ONLY_HEARD.fullmatch(first)) and is_question(rest)


_COST = re.compile(
    r"\bhow\s+much\s+(?:is|are|does|do|will|would|for|to\s+(?:book|see|come))\b"
    r"(?!\s+(?:i|you)\s+(?:rest|exercise|walk|stretch|move|take|do|need))"
    r"|\b(?:cost|costs|price|prices|fee|fees|charge|charged|pay|paying|nhs|insurance"
    r"|private(?:ly)?|free\s+of\s+charge)\b",
    re.IGNORECASE,
)


# A wheelchair user's access, not "will I end up in a wheelchair?"
_WHEELCHAIR = (
    r"(?:wheelchair\s+(?:access\w*|users?|friendly|ramp|space)"
    r"|(?:accessible|access)\s+(?:for\s+|by\s+)?(?:a\s+)?wheelchairs?"
    # Not "will it put me in a wheelchair?", a fear for the future.
    r"|(?<!up )(?<!be )(?<!me )(?<!him )(?<!her )(?<!them )(?:in|use|uses|using)\s+a\s+wheelchair\b"
    r"(?!\s+(?:for\s+(?:good|life|ever)|one\s+day|eventually)))"
)
_PRACTICALITIES = re.compile(
    r"\b(?:parking|car\s+park|" + _WHEELCHAIR + r"|step[\s-]+free|ramp|disabled\s+access"
    r"|(?:is\s+there|do\s+you\s+have|have\s+you\s+got)\s+a\s+lift"
    r"|toilets?\s+for\s+disabled|bus|tube|train\s+station|nearest\s+station|interpreter|translator"
    # "doctor who speak spanish?", "a Polish-speaking physio"
    r"|speaks?\s+(?:spanish|polish|french|arabic|urdu|punjabi|hindi|bengali|portuguese|italian"
    r"|german|romanian|turkish|chinese|mandarin|cantonese|my\s+language)"
    r"|(?:spanish|polish|french|arabic|urdu|punjabi|hindi|bengali|portuguese|italian|german"
    r"|romanian|turkish|chinese|mandarin|cantonese)[\s-]+speaking"
    r"|chaperone|bring\s+(?:someone|somebody|a\s+friend|my\s+(?:husband|wife|partner|mum|mom|dad"
    r"|son|daughter|carer|friend|child|kids?|baby))"
    # "My husband will be bringing me, is that alright?", "can my daughter come in with me?"
    r"|(?:husband|wife|partner|mum|mom|dad|son|daughter|carer|friend)\s+(?:will\s+be\s+|is\s+|will\s+)?"
    r"(?:bringing|bring|driving|drive|taking|take|coming\s+(?:in\s+)?with)\s+me"
    r"|(?:husband|wife|partner|mum|mom|dad|son|daughter|carer|friend)\s+(?:come|comes|sit)\s+"
    r"(?:in\s+)?with\s+me"
    # "Should I bring my X-rays from the hospital?", "how long will the appointment last?"
    r"|bring\s+(?:my\s+|the\s+|any\s+|his\s+|her\s+)?(?:x[\s-]?rays?|scans?|mri\w*|results?"
    r"|letters?|referral|documents?|paperwork|medication\s+list|list\s+of\s+(?:my\s+)?medic\w*)"
    # "How do I get my MRI results sent to my GP?", "can you send a copy of the letter?"
    r"|(?:send|forward\w*|copy\s+of|copies\s+of)\s+(?!(?:me|him|her|them)\s+for\b)"
    r"(?:\w+\s+){0,3}?(?:results?|records?|notes"
    r"|letters?|reports?|scans?|mri|x-?rays?)\b(?:\s+(?:to|over))?"
    r"|(?:results?|records?|notes|letters?|reports?|scans?)\s+(?:\w+\s+)?(?:sent|forwarded)\s+to"
    r"|how\s+long\s+(?:will|does|is|do)\s+(?:the\s+|my\s+|an?\s+)?(?:appointment|consultation"
    r"|visit|first\s+appointment)\s+(?:last|take|be|run)?)\b",
    re.IGNORECASE,
)


# "You didn't say the price": the question asked again as a complaint.
_COST_UNANSWERED = re.compile(
    r"\b(?:didn'?t|didnt|did\s+not|never|haven'?t|have\s+not)\s+(?:say|said|tell|told|answer|mention|give|gave)"
    r"\w*\s+(?:me\s+|us\s+)?(?:about\s+)?(?:the\s+|what\s+the\s+|how\s+much\s+)?"
    r"(?:price|prices|cost|costs|fee|fees|charge)",
    re.IGNORECASE,
)


def asks_about_cost(text: str) -> bool:
    """Whether the message asks what something costs, a question for the clinic's team."""
    return bool(_COST.search(text)) and (
        is_question(text) or opens_as_question(text) or bool(_COST_UNANSWERED.search(text))
    )


def asks_about_the_visit(text: str) -> bool:
    """Whether the message asks about cost or getting to and into the clinic.

    Parking, wheelchair access, an interpreter: questions for the clinic's team, not the
    guide.
    """
    asks = (
        is_question(text)
        or opens_as_question(text)
        # "can u check my booking and also does the clinic have parking": asked in a part.
        or any(opens_as_question(part.strip()) for part in _QUESTION_PARTS.split(text))
    )
    return asks_about_cost(text) or bool(asks and _PRACTICALITIES.search(text))


# Where a message turns to another question: "... and also does the clinic have parking".
_QUESTION_PARTS = re.compile(r"[.!?,;]|\band\s+also\b|\balso\b|\bbtw\b", re.IGNORECASE)


# "Does lifting the box count as an accident?", "i asked if lifting counts??"
_ASKS_IF_STRAIN_COUNTS = re.compile(
    r"\b(?:lift\w*|bend\w*|twist\w*|strain\w*|pull\w*|carry\w*|gym|sport\w*|exercis\w*)\b"
    r"[^.!?]{0,30}\b(?:counts?|an?\s+accident|a\s+(?:serious\s+)?fall|an?\s+(?:serious\s+)?injury)\b",
    re.IGNORECASE,
)


def asks_if_a_strain_counts(text: str) -> bool:
    """Whether the patient asks if hurting their back lifting or bending is "an accident"."""
    return bool(_ASKS_IF_STRAIN_COUNTS.search(text))


# "Is it my heart??", "could this be a heart problem?": a worry about the heart.
_HEART_WORRY = re.compile(
    r"\b(?:is|could|might|can)\s+(?:it|this|that)\s+(?:be\s+)?(?:my|his|her|their|the|a)\s+heart\b"
    r"|\bheart\s+(?:problem|attack|thing|issue|condition)s?\b[^.!?]*\?",
    re.IGNORECASE,
)


def worries_about_the_heart(text: str) -> bool:
    """Whether the patient asks if it could be their heart."""
    return bool(_HEART_WORRY.search(text))


# "Sorry I pressed the wrong one, I want to continue the questions", "carry on".
_CONTINUE = re.compile(
    r"\b(?:continue|carry\s+on|go\s+on\s+with|keep\s+going|resume|start\s+again)\b", re.IGNORECASE
)


def asks_to_continue(text: str) -> bool:
    """Whether the patient asks to carry on ("I want continue questions")."""
    return bool(_CONTINUE.search(text))


# "Why do you need to know that?", "why are you asking?", "what's that for?".
_WHY_ASKED = re.compile(
    r"\bwhy\s+(?:do|would|does|did)\s+(?:you|u|it|that)\s+(?:need|want|ask|matter)"
    r"|\bwhy\s+(?:are\s+(?:you|u)\s+|r\s+u\s+)?ask(?:ing)?\b|\bwhy\s+(?:all\s+)?(?:these|the)\s+questions\b"
    r"|\bwhat(?:'s|s|\s+is)\s+(?:that|this|it)\s+for\b",
    re.IGNORECASE,
)


def asks_why_it_is_asked(text: str) -> bool:
    """Whether the patient asks why the assistant wants to know ("why do you need that?")."""
    return bool(_WHY_ASKED.search(text))


# "I don't really want to see anyone, just what I can do myself": no appointment wanted.
_WANTS_NO_APPOINTMENT = re.compile(
    r"\b(?:do\s*n[o']?t|do\s+not|don'?t)\s+(?:really\s+)?(?:want|need|wish)\s+(?:to\s+(?:see|visit)\s+"
    r"(?:anyone|anybody|someone|a\s+(?:doctor|specialist|physio\w*)|a\s+professional)"
    r"|to\s+(?:book|come\s+in|make\s+an?\s+appointment)|an?\s+(?:appointment|consultation))\b"
    r"|\bnot\s+looking\s+(?:to\s+book|for\s+an?\s+(?:appointment|consultation))\b",
    re.IGNORECASE,
)


def wants_no_appointment(text: str) -> bool:
    """Whether the patient says they want no appointment, only what they can do themselves."""
    return bool(_WANTS_NO_APPOINTMENT.search(text.replace("\u2019", "'")))


# Until the appointment: "what can I do meanwhile?", "till I can come", "in the meantime".
_MEANWHILE = re.compile(
    r"\b(?:meanwhile|mean\s*time|until\s+then|till\s+then|til\s+then|before\s+(?:then|the"
    r"\s+appointment|i\s+(?:can\s+)?(?:come|be\s+seen|see\s+(?:someone|them)))"
    r"|(?:until|till|til)\s+i\s+(?:can\s+)?(?:come|get\s+(?:in|seen)|be\s+seen|see\s+(?:someone|them))"
    # "what can I do at home until the 16th", "till my appointment", "until Thursday"
    r"|(?:until|till|til)\s+(?:the\s+\d{1,2}(?:st|nd|rd|th)?|my\s+(?:appointment|appt|consultation)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b"
    # "What can I do tonight to ease it?", "anything I can do at home for now?"
    r"|\b(?:what|anything)\s+(?:can|could|should)\s+i\s+do\b[^.?!]{0,20}\b(?:tonight|for\s+now"
    r"|today|in\s+the\s+meantime)\b",
    re.IGNORECASE,
)


def asks_what_helps_meanwhile(text: str) -> bool:
    """Whether the message asks what helps until the appointment ("what can I do meanwhile?")."""
    return bool(_MEANWHILE.search(text))


# "So should I book or not?", "do I actually need to though?": advice asked for, whether
# to be seen, not a request to book.
_ASKS_WHETHER_TO_BOOK = re.compile(
    r"\b(?:should|shall)\s+(?:i|we)\s+(?:book|come\s+in|see\s+(?:someone|a\s+specialist))\s+or\s+not\b"
    r"|\bdo\s+(?:i|we)\s+(?:actually|really)\s+need\s+to\b"
    # "ok so do i need one or not"
    r"|\bdo\s+(?:i|we|he|she)\s+need\s+(?:one|an?\s+appointment|a\s+specialist|to\s+(?:book|see\s+"
    r"(?:someone|one|a\s+specialist)))\s+or\s+not\b"
    # "Is it worth seeing someone early or just wait and see?"
    # ("... or should I just wait it out")
    r"|\bworth\s+(?:seeing|getting|booking)\b[^.?!]{0,40}\bor\s+(?:should\s+i\s+|do\s+i\s+|shall\s+i\s+)?"
    r"(?:just\s+)?wait\b"
    # "Will it settle on its own or should I book in?": waiting weighed against booking.
    r"|\b(?:settle|go\s+away|get\s+better|clear\s+up|pass|ease\s+off)\s+(?:on\s+its\s+own\s+|by\s+itself\s+)?"
    r"or\s+(?:should|do|shall)\s+(?:i|we)\s+(?:book|come\s+in|see\s+(?:someone|a\s+specialist))\b"
    # "so shud i see some1", "do I need to see a doctor?": whether, not a request.
    r"|^\W*(?:(?:so|ok|okay|and|then)\W+)?(?:should|shall|shud|do)\s+(?:i|we)\s+(?:need\s+to\s+)?"
    r"see\s+(?:some(?:one|1|body)|any(?:one|1|body)|a\s+(?:specialist|doctor|dr)|a\s+physio\w*)\b"
    r"[^.?!]*[?.!]?\s*$",
    re.IGNORECASE,
)


def asks_whether_to_book(text: str) -> bool:
    """Whether the message asks for advice on booking ("so should I book or not?")."""
    return bool(_ASKS_WHETHER_TO_BOOK.search(text))


# Words of a request to book: "yes book me", "can I come in Tuesday?", "an appointment".
_BOOKING_WORDS = re.compile(
    r"\b(?:book\w*|appointments?|appts?|consultation|come\s+in|be\s+seen|get\s+seen)\b"
    r"|\bsee\s+(?:someone|somebody)\s+(?:at\s+(?:yours|your\s+clinic)|there)\b",
    re.IGNORECASE,
)


def mentions_booking(text: str) -> bool:
    """Whether the message speaks of booking ("yes book me", "ok, an appointment please")."""
    return bool(_BOOKING_WORDS.search(text))


_AT_YOURS = r"(?:at\s+(?:yours|your\s+(?:clinic|place|practice|centre|center))|there|with\s+you)"
_SEEN_AT_YOURS = (
    r"|\b(?:can|could|may)\s+(?:i|we|he|she|they|my\s+\w+)\s+(?:get\s+seen|be\s+seen"
    r"|see\s+(?:someone|somebody|a\s+specialist|a\s+doctor|one\s+of\s+your\s+\w+))\s+"
    + _AT_YOURS
    + r"\b"
    # "I want see doctor, friday is good for me": the wish to be seen, said outright.
    r"|(?<!don't\s)(?<!dont\s)(?<!not\s)\b(?:i|we)\s+(?:want|wanna|would\s+like|'d\s+like)\s+(?:to\s+)?"
    r"see\s+(?:a\s+|the\s+|your\s+)?(?:doctor|specialist|consultant|physio\w*)\b"
)
_ASKS_TO_BOOK = re.compile(
    r"\b(?:i'?d|i\s+would|we'?d|we\s+would|i\s+want|i\s+wanna|we\s+want|can\s+i|could\s+i"
    r"|can\s+we|could\s+we|may\s+i|i\s+need)\s+(?:like\s+)?(?:to\s+)?"
    r"(?:book|make\s+(?:an?\s+)?(?:appointment|appt|booking)|get\s+(?:an?\s+)?(?:appointment|appt))\b"
    # "Ok book me in, Wednesday afternoon", "book us in for Friday".
    r"|\bbook\s+(?:me|us|him|her|them)\s+in\b" + _SEEN_AT_YOURS +
    # "Can she see someone at yours?", "can I get seen at your clinic this week?"
    # "Can I just book for the knee", "could I just book instead".
    r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:just|not\s+just|simply|rather)\s+(?:book|make\s+an?\s+appointment)\b"
    # "hi want to book something for my lower back": the "I" left out, not "don't want".
    r"|^\W*(?:(?:hi|hello|hey|morning|evening)\W+)?(?:want|wanna|would\s+like|need)\s+to\s+book\b"
    # "need a consult. tues morning?"
    r"|^\W*(?:(?:hi|hello|hey|morning|evening)\W+)?(?:i\s+)?need\s+(?:a|an)\s+"
    r"(?:consult|consultation|appointment|appt|booking)\b"
    # "right ok yeah lets book it then", "go on then, book me one"
    r"|\blet'?s\s+(?:just\s+)?(?:book|do)\s+(?:it|that|one|the\s+(?:appointment|consultation))\b"
    r"|\bbook\s+(?:me\s+)?(?:one|it)\s+(?:in\s+)?(?:then|please|pls)\b",
    re.IGNORECASE,
)


def asks_to_book(text: str) -> bool:
    """Whether the message asks for a booking in so many words ("I'd like to book for dad")."""
    return bool(_ASKS_TO_BOOK.search(text))


# Where a message turns to something else: after a sentence, ", but", ", and", ", also",
# ", btw": "Wednesday morning. But is your building step free?"
_SIDE_CLAUSES = re.compile(
    r"(?<=[.!?])\s+|,\s*(?:oh\s+)?(?:and\s+)?(?:also|btw|but)\b|\s+but\s+|,\s*and\s+"
    # "I want to book, actually no wait, first can you tell me ...": the request set aside.
    r"|,\s*(?:actually\s+)?(?:no\s+)?(?:wait|hang\s+on|hold\s+on)\b[\s,.!]*(?:first\b\s*)?"
)


def side_clauses(text: str) -> list[str]:
    """The message cut where it turns to something else, to find a question said beside."""
    return _SIDE_CLAUSES.split(text)


# "What if my leg gets worse before Monday?", "what do I do if the numbness gets worse over
# the weekend?": when to get help before the appointment.
_WHAT_IF_WORSE = re.compile(
    r"\bwhat\s+(?:do\s+i\s+do\s+|should\s+i\s+do\s+|shall\s+i\s+do\s+|happens\s+|then\s+)?"
    r"(?:if|when)\s+(?:it|this|that|the\s+\w+|my\s+\w+|his\s+\w+|her\s+\w+)\s+"
    r"(?:gets?|goes|becomes?|starts?\s+getting|is\s+getting)\s+(?:\w+\s+)?(?:worse|bad|worse\s+again)\b"
    # "And if my leg gets worse before Wednesday, what should I do?"
    r"|\bif\s+(?:it|this|that|the\s+\w+|my\s+\w+|his\s+\w+|her\s+\w+)\s+(?:gets?|goes|becomes?"
    r"|starts?\s+getting|is\s+getting)\s+(?:\w+\s+)?worse\b[^.?!]*\bwhat\s+(?:should|do|shall|can"
    r"|must)\s+(?:i|we|he|she|they)\s+do\b",
    re.IGNORECASE,
)
# "and if by next week it's still this bad?", "i mean if it doesn't get better": when to be
# seen, which is what the guide says.
_WHAT_IF_NO_BETTER = re.compile(
    r"\bif\s+(?:by\s+\w+(?:\s+\w+)?\s+|in\s+a\s+(?:week|few\s+days|fortnight)\s+)?"
    r"(?:it|this|that|the\s+pain|my\s+\w+)(?:'s|\s+is)\s+still\s+(?:this|that|as|so)\s+bad\b"
    r"|\bif\s+(?:it|this|that|the\s+pain|my\s+\w+)\s+(?:does\s*n'?t|doesnt|does\s+not|won'?t)"
    r"\s+get\s+(?:any\s+)?better\b",
    re.IGNORECASE,
)


def asks_what_if_no_better(text: str) -> bool:
    """Whether the patient asks what to do if the pain does not ease."""
    return bool(_WHAT_IF_NO_BETTER.search(text))


def asks_what_if_worse(text: str) -> bool:
    """Whether the patient asks what to do if it gets worse before they are seen."""
    return bool(_WHAT_IF_WORSE.search(text))


# A question about the clinic's service, not an answer to what was asked: "do you do home
# visits?", "how much is it?", "is there parking?", "can I come in with her?", "what
# should I wear?".
_THE_WAIT = r"waiting\s+(?:list|times?)|wait\s+times?|how\s+long\s+(?:is|are)\s+(?:the\s+)?waits?"
_ASKS_ABOUT_THE_WAIT = re.compile(r"\b(?:" + _THE_WAIT + r")\b", re.IGNORECASE)
_ABOUT_THE_SERVICE = re.compile(
    r"\b(?:home\s+visits?|visit\s+(?:me|him|her)\s+at\s+home|how\s+much\s+(?:is|does|do|will)"
    r"|cost|costs|price|fees?|parking|park|" + _WHEELCHAIR + r"|disabled\s+access"
    # "Is the clinic on the ground floor?", "is there a lift or step free access?"
    r"|ground\s+floor|step[\s-]*free|(?:is\s+there|have\s+you\s+got|do\s+you\s+have)\s+a\s+lift"
    r"|how\s+many\s+(?:stairs|steps)"
    r"|insurance|opening\s+hours|open\s+on|what\s+(?:should|do)\s+i\s+(?:bring|wear)"
    # "do u do weekends?", "are you open saturdays?"
    r"|(?:do|open)\s+(?:on\s+)?(?:weekends?|saturdays?|sundays?|evenings?)"
    r"|wear\s+anything|come\s+in(?:\s+\w+){0,3}\s+with\s+(?:her|him|them|me)"
    r"|bring\s+(?:someone|my\s+\w+)\s+with"
    # "do I need to bring anything?", "I need bring something, x-ray?"
    r"|(?:need|have|got|should|must)\s+(?:to\s+)?bring\s+(?:anything|something|my\s+(?:x-?rays?|scans?"
    r"|results|letter|notes|mri)|(?:x-?rays?|scans?|results))"
    # "do I need a letter from my GP?", "do I need a referral?"
    r"|(?:letter|referral)\s+from\s+(?:my|the|a|your)\s+(?:gp|doctor|dr)"
    r"|need\s+(?:a\s+)?(?:gp\s+|doctor'?s?\s+)?referral"
    # "Can I get a sick note for work from you?": paperwork the clinic's team can speak to.
    r"|sick\s+notes?|fit\s+notes?|medical\s+certificates?|(?:letter|note)\s+for\s+(?:work|my\s+(?:boss|employer))"
    # "How long is the waiting list to see a specialist?"
    r"|" + _THE_WAIT + r")\b",
    re.IGNORECASE,
)


def asks_about_the_wait(text: str) -> bool:
    """Whether the message asks how long the wait is ("how long is the waiting list?")."""
    return bool(_ASKS_ABOUT_THE_WAIT.search(text))


# "Can my brother come to you also?", "could my wife book in too?"
_SOMEONE_ELSE = (
    r"\b(?:can|could|may)\s+(?:he|she|they|my\s+(?:\w+\s+)?(?:brother|sister|wife|husband|partner"
    r"|mum|mom|dad|father|mother|friend|son|daughter|neighbou?r|uncle|aunt|cousin|colleague))\s+"
    r"(?:also\s+|too\s+)?"
)
_SOMEONE_ELSE_CAN_COME = re.compile(
    _SOMEONE_ELSE + r"(?:come|book|be\s+seen|see\s+(?:you|someone|a\s+specialist))\b"
    r"[^.?!]*(?:\b(?:also|too|as\s+well)\b|\bto\s+you\b|\bthere\b|\bwith\s+you\b)"
    # "Can he see your specialist?"
    r"|"
    + _SOMEONE_ELSE
    + r"(?:see|book\s+(?:in\s+)?with)\s+(?:your|one\s+of\s+your|the\s+clinic'?s)\s+"
    r"(?:specialists?|doctors?|consultants?|physio\w*|team)\b",
    re.IGNORECASE,
)


def asks_if_someone_else_can_come(text: str) -> bool:
    """Whether the writer asks if someone else may be seen at the clinic too."""
    return bool(_SOMEONE_ELSE_CAN_COME.search(text))


def asks_about_the_service(text: str) -> bool:
    """Whether the message asks about the clinic's practical arrangements."""
    return bool(_ABOUT_THE_SERVICE.search(text))


# "Can you sum up what I should tell him?", "what I told you just now ... what should I say
# to him": what the patient told, put together to pass on.
_ASKS_FOR_A_SUMMARY = re.compile(
    r"\bsum\s+(?:it\s+|that\s+|this\s+|everything\s+|things\s+)?up\b|\bsummar(?:y|ise|ize)\b"
    r"|\bwhat\s+i\s+(?:told|said\s+to|gave)\s+you\b|\bwrite\s+(?:it|that|this)\s+(?:all\s+)?down\b"
    r"|\b(?:a\s+)?list\s+(?:i\s+can\s+)?(?:show|give|take\s+to)\s+(?:him|her|them|the\s+(?:doctor|gp))\b"
    # "What should I tell the doctor when I go?": what they told here comes first, when
    # they told anything.
    r"|\bwhat\s+(?:should|do|shall|can)\s+(?:i|we)\s+(?:tell|say\s+to|mention\s+to)\s+"
    r"(?:the|my|our|him|her|them)\b"
    # "what I must tell to the doctor?", as it is often put in other languages' order
    r"|\bwhat\s+(?:i|we)\s+(?:must|should|need\s+to|have\s+to)\s+(?:tell|say)\s+(?:to\s+)?"
    r"(?:the|my|our|him|her|them)\b",
    re.IGNORECASE,
)


def asks_for_a_summary(text: str) -> bool:
    """Whether the patient asks for what they told to be put together to pass on."""
    return bool(_ASKS_FOR_A_SUMMARY.search(text))


# "..., actually no wait, first can you tell me ...", "but before that, is it ...": the
# booking put off for a question.
_PUT_FIRST = re.compile(
    r"\b(?:wait|hang\s+on|hold\s+on|actually)\b[\s,.!-]*(?:(?:no|but|and)[\s,.!-]+)*"
    r"(?:first|before\s+(?:that|i\s+(?:do|book)|booking))\b"
    r"|\bbut\s+(?:first|before\s+(?:that|i\s+book|booking))\b",
    re.IGNORECASE,
)
_ASKS_SOMETHING = re.compile(
    r"\b(?:can|could|would|will|is|are|does|do|what|how|why|when|should|tell\s+me)\b",
    re.IGNORECASE,
)


def question_put_first(text: str) -> str | None:
    """The question a booking is put off for ("..., actually no wait, first can you ...").

    None when the message puts nothing off for a question.
    """
    found = _PUT_FIRST.search(text)
    if found is None:
        return None
    rest = text[found.end() :]
    return rest.strip(" ,.!-") if "?" in rest or _ASKS_SOMETHING.search(rest) else None
