"""Checking that the patient asking about a booking is the person who made it.

Before a booking is changed or its details told, the patient gives the phone number or
email address it was made with. `same_person` says whether an answer contains one of
them: a phone number equal to a stored one once both are in E.164 (so "07700 900123",
"+44 7700 900123" and "+447700900123" are the same number), or an email address equal to
a stored one ignoring case. Nothing partial counts: not the last digits of a number, not
the part of an address before the @.

Numbers without a country code are read in `region`, and also in each stored number's own
country, so a Danish patient may type "20 30 40 50" for the +45 number they booked with.
Unlike `clinic.booking.contact`, any possible number is compared: a date or a short run of
digits can never equal a stored number, so there is nothing to filter out first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberFormat

# Whatever surrounds an @ up to a space or a bracket; sentence punctuation is trimmed after.
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\]{},;:\"]+@[^\s<>()\[\]{},;:\"]+")
_EMAIL_EDGES = ".!?'\u2018\u2019"


MOST_CONTACTS_IN_AN_ANSWER = 2
"""A phone number and an email: more in one answer would let a guesser try many at once."""


def same_person(answer: str, telecom: Sequence[tuple[str, str]], region: str) -> bool:
    """Whether `answer` holds one of the booking's phone numbers or email addresses.

    `telecom` is the booking's (system, value) pairs, as FHIR's Patient.telecom has them;
    systems other than "phone" and "email" are ignored. `region` (e.g. "GB") reads numbers
    written without a country code.
    """
    emails = {
        value.strip().lower() for system, value in telecom if system == "email" and value.strip()
    }
    phones = {
        number
        for system, value in telecom
        if system == "phone"
        for number in [_stored_number(value, region)]
        if number is not None
    }
    found_emails = _emails(answer)
    masked = _EMAIL_CANDIDATE.sub(lambda match: " " * len(match.group()), answer)
    regions = {region} | {_region_of(number) for number in phones}
    found_phones = _phone_numbers(masked, sorted(regions))
    if len(found_emails) + len(found_phones) > MOST_CONTACTS_IN_AN_ANSWER:
        # A list of numbers is a guess at many at once, not an answer: it proves nothing.
        return False
    if emails & found_emails:
        return True
    return bool(phones & found_phones)


def _emails(text: str) -> set[str]:
    found = set()
    for match in _EMAIL_CANDIDATE.finditer(text):
        found.add(match.group().strip(_EMAIL_EDGES).lower())
    return found


def _stored_number(value: str, region: str) -> str | None:
    """A stored phone number in E.164, or None if it cannot be read as one."""
    try:
        number = phonenumbers.parse(value, region)
    except NumberParseException:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _region_of(e164: str) -> str:
    country_code = phonenumbers.parse(e164).country_code or 0
    return phonenumbers.region_code_for_country_code(country_code)


def _phone_numbers(text: str, regions: Iterable[str]) -> set[str]:
    """Every possible phone number in `text`, in E.164, reading national ones in `regions`."""
    found = set()
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
            found.add(phonenumbers.format_number(match.number, PhoneNumberFormat.E164))
    return found
