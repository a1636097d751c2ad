"""The staff page's web server (Sanic): log-in, sessions with a form token, the routes.

Log-in compares the token with STAFF_TOKEN in constant time and starts a session: a
random id in an HttpOnly, SameSite=Strict cookie, kept in this process only (a restart
logs staff out). Every POST carries the session's own form token, so another site cannot
make a logged-in browser change an FAQ. Errors show a plain sentence, never a trace.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import logging
import secrets
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from sanic import Sanic
from sanic.exceptions import NotFound, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, html, redirect

from clinic.faq.source import KEY_PATTERN
from rasa_server.stores.conversation_reader import ConversationStoreError
from staff_app import pages
from staff_app.commands import RetrainJob, faq_row_csv, run_command
from staff_app.config import StaffConfig
from startup.settings import SettingsError
from tools import faq_check, inbox
from tools.faq_files import FaqConfigError, read_config, read_sources

logger = logging.getLogger(__name__)

COOKIE = "staff_session"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


@dataclasses.dataclass
class Session:
    """One logged-in browser: its form token and the notices to show on the next page."""

    csrf: str
    created: float
    notices: list[str] = dataclasses.field(default_factory=list)


Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def create_app(config: StaffConfig, name: str = "clinic_staff") -> Sanic:
    """The staff page for `config`."""
    app = Sanic(name)
    app.config.FALLBACK_ERROR_FORMAT = "html"
    sessions: dict[str, Session] = {}
    log_dir = Path(tempfile.mkdtemp(prefix="staff-retrain-"))
    job = RetrainJob(config.retrain_command, config.reports, log_dir / "retrain.log")

    def session_of(request: Request) -> Session | None:
        session = sessions.get(request.cookies.get(COOKIE, ""))
        if session is not None and time.time() - session.created > config.session_hours * 3600:
            sessions.pop(request.cookies.get(COOKIE, ""), None)
            return None
        return session

    def page(body: str, status: int = 200) -> HTTPResponse:
        return html(body, status=status, headers=SECURITY_HEADERS)

    def see(url: str) -> HTTPResponse:
        return redirect(url, status=303, headers=SECURITY_HEADERS)

    def staff(handler: Handler) -> Handler:
        """Only for a logged-in session; a POST also needs the session's form token."""

        async def checked(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            session = session_of(request)
            if session is None:
                if request.method == "GET":
                    return see("/login")
                return page(pages.error_page(403, "Please log in again."), 403)
            if request.method == "POST":
                sent = request.form.get("csrf", "") if request.form else ""
                if not hmac.compare_digest(str(sent).encode(), session.csrf.encode()):
                    return page(
                        pages.error_page(
                            403, "This form has expired: reload the page and try again."
                        ),
                        403,
                    )
            return await handler(request, session, *args, **kwargs)

        checked.__name__ = handler.__name__
        return checked

    def take_notices(session: Session) -> list[str]:
        notices, session.notices = session.notices, []
        return notices

    def field(request: Request, name: str) -> str:
        return str(request.form.get(name, "")) if request.form else ""

    def current_faqs() -> tuple[list[Any], list[Any]]:
        faqs, _ = read_sources(config.faqs)
        try:
            settings, _ = read_config(config.faq_config)
        except FaqConfigError as error:
            raise SanicException(f"The FAQ settings cannot be read: {error}", 500) from error
        return faqs, faq_check.problems_in(config.faqs, settings, dt.date.today())

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        return page(pages.login_page())

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        token = field(request, "token").strip()
        if not hmac.compare_digest(token.encode(), config.token.encode()):
            logger.warning("Staff page: a log-in with a wrong token was refused")
            return page(pages.login_page("That token is not right. Check it and try again."), 401)
        session_id = secrets.token_urlsafe(32)
        sessions[session_id] = Session(csrf=secrets.token_urlsafe(32), created=time.time())
        response = see("/")
        response.cookies[COOKIE] = session_id
        response.cookies[COOKIE]["httponly"] = True
        response.cookies[COOKIE]["samesite"] = "Strict"
        response.cookies[COOKIE]["path"] = "/"
        response.cookies[COOKIE]["max-age"] = max(1, int(config.session_hours * 3600))
        return response

    @app.post("/logout")
    @staff
    async def logout(request: Request, session: Session) -> HTTPResponse:
        sessions.pop(request.cookies.get(COOKIE, ""), None)
        response = see("/login")
        del response.cookies[COOKIE]
        return response

    @app.get("/")
    @staff
    async def faq_list(request: Request, session: Session) -> HTTPResponse:
        faqs, problems = current_faqs()
        return page(
            pages.faq_list(faqs, problems, csrf=session.csrf, notices=take_notices(session))
        )

    @app.get("/faqs/new")
    @staff
    async def new_faq(request: Request, session: Session) -> HTTPResponse:
        faqs, _ = current_faqs()
        return page(
            pages.faq_form(
                {},
                new=True,
                keys=[f.key for f in faqs],
                csrf=session.csrf,
                notices=take_notices(session),
            )
        )

    @app.get("/faqs/<key>")
    @staff
    async def edit_faq(request: Request, session: Session, key: str) -> HTTPResponse:
        faqs, problems = current_faqs()
        found = [faq for faq in faqs if faq.key == key]
        if not found:
            raise NotFound(f"There is no FAQ '{key}'.")
        return page(
            pages.faq_form(
                pages.faq_values(found[0]),
                new=False,
                keys=[f.key for f in faqs if f.key != key],
                csrf=session.csrf,
                problems=[str(p) for p in problems if p.faq == key],
                notices=take_notices(session),
            )
        )

    @app.post("/faqs/save")
    @staff
    async def save_faq(request: Request, session: Session) -> HTTPResponse:
        values = {name: field(request, name) for name in pages.faq_values_fields()}
        new = field(request, "mode") == "new"
        key = values["key"].strip()
        faqs, _ = current_faqs()
        keys = [f.key for f in faqs if f.key != key]

        def again(output: str) -> HTTPResponse:
            return page(
                pages.faq_form(values, new=new, keys=keys, csrf=session.csrf, output=output), 422
            )

        if new and any(faq.key == key for faq in faqs):
            return again(
                f"There is already an FAQ '{key}': choose another key, or change that one."
            )
        if not new and not any(faq.key == key for faq in faqs):
            return again(f"There is no FAQ '{key}' any more: add it as a new FAQ instead.")
        with tempfile.TemporaryDirectory(prefix="staff-faq-") as folder:
            sheet = Path(folder) / "faq.csv"
            sheet.write_text(faq_row_csv(values), encoding="utf-8")
            result = await run_command(config.faq_import(sheet))
        if not result.ok:
            return again(result.output or "The FAQ could not be saved.")
        session.notices.append(result.output.replace(str(sheet), "the form"))
        return see(f"/#faq-{key}")

    async def show_inbox(session: Session, output: str = "", status: int = 200) -> HTTPResponse:
        faqs, _ = current_faqs()
        keys = [faq.key for faq in faqs]
        try:
            url = config.redis_url or inbox.conversation_store_url()
            found = inbox.read_inbox(url)
        except (ConversationStoreError, SettingsError) as error:
            return page(
                pages.inbox_page(None, keys, csrf=session.csrf, error=str(error), output=output),
                503,
            )
        return page(
            pages.inbox_page(
                found, keys, csrf=session.csrf, output=output, notices=take_notices(session)
            ),
            status,
        )

    @app.get("/inbox")
    @staff
    async def inbox_list(request: Request, session: Session) -> HTTPResponse:
        return await show_inbox(session)

    @app.post("/inbox/add")
    @staff
    async def inbox_add(request: Request, session: Session) -> HTTPResponse:
        faq, message = field(request, "faq"), field(request, "message")
        if not faq:
            return await show_inbox(session, "Choose the FAQ to add the message to.", 422)
        result = await run_command(config.inbox("add-example", faq, message))
        if not result.ok:
            return await show_inbox(session, result.output, 422)
        session.notices.append(result.output)
        return see("/inbox")

    @app.post("/inbox/new")
    @staff
    async def inbox_new(request: Request, session: Session) -> HTTPResponse:
        key, message = field(request, "key").strip(), field(request, "message")
        if not key:
            return await show_inbox(session, "Type a key for the new FAQ, like opening_hours.", 422)
        result = await run_command(config.inbox("new-faq", key, message))
        if not result.ok:
            return await show_inbox(session, result.output, 422)
        session.notices.append(result.output)
        return see(f"/faqs/{key}" if KEY_PATTERN.match(key) else "/")

    @app.get("/retrain")
    @staff
    async def retrain_status(request: Request, session: Session) -> HTTPResponse:
        state = job.state() if job.started else None
        return page(pages.retrain_page(state, csrf=session.csrf, notices=take_notices(session)))

    @app.post("/retrain")
    @staff
    async def retrain_start(request: Request, session: Session) -> HTTPResponse:
        if not job.start():
            session.notices.append("A retrain is already running: its progress is below.")
        return see("/retrain")

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        if isinstance(exception, NotFound):
            message = str(exception) if "FAQ" in str(exception) else "There is no such page."
            return page(pages.error_page(404, message), 404)
        if isinstance(exception, SanicException) and exception.status_code < 500:
            return page(
                pages.error_page(exception.status_code, "That request was not understood."),
                exception.status_code,
            )
        logger.exception("Staff page: %s %s failed", request.method, request.path)
        message = (
            str(exception)
            if isinstance(exception, SanicException) and str(exception)
            else "Something went wrong on the staff page. Try again; if it happens again, "
            "ask a developer to look at the staff page's log."
        )
        return page(pages.error_page(500, message), 500)

    return app
