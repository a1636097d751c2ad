"""A local stand-in for the scheduling service's HTTP API, for testing the client.

A plain `http.server` in a thread on a loopback port. It keeps slots and appointments in memory,
honours `Idempotency-Key` like the real service, and can be told to misbehave: answer 503,
book and then drop the connection (the answer is lost), answer too late, and so on.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-scheduling-token"
REFERENCE_SYSTEM = "urn:clinic:booking-reference"
SHORT_ROLE_EXTENSION = "urn:clinic:short-role"
CET = timezone(timedelta(hours=1))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Fault:
    """What to do to the next request matching `method` (and `path`, if given).

    kind: "status" answers `status` without doing anything; "drop" does the work, then closes
    the connection without answering; "delay" does the work and answers after `delay_s`.
    """

    kind: str
    method: str
    path: str | None = None
    status: int = 503
    delay_s: float = 0.0


@dataclass
class SlotRecord:
    id: str
    start: datetime
    end: datetime
    clinician_id: str
    clinician_name: str
    status: str = "free"
    clinician_role: str = ""
    clinician_short_role: str = ""

    def to_fhir(self) -> dict[str, Any]:
        """Shaped like the real service's Slot (scheduling_service/fhir.py)."""
        resource: dict[str, Any] = {
            "resourceType": "Slot",
            "id": self.id,
            "schedule": {
                "reference": f"Schedule/{self.clinician_id}",
                "display": self.clinician_name,
            },
            "status": self.status,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }
        if self.clinician_role:
            service_type: dict[str, Any] = {"text": self.clinician_role}
            if self.clinician_short_role:
                service_type["extension"] = [
                    {"url": SHORT_ROLE_EXTENSION, "valueString": self.clinician_short_role}
                ]
            resource["serviceType"] = [service_type]
        return resource


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


CLINICIANS = {
    "dr-okafor": ("Dr. Amara Okafor", "consultant rheumatologist", "consultant"),
    "dr-lindqvist": ("Dr. Erik Lindqvist", "sports and exercise medicine doctor", ""),
}
"""id: (name, role, short role); Dr Lindqvist has no short role, so the client uses the role."""


def default_slots() -> list[SlotRecord]:
    """Four 30-minute slots on Monday 7 January 2030 (CET), two clinicians."""
    day = datetime(2030, 1, 7, tzinfo=CET)
    slots = []
    for number, (hour, minute, clinician) in enumerate(
        [
            (9, 0, "dr-okafor"),
            (9, 30, "dr-okafor"),
            (11, 0, "dr-lindqvist"),
            (14, 0, "dr-lindqvist"),
        ],
        start=1,
    ):
        start = day.replace(hour=hour, minute=minute)
        name, role, short_role = CLINICIANS[clinician]
        slots.append(
            SlotRecord(
                f"slot-{number}",
                start,
                start + timedelta(minutes=30),
                clinician,
                name,
                clinician_role=role,
                clinician_short_role=short_role,
            )
        )
    return slots


def day_of_slots(day: datetime, hours: range, clinician: str = "dr-okafor") -> list[SlotRecord]:
    """One free 30-minute slot at the top of each hour in `hours` on `day`, for `clinician`."""
    name, role, short_role = CLINICIANS[clinician]
    slots = []
    for hour in hours:
        start = day.replace(hour=hour, minute=0)
        slots.append(
            SlotRecord(
                f"{clinician}-{start:%Y%m%dT%H%M}",
                start,
                start + timedelta(minutes=30),
                clinician,
                name,
                clinician_role=role,
                clinician_short_role=short_role,
            )
        )
    return slots


@dataclass
class FakeScheduling:
    """The stand-in service. `start()` and `stop()` may be called repeatedly on the same port."""

    port: int = field(default_factory=free_port)
    token: str = TOKEN
    slots: dict[str, SlotRecord] = field(default_factory=dict)
    appointments: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    bookings_made: int = 0

    def __post_init__(self) -> None:
        if not self.slots:
            self.slots = {slot.id: slot for slot in default_slots()}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeScheduling:
        assert self._server is None, "already running"
        fake = self

        class Handler(_Handler):
            service = fake

        self._stopping.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        assert self._thread is not None
        self._thread.join(timeout=5)
        self._server = None

    def fail_next(self, kind: str, method: str, times: int = 1, **options: Any) -> None:
        self.faults.extend(Fault(kind, method, **options) for _ in range(times))

    def requests_to(self, method: str, path: str) -> list[Received]:
        return [r for r in self.received if r.method == method and r.path == path]

    def appointments_for(self, reference: str) -> list[dict[str, Any]]:
        return [
            appointment
            for appointment in self.appointments.values()
            if _reference_of(appointment) == reference
        ]

    # --- the API, called by the handler under the lock ------------------------------------

    def take_fault(self, method: str, path: str) -> Fault | None:
        for index, fault in enumerate(self.faults):
            if fault.method == method and fault.path in (None, path):
                return self.faults.pop(index)
        return None

    def search_slots(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        if query.get("status", ["free"]) != ["free"]:
            return 400, _outcome("only status=free is supported")
        matches = [slot for slot in self.slots.values() if slot.status == "free"]
        for bound in query.get("start", []):
            prefix, raw = bound[:2], bound[2:]
            try:
                when = datetime.fromisoformat(raw)
            except ValueError:
                return 400, _outcome(f"bad start {bound!r}")
            if when.tzinfo is None:
                return 400, _outcome(f"start {bound!r} has no offset")
            if prefix == "ge":
                matches = [slot for slot in matches if slot.start >= when]
            elif prefix == "lt":
                matches = [slot for slot in matches if slot.start < when]
            else:
                return 400, _outcome(f"unsupported prefix in {bound!r}")
        matches.sort(key=lambda slot: slot.start)
        count = int(query.get("_count", ["50"])[0])
        return 200, _bundle([slot.to_fhir() for slot in matches[:count]])

    def book(self, key: str | None, body: Any) -> tuple[int, Any]:
        if not key:
            return 400, _outcome("Idempotency-Key header is required")
        if key in self.idempotency:
            return 200, self.appointments[self.idempotency[key]]
        try:
            slot_id = body["slot"][0]["reference"].removeprefix("Slot/")
            assert body["resourceType"] == "Appointment"
            assert _reference_of(body)
            assert body["contained"][0]["name"][0]["text"]
        except (KeyError, IndexError, TypeError, AssertionError):
            return 400, _outcome("invalid Appointment")
        slot = self.slots.get(slot_id)
        if slot is None:
            return 404, _outcome(f"no slot {slot_id}")
        if slot.status != "free":
            return 409, _outcome(f"slot {slot_id} is already booked")
        slot.status = "busy"
        self.bookings_made += 1
        appointment_id = f"appt-{self.bookings_made}"
        practitioner: dict[str, Any] = {
            "actor": {
                "reference": f"Practitioner/{slot.clinician_id}",
                "display": slot.clinician_name,
            },
            "status": "accepted",
        }
        if slot.clinician_role:
            practitioner["type"] = [{"text": slot.clinician_role}]
        appointment = {
            **body,
            "id": appointment_id,
            "start": slot.start.isoformat(),
            "end": slot.end.isoformat(),
            "participant": [*body.get("participant", []), practitioner],
        }
        self.appointments[appointment_id] = appointment
        self.idempotency[key] = appointment_id
        return 201, appointment

    def find(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        system, _, value = query.get("identifier", [""])[0].partition("|")
        if system != REFERENCE_SYSTEM:
            return 400, _outcome("identifier must use the booking-reference system")
        return 200, _bundle(self.appointments_for(value))

    def cancel(self, appointment_id: str, body: Any) -> tuple[int, Any]:
        appointment = self.appointments.get(appointment_id)
        if appointment is None:
            return 404, _outcome(f"no appointment {appointment_id}")
        if body != {"status": "cancelled"}:
            return 400, _outcome("only {'status': 'cancelled'} is supported")
        if appointment["status"] != "cancelled":
            appointment["status"] = "cancelled"
            slot_id = appointment["slot"][0]["reference"].removeprefix("Slot/")
            self.slots[slot_id].status = "free"
        return 200, appointment


def _reference_of(appointment: dict[str, Any]) -> str | None:
    for identifier in appointment.get("identifier", []):
        if identifier.get("system") == REFERENCE_SYSTEM:
            return str(identifier.get("value"))
    return None


def _bundle(resources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": resource} for resource in resources],
    }


def _outcome(text: str) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "processing", "diagnostics": text}],
    }


class _Handler(BaseHTTPRequestHandler):
    service: FakeScheduling
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest shows failures, not access logs."""

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        fake = self.service
        split = urlsplit(self.path)
        query = parse_qs(split.query)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        with fake._lock:
            fake.received.append(Received(method, split.path, query, dict(self.headers), body))
            fault = fake.take_fault(method, split.path)
        if fault is not None and fault.kind == "status":
            self._send(fault.status, _outcome("injected failure"))
            return
        if split.path != "/health" and self.headers.get("Authorization") != f"Bearer {fake.token}":
            self._send(401, _outcome("missing or wrong bearer token"))
            return
        with fake._lock:
            status, payload = self._route(method, split.path, query, body)
        if fault is not None and fault.kind == "drop":
            self.close_connection = True  # the work is done, the answer is lost
            return
        if fault is not None and fault.kind == "delay":
            fake._stopping.wait(fault.delay_s)
        self._send(status, payload)

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], body: Any
    ) -> tuple[int, Any]:
        fake = self.service
        if method == "GET" and path == "/health":
            return 200, {"status": "ok"}
        if method == "GET" and path == "/Slot":
            return fake.search_slots(query)
        if method == "POST" and path == "/Appointment":
            return fake.book(self.headers.get("Idempotency-Key"), body)
        if method == "GET" and path == "/Appointment":
            return fake.find(query)
        if path.startswith("/Appointment/"):
            appointment_id = path.removeprefix("/Appointment/")
            if method == "GET":
                found = fake.appointments.get(appointment_id)
                return (200, found) if found else (404, _outcome("not found"))
            if method == "PATCH":
                return fake.cancel(appointment_id, body)
        return 404, _outcome(f"no route {method} {path}")

    def _send(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)


def wait_until(condition: Any, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
