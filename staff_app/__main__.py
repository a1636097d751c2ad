"""`python -m staff_app` (`make staff`): serve the staff page; the log-in token is STAFF_TOKEN.

Without STAFF_TOKEN (allowed outside production) a token is generated and printed, as
`make run` does for the HTTP API's staff token.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from staff_app.config import StaffConfigError, parse_config
from staff_app.server import create_app


def main(argv: Sequence[str] | None = None) -> int:
    """Start the page; returns 2 when the settings are unusable."""
    try:
        config = parse_config(argv, os.environ)
    except StaffConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Staff page: http://{config.host}:{config.port}/", flush=True)
    if config.token_generated:
        print(
            f"  Staff token:  {config.token}\n"
            "                (generated for this run; set STAFF_TOKEN to keep one)",
            flush=True,
        )
    else:
        print("  Log in with the token in STAFF_TOKEN.", flush=True)
    create_app(config).run(
        host=config.host, port=config.port, access_log=False, motd=False, workers=1
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
