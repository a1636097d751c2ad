"""`python -m action_server <rasa_sdk arguments>`: rasa_sdk's command line, lighter and closed.

It listens on the configured address (loopback by default) and requires the token Rasa
sends (action_server/auth.py).
"""

from __future__ import annotations

import os

from action_server import keep_out_unused_libraries
from startup.quiet import quiet_library_warnings

keep_out_unused_libraries()
quiet_library_warnings()

from rasa_sdk.__main__ import main  # noqa: E402
from rasa_sdk.plugin import plugin_manager  # noqa: E402

from action_server.auth import RequireToken  # noqa: E402
from clinic.settings import load_clinic_settings  # noqa: E402
from startup.settings import load_settings  # noqa: E402

if __name__ == "__main__":
    settings = load_settings()
    # The actions read the clinic's settings on each call: a typo stops start-up instead.
    load_clinic_settings()
    # rasa-sdk binds to SANIC_HOST, and to every interface without it.
    os.environ.setdefault("SANIC_HOST", settings.action_host)
    plugin_manager().register(RequireToken(settings.action_token))
    main()
