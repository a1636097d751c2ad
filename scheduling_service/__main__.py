"""Run the scheduling service in the foreground: `python -m scheduling_service [--port N]`.

Settings come from scheduling_service/settings.py (SCHEDULING_* variables). One worker is enough:
bookings are made atomic by the database, not by the process.
"""

from __future__ import annotations

import argparse
import sys

from scheduling_service.app import create_app
from scheduling_service.schedule import ScheduleError
from scheduling_service.settings import SettingsError, load_settings
from startup.quiet import quiet_library_warnings


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted (SIGINT or SIGTERM); 2 if the configuration is unusable."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", help="interface to listen on (default SCHEDULING_HOST)")
    parser.add_argument("--port", type=int, help="port to listen on (default SCHEDULING_PORT)")
    args = parser.parse_args(argv)
    quiet_library_warnings()
    try:
        settings = load_settings()
        app = create_app(settings)
    except (SettingsError, ScheduleError) as error:
        print(f"Cannot start the scheduling service: {error}", file=sys.stderr)
        return 2
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"Scheduling service on http://{host}:{port} (GET /health)", flush=True)
    if settings.api_token_generated:
        print(
            f"  API token generated for this run: {settings.api_token} "
            "(set SCHEDULING_API_TOKEN to choose one)",
            flush=True,
        )
    app.run(host=host, port=port, workers=1, motd=False, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
