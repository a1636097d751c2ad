import pytest

from dialogue.emergency_policy import next_emergency_action


@pytest.mark.parametrize(
    ("latest", "intent", "state", "expected"),
    [
        ("action_listen", "report_emergency", None, "action_emergency"),
        ("action_listen", "report_crisis", None, "action_emergency"),
        ("action_listen", "report_emergency", "urgent", "action_emergency"),
        ("action_listen", "suspected_emergency", None, "action_emergency_check"),
        ("action_listen", "suspected_crisis", None, "action_emergency_check"),
        ("action_listen", "request_appointment", "urgent", "action_emergency_followup"),
        ("action_listen", "faq", "crisis", "action_emergency_followup"),
        ("action_listen", "affirm", "check_urgent", "action_emergency_followup"),
        ("action_listen", "faq", None, None),
        ("action_emergency", "report_emergency", "urgent", "action_listen"),
        ("action_emergency_followup", "faq", "urgent", "action_listen"),
        ("utter_faq", "faq", None, None),
    ],
)
def test_the_emergency_state_takes_every_turn_until_cleared(
    latest: str, intent: str, state: str | None, expected: str | None
) -> None:
    assert next_emergency_action(latest, intent, state) == expected
