"""Find an email address or a phone number in the patient's answer.

The clinic confirms a booking by whichever the patient gave, so the answer may be a
sentence ("call me on 07700 900123") and the first address or number in it wins.

Phone numbers come out in E.164 ("+447700900123") so the scheduling service stores one
spelling. A number is accepted when `phonenumbers` calls it valid, or when it is a
possible number (not a local-only one) whose national part is as long as the region's
own example mobile or landline numbers. The second rule lets through real-looking
numbers from ranges `phonenumbers` does not list as allocated, such as Ofcom's drama
numbers (07700 900xxx) and the US 555 numbers staff use in testing, while dates, years
and short runs of digits ("12", "2026", "07700 900") stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import phonenumbers
from phonenumbers import Leniency, PhoneNumber, PhoneNumberFormat, PhoneNumberType

from clinic.number_words import ONE_TO_TWELVE

# Anything that is not a space or a bracket on either side of an @: checked afterwards.
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\]{},;:\"]*@[^\s<>()\[\]{},;:\"]*")
_LOCAL_PART = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,}|xn--[a-z0-9-]+")
# Sentence punctuation that may follow an address: "bob@example.com." or "(bob@x.org)".
_TRAILING = ".!?'\u2019"
_LEADING = "'\u2018"
# "call me on", "reach me at": the words that lead straight into a number or address (its
# place is blank by then, three spaces or more), so that they are not read as a name.
_REACH_ME = re.compile(
    r"\b(?:(?:you\s+can\s+|please\s+)?(?:call|ring|reach|text|contact|phone|e-?mail)\s+me\s*)?"
    r"(?:\b(?:on|at|via|by)\b)?(?=\s{3,}|\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contact:
    """Where to confirm the booking: an email address or an E.164 phone number."""

    system: Literal["phone", "email"]
    value: str


def parse_contact(text: str, default_region: str = "GB") -> Contact | None:
    """The first email address or phone number in `text`, or None when there is neither.

    `default_region` reads numbers written without a country code ("020 7946 0018").
    """
    emails = list(_emails(text))
    # Digits inside an email address are not a phone number.
    masked = text
    for start, end, _ in emails:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    phones = list(_phones(masked, default_region))
    found = sorted(
        [(start, Contact("email", value)) for start, _, value in emails]
        + [(start, Contact("phone", value)) for start, value in phones],
        key=lambda item: item[0],
    )
    return found[0][1] if found else None


_CONTACT_LEAD_IN = re.compile(
    r"(?:,\s*|\b(?:and|or)\s+)?\b(?:my|the|our|his|her|their)?\s*"
    r"(?:e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile(?:\s+number)?|number|contact"
    r"|landline(?:\s+number)?|home\s+(?:phone|number)|work\s+(?:phone|number)|cell(?:\s+number)?)"
    r"(?:\s+(?:is|are|'s))?\s*(?=\s|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contacts:
    """Every way the patient gave to reach them: the first phone and the first email."""

    phone: str | None
    email: str | None
    rest: str
    """The answer without them, where a name given in the same breath may be."""
    before: str = ""
    """What came before the first of them, as typed ("..., anytime, Mark Evans")."""

    def __bool__(self) -> bool:
        return self.phone is not None or self.email is not None

    def describe(self) -> str:
        """Both, as the patient would read them back: "+447700900123 and a@b.com"."""
        return " and ".join(value for value in (self.phone, self.email) if value)


_DIGIT_WORDS = {
    **dict.fromkeys(("oh", "o", "zero", "nought"), "0"),
    **{word: str(number) for word, number in ONE_TO_TWELVE.items() if number < 10},
}
_SPOKEN_NUMBER = re.compile(
    r"\b(?:(?:double|triple|" + "|".join(_DIGIT_WORDS) + r"|\d+)\b[\s,.-]*){3,}",
    re.IGNORECASE,
)
MIN_SPOKEN_DIGITS = 10
"""A phone number read out in words has at least this many digits (UK: 10 or 11)."""
MIN_SPOKEN_WORDS = 3
"""...and at least this many of them said in words."""


def _digits_of(spoken: str) -> str:
    """The digits a number read out says: "oh one six one, double two" gives 016122."""
    digits: list[str] = []
    repeat = 1
    for word in re.findall(r"[a-z]+|\d+", spoken.lower()):
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            continue
        digits.append((_DIGIT_WORDS.get(word) or word) * repeat)
        repeat = 1
    return "".join(digits)


def with_spoken_numbers_as_digits(text: str) -> str:
    """The text with a phone number read out in words written in digits.

    "Oh one six one, four nine six, double two three seven" is a number; "two or three
    questions" is not (too few digits), and stays as it was.
    """

    def digits(match: re.Match[str]) -> str:
        found = _digits_of(match.group())
        words = re.findall(r"[a-z]+", match.group().lower())
        # Read out means most of it in words: a lone "one" beside a number typed in digits
        # ("the 655 one - 07700 900 655") is a pronoun, not a digit.
        said = [word for word in words if word in _DIGIT_WORDS and word != "o"]
        spoken = len(said) >= MIN_SPOKEN_WORDS
        return f"{found} " if spoken and len(found) >= MIN_SPOKEN_DIGITS else match.group()

    return _SPOKEN_NUMBER.sub(digits, text)


# "tom dot fairweather at example dot com": an email address read out in words.
_SPOKEN_EMAIL = re.compile(
    r"\b(?P<local>[a-z0-9_-]+(?:\s+(?:dot|underscore|dash|hyphen)\s+[a-z0-9_-]+)*)\s+at\s+"
    r"(?P<domain>[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+(?:com|org|net|uk|ie|io|edu|gov|de|fr"
    r"|es|it|nl|au|ca|info))\b",
    re.IGNORECASE,
)
_SPOKEN_SIGNS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-"}


def with_spoken_email(text: str) -> str:
    """The text with an email address read out in words written as one ("a dot b at c dot com")."""

    def written(match: re.Match[str]) -> str:
        parts = re.split(r"\s+", f"{match['local']} @ {match['domain']}")
        return "".join(_SPOKEN_SIGNS.get(part.lower(), part) for part in parts)

    return _SPOKEN_EMAIL.sub(written, text)


def find_contacts(text: str, default_region: str = "GB") -> Contacts:
    """The first phone number and the first email address in `text`, and what is left."""
    text = with_spoken_email(with_spoken_numbers_as_digits(text))
    emails = _emails(text)
    masked = text
    for start, end, _ in emails:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    rest = masked
    phones = []
    phone_starts: list[int] = []
    starts = [start for start, _, _ in emails]
    for match in phonenumbers.PhoneNumberMatcher(
        masked, default_region, leniency=Leniency.POSSIBLE
    ):
        if _is_plausible(match.number):
            phones.append(phonenumbers.format_number(match.number, PhoneNumberFormat.E164))
            rest = rest[: match.start] + " " * (match.end - match.start) + rest[match.end :]
            starts.append(match.start)
            phone_starts.append(match.start)
    # What introduced the contact details goes with them: "... and my email is".
    if phones or emails:
        rest = _REACH_ME.sub(" ", _CONTACT_LEAD_IN.sub(" ", rest))
    rest = re.sub(r"\s*(?:,|\b(?:and|or)\b|&|/)\s*(?=(?:,|\b(?:and|or)\b|&|/|\s)*$)", " ", rest)
    if len(phones) > 1 and _CORRECTS.search(text[phone_starts[0] : phone_starts[-1]]):
        # "07700 900123... no sorry thats my work one. 07700 900655": the number settled on.
        phones.reverse()
    email = emails[0][2] if emails else None
    if emails and phones:
        # "Email is sam@example.com, no wait use my phone instead 07700 900209": the one
        # taken back is left out.
        email_end, phone_start = emails[0][1], phone_starts[0]
        between = text[email_end:phone_start] if email_end <= phone_start else ""
        if between and _CORRECTS.search(between) and _USE_INSTEAD.search(between):
            email = None
        elif email_end > phone_start:
            after_phone = text[phone_start : emails[0][0]]
            if _CORRECTS.search(after_phone) and _USE_INSTEAD.search(after_phone):
                phones = []
    return Contacts(
        phone=phones[0] if phones else None,
        email=email,
        rest=" ".join(rest.replace(",", " ").split()),
        before=_CONTACT_LEAD_IN.sub(" ", text[: min(starts)]).strip() if starts else "",
    )


# Words that take back what was just given: the contact after them is the one meant.
# "Use my phone instead", "email me instead", "rather by email": the other way, not both.
_USE_INSTEAD = re.compile(r"\b(?:instead|rather|better)\b", re.IGNORECASE)
_CORRECTS = re.compile(
    r"\b(?:no|sorry|actually|i\s+mean|i\s+meant|wrong|not\s+that|scratch\s+that|correction"
    r"|my\s+(?:work|old|other)\s+(?:one|number))\b",
    re.IGNORECASE,
)


def _emails(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _EMAIL_CANDIDATE.finditer(text):
        raw = match.group()
        start, end = match.start(), match.end()
        stripped_end = raw.rstrip(_TRAILING)
        stripped = stripped_end.lstrip(_LEADING)
        start += len(stripped_end) - len(stripped)
        end -= len(raw) - len(stripped_end)
        address = stripped.lower()
        if _is_sane_email(address):
            found.append((start, end, address))
    return found


def _is_sane_email(address: str) -> bool:
    """One @, a local part, and a dotted domain of plain labels: not a full RFC 5322 check."""
    if address.count("@") != 1 or len(address) > 254:
        return False
    local, domain = address.split("@")
    if not local or not _LOCAL_PART.fullmatch(local) or ".." in local:
        return False
    if local.startswith(".") or local.endswith("."):
        return False
    labels = domain.split(".")
    if len(labels) < 2:
        return False
    if not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        return False
    return bool(_TOP_LEVEL.fullmatch(labels[-1]))


def _phones(text: str, default_region: str) -> list[tuple[int, str]]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, default_region, leniency=Leniency.POSSIBLE):
        if _is_plausible(match.number):
            found.append(
                (match.start, phonenumbers.format_number(match.number, PhoneNumberFormat.E164))
            )
    return found


def _is_plausible(number: PhoneNumber) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return False
    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    national = phonenumbers.national_significant_number(number)
    return len(national) in _example_lengths(region)


def _example_lengths(region: str) -> set[int]:
    lengths = set()
    for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is not None:
            lengths.add(len(phonenumbers.national_significant_number(example)))
    return lengths


_KEEP_BOTH = re.compile(r"\b(?:also|as\s+well|too|both|add|additionally|plus)\b", re.IGNORECASE)
_REPLACING = re.compile(
    r"\b(?:instead|only|make\s+it|rather|switch|swap|change\s+it\s+to|replace)\b", re.IGNORECASE
)
_PHONE_WORD = r"(?:phone|number|mobile|mob|landline|cell)"
_EMAIL_WORD = r"(?:e-?mail|address)"


def _drops(kind_words: str, text: str) -> bool:
    """Whether the patient asks to leave one way of reaching them out ("not his phone")."""
    return bool(
        re.search(
            r"\b(?:not|no|instead\s+of|rather\s+than|without|remove|drop|delete)\s+"
            r"(?:(?:the|my|his|her|their|a|by|on|via)\s+)?" + kind_words + r"\b",
            text,
            re.IGNORECASE,
        )
    )


def _only(kind_words: str, text: str) -> bool:
    """Whether the patient asks for one way only ("only the email", "email only")."""
    return bool(
        re.search(
            r"\b(?:only|just)\s+(?:(?:the|my|his|her|their|by|on|via)\s+)?" + kind_words + r"\b"
            r"|\b" + kind_words + r"\s+only\b",
            text,
            re.IGNORECASE,
        )
    )


def changed_contacts(
    text: str, new: Contacts | None, phone: str | None, email: str | None
) -> tuple[str | None, str | None] | None:
    """The phone and email after a change said at the confirmation; None if none is said.

    A new phone or email replaces the one of its kind, and is added beside the other kind
    ("my email is jo@example.com") unless it is said to replace it ("make it the email
    jo@example.com instead", when only a phone was given). "Only the email" or "not his
    phone" leaves the phone out; (None, None) means there is nothing left to confirm on.
    """
    new_phone, new_email = (new.phone, new.email) if new else (None, None)
    # "Make it the email", "use my email instead": the other kind is replaced, not added to.
    keep = bool(_KEEP_BOTH.search(text)) or not _REPLACING.search(text)
    if new_phone and new_email:
        phone, email = new_phone, new_email
    elif new_email:
        # Instead of the phone, the only contact before: the phone goes, unless kept.
        phone = phone if keep or email else None
        email = new_email
    elif new_phone:
        email = email if keep or phone else None
        phone = new_phone
    # "No the number is wrong, it's 07700 900465": a new number given is no number dropped.
    drop_phone = not new_phone and (
        _drops(_PHONE_WORD, text)
        or _only(_EMAIL_WORD, text)
        or (bool(new_email) and bool(re.search(r"\bonly\b", text, re.IGNORECASE)) and not new_phone)
    )
    drop_email = not new_email and (
        _drops(_EMAIL_WORD, text)
        or _only(_PHONE_WORD, text)
        or (bool(new_phone) and bool(re.search(r"\bonly\b", text, re.IGNORECASE)) and not new_email)
    )
    if drop_phone and not (drop_email and not new_email):
        phone = None
    if drop_email and not (drop_phone and not new_phone):
        email = None
    if not (new_phone or new_email or drop_phone or drop_email):
        return None
    return phone, email


# "The last digits are 770 not 777", "it ends in 770, not 777", "sorry 770 not 777": the
# end of the number put right, the rest as given.
_LAST_DIGITS = re.compile(
    r"\b(?:last\s+(?:\w+\s+)?(?:digits?|numbers?|bit)\s+(?:is|are|should\s+be|'s|=)|ends?\s+(?:in|with))"
    r"\s+(?P<new>\d{2,5})(?:\s*,?\s*not\s+(?P<old>\d{2,5}))?\b"
    r"|\b(?P<new2>\d{2,5})\s*,?\s*not\s+(?P<old2>\d{2,5})\b",
    re.IGNORECASE,
)


def phone_digits_put_right(text: str, phone: str | None) -> str | None:
    """The phone number with its last digits put right as the message says, or None.

    Only the end of the number given is changed, and only when the digits said to be
    wrong are how it ends (or, none said, the new ones are as many as they replace).
    """
    if not phone:
        return None
    found = _LAST_DIGITS.search(text)
    if found is None:
        return None
    new = found["new"] or found["new2"]
    old = found["old"] or found["old2"]
    if old is not None and (len(old) != len(new) or not phone.endswith(old)):
        return None
    if old is None and found["new"] is None:
        return None
    return phone[: len(phone) - len(new)] + new
