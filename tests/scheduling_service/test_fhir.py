"""Parsing FHIR search parameters and bodies."""

from __future__ import annotations

import operator
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from scheduling_service import fhir
from scheduling_service.fhir import FhirError

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-12-01T09:00:00+00:00", "2026-12-01T09:00:00+00:00"),
        ("2026-12-01T09:00:00 01:00", "2026-12-01T09:00:00+01:00"),  # '+' decoded as space
        ("2026-12-01T09:00:00Z", "2026-12-01T09:00:00+00:00"),
        ("2026-07-01T09:00", "2026-07-01T09:00:00+01:00"),  # no offset: clinic time
        ("2026-07-01", "2026-07-01T00:00:00+01:00"),
    ],
)
def test_instants(raw: str, expected: str) -> None:
    assert fhir.parse_instant(raw, LONDON, "start").isoformat() == expected


def test_start_bounds_and_lower_bounds() -> None:
    bounds = fhir.parse_start_bounds(["ge2026-12-01", "lt2026-12-02"], LONDON)
    assert [compare for compare, _ in bounds] == [operator.ge, operator.lt]
    assert fhir.has_lower_bound(bounds)
    assert not fhir.has_lower_bound(fhir.parse_start_bounds(["le2026-12-01"], LONDON))


@pytest.mark.parametrize(
    ("values", "expected"), [([], 20), (["5"], 5), (["0"], 0), (["100"], 100), (["101"], 100)]
)
def test_count(values: list[str], expected: int) -> None:
    assert fhir.parse_count(values) == expected


def test_booking_identifier() -> None:
    assert fhir.parse_booking_identifier(["urn:clinic:booking-reference|BK-1"]) == "BK-1"
    assert fhir.parse_booking_identifier(["BK-1"]) == "BK-1"
    with pytest.raises(FhirError, match="exactly one"):
        fhir.parse_booking_identifier(["BK-1", "BK-2"])


def test_errors_render_as_operation_outcomes() -> None:
    error = FhirError(409, "conflict", "Slot x is already booked.")
    assert error.outcome() == {
        "resourceType": "OperationOutcome",
        "issue": [
            {"severity": "error", "code": "conflict", "diagnostics": "Slot x is already booked."}
        ],
    }


def test_client_supplied_id_and_meta_are_not_stored() -> None:
    from tests.scheduling_service.conftest import appointment_body

    body = {**appointment_body("s-1"), "id": "mine", "meta": {"versionId": "9"}}
    parsed = fhir.parse_new_appointment(body, "key")
    assert (parsed.slot_id, parsed.booking_reference, parsed.idempotency_key) == (
        "s-1",
        "BK-0001",
        "key",
    )
    assert "id" not in parsed.resource and "meta" not in parsed.resource


def test_times_render_in_clinic_time() -> None:
    from scheduling_service.storage import SlotRecord

    start = datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc)
    slot = SlotRecord("a-1", "a", "A", start, start, "free")
    assert fhir.slot_resource(slot, LONDON)["start"] == "2026-07-01T09:00:00+01:00"


def test_slots_show_the_clinician_as_the_schedule_has_them_now() -> None:
    from scheduling_service.schedule import Clinician
    from scheduling_service.storage import SlotRecord

    start = datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc)
    # Stored before names and roles were separate fields.
    slot = SlotRecord("a-1", "a", "Dr A Okafor, consultant rheumatologist", start, start, "free")
    okafor = Clinician("a", "Dr A Okafor", "consultant rheumatologist", "consultant", frozenset())
    resource = fhir.slot_resource(slot, LONDON, okafor)
    assert resource["schedule"] == {"reference": "Schedule/a", "display": "Dr A Okafor"}
    assert resource["serviceType"] == [
        {
            "text": "consultant rheumatologist",
            "extension": [{"url": fhir.SHORT_ROLE_EXTENSION, "valueString": "consultant"}],
        }
    ]
    # A clinician who has left the schedule: the stored name, and no role.
    left = fhir.slot_resource(slot, LONDON, None)
    assert left["schedule"]["display"] == "Dr A Okafor, consultant rheumatologist"
    assert "serviceType" not in left


def test_rendered_resources_validate_against_fhir_r4b() -> None:
    """What the service sends is valid R4B: a Slot bundle, an Appointment, an outcome."""
    from fhir.resources.R4B.appointment import Appointment
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.operationoutcome import OperationOutcome

    from scheduling_service.schedule import Clinician
    from scheduling_service.storage import AppointmentRecord, SlotRecord
    from tests.scheduling_service.conftest import appointment_body

    start = datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc)
    okafor = Clinician("a", "Dr A Okafor", "consultant rheumatologist", "consultant", frozenset())
    slots = [
        fhir.slot_resource(SlotRecord("a-1", "a", "Dr A Okafor", start, start, "free"), LONDON),
        fhir.slot_resource(SlotRecord("a-2", "a", "Dr A", start, start, "busy"), LONDON, okafor),
    ]
    Bundle.parse_obj(fhir.bundle(slots, total=7))
    stored = fhir.parse_new_appointment(appointment_body("a-1"), "key").resource
    record = AppointmentRecord("ap-1", "booked", "a-1", "a", "Dr A", start, start, start, stored)
    rendered = fhir.appointment_resource(record, LONDON)
    Appointment.parse_obj(rendered)
    Bundle.parse_obj(fhir.bundle([rendered]))
    OperationOutcome.parse_obj(FhirError(400, "invalid", [("x", "Appointment.slot")]).outcome())


@pytest.mark.parametrize(
    ("change", "expression"),
    [
        ({"unknownField": 1}, "Appointment.unknownField"),
        ({"slot": "Slot/a-1"}, "Appointment.slot"),
        ({"start": "next Tuesday"}, "Appointment.start"),
        ({"contained": [{"resourceType": "Nope"}]}, "Appointment"),
        ({"contained": [7]}, "Appointment"),
        # FHIR requires each participant's status, which the hand-written checks never asked for.
        (
            {"participant": [{"actor": {"reference": "#patient"}}]},
            "Appointment.participant[0].status",
        ),
    ],
)
def test_bodies_that_are_not_fhir_r4b_are_refused_with_where(
    change: dict[str, object], expression: str
) -> None:
    from tests.scheduling_service.conftest import appointment_body

    with pytest.raises(FhirError) as raised:
        fhir.parse_new_appointment({**appointment_body("a-1"), **change}, "key")
    assert raised.value.status == 400
    assert expression in {where for _, where in raised.value.issues}


def test_a_coerced_value_is_stored_as_fhir_has_it() -> None:
    from tests.scheduling_service.conftest import appointment_body

    parsed = fhir.parse_new_appointment({**appointment_body("a-1"), "minutesDuration": "30"}, "key")
    assert parsed.resource == {**appointment_body("a-1"), "minutesDuration": 30}
