import pytest

from clinic.faq.activities import activity_asked_about


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("even deadlifts?", "deadlifts"),
        ("is swimming good for a herniated disc", "swimming"),
        ("can i still go running", "running"),
        ("what exercises help", None),
        ("I go running every day and my back hurts", None),
    ],
)
def test_an_activity_the_guide_does_not_name_asked_about(text: str, activity: str | None) -> None:
    assert activity_asked_about(text) == activity
