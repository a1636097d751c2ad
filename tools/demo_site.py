"""Serve the chat widget's demo clinic page, pointed at a running Rasa server.

``python -m tools.demo_site --port 8080 --rasa-url http://127.0.0.1:5005`` serves
``widget/demo/index.html`` at ``/``, the built widget (``widget/dist``) at ``/dist/``, and
``/demo-config.js``, which sets the page's ``serverUrl`` to ``--rasa-url``. Build the
widget first (``cd widget && npm ci && npm run build``).
"""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from clinic.settings import PROJECT_ROOT

WIDGET_DIR = PROJECT_ROOT / "widget"
DEMO_PAGE = WIDGET_DIR / "demo" / "index.html"
WIDGET_BUNDLE = WIDGET_DIR / "dist" / "clinic-chat.js"

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}


def demo_config_script(rasa_url: str) -> bytes:
    """The JavaScript that tells the demo page where the Rasa server is."""
    # json.dumps gives a valid JS string literal; "<" is escaped so it cannot close a tag.
    literal = json.dumps(rasa_url).replace("<", "\\u003c")
    return f"window.DEMO_RASA_URL = {literal};\n".encode()


def make_handler(rasa_url: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class serving the demo page, the widget bundle and the config."""
    routes: dict[str, Path] = {
        "/": DEMO_PAGE,
        "/index.html": DEMO_PAGE,
        "/dist/clinic-chat.js": WIDGET_BUNDLE,
    }
    config = demo_config_script(rasa_url)

    class DemoHandler(BaseHTTPRequestHandler):
        """GET-only handler for a fixed set of files."""

        server_version = "ClinicChatDemo/1.0"

        def do_GET(self) -> None:
            """Answer one GET request."""
            path = urlsplit(self.path).path
            if path == "/favicon.ico":
                self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
                return
            if path == "/demo-config.js":
                self._send(HTTPStatus.OK, config, _CONTENT_TYPES[".js"])
                return
            file = routes.get(path)
            if file is None or not file.is_file():
                missing = "" if file is None else f" ({file} is missing: build the widget)"
                self._send(HTTPStatus.NOT_FOUND, f"Not found{missing}\n".encode(), "text/plain")
                return
            self._send(HTTPStatus.OK, file.read_bytes(), _CONTENT_TYPES[file.suffix])

        def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the console quiet; errors still go through log_error."""

    return DemoHandler


def make_server(host: str, port: int, rasa_url: str) -> ThreadingHTTPServer:
    """A demo-site server bound to `host`:`port` (port 0 picks a free one); not yet serving."""
    return ThreadingHTTPServer((host, port), make_handler(rasa_url))


def server_url(server: ThreadingHTTPServer) -> str:
    """The http:// address a browser can open."""
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


@contextmanager
def running_demo_site(rasa_url: str, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the demo site in a background thread (on a free port by default); yield its URL."""
    server = make_server(host, port, rasa_url)
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield server_url(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument(
        "--rasa-url", default="http://127.0.0.1:5005", help="the Rasa server the page talks to"
    )
    args = parser.parse_args(argv)
    if not WIDGET_BUNDLE.is_file():
        print(f"Warning: {WIDGET_BUNDLE} is missing; run `cd widget && npm ci && npm run build`.")
    server = make_server(args.host, args.port, args.rasa_url)
    print(f"Demo clinic page: {server_url(server)} (assistant at {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
