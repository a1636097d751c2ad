"""Reading the check-in's slots back as the clinic's types."""

import dataclasses
from typing import Any

import pytest

from actions.checkin_slots import (
    checkin_from_tracker,
    nerve_symptoms_from_slot,
    summary_from_tracker,
)
from clinic.triage.referral import CheckIn
from clinic.triage.symptoms import NONE_REPORTED, NerveSymptoms
from tests.actions.conftest import make_tracker
from tests.actions.test_checkin import NO_SYMPTOMS, NUMB_FOOT, checkin_slots


@pytest.mark.parametrize(
    "symptoms",
    [
        NONE_REPORTED,
        NerveSymptoms(True, False, True, ("foot", "leg")),
        NerveSymptoms(False, False, False, ("hand",), unspecified=True),
    ],
)
def test_the_slot_dict_round_trips(symptoms: NerveSymptoms) -> None:
    stored = dataclasses.asdict(symptoms)
    assert nerve_symptoms_from_slot(stored) == symptoms
    # Rasa keeps slots as JSON, so the locations come back as a list.
    assert nerve_symptoms_from_slot({**stored, "locations": list(symptoms.locations)}) == symptoms


def test_a_dict_without_locations_or_with_extra_keys_is_read() -> None:
    assert nerve_symptoms_from_slot(
        {"numbness": True, "tingling": False, "weakness": False, "extra": 1}
    ) == NerveSymptoms(True, False, False)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "numbness",
        ["numbness"],
        42,
        {},
        {"numbness": True},  # the other flags are missing
        {**NO_SYMPTOMS, "locations": None},
        {**NO_SYMPTOMS, "numbness": "no"},
    ],
    ids=[
        "none",
        "text",
        "list",
        "number",
        "empty-dict",
        "flags-missing",
        "locations-none",
        "flag-not-bool",
    ],
)
def test_a_malformed_slot_value_gives_none(value: Any) -> None:
    assert nerve_symptoms_from_slot(value) is None


def test_checkin_from_tracker_reads_every_answer() -> None:
    tracker = make_tracker(slots=checkin_slots(30, 8.0, {**NUMB_FOOT, "locations": ["foot"]}, True))
    assert checkin_from_tracker(tracker) == CheckIn(
        duration_days=30,
        severity=8,
        nerve_symptoms=NerveSymptoms(True, False, False, ("foot",)),
        red_flags=(),
        red_flags_asked=True,
        red_flags_reported=False,
    )


def test_checkin_from_tracker_with_a_red_flag_reported() -> None:
    tracker = make_tracker(slots=checkin_slots(2, 3, NO_SYMPTOMS, False))
    checkin = checkin_from_tracker(tracker)
    assert (checkin.red_flags_asked, checkin.red_flags_reported) == (True, True)


def test_checkin_from_tracker_with_nothing_answered() -> None:
    tracker = make_tracker(slots=checkin_slots(days="a month", severity="bad", nerve="numb"))
    assert checkin_from_tracker(tracker) == CheckIn()


def _told(*turns: tuple[str, int | None]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for text, score in turns:
        events.append({"event": "user", "text": text})
        events.append({"event": "slot", "name": "pain_severity", "value": score})
    return events


def test_the_summary_quotes_how_bad_when_it_was_told_in_words() -> None:
    tracker = make_tracker(
        slots={"pain_severity": 5, "pain_duration_days": 365},
        events=_told(("about a year", None), ("it gets quite bad when I walk", 5)),
    )
    assert summary_from_tracker(tracker) == (
        'Pain for about 12 months; how bad, in your words: "it gets quite bad when I walk"'
    )


def test_the_summary_gives_the_score_when_one_was_said_last() -> None:
    tracker = make_tracker(
        slots={"pain_severity": 6},
        events=_told(("quite bad", 5), ("sorry, a 6", 6)),
    )
    assert summary_from_tracker(tracker) == "About 6 out of 10"
