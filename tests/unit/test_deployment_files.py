"""compose.yaml and the README stay in step with the code: real commands, real settings,
no secret in the file, every setting documented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from entrypoints.settings import Environment, Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_TEXT = (ROOT / "compose.yaml").read_text()
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)
SERVICES: dict[str, Any] = COMPOSE["services"]
INKPORT_SERVICES = ("migrate", "app", "worker")
SETTING_NAMES = {f"INKPORT_{name.upper()}" for name in Settings.model_fields}
# `${NAME:?message}`: compose refuses to start when NAME is unset or empty.
REQUIRED_VARIABLE = re.compile(r"\$\{(?P<name>[A-Z0-9_]+):\?[^}]+\}")


def required_variable(value: str) -> str | None:
    match = REQUIRED_VARIABLE.fullmatch(value)
    return match["name"] if match else None


def environment_of(service: str) -> dict[str, str]:
    return {key: str(value) for key, value in SERVICES[service]["environment"].items()}


def test_compose_defines_the_database_redis_migration_api_and_worker_services() -> None:
    assert set(SERVICES) == {"postgres", "redis", "migrate", "app", "worker"}
    assert SERVICES["postgres"]["image"].startswith("postgres:16")
    assert SERVICES["redis"]["image"].startswith("redis:7")
    assert "healthcheck" in SERVICES["postgres"] and "healthcheck" in SERVICES["redis"]


def test_every_inkport_service_runs_the_image_built_from_the_dockerfile() -> None:
    for service in INKPORT_SERVICES:
        assert SERVICES[service]["build"]["dockerfile"] == "Dockerfile"
        assert (ROOT / SERVICES[service]["build"]["context"] / "Dockerfile").is_file()
    assert SERVICES["worker"]["command"] == ["inkport", "worker"]


def test_migrations_run_once_before_the_api_and_the_worker_start() -> None:
    migrate = SERVICES["migrate"]
    assert migrate["command"] == ["inkport", "migrate"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    for service in ("app", "worker"):
        waits_for = SERVICES[service]["depends_on"]
        assert waits_for["migrate"]["condition"] == "service_completed_successfully"
        assert waits_for["redis"]["condition"] == "service_healthy"


def test_the_api_serves_on_every_interface_without_migrating_or_dispatching() -> None:
    app = SERVICES["app"]
    command = app["command"]
    assert command[:2] == ["inkport", "serve"] and "--migrate" not in command
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert int(command[command.index("--workers") + 1]) >= 2
    assert "8000:8000" in app["ports"]
    assert environment_of("app")["INKPORT_OUTBOX_DISPATCHER"] == "false"


def test_every_inkport_variable_in_compose_is_a_real_setting() -> None:
    named = set(re.findall(r"\bINKPORT_[A-Z0-9_]+\b", COMPOSE_TEXT))
    assert named, "compose.yaml names no INKPORT_ variable"
    assert named - SETTING_NAMES == set()


def test_no_secret_is_written_in_compose_only_required_variables() -> None:
    database_password = re.compile(r"://inkport:(?P<password>[^@]+)@")
    for service in INKPORT_SERVICES:
        environment = environment_of(service)
        assert required_variable(environment["INKPORT_SECRET_KEY"]) == "INKPORT_SECRET_KEY"
        credentials = database_password.search(environment["INKPORT_DATABASE_URL"])
        assert credentials is not None
        assert required_variable(credentials["password"]) == "POSTGRES_PASSWORD"
    postgres_password = environment_of("postgres")["POSTGRES_PASSWORD"]
    assert required_variable(postgres_password) == "POSTGRES_PASSWORD"


def test_the_compose_environment_is_a_valid_production_configuration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    substitutes = {
        "INKPORT_SECRET_KEY": "s" * 48,
        "POSTGRES_PASSWORD": "pg-password",
        "INKPORT_ALLOWED_HOSTS": "blog.example.com",
    }
    for key, value in environment_of("app").items():
        filled = REQUIRED_VARIABLE.sub(lambda match: substitutes[match["name"]], value)
        monkeypatch.setenv(key, filled)

    settings = Settings(_env_file=None)

    assert settings.environment is Environment.PRODUCTION
    assert settings.database_url == "postgresql+asyncpg://inkport:pg-password@postgres:5432/inkport"
    assert settings.outbox_dispatcher is False
    assert settings.cache_kind == "redis" and settings.event_bus_kind == "redis"
    # The image's HEALTHCHECK asks http://127.0.0.1:8000/health/live.
    assert settings.served_hosts == ["blog.example.com", "127.0.0.1"]


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    undocumented = sorted(name for name in SETTING_NAMES if f"`{name}`" not in readme)
    assert undocumented == []
