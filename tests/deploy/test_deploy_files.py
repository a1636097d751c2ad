"""The deployment files: a valid compose file, no secret with a default, chart defaults overridden.

`docker compose config` checks the compose file where Docker's compose plugin is
installed; elsewhere the same file, interpolated as compose would, is checked against
a JSON schema of the parts it uses (compose.schema.json).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from clinic.settings import PROJECT_ROOT
from startup.settings import load_settings
from tools.cluster import TEMPLATE, render_nginx

DEPLOY = PROJECT_ROOT / "deploy"
COMPOSE = DEPLOY / "docker-compose.yml"
SCHEMA = Path(__file__).with_name("compose.schema.json")
HELM_FILES = sorted((DEPLOY / "helm").glob("*.yaml"))
KUBERNETES_FILES = sorted((DEPLOY / "k8s").glob("*.yaml"))

SECRET_NAME = re.compile(r"(password|token|secret|session_?key|cookie)$", re.IGNORECASE)
"""A setting holding a secret, by its name: RASA_JWT_SECRET, postgresqlPassword, token..."""
REFERENCE = re.compile(r"\$\$|\$\{(?P<name>[A-Z0-9_]+)(?:(?P<op>:\?|:-)(?P<arg>[^}]*))?\}")


def interpolate(text: str, env: Mapping[str, str]) -> str:
    """Compose's variable interpolation for the forms the file uses ($$, ${X}, :?, :-)."""

    def replace(match: re.Match[str]) -> str:
        if match[0] == "$$":
            return "$"
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op == ":?":
            raise ValueError(f"required variable {name} is missing a value: {arg}")
        return arg if op == ":-" else ""

    return REFERENCE.sub(replace, text)


def compose_references() -> list[re.Match[str]]:
    return [m for m in REFERENCE.finditer(COMPOSE.read_text(encoding="utf-8")) if m["name"]]


def production_env() -> dict[str, str]:
    """A value for every variable the compose file requires (URL-safe, like real ones)."""
    required = [m["name"] for m in compose_references() if m["op"] == ":?"]
    return {name: f"test-{name.lower()}" for name in required} | {
        "ALLOWED_ORIGINS": "https://www.clinic.example"
    }


def compose(env: Mapping[str, str]) -> dict[str, Any]:
    """The compose file as `docker compose config` sees it, anchors and merge keys resolved."""
    content: dict[str, Any] = yaml.safe_load(interpolate(COMPOSE.read_text(encoding="utf-8"), env))
    return content


def docker_compose_available() -> bool:
    if shutil.which("docker") is None:
        return False
    result = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, timeout=30, check=False
    )
    return result.returncode == 0


def test_the_compose_file_is_valid() -> None:
    env = production_env()
    if docker_compose_available():
        result = subprocess.run(
            ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
            env={"PATH": "/usr/local/bin:/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return
    content = compose(env)
    jsonschema.validate(content, json.loads(SCHEMA.read_text(encoding="utf-8")))
    for name, service in content["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).is_file(), f"{name} mounts a missing {source}"
        if "build" in service:
            context = DEPLOY / service["build"]["context"]
            assert (context / service["build"]["dockerfile"]).is_file()
        for dependency in service.get("depends_on", []):
            assert dependency in content["services"], f"{name} depends on unknown {dependency}"


def test_every_compose_secret_is_required_and_has_no_default() -> None:
    secrets = [m for m in compose_references() if SECRET_NAME.search(m["name"])]
    assert {m["name"] for m in secrets} >= {
        "RASA_JWT_SECRET",
        "ACTION_SERVER_TOKEN",
        "SCHEDULING_API_TOKEN",
        "REDIS_PASSWORD",
        "POSTGRES_PASSWORD",
    }
    for match in secrets:
        assert match["op"] == ":?", f"{match[0]} must be required, with no default"
    for name, service in compose(production_env())["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if SECRET_NAME.search(key):
                assert value.startswith("test-"), f"{name}: {key} is written in the file"


@pytest.mark.parametrize("missing", ["RASA_JWT_SECRET", "POSTGRES_PASSWORD", "ALLOWED_ORIGINS"])
def test_compose_refuses_to_run_without_a_secret(missing: str) -> None:
    env = production_env()
    del env[missing]
    if docker_compose_available():
        result = subprocess.run(
            ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
            env={"PATH": "/usr/local/bin:/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode != 0 and missing in result.stderr
        return
    with pytest.raises(ValueError, match=missing):
        compose(env)


def test_compose_gives_each_program_what_production_requires() -> None:
    content = compose(production_env())
    for name, service in content["services"].items():
        if "build" in service:
            # The assistant's own programs: the settings must load in production.
            settings = load_settings(service["environment"])
            assert settings.environment == "production", name
            assert settings.allowed_origins == ("https://www.clinic.example",), name


def walk_secrets(node: Any, path: str = "") -> Iterator[str]:
    """Where a Helm values or Kubernetes file writes a secret's value itself."""
    if isinstance(node, dict):
        if node.get("name") and SECRET_NAME.search(str(node["name"])) and "value" in node:
            yield f"{path}: {node['name']} has a value instead of a secretKeyRef"
        for key, value in node.items():
            if key in ("secretKeyRef", "configMapKeyRef"):
                continue
            written = value not in ("", None) and not isinstance(value, (dict, list))
            if written and SECRET_NAME.search(str(key).replace("-", "")):
                yield f"{path}.{key} = {value!r}"
            yield from walk_secrets(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk_secrets(item, f"{path}[{index}]")


@pytest.mark.parametrize("path", HELM_FILES + KUBERNETES_FILES, ids=lambda p: p.name)
def test_no_secret_has_a_value_in_the_kubernetes_files(path: Path) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not list(walk_secrets(content))


def test_the_secret_check_finds_a_written_secret() -> None:
    written = {
        "applicationSettings": {"token": "rasaToken"},
        "extraEnv": [{"name": "RASA_JWT_SECRET", "value": "s3cret"}],
    }
    assert len(list(walk_secrets(written))) == 2


def test_the_rasa_chart_defaults_are_overridden() -> None:
    values = yaml.safe_load((DEPLOY / "helm" / "values.yaml").read_text(encoding="utf-8"))
    settings = values["applicationSettings"]
    assert settings["cors"] != "*" and not settings["token"]
    assert not settings["initialModel"], "no demo model is downloaded"
    assert values["postgresql"]["install"] is False, "no bundled PostgreSQL with 'password'"
    # The chart's default args pass --cors "*", --auth-token and --jwt-secret "UNSET".
    args = values["args"]
    assert args[args.index("--cors") + 1] == "$ALLOWED_ORIGINS"
    assert "--auth-token" not in args and "--jwt-secret" not in args
    env = {item["name"]: item for item in values["extraEnv"]}
    for name in ("RASA_JWT_SECRET", "ACTION_SERVER_TOKEN", "WIDGET_SESSION_KEY"):
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "clinic-secrets"
    assert env["CLINIC_ENV"]["value"] == "production"


def test_the_compose_nginx_config_is_the_template_rendered() -> None:
    rendered = render_nginx(
        TEMPLATE.read_text(encoding="utf-8"),
        listen="5005",
        actions_listen="5055",
        rasa_servers=["rasa-1:5005", "rasa-2:5005"],
        action_servers=["actions-1:5055", "actions-2:5055"],
        upstream_header=False,
    )
    assert (DEPLOY / "nginx" / "compose.conf").read_text(encoding="utf-8") == rendered
    services = compose(production_env())["services"]
    assert {"rasa-1", "rasa-2", "actions-1", "actions-2"} <= set(services)


def test_rendering_refuses_a_template_marker_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="marker"):
        render_nginx(
            "listen @LISTEN@; server @OTHER@;",
            listen="1",
            actions_listen="2",
            rasa_servers=[],
            action_servers=[],
            upstream_header=True,
        )
