"""Procfile.cluster and tools/cluster.py agree: every variable set, no secret on a command line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from rasa.__main__ import create_argument_parser

from startup.settings import load_settings
from tools.cluster import CLUSTER_READY_WHEN, PROCFILE, Ports, cluster_environment
from tools.supervise import read_procfile

PORTS = Ports(rasa=(7001, 7002), actions=(7101, 7102), postgres=7201)
URLS = {"scheduling": "postgresql://clinic@127.0.0.1:7201/scheduling", "outbox": "postgresql://x"}


def environment(tmp_path: Path) -> dict[str, str]:
    settings = load_settings({"ALLOWED_ORIGINS": "https://a.example,https://b.example"})
    env = cluster_environment(settings, PORTS, tmp_path, URLS)
    env["RASA_CREDENTIALS"] = "credentials.yml"
    return env


def test_every_variable_procfile_cluster_uses_is_set(tmp_path: Path) -> None:
    env = environment(tmp_path)
    used = {name for p in read_procfile(PROCFILE) for name in re.findall(r"\$(\w+)", p.command)}
    assert used and not used - set(env)
    assert env["SANIC_WORKERS"] == "1", "one worker per replica"
    assert env["SCHEDULING_DATABASE_URL"] == URLS["scheduling"]


def test_every_program_says_when_it_is_ready() -> None:
    assert {program.name for program in read_procfile(PROCFILE)} <= set(CLUSTER_READY_WHEN)


def test_each_replica_gets_its_own_port_and_no_secret(tmp_path: Path) -> None:
    env = environment(tmp_path)
    replicas = [p for p in read_procfile(PROCFILE) if p.name.startswith("rasa-")]
    assert [p.name for p in replicas] == ["rasa-1", "rasa-2"]
    for number, program in enumerate(replicas, start=1):
        arguments = program.command.split(" ", 3)[3]
        printed = subprocess.run(
            ["sh", "-c", f"printf '%s\\0' {arguments}"], env=env, capture_output=True, check=True
        ).stdout.decode()
        parsed = create_argument_parser().parse_args(printed.split("\0")[:-1])
        assert parsed.port == PORTS.rasa[number - 1] and parsed.interface == "127.0.0.1"
        assert parsed.cors == ["https://a.example", "https://b.example"]
        assert parsed.auth_token is None and parsed.jwt_secret is None
