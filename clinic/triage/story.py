"""The referral criteria a patient's story meets by itself, before any question is asked.

The article's advice on when to see a specialist is for joint pain in general: pain that
lasts more than a few weeks, severe pain, or numbness, tingling or weakness in the limbs.
A story about a joint the guide does not cover ("my neck has hurt for 2 months, with pins
and needles in my hand") still meets it, and the patient is told so.
"""

from __future__ import annotations

import datetime as dt

from clinic.triage.duration import parse_duration_days
from clinic.triage.red_flags import mentions_back_pain
from clinic.triage.referral import CheckIn, ConsultationRecommended, ReferralRules, decide
from clinic.triage.severity import stated_severity
from clinic.triage.symptoms import stated_symptoms
from clinic.wording import about_someone_else, current_story


def reasons_told(text: str, today: dt.date, rules: ReferralRules) -> tuple[str, ...]:
    """The reasons for a consultation that the text alone gives; empty when it gives none.

    Read from the parts about the pain now: "I had an MRI last month" says nothing of how
    long the pain has lasted, nor "sat at a desk for 30 years".
    """
    story = current_story(text, someone_else=about_someone_else(text))
    checkin = CheckIn(
        duration_days=parse_duration_days(story, today),
        severity=stated_severity(story),
        nerve_symptoms=stated_symptoms(story, own=True),
    )
    decision = decide(checkin, rules)
    return decision.reasons if isinstance(decision, ConsultationRecommended) else ()


def tells_of_the_pain(text: str, today: dt.date) -> bool:
    """Whether a message tells of back pain with how long or how bad it is.

    "Bad back, 9/10, can hardly get out of bed, 3 days now": what the check-in is for.
    """
    return mentions_back_pain(text) and (
        parse_duration_days(text, today) is not None or stated_severity(text) is not None
    )
