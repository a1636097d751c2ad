"""Start the assistant: every server in the Procfile, kept running by tools/supervise.py.

`make run` calls this. Settings come from startup/settings.py and clinic/settings.py; a
process that dies is started again, and one Ctrl-C (or closing the terminal) stops
everything. `--shell` starts the back-end servers and a terminal chat instead.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from action_server import COMMAND as ACTION_SERVER
from channels.credentials import write_credentials
from clinic.settings import PROJECT_ROOT, ClinicSettings, load_clinic_settings
from model_server import publish
from rasa_server import COMMAND as RASA_SERVER
from rasa_server import rasa_server_environment, redis_command
from startup.rasa_api import staff_token
from startup.settings import Settings, SettingsError, load_settings
from tools.stack import StackError, die_with_parent, newest_model
from tools.supervise import Supervisor, read_procfile

REDIS_DATA_DIR = PROJECT_ROOT / ".local" / "redis"
"""Where `make run`'s Redis keeps its append-only log of the conversations."""
LOG_DIR = PROJECT_ROOT / "reports" / "logs"
"""Each server's full output, one file each; the terminal shows readiness and errors."""
READY_WHEN = {
    "redis": re.compile(r"Ready to accept connections"),
    "actions": re.compile(r"Action endpoint is up and running"),
    "models": re.compile(r"Model server serving"),
    "rasa": re.compile(r"Rasa server is up and running"),
    "scheduling": re.compile(r"Starting worker"),
    "outbox": re.compile(r"Outbox worker started"),
    "demo": re.compile(r"Demo clinic page"),
}
"""The line each Procfile program prints once it serves."""


def process_environment(settings: Settings, clinic: ClinicSettings | None = None) -> dict[str, str]:
    """The environment the Procfile's processes read their ports and secrets from.

    `clinic` defaults to the clinic's settings from this process's environment.
    """
    env = dict(os.environ)
    env.update(
        {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "RASA_HOST": settings.rasa_host,
            "RASA_PORT": str(settings.rasa_port),
            "ACTION_SERVER_PORT": str(settings.action_port),
            # One token for the scheduling service, the action server and the outbox worker:
            # left to themselves, each process would generate a different one.
            "SCHEDULING_HOST": settings.scheduling.host,
            "SCHEDULING_PORT": str(settings.scheduling.port),
            "SCHEDULING_API_TOKEN": settings.scheduling.api_token,
            "DEMO_PORT": str(settings.demo_port),
            "REDIS_DATA_DIR": str(REDIS_DATA_DIR),
            **rasa_server_environment(settings, clinic or load_clinic_settings()),
            "PYTHONUNBUFFERED": "1",
            "PYTHONWARNINGS": "ignore::DeprecationWarning",
        }
    )
    return env


def banner(settings: Settings) -> str:
    """Where to talk to the assistant, printed before the servers start."""
    secret_note = (
        "a secret generated for this run; set RASA_JWT_SECRET to keep one"
        if settings.jwt_secret_generated
        else "signed with RASA_JWT_SECRET"
    )
    url = settings.rasa_url
    return "\n".join(
        [
            "",
            "Joint-pain clinic assistant is starting (Ctrl-C stops everything).",
            f"  Demo clinic page:  http://{settings.rasa_host}:{settings.demo_port}/"
            "  (the chat widget, bottom right)",
            f"  REST channel:      POST {url}/webhooks/rest/webhook",
            f"  Try it:            curl -s {url}/webhooks/rest/webhook "
            """-d '{"sender": "me", "message": "hi"}'""",
            f"  socket.io channel: {url}/socket.io",
            f"  HTTP API (staff):  curl -H 'Authorization: Bearer <token>' {url}/status",
            f"  Staff token:       {staff_token(settings.jwt_secret)}",
            f"                     (valid 12 hours, {secret_note})",
            f"  Action server:     {settings.action_server_url}",
            f"  Scheduling (FHIR): {settings.scheduling.url}/Slot?status=free",
            "  Terminal chat:     make shell",
            f"  Logs:              {LOG_DIR.relative_to(PROJECT_ROOT)}/<server>.log",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the servers in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        # Read now so that a typo in the clinic's settings stops start-up, not a booking.
        clinic = load_clinic_settings()
    except SettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    env = process_environment(settings, clinic)
    # The Rasa workers pull the model from the model server: start with the newest one.
    try:
        publish(newest_model(settings.model_dir), settings.live_model_dir)
    except StackError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    REDIS_DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Messaging channels are on only where their credentials are set (see channels/).
    credentials = write_credentials(PROJECT_ROOT / ".local" / "credentials.yml", settings)
    env["RASA_CREDENTIALS"] = str(credentials)
    os.chdir(PROJECT_ROOT)
    if args.shell:
        return _shell(env, settings)
    print(banner(settings), flush=True)
    supervisor = Supervisor(
        read_procfile(PROJECT_ROOT / "Procfile"),
        env,
        cwd=PROJECT_ROOT,
        log_dir=LOG_DIR,
        ready_when=READY_WHEN,
    )
    return supervisor.run()


def _shell(env: dict[str, str], settings: Settings) -> int:
    """Run the back-end processes in the background and `rasa shell` in the foreground.

    Closing the terminal (a hang-up) or Ctrl-C stops them all; Linux stops them too should
    this process be killed outright.
    """
    background = [
        redis_command(settings.redis_port, data_dir=REDIS_DATA_DIR),
        [*ACTION_SERVER, "--actions", "actions", "--port", str(settings.action_port)],
        [sys.executable, "-m", "model_server"],
        [sys.executable, "-m", "scheduling_service"],
        [sys.executable, "-m", "action_server.io.outbox_worker"],
    ]
    processes = [
        subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        for command in background
    ]
    signal.signal(signal.SIGHUP, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    shell = [
        *RASA_SERVER,
        "shell",
        "--model",
        "models",
        "--endpoints",
        "endpoints.yml",
        "--interface",
        settings.rasa_host,
        "--port",
        str(settings.rasa_port),
    ]
    try:
        # One process reads the terminal: every Sanic worker would start its own prompt.
        return subprocess.call(shell, env={**env, "SANIC_WORKERS": "1"})
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


if __name__ == "__main__":
    sys.exit(main())
