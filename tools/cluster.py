"""Run the assistant as a small cluster on this machine: `make run-cluster`.

Two Rasa replicas and two action servers behind nginx, with Redis (conversations and
their locks, shared by the replicas) and PostgreSQL (the scheduling service's and the
outbox's databases). The programs are in Procfile.cluster and run under the same
supervisor as `make run` (tools/supervise.py: restart with back-off, one log each).
PostgreSQL starts first and stops last (tools/cluster_postgres.py); nginx's
configuration is rendered from deploy/nginx/clinic.conf.template into the state folder.

nginx listens where the assistant is reached (RASA_HOST:RASA_PORT) and where the
replicas find the action servers (ACTION_SERVER_HOST:ACTION_SERVER_PORT); the replicas
and action servers themselves listen on loopback ports of their own.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from channels.credentials import write_credentials
from clinic.settings import PROJECT_ROOT
from model_server import publish
from startup.settings import Settings, SettingsError, load_settings
from tools.cluster_postgres import PostgresError, running_postgres
from tools.serve import READY_WHEN, process_environment
from tools.stack import StackError, free_ports, newest_model
from tools.supervise import Supervisor, read_procfile

PROCFILE = PROJECT_ROOT / "Procfile.cluster"
TEMPLATE = PROJECT_ROOT / "deploy" / "nginx" / "clinic.conf.template"
STATE_DIR = PROJECT_ROOT / ".local" / "cluster"
"""Redis's append-only log, PostgreSQL's data folder and password, nginx's run folder."""
LOG_DIR = PROJECT_ROOT / "reports" / "logs" / "cluster"
REPLICAS = 2
"""Procfile.cluster names rasa-1, rasa-2, actions-1 and actions-2."""
CLUSTER_READY_WHEN = {
    **READY_WHEN,
    **{f"rasa-{n}": READY_WHEN["rasa"] for n in range(1, REPLICAS + 1)},
    **{f"actions-{n}": READY_WHEN["actions"] for n in range(1, REPLICAS + 1)},
    "nginx": re.compile(r"start worker process"),
}


@dataclass(frozen=True)
class Ports:
    """The loopback ports the replicas, action servers and PostgreSQL listen on."""

    rasa: tuple[int, ...]
    actions: tuple[int, ...]
    postgres: int


def render_nginx(
    template: str,
    *,
    listen: str,
    actions_listen: str,
    rasa_servers: Sequence[str],
    action_servers: Sequence[str],
    upstream_header: bool,
) -> str:
    """The http-context nginx configuration for these servers.

    `upstream_header` adds `X-Upstream` (which replica answered) to every response:
    useful on one machine, an internal address not to show the world in production.
    """

    def servers(addresses: Sequence[str]) -> str:
        # One failure takes a server out of the rotation for 10 s, then it is tried again.
        return "\n".join(f"    server {a} max_fails=1 fail_timeout=10s;" for a in addresses)

    header = "    add_header X-Upstream $upstream_addr always;" if upstream_header else ""
    replacements = {
        "@LISTEN@": listen,
        "@ACTIONS_LISTEN@": actions_listen,
        "@RASA_SERVERS@": servers(rasa_servers),
        "@ACTION_SERVERS@": servers(action_servers),
        "@UPSTREAM_HEADER@": header,
    }
    text = template
    for marker, value in replacements.items():
        text = text.replace(marker, value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines()):
        raise ValueError("the nginx template has a marker this rendering does not fill")
    return text


def write_nginx_config(run_dir: Path, settings: Settings, ports: Ports) -> Path:
    """The main nginx configuration for a run as the current user, in `run_dir`.

    Its own prefix, pid file and temporary folders, so it needs nothing of the system
    nginx's (/etc/nginx, /var/lib/nginx) and runs beside it.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    # As root, nginx's workers run as `nobody`, which must reach the temporary folders.
    run_dir.chmod(0o755)
    http = render_nginx(
        TEMPLATE.read_text(encoding="utf-8"),
        listen=f"{settings.rasa_host}:{settings.rasa_port}",
        actions_listen=f"{settings.action_host}:{settings.action_port}",
        rasa_servers=[f"127.0.0.1:{port}" for port in ports.rasa],
        action_servers=[f"127.0.0.1:{port}" for port in ports.actions],
        upstream_header=True,
    )
    (run_dir / "clinic.conf").write_text(http, encoding="utf-8")
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    main = f"""# Rendered by tools/cluster.py for `make run-cluster`; edits are overwritten.
{user}daemon off;
worker_processes 1;
pid {run_dir / "nginx.pid"};
error_log stderr notice;
events {{
    worker_connections 1024;
}}
http {{
    access_log {run_dir / "access.log"} combined;
    client_body_temp_path {run_dir / "client_body"};
    proxy_temp_path {run_dir / "proxy"};
    fastcgi_temp_path {run_dir / "fastcgi"};
    uwsgi_temp_path {run_dir / "uwsgi"};
    scgi_temp_path {run_dir / "scgi"};
    include {run_dir / "clinic.conf"};
}}
"""
    path = run_dir / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


def cluster_environment(
    settings: Settings, ports: Ports, state_dir: Path, database_urls: Mapping[str, str]
) -> dict[str, str]:
    """`make run`'s environment plus the cluster's ports, databases and nginx paths."""
    env = process_environment(settings)
    env.update(
        {
            "REDIS_DATA_DIR": str(state_dir / "redis"),
            # One Sanic worker per replica: a replica scales by number, not by workers. A
            # replica with one worker opens its port only once its model is loaded, so
            # nginx is refused (and tries the other) instead of waiting on a loading one.
            "SANIC_WORKERS": "1",
            # The replicas see the client's address from nginx's X-Forwarded-For.
            "SANIC_PROXIES_COUNT": "1",
            "SCHEDULING_DATABASE_URL": database_urls["scheduling"],
            "OUTBOX_DATABASE_URL": database_urls["outbox"],
            "NGINX_PREFIX": str(state_dir / "nginx"),
            "NGINX_CONF": str(state_dir / "nginx" / "nginx.conf"),
        }
    )
    for number, port in enumerate(ports.rasa, start=1):
        env[f"RASA_{number}_PORT"] = str(port)
    for number, port in enumerate(ports.actions, start=1):
        env[f"ACTION_SERVER_{number}_PORT"] = str(port)
    return env


def banner(settings: Settings, ports: Ports, log_dir: Path) -> str:
    """Where the cluster listens, printed before the programs start."""
    url = settings.rasa_url
    replicas = ", ".join(f"127.0.0.1:{port}" for port in ports.rasa)
    actions = ", ".join(f"127.0.0.1:{port}" for port in ports.actions)
    return "\n".join(
        [
            "",
            f"Clinic assistant cluster is starting: {REPLICAS} Rasa replicas behind nginx "
            "(Ctrl-C stops everything).",
            f"  nginx:             {url} (REST {url}/webhooks/rest/webhook, socket.io)",
            f"  Rasa replicas:     {replicas}",
            f"  Action servers:    {actions} (behind nginx on {settings.action_server_url})",
            f"  PostgreSQL:        127.0.0.1:{ports.postgres} (databases scheduling, outbox)",
            f"  Demo clinic page:  http://{settings.rasa_host}:{settings.demo_port}/",
            f"  Logs:              {log_dir}/<program>.log",
            "",
        ]
    )


def _ports(text: str | None, count: int) -> tuple[int, ...] | None:
    if text is None:
        return None
    ports = tuple(int(part) for part in text.split(","))
    if len(ports) != count:
        raise SystemExit(f"expected {count} comma-separated ports, got {text!r}")
    return ports


def main(argv: list[str] | None = None) -> int:
    """Start PostgreSQL, then the Procfile.cluster programs; stop all on Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--state-dir", type=Path, default=STATE_DIR)
    parser.add_argument("--log-dir", type=Path, default=LOG_DIR)
    parser.add_argument("--rasa-ports", help=f"{REPLICAS} ports, comma-separated (default: free)")
    parser.add_argument("--action-ports", help=f"{REPLICAS} ports (default: free)")
    parser.add_argument("--postgres-port", type=int, help="(default: a free port)")
    args = parser.parse_args(argv)
    # Until the supervisor takes over the signals, a stop request still stops PostgreSQL.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
    for program in ("nginx", "redis-server"):
        if shutil.which(program) is None and not Path(f"/usr/sbin/{program}").exists():
            print(f"Cannot start: {program} is not installed (make run-cluster installs it).")
            return 2
    try:
        settings = load_settings()
        model = newest_model(settings.model_dir)
    except (SettingsError, StackError) as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    free = iter(free_ports(2 * REPLICAS + 1))
    ports = Ports(
        rasa=_ports(args.rasa_ports, REPLICAS) or tuple(next(free) for _ in range(REPLICAS)),
        actions=_ports(args.action_ports, REPLICAS) or tuple(next(free) for _ in range(REPLICAS)),
        postgres=args.postgres_port or next(free),
    )
    state_dir: Path = args.state_dir.resolve()
    log_dir: Path = args.log_dir.resolve()
    # PostgreSQL's user reaches its data folder through this one.
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o755)
    state_dir.chmod(0o755)
    (state_dir / "redis").mkdir(exist_ok=True)
    publish(model, settings.live_model_dir)
    write_nginx_config(state_dir / "nginx", settings, ports)
    try:
        with running_postgres(state_dir, ports.postgres) as postgres:
            env = cluster_environment(
                settings,
                ports,
                state_dir,
                {name: postgres.url(name) for name in ("scheduling", "outbox")},
            )
            env["PATH"] = f"{env['PATH']}{os.pathsep}/usr/sbin"  # nginx, for non-root users
            env["RASA_CREDENTIALS"] = str(
                write_credentials(state_dir / "credentials.yml", settings)
            )
            print(banner(settings, ports, log_dir), flush=True)
            supervisor = Supervisor(
                read_procfile(PROCFILE),
                env,
                cwd=PROJECT_ROOT,
                log_dir=log_dir,
                ready_when=CLUSTER_READY_WHEN,
            )
            return supervisor.run()
    except PostgresError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


if __name__ == "__main__":
    sys.exit(main())
