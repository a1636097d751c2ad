"""The scheduling service's HTTP API: FHIR-shaped Slot and Appointment routes on Sanic.

`create_app(settings)` builds the app; nothing connects to the database until the
server starts. Database calls are blocking SQLAlchemy, so they run in worker threads
and the event loop stays free; correctness under concurrency comes from the database
(see storage.py), not from the single worker.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import operator
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sanic import Sanic
from sanic.exceptions import MethodNotSupported, SanicException
from sanic.log import logger
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response
from sqlalchemy.exc import OperationalError

from scheduling_service import fhir, retention, storage
from scheduling_service.fhir import FhirError, invalid
from scheduling_service.schedule import ClinicSchedule, load_schedule
from scheduling_service.settings import SchedulingServiceSettings

FHIR_JSON = "application/fhir+json"
_BODY_TYPES = frozenset({"application/fhir+json", "application/json"})
_PATCH_TYPES = _BODY_TYPES | {"application/merge-patch+json"}
_MAX_BODY_BYTES = 64 * 1024
_MAX_IDEMPOTENCY_KEY = 200
_SANIC_CODES = {404: "not-found", 405: "not-supported", 413: "too-long"}

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_app(
    settings: SchedulingServiceSettings,
    *,
    schedule: ClinicSchedule | None = None,
    clock: Clock = _utc_now,
) -> Sanic:
    """Build the service; the schedule is read now, so a broken file stops start-up early.

    `clock` (aware UTC "now") lets tests pin the date that slots are generated for.
    """
    app = Sanic("clinic_scheduling")
    app.config.REQUEST_MAX_SIZE = _MAX_BODY_BYTES
    app.ctx.settings = settings
    app.ctx.schedule = schedule or load_schedule(settings.schedule_file)
    app.ctx.clock = clock
    app.ctx.engine = None
    app.ctx.materialised_on = None
    app.error_handler.add(Exception, _error_response)
    app.before_server_start(_start)
    app.after_server_stop(_stop)
    retention.install(app, timedelta(days=settings.retention_days))
    app.on_request(_authenticate)
    app.add_route(_health, "/health", methods=["GET"])
    app.add_route(_search_slots, "/Slot", methods=["GET"])
    app.add_route(_book, "/Appointment", methods=["POST"])
    app.add_route(_search_appointments, "/Appointment", methods=["GET"], name="search_appts")
    app.add_route(_read_appointment, "/Appointment/<appointment_id:str>", methods=["GET"])
    app.add_route(
        _cancel, "/Appointment/<appointment_id:str>", methods=["PATCH"], name="cancel_appt"
    )
    # Sanic answers 404 for a wrong method on a path with parameters; say 405 instead.
    app.add_route(
        _not_allowed,
        "/Appointment/<appointment_id:str>",
        methods=["POST", "PUT", "DELETE"],
        name="appt_not_allowed",
    )
    return app


async def _start(app: Sanic, _loop: Any) -> None:
    """Connect, create missing tables and publish the coming days' slots before serving."""
    app.ctx.engine = storage.make_engine(app.ctx.settings.database_url)
    app.ctx.refresh_lock = asyncio.Lock()
    await asyncio.to_thread(storage.create_tables, app.ctx.engine)
    await _ensure_slots(app)


async def _stop(app: Sanic, _loop: Any) -> None:
    if app.ctx.engine is not None:
        app.ctx.engine.dispose()


async def _ensure_slots(app: Sanic) -> None:
    """Materialise the booking window once per clinic-local day, so it rolls forward."""
    schedule: ClinicSchedule = app.ctx.schedule
    today: date = schedule.today(app.ctx.clock())
    if app.ctx.materialised_on == today:
        return
    async with app.ctx.refresh_lock:
        if app.ctx.materialised_on == today:
            return
        first, last = schedule.window(today)
        specs = list(schedule.slots(first, last))
        added, withdrawn = await asyncio.to_thread(
            storage.materialise, app.ctx.engine, specs, schedule.local_midnight(first)
        )
        logger.info("Slots from %s to %s: %d added, %d withdrawn", first, last, added, withdrawn)
        app.ctx.materialised_on = today


async def _authenticate(request: Request) -> None:
    """Every route but /health needs `Authorization: Bearer <SCHEDULING_API_TOKEN>`."""
    if request.path == "/health":
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    expected: str = request.app.ctx.settings.api_token
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), expected.encode()
    ):
        raise FhirError(
            401, "login", "Missing or wrong bearer token (Authorization: Bearer <token>)"
        )


def _error_response(request: Request, exception: Exception) -> HTTPResponse:
    """Every error leaves as an OperationOutcome with the matching status."""
    headers = {}
    if isinstance(exception, FhirError):
        error = exception
    elif isinstance(exception, SanicException):
        status = exception.status_code
        code = _SANIC_CODES.get(status, "invalid" if status < 500 else "exception")
        error = FhirError(status, code, str(exception) or "Request failed")
        headers = dict(getattr(exception, "headers", None) or {})
    elif isinstance(exception, OperationalError):
        logger.exception("Database unavailable")
        error = FhirError(503, "transient", "The scheduling database is unavailable; retry later")
    else:
        logger.exception("Unexpected error handling %s %s", request.method, request.path)
        error = FhirError(500, "exception", "Internal error in the scheduling service")
    if error.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return json_response(
        error.outcome(),
        status=error.status,
        headers=headers,
        content_type=FHIR_JSON,
        dumps=json.dumps,
    )


def _fhir(resource: dict[str, Any], status: int = 200, **headers: str) -> HTTPResponse:
    return json_response(
        resource, status=status, headers=headers, content_type=FHIR_JSON, dumps=json.dumps
    )


def _json_body(request: Request, allowed: frozenset[str]) -> Any:
    """The parsed JSON body, after checking its content type."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in allowed:
        raise FhirError(
            415,
            "not-supported",
            f"Content-Type must be one of {', '.join(sorted(allowed))}, got {content_type}",
        )
    if not request.body:
        raise invalid("The request has no body")
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as error:
        raise invalid(f"The body is not valid JSON: {error}") from error


def _single(request: Request, name: str) -> str | None:
    values: list[str] = request.args.getlist(name, [])
    if len(values) > 1:
        raise invalid(f"{name} may be given only once", name)
    return values[0] if values else None


async def _not_allowed(request: Request, appointment_id: str) -> HTTPResponse:
    raise MethodNotSupported(
        f"Method {request.method} not allowed for URL {request.path}",
        request.method,
        ["GET", "PATCH"],
    )


async def _health(request: Request) -> HTTPResponse:
    return json_response({"status": "ok"}, dumps=json.dumps)


async def _search_slots(request: Request) -> HTTPResponse:
    """Slots by status and start time, earliest first; without a lower bound, from now on."""
    app = request.app
    zone = app.ctx.schedule.timezone
    status = _single(request, "status")
    if status not in (None, storage.FREE, storage.BUSY):
        raise invalid(f"status must be 'free' or 'busy', got {status!r}", "status")
    bounds = fhir.parse_start_bounds(request.args.getlist("start", []), zone)
    count = fhir.parse_count(request.args.getlist("_count", []))
    now = app.ctx.clock()
    if not fhir.has_lower_bound(bounds):
        bounds.append((operator.ge, now))
    await _ensure_slots(app)
    total, slots = await asyncio.to_thread(
        storage.search_slots, app.ctx.engine, status=status, bounds=bounds, count=count
    )
    schedule: ClinicSchedule = app.ctx.schedule
    resources = [
        fhir.slot_resource(slot, zone, schedule.clinician(slot.clinician_id)) for slot in slots
    ]
    return _fhir(fhir.bundle(resources, total))


async def _book(request: Request) -> HTTPResponse:
    """Book a slot; a repeated Idempotency-Key returns the first booking with 200."""
    key = request.headers.get("idempotency-key", "").strip()
    if not key:
        raise invalid("The Idempotency-Key header is required for POST /Appointment")
    if len(key) > _MAX_IDEMPOTENCY_KEY:
        raise invalid(f"The Idempotency-Key header must be at most {_MAX_IDEMPOTENCY_KEY} chars")
    new = fhir.parse_new_appointment(_json_body(request, _BODY_TYPES), key)
    app = request.app
    await _ensure_slots(app)
    try:
        record, created = await asyncio.to_thread(
            storage.book, app.ctx.engine, new, app.ctx.clock()
        )
    except storage.SlotNotFoundError as error:
        raise FhirError(404, "not-found", f"Slot {new.slot_id} does not exist") from error
    except storage.BookingConflictError as error:
        raise FhirError(409, "conflict", str(error)) from error
    except storage.IdempotencyKeyReusedError as error:
        raise FhirError(422, "business-rule", str(error)) from error
    resource = _appointment(app, record)
    return _fhir(resource, 201 if created else 200, Location=f"/Appointment/{record.id}")


async def _search_appointments(request: Request) -> HTTPResponse:
    """Find an appointment by booking reference; 0 or 1 entries."""
    reference = fhir.parse_booking_identifier(request.args.getlist("identifier", []))
    app = request.app
    record = await asyncio.to_thread(storage.find_by_reference, app.ctx.engine, reference)
    return _fhir(fhir.bundle([] if record is None else [_appointment(app, record)]))


async def _read_appointment(request: Request, appointment_id: str) -> HTTPResponse:
    app = request.app
    record = await asyncio.to_thread(storage.get_appointment, app.ctx.engine, appointment_id)
    if record is None:
        raise FhirError(404, "not-found", f"Appointment {appointment_id} does not exist")
    return _fhir(_appointment(app, record))


def _appointment(app: Sanic, record: storage.AppointmentRecord) -> dict[str, Any]:
    """The Appointment resource, with the clinician as the schedule names them now."""
    schedule: ClinicSchedule = app.ctx.schedule
    return fhir.appointment_resource(
        record, schedule.timezone, schedule.clinician(record.clinician_id)
    )


async def _cancel(request: Request, appointment_id: str) -> HTTPResponse:
    """Cancel (the only change allowed) and free the slot; repeating it is harmless."""
    fhir.parse_cancellation(_json_body(request, _PATCH_TYPES))
    app = request.app
    record = await asyncio.to_thread(
        storage.cancel, app.ctx.engine, appointment_id, app.ctx.clock()
    )
    if record is None:
        raise FhirError(404, "not-found", f"Appointment {appointment_id} does not exist")
    return _fhir(_appointment(app, record))
