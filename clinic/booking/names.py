"""Read the patient's name from an answer such as "my name is anne-marie o'brien".

The name goes on the booking and into messages, so it is tidied but never guessed at:
lead-ins ("my name is", "I'm", "call me") and end punctuation go, words typed all in
lower or upper case are title-cased ("JOHN smith" is "John Smith"), and words already in
mixed case keep the patient's spelling ("McDonald", "DeShawn"). A lower-case particle such
as "van" or "de" stays lower-case when the patient capitalised the rest ("Ludwig van
Beethoven"). Letters of any script are allowed, with spaces, hyphens, apostrophes and
dots; anything else (digits, an email address, an emoji) means the answer is not a name.
"""

from __future__ import annotations

import re

from clinic.edit_distance import edit_distance

MAX_LENGTH = 100
MAX_WORDS = 6

_GREETING = (
    r"(?:(?:hi|hello|hey|hiya)(?:\s+there)?\b[\s,.!]*)?"
    r"(?:(?:ok|okay|sure|yes|yeah|right|fine|please|no|nope|sorry|actually)\b[\s,.!]+)?"
    # "I already told you, Maria Lopez": a reminder, not part of the name.
    r"(?:(?:i\s+(?:already\s+|just\s+)?(?:told|gave|said)(?:\s+(?:you|u|ya|it))?(?:\s+already)?"
    r"|as\s+i\s+(?:said|told\s+you)|like\s+i\s+said)\b[\s,.!:-]*)?"
)
_LEAD_IN = re.compile(
    r"^" + _GREETING + r"(?:"
    r"(?:my\s+(?:full\s+)?name\s+is|my\s+(?:full\s+)?name's|(?:the\s+|full\s+)?name\s+is"
    # "Name's Kwame Mensah", "names Tom", "is just Kwame Mensah" (the name said again).
    r"|name'?s|is"
    # "its for Tom Baxter": for someone named, not a relative named first.
    r"|(?:it's|it\s+is|its|this\s+is|the\s+booking\s+is)\s+for"
    r"|it's|it\s+is|its|i'm\s+called|i\s+am\s+called|i'm|im|i\s+am|this\s+is|mine\s+is|mine's"
    r"|you\s+can\s+call\s+me|call\s+me|they\s+call\s+me)\b[\s,:]*"
    r"|(?:full\s+)?name\s*[:=-]\s*)?"
    # "no, my name is just Grace Obi": "just" is not part of it.
    r"(?:(?:just|only|simply)\s+)?",
    re.IGNORECASE,
)
# Courtesies after the name: "John Smith, thanks".
_TRAILER = re.compile(
    r"[\s,.!]+(?:thanks|thank\s+you|thx|please|cheers|ta|as\s+i\s+said|like\s+i\s+said"
    # "Carlos Ruiz Gómez, telefono": the word for the number that followed it.
    r"|(?:my\s+)?(?:tel|tele?phone|tel[eé]fono|tlf|phone|mobile|mob|cell|number|n[uú]mero|num)\.?:?"
    # "Grace Obi. I told you already": a reminder after the name.
    r"|i\s+(?:already\s+|just\s+)?(?:told|tell|gave|said|wrote|typed|sent|put)"
    r"(?:\s+(?:you|it|that))?"
    r"(?:\s+(?:already|before|earlier|above))?"
    # "Claire Dubois (i write it before)": the same, in brackets.
    r"|\(\s*i\s+[^()]*\)"
    r"|as\s+(?:i\s+)?(?:said|wrote|told\s+you)(?:\s+(?:before|already|earlier))?"
    # "Doreen Clarke and his is Albert Clarke": another person's name after this one.
    r"|(?:and|,)\s+(?:his|hers|her|theirs|their|my\s+\w+'?s)(?:\s+(?:name|one))?\s+is\s+.*)"
    r"[\s.!]*$",
    re.IGNORECASE,
)
# "Margaret Doyle. Contact number is mine", "Helen Nakamura - is Dr Lindqvist right for
# me?", "Fatima Al-Sayed (how long will it take?)", "Tom Baxter, but use my number".
_NAME_THEN_MORE = re.compile(
    r"(?<=[A-Za-z\u00C0-\u024F])(?:(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\b[A-Z])[.;!]\s+|\s+-+\s+|\s*\(\s*|,\s+(?=(?:but|and|is|are|do|does"
    r"|can|could|how|what|when|where|why|will|would|should)\b)|\s+(?=but\b))(?=\S)",
    re.IGNORECASE,
)
# A question is not a name: "why do you need my name?".
_QUESTION = re.compile(
    r"\?|^\s*(?:why|what|how|who|when|where|which)\b"
    r"|^\s*(?:do|does|can|could|is|are|will|would)\s+(?:you|i|it|we|they|this|that|my)\b",
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = " \t\n.,!?;:\"'()[]{}-"
_ALLOWED_MARKS = frozenset(" -'.")
# Lower-case name particles kept as typed when the rest of the name is capitalised.
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "al"}
)
# Whole answers that are clearly not a name, though made of letters.
_NOT_A_NAME = frozenset(
    {
        "yes",
        "no",
        "nope",
        "ok",
        "okay",
        "sure",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank you",
        "none",
        "nothing",
        "skip",
        "idk",
        "why",
        "what",
        "i don't know",
        "dont know",
        "don't know",
        "not telling",
        "prefer not to say",
        "stop",
        "oh",
        "ah",
        "um",
        "hmm",
        "quit",
        "exit",
        "wait",
        "cancel",
        "no thanks",
        "fine",
        "good",
        "great",
        "cool",
        "alright",
        "all good",
        "grand",
        "lovely",
        "perfect",
        # a label for the number just given: "020 8123 4567 home"
        "home",
        "mobile",
        "work",
        "landline",
        "office",
        "house",
        "cell",
    }
)

# Words that mean the answer is about something else: a day or time (the patient is still
# choosing when), a pain score word, or a leftover button from an earlier question.
_NOT_IN_A_NAME = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "mornings",
        "afternoons",
        "evenings",
        "best",
        "anytime",
        "weekend",
        "week",
        "mild",
        "moderate",
        "severe",
        "unbearable",
        "agony",
        "pain",
        "book",
        "appointment",
        "cancel",
        "these",
        "first",
        "second",
        "third",
        "earliest",
        "latest",
        "dont",
        "don't",
        "have",
        "email",
        "phone",
        "number",
        "mobile",
        "address",
        # A yes or no, in English or as patients mix it in ("tak yes"): an answer.
        "yes",
        "yeah",
        "yep",
        "no",
        "nope",
        "ok",
        "okay",
        # Words of a sentence, not of a name: "I literally just said", "my name is".
        "not",
        "lol",
        "its",
        "it's",
        "i",
        "my",
        "me",
        "you",
        "your",
        "said",
        "told",
        "literally",
        "already",
        "name",
        "the",
    }
)
# A reminder that the name was given already: "I literally just said", "told you".
_REMINDER = re.compile(
    r"^\s*(?:i\s+)?(?:literally\s+|already\s+|just\s+)*(?:said|told\s+you|gave\s+it|wrote\s+it)"
    r"(?:\s+(?:already|before|that|it|above))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def parse_name(text: str) -> str | None:
    """The patient's name, tidied, or None when the answer does not look like a name.

    Who the booking is for, said after the name ("Irene Walsh, it's for my mum"), is not
    part of it.
    """
    cleaned = " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())
    sentences = _NAME_THEN_MORE.split(cleaned, maxsplit=1)
    if (
        len(sentences) == 2
        and _QUESTION.search(sentences[1])
        and not _QUESTION.search(sentences[0])
    ):
        # "Jay Patel. Do I need a referral from my GP?": the name, then a question that
        # its own rule answers.
        cleaned = sentences[0]
    if _QUESTION.search(cleaned):
        return None
    if cleaned.lower().strip(_EDGE_PUNCTUATION) in _NOT_A_NAME:
        return None
    cleaned = _INTERJECTION.sub("", cleaned)
    first = _FOR_SOMEONE_FIRST.match(cleaned)
    if first:
        # "It's for my dad, Arthur Jenkins. But use my number ...": his name, said first.
        cleaned = _SENTENCE_END.split(cleaned[first.end() :], maxsplit=1)[0]
    cleaned = _FOR_SOMEONE.sub("", cleaned)
    sentences = _NAME_THEN_MORE.split(cleaned, maxsplit=1)
    if (
        len(sentences) == 2
        and len(sentences[0].split()) >= 2
        and len(sentences[0].split()[-1]) > 1  # not an initial: "J. R. Smith"
        and parse_name(sentences[0]) is not None
    ):
        # "Margaret Doyle. Contact number is mine": the name, then something else.
        cleaned = sentences[0]
    elif len(sentences) == 2 and _REMINDER.match(sentences[0]) and parse_name(sentences[1]):
        # "I literally just said. Jay Patel": the reminder first, then the name.
        cleaned = sentences[1]
    cleaned = _TRAILER.sub("", cleaned)
    lead_in = _LEAD_IN.match(cleaned)
    if lead_in:
        # "My name is" and nothing after it is not a name either.
        cleaned = cleaned[lead_in.end() :]
    cleaned = cleaned.strip(_EDGE_PUNCTUATION)
    if not cleaned or len(cleaned) > MAX_LENGTH or cleaned.lower() in _NOT_A_NAME:
        return None
    if not all(char.isalpha() or char in _ALLOWED_MARKS for char in cleaned):
        return None
    words = cleaned.split()
    if any(
        word.lower().strip(".'-") in _NOT_IN_A_NAME and not _surname_like(words, index)
        for index, word in enumerate(words)
    ):
        return None
    if len(words) > MAX_WORDS or not all(any(char.isalpha() for char in word) for word in words):
        return None
    capitalised = any(word[:1].isupper() for word in words)
    return " ".join(
        _tidy_word(word, keep_particle=index > 0 and capitalised)
        for index, word in enumerate(words)
    )


# Words that are also surnames, taken as one when written as a name: "Ikram Said".
_ALSO_SURNAMES = frozenset({"said", "best"})


def _surname_like(words: list[str], index: int) -> bool:
    """Whether a word that is seldom a name is a surname here: last, capitalised, after a name."""
    word = words[index]
    return (
        index == len(words) - 1
        and index > 0
        and word.lower() in _ALSO_SURNAMES
        and word[:1].isupper()
        and all(other[:1].isupper() for other in words[:index])
    )


def _tidy_word(word: str, keep_particle: bool) -> str:
    if keep_particle and word in _PARTICLES:
        return word
    if word.islower() or word.isupper():
        # str.title starts a capital after each hyphen and apostrophe: "O'Brien", "Anne-Marie".
        return word.title()
    return word


_RELATIVE = (
    r"(?:dad|father|mum|mom|mother|son|daughter|husband|wife|partner|brother|sister"
    r"|grand(?:ma|pa|mother|father|dad|mum)|uncle|aunt(?:ie)?|friend)"
)
# "Irene Walsh, it's for my mum", "Jo Bloggs (my dad)": whom the booking is for, after the name.
_FOR_SOMEONE = re.compile(
    r"[\s,.;:(-]+(?:(?:it's|its|it\s+is|this\s+is|that's|the\s+booking\s+is|booking's)\s+)?"
    r"(?:for\s+)?(?:(?:she|he|they)(?:'s|\s+is|\s+are)\s+)?(?:my|our)\s+" + _RELATIVE + r"\b.*$"
    # "Sofia Reyes, I'm her husband Dan": who is writing, after the name.
    r"|[\s,.;:(-]+(?:i'm|im|i\s+am|this\s+is)\s+(?:her|his|their)\s+" + _RELATIVE + r"\b.*$",
    re.IGNORECASE,
)
# Whom the booking is for, said before the name: "it's for my dad, Arthur Jenkins".
_FOR_SOMEONE_FIRST = re.compile(
    r"^(?:(?:it's|its|it\s+is|this\s+is|the\s+booking\s+is|booking's)\s+)?for\s+(?:(?:my|our)\s+"
    + _RELATIVE
    # "its for me, Sarah-Jane McAllister": the writer, then the name.
    + r"|her|him|them|me|myself)\b\s*[,:;-]?\s*"
    # "its for my partner actually not me. Jordan Blake"
    r"(?:(?:actually\s+)?not\s+(?:me|for\s+me|mine|myself)\b\s*[.,;:!-]*\s*)?"
    r"(?:(?:he's|she's|hes|shes|he\s+is|she\s+is|called|named|(?:his|her)\s+name\s+is)\s+)?",
    re.IGNORECASE,
)
# "Oh its for my partner ...", "um, Jordan Blake": a sound before the answer.
_INTERJECTION = re.compile(r"^(?:oh+|ah+|um+|erm+|uh+|ok(?:ay)?|sorry)\b[\s,.!-]+(?=\S)", re.I)
_SENTENCE_END = re.compile(r"[.;!?]\s+|,\s+(?=(?:but|and|use|my|his|her|the)\b)", re.IGNORECASE)
_CAPITALISED_NAME = r"(?P<name>[A-Z][\w'-]+(?:\s+(?:[a-z]{2,3}\s+)?[A-Z][\w'-]+){1,4})"
# "it's for my dad, Harold Jenkins": the name of the person the booking is for.
_RELATIVE_NAMED = re.compile(
    r"\bmy\s+" + _RELATIVE + r"\b[\s,:-]*(?:is\s+|called\s+)?" + _CAPITALISED_NAME
)
_NAMED_IN_MESSAGE = (
    _RELATIVE_NAMED,
    # "It's for Robert Hale, but put my mobile": whom the booking is for, by full name.
    re.compile(
        r"\b(?i:it'?s|its|it\s+is|the\s+(?:appointment|booking)\s+is|booking'?s)\s+(?i:for)\s+"
        r"(?!Dr\b|Doctor\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)" + _CAPITALISED_NAME
    ),
    # "my name is Margaret Ellis and my telephone is ...", "name Leo Novak, my number ...".
    re.compile(
        # "... Name's Leanne Cartwright"
        r"\b(?:my\s+(?:full\s+)?name\s+is|my\s+name's|(?i:name's|names)|(?:full\s+)?name\s+is"
        r"|name\s*[:=.-]?"
        r"|i'm\s+called|i\s+am\s+called"
        # "10am with the consultant. She's called Brenda Kowalski, my number is ...": the
        # person the booking is for, named.
        r"|(?:she|he)(?:'s|\s+is|s)\s+called)\s+(?!is\b)(?P<name>[^,.;:!?\d@]+?)"
        r"(?=\s*(?:[,.;:!?\d]|$|\s+and\s+|\s+(?:my|number|phone|mobile|email|tel)\b)|\s+[\w.+-]+@)",
        re.IGNORECASE,
    ),
    # "physio at 9.30 is good. Liam Doyle 07700 900777": a full name opening a sentence,
    # right before a phone number or email.
    re.compile(
        r"(?:^|[.!?]\s+)(?!Dr\b|Doctor\b)"
        + _CAPITALISED_NAME
        # ("Lucía Fernández, telefono 07700 900 562": the word for the number between.)
        + r"(?=\s*,?\s*(?:(?i:tel|telephone|tele?fono|teléfono|phone|mobile|mob|number|no|email"
        r"|e-mail)"
        r"[:.]?\s*)?(?:\+?\d[\d ]{6,}|[\w.+-]+@))"
    ),
    # "I'm Marta Nowak, tel 07700 900789": a capitalised full name said with contact details.
    re.compile(
        r"\b(?:I'm|I\s+am|Im|this\s+is|it's)\s+" + _CAPITALISED_NAME + r"(?=\s*[,.;(]?\s*(?:tel|"
        r"phone|mobile|number|my\s+(?:number|phone|mobile|email)(?:\s+is)?|email|on\s+)?\s*"
        r"(?:\+?\d|[\w.+-]+@))"
    ),
    # "I'm Mrs Edith Cavendish and I'd prefer email": a title before it makes it a name,
    # wherever the contact details are.
    re.compile(
        r"\b(?:I'm|I\s+am|Im|this\s+is|it's)\s+(?:Mrs|Mr|Ms|Miss|Mx)\.?\s+"
        r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})(?=\s*(?:[,.;:!?(]|$)|\s+(?:and|but)\b)"
    ),
)


def given_name(text: str) -> str | None:
    """A name the patient gives inside a longer message, or None.

    "930 please, name is Sofia Rossi, number ...", "it's for my dad, Harold Jenkins. You
    can contact me on ...": only a name introduced as one is taken, so that other words
    in the message are never booked as a name.
    """
    for pattern in _NAMED_IN_MESSAGE:
        for match in pattern.finditer(text):
            name = parse_name(match["name"])
            if name is not None:
                return name
    return None


_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'-]+")
_SPELLING_SIGNAL = re.compile(
    r"\b(?:spel\w*|spelt|surname|name|with\s+an?\s+[a-z]\b|not\s+[a-z]+\b.*$)", re.IGNORECASE
)
_EMAIL_OR_LINK = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
MAX_SPELLING_FIX = 2
"""How many letters a name said again may differ by and still be a spelling correction."""


_GREETINGS = frozenset({"hello", "hallo", "hullo", "hey", "hiya", "howdy", "thanks"})


_NAME_PART = re.compile(
    r"\b(?:(?P<last>surname|last\s+name|family\s+name|second\s+name)"
    r"|(?P<first>first\s+name|forename|christian\s+name|given\s+name))"
    r"\s*(?:is|should\s+be|=|:|'s)\s*(?:actually\s+|spelt\s+|spelled\s+|really\s+)?"
    r"(?P<word>[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019-]*[A-Za-z\u00C0-\u024F])",
    re.IGNORECASE,
)


# "Could you put my surname on it too, Ellison", "add my last name please: Ellison".
_SURNAME_ADDED = re.compile(
    r"\b(?i:add|put|include|use)\s+(?i:my\s+)?(?P<last>(?i:surname|last\s+name|family\s+name))\b"
    r"(?:\s+(?i:on|to|in)\s+(?i:it|the\s+booking|there))?(?:\s+(?i:too|as\s+well|please|pls))*"
    r"\s*[,:\-\u2013]?\s*(?:(?i:it'?s|its)\s+)?"
    r"(?P<word>[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'\u2019-]*[A-Za-z\u00C0-\u024F])"
)


_NOT_A_NAME_PART = (
    _NOT_IN_A_NAME
    | _GREETINGS
    | frozenset(
        {"wrong", "incorrect", "misspelt", "misspelled", "spelt", "spelled", "not", "right"}
        | {"correct", "fine", "ok", "okay", "missing", "different", "the", "my", "also"}
    )
)


def name_part_changed(text: str, current: str) -> str | None:
    """The name booked with its surname or first name said anew, or None.

    "No my surname is Marsh-Evans actually, double barrelled" for Leanne Marsh is Leanne
    Marsh-Evans; "first name is Jon" for John Smith is Jon Smith; "my surname is
    Whitfield by the way" for Margaret adds it. Only to a word that could be a name.
    """
    parts = current.split()
    said = _NAME_PART.search(text) or _SURNAME_ADDED.search(text)
    if not parts or said is None or said["word"].lower() in _NOT_A_NAME_PART:
        return None
    if len(parts) < 2 and not said["last"]:
        return None
    word = said["word"] if said["word"][:1].isupper() else said["word"].title()
    if len(parts) < 2:
        return f"{parts[0]} {word}" if word.lower() != parts[0].lower() else None
    fixed = [*parts[:-1], word] if said["last"] else [word, *parts[1:]]
    return " ".join(fixed) if fixed != parts else None


def word_of_name_replaced(text: str, current: str) -> str | None:
    """The name with one of its words replaced by the word said instead of it, or None.

    "It's Siobhan not Shivaun": the word refused is a word of the name, however far apart
    the spellings; the rest of the name (the surname) stays.
    """
    parts = current.split()
    fixed = list(parts)
    if len(parts) > 1 and re.search(r"\bnot\s+['\"]?" + re.escape(current) + r"\b", text, re.I):
        # "It's Daniel Reyes not Priya Shah": the whole name refused, not one word of it.
        return None
    for match in _WORD_NOT_WORD.finditer(text):
        new, refused = match["new"], match["old"].lower()
        if new.lower() in _NOT_IN_A_NAME | _GREETINGS:
            continue
        for index, part in enumerate(parts):
            if part.lower() == refused:
                fixed[index] = new if new[:1].isupper() else new.title()
    return " ".join(fixed) if fixed != parts else None


def corrected_name(text: str, current: str) -> str | None:
    """The name booked with one of its words spelt again differently, or None.

    "Sorry, my surname is spelled Rehman not Rahman", "no its Rehman!! with an e": a word
    close to a word of the name (a letter or two apart) replaces it. A word that is the
    same, or far from every word of the name, changes nothing.
    """
    parts = current.split()
    if not parts:
        return None
    fixed = list(parts)
    swapped = word_of_name_replaced(text, current)
    if swapped is not None:
        return swapped
    # An email's own words ("darren.c@example.com") are no name said again.
    words = _WORD.findall(_EMAIL_OR_LINK.sub(" ", text))
    said = [word for word in words if word.lower() not in _NOT_IN_A_NAME | _GREETINGS]
    # Said as it is, not as the word refused ("Rehman not Rahman").
    spoken = {
        match.group().lower()
        for match in _WORD.finditer(text)
        if not re.search(r"\bnot\s+$", text[: match.start()], re.IGNORECASE)
    }
    for index, part in enumerate(parts):
        recased = [
            w
            for w in said
            if w.lower() == part.lower() and w not in (part, w.upper()) and w[1:] != w[1:].lower()
        ]
        if recased:
            # "Its McBride, capital B": the same word, with the capitals it is written with.
            fixed[index] = recased[0]
            continue
        if part.lower() in spoken:
            # "Hello, ... my name is Helen O'Brien": the name said as it is, and "Hello"
            # beside it no respelling of it.
            continue
        for word in said:
            distance = edit_distance(word.lower(), part.lower())
            close = 0 < distance <= MAX_SPELLING_FIX and word[0].lower() == part[0].lower()
            meant = word[:1].isupper() or bool(_SPELLING_SIGNAL.search(text))
            if close and meant and len(word) >= 3:
                fixed[index] = word if word[:1].isupper() else word.title()
    name = " ".join(fixed)
    return name if name != current else None


_WORD_NOT_WORD = re.compile(
    r"(?P<new>[A-Za-z\u00C0-\u024F][\w'-]+)\s*,?\s+not\s+['\"]?(?P<old>[A-Za-z\u00C0-\u024F][\w'-]+)"
)
_FULL_NAME = r"[A-Za-z\u00C0-\u024F][\w'-]+(?:\s+[A-Za-z\u00C0-\u024F][\w'-]+){1,3}"
# "Harold Finch not Susan", "it's Jay Patel, not 'I literally just said'".
_NAME_NOT_OLD = re.compile(r"(?P<name>" + _FULL_NAME + r")\s*,?\s+not\s+['\"]?(?P<old>[\w' -]+)")
# "my name is not Fine lol its Bogdan Ionescu": the old name refused, the new one after.
_NOT_OLD_BUT_NAME = re.compile(
    r"\bnot\s+['\"]?(?P<old>[\w'-]+)['\"]?[\s,.!]+(?:\w+\s+){0,2}?(?:it'?s|its|but|it\s+is)\s+"
    r"(?P<name>" + _FULL_NAME + r")",
    re.IGNORECASE,
)


def name_instead(text: str, current: str) -> str | None:
    """A whole name said in place of the one on the booking (or the one taken), or None.

    "No dear, it is for me Harold Finch not Susan", "my name is not Fine lol its Bogdan
    Ionescu": the word refused must be the name booked (with none booked yet, the message
    must speak of the name), so other "not"s change nothing. A name given for the relative
    the booking is for ("its for my son Miguel Costa") counts when it differs from the one
    booked.
    """
    booked = current.lower().split()
    speaks_of_the_name = "name" in text.lower()
    for pattern in (_NOT_OLD_BUT_NAME, _NAME_NOT_OLD):
        for match in pattern.finditer(text):
            old = match["old"].lower().strip(" '\"").split()
            refused = bool(old) and (old[0] == booked[0] if booked else speaks_of_the_name)
            if refused:
                name = _longest_name(match["name"].split(), last=pattern is _NAME_NOT_OLD)
                if name is not None and name.lower() != current.lower():
                    return name
    for match in _RELATIVE_NAMED.finditer(text):
        # "its for my son Miguel Costa": the relative the booking is for, named.
        given = parse_name(match["name"])
        if given is not None and given.lower() != current.lower() and len(given.split()) > 1:
            return given
    return None


def _longest_name(words: list[str], *, last: bool) -> str | None:
    """The longest run of two or more words, at the end (or start), that reads as a name."""
    for size in range(len(words), 1, -1):
        name = parse_name(" ".join(words[-size:] if last else words[:size]))
        if name is not None:
            return name
    return None
