"""Async client for the clinic's scheduling service (FHIR R4 Slot and Appointment).

Every call has a timeout and is retried with capped exponential backoff on connection errors,
timeouts and 5xx answers. Booking is retried too: it always carries `Idempotency-Key: <reference>`,
so a replayed POST returns the first appointment instead of booking twice.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any
from urllib.parse import quote

import httpx

# The reference rules have one home, clinic.booking.references; imported here to generate them.
from clinic.booking.references import REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PREFIX
from startup.settings import Settings

logger = logging.getLogger(__name__)

BOOKING_REFERENCE_SYSTEM = "urn:clinic:booking-reference"
# The short name of a clinician's role, for buttons, on a Slot's serviceType (see the service).
SHORT_ROLE_EXTENSION = "urn:clinic:short-role"
PATIENT_ID = "patient"

QueryParams = list[tuple[str, str | int | float | bool | None]]


def new_booking_reference() -> str:
    """A fresh booking reference: unguessable (~30 bits from `secrets`) and easy to read aloud.

    Generate it once per booking and reuse it for every retry: it is also the idempotency key.
    """
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


class SchedulingError(Exception):
    """The scheduling service refused or garbled a request (base of all client errors)."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class SlotTaken(SchedulingError):  # noqa: N818 - named by the API contract
    """409: someone else booked the slot first; offer the patient other slots."""


class NotFound(SchedulingError):  # noqa: N818 - named by the API contract
    """404: the slot or appointment does not exist."""


class SchedulingUnavailable(SchedulingError):  # noqa: N818 - named by the API contract
    """The service could not be reached (refused, timed out or 5xx) even after retrying."""


@dataclass(frozen=True)
class Slot:
    """A free slot a patient can be offered.

    `clinician_role` is the role in full ("consultant rheumatologist");
    `clinician_short_role` names it in a few words for a button ("consultant"), and is the
    full role when the service gives no short one.
    """

    id: str
    start: datetime
    end: datetime
    clinician_name: str
    clinician_role: str
    clinician_short_role: str


@dataclass(frozen=True, kw_only=True)
class BookingRequest:
    """Everything needed to book one slot; `reference` doubles as the idempotency key.

    The patient is reached by `phone` (E.164) or `email`, or both: at least one is required.
    """

    reference: str
    slot_id: str
    name: str
    phone: str | None = None
    email: str | None = None
    reason: str
    summary: str
    conversation_id: str | None = None
    """The chat the booking was made in, to tell the patient what became of a queued one.

    Kept on the assistant's side only: it is not part of the FHIR Appointment.
    """

    def __post_init__(self) -> None:
        if not (self.phone or self.email):
            raise ValueError(f"booking {self.reference} needs a phone number or an email address")

    @property
    def telecom(self) -> tuple[tuple[str, str], ...]:
        """(system, value) for each way to reach the patient, phone first."""
        return tuple(
            (system, value)
            for system, value in (("phone", self.phone), ("email", self.email))
            if value
        )

    def to_fhir(self) -> dict[str, Any]:
        """The Appointment resource the service expects in `POST /Appointment`."""
        return {
            "resourceType": "Appointment",
            "status": "booked",
            "identifier": [{"system": BOOKING_REFERENCE_SYSTEM, "value": self.reference}],
            "slot": [{"reference": f"Slot/{self.slot_id}"}],
            "contained": [
                {
                    "resourceType": "Patient",
                    "id": PATIENT_ID,
                    "name": [{"text": self.name}],
                    "telecom": [
                        {"system": system, "value": value} for system, value in self.telecom
                    ],
                }
            ],
            "participant": [{"actor": {"reference": f"#{PATIENT_ID}"}, "status": "accepted"}],
            "reasonCode": [{"text": self.reason}],
            "comment": self.summary,
        }


@dataclass(frozen=True)
class BookedAppointment:
    """An appointment as the service holds it. FHIR lets a cancelled one omit start/end.

    `telecom` is how the patient can be reached, as (system, value) pairs from the
    Appointment's contained Patient: what an identity check compares an answer with.
    """

    id: str
    reference: str | None
    status: str
    slot_id: str | None
    start: datetime | None
    end: datetime | None
    telecom: tuple[tuple[str, str], ...] = ()
    patient_name: str | None = None
    clinician_name: str | None = None
    """Who it is with, from the participant that is a Practitioner; None if not given."""
    clinician_role: str | None = None


def parse_fhir_datetime(value: str) -> datetime:
    """FHIR instants may end in "Z", which Python 3.10's `fromisoformat` does not accept."""
    parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no UTC offset")
    return parsed


def _require_aware(name: str, value: datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value.isoformat()


def _slot_from_fhir(resource: Mapping[str, Any]) -> Slot:
    schedule = resource.get("schedule") or {}
    service_type = (resource.get("serviceType") or [{}])[0]
    if not isinstance(service_type, Mapping):
        service_type = {}
    role = str(service_type.get("text") or "")
    short_role = next(
        (
            str(extension["valueString"])
            for extension in service_type.get("extension") or []
            if isinstance(extension, Mapping)
            and extension.get("url") == SHORT_ROLE_EXTENSION
            and extension.get("valueString")
        ),
        role,
    )
    return Slot(
        id=str(resource["id"]),
        start=parse_fhir_datetime(resource["start"]),
        end=parse_fhir_datetime(resource["end"]),
        clinician_name=str(schedule.get("display") or schedule.get("reference", "")),
        clinician_role=role,
        clinician_short_role=short_role,
    )


def _patient(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    """The contained Patient the appointment is for (empty if there is none)."""
    patients = [
        item
        for item in resource.get("contained") or []
        if isinstance(item, Mapping) and item.get("resourceType") == "Patient"
    ]
    ours = [patient for patient in patients if patient.get("id") == PATIENT_ID] or patients
    return ours[0] if ours else {}


def _patient_telecom(resource: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The (system, value) pairs of the contained Patient the appointment is for."""
    return tuple(
        (str(contact["system"]), str(contact["value"]))
        for contact in _patient(resource).get("telecom") or []
        if isinstance(contact, Mapping) and contact.get("system") and contact.get("value")
    )


def _patient_name(resource: Mapping[str, Any]) -> str | None:
    """The contained Patient's name as written, if any."""
    names = _patient(resource).get("name") or []
    first = names[0] if names and isinstance(names[0], Mapping) else {}
    text = first.get("text")
    return str(text) if text else None


def _clinician(resource: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The name and role of the Practitioner taking part, if the Appointment names one."""
    for participant in resource.get("participant") or []:
        actor = participant.get("actor") or {} if isinstance(participant, Mapping) else {}
        if str(actor.get("reference", "")).startswith("Practitioner/") and actor.get("display"):
            types = participant.get("type") or []
            role = types[0].get("text") if types and isinstance(types[0], Mapping) else None
            return str(actor["display"]), str(role) if role else None
    return None, None


def _appointment_from_fhir(resource: Mapping[str, Any]) -> BookedAppointment:
    reference = next(
        (
            str(identifier["value"])
            for identifier in resource.get("identifier", [])
            if identifier.get("system") == BOOKING_REFERENCE_SYSTEM
        ),
        None,
    )
    slots = resource.get("slot") or []
    slot_ref = str(slots[0].get("reference", "")) if slots else ""
    clinician_name, clinician_role = _clinician(resource)
    return BookedAppointment(
        id=str(resource["id"]),
        reference=reference,
        status=str(resource.get("status", "")),
        slot_id=slot_ref.removeprefix("Slot/") or None,
        start=parse_fhir_datetime(resource["start"]) if resource.get("start") else None,
        end=parse_fhir_datetime(resource["end"]) if resource.get("end") else None,
        telecom=_patient_telecom(resource),
        patient_name=_patient_name(resource),
        clinician_name=clinician_name,
        clinician_role=clinician_role,
    )


def _bundle_resources(bundle: Mapping[str, Any], resource_type: str) -> list[dict[str, Any]]:
    if bundle.get("resourceType") != "Bundle":
        raise SchedulingError(f"expected a Bundle, got {bundle.get('resourceType')!r}")
    return [
        entry["resource"]
        for entry in bundle.get("entry") or []
        if entry.get("resource", {}).get("resourceType") == resource_type
    ]


class SchedulingClient:
    """Talks to the scheduling service over HTTP.

    Use it as `async with SchedulingClient(...) as client:` to share one connection pool over
    several calls; outside a `with` block each call opens and closes its own httpx client.
    Nothing is opened at construction, so building one is free.
    """

    def __init__(
        self,
        base_url: str,
        api_token: str,
        *,
        timeout_s: float = 5.0,
        retries: int = 3,
        backoff_base_s: float = 0.2,
        backoff_cap_s: float = 2.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be greater than 0, got {timeout_s}")
        if retries < 0:
            raise ValueError(f"retries must be 0 or more, got {retries}")
        self.base_url = base_url.rstrip("/")
        self._api_token = api_token
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self._transport = transport
        self._shared: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        return f"SchedulingClient({self.base_url!r}, retries={self.retries})"

    @classmethod
    def from_settings(cls, settings: Settings) -> SchedulingClient:
        """The client configured from `startup.settings` (URL, token, timeout, retries)."""
        return cls(
            settings.scheduling.url,
            settings.scheduling.api_token,
            timeout_s=settings.scheduling_timeout_s,
            retries=settings.scheduling_retries,
        )

    async def __aenter__(self) -> SchedulingClient:
        if self._shared is not None:
            raise RuntimeError("SchedulingClient is already open")
        self._shared = self._new_http_client()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        shared, self._shared = self._shared, None
        if shared is not None:
            await shared.aclose()

    # --- the API -------------------------------------------------------------------------

    async def health(self) -> bool:
        """True when `/health` answers "ok"; never raises, never retries (it is a probe)."""
        try:
            async with self._http() as http:
                response = await http.get("/health")
            return response.status_code == 200 and response.json().get("status") == "ok"
        except (httpx.HTTPError, ValueError, AttributeError):
            return False

    async def free_slots(
        self, start_from: datetime, until: datetime | None = None, limit: int = 5
    ) -> list[Slot]:
        """Free slots starting at or after `start_from` (and before `until`), earliest first."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        params: QueryParams = [
            ("status", "free"),
            ("start", "ge" + _require_aware("start_from", start_from)),
        ]
        if until is not None:
            params.append(("start", "lt" + _require_aware("until", until)))
        params.append(("_count", str(limit)))
        bundle = await self._request_json("GET", "/Slot", params=params)
        slots = sorted(
            (_slot_from_fhir(resource) for resource in _bundle_resources(bundle, "Slot")),
            key=lambda slot: slot.start,
        )
        return slots[:limit]

    async def free_slots_in(
        self, windows: Sequence[tuple[datetime, datetime]], per_window: int, limit: int
    ) -> list[Slot]:
        """Free slots starting inside any of `windows` ([start, end) each), earliest first.

        The windows are asked about one by one, in the order given, at most `per_window`
        slots each, and no more are asked once `limit` slots are in hand: so a full day
        never hides a later one the patient asked for. A slot found twice is listed once.
        """
        if per_window < 1:
            raise ValueError(f"per_window must be at least 1, got {per_window}")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        for start, end in windows:
            _require_aware("window start", start)
            _require_aware("window end", end)
            if end <= start:
                raise ValueError(f"window {start.isoformat()} to {end.isoformat()} is empty")
        found: dict[str, Slot] = {}
        for start, end in windows:
            if len(found) >= limit:
                break
            for slot in await self.free_slots(start, end, limit=per_window):
                found.setdefault(slot.id, slot)
        return sorted(found.values(), key=lambda slot: (slot.start, slot.id))[:limit]

    async def book(self, request: BookingRequest) -> BookedAppointment:
        """Book a slot. Retrying is safe: the reference is sent as the idempotency key.

        Raises SlotTaken (409), NotFound (unknown slot), SchedulingUnavailable, SchedulingError.
        """
        body = await self._request_json(
            "POST",
            "/Appointment",
            json=request.to_fhir(),
            headers={"Idempotency-Key": request.reference},
        )
        return _appointment_from_fhir(body)

    async def find_by_reference(self, reference: str) -> BookedAppointment | None:
        """The appointment booked under `reference`, or None if the service has none."""
        bundle = await self._request_json(
            "GET",
            "/Appointment",
            params=[("identifier", f"{BOOKING_REFERENCE_SYSTEM}|{reference}")],
        )
        resources = _bundle_resources(bundle, "Appointment")
        return _appointment_from_fhir(resources[0]) if resources else None

    async def get_appointment(self, appointment_id: str) -> BookedAppointment:
        """One appointment by its service id; NotFound if there is none."""
        body = await self._request_json("GET", f"/Appointment/{quote(appointment_id, safe='')}")
        return _appointment_from_fhir(body)

    async def cancel(self, appointment_id: str) -> BookedAppointment:
        """Cancel an appointment and free its slot; cancelling twice is harmless."""
        body = await self._request_json(
            "PATCH",
            f"/Appointment/{quote(appointment_id, safe='')}",
            json={"status": "cancelled"},
        )
        return _appointment_from_fhir(body)

    # --- plumbing ------------------------------------------------------------------------

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self._api_token}", "Accept": "application/json"},
            timeout=httpx.Timeout(self.timeout_s),
            transport=self._transport,
        )

    @asynccontextmanager
    async def _http(self) -> AsyncIterator[httpx.AsyncClient]:
        if self._shared is not None:
            yield self._shared
            return
        async with self._new_http_client() as http:
            yield http

    def _backoff_s(self, retry: int) -> float:
        return float(min(self.backoff_cap_s, self.backoff_base_s * 2**retry))

    async def _request_json(
        self,
        method: str,
        path: str,
        *,
        params: QueryParams | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Send one request, retrying transient failures, and map errors to our exceptions.

        Only call it for requests that are safe to repeat (GETs, the cancel PATCH, and the
        booking POST because of its idempotency key).
        """
        what = f"{method} {path}"
        last_problem = ""
        async with self._http() as http:
            for attempt in range(self.retries + 1):
                if attempt:
                    delay = self._backoff_s(attempt - 1)
                    logger.info("Retrying %s in %.2fs (%s)", what, delay, last_problem)
                    await asyncio.sleep(delay)
                try:
                    response = await http.request(
                        method, path, params=params, json=json, headers=headers
                    )
                except httpx.TimeoutException:
                    last_problem = f"no answer within {self.timeout_s}s"
                    continue
                except httpx.TransportError as error:
                    last_problem = f"{type(error).__name__}: {error}"
                    continue
                if response.status_code >= 500:
                    last_problem = f"HTTP {response.status_code}"
                    continue
                return self._decode(what, response)
        raise SchedulingUnavailable(
            f"scheduling service at {self.base_url} unavailable for {what} after "
            f"{self.retries + 1} attempt(s): {last_problem}"
        )

    @staticmethod
    def _decode(what: str, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if status in (200, 201):
            try:
                body = response.json()
            except ValueError as error:
                raise SchedulingError(f"{what}: answer is not JSON", status) from error
            if not isinstance(body, dict):
                raise SchedulingError(f"{what}: expected a JSON object", status)
            return body
        detail = _diagnostics(response)
        if status == 409:
            raise SlotTaken(f"{what}: slot already taken{detail}", status)
        if status == 404:
            raise NotFound(f"{what}: not found{detail}", status)
        if status in (401, 403):
            raise SchedulingError(
                f"{what}: the scheduling service rejected our API token (HTTP {status}); "
                "check SCHEDULING_API_TOKEN",
                status,
            )
        raise SchedulingError(f"{what}: unexpected HTTP {status}{detail}", status)


def _diagnostics(response: httpx.Response) -> str:
    """The OperationOutcome's text, if the service sent one, to make errors self-explaining."""
    try:
        body = response.json()
        issues = body.get("issue") or []
        texts = [
            str(issue.get("diagnostics") or issue.get("details", {}).get("text", ""))
            for issue in issues
        ]
        joined = "; ".join(text for text in texts if text)
        return f" ({joined})" if joined else ""
    except (ValueError, AttributeError):
        return ""
