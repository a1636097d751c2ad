import datetime as dt

import pytest

from clinic.triage.referral import DURATION_REASON, NERVE_REASON, SEVERITY_REASON, ReferralRules
from clinic.triage.story import reasons_told

RULES = ReferralRules(min_days_for_referral=21, severe_from=7, refer_on_nerve_symptoms=True)
TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        (
            "My neck hurts and I get pins and needles in my right hand, maybe 2 months",
            (DURATION_REASON, NERVE_REASON),
        ),
        ("my hip has been agony for 3 days, 9/10", (SEVERITY_REASON,)),
        ("my knee hurts when i run", ()),
        # a question names the symptom, it does not report it
        ("does knee pain cause tingling?", ()),
    ],
)
def test_the_criteria_a_story_meets_by_itself(text: str, reasons: tuple[str, ...]) -> None:
    assert reasons_told(text, TODAY, RULES) == reasons


@pytest.mark.parametrize(
    "text",
    [
        "I had an MRI last month and the letter says 'degenerative changes at L4/5'. What "
        "does that mean?",
        "I'm 58, office job, sat at a desk for 30 years. Lately my lower back is stiff",
    ],
)
def test_how_long_something_else_lasted_is_no_reason(text: str) -> None:
    assert reasons_told(text, dt.date(2026, 12, 3), ReferralRules()) == ()
