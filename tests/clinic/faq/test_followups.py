import pytest

from clinic.faq.catalogue import FaqCatalogue, FaqEntry
from clinic.faq.followups import FollowupKind, classify_followup, followup_key


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
