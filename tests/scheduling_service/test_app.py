"""Every route and error of the scheduling API, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.scheduling_service.conftest import TOKEN, Api, Clock, appointment_body

FIRST = "dr-a-20261130T0900"
SECOND = "physio-b-20261130T0900"
ALL_SLOTS = 40  # see TEST_SCHEDULE: Mon 20, Tue 6, Wed closed, Thu 6, Fri 8


def outcome(response: httpx.Response, status: int) -> str:
    """Assert an OperationOutcome with `status`; return its diagnostics joined."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"] and all(issue["severity"] == "error" for issue in body["issue"])
    return " | ".join(issue["diagnostics"] for issue in body["issue"])


def slot_ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    return [entry["resource"]["id"] for entry in bundle["entry"]]


def test_health_needs_no_token(api: Api) -> None:
    response = api.get("/health", auth=False)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


PROTECTED = [
    ("GET", "/Slot?status=free"),
    ("POST", "/Appointment"),
    ("GET", "/Appointment?identifier=urn:clinic:booking-reference|BK-0001"),
    ("GET", "/Appointment/abc"),
    ("PATCH", "/Appointment/abc"),
]


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer", TOKEN]
)
def test_every_route_but_health_needs_the_token(api: Api, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in PROTECTED:
        response = api.request(method, path, auth=False, headers=headers)
        assert "bearer token" in outcome(response, 401), (method, path)
        assert response.headers["www-authenticate"] == "Bearer"


def test_free_slots_are_sorted_counted_and_shaped(api: Api) -> None:
    response = api.get("/Slot?status=free&_count=3")
    bundle = response.json()
    assert bundle["total"] == ALL_SLOTS
    assert slot_ids(response) == [FIRST, SECOND, "dr-a-20261130T0930"]
    assert bundle["entry"][0]["resource"] == {
        "resourceType": "Slot",
        "id": FIRST,
        "schedule": {"reference": "Schedule/dr-a", "display": "Dr Ada"},
        "serviceType": [
            {
                "text": "consultant rheumatologist",
                "extension": [{"url": "urn:clinic:short-role", "valueString": "consultant"}],
            }
        ],
        "status": "free",
        "start": "2026-11-30T09:00:00+00:00",
        "end": "2026-11-30T09:30:00+00:00",
    }
    physio = bundle["entry"][1]["resource"]
    assert physio["schedule"]["display"] == "Bo Physio"
    assert physio["serviceType"] == [
        {"text": "physio", "extension": [{"url": "urn:clinic:short-role", "valueString": "physio"}]}
    ]


def test_default_count_is_twenty_and_the_maximum_is_a_hundred(api: Api) -> None:
    assert len(slot_ids(api.get("/Slot?status=free"))) == 20
    assert len(slot_ids(api.get("/Slot?status=free&_count=500"))) == ALL_SLOTS
    assert slot_ids(api.get("/Slot?_count=0")) == []


def test_start_bounds_select_a_window(api: Api) -> None:
    params = {"status": "free", "start": ["ge2026-12-03T10:00:00+00:00", "lt2026-12-03T11:00Z"]}
    ids = slot_ids(api.get("/Slot", params=params))
    assert ids == ["dr-a-20261203T1000", "dr-a-20261203T1030"]
    # A date alone means local midnight; an unencoded '+' (read as a space) still works.
    assert len(slot_ids(api.get("/Slot?start=ge2026-12-04&_count=100"))) == 8
    tuesday = "/Slot?start=ge2026-12-01T09:00:00+00:00&start=lt2026-12-01T12:00:00+00:00"
    assert len(slot_ids(api.get(tuesday))) == 6


def test_slots_that_have_started_are_not_offered_by_default(api: Api, clock: Clock) -> None:
    clock.now += timedelta(hours=1, minutes=15)  # 09:15
    assert slot_ids(api.get("/Slot?_count=1")) == ["dr-a-20261130T0930"]
    # ...unless asked for explicitly.
    assert slot_ids(api.get("/Slot?_count=1&start=ge2026-11-30"))[0] == FIRST


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=ge2026-13-01", "not an ISO 8601 date"),
        ("start=geyesterday", "not an ISO 8601 date"),
        ("start=2026-12-01", "must begin with ge, gt, le or lt"),
        ("start=eq2026-12-01", "must begin with ge, gt, le or lt"),
        ("_count=ten", "_count must be a whole number"),
        ("_count=-1", "must not be negative"),
        ("status=maybe", "status must be 'free' or 'busy'"),
        ("status=free&status=busy", "status may be given only once"),
    ],
)
def test_bad_slot_searches_are_explained(api: Api, query: str, message: str) -> None:
    assert message in outcome(api.get(f"/Slot?{query}"), 400)


def test_booking_returns_the_stored_appointment(api: Api) -> None:
    response = api.book(FIRST)
    assert response.status_code == 201, response.text
    appointment = response.json()
    assert response.headers["location"] == f"/Appointment/{appointment['id']}"
    assert response.headers["content-type"].startswith("application/fhir+json")
    sent = appointment_body(FIRST)
    for key, value in sent.items():
        if key != "participant":
            assert appointment[key] == value, key
    # The patient as sent, and the clinician the slot is with, as the schedule names them.
    assert appointment["participant"] == [
        *sent["participant"],
        {
            "actor": {"reference": "Practitioner/dr-a", "display": "Dr Ada"},
            "status": "accepted",
            "type": [{"text": "consultant rheumatologist"}],
        },
    ]
    assert appointment["start"] == "2026-11-30T09:00:00+00:00"
    assert appointment["end"] == "2026-11-30T09:30:00+00:00"
    assert api.get(f"/Appointment/{appointment['id']}").json() == appointment
    assert FIRST not in slot_ids(api.get("/Slot?status=free&_count=100"))
    assert slot_ids(api.get("/Slot?status=busy")) == [FIRST]


def test_a_booked_slot_cannot_be_booked_again(api: Api) -> None:
    assert api.book(FIRST).status_code == 201
    response = api.book(FIRST, key="key-2", reference="BK-0002")
    assert "already booked" in outcome(response, 409)


def test_an_unknown_slot_is_not_found(api: Api) -> None:
    assert "Slot dr-a-20300101T0900 does not exist" in outcome(api.book("dr-a-20300101T0900"), 404)


def test_a_slot_that_has_started_cannot_be_booked(api: Api, clock: Clock) -> None:
    clock.now += timedelta(hours=1, minutes=5)
    assert "already started" in outcome(api.book(FIRST), 409)


def test_booking_needs_an_idempotency_key(api: Api) -> None:
    response = api.post("/Appointment", json=appointment_body(FIRST))
    assert "Idempotency-Key header is required" in outcome(response, 400)


def test_the_same_idempotency_key_returns_the_first_booking(api: Api) -> None:
    first = api.book(FIRST, key="retry-me")
    assert first.status_code == 201
    again = api.book(FIRST, key="retry-me")  # the slot is busy now
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert slot_ids(api.get("/Slot?status=busy")) == [FIRST]


def test_a_replay_after_the_slot_was_rebooked_still_returns_the_first(api: Api) -> None:
    first = api.book(FIRST, key="first").json()
    api.patch(f"/Appointment/{first['id']}", json={"status": "cancelled"})
    assert api.book(FIRST, key="second", reference="BK-0002").status_code == 201
    replay = api.book(FIRST, key="first")
    assert replay.status_code == 200
    assert replay.json()["id"] == first["id"]
    assert replay.json()["status"] == "cancelled"


def test_a_booking_reference_belongs_to_one_appointment(api: Api) -> None:
    assert api.book(FIRST, key="one", reference="BK-SAME").status_code == 201
    response = api.book(SECOND, key="two", reference="BK-SAME")
    assert "BK-SAME already belongs to another appointment" in outcome(response, 409)
    assert SECOND in slot_ids(api.get("/Slot?status=free"))


def _without(key: str) -> dict[str, Any]:
    body = appointment_body(FIRST)
    del body[key]
    return body


def _patient(**changes: Any) -> dict[str, Any]:
    body = appointment_body(FIRST)
    body["contained"][0].update(changes)
    return body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ([], "must be a JSON object"),
        ({**appointment_body(FIRST), "resourceType": "Patient"}, "resourceType must be"),
        ({**appointment_body(FIRST), "status": "proposed"}, "status must be 'booked'"),
        (_without("identifier"), "Appointment.identifier must be a non-empty list"),
        (
            {**appointment_body(FIRST), "identifier": [{"system": "x", "value": "1"}]},
            "must hold one urn:clinic:booking-reference identifier",
        ),
        (_without("slot"), "Appointment.slot must be a non-empty list"),
        ({**appointment_body(FIRST), "slot": [{"reference": "Practitioner/1"}]}, "Slot/<id>"),
        (_without("contained"), "Appointment.contained must be a non-empty list"),
        (_patient(id="someone"), "must hold a Patient with id 'patient'"),
        (_patient(name=[{"text": " "}]), "name[0].text must be non-empty text"),
        (_patient(telecom=[]), "telecom must be a non-empty list"),
        (_patient(telecom=[{"system": "fax", "value": "1"}]), "'phone' or 'email'"),
        (_without("participant"), "Appointment.participant must be a non-empty list"),
        (
            {**appointment_body(FIRST), "participant": [{"actor": {"reference": "#x"}}]},
            "reference '#patient'",
        ),
        ({**appointment_body(FIRST), "comment": "x" * 5000}, "at most 4000 characters"),
        ({**appointment_body(FIRST), "reasonCode": [{}]}, "reasonCode[0].text"),
    ],
)
def test_invalid_bookings_say_what_is_wrong(api: Api, body: Any, message: str) -> None:
    response = api.post("/Appointment", json=body, headers={"Idempotency-Key": "k"})
    assert message in outcome(response, 400)
    assert FIRST in slot_ids(api.get("/Slot?status=free"))


def test_every_problem_is_reported_at_once(api: Api) -> None:
    body = {"resourceType": "Appointment", "status": "booked"}
    response = api.post("/Appointment", json=body, headers={"Idempotency-Key": "k"})
    issues = response.json()["issue"]
    assert response.status_code == 400
    assert {issue["expression"][0] for issue in issues} == {
        "Appointment.identifier",
        "Appointment.slot",
        "Appointment.contained",
        "Appointment.participant",
    }


def test_a_body_that_is_not_json_is_rejected(api: Api) -> None:
    headers = {"Idempotency-Key": "k", "Content-Type": "application/fhir+json"}
    response = api.post("/Appointment", content=b"{not json", headers=headers)
    assert "not valid JSON" in outcome(response, 400)


def test_fhir_json_is_accepted_and_other_types_are_not(api: Api) -> None:
    body = httpx.Request("POST", "/", json=appointment_body(FIRST)).content
    headers = {"Idempotency-Key": "k", "Content-Type": "application/fhir+json; charset=utf-8"}
    assert api.post("/Appointment", content=body, headers=headers).status_code == 201
    headers = {"Idempotency-Key": "k2", "Content-Type": "text/plain"}
    assert "Content-Type must be" in outcome(
        api.post("/Appointment", content=body, headers=headers), 415
    )


def test_an_oversized_body_is_refused(api: Api) -> None:
    body = appointment_body(FIRST)
    body["note"] = "x" * 100_000
    outcome(api.post("/Appointment", json=body, headers={"Idempotency-Key": "k"}), 413)


def test_reading_an_unknown_appointment_is_not_found(api: Api) -> None:
    assert "Appointment nope does not exist" in outcome(api.get("/Appointment/nope"), 404)


def test_both_contacts_are_kept_and_returned_by_every_route(api: Api) -> None:
    body = appointment_body(FIRST, "BK-BOTH")
    telecom = [
        {"system": "phone", "value": "+447700900123"},
        {"system": "email", "value": "Alex@Example.com"},
    ]
    body["contained"][0]["telecom"] = telecom
    booked = api.post("/Appointment", json=body, headers={"Idempotency-Key": "both"})
    assert booked.status_code == 201, booked.text
    appointment = booked.json()
    assert appointment["contained"] == body["contained"]
    found = api.get("/Appointment", params={"identifier": "urn:clinic:booking-reference|BK-BOTH"})
    assert found.json()["entry"][0]["resource"]["contained"][0]["telecom"] == telecom
    assert api.get(f"/Appointment/{appointment['id']}").json()["contained"][0]["telecom"] == telecom
    cancelled = api.patch(f"/Appointment/{appointment['id']}", json={"status": "cancelled"})
    assert cancelled.json()["contained"][0]["telecom"] == telecom


def test_appointments_are_found_by_booking_reference(api: Api) -> None:
    booked = api.book(FIRST, reference="BK-7Q2X").json()
    found = api.get("/Appointment", params={"identifier": "urn:clinic:booking-reference|BK-7Q2X"})
    assert found.status_code == 200
    assert found.json() == {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": 1,
        "entry": [{"resource": booked}],
    }
    assert api.get("/Appointment?identifier=BK-7Q2X").json()["total"] == 1
    missing = api.get("/Appointment?identifier=urn:clinic:booking-reference|BK-NONE").json()
    assert missing["total"] == 0 and missing["entry"] == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "exactly one identifier"),
        ("?identifier=urn:other|BK-1", "Only urn:clinic:booking-reference identifiers"),
        ("?identifier=urn:clinic:booking-reference|", "no reference"),
    ],
)
def test_bad_appointment_searches_are_explained(api: Api, query: str, message: str) -> None:
    assert message in outcome(api.get(f"/Appointment{query}"), 400)


def test_cancelling_frees_the_slot_and_is_idempotent(api: Api) -> None:
    booked = api.book(FIRST).json()
    path = f"/Appointment/{booked['id']}"
    cancelled = api.patch(path, json={"status": "cancelled"})
    assert cancelled.status_code == 200
    assert cancelled.json() == {**booked, "status": "cancelled"}
    assert FIRST in slot_ids(api.get("/Slot?status=free"))
    again = api.patch(path, json={"resourceType": "Appointment", "status": "cancelled"})
    assert again.status_code == 200 and again.json()["status"] == "cancelled"
    assert api.get(path).json()["status"] == "cancelled"
    assert api.book(FIRST, key="key-2", reference="BK-0002").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"status": "booked"},
        {"status": "cancelled", "comment": "changed my mind"},
        {"status": "cancelled", "resourceType": "Slot"},
        {},
        ["status", "cancelled"],
    ],
)
def test_only_cancellation_can_be_patched(api: Api, body: Any) -> None:
    booked = api.book(FIRST).json()
    response = api.patch(f"/Appointment/{booked['id']}", json=body)
    assert "Only cancellation is supported" in outcome(response, 400) or (
        "must be the JSON object" in outcome(response, 400)
    )
    assert api.get(f"/Appointment/{booked['id']}").json()["status"] == "booked"


def test_cancelling_an_unknown_appointment_is_not_found(api: Api) -> None:
    outcome(api.patch("/Appointment/nope", json={"status": "cancelled"}), 404)


def test_unknown_routes_and_methods_are_operation_outcomes(api: Api) -> None:
    outcome(api.get("/Patient"), 404)
    for method, path, allowed in [
        ("DELETE", "/Appointment/abc", "GET, PATCH"),
        ("PUT", "/Appointment/abc", "GET, PATCH"),
        ("POST", "/Slot", "GET"),
    ]:
        response = api.request(method, path)
        assert "not allowed" in outcome(response, 405)
        assert response.headers["allow"] == allowed


def test_the_booking_window_rolls_forward_with_the_date(api: Api, clock: Clock) -> None:
    monday_next_week = "/Slot?start=ge2026-12-07&_count=100"
    assert slot_ids(api.get(monday_next_week)) == []
    clock.now += timedelta(days=1)
    assert len(slot_ids(api.get(monday_next_week))) == 20


def test_an_idempotency_key_reused_for_another_slot_is_refused(api: Api) -> None:
    assert api.book(FIRST, key="once").status_code == 201
    response = api.book(SECOND, key="once", reference="BK-0002")
    assert "was used to book another slot" in outcome(response, 422)
    assert slot_ids(api.get("/Slot?status=busy")) == [FIRST]


def test_control_characters_in_a_reference_or_a_name_are_refused_not_a_500(api: Api) -> None:
    search = api.get("/Appointment", params={"identifier": "BK-\x00"})
    assert "control characters" in outcome(search, 400)
    body = appointment_body(FIRST, name="Ann\x00 Lee")
    booked = api.post("/Appointment", json=body, headers={"Idempotency-Key": "k-nul"})
    assert "control characters" in outcome(booked, 400)
