import pytest

from clinic.faq.activities import activity_asked_about


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("even deadlifts?", "deadlifts"),
        ("is deadlifting safe with a bulging disc?", "deadlifting"),
        (
            "I'm 67 and love golf. I've been diagnosed with spinal stenosis. Can I keep playing?",
            "golf",
        ),
        (
            "Can I run a marathon with a herniated disc? I'm training for one in April.",
            "a marathon",
        ),
        ("is swimming good for a herniated disc", "swimming"),
        ("can i still go running", "running"),
        ("ok and walking, yes or no?", "walking"),
        ("is swimming ok", "swimming"),
        # walks are walking; walking the pain stops is no activity asked about
        ("Should I still go for my walks?", "walking"),
        ("can I still take the dog for a walk?", "walking"),
        ("But you didn't answer me about the walks.", "walking"),
        ("I can barely walk, should I see someone?", None),
        ("I have trouble walking, should I see a specialist?", None),
        ("i struggle walking to the shops. is that bad?", None),
        ("would gardening still be good for me or should I rest it?", "gardening"),
        ("can my 78 yo mum with stenosis do yoga", "yoga"),
        ("what exercises help", None),
        ("I go running every day and my back hurts", None),
        ("I love swimming. Can I still do it?", "swimming"),
        # how it feels, with the question in another sentence
        ("my leg have feeling like ants walking. what i must do?", None),
        ("it hurts when walking, can i take ibuprofen?", None),
        # hands-on treatments the guide does not name
        ("for back pain does massage help or should I be doing exercises instead?", "massage"),
        ("is a chiropractor ok for a slipped disc?", "chiropractors"),
        # climbing stairs is the guide's own example of a daily task
        ("Will exercise make climbing stairs easier on my back?", None),
        ("is rock climbing ok with sciatica?", "climbing"),
        # nor heat or cold, told together whichever is named
        ("should i use heat or ice along with my stretches for back pain", "heat or ice"),
        ("is a hot water bottle ok for my back?", "heat or ice"),
        ("is it ok to put an ice pack on it", "heat or ice"),
        ("my back is worse in the heat, can I still exercise?", None),
        ("can I go ice skating?", None),
        ("can degenerative disc disease get worse if i keep running", "running"),
        # how someone has been doing, not an activity asked about
        (
            "my dad fell in July, he's been walking fine ever since but still moans about it. "
            "is it worth him coming in?",
            None,
        ),
        ("I've been walking every day, is that ok for my back?", "walking"),
        ("is the rowing machine ok with a bad disc", "rowing"),
        ("is yoga or pilates better for sciatica", "yoga or pilates"),
        ("would a tens machine or a heat pad help my back", "TENS machines"),
        ("I have tens of questions about my back", None),
        ("deadlifts with a herniated disc yes or no", "deadlifts"),
        ("is the rowing machine at the gym ok with a bad lower back", "rowing"),
        # heavy work the guide never weighs up, not how the pain began
        ("But can I continue to work in the garden? I must finish to plant the trees", "gardening"),
        ("So it is ok to lift the heavy trees, yes?", "heavy lifting"),
        ("I hurt my back lifting something heavy, what stretches help?", None),
        ("pulled my back gardening, is swimming ok?", "swimming"),
        ("should I wear a back brace for my lower back pain?", "back braces"),
        # an activity set aside is not the one asked about
        ("ok what about at home without a gym", None),
        ("what can I do instead of yoga, is swimming ok?", "swimming"),
    ],
)
def test_an_activity_the_guide_does_not_name_asked_about(text: str, activity: str | None) -> None:
    assert activity_asked_about(text) == activity


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Is it sciatica what I have?", True),
        ("do i have a slipped disc?", True),
        ("what is sciatica", False),
        ("is sciatica serious", False),
        # reassurance asked for is a diagnosis asked for too
        ("not now thanks. so it's probably not a slipped disc then?", True),
        ("it is not arthritis in my knee, it is my back", False),
        ("Does this mean I have sciatica?", True),
        ("is that what this is?", True),
        ("is my numb foot sciatica?", True),
        ("is my back pain serious?", False),
        ("so that means i've got a slipped disc?", True),
        ("...then it eases once I sit on a bench. Is that the stenosis?", True),
        ("Do you think it's a slipped disc?", True),
        ("do you think it might be the arthritis?", True),
        ("do u think this could be sciatica", True),
        ("do you think it might be worth a physio?", False),
        ("do you think it's worth booking?", False),
        ("my back is worse at night, does that mean it's osteoarthritis?", True),
        ("what does it mean if a disc is herniated?", False),
    ],
)
def test_asking_whether_one_has_a_condition(text: str, asks: bool) -> None:
    from clinic.faq.activities import asks_what_i_have

    assert asks_what_i_have(text) is asks


def test_the_gym_is_an_activity_but_not_where_it_happened() -> None:
    assert activity_asked_about("is it okay to keep going to the gym with a herniated disc")
    assert activity_asked_about("I hurt my back at the gym, what should I do?") is None
    text = "Pulled something in my lower back digging the veg patch. Is it worth seeing someone?"
    assert activity_asked_about(text) is None


def test_walking_fine_is_how_someone_is_doing() -> None:
    text = "my grandad tripped but is walking fine, just a bit sore in his back. anything to do?"
    assert activity_asked_about(text) is None
    assert activity_asked_about("is walking ok for sciatica") == "walking"


def test_swimming_as_typed_in_a_hurry() -> None:
    assert activity_asked_about("can i go swiming with a slipped disc?") == "swimming"


def test_a_painkiller_the_guide_does_not_name() -> None:
    from clinic.faq.activities import other_painkiller_named

    assert other_painkiller_named("what about paracetamol then?") == "paracetamol"
    assert other_painkiller_named("is ibuprofen ok?") is None
    assert other_painkiller_named("can i take ibuprofen and co codamol 2gether") == "co codamol"
    assert other_painkiller_named("does glucosamine help with back pain?") == "glucosamine"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how many minutes a day should i stretch for my back", True),
        ("which stretches exactly? how many times a day", True),
        ("how often should i do them?", True),
        ("how long does sciatica last?", False),
        ("what is sciatica, how long does it last and can I exercise with it?", False),
        ("how long will physical therapy take before my back feels better?", True),
        ("how many sessions will I need?", True),
        ("How long until physiotherapy starts working on my back?", True),
        ("how many physio sessions will i need for my sciatica?", True),
        ("how long till home stretches start working on my back?", True),
        ("what stretches help", False),
    ],
)
def test_how_much_to_exercise_is_asked(text: str, asks: bool) -> None:
    from clinic.faq.activities import asks_how_much_exercise

    assert asks_how_much_exercise(text) is asks


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("is swimming or yoga better for osteoarthritis in my lower back?", "swimming or yoga"),
        ("can I do pilates, yoga and swimming with sciatica?", "pilates, yoga or swimming"),
        ("is yoga ok, or should I rest?", "yoga"),
    ],
)
def test_every_activity_asked_about_together_is_named(text: str, named: str) -> None:
    assert activity_asked_about(text) == named


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what exercises should I avoid with a herniated disc?", True),
        ("is there anything I shouldn't do with sciatica?", True),
        ("I avoid lifting heavy things at work", False),
        ("what exercises help sciatica?", False),
    ],
)
def test_asking_what_to_avoid(text: str, asks: bool) -> None:
    from clinic.faq.activities import asks_what_to_avoid

    assert asks_what_to_avoid(text) is asks


def test_the_ice_someone_slipped_on_is_no_treatment_asked_about() -> None:
    text = "My mum slipped on the ice last winter and her back has hurt since, should she go?"
    assert activity_asked_about(text) is None
    assert activity_asked_about("is ice good for my back?") == "heat or ice"


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("what exercises help spinal stenosis and is yoga ok", "yoga"),
        ("what about exercise, she's 79, should she still walk every day?", "walking"),
        ("can I still walk the dog?", "walking"),
        ("what stretches help and are pilates classes ok?", "pilates"),
    ],
)
def test_an_activity_asked_about_with_is_first_is_asked_about(text: str, activity: str) -> None:
    assert activity_asked_about(text) == activity
