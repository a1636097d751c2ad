import pytest

from clinic.booking.names import (
    corrected_name,
    given_name,
    name_instead,
    name_part_changed,
    parse_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("John Smith", "John Smith"),
        ("Name's Kwame Mensah", "Kwame Mensah"),
        ("Is Just Kwame Mensah", "Kwame Mensah"),
        ("the name is Siobhan Byrne", "Siobhan Byrne"),
        ("Isla Brown", "Isla Brown"),
        # lead-ins go
        ("my name is anne-marie o'brien", "Anne-Marie O'Brien"),
        ("It's JOHN SMITH.", "John Smith"),
        ("i'm Ronald McDonald", "Ronald McDonald"),
        ("I am Priya Patel", "Priya Patel"),
        ("name: Jane Doe", "Jane Doe"),
        ("Name:jane", "Jane"),
        ("call me Bob!", "Bob"),
        # a reminder is not part of the name; a question is not a name
        ("I already told you, Maria Lopez", "Maria Lopez"),
        ("Grace Obi. I told you already", "Grace Obi"),
        ("Tom Reilly. I wrote it already", "Tom Reilly"),
        ("Claire Dubois (i write it before)", "Claire Dubois"),
        ("Margaret Hill, i just said", "Margaret Hill"),
        ("im Daniel Okoro", "Daniel Okoro"),
        ("Imogen Smith", "Imogen Smith"),
        ("no, my name is just Grace Obi", "Grace Obi"),
        ("Sorry, Maria Lopez", "Maria Lopez"),
        ("Justin Case", "Justin Case"),
        ("I just told you Mark Evans", "Mark Evans"),
        ("Maria Lopez as I said", "Maria Lopez"),
        ("i just told u, Fatima Al-Sayed", "Fatima Al-Sayed"),
        # a question or an aside after the name, set off by a dash, a bracket or a "but"
        ("Helen Nakamura - is Dr Lindqvist the right person for stenosis?", "Helen Nakamura"),
        ("Fatima Al-Sayed (how long will it take?)", "Fatima Al-Sayed"),
        ("its for Tom Baxter but put in case (im Linda)", "Tom Baxter"),
        ("Butler Smith", "Butler Smith"),
        ("why do you need my name?", None),
        ("do you need it", None),
        ("afternoons are best", None),
        ("Will Smith", "Will Smith"),
        ("Do Nguyen", "Do Nguyen"),
        ("Hi, I'm Sam", "Sam"),
        ("I'm called Priya Patel, thanks", "Priya Patel"),
        ("my name\u2019s Siobh\u00e1n", "Siobh\u00e1n"),
        # case: all-lower and all-upper words are title-cased, mixed case is kept
        ("O'BRIEN", "O'Brien"),
        ("deShawn jones", "deShawn Jones"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("ludwig van beethoven", "Ludwig Van Beethoven"),
        # any script, with dots and hyphens
        ("I am Zo\u00eb \u00d8degaard", "Zo\u00eb \u00d8degaard"),
        ("\u674e\u5c0f\u9f99", "\u674e\u5c0f\u9f99"),
        ("Dr. J. R. R. Tolkien", "Dr. J. R. R. Tolkien"),
        ("mary jane watson-parker", "Mary Jane Watson-Parker"),
        # not a name
        ("bob@example.com", None),
        ("John 3", None),
        ("07700 900123", None),
        ("", None),
        ("   ", None),
        ("hello", None),
        ("no", None),
        ("my name is", None),
        ("John \U0001f600", None),
        ("John_Smith", None),
        ("a b c d e f g", None),
        ("x" * 101, None),
        # answers to other questions, or leftover buttons, are not names
        ("Severe", None),
        ("monday morning", None),
        ("Tuesday", None),
        ("None of these", None),
        ("the first one", None),
        ("i dont have email", None),
        # a filler before the name goes
        ("ok. James Wu", "James Wu"),
        ("sure, Helen O'Brien", "Helen O'Brien"),
        # the label of a number, another person's name after this one, titles and initials
        ("home", None),
        ("Mine is Doreen Clarke and his is Albert Clarke", "Doreen Clarke"),
        ("Mrs. E. M. Fairweather-Smythe (Edith)", "Mrs. E. M. Fairweather-Smythe"),
        ("Nguyen Van Thanh, I tell you already", "Nguyen Van Thanh"),
        # a word that is also a surname, written as a name
        ("Ikram Said", "Ikram Said"),
        ("I Said", None),
        ("its for her, Joan Whitaker", "Joan Whitaker"),
        # a sound before the answer, and who it is for with "not me"
        ("oh its for my partner actually not me. Jordan Blake", "Jordan Blake"),
        ("um, Jordan Blake", "Jordan Blake"),
        ("Oh", None),
    ],
)
def test_parse_name(text: str, expected: str | None) -> None:
    assert parse_name(text) == expected


def test_six_words_and_a_hundred_characters_are_still_a_name() -> None:
    assert parse_name("a b c d e f") == "A B C D E F"
    assert parse_name("x" * 100) == "X" + "x" * 99


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("930 with lindqvist pls. name is Sofia Rossi, number 07400 123987", "Sofia Rossi"),
        ("My name is Margaret Ellis and my telephone is 01632 960555.", "Margaret Ellis"),
        ("monday 4pm then. name Leo Novak, my number 07311 222333", "Leo Novak"),
        ("it's for my dad, Harold Jenkins. you can contact me though", "Harold Jenkins"),
        ("what name do you need?", None),
        ("can I book? my name is", None),
        ("the physio one", None),
        ("Evenings only, I'm Marta Nowak, tel 07700 900789", "Marta Nowak"),
        ("Hi, I'm Priya Shah, my number is 07700 900321", "Priya Shah"),
        ("2pm, name is Tom Becker tom.becker@example.org", "Tom Becker"),
        ("this is Anna Lee, anna.lee@example.com", "Anna Lee"),
        ("I'm Dr Okafor's patient, 07700 900789", None),
        ("i'm fine thanks, 07700 900789", None),
        ("physio at 9.30 is good. Liam Doyle 07700 900777", "Liam Doyle"),
        ("Dr Okafor 07700 900111 please", None),
        ("9.30 with the consultant. It's for Robert Hale, but put my mobile", "Robert Hale"),
        ("it's for Dr Okafor", None),
        ("It's for Monday Morning", None),
        (
            "That will have to do then. Geoffrey Pennington, telephone 07700 900264",
            "Geoffrey Pennington",
        ),
        (
            "The half past one, please. I'm Mrs Edith Cavendish and I'd prefer you to email me",
            "Edith Cavendish",
        ),
        ("I'm Mrs Worried About My Back", None),
    ],
)
def test_a_name_given_inside_a_longer_message(text: str, name: str | None) -> None:
    assert given_name(text) == name


@pytest.mark.parametrize(
    "answer",
    [
        "Irene Walsh, its for my mum",
        "Irene Walsh it's for my mum",
        "Irene Walsh (my mum)",
        "Irene Walsh, she is my mum",
        "Irene Walsh for my mother",
        "Irene Walsh, I'm her son Dan",
        "Irene Walsh this is her husband",
    ],
)
def test_whom_the_booking_is_for_is_not_part_of_the_name(answer: str) -> None:
    assert parse_name(answer) == "Irene Walsh"


def test_the_word_for_the_number_after_a_name_is_not_part_of_it() -> None:
    assert parse_name("Carlos Ruiz Gómez, telefono") == "Carlos Ruiz Gómez"


@pytest.mark.parametrize("text", ["tak yes", "yes ok", "no"])
def test_a_yes_or_no_is_not_a_name(text: str) -> None:
    assert parse_name(text) is None


def test_a_name_before_an_email_in_brackets() -> None:
    text = "Hi, I'm Daniel Okafor (daniel.okafor@example.com), I'd like to book for Tuesday"
    assert given_name(text) == "Daniel Okafor"


@pytest.mark.parametrize(
    ("text", "current", "fixed"),
    [
        ("sorry my surname is spelled Rehman not Rahman", "Aisha Rahman", "Aisha Rehman"),
        ("no its Rehman!! with an e", "Aisha Rahman", "Aisha Rehman"),
        ("thats the time", "Tom Hart", None),
        ("my name is aisha rahman", "Aisha Rahman", None),
        ("name is Darren Cole, darren.c@example.com", "Darren Cole", None),
        ("its Darren Cole not Com", "Darren Com", "Darren Cole"),
    ],
)
def test_a_name_spelt_again_corrects_one_word(text: str, current: str, fixed: str | None) -> None:

    assert corrected_name(text, current) == fixed


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("its for my dad, Arthur Jenkins. but use my number 07700 900456", "Arthur Jenkins"),
        ("for my mum, her name is Mary Jones", "Mary Jones"),
        ("its for my dad", None),
    ],
)
def test_the_name_said_after_whom_the_booking_is_for(text: str, name: str | None) -> None:
    assert parse_name(text) == name


def test_a_greeting_beside_the_name_is_no_respelling_of_it() -> None:
    text = "Hello, I'd like to book. My name is Helen O'Brien and my email is helen@example.com"
    assert corrected_name(text, "Helen O'Brien") is None


def test_a_name_then_another_sentence_is_the_name() -> None:
    assert parse_name("Margaret Doyle. mine (I'm her son Kevin)") == "Margaret Doyle"
    assert parse_name("Halina Nowak. of my son:") == "Halina Nowak"
    assert parse_name("J. R. Smith") == "J. R. Smith"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("jay patel. do i need a referral from my gp??", "Jay Patel"),
        ("i literally just said. Jay Patel", "Jay Patel"),
        ("Eleanor Whitmore. My email is . Will I need to bring my MRI scan?", "Eleanor Whitmore"),
        ("i literally just said", None),
        ("the end", None),
    ],
)
def test_a_name_beside_a_question_or_a_reminder(text: str, name: str | None) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    ("text", "current", "name"),
    [
        ("no dear the appointment is for me Harold Finch not Susan", "Susan", "Harold Finch"),
        ("my name is not Fine lol its Bogdan Ionescu", "Fine", "Bogdan Ionescu"),
        ("my name is not Fine lol its Bogdan Ionescu", "", "Bogdan Ionescu"),
        (
            "no my name is Jay Patel not 'i literally just said' omg",
            "I Literally Just Said",
            "Jay Patel",
        ),
        (
            "no wait change the name, its for my son Miguel Costa, same number",
            "Maria Costa",
            "Miguel Costa",
        ),
        ("not Tuesday, Wednesday please", "Jo Smith", None),
        ("Jo Smith not at 3pm", "", None),
    ],
)
def test_a_name_said_instead_of_the_one_booked(text: str, current: str, name: str | None) -> None:
    assert name_instead(text, current) == name


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        (
            "no my surname is Marsh-Evans actually, double barrelled",
            "Leanne Marsh",
            "Leanne Marsh-Evans",
        ),
        ("first name is jon", "John Smith", "Jon Smith"),
        ("my surname is spelt wrong", "Leanne Marsh", None),  # says what, not how
        ("surname is Marsh", "Leanne Marsh", None),  # nothing new
        # a one-word name gets the surname told
        ("surname is Marsh", "Leanne", "Leanne Marsh"),
        ("My surname is Whitfield by the way.", "Margaret", "Margaret Whitfield"),
        (
            "Could you put my surname on it too, Ellison. Then yes please.",
            "Margaret",
            "Margaret Ellison",
        ),
        ("add my last name please: Ellison", "Margaret", "Margaret Ellison"),
        ("put my surname on it please", "Margaret", None),
        ("first name is Jon", "John", None),
    ],
)
def test_a_part_of_the_name_said_anew(text: str, current: str, expected: str | None) -> None:
    assert name_part_changed(text, current) == expected


def test_a_word_of_the_name_said_instead_of_another_replaces_only_it() -> None:
    from clinic.booking.names import word_of_name_replaced

    text = "oh and my name is spelt wrong, it's Siobhan not Shivaun"
    assert word_of_name_replaced(text, "Shivaun Kelly") == "Siobhan Kelly"
    assert word_of_name_replaced("friday not thursday", "Shivaun Kelly") is None


def test_a_whole_name_refused_is_not_respelt_word_by_word() -> None:
    text = "same number, 07700 900741. but the name is wrong, it's Daniel Reyes not Priya Shah"
    assert corrected_name(text, "Priya Shah") is None
    assert name_instead(text, "Priya Shah") == "Daniel Reyes"


def test_a_name_said_again_with_its_capitals_is_written_so() -> None:
    assert (
        corrected_name("its McBride capital B lol. otherwise yep", "Kyle Mcbride") == "Kyle McBride"
    )
    assert corrected_name("KYLE MCBRIDE", "Kyle Mcbride") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("9am the doctor. Lucía Fernández, telefono 07700 900 562", "Lucía Fernández"),
        ("my name. Kyle McBride", "Kyle McBride"),
        (
            "10am with the consultant. shes called Brenda Kowalski, my number is 07700 900 227",
            "Brenda Kowalski",
        ),
    ],
)
def test_a_name_given_beside_other_things_is_found(text: str, name: str) -> None:
    assert given_name(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("its for me, Sarah-Jane McAllister", "Sarah-Jane McAllister"),
        ("for me, Jo Smith", "Jo Smith"),
        ("its for me", None),
    ],
)
def test_a_booking_said_to_be_for_the_writer_before_the_name(text: str, name: str | None) -> None:
    assert parse_name(text) == name


def test_a_name_introduced_with_names_is_given() -> None:
    from clinic.booking.names import given_name

    text = (
        "4.30 with the sports doc, he sounds right for a football mum haha. "
        "Name's Leanne Cartwright"
    )
    assert given_name(text) == "Leanne Cartwright"
