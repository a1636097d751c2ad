import pytest

from clinic.triage.ordinary_pain import tells_only_ordinary_pain


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        ("ok english. back pain 2 weeks, leg pain very much", True),
        ("Back pain 3/10 for two weeks, worse when sitting. What can I do?", True),
        ("severe back pain, can't walk", False),  # a negation: read further
        ("back pain in both legs", False),
        ("sudden severe back pain", False),
        ("worst back pain of my life", False),
        ("back pain at night", False),
        # a cry of pain and when: nothing more
        ("ouch my back hurts so much today", True),
        ("owww my lower back is so sore this morning", True),
        ("ouch my back hurts and my legs went numb today", False),
        ("my back hurts so much i can't move today", False),
        ("back pain and my foot is numb", False),  # another symptom
        ("my back is stiff", False),  # no pain said: nothing to set aside
        ("", False),
    ],
)
def test_only_where_how_long_and_how_bad(text: str, ordinary: bool) -> None:
    assert tells_only_ordinary_pain(text) is ordinary


@pytest.mark.parametrize(
    ("text", "passing"),
    [
        (
            "My leg went a bit numb after sitting cross-legged on the floor last night, it "
            "was fine after a minute. Is that serious?",
            True,
        ),
        ("pins and needles in my foot when I sit on my legs, is that bad?", True),
        (
            "my foot fell asleep on a long drive yesterday and was pins and needles for a minute."
            " fine now",
            True,
        ),
        ("my legs go numb when I walk and its getting worse", False),
        ("numbness in both legs since this morning", False),
        ("fine after a minute but my back is killing me", False),
        ("my foot goes numb on long drives then comes back when i get out. normal?", True),
        ("numb toes, wears off once I stand up", True),
        ("my leg went dead after sitting on the toilet too long lol, its fine now", True),
        ("my foot goes numb when I walk far", False),
    ],
)
def test_numbness_told_as_brief_or_from_sitting_awkwardly(text: str, passing: bool) -> None:
    from clinic.triage.ordinary_pain import tells_a_passing_nerve_symptom

    assert tells_a_passing_nerve_symptom(text) is passing


@pytest.mark.parametrize(
    ("text", "only"),
    [
        (
            "my leg went numb after sitting crosslegged for ages watching tv, its fine now, "
            "is that normal?",
            True,
        ),
        ("there's no pain, my leg went numb after sitting on my legs, fine after a minute", True),
        ("pins and needles after sitting cross-legged, and my back hurts all the time", False),
        ("my legs go numb when I walk", False),
        (
            "my leg went to sleep from sitting cross legged too long, its fine now after "
            "walking. is that bad for my back?",
            True,
        ),
    ],
)
def test_a_passing_numbness_told_without_pain(text: str, only: bool) -> None:
    from clinic.triage.ordinary_pain import tells_only_a_passing_nerve_symptom

    assert tells_only_a_passing_nerve_symptom(text) is only


@pytest.mark.parametrize(
    ("text", "only"),
    [
        (
            "pulled my back moving a sofa 3 days ago, its sore but i can walk ok, pain maybe 3/10",
            True,
        ),
        ("back pain since yesterday, bent over to pick up the laundry. pretty sore", True),
        ("i can walk ok but both legs feel numb", False),
        ("bent over to pick up the laundry and felt a sudden tearing pain", False),
        ("lifted a box this morning and now I can't move", False),
        ("I have pain in back since 2 days, not so strong, I can walk normal. What I do?", True),
        ("my gran slipped yesterday but she's walking around fine, just a bit sore", True),
    ],
)
def test_a_strain_told_with_nothing_a_red_flag_could_be(text: str, only: bool) -> None:
    from clinic.triage.ordinary_pain import tells_only_a_strain

    assert tells_only_a_strain(text) is only


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("bak pain 4 weeks now n my right leg feels kinda weak when i walk far", True),
        ("my right leg suddenly went weak today", False),
        ("for 2 months my left leg is weak and my foot drags", False),
        ("right leg weak for 3 days", False),
        # the pain worse lately, not the weakness; "my leg" is one leg
        ("back pain on and off for years, worse lately, sometimes my leg feels a bit weak", True),
        ("my leg is weak and getting worse, for 3 weeks", False),
        ("my legs feel weak for a month", False),
        # legs that tire on a walk, for weeks, nothing worse
        ("back pain for 2 months, his legs feel a bit weak after walking for a while", True),
        ("my legs get heavy when I walk, for 3 months, and getting worse", False),
        # numb on walking, eased by sitting, for months: the guide's spinal stenosis
        (
            "my dad has had back pain for months and his legs go numb when he walks to the "
            "shops, he has to sit down",
            True,
        ),
        ("my legs go numb when i walk, for months", False),  # nothing said of sitting
    ],
)
def test_one_leg_weak_for_weeks_and_nothing_sudden(text: str, weeks: bool) -> None:
    from clinic.triage.ordinary_pain import tells_leg_weakness_of_weeks

    assert tells_leg_weakness_of_weeks(text) is weeks
