"""What the widget's browser tests share: the browser's settings, typing, waiting, a relay.

The fixtures that start the real servers are in conftest.py.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
from pathlib import Path
from typing import Any

from tools.stack import RASA_LOG, AssistantStack, free_ports

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPLY_TIMEOUT_MS = 60_000


# The pages the widget is served from: the demo page, and pages reached through a relay.
PAGE_PORT, RELAYED_PAGE_PORT = free_ports(2)


def _socket_hint(stack: AssistantStack) -> str:
    log = (stack.log_dir / RASA_LOG).read_text(encoding="utf-8", errors="replace")
    if "enter_room' was never awaited" in log:
        return (
            " Rasa's socket.io channel never joined the session room (python-socketio made "
            "enter_room a coroutine): use channels.socket_io.SocketIOInput in the credentials."
        )
    return ""


def say(page: Any, text: str) -> None:
    """Type a message into the widget and send it with Enter."""
    box = page.get_by_role("textbox", name="Your message")
    box.fill(text)
    box.press("Enter")


def expect_bot(page: Any, stack: AssistantStack, text: str | re.Pattern[str]) -> Any:
    """Wait for a bot message containing `text`; return its locator."""
    from playwright.sync_api import expect

    message = page.locator(".cc-msg-bot").filter(has_text=text).last
    try:
        expect(message).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    except AssertionError as error:
        log = page.locator(".cc-log").inner_text()
        raise AssertionError(
            f"No bot message with {text!r}.{_socket_hint(stack)}\nTranscript:\n{log}"
        ) from error
    return message


def expect_all_sent(page: Any) -> None:
    """Wait until the server has acknowledged every message typed so far.

    The acknowledgement can come after the reply; a connection cut before it leaves the
    message waiting to be sent again, which is a different situation to test.
    """
    from playwright.sync_api import expect

    expect(page.locator(".cc-item-user[data-state='pending']")).to_have_count(
        0, timeout=REPLY_TIMEOUT_MS
    )


def buttons_after(message: Any) -> Any:
    """The reply buttons that belong to a bot message."""
    return message.locator("xpath=following-sibling::div[1][contains(@class,'cc-buttons')]")


class TcpRelay:
    """A loopback TCP relay in front of the Rasa server that can be cut and restored.

    Cutting it closes every connection and stops listening, as a server restart would.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            sockets = [*self._open, *([self._listener] if self._listener else [])]
            self._open.clear()
            self._listener = None
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


AXE_SCRIPT = PROJECT_ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"


def open_chat(context: Any, url: str, options: dict[str, Any] | None = None) -> Any:
    """A new tab on the demo page (with these widget options), its JavaScript errors kept.

    The errors are in `page.errors`; a test asserts there are none.
    """
    if options is not None:
        context.add_init_script(f"window.ClinicChat = {json.dumps(options)};")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    page.goto(url)
    return page


def launch(page: Any) -> None:
    """Open the chat panel with its launcher."""
    page.get_by_role("button", name="Ask our clinic").click()


def browser_storage(page: Any) -> dict[str, str]:
    """Every key and value in the page's localStorage and sessionStorage."""
    stored: dict[str, str] = page.evaluate(
        """() => { const out = {};
        for (const [name, area] of [["local", localStorage], ["session", sessionStorage]]) {
          for (let i = 0; i < area.length; i++) {
            const key = area.key(i); out[`${name}:${key}`] = area.getItem(key); } }
        return out; }"""
    )
    return stored


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """What axe-core finds on the page, label-in-name checks included; [] when nothing."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `make widget` (npm ci).")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results: list[dict[str, Any]] = page.evaluate(
        """async () => {
        const result = await axe.run(document, {
          rules: { "label-content-name-mismatch": { enabled: true } } });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact,
          nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary) })); }"""
    )
    return results
