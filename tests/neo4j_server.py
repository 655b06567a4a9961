"""Fixtures for a real Neo4j server: the one named by NEO4J_URI/USER/PASSWORD, else our own.

Without NEO4J_URI, `scripts/neo4j start` runs a throwaway server in a pytest temp directory
(never the developer's .neo4j/), and `scripts/neo4j stop` ends exactly that process at the end
of the session. No server to be had: skip locally, fail when CI=true (STYLE §8).
Test modules import the fixtures by name: `from neo4j_server import neo4j_driver, neo4j_db`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j"
DATABASE = "neo4j"


def unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but no Neo4j server: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


def parse_env(text: str) -> dict[str, str]:
    pairs = (line.partition("=") for line in text.splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, _, value in pairs}


@pytest.fixture(scope="session")
def neo4j_env(tmp_path_factory) -> dict[str, str]:
    """URI, user and password of a running server (started here when the environment has none)."""
    if os.environ.get("NEO4J_URI"):
        yield {"NEO4J_URI": os.environ["NEO4J_URI"],
               "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
               "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}
        return
    env = {**os.environ, "KG_NEO4J_DIR": str(tmp_path_factory.mktemp("neo4j-server"))}
    try:
        started = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True,
                                 text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        unavailable(f"scripts/neo4j start: {exc}")
    if started.returncode != 0:
        unavailable(f"scripts/neo4j start exited {started.returncode}: {started.stderr[-2000:]}")
    try:
        yield parse_env(started.stdout)
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_env):
    from neo4j import GraphDatabase

    auth = (neo4j_env["NEO4J_USER"], neo4j_env["NEO4J_PASSWORD"])
    with GraphDatabase.driver(neo4j_env["NEO4J_URI"], auth=auth) as driver:
        try:
            driver.verify_connectivity()
        except Exception as exc:  # any failure here means "no server", reported as such
            unavailable(f"{neo4j_env['NEO4J_URI']}: {type(exc).__name__}")
        yield driver


@pytest.fixture
def neo4j_db(neo4j_driver):
    """The driver, over an empty database (data only; the schema stays, as it is idempotent)."""
    # In batches: a database left large (by bench/neo4j_load.py) would not fit one transaction.
    with neo4j_driver.session(database=DATABASE) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    yield neo4j_driver
