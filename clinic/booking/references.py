"""Booking references: what one looks like, and finding one however the patient typed it.

A reference is REFERENCE_PREFIX and REFERENCE_LENGTH characters, e.g. "JPC-7K3M9Q". New
ones are drawn from REFERENCE_ALPHABET (see
`action_server.io.scheduling_client.new_booking_reference`), but references typed back are
read with any letter or digit: older references and staff's test bookings use the rest (0, O,
1, I) too, and the service, not this module, says whether a reference exists.

`find_reference` accepts the prefix in any case, joined to the code by nothing, a hyphen, a
colon or spaces, and the code in up to several groups ("JPC AB12 CD"). A code made only of
letters and not written in capitals after a space ("JPC number") is taken for a word, not a
reference, unless it is the whole answer ("jpc vctdqp") or ends an answer that names it
("its jpc evgdra", "the ref is jpc evgdra"). Without the prefix, a code is
accepted only when it mixes letters and digits and is the whole answer (give or take
punctuation), opens or ends a short answer ("HT56RW sorry hit enter too soon"), or follows
"its" ("sorry i mixed up the numbers, its ht56rw"), so that words, times ("1030am") and
dates ("1mar24") are not read as references; phone numbers and emails never are.
"""

from __future__ import annotations

import re

REFERENCE_PREFIX = "JPC-"
# No 0/O or 1/I: a reference is read aloud over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6

_PREFIX_LETTERS = REFERENCE_PREFIX.rstrip("-").lower()
_PREFIXED = re.compile(
    # Not inside a word, an email address or a longer code.
    r"(?<![a-z0-9@._-])" + re.escape(_PREFIX_LETTERS) + r"(?P<joint>\s*[-:#_]?\s*)"
    r"(?P<code>(?:[a-z0-9][ -]?){" + str(REFERENCE_LENGTH - 1) + r"}[a-z0-9])"
    r"(?![a-z0-9@]|[._-][a-z0-9])",
    re.IGNORECASE,
)
_BARE = re.compile(r"[a-z0-9]{" + str(REFERENCE_LENGTH) + r"}", re.IGNORECASE)
# Punctuation around an answer that is otherwise just the code: "AB12CD." or "(ab12cd)".
_EDGES = " \t\r\n.,!?;:'\"()[]{}\u2018\u2019\u201c\u201d"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_TIME_OR_DATE = re.compile(
    r"\d{1,4}(?:am|pm|noon|hrs?)"  # 1030am, 12noon, 1430hr
    r"|\d{1,2}(?:st|nd|rd|th)?" + _MONTH + r"\d{0,4}"  # 1mar24, 3rdmay
    r"|" + _MONTH + r"\d{1,4}"  # dec2026
    r"|\d{1,2}(?:st|nd|rd|th)\w*",  # 21stdec
    re.IGNORECASE,
)
# What patients write just before a reference they give: "its", "it's", "ref is", "reference".
_GIVING = re.compile(
    r"(?:\b(?:it'?s|it\s+is|is|was|ref|reference|number|code)|[:=])\s*$", re.IGNORECASE
)
_COURTESY = re.compile(
    r"^\s*(?:please|pls|plz|thanks|thx|thank\s+(?:you|u)|ta|cheers|sorry|soz|x+)?\s*$",
    re.IGNORECASE,
)
# The code ends a clause: "reference jpc evyykl, sorry about this".
_CLAUSE_AFTER = re.compile(r"^\s*[,.;!?]")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


# Read out one character at a time: "J P C H T 5 6 R W", "J-P-C-H-T-5-6-R-W".
_SPELLED_OUT = re.compile(
    r"(?<![a-z0-9])"
    + r"[\s.-]*".join(_PREFIX_LETTERS)
    + r"(?P<code>(?:[\s.-]+[a-z0-9]){"
    + str(REFERENCE_LENGTH)
    + r"})(?![a-z0-9])",
    re.IGNORECASE,
)


def find_reference(text: str) -> str | None:
    """The booking reference in `text`, as "JPC-XXXXXX" in upper case, or None."""
    normalised = _SAID_DASH.sub("-", text.translate(_DASHES)).strip(_EDGES)
    instead = _CODE_NOT_CODE.search(normalised)
    if (
        instead
        and _has_letter_and_digit(instead["code"])
        and not _TIME_OR_DATE.fullmatch(instead["code"])
    ):
        # "it's M4BRTU not M4BRYU": the code said, not the one taken back.
        return REFERENCE_PREFIX + instead["code"].upper()
    spelled = _SPELLED_OUT.search(normalised)
    if spelled is not None:
        return REFERENCE_PREFIX + re.sub(r"[\s.-]", "", spelled["code"]).upper()
    for match in _PREFIXED.finditer(normalised):
        code = re.sub(r"[ -]", "", match["code"])
        spaced_only = match["joint"] != "" and match["joint"].strip() == ""
        whole_answer = match.start() == 0 and match.end() == len(normalised)
        if spaced_only and code.isalpha() and not code.isupper() and not whole_answer:
            if _gives_code(normalised, match.start(), match.end()):
                return REFERENCE_PREFIX + code.upper()
            continue  # "my JPC number is...": a word after the prefix, not a code
        return REFERENCE_PREFIX + code.upper()
    for match in _AFTER_A_BOOKING_WORD.finditer(normalised):
        # "please cancel 2vk9dm": the code without its prefix, right after what is asked;
        # after "ref" itself one digit is enough ("ref vxukn3").
        code = re.sub(r"[ -]", "", match["code"])
        after_ref = match.group().lower().startswith("ref")
        mixed = _mixed(code) or (after_ref and _has_letter_and_digit(code))
        if mixed and not _TIME_OR_DATE.fullmatch(code):
            return REFERENCE_PREFIX + code.upper()
    # "its l2x7nn", "oh wait found it L2X7NN": a short message ending in the code.
    # A longer one when the code follows "its": "sorry i mixed up the numbers, its ht56rw".
    trailing = _TRAILING_CODE.search(normalised)
    if (
        trailing
        and (
            len(normalised.split()) <= _SHORT_MESSAGE_WORDS
            or _GIVING.search(normalised[: trailing.start("code")])
        )
        and _mixed(trailing["code"])
        and not _TIME_OR_DATE.fullmatch(trailing["code"])
        and "postcode" not in normalised.lower()
    ):
        return REFERENCE_PREFIX + trailing["code"].upper()
    # "HT56RW sorry hit enter too soon": a short message opening with the code.
    leading = _LEADING_CODE.match(normalised)
    if (
        leading
        and len(normalised.split()) <= _SHORT_MESSAGE_WORDS
        and _mixed(leading["code"])
        and not _TIME_OR_DATE.fullmatch(leading["code"])
    ):
        return REFERENCE_PREFIX + leading["code"].upper()
    bare = normalised.strip(_EDGES)
    if (
        _BARE.fullmatch(bare)
        and any(char.isalpha() for char in bare)
        and any(char.isdigit() for char in bare)
        and not _TIME_OR_DATE.fullmatch(bare)
    ):
        return REFERENCE_PREFIX + bare.upper()
    return None


# "J P C dash 7 8 N R C N": the dash read out.
_SAID_DASH = re.compile(r"\s+dash\s+", re.IGNORECASE)
_CODE_NOT_CODE = re.compile(
    r"(?:^|[\s:-])(?P<code>[A-Za-z0-9]{6})\s*,?\s+not\s+(?:jpc[\s-]*)?[A-Za-z0-9]{6}\b",
    re.IGNORECASE,
)


def joined_with_the_part_before(earlier: str, text: str) -> str | None:
    """A reference typed over two messages ("JPC-82", then "LPX3"), or None.

    Only when the earlier message holds the prefix and no whole reference of its own.
    """
    start = earlier.lower().rfind(_PREFIX_LETTERS)
    if start < 0 or find_reference(earlier) is not None:
        return None
    return find_reference(earlier[start:].strip() + text.strip())


_TRAILING_CODE = re.compile(r"(?:^|[\s:])(?P<code>[A-Za-z0-9]{6})[\s.!]*$")
_LEADING_CODE = re.compile(r"^(?P<code>[A-Za-z0-9]{6})(?=[\s,.!]|$)")
_SHORT_MESSAGE_WORDS = 8
_AFTER_A_BOOKING_WORD = re.compile(
    r"\b(?:cancel|move|re-?s?c?hed(?:ul|ual)?\w*|change|booking|reference|ref|appointment|appt)(?:\s+|[.:]\s*)"
    # "ref qs4 dsf", "reference is ZU45 PQ": the code in two parts, as read from a screen.
    r"(?:(?:no|number|is|code)\.?\s+|:\s*)?"
    r"(?P<code>[a-z0-9]{3}[ -]?[a-z0-9]{3}|[a-z0-9]{4}[ -][a-z0-9]{2}"
    r"|[a-z0-9]{2}[ -][a-z0-9]{4})\b",
    re.IGNORECASE,
)


def _has_letter_and_digit(code: str) -> bool:
    return any(char.isdigit() for char in code) and any(char.isalpha() for char in code)


def _mixed(code: str) -> bool:
    """Letters and digits both, as the clinic's codes have and words do not."""
    return sum(char.isdigit() for char in code) >= 2 and sum(char.isalpha() for char in code) >= 2


_REFERENCE_WAS_WRONG = re.compile(
    r"\b(?:wrong|copied|typo|mistake|misread|meant|should\s+(?:be|have\s+been)|right\s+(?:one|ref\w*)"
    r"|correct\s+(?:one|ref\w*))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)


def corrected_reference(text: str) -> str | None:
    """The reference a patient puts right ("I copied the wrong reference, mine is zs 23 mn").

    Said when the phone number or email is being asked for: the reference, not the
    contact, was wrong. Only a code that could be one of ours, given with words saying so.
    """
    if not _REFERENCE_WAS_WRONG.search(text):
        return None
    found = find_reference(text)
    if found:
        return found
    # The code as typed, whole or in pieces ("zs 23 mn", "zs2 3mn"), read from the end.
    words = _WORD.findall(text)
    for end in range(len(words), 0, -1):
        for start in range(end - 1, max(end - 4, -1), -1):
            code = "".join(words[start:end]).upper()
            if len(code) > REFERENCE_LENGTH:
                break
            if (
                len(code) == REFERENCE_LENGTH
                and _mixed(code)
                and all(char in REFERENCE_ALPHABET for char in code)
            ):
                return REFERENCE_PREFIX + code
    return None


def code_to_try(text: str) -> str | None:
    """A whole answer of six letters or digits, as a reference to try, or None.

    `find_reference` does not take such an answer, which may be a word ("cancel") or look
    like a time or date ("3rdkq7", "may345"); given when the reference was asked for, the
    booking service can say whether it is one.
    """
    bare = text.translate(_DASHES).strip(_EDGES)
    return REFERENCE_PREFIX + bare.upper() if _BARE.fullmatch(bare) else None


def _gives_code(text: str, start: int, end: int) -> bool:
    """Whether the text gives the code as its answer: "its jpc evgdra", "ref is jpc evgdra".

    A word after the prefix ("i lost my jpc letter") follows no such lead, or is not last.
    """
    rest = text[end:]
    return bool(
        _GIVING.search(text[:start])
        and (_COURTESY.match(rest.strip(_EDGES)) or _CLAUSE_AFTER.match(rest))
    )


def references_as_bookings(text: str) -> str:
    """`text` with each prefixed reference said as "the booking".

    "Just checking JPC-Q4W8E2 is still on" then reads as a question about a booking.
    """
    return _PREFIXED.sub("the booking", text.translate(_DASHES))
