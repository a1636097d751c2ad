import pytest

from clinic.booking.identity import same_person

PHONE = (("phone", "+447700900123"),)
EMAIL = (("email", "Sarah.J@example.com"),)
BOTH = (("phone", "+447700900555"), ("email", "raj.p@example.com"))
NATIONAL = (("phone", "07700 900123"),)  # stored as typed, without the country code
DANISH = (("phone", "+4520304050"),)


@pytest.mark.parametrize(
    ("answer", "telecom", "expected"),
    [
        # the same phone number however it is written
        ("07700 900123", PHONE, True),
        ("+44 7700 900123", PHONE, True),
        ("+447700900123", PHONE, True),
        ("0044 7700 900123", PHONE, True),
        ("+44 (0)7700 900123", PHONE, True),
        ("it's 07700900123 thanks", PHONE, True),
        ("my number is 077009 00123", PHONE, True),
        ("07700 900123", NATIONAL, True),
        ("+44 7700 900123", NATIONAL, True),
        # a national number read in the stored number's own country too
        ("20 30 40 50", DANISH, True),
        ("+45 20 30 40 50", DANISH, True),
        # the same email address in any case
        ("sarah.j@example.com", EMAIL, True),
        ("SARAH.J@EXAMPLE.COM", EMAIL, True),
        ("it's Sarah.J@Example.com.", EMAIL, True),
        ("<sarah.j@example.com>", EMAIL, True),
        # either contact of a booking with both
        ("07700 900555", BOTH, True),
        ("raj.p@example.com", BOTH, True),
        ("raj.p@example.com or 07700 900000", BOTH, True),
        ("07700 900000, or is it 07700 900555", BOTH, True),
        # wrong numbers and addresses
        ("07700 900124", PHONE, False),
        ("07700 900555", PHONE, False),
        ("+1 770 090 0123", PHONE, False),
        ("900123", PHONE, False),
        ("7700", PHONE, False),
        ("sarah@example.com", EMAIL, False),
        ("sarah.j@example.co.uk", EMAIL, False),
        ("sarah.j", EMAIL, False),
        ("xsarah.j@example.com", EMAIL, False),
        ("sarah.j@example.com.au", EMAIL, False),
        ("raj.p@example.com", PHONE, False),
        ("07700 900123", EMAIL, False),
        # digits inside an email are not a phone number
        ("07700900123@example.com", PHONE, False),
        # nothing given, or nothing stored to compare with
        ("", PHONE, False),
        ("yes it's me", BOTH, False),
        ("07700 900123", (), False),
        ("sarah.j@example.com", (), False),
        # unknown systems and unreadable stored values are ignored
        ("07700 900123", (("fax", "+447700900123"),), False),
        ("07700 900123", (("phone", "not a number"),), False),
        ("", (("email", ""),), False),
    ],
)
def test_same_person(answer: str, telecom: tuple[tuple[str, str], ...], expected: bool) -> None:
    assert same_person(answer, telecom, "GB") is expected


def test_the_region_reads_national_numbers() -> None:
    assert not same_person("20 30 40 50", PHONE, "DK")
    assert same_person("20 30 40 50", DANISH, "DK")
    assert same_person("07700 900123", (("phone", "07700 900123"),), "GB")
    # Stored nationally and read in another region it is another number altogether.
    assert not same_person("+44 7700 900123", (("phone", "07700 900123"),), "US")


def test_a_list_of_pairs_is_accepted_too() -> None:
    assert same_person("07700 900123", [("phone", "+447700900123")], "GB")


def test_a_list_of_numbers_in_one_answer_proves_nothing() -> None:
    telecom = (("phone", "+447700900123"), ("email", "ann@example.com"))
    guesses = "07700 900121 07700 900122 07700 900123 07700 900124"
    assert not same_person(guesses, telecom, "GB")
    assert same_person("07700 900123, ann@example.com", telecom, "GB")
