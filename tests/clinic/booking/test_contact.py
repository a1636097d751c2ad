import pytest

from clinic.booking.contact import Contact, changed_contacts, find_contacts, parse_contact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UK numbers, national and international, in a sentence or alone
        ("call me on 07700 900123", Contact("phone", "+447700900123")),
        ("+44 7700 900456", Contact("phone", "+447700900456")),
        ("020 7946 0018", Contact("phone", "+442079460018")),
        ("07700900123", Contact("phone", "+447700900123")),
        ("my number is 07700-900-789.", Contact("phone", "+447700900789")),
        ("0161 496 0000 is my landline", Contact("phone", "+441614960000")),
        ("ring 07911 123456 after 5", Contact("phone", "+447911123456")),
        ("tel: +447700900123", Contact("phone", "+447700900123")),
        # a number with another country code is kept in that country
        ("+1 202 555 0143", Contact("phone", "+12025550143")),
        # emails, lower-cased and without sentence punctuation around them
        ("bob@example.com", Contact("email", "bob@example.com")),
        ("Email: Bob.Smith@Example.CO.UK.", Contact("email", "bob.smith@example.co.uk")),
        (
            "you can reach me at (anne-marie+clinic@nhs.net)",
            Contact("email", "anne-marie+clinic@nhs.net"),
        ),
        ("o'brien@mail.ie please", Contact("email", "o'brien@mail.ie")),
        # digits inside an email address are not a phone number
        ("jo07700900123@example.com", Contact("email", "jo07700900123@example.com")),
        # both given: the first one wins
        ("email a@b.com or call 07700 900123", Contact("email", "a@b.com")),
        ("07700 900123 or a@b.com", Contact("phone", "+447700900123")),
        # junk
        ("hello", None),
        ("", None),
        ("12", None),
        ("1234567", None),
        ("07700 900", None),
        ("my email is bob@", None),
        ("john@example", None),
        ("a@b@c.com", None),
        ("bob @ example.com", None),
        ("x@y.c", None),
        ("bob..smith@example.com", None),
        ("on 3 December 2026 at 10", None),
    ],
)
def test_parse_contact(text: str, expected: Contact | None) -> None:
    assert parse_contact(text) == expected


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        # a US test number: possible, not allocated, still accepted
        ("(555) 123-4567", "US", Contact("phone", "+15551234567")),
        ("202-555-0143", "US", Contact("phone", "+12025550143")),
        # an international number does not need the region
        ("+44 20 7946 0018", "US", Contact("phone", "+442079460018")),
    ],
)
def test_parse_contact_reads_national_numbers_by_region(
    text: str, region: str, expected: Contact
) -> None:
    assert parse_contact(text, default_region=region) == expected


@pytest.mark.parametrize(
    ("text", "phone", "email", "rest"),
    [
        (
            "Tom Reyes, 07700 900321, tom.r@example.com",
            "+447700900321",
            "tom.r@example.com",
            "Tom Reyes",
        ),
        ("priya.shah@example.com and 07700 900432", "+447700900432", "priya.shah@example.com", ""),
        ("07700 900456", "+447700900456", None, ""),
        ("Sam@Example.com", None, "sam@example.com", ""),
        ("i dont have email", None, None, "i dont have email"),
        ("Maria Lopez", None, None, "Maria Lopez"),
        (
            "my name is Lucia Fernandez and my email is lucia.f@example.com",
            None,
            "lucia.f@example.com",
            "my name is Lucia Fernandez",
        ),
        ("Ann Lee, phone 07700 900123", "+447700900123", None, "Ann Lee"),
    ],
)
def test_find_contacts_keeps_both_and_the_rest(
    text: str, phone: str | None, email: str | None, rest: str
) -> None:
    found = find_contacts(text, "GB")
    assert (found.phone, found.email, found.rest) == (phone, email, rest)
    assert bool(found) == (phone is not None or email is not None)


def test_find_contacts_describes_both() -> None:
    assert find_contacts("07700 900432 or a@b.com").describe() == "+447700900432 and a@b.com"


PHONE = "+447700900789"
EMAIL = "gareth.price@example.com"


@pytest.mark.parametrize(
    ("text", "phone", "email", "after"),
    [
        # said to replace the phone, the email is the contact
        (f"can you make it the email {EMAIL} instead of the phone", PHONE, None, (None, EMAIL)),
        (f"{EMAIL} ONLY", PHONE, EMAIL, (None, EMAIL)),
        ("no, only the email please, not his phone", PHONE, EMAIL, (None, EMAIL)),
        # added, or replacing its own kind, the other is kept
        (f"my email is {EMAIL}", PHONE, None, (PHONE, EMAIL)),
        (f"use {EMAIL} as well", PHONE, None, (PHONE, EMAIL)),
        ("my new number is 07700 900111", PHONE, EMAIL, ("+447700900111", EMAIL)),
        # nothing left to confirm on
        ("not his phone", PHONE, None, (None, None)),
        # no change of contact
        ("yes please", PHONE, EMAIL, None),
    ],
)
def test_a_change_of_contact_replaces_what_it_says(
    text: str,
    phone: str | None,
    email: str | None,
    after: tuple[str | None, str | None] | None,
) -> None:
    assert changed_contacts(text, find_contacts(text, "GB") or None, phone, email) == after


def test_what_came_before_the_contact_keeps_its_commas() -> None:
    found = find_contacts("can i book tuesday 15th, anytime, Mark Evans 07555 010203")
    assert found.before == "can i book tuesday 15th, anytime, Mark Evans"
    assert find_contacts("tuesday please").before == ""


def test_a_new_number_after_no_replaces_the_old_one() -> None:
    text = "no the number is wrong sorry, its 07700 900465"
    assert changed_contacts(text, find_contacts(text, "GB") or None, "+447700900456", None) == (
        "+447700900465",
        None,
    )


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        (
            "Our home phone is oh one six one, four nine six, double two three seven.",
            "+441614962237",
        ),
        ("zero seven seven double oh nine double oh one two three", "+447700900123"),
        ("my number is 07700 900 one two three", "+447700900123"),
        # counting words that make no phone number stay words
        ("on the 3rd, 4th or 5th at one two three", None),
        ("I have two or three questions about one thing", None),
    ],
)
def test_a_number_read_out_in_words_is_read(text: str, phone: str | None) -> None:
    assert find_contacts(text).phone == phone


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("07700 900 1 2 3... no sorry thats my work one. 07700 900 655", "+447700900655"),
        ("No! not that number, the 655 one - 07700 900 655", "+447700900655"),
        ("07700 900123 or 07700 900456", "+447700900123"),
        ("mine is 07700 900123, my wife's is 07700 900456", "+447700900123"),
    ],
)
def test_a_number_taken_back_in_the_same_message_gives_way_to_the_next(
    text: str, phone: str
) -> None:
    assert find_contacts(text, "GB").phone == phone


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("tom dot fairweather at example dot com", "tom.fairweather@example.com"),
        ("its jo underscore b at mail dot co dot uk thanks", "jo_b@mail.co.uk"),
        ("meet me at the park", None),
        ("I'm at work till 5", None),
    ],
)
def test_an_email_read_out_in_words_is_read(text: str, email: str | None) -> None:
    assert find_contacts(text, "GB").email == email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oh sorry the last digits are 770 not 777", "+447700900770"),
        ("it ends in 770", "+447700900770"),
        ("sorry 770 not 777", "+447700900770"),
        ("last 3 digits should be 770", "+447700900770"),
        # not the end of this number, or not digits of a number at all
        ("1030 not 1130", None),
        ("Tuesday not Wednesday", None),
        ("at 3 not 4", None),
    ],
)
def test_the_last_digits_of_a_phone_number_put_right(text: str, expected: str | None) -> None:
    from clinic.booking.contact import phone_digits_put_right

    assert phone_digits_put_right(text, "+447700900777") == expected
    assert phone_digits_put_right(text, None) is None


@pytest.mark.parametrize(
    ("text", "phone", "email"),
    [
        (
            "sam whitfield, email is sam.whitfield@example.com, no wait use my phone instead "
            "07700 900 209",
            "+447700900209",
            None,
        ),
        ("07700 900209, actually email me instead, sam@example.com", None, "sam@example.com"),
        ("07700 900209 and sam@example.com", "+447700900209", "sam@example.com"),
    ],
)
def test_a_way_to_reach_taken_back_for_the_other_is_left_out(
    text: str, phone: str | None, email: str | None
) -> None:
    contacts = find_contacts(text)
    assert (contacts.phone, contacts.email) == (phone, email)


def test_whose_landline_it_is_is_no_part_of_a_name() -> None:
    assert find_contacts("her landline is 01632 960481").rest == ""
    assert find_contacts("Joan Whitaker, her landline is 01632 960481").rest == "Joan Whitaker"
