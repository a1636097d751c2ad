import re

import pytest

from clinic.booking.references import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    code_to_try,
    find_reference,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # with the prefix, however it is joined and grouped
        ("JPC-AB12CD", "JPC-AB12CD"),
        ("jpc-ab12cd", "JPC-AB12CD"),
        ("it's jpc ab12cd", "JPC-AB12CD"),
        ("JPC AB12 CD", "JPC-AB12CD"),
        ("jpcab12cd", "JPC-AB12CD"),
        ("JPC - AB12CD", "JPC-AB12CD"),
        ("JPC\u2013AB12CD", "JPC-AB12CD"),  # an en dash from a phone's keyboard
        ("JPC: AB12CD", "JPC-AB12CD"),
        ("my ref is JPC-AB12CD thanks", "JPC-AB12CD"),
        ("my ref is JPC-AB12CD.", "JPC-AB12CD"),
        ("(JPC-7K3M9Q)", "JPC-7K3M9Q"),
        ("Cancel JPC-AB12CD please, and thanks", "JPC-AB12CD"),
        ("JPC AB-12-CD", "JPC-AB12CD"),
        # a code of letters only is still a code when it cannot be a word
        ("JPC-ABCDEF", "JPC-ABCDEF"),
        ("jpc-abcdef", "JPC-ABCDEF"),
        ("JPC ABCDEF", "JPC-ABCDEF"),
        ("jpcabcdef", "JPC-ABCDEF"),
        # ...but a word after the prefix is a word
        ("my JPC number is", None),
        ("i lost my jpc letter", None),
        # the whole answer: read as a reference; the service says whether it exists
        ("jpc vctdqp", "JPC-VCTDQP"),
        # ...or the end of an answer that gives it
        ("its jpc evgdra", "JPC-EVGDRA"),
        ("it's jpc evgdra please", "JPC-EVGDRA"),
        ("the ref is jpc evgdra.", "JPC-EVGDRA"),
        ("reference: jpc evgdra", "JPC-EVGDRA"),
        ("what's my jpc number", None),
        ("is it on the jpc letter", None),
        # the first reference wins
        ("JPC-AB12CD not JPC-XY34ZW", "JPC-AB12CD"),
        ("my JPC number is JPC-AB12CD", "JPC-AB12CD"),
        # a bare code, only when it is the whole answer and mixes letters and digits
        ("ab12cd", "JPC-AB12CD"),
        ("AB12CD.", "JPC-AB12CD"),
        ("  7k3m9q  ", "JPC-7K3M9Q"),
        ('"AB12CD"', "JPC-AB12CD"),
        ("it's ab12cd", "JPC-AB12CD"),  # a short message ending in the code
        ("ab12cd please", "JPC-AB12CD"),  # a short message opening with the code
        ("J P C dash 7 8 N R C N", "JPC-78NRCN"),  # the dash read out
        ("it's M4BRTU not M4BRYU", "JPC-M4BRTU"),  # the code said, not the one taken back
        ("HT56RW sorry hit enter too soon", "JPC-HT56RW"),
        ("wait sorry i mixed up the numbers, its ht56rw", "JPC-HT56RW"),  # after "its"
        ("i have 2 kids and 3 dogs and it all got too much for me 3x5y77", None),
        ("abcdef", None),
        ("123456", None),
        ("AB12 CD", None),
        # never phone numbers, emails, dates, times or ordinary words
        ("07700 900123", None),
        ("+44 7700 900123", None),
        ("call me on 077009 00123", None),
        ("jpc-ab12cd@example.com", None),
        ("me.jpcab12cd@example.com", None),
        ("ab12cd@example.com", None),
        ("3 December", None),
        ("12/03/2026", None),
        ("1mar24", None),
        ("dec2026", None),
        ("21stdec", None),
        ("1030am", None),
        ("12noon", None),
        ("Monday", None),
        ("cancel", None),
        ("please", None),
        ("reference jpc evyykl, sorry", "JPC-EVYYKL"),
        ("i lost my jpc letter, sorry", None),
        ("", None),
        # not a longer code, and not a prefix inside a word
        ("JPC-AB12CDE", None),
        ("JPC-AB12C", None),
        ("XJPC-AB12CD", None),
        ("JPC-AB12CD-2", None),
        # a short message ending in the code
        ("its l2x7nn", "JPC-L2X7NN"),
        ("oh wait found it L2X7NN", "JPC-L2X7NN"),
        ("oh wait found the email, its S4HPT6", "JPC-S4HPT6"),
        ("my booking reference. S4HPT6. i want to cancel it", "JPC-S4HPT6"),
        ("my postcode is w1a1aa", None),
        ("ok found it abcdef", None),  # no digits: a word, not a code
    ],
)
def test_find_reference(text: str, expected: str | None) -> None:
    assert find_reference(text) == expected


def test_every_reference_found_is_canonical() -> None:
    shape = re.compile(re.escape(REFERENCE_PREFIX) + r"[A-Z0-9]{" + str(REFERENCE_LENGTH) + "}")
    for text in ("jpc ab12cd", "ab12cd", "JPC AB12 CD"):
        found = find_reference(text)
        assert found is not None and shape.fullmatch(found)


def test_generated_references_are_found_in_any_form() -> None:
    code = REFERENCE_ALPHABET[:3] + REFERENCE_ALPHABET[-3:]  # "ABC789": letters and digits
    reference = REFERENCE_PREFIX + code
    for text in (reference, reference.lower(), f"JPC {code[:3]} {code[3:]}", code.lower()):
        assert find_reference(text) == reference, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("evyykl", "JPC-EVYYKL"),
        (" EVYYKL. ", "JPC-EVYYKL"),
        ("3rdkq7", "JPC-3RDKQ7"),  # looks like a date to `find_reference`
        ("cancel it", None),
    ],
)
def test_six_letters_or_digits_alone_are_a_reference_to_try(
    text: str, expected: str | None
) -> None:
    assert code_to_try(text) == expected


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("hi its eleanor whitfield, please cancel 2vk9dm, my daughter", "JPC-2VK9DM"),
        ("my reference is 4kq9zz", "JPC-4KQ9ZZ"),
        ("cancel my appointment please", None),
        ("change appointment 123456", None),  # no letters: not one of the clinic's codes
    ],
)
def test_a_code_without_its_prefix_after_what_is_asked_is_the_reference(
    text: str, reference: str | None
) -> None:
    assert find_reference(text) == reference


@pytest.mark.parametrize(
    "text", ["J P C H T 5 6 R W", "reference is J-P-C-H-T-5-6-R-W", "its J.P.C. H.T.5.6.R.W."]
)
def test_a_reference_read_out_one_character_at_a_time(text: str) -> None:
    assert find_reference(text) == "JPC-HT56RW"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cancel tmrw's thing ref vxukn3", "JPC-VXUKN3"),
        ("ref qs4 dsf", "JPC-QS4DSF"),
        ("JPC_QS4DSF", "JPC-QS4DSF"),
        ("ref please", None),
        ("cancel my appt at 10am", None),
    ],
)
def test_a_reference_after_ref_or_with_an_underscore(text: str, expected: str | None) -> None:
    assert find_reference(text) == expected


def test_a_reference_typed_over_two_messages_is_joined() -> None:
    from clinic.booking.references import joined_with_the_part_before

    assert joined_with_the_part_before("JPC-82", "LPX3") == "JPC-82LPX3"
    assert joined_with_the_part_before("hello there", "LPX3") is None
    assert joined_with_the_part_before("JPC-AB12CD", "LPX3") is None  # a whole one before


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("oh sorry I think I copied the wrong reference. mine should be zs 23 mn", "JPC-ZS23MN"),
        ("No, the reference was wrong. The right reference is JPC-ZS23MN", "JPC-ZS23MN"),
        ("wrong email sorry, try omar@example.net", None),
        ("it should be 07700 900123", None),
        ("zs 23 mn", None),  # no word says the reference was wrong
    ],
)
def test_a_reference_put_right(text: str, reference: str | None) -> None:
    from clinic.booking.references import corrected_reference

    assert corrected_reference(text) == reference


@pytest.mark.parametrize("text", ["the reference is ZU45 PQ", "ref zu 45pq", "booking ZU45-PQ"])
def test_a_code_in_uneven_parts_after_a_booking_word(text: str) -> None:
    assert find_reference(text) == "JPC-ZU45PQ"
