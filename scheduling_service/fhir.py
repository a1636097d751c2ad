"""FHIR R4B shapes: rendering Slot, Appointment, Bundle and OperationOutcome, and checking input.

A booking is checked twice: as an R4B Appointment by fhir.resources (types, known fields,
codes, dates, contained resources, required elements), and against the clinic's profile
(what a booking must hold: its reference, one slot, the patient and how to reach them).
What is stored is the R4B model's own rendering. The rendered resources are the small
subset the assistant uses; tests check them against the same R4B models. Every check
collects all problems at once, so a caller learns everything wrong with a request from
one OperationOutcome.
"""

from __future__ import annotations

import json
import operator
import re
from datetime import date, datetime, time, tzinfo
from typing import Any

from fhir.resources.R4B.appointment import Appointment
from pydantic import ValidationError

from scheduling_service.schedule import Clinician
from scheduling_service.storage import AppointmentRecord, Comparison, NewAppointment, SlotRecord

BOOKING_REFERENCE_SYSTEM = "urn:clinic:booking-reference"
# An extension on Slot.serviceType: the clinician's role in a word or two, for buttons.
SHORT_ROLE_EXTENSION = "urn:clinic:short-role"
PATIENT_ID = "patient"
DEFAULT_COUNT = 20
MAX_COUNT = 100
MAX_TEXT = 200
MAX_COMMENT = 4000
_PREFIXES: dict[str, Comparison] = {
    "ge": operator.ge,
    "gt": operator.gt,
    "le": operator.le,
    "lt": operator.lt,
}


class FhirError(Exception):
    """A request that fails with an OperationOutcome; `issues` are (diagnostics, expression)."""

    def __init__(self, status: int, code: str, issues: list[tuple[str, str | None]] | str) -> None:
        self.status = status
        self.code = code
        self.issues: list[tuple[str, str | None]] = (
            [(issues, None)] if isinstance(issues, str) else issues
        )
        super().__init__("; ".join(text for text, _ in self.issues))

    def outcome(self) -> dict[str, Any]:
        """The OperationOutcome resource describing this error."""
        return operation_outcome(self.code, self.issues)


def operation_outcome(code: str, issues: list[tuple[str, str | None]]) -> dict[str, Any]:
    """An OperationOutcome with one error issue per (diagnostics, expression) pair."""
    rendered = []
    for text, expression in issues:
        issue: dict[str, Any] = {"severity": "error", "code": code, "diagnostics": text}
        if expression:
            issue["expression"] = [expression]
        rendered.append(issue)
    return {"resourceType": "OperationOutcome", "issue": rendered}


def invalid(text: str, expression: str | None = None) -> FhirError:
    """A 400 error for a malformed request."""
    return FhirError(400, "invalid", [(text, expression)])


def bundle(resources: list[dict[str, Any]], total: int | None = None) -> dict[str, Any]:
    """A searchset Bundle; `total` counts all matches, which may exceed the entries."""
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources) if total is None else total,
        "entry": [{"resource": resource} for resource in resources],
    }


PRACTITIONER_PREFIX = "Practitioner/"
"""How an Appointment's participant names the clinician it is with."""


def slot_resource(
    slot: SlotRecord, zone: tzinfo, clinician: Clinician | None = None
) -> dict[str, Any]:
    """A Slot, with times in the clinic's local time (ISO 8601 with offset).

    The clinician's name (`schedule.display`) and role come from `clinician`, the schedule's
    entry, so a change to the schedule shows at once, also on slots stored before it. The
    role is `serviceType[0].text`, with its short form for buttons in a SHORT_ROLE_EXTENSION
    extension. A slot whose clinician has left the schedule keeps its stored name, no role.
    """
    resource: dict[str, Any] = {
        "resourceType": "Slot",
        "id": slot.id,
        "schedule": {
            "reference": f"Schedule/{slot.clinician_id}",
            "display": clinician.name if clinician else slot.clinician_name,
        },
    }
    if clinician is not None:
        resource["serviceType"] = [
            {
                "text": clinician.role,
                "extension": [{"url": SHORT_ROLE_EXTENSION, "valueString": clinician.short_role}],
            }
        ]
    resource.update(
        status=slot.status,
        start=slot.start.astimezone(zone).isoformat(),
        end=slot.end.astimezone(zone).isoformat(),
    )
    return resource


def appointment_resource(
    record: AppointmentRecord, zone: tzinfo, clinician: Clinician | None = None
) -> dict[str, Any]:
    """The stored Appointment: as submitted, plus id, current status, times and creation.

    The clinician it is with is a participant (`Practitioner/<id>`, their name as its
    display, their role as its type), so a patient asking about a booking can be told who
    it is with. As with slots, the name and role come from the schedule's entry.
    """
    resource = dict(record.resource)
    patients = [
        participant
        for participant in resource.get("participant") or []
        if not str((participant.get("actor") or {}).get("reference", "")).startswith(
            PRACTITIONER_PREFIX
        )
    ]
    practitioner: dict[str, Any] = {
        "actor": {
            "reference": f"{PRACTITIONER_PREFIX}{record.clinician_id}",
            "display": clinician.name if clinician else record.clinician_name,
        },
        "status": "accepted",
    }
    if clinician is not None:
        practitioner["type"] = [{"text": clinician.role}]
    resource.update(
        {
            "resourceType": "Appointment",
            "id": record.id,
            "status": record.status,
            "start": record.start.astimezone(zone).isoformat(),
            "end": record.end.astimezone(zone).isoformat(),
            "created": record.created.astimezone(zone).isoformat(),
            "participant": [*patients, practitioner],
        }
    )
    return resource


def parse_instant(raw: str, zone: tzinfo, name: str) -> datetime:
    """An ISO date or datetime; without an offset it is read as clinic-local time.

    A '+' in an offset that reached us as a space (an unencoded query string) is restored.
    """
    text = raw.strip().replace(" ", "+")
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = (
            datetime.combine(date.fromisoformat(text), time(0))
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError as error:
        raise invalid(
            f"{name}: {raw!r} is not an ISO 8601 date or date-time "
            "(e.g. 2026-12-01T09:00:00+00:00; encode '+' as %2B in URLs)",
            name,
        ) from error
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def parse_start_bounds(values: list[str], zone: tzinfo) -> list[tuple[Comparison, datetime]]:
    """The `start=` search parameters: each a ge/gt/le/lt prefix and a date-time."""
    bounds = []
    for value in values:
        prefix, rest = value[:2], value[2:]
        if prefix not in _PREFIXES:
            raise invalid(
                f"start: {value!r} must begin with ge, gt, le or lt (e.g. ge2026-12-01T09:00)",
                "start",
            )
        bounds.append((_PREFIXES[prefix], parse_instant(rest, zone, "start")))
    return bounds


def has_lower_bound(bounds: list[tuple[Comparison, datetime]]) -> bool:
    """Whether the bounds limit how early a slot may start."""
    return any(compare in (operator.ge, operator.gt) for compare, _ in bounds)


def parse_count(values: list[str]) -> int:
    """`_count`: how many entries to return, from 0 to MAX_COUNT (larger asks are capped)."""
    if not values:
        return DEFAULT_COUNT
    if len(values) > 1:
        raise invalid("_count may be given only once", "_count")
    try:
        count = int(values[0])
    except ValueError as error:
        raise invalid(f"_count must be a whole number, got {values[0]!r}", "_count") from error
    if count < 0:
        raise invalid(f"_count must not be negative, got {count}", "_count")
    return min(count, MAX_COUNT)


def parse_booking_identifier(values: list[str]) -> str:
    """The booking reference in `identifier=urn:clinic:booking-reference|<reference>`."""
    if len(values) != 1:
        raise invalid(
            f"Give exactly one identifier={BOOKING_REFERENCE_SYSTEM}|<reference>", "identifier"
        )
    system, bar, value = values[0].rpartition("|")
    if bar and system != BOOKING_REFERENCE_SYSTEM:
        raise invalid(
            f"Only {BOOKING_REFERENCE_SYSTEM} identifiers can be searched, got {system!r}",
            "identifier",
        )
    if not value:
        raise invalid("identifier has no reference after the '|'", "identifier")
    if has_control_characters(value):
        raise invalid("identifier must not contain control characters", "identifier")
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value: str) -> bool:
    """Whether `value` holds characters no name, phone or reference has.

    PostgreSQL refuses one of them (NUL) in text, which would otherwise be a 500.
    """
    return bool(_CONTROL.search(value))


def _text(
    issues: list[tuple[str, str | None]], value: Any, where: str, limit: int = MAX_TEXT
) -> str | None:
    """`value` if it is non-blank text within `limit` characters, else record an issue."""
    if not isinstance(value, str) or not value.strip():
        issues.append((f"{where} must be non-empty text", where))
        return None
    if len(value) > limit:
        issues.append((f"{where} must be at most {limit} characters", where))
        return None
    if has_control_characters(value):
        issues.append((f"{where} must not contain control characters", where))
        return None
    return value


def _list(issues: list[tuple[str, str | None]], value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        issues.append((f"{where} must be a non-empty list", where))
        return []
    return value


def parse_new_appointment(body: Any, idempotency_key: str) -> NewAppointment:
    """Check a POSTed Appointment and extract what booking needs; 400 lists every problem."""
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object (a FHIR Appointment resource)")
    issues: list[tuple[str, str | None]] = []
    if body.get("resourceType") != "Appointment":
        # Nothing else can be checked against the Appointment model.
        raise invalid("resourceType must be 'Appointment'", "Appointment.resourceType")
    if body.get("status") != "booked":
        issues.append(("status must be 'booked'", "Appointment.status"))
    reference = _booking_reference(issues, body.get("identifier"))
    slot_id = _slot_id(issues, body.get("slot"))
    _patient(issues, body.get("contained"))
    _participant(issues, body.get("participant"))
    if "reasonCode" in body:
        for index, reason in enumerate(_list(issues, body["reasonCode"], "Appointment.reasonCode")):
            where = f"Appointment.reasonCode[{index}].text"
            _text(issues, reason.get("text") if isinstance(reason, dict) else None, where)
    if "comment" in body:
        _text(issues, body["comment"], "Appointment.comment", MAX_COMMENT)
    appointment = _r4b_appointment(body, issues)
    if issues or appointment is None or reference is None or slot_id is None:
        raise FhirError(400, "invalid", issues)
    # The model's rendering: a value it coerced (a duration given as text) is stored
    # as FHIR has it, so what the service later returns is valid R4B too.
    rendered = json.loads(appointment.json())
    resource = {key: value for key, value in rendered.items() if key not in ("id", "meta")}
    return NewAppointment(idempotency_key, reference, slot_id, resource)


def _r4b_appointment(
    body: dict[str, Any], issues: list[tuple[str, str | None]]
) -> Appointment | None:
    """`body` as an R4B Appointment, or None with what FHIR refuses in it added to `issues`.

    A problem at a place the profile checks already reported is not reported twice.
    Besides pydantic's ValidationError, fhir.resources raises LookupError (an unknown
    contained resourceType) and AttributeError or TypeError (a contained item that is not
    an object) for some malformed bodies.
    """
    try:
        return Appointment.parse_obj(body)
    except ValidationError as error:
        reported = {where for _, where in issues}
        for problem in error.errors():
            where = _expression(problem["loc"])
            if not any(where == seen or where.startswith(f"{seen}[") for seen in reported if seen):
                issues.append((f"{where}: {problem['msg']}", where))
    except (LookupError, AttributeError, TypeError, ValueError) as error:
        issues.append((f"Not a valid FHIR R4B Appointment: {error}", "Appointment"))
    if not issues:  # pragma: no cover (a refused body always names a problem)
        issues.append(("Not a valid FHIR R4B Appointment", "Appointment"))
    return None


def _expression(location: tuple[int | str, ...]) -> str:
    """A pydantic error location as a FHIRPath-like expression: Appointment.slot[0].reference."""
    where = "Appointment"
    for part in location:
        if part != "__root__":
            where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return where


def _booking_reference(issues: list[tuple[str, str | None]], value: Any) -> str | None:
    where = "Appointment.identifier"
    ours = [
        item
        for item in _list(issues, value, where)
        if isinstance(item, dict) and item.get("system") == BOOKING_REFERENCE_SYSTEM
    ]
    if isinstance(value, list) and value and len(ours) != 1:
        issues.append((f"{where} must hold one {BOOKING_REFERENCE_SYSTEM} identifier", where))
        return None
    if not ours:
        return None
    reference = _text(issues, ours[0].get("value"), f"{where}.value", 100)
    if reference is not None and "|" in reference:
        issues.append((f"{where}.value must not contain '|'", f"{where}.value"))
        return None
    return reference


def _slot_id(issues: list[tuple[str, str | None]], value: Any) -> str | None:
    where = "Appointment.slot"
    slots = _list(issues, value, where)
    if not slots:
        return None
    reference = slots[0].get("reference") if isinstance(slots[0], dict) else None
    if len(slots) != 1 or not isinstance(reference, str) or not reference.startswith("Slot/"):
        issues.append((f"{where} must be exactly one {{'reference': 'Slot/<id>'}}", where))
        return None
    slot_id = reference.removeprefix("Slot/")
    if not slot_id or len(slot_id) > 100:
        issues.append((f"{where}[0].reference has no usable slot id", where))
        return None
    return slot_id


def _patient(issues: list[tuple[str, str | None]], value: Any) -> None:
    where = "Appointment.contained"
    patients = [
        item
        for item in _list(issues, value, where)
        if isinstance(item, dict)
        and item.get("resourceType") == "Patient"
        and item.get("id") == PATIENT_ID
    ]
    if not patients:
        if isinstance(value, list) and value:
            issues.append((f"{where} must hold a Patient with id '{PATIENT_ID}'", where))
        return
    patient = patients[0]
    names = _list(issues, patient.get("name"), f"{where}[Patient].name")
    if names:
        name = names[0].get("text") if isinstance(names[0], dict) else None
        _text(issues, name, f"{where}[Patient].name[0].text")
    telecom = _list(issues, patient.get("telecom"), f"{where}[Patient].telecom")
    for index, contact in enumerate(telecom):
        item = f"{where}[Patient].telecom[{index}]"
        if not isinstance(contact, dict) or contact.get("system") not in ("phone", "email"):
            issues.append((f"{item}.system must be 'phone' or 'email'", item))
            continue
        _text(issues, contact.get("value"), f"{item}.value")


def _participant(issues: list[tuple[str, str | None]], value: Any) -> None:
    where = "Appointment.participant"
    participants = _list(issues, value, where)
    actors = [
        item.get("actor", {}).get("reference")
        for item in participants
        if isinstance(item, dict) and isinstance(item.get("actor"), dict)
    ]
    if participants and f"#{PATIENT_ID}" not in actors:
        issues.append((f"{where} must include an actor with reference '#{PATIENT_ID}'", where))


def parse_cancellation(body: Any) -> None:
    """Accept only `{"status": "cancelled"}` (optionally with resourceType Appointment)."""
    if not isinstance(body, dict):
        raise invalid('The body must be the JSON object {"status": "cancelled"}')
    extra = sorted(set(body) - {"status", "resourceType"})
    if (
        body.get("status") != "cancelled"
        or extra
        or body.get("resourceType", "Appointment") != ("Appointment")
    ):
        raise invalid(
            'Only cancellation is supported: send exactly {"status": "cancelled"}'
            + (f" (unexpected: {', '.join(extra)})" if extra else ""),
            "Appointment.status",
        )
