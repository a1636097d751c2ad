"""The containers' entry point: the launcher's environment, then the service's own command.

`make run` and `make run-cluster` derive a few variables from the settings before they
start a server (endpoints.yml's ACTION_SERVER_URL, MODEL_SERVER_URL, conversation expiry,
SANIC_WORKERS; the channels' credentials file). A container has no launcher, so
deploy/Dockerfile runs every command through this one:

    python -m tools.cluster_entrypoint [--publish-model] COMMAND [ARG...]

An argument that is exactly `$NAME` becomes the words of that variable (so `--cors
$ALLOWED_ORIGINS` gives one argument per origin); `--publish-model` puts the newest
trained model live first (the model server's container). Settings that are wrong or
missing (in production, every secret) stop the container with the reason.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from channels.credentials import write_credentials
from model_server import publish
from startup.settings import SettingsError, load_settings
from tools.serve import process_environment
from tools.stack import StackError, newest_model

_WHOLE_VARIABLE = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)\}?")


def expand(arguments: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """`arguments` with each `$NAME` argument replaced by the words of `env[NAME]`."""
    expanded: list[str] = []
    for argument in arguments:
        match = _WHOLE_VARIABLE.fullmatch(argument)
        if match is None:
            expanded.append(argument)
        elif match[1] not in env:
            raise SettingsError(f"{match[1]} is not set (the command uses {argument})")
        else:
            expanded.extend(env[match[1]].split())
    return expanded


def main(argv: list[str] | None = None) -> int:
    """Exec the command with the derived environment; 2 when the settings are wrong."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    publish_model = arguments[:1] == ["--publish-model"]
    if publish_model:
        arguments = arguments[1:]
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        settings = load_settings()
        if publish_model:
            publish(newest_model(settings.model_dir), settings.live_model_dir)
        env = process_environment(settings)
        credentials = Path(tempfile.gettempdir()) / "clinic-credentials.yml"
        env["RASA_CREDENTIALS"] = str(write_credentials(credentials, settings))
        command = expand(arguments, env)
    except (SettingsError, StackError) as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    # The service replaces this process, so that it receives the container's signals.
    os.execvpe(command[0], command, env)  # noqa: S606 - a command line, never a shell


if __name__ == "__main__":
    sys.exit(main())
