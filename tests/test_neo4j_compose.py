"""docker-compose.yml for users: a valid compose file for Neo4j 5.26 Community with auth from the
environment, a data volume and a Bolt healthcheck (no Docker engine here: the structure is
checked, and compose's `${VAR:?}` interpolation is applied the way compose applies it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
_VAR = re.compile(r"\$\{(\w+)(?::([?-])([^}]*))?\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}; `$$` is a literal `$`."""
    def one(match: re.Match) -> str:
        name, op, arg = match.groups()
        if env.get(name):
            return env[name]
        if op == "?":
            raise ValueError(f"{name}: {arg}")
        return arg if op == "-" else ""
    return _VAR.sub(one, text.replace("$$", "\0")).replace("\0", "$")


@pytest.fixture
def service() -> dict:
    compose = yaml.safe_load(COMPOSE.read_text())
    assert set(compose) == {"services", "volumes"}
    return compose["services"]["neo4j"]


def test_image_ports_and_volume(service):
    compose = yaml.safe_load(COMPOSE.read_text())
    assert service["image"] == "neo4j:5.26-community"
    assert "127.0.0.1:7687:7687" in service["ports"]
    volume, _, mount = service["volumes"][0].partition(":")
    assert mount == "/data" and volume in compose["volumes"]


def test_auth_comes_from_the_environment_and_is_required(service):
    auth = service["environment"]["NEO4J_AUTH"]
    assert interpolate(auth, {"NEO4J_PASSWORD": "s3cret"}) == "neo4j/s3cret"
    with pytest.raises(ValueError, match="NEO4J_PASSWORD"):
        interpolate(auth, {})
    assert "s3cret" not in COMPOSE.read_text()


def test_healthcheck_queries_bolt_with_the_configured_password(service):
    check = service["healthcheck"]
    kind, command = check["test"]
    assert kind == "CMD-SHELL"
    shell = interpolate(command, {})  # what the container's shell receives
    assert "cypher-shell" in shell and "bolt://localhost:7687" in shell
    assert '"${NEO4J_AUTH#neo4j/}"' in shell  # the shell strips the user from NEO4J_AUTH
    assert check["retries"] * int(check["interval"].rstrip("s")) >= 60
