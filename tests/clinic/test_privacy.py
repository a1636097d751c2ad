from clinic.privacy import personal_details


def test_the_personal_details_are_said_back_in_plain_words() -> None:
    values = {
        "patient_name": "Anna Kowalska",
        "patient_phone": "+447700900123",
        "patient_email": None,
        "pain_duration_days": 42,
        "pain_severity": 7,
        "nerve_symptoms": {"numbness": False, "tingling": True, "weakness": False},
        "booking_reference": "JPC-AB12CD",
        "preferred_time": "tuesday morning",
        "emergency_state": None,
    }
    assert personal_details(values) == [
        "your name, Anna Kowalska",
        "your phone number, +447700900123",
        "how long you've had the pain (42 days)",
        "how bad it is (7 out of 10)",
        "the nerve symptoms you told me about (tingling)",
        "your booking reference, JPC-AB12CD",
    ]


def test_a_conversation_without_personal_details_has_none() -> None:
    denied = {"numbness": False, "tingling": False, "weakness": False, "denied": True}
    assert personal_details({"nerve_symptoms": denied, "preferred_time": "monday"}) == []
    assert personal_details({}) == []


def test_contact_details_are_said_once() -> None:
    assert personal_details({"patient_contact": "+447700900222"}) == [
        "how to reach you, +447700900222"
    ]
    both = {"patient_contact": "+447700900222", "patient_phone": "+447700900222"}
    assert personal_details(both) == ["your phone number, +447700900222"]
