import pytest

from clinic.triage.severity import (
    asks_about_the_scale,
    parse_severity,
    severity_in_words,
    stated_severity,
)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("7", 7),
        ("0 really. stiffness, not pain", 0),
        ("As I said, it isn't really pain. Nought, perhaps one. It's the stiffness.", 1),
        # an age is not a score
        ("he's 66 and it's an 8 on bad days", 8),
        ("my mum (78) has pain about 5", 5),
        ("7 honestly", 7),
        ("7/10", 7),
        ("7 / 10", 7),
        ("7 out of 10", 7),
        ("seven out of ten", 7),
        ("about an 8", 8),
        ("I'd say a 6", 6),
        ("maybe 5?", 5),
        ("a solid 7", 7),
        ("pain is 9", 9),
        ("level 4", 4),
        ("I give it an 8 out of 10", 8),
        ("it's about a 7 most days", 7),
        ("8/10 when I stand", 8),
        ("nine", 9),
        ("0", 0),
        ("10", 10),
        ("10/10", 10),
        ("7.5", 8),
        # ranges take the worse end
        ("6 or 7", 7),
        ("6-7", 7),
        # a number wins over words
        ("it's bad, about a 7", 7),
        ("no pain", 0),
        ("pain free", 0),
        ("zero", 0),
        ("mild", 3),
        ("slight", 3),
        ("a little", 3),
        ("not too bad", 3),
        ("moderate", 5),
        # misspelt on a phone
        ("moderat", 5),
        ("modrate", 5),
        ("sever", 8),
        # a score set apart, hedged after it
        ("more stiffness than pain really, 3 maybe", 3),
        ("medium", 5),
        ("quite bad", 5),
        ("bad", 6),
        ("really bad", 7),
        ("strong", 7),
        ("very strong", 8),
        ("strong. 8", 8),
        ("6. so can I keep working?", 6),
        ("6 from 10", 6),
        ("I wrote already, 6", 6),
        ("4 or 5, i already said", 5),
        ("Not so strong, 4", 4),
        ("I have pain in back since 2 week, very strong, 8. my right leg is weak", 8),
        ("3, its more annoying than painful", 3),
        ("very strong. maybe 8", 8),
        ("very bad", 7),
        ("severe", 8),
        ("terrible", 8),
        ("awful", 8),
        ("horrible", 8),
        ("it's killing me", 8),
        ("quite severe", 8),
        ("excruciating", 10),
        ("unbearable", 10),
        ("worst ever", 10),
        ("the worst pain I've ever had", 10),
        ("agony", 10),
        # mixed answers take the worst
        ("mild but sometimes severe", 8),
        ("no pain when sitting but agony when walking", 10),
    ],
)
def test_parse_severity(text: str, score: int) -> None:
    assert parse_severity(text) == score


@pytest.mark.parametrize(
    "text",
    [
        "15",
        "11/10",
        "-3",
        "3 out of 5",
        "about a 12",
        "not severe",
        "not sure",
        "my back hurts",
        "It has hurt for about 3 weeks",
        "I'm 45 and it hurts",
        "",
    ],
)
def test_unclear_or_off_scale_gives_none(text: str) -> None:
    assert parse_severity(text) is None


@pytest.mark.parametrize(
    ("text", "in_answer", "in_passing"),
    [
        # "bad" says the pain is bad, not whether it is severe: asked, unless it answers
        ("hurts bad when i sit", 6, None),
        ("bad", 6, None),
        ("quite bad", 5, None),
        # words and numbers that say how bad count either way
        ("it hurts bad, about a 5", 5, 5),
        # "really bad" in passing: it is bad, but whether severe is asked
        ("pretty bad", 7, None),
        ("really bad", 7, None),
        ("my back is really sore", 7, None),
        ("really bad, about an 8", 8, 8),
        # "killing me" is often a figure of speech: in passing, the score is asked for
        ("my lower back has been killing me", 8, None),
        ("mild", 3, 3),
        ("not too bad", 3, 3),
        # "a bit" and "mild" in passing are often about something else
        ("took some ibuprofen which helped a bit", 3, None),
        ("my GP said mild degenerative disc disease", 3, None),
        ("it's a bit sore", 3, 3),
        ("mild pain for 2 weeks", 3, 3),
        # "mild" as a clause of its own says how bad, beside the duration
        ("for about a week, its mild", 3, 3),
        ("mild, no numbness", 3, 3),
        ("my back hurts", None, None),
        # a mild start that got worse says nothing of now: asked
        ("felt a twinge, thought nothing of it. then it got worse over the weekend", 3, None),
        ("mild at first, 3/10, then it got worse", 3, 3),
    ],
)
def test_a_bare_bad_said_in_passing_is_no_score(
    text: str, in_answer: int | None, in_passing: int | None
) -> None:
    assert parse_severity(text) == in_answer
    assert stated_severity(text) == in_passing


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("ok back to my back, should i see a specialist? 4 weeks now, pain 6", 6),
        ("pain 8", 8),
        ("6 like i said", 6),
        ("6 as i said", 6),
        ("i said 6", 6),
        ("like i told you, 7", 7),
        ("its not getting better. scale 5. no numbness", 5),
        ("on a scale of 1 to 10, 6", 6),
        ("4ish. but what about the gym??", 4),
        # a score with when it is that bad: the worst one
        ("7 most days, 9 when i bend", 9),
        ("5 at night", 5),
        # the scale is no score, whatever follows it
        ("its like an 8 out of 10 most days", 8),
        ("8/10 when i bend, 6 out of 10 most days", 8),
        # the score first, then the answer to the next question
        ("3 and no tingling numbness or weakness", 3),
        ("5 but no numbness", 5),
        ("8!! and the pins and needles in my foot, do you even read lol", 8),
        ("5, and no numbness tingling or weakness or any of the other stuff", 5),
    ],
)
def test_a_score_said_beside_pain_or_said_again_is_read(text: str, score: int) -> None:
    assert parse_severity(text) == score
    assert stated_severity(text) == score


@pytest.mark.parametrize(
    "text",
    [
        "back pain 2 weeks",
        "pain 10 days",
        "i had pain 3 years",
        "2 and a half weeks",
        "2-3 weeks, maybe 3 and a half",
    ],
)
def test_a_duration_after_pain_is_not_a_score(text: str) -> None:
    assert stated_severity(text) is None
    assert parse_severity(text) is None


def test_a_word_denied_gives_way_to_the_word_said_instead() -> None:
    assert parse_severity("oh it's not terrible dear, moderate I suppose") == 5
    assert parse_severity("not severe") is None


def test_strong_pain_told_without_its_it() -> None:
    assert stated_severity("I am have pain in back since three week, is very strong") == 8


@pytest.mark.parametrize(
    ("text", "score"),
    [
        (
            "helo, i have pain in back from 3 week, very strong, i cannot sleep good. "
            "is need doctor?",
            8,
        ),
        ("my legs are very strong, i walk a lot", None),
        ("how do I keep my back very strong?", None),
        ("I was very strong before this", None),
    ],
)
def test_very_strong_said_as_a_clause_of_its_own_is_the_pain(text: str, score: int | None) -> None:
    assert stated_severity(text) == score


def test_a_word_in_a_question_scores_nothing() -> None:
    text = "what counts as severe? I'd say it's a nuisance more than anything"
    assert stated_severity(text) is None
    assert parse_severity(text) is None
    assert parse_severity("is 7 severe?") == 7


def test_a_score_said_instead_wins() -> None:
    assert parse_severity("9. sorry i mean 6, 9 was the first night") == 6
    assert parse_severity("actually its a 4") == 4


def test_a_guess_said_as_a_question_after_a_doubt_is_the_score() -> None:
    from clinic.triage.severity import parse_severity

    assert parse_severity("I don't know. Moderate maybe?") == 5
    assert parse_severity("what counts as severe? i dunno") is None


@pytest.mark.parametrize(
    ("text", "score"),
    [("ok then 3 i guess", 3), ("well 4", 4), ("like a year maybe more, pain usually 4", 4)],
)
def test_a_score_after_a_lead_in_or_an_adverb(text: str, score: int) -> None:
    assert parse_severity(text) == score


@pytest.mark.parametrize(
    "text",
    [
        "what does 10 mean, like a broken bone?",
        "what counts as a 5?",
        "whats the scale",
        "is 10 the worst?",
        "how do i rate it",
    ],
)
def test_a_question_about_the_scale_is_no_score(text: str) -> None:
    assert asks_about_the_scale(text)


@pytest.mark.parametrize("text", ["7", "about a 6", "what is sciatica", "it's 10 out of 10"])
def test_a_score_or_another_question_is_not_about_the_scale(text: str) -> None:
    assert not asks_about_the_scale(text)


@pytest.mark.parametrize(
    "text", ["like 4 or 5 days i think. lifted my grandson", "about 6-7 weeks"]
)
def test_a_range_of_days_or_weeks_is_no_score(text: str) -> None:
    assert stated_severity(text) is None


@pytest.mark.parametrize(
    "text",
    ["since tuesday i think. so 4 days? maybe 5", "2 weeks or 3", "a month, more like 2"],
)
def test_a_second_count_of_days_is_no_score(text: str) -> None:
    assert parse_severity(text) is None
    assert stated_severity(text) is None


@pytest.mark.parametrize(("text", "score"), [("ok then 8, its worst at night", 8), ("ok 5", 5)])
def test_a_score_after_a_lead_in_with_more_said(text: str, score: int) -> None:
    assert parse_severity(text) == score


def test_a_word_said_instead_is_the_severity() -> None:
    assert stated_severity("severe. well no, moderate, its bad when i get out of bed") == 5
    assert stated_severity("moderate, maybe severe at night") == 8  # the worst said stays


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("4-6 depends on the day", 6),
        ("between 3 and 5", 5),
        ("hard to say, some days zero some days nine", 9),
        ("NINE at worst", 9),
        ("4 to 5 days", None),  # a duration, not a score
    ],
)
def test_a_range_or_a_worst_is_scored_by_its_worst(text: str, score: int | None) -> None:
    assert parse_severity(text) == score


@pytest.mark.parametrize(("text", "score"), [("bearable, 5ish", 5), ("7-ish", 7), ("its 4 ish", 4)])
def test_a_score_said_with_ish_is_the_number(text: str, score: int) -> None:
    from clinic.triage.severity import stated_severity

    assert parse_severity(text) == score
    assert stated_severity(text) == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        (
            "it varies, some days a 4 but last week a couple of nights it was an 8 and I "
            "couldn't sleep",
            8,
        ),
        ("some days a 4, some nights an 8", 8),
    ],
)
def test_scores_told_after_when_they_happen_give_the_worst(text: str, score: int) -> None:
    assert stated_severity(text) == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("honestly 0 or 1, it's stiffness more than pain", 1),
        ("I have no pain but when I bend my back there is a click", 0),
        ("im not in pain just stiff", 0),
        ("I have no pain when I sit but standing is a 7", 7),
    ],
)
def test_a_score_told_with_a_hedge_or_no_pain_said_in_passing(text: str, score: int) -> None:
    assert parse_severity(text) == score


def test_no_pain_killer_is_no_score() -> None:
    assert parse_severity("there is no pain killer that works") is None


def test_two_scores_with_a_hedge_between_give_the_worst() -> None:
    assert parse_severity("5 maybe 6") == 6


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ("quite bad", "quite bad"),
        ("Severe.", "Severe"),
        (
            "not too bad when I am sitting but after ten minutes walking it gets quite bad, "
            "my legs go heavy and a bit numb",
            "not too bad when I am sitting but after ten minutes walking it gets quite bad",
        ),
        # a score was given: the score is what was said
        ("7", None),
        ("seven out of ten, pretty bad", None),
        ("about a 6, quite bad", None),
        ("yes", None),
    ],
)
def test_how_bad_in_the_patients_own_words(answer: str, words: str | None) -> None:
    assert severity_in_words(answer) == words


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("5 mostly", 5),
        ("6 usually", 6),
        ("4 or so", 4),
        ("I don't have any pain at the moment", 0),
        ("i don't have pain", 0),
    ],
)
def test_a_score_with_a_hedge_after_it(text: str, score: int) -> None:
    assert parse_severity(text) == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("my back pain is 8 out of 10 for 2 days, should I see a specialist?", 8),
        ("its like a 7, is that bad?", 7),
        ("is 8 out of 10 bad?", None),  # asked about, not told
        ("how bad does it need to be, like a 7?", None),
    ],
)
def test_a_score_told_before_a_question_in_the_same_sentence_counts(
    text: str, score: int | None
) -> None:
    assert stated_severity(text) == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("my son is 9 and keeps saying his back hurts", None),
        ("my daughter, 7, has back pain", None),
        ("he is 9 years old, back hurts", None),
        ("my son is in pain, a 7 out of 10", 7),
        ("my 9-year-old has back pain, about a 4", 4),
    ],
)
def test_a_childs_age_is_no_score(text: str, score: int | None) -> None:
    assert stated_severity(text) == score


def test_a_score_said_again_as_more_like_another_is_the_answer() -> None:
    text = "5. no wait, when I bend to pick up my little one its more like an 8"
    assert parse_severity(text) == 8


@pytest.mark.parametrize(("text", "score"), [("meh 2ish", 2), ("ugh 8", 8), ("hmm 5", 5)])
def test_a_score_after_a_sound_is_the_score(text: str, score: int) -> None:
    from clinic.triage.severity import parse_severity

    assert parse_severity(text) == score


@pytest.mark.parametrize(
    "text", ["It is 5. no wait, when it is worst it is more 8", "5. actually at worst 8"]
)
def test_a_worst_said_after_a_correction_is_the_score(text: str) -> None:
    from clinic.triage.severity import parse_severity

    assert parse_severity(text) == 8
