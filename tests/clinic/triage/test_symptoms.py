import pytest

from clinic.triage.red_flags import tells_of_a_past_episode
from clinic.triage.symptoms import (
    NONE_REPORTED,
    NerveSymptoms,
    names_a_nerve_symptom,
    parse_nerve_symptoms,
    reported_symptoms,
    stated_symptoms,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", NONE_REPORTED),
        ("none", NONE_REPORTED),
        ("nope", NONE_REPORTED),
        ("not really", NONE_REPORTED),
        ("nothing like that", NONE_REPORTED),
        ("nope, none of those", NONE_REPORTED),
        ("no numbness or tingling", NONE_REPORTED),
        # asked and answered in the patient's own words
        ("sore 5 weeks, worse sitting. Numbness? no. Weakness? no. Pain maybe 5.", NONE_REPORTED),
        ("numbness: none", NONE_REPORTED),
        ("No numbness, tingling or weakness", NONE_REPORTED),
        ("I don't have any weakness", NONE_REPORTED),
        ("I'm not numb anywhere", NONE_REPORTED),
        (
            "pins and needles in my left foot",
            NerveSymptoms(numbness=False, tingling=True, weakness=False, locations=("foot",)),
        ),
        (
            "my legs feel weak",
            NerveSymptoms(numbness=False, tingling=False, weakness=True, locations=("leg",)),
        ),
        (
            "numbness and tingling in my hands and feet",
            NerveSymptoms(True, True, False, ("hand", "foot")),
        ),
        ("no numbness, but my foot tingles", NerveSymptoms(False, True, False, ("foot",))),
        ("no tingling but my left leg is weak", NerveSymptoms(False, False, True, ("leg",))),
        ("I can't feel my toes", NerveSymptoms(True, False, False, ("toe",))),
        ("sometimes my arm goes dead", NerveSymptoms(True, False, False, ("arm",))),
        ("my leg gives way", NerveSymptoms(False, False, True, ("leg",))),
        ("tingly fingers", NerveSymptoms(False, True, False, ("finger",))),
        ("I drop things with my right hand", NerveSymptoms(False, False, True, ("hand",))),
        (
            "my hands go numb at night and my back hurts",
            NerveSymptoms(True, False, False, ("hand",)),
        ),
        ("numb bum", NerveSymptoms(True, False, False, ("buttock",))),
        ("my calf feels numb", NerveSymptoms(True, False, False, ("leg",))),
        ("my leg have feeling like ants walking", NerveSymptoms(False, True, False, ("leg",))),
        # a bare yes reports symptoms without naming them
        ("yes", NerveSymptoms(False, False, False, unspecified=True)),
        ("yes, in my right hand", NerveSymptoms(False, False, False, ("hand",), unspecified=True)),
        # "none of the rest" denies the others, not the one just named
        (
            "I just told you, my right foot is weak. none of the rest",
            NerveSymptoms(False, False, True, ("foot",)),
        ),
        ("no. none of the others", NerveSymptoms(False, False, False)),
        # "over the last month" is up to now, not a month long past
        (
            "and over the last month my right foot feels a bit weak, like it slaps down",
            NerveSymptoms(False, False, True, ("foot",)),
        ),
    ],
)
def test_parse_nerve_symptoms(text: str, expected: NerveSymptoms) -> None:
    assert parse_nerve_symptoms(text) == expected


@pytest.mark.parametrize("text", ["", "not sure", "my back hurts", "it's a 7", "what is sciatica"])
def test_neither_affirmed_nor_denied_gives_none(text: str) -> None:
    assert parse_nerve_symptoms(text) is None


@pytest.mark.parametrize(
    ("symptoms", "present"),
    [
        (NONE_REPORTED, False),
        (NerveSymptoms(True, False, False), True),
        (NerveSymptoms(False, False, True), True),
        (NerveSymptoms(False, False, False, unspecified=True), True),
    ],
)
def test_present(symptoms: NerveSymptoms, present: bool) -> None:
    assert symptoms.present is present


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            "my back has been hurting for months and now my left foot feels a bit numb, "
            "im so scared is something seriously wrong??",
            True,
        ),
        ("my foot is numb, is that bad?", True),
        ("does sciatica cause numbness, tingling or weakness?", False),
        ("if my foot goes numb, should I worry?", False),
    ],
)
def test_a_symptom_told_in_the_clauses_before_a_question_is_reported(
    text: str, reported: bool
) -> None:
    assert (reported_symptoms(text) is not None) is reported


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("I get tingling down my leg sometimes", True),
        ("i do have some tingling actually", True),
        ("my foot is numb", True),
        ("does sciatica cause numbness", False),
        ("what if my leg is numb?", False),
        ("no numbness", False),
        ("numbness", False),
    ],
)
def test_reported_symptoms_are_the_patients_own_outside_questions(
    text: str, reported: bool
) -> None:
    assert (reported_symptoms(text) is not None) is reported


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        # a denial given in passing answers the symptom question
        ("about 4 months, its a dull 5 out of 10, no numbness", NONE_REPORTED),
        ("i said it already: no tingling or weakness", NONE_REPORTED),
        ("no numbness. is that a good sign?", NONE_REPORTED),
        ("my foot tingles", NerveSymptoms(False, True, False, ("foot",))),
        # questions, and a yes or no that could answer anything, say nothing of them
        ("does sciatica cause numbness?", None),
        ("is numbness bad", None),
        ("no", None),
        ("yes", None),
        ("since september", None),
    ],
)
def test_stated_symptoms_include_denials_outside_questions(
    text: str, stated: NerveSymptoms | None
) -> None:
    assert stated_symptoms(text) == stated


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("legs sometime feel like sleep", ("leg",)),
        ("my foot goes to sleep sometimes", ("foot",)),
        ("my left leg keeps falling asleep", ("leg",)),
    ],
)
def test_a_limb_falling_asleep_is_numbness(text: str, where: tuple[str, ...]) -> None:
    symptoms = parse_nerve_symptoms(text)
    assert symptoms is not None and symptoms.numbness and symptoms.locations == where


@pytest.mark.parametrize(
    "text", ["i cant sleep because of the pain", "i fall asleep on the sofa and my back hurts"]
)
def test_sleep_itself_is_not_numbness(text: str) -> None:
    assert parse_nerve_symptoms(text) is None


def test_a_symptom_told_before_a_question_is_reported() -> None:
    text = "pain since 2 week. my right leg is feel weak when i walk. i need specialist?"
    found = reported_symptoms(text)
    assert found is not None and found.weakness and found.locations == ("leg",)
    assert reported_symptoms("is weakness in my leg a sign of sciatica?") is None


@pytest.mark.parametrize(
    "text",
    [
        "about 5 years ago i had tingling in my foot for a day, never happened again",
        "my leg went numb last year but its fine now",
        "had pins and needles once in my 20s",
    ],
)
def test_a_symptom_long_past_or_over_is_not_reported(text: str) -> None:
    assert parse_nerve_symptoms(text) is None


def test_a_past_symptom_that_is_back_is_reported() -> None:
    symptoms = parse_nerve_symptoms("i had numbness years ago and it is back again now")
    assert symptoms is not None and symptoms.numbness


def test_tells_of_a_past_episode() -> None:
    assert tells_of_a_past_episode("it was 5 years ago and only once")
    assert not tells_of_a_past_episode("it started 5 years ago and is still there")


def test_a_question_about_a_symptom_reports_none_without_its_question_mark() -> None:
    text = "i had tingling in my foot years ago, only once. do i need to worry about the tingling"
    assert stated_symptoms(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "maybe 10 days this time. it's a 5, and the leg is a bit pins and needles",
        "i just said pins and needles in the leg?? the other stuff no",
        "TINGLING. right leg. no warning signs",
    ],
)
def test_an_answer_in_the_check_in_needs_no_my(text: str) -> None:
    from clinic.triage.symptoms import stated_symptoms

    told = stated_symptoms(text, own=True)
    assert told is not None and told.tingling
    assert stated_symptoms("does sciatica cause numbness?", own=True) is None


def test_a_phone_number_is_no_numbness() -> None:
    assert stated_symptoms("Our number is 07700 900789.") is None
    assert not names_a_nerve_symptom("my number is 07700 900789")
    assert stated_symptoms("my foot is numb") is not None


@pytest.mark.parametrize(
    "text",
    [
        "my physio mentioned bladder problems and numbness in the saddle area, i dont have"
        " any of that thankfully",
        "numbness, tingling, weakness - i haven't got any of those",
        "they asked about numbness or weakness in the legs but none of that",
    ],
)
def test_a_denial_of_everything_named_before_reports_no_symptom(text: str) -> None:
    assert parse_nerve_symptoms(text) == NONE_REPORTED
    assert stated_symptoms(text, own=True) == NONE_REPORTED


@pytest.mark.parametrize(
    "text", ["sometimes the leg is sleeping, the right", "my leg goes a bit dead feeling"]
)
def test_a_limb_asleep_or_dead_is_numbness(text: str) -> None:
    symptoms = parse_nerve_symptoms(text)
    assert symptoms is not None and symptoms.numbness


@pytest.mark.parametrize(
    "text", ["her leg is like sleeping, the right one", "i tell you already, right leg sleeping"]
)
def test_a_leg_like_sleeping_is_numbness(text: str) -> None:
    found = parse_nerve_symptoms(text)
    assert found is not None and found.numbness


@pytest.mark.parametrize(
    "text",
    [
        "my physio said I have mechanical low back pain and weak core. what does core mean",
        "my stomach muscles are weak since the baby",
        'my physio mentioned my "core" is weak and that it is linked to my back ache',
    ],
)
def test_weak_muscles_out_of_training_are_no_nerve_symptom(text: str) -> None:
    assert parse_nerve_symptoms(text) is None


def test_a_weak_leg_beside_a_weak_core_is_still_told() -> None:
    found = parse_nerve_symptoms("weak core and my left leg is weak")
    assert found is not None and found.weakness and "leg" in found.locations


def test_a_symptom_from_a_past_episode_is_not_told_as_now() -> None:
    text = (
        "My left foot tingled back when I had the sciatica but nothing since. None of the others."
    )
    assert parse_nerve_symptoms(text) == NONE_REPORTED


@pytest.mark.parametrize(
    "text",
    [
        "ok I try english. pain in back 2 week, very strong, is 8. "
        "also I am feel pins in the right foot",
        "I say already, pins in right foot. the other things no",
    ],
)
def test_pins_in_a_foot_said_short_is_tingling(text: str) -> None:
    told = parse_nerve_symptoms(text)
    assert told is not None and told.tingling and told.locations == ("foot",)


def test_pins_stood_on_are_no_symptom() -> None:
    assert parse_nerve_symptoms("I stood on pins in the garden") is None


@pytest.mark.parametrize(
    "text",
    [
        "I read about cauda equina and I DON'T have any numbness down there and my bladder is fine",
        "no numbness around my groin",
    ],
)
def test_numbness_denied_down_there_says_nothing_of_the_legs(text: str) -> None:
    assert parse_nerve_symptoms(text) is None
    assert parse_nerve_symptoms("no numbness") == NONE_REPORTED


@pytest.mark.parametrize(
    ("text", "tingling", "weakness"),
    [
        ("actually wait its not rly weak its more pins n needles tbh", True, False),
        ("not weak, more like pins and needles", True, False),
        ("its not numb", False, False),
    ],
)
def test_what_it_is_instead_is_not_denied_with_what_it_is_not(
    text: str, tingling: bool, weakness: bool
) -> None:
    stated = stated_symptoms(text, own=True)
    assert stated is not None
    assert (stated.tingling, stated.weakness) == (tingling, weakness)


def test_numbness_told_after_when_it_happens_is_reported() -> None:
    text = (
        "When I walk a long way both my legs go heavy and a bit numb, then it eases off after "
        "I sit for a few minutes. It's been like that for a year or so. Should I be worried?"
    )
    told = reported_symptoms(text, own=True)
    assert told is not None and told.numbness
