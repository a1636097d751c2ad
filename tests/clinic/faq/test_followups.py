import pytest

from clinic.faq.catalogue import FaqCatalogue, FaqEntry
from clinic.faq.followups import (
    NOT_COVERED,
    FollowupKind,
    asks_beyond_the_guide,
    classify_followup,
    contextual_followup,
    followup_key,
    is_bare_complaint,
    is_elliptical,
)


def entry(key: str, topic: str, tell_me_more: str | None) -> FaqEntry:
    return FaqEntry(key, f"About {key}?", "Strengthen Muscles", topic, tell_me_more, "text")


CATALOGUE = FaqCatalogue(
    [
        entry("sciatica", "condition", "treatment_options"),
        entry("treatment_options", "treatment", "physical_therapy"),
        entry("physical_therapy", "treatment", "home_exercise_stretching"),
        entry("home_exercise_stretching", "exercise", "joint_lubrication"),
        entry("joint_lubrication", "exercise", None),
    ]
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("which exercises help?", FollowupKind.EXERCISE),
        ("any stretches for that", FollowupKind.EXERCISE),
        ("what can I do about it?", FollowupKind.TREATMENT),
        ("how is that treated", FollowupKind.TREATMENT),
        ("what would help with this", FollowupKind.TREATMENT),
        ("tell me more", FollowupKind.MORE),
        ("go on", FollowupKind.MORE),
        ("", FollowupKind.MORE),
    ],
)
def test_classify_followup(text: str, kind: FollowupKind) -> None:
    assert classify_followup(text) is kind


@pytest.mark.parametrize(
    ("kind", "last", "expected"),
    [
        (FollowupKind.TREATMENT, "sciatica", "treatment_options"),
        (FollowupKind.EXERCISE, "sciatica", "home_exercise_stretching"),
        (FollowupKind.MORE, "sciatica", "treatment_options"),
        # asking what to do after the treatment answer moves on rather than repeating it
        (FollowupKind.TREATMENT, "treatment_options", "physical_therapy"),
        # without context, exercise and treatment still have a fitting answer
        (FollowupKind.TREATMENT, None, "treatment_options"),
        (FollowupKind.EXERCISE, None, "home_exercise_stretching"),
        # "tell me more" needs a subject
        (FollowupKind.MORE, None, None),
        (FollowupKind.MORE, "joint_lubrication", None),
        (FollowupKind.MORE, "no_such_key", None),
    ],
)
def test_followup_key(kind: FollowupKind, last: str | None, expected: str | None) -> None:
    assert followup_key(kind, last, CATALOGUE) == expected


def test_followups_without_their_answers_in_the_catalogue_ask_for_a_topic() -> None:
    empty = FaqCatalogue([])
    assert followup_key(FollowupKind.EXERCISE, None, empty) is None
    assert followup_key(FollowupKind.TREATMENT, None, empty) is None


FULL = FaqCatalogue(
    [
        entry("sciatica", "condition", "treatment_options"),
        entry("otc_medication", "treatment", "prescription_medication"),
        entry("prescription_medication", "treatment", None),
        entry("when_to_see_specialist", "specialist", None),
        entry("daily_function", "exercise", None),
        entry("exercise_benefits", "exercise", None),
        entry("home_exercise_stretching", "exercise", None),
        entry("core_muscles", "exercise", None),
        entry("specialist_consultation", "specialist", None),
        entry("osteoarthritis", "condition", "treatment_options"),
        entry("spinal_stenosis", "condition", "treatment_options"),
        entry("back_pain_causes", "condition", None),
        entry("treatment_options", "treatment", "physical_therapy"),
        entry("physical_therapy", "treatment", None),
    ]
)


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("is it serious?", "sciatica", "when_to_see_specialist"),
        ("is that bad?", "sciatica", "when_to_see_specialist"),
        ("is that serious? will it go away on its own?", "sciatica", "when_to_see_specialist"),
        ("should i be worried", "sciatica", "when_to_see_specialist"),
        ("will it go away on its own?", "sciatica", NOT_COVERED),
        ("and if it doesnt get better?", "otc_medication", "prescription_medication"),
        ("what if it doesn't go away", "sciatica", "when_to_see_specialist"),
        ("how long does it last", "sciatica", NOT_COVERED),
        ("how many sessions will i need", "sciatica", NOT_COVERED),
        # work, driving and time off depend on the job: a clinician's call, not the article's
        ("can I still work?", "sciatica", NOT_COVERED),
        ("can I work? I'm a builder", "sciatica", NOT_COVERED),
        ("should i take time off", "sciatica", NOT_COVERED),
        ("can i drive with it", "sciatica", NOT_COVERED),
        ("what about everyday chores?", "sciatica", "daily_function"),
        ("and climbing stairs, walking?", "sciatica", "daily_function"),
        ("and medication?", "sciatica", "otc_medication"),
        ("what about exercise?", "sciatica", "home_exercise_stretching"),
        # a follow-up moves on from the answer just given rather than repeating it
        ("and if they dont work?", "otc_medication", "prescription_medication"),
        ("any other medication", "otc_medication", "prescription_medication"),
        ("what about exercise?", "home_exercise_stretching", "exercise_benefits"),
        ("still hurts, what now", "sciatica", "when_to_see_specialist"),
        ("and prescription ones?", "otc_medication", "prescription_medication"),
        ("is there something stronger?", "otc_medication", "prescription_medication"),
        ("what about core exercises?", "home_exercise_stretching", "core_muscles"),
        # details the article does not give
        ("how often should i do them", "home_exercise_stretching", NOT_COVERED),
        ("which ones are best", "otc_medication", NOT_COVERED),
        ("heat or ice?", "sciatica", NOT_COVERED),
        ("what causes it", "sciatica", NOT_COVERED),
        # the article says getting help early stops issues becoming more serious, and that
        # the specialist plans safe exercises
        (
            "does that mean it only gets worse?",
            "sciatica",
            "specialist_consultation",
        ),
        ("will it get worse?", "sciatica", "specialist_consultation"),
        (
            "ok so who would tell me which ones are safe then",
            "home_exercise_stretching",
            "specialist_consultation",
        ),
        ("what makes it worse", "sciatica", None),
        ("you didnt say if it runs in families though", "sciatica", NOT_COVERED),
        (
            "does that mean it only gets worse? like is it going to keep degenerating",
            "sciatica",
            "specialist_consultation",
        ),
        ("can it stop me getting injured again", "daily_function", "daily_function"),
        # whether to work is for a clinician who knows the job
        ("No. But about the work, can I go?", "daily_function", "not_covered"),
        ("you not answer me. work yes or no?", "daily_function", "not_covered"),
        (
            "thanks. should i see someone about the sciatica or just do exercises",
            "sciatica",
            "when_to_see_specialist",
        ),
        # not a follow-up: no answer before, a long question, or nothing it could mean
        ("is it serious?", None, None),
        ("is it serious?", "no_such_key", None),
        ("I have had sciatica for years and want to know if it is serious now", "sciatica", None),
        ("thanks", "sciatica", None),
        # whether it gets worse: getting help early stops minor issues becoming serious
        ("is it something that gets worse?", "sciatica", "specialist_consultation"),
        ("is it going to get worse?", "sciatica", "specialist_consultation"),
        ("does it progress?", "sciatica", "specialist_consultation"),
        (
            "Thank you. But you did not say whether it will get worse. And would gardening "
            "still be good for me?",
            "sciatica",
            "specialist_consultation",
        ),
        ("it gets worse when I sit", "sciatica", None),
        # Safe for someone old or frail: a plan a specialist makes for them.
        (
            "Is it safe at my age though, I am a bit frail",
            "exercise_benefits",
            "specialist_consultation",
        ),
        # Whether a condition is linked with the back: the guide's list of such conditions.
        ("so can it affect the back or not?", "osteoarthritis", "back_pain_causes"),
        ("is it linked to back pain?", "spinal_stenosis", "back_pain_causes"),
        ("does it help my back muscles?", "osteoarthritis", None),
        # What helps: the treatment answer, or after it what it goes on to say.
        ("what helps", "osteoarthritis", "treatment_options"),
        ("what usually helps?", "osteoarthritis", "treatment_options"),
        ("and how is it treated?", "sciatica", "treatment_options"),
        ("How do I fix it?", "sciatica", "treatment_options"),
        ("u said that already. can i just get somthing from boots", "sciatica", "otc_medication"),
        ("what can I do about it?", "treatment_options", "physical_therapy"),
        ("what helps you decide which clinician I see", "sciatica", None),
        # A topic of its own named: not a follow-up about treatment.
        ("how can physio help", "physical_therapy", None),
        # What to do oneself, at home: the exercises and stretches at home.
        (
            "so what can I do about it at home?",
            "sciatica",
            "home_exercise_stretching",
        ),
        ("is there anything I can try myself?", "sciatica", "home_exercise_stretching"),
        # Chronic pain is in the answer about when to be seen; a condition's course is not.
        ("is that chronic?", "when_to_see_specialist", "when_to_see_specialist"),
        ("why", "when_to_see_specialist", "specialist_consultation"),
        ("is sciatica chronic?", "sciatica", "not_covered"),
        # Whether what the answer says holds: that answer, which says why.
        ("do they really help?", "home_exercise_stretching", "home_exercise_stretching"),
        ("does it actually work?", "physical_therapy", "physical_therapy"),
        ("do they really help?", "sciatica", None),
    ],
)
def test_contextual_followup(text: str, last: str | None, expected: str | None) -> None:
    assert contextual_followup(text, last, FULL) == expected


def test_contextual_followup_without_the_answer_in_the_catalogue_is_none() -> None:
    assert contextual_followup("what about chores", "sciatica", CATALOGUE) is None


@pytest.mark.parametrize(
    ("text", "elliptical"),
    [
        ("what about exercise?", True),
        ("and medication?", True),
        ("how about stretching", True),
        ("what is exercise good for", False),
        ("and strength training, is that ok?", False),
        ("exercise", False),
        ("ok so what about osteoarthritis then", True),
        ("right, and the herniated one?", True),
        ("ok so what about the exercises my physio gave me last week", False),
    ],
)
def test_is_elliptical(text: str, elliptical: bool) -> None:
    assert is_elliptical(text) is elliptical


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("back pain", True),
        ("sore lower back help", True),
        ("what is back pain", False),
        ("back pain?", False),
        ("my back has hurt for three weeks and it is getting worse", False),
    ],
)
def test_is_bare_complaint(text: str, bare: bool) -> None:
    assert is_bare_complaint(text) is bare


@pytest.mark.parametrize(
    ("text", "beyond"),
    [
        ("will i need surgery?", True),
        ("how often should i stretch?", True),
        ("is yoga ok?", False),
        ("what is sciatica?", False),
        ("will it get better on its own?", True),
        # whether exercise helps, which the guide answers
        ("is it normal for back pain to get better with exercise?", False),
    ],
)
def test_a_question_beyond_the_guide_is_told_without_an_answer_before(
    text: str, beyond: bool
) -> None:
    assert asks_beyond_the_guide(text) is beyond


WITH_MEDICINES = FaqCatalogue(
    [
        entry("osteoarthritis", "condition", "treatment_options"),
        entry("otc_medication", "treatment", None),
        entry("home_exercise_stretching", "exercise", None),
    ]
)


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "My doctor says I have osteoarthritis in my lower back. I'm 67. What exactly is "
            "happening in my back and can tablets help?",
            ["osteoarthritis", "otc_medication"],
        ),
        ("I was told it's osteoarthritis. What does that mean?", ["osteoarthritis"]),
        ("I have osteoarthritis. Will it go away?", []),
        ("I have osteoarthritis in my back.", []),
    ],
)
def test_questions_about_the_condition_a_message_names(text: str, keys: list[str]) -> None:
    from clinic.faq.followups import answers_about_a_named_condition

    assert answers_about_a_named_condition(text, "osteoarthritis", WITH_MEDICINES) == keys


@pytest.mark.parametrize(
    ("text", "last", "key"),
    [
        ("why do they matter for my back", "home_exercise_stretching", "joint_lubrication"),
        ("why?", "home_exercise_stretching", "joint_lubrication"),
        ("why is that", "sciatica", NOT_COVERED),
        ("why tho", "home_exercise_stretching", "joint_lubrication"),
        ("why do my legs tingle when I walk to the shops every day", "sciatica", None),
    ],
)
def test_why_the_answer_holds_is_read_from_the_answer_before(
    text: str, last: str, key: str | None
) -> None:
    assert contextual_followup(text, last, CATALOGUE) == key


def test_the_questions_of_a_message_each_on_its_own() -> None:
    from clinic.faq.followups import question_parts

    text = (
        "Good afternoon. I am 71 and I have osteoarthritis in my lower back. Two questions "
        "please: does the weather make it worse, and why is it that I feel stiffer in the "
        "mornings?"
    )
    assert question_parts(text) == [
        "does the weather make it worse",
        "why is it that I feel stiffer in the mornings?",
    ]
    # A topic, then its question: "osteoarthritis what is it" is the first of two.
    assert question_parts("osteoarthritis what is it and can it affect the back??") == [
        "osteoarthritis what is it",
        "can it affect the back??",
    ]


@pytest.mark.parametrize(
    "text", ["does the weather make it worse", "is it worse in cold weather?", "is it the damp?"]
)
def test_the_weather_is_beyond_the_guide(text: str) -> None:
    from clinic.faq.followups import asks_beyond_the_guide

    assert asks_beyond_the_guide(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("will it get worse?", True),
        ("no none. but you didnt say if its going to get worse?", True),
        ("does that mean it only gets worse", True),
        ("it gets worse when I sit", False),
        ("what if it gets worse before monday?", False),
        ("will I end up in a wheelchair?", True),
        ("ok. but it will be more worse later? i am worry", True),
        ("it will be worse if i sit all day", False),
        ("could my mum end up paralysed with this?", True),
        ("my dad is in a wheelchair", False),
        ("Is the weakness serious?? I'm not going to end up in a wheelchair am I", True),
    ],
)
def test_asking_whether_it_will_get_worse(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_if_it_gets_worse

    assert asks_if_it_gets_worse(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("can osteoarthritis be cured or reversed?", True),
        ("will it ever go away for good?", True),
        ("what is the cure for sciatica?", True),
        ("how is osteoarthritis treated?", False),
        ("I was cured of sciatica years ago", False),
    ],
)
def test_a_question_about_a_cure(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_about_a_cure

    assert asks_about_a_cure(text) is asks


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        (
            "when I sneeze I get a stab, is that something to worry about?",
            "is that something to worry about?",
        ),
        ("anyway - is it serious?", "is it serious?"),
        ("is it serious?", "is it serious?"),
    ],
)
def test_the_last_clause_of_a_sentence(sentence: str, clause: str) -> None:
    from clinic.faq.followups import last_clause

    assert last_clause(sentence) == clause


def test_how_many_weeks_of_physio_is_beyond_the_guide() -> None:
    # Not "when to see a specialist" for its "weeks".
    assert contextual_followup("how many weeks will I need?", "physical_therapy", FULL) == (
        NOT_COVERED
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Will losing weight help my back pain?", "weight and diet"),
        ("heat or ice for back pain?", "heat or ice"),
        ("is degenerative disc disease genetic?", "whether it runs in families"),
        ("what is degenerative disc disease?", None),
        ("I lift weights at the gym", None),
        (
            "Back pain - should I use a heating pad, and when should I see a specialist?",
            "heat or ice",
        ),
        ("my back hurts and I'm very stressed at work, can stress cause back pain?", "stress"),
        ("I smoke, is that bad for my back?", "smoking"),
        ("is it bad to sleep on my front with a sore back?", "sleeping positions and mattresses"),
        ("I quit smoking last year. What exercises help?", None),
        ("I'm stressed about the appointment, what will they do?", None),
        (
            "Which specific stretches? Knee to chest? Cat-cow?",
            "which particular stretches or exercises to do",
        ),
        ("do stretches help?", None),
        ("which exercises are good for back pain?", None),
        (
            "how many physio sessions will I need for a herniated disc",
            "how many sessions you would need",
        ),
        (
            "what exercises help osteoarthritis in my back and should I take glucosamine",
            "supplements such as glucosamine or vitamins",
        ),
        ("is vitamin D good for bones", "supplements such as glucosamine or vitamins"),
        ("How long does sciatica usually take to go away?", "how long it lasts"),
        ("how long does a consultation last", None),
        ("is there a leaflet with the stretches on it", "a leaflet or video of the exercises"),
        ("does cracking my back cause arthritis", "cracking your back or joints"),
        (
            "what exercises should I do for sciatica, give me a list",
            "which particular stretches or exercises to do",
        ),
    ],
)
def test_a_topic_the_guide_leaves_out_is_named(text: str, topic: str | None) -> None:
    from clinic.faq.followups import uncovered_topic

    assert uncovered_topic(text) == topic


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Oh god. Is the weakness serious??", True),
        ("is that bad?", True),
        ("should I be worried?", True),
        ("is my back pain an emergency", True),
        ("is numb toes bad tho", True),
        ("are pins and needles serious", True),
        ("it's not serious, just sore", False),
        ("It is dangerous? Maybe it is a hernia", True),
        ("is it bad to sleep on my front with a sore back?", False),
        ("numb toes are bad for balance", False),
        ("what stretches are best?", False),
    ],
)
def test_asking_whether_it_is_serious(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_if_serious

    assert asks_if_serious(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("wait so do i need 2 see sum1 or not?? the pins n needles r still there", True),
        ("should I come in?", True),
        ("I need 2 tablets a day", False),
        ("what are your opening hours", False),
        ("back pain and tingling in my left foot for about a month, should i get it checked", True),
        ("back pain for a month, I should really stretch more", False),
        ("no it didnt really. i just want to know when i should actually see someone", True),
    ],
)
def test_asking_whether_to_be_seen_in_text_speak(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_if_they_should_be_seen

    assert asks_if_they_should_be_seen(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("so thats a yes i can keep lifting boxes? theyre like 20kg", True),
        ("is it ok to keep lifting at work in the meantime?", True),
        ("should i lift weights with back pain", False),  # exercise, not work
        ("ok. but I can continue work on building site? I need money, cannot stop", True),
        ("so is ok to work, yes? I lift cement bags 25kg", True),
        ("how does exercise help with lifting groceries", False),
        ("Not now. Can I keep lifting at the gym?", False),  # exercise, not work
        ("so work tomorrow yes or no", True),
        ("5 most days, 8 after a long shift. is the lifting making it worse?", True),
        ("tomorrow after work or not at all", False),
    ],
)
def test_asking_whether_to_work_or_lift(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_whether_to_work

    assert asks_whether_to_work(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("herniated disc - do I need surgery or will exercise fix it?", True),
        ("will i end up needing steroid injections?", True),
        ("after my op last year my back aches", False),  # told of, not asked about
    ],
)
def test_asking_about_surgery(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_about_surgery

    assert asks_about_surgery(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("so thats a yes keep playing?", True),
        ("so that means I can take ibuprofen?", True),
        ("so i can keep going to the gym then?", True),
        ("so is ok to work, yes? I lift cement bags 25kg", True),
        ("yes", False),
        ("so I can book?", False),
        ("i can keep going", False),
    ],
)
def test_a_yes_asked_for(text: str, asks: bool) -> None:
    from clinic.faq.followups import asks_for_a_yes

    assert asks_for_a_yes(text) is asks


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("why tho", True),
        ("why do they matter for my back?", True),
        ("why is it worse in the mornings tho", False),
        ("why does my back hurt more at night", False),
    ],
)
def test_why_of_the_answer_is_not_why_the_pain_behaves_so(text: str, asked: bool) -> None:
    from clinic.faq.followups import asks_why_of_the_answer

    assert asks_why_of_the_answer(text) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("which ones?", True),
        ("ok what stretches?", True),
        ("what kind", True),
        ("what is it", False),
    ],
)
def test_which_ones_is_read(text: str, asked: bool) -> None:
    from clinic.faq.followups import asks_which_ones

    assert asks_which_ones(text) is asked
