from __future__ import annotations

import ipaddress
from datetime import timedelta
from enum import StrEnum
from typing import Annotated, Literal

import limits
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEVELOPMENT_SECRET_KEY = "inkport-development-secret-key-change-me"
# Loopback names, `.test` (reserved by RFC 6761: no public DNS name can point here) and
# `testserver`, the name Starlette's test client (and so Schemathesis) sends.
DEVELOPMENT_ALLOWED_HOSTS = ("localhost", "127.0.0.1", "[::1]", "*.test", "testserver")
_RATE_LIMIT_FIELDS = (
    "rate_limit_sign_in_per_ip",
    "rate_limit_sign_in_per_account",
    "rate_limit_sign_up_per_ip",
    "rate_limit_writes_per_user",
    "rate_limit_reads_per_ip",
)


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every setting, read from ``INKPORT_*`` environment variables or an optional ``.env``."""

    model_config = SettingsConfigDict(env_prefix="INKPORT_", env_file=".env", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = Field(
        "sqlite+aiosqlite:///./inkport.db",
        description="SQLAlchemy URL; `memory://` selects the in-memory adapters.",
    )
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET_KEY)
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_minutes: int = Field(15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(14, ge=1, le=365)
    password_policy: Literal["nist", "strict"] = "nist"
    refuse_common_passwords: bool = True
    default_signup_role: Literal["viewer", "author"] = "author"
    argon2_time_cost: int = Field(3, ge=1)
    argon2_memory_cost: int = Field(65536, ge=8)
    argon2_parallelism: int = Field(4, ge=1)
    log_format: Literal["console", "json"] = "console"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cors_allow_credentials: bool = False
    max_body_bytes: int = Field(1_048_576, ge=1024, description="Larger bodies get 413.")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64)
    max_header_line_bytes: int = Field(
        16_384, ge=1024, le=1_048_576, description="URL (else 414) or one header line (else 431)."
    )
    max_header_bytes: int = Field(
        65_536, ge=4096, le=4_194_304, description="All headers of a request; more gets 431."
    )
    header_timeout_seconds: float = Field(
        10.0, gt=0, le=300, description="A connection that has not sent its headers is closed."
    )
    max_connections: int = Field(
        1000, ge=1, description="Open connections per worker process; beyond, requests get 503."
    )
    redis_url: str | None = Field(None, description="Redis for cache and rate limits.")
    cache_enabled: bool = Field(True, description="Cache published post reads and tags.")
    cache_backend: Literal["memory", "redis"] | None = Field(
        None, description="Default: `redis` when INKPORT_REDIS_URL is set, else `memory`."
    )
    cache_ttl_seconds: float = Field(60, gt=0, le=86_400)
    cache_max_entries: int = Field(10_000, ge=1)
    rate_limit_enabled: bool = Field(True, description="Apply the rate limits below.")
    rate_limit_sign_in_per_ip: str = "10/minute"
    rate_limit_sign_in_per_account: str = "5/minute"
    rate_limit_sign_up_per_ip: str = "10/hour"
    rate_limit_writes_per_user: str = "60/minute"
    rate_limit_reads_per_ip: str = "600/minute"
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    allowed_hosts: Annotated[list[str] | None, NoDecode] = Field(
        None, description="Host names served (`Host` header); required in production."
    )
    outbox_dispatcher: bool = Field(
        True, description="Run the outbox dispatcher in every server process (off with a worker)."
    )
    outbox_poll_seconds: float = Field(0.5, gt=0, le=60)
    outbox_batch_size: int = Field(100, ge=1, le=1000)
    outbox_max_attempts: int = Field(10, ge=1, le=100)
    outbox_retry_base_seconds: float = Field(1.0, gt=0)
    outbox_retry_max_seconds: float = Field(300.0, gt=0)
    event_bus_backend: Literal["memory", "redis"] | None = Field(
        None, description="Default: `redis` when INKPORT_REDIS_URL is set, else `memory`."
    )
    live_max_connections_per_ip: int = Field(20, ge=1)
    live_heartbeat_seconds: float = Field(20.0, gt=0)
    live_max_pending: int = Field(
        100, ge=1, description="Queued messages before a slow socket is dropped."
    )
    notifier: Literal["log", "webhook"] = "log"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_timeout_seconds: float = Field(5.0, gt=0, le=60)

    @field_validator("trusted_proxies", "allowed_hosts", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [p.strip() for p in value.split(",") if p.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _valid_networks(cls, value: list[str]) -> list[str]:
        return [str(ipaddress.ip_network(p, strict=False)) for p in value]

    @field_validator("allowed_hosts")
    @classmethod
    def _valid_host_patterns(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if not value:
            raise ValueError("INKPORT_ALLOWED_HOSTS names no host: every request would be refused.")
        for pattern in value:
            if pattern != "*" and "*" in pattern.removeprefix("*."):
                raise ValueError(
                    f"INKPORT_ALLOWED_HOSTS: {pattern!r} is not a host name, `*.domain` or `*`."
                )
        return [pattern.lower() for pattern in value]

    @field_validator(*_RATE_LIMIT_FIELDS)
    @classmethod
    def _valid_limit(cls, value: str) -> str:
        limits.parse(value)  # "10/minute", "100 per hour": ValueError otherwise
        return value

    @model_validator(mode="before")
    @classmethod
    def _split_origins(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("cors_origins"), str):
            raw = data["cors_origins"]
            data["cors_origins"] = [o.strip() for o in raw.split(",") if o.strip()]
        return data

    @model_validator(mode="after")
    def _refuse_unsafe_configuration(self) -> Settings:
        key = self.secret_key.get_secret_value()
        if self.environment is Environment.PRODUCTION and (
            key == DEVELOPMENT_SECRET_KEY or len(key) < 32
        ):
            raise ValueError(
                "INKPORT_SECRET_KEY must be a random value of at least 32 characters in "
                "production; generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
            )
        if self.notifier == "webhook" and not (self.webhook_url and self.webhook_secret):
            raise ValueError(
                "INKPORT_NOTIFIER=webhook needs INKPORT_WEBHOOK_URL and INKPORT_WEBHOOK_SECRET."
            )
        if self.event_bus_kind == "redis" and not self.redis_url:
            raise ValueError("INKPORT_EVENT_BUS_BACKEND=redis needs INKPORT_REDIS_URL.")
        if "*" in self.cors_origins and self.cors_allow_credentials:
            raise ValueError("A wildcard CORS origin cannot be combined with credentials.")
        return self

    @model_validator(mode="after")
    def _hosts_named_in_production(self) -> Settings:
        if self.environment is Environment.PRODUCTION and (
            self.allowed_hosts is None or any("*" in pattern for pattern in self.allowed_hosts)
        ):
            raise ValueError(
                "INKPORT_ALLOWED_HOSTS must list the host names clients use (e.g. "
                "`blog.example.com,127.0.0.1`), without `*`, in production."
            )
        return self

    @property
    def served_hosts(self) -> list[str]:
        """The ``Host`` names requests may carry: the setting, else the development ones."""
        if self.allowed_hosts is None:
            return list(DEVELOPMENT_ALLOWED_HOSTS)
        return self.allowed_hosts

    @property
    def cache_kind(self) -> Literal["off", "memory", "redis"]:
        if not self.cache_enabled:
            return "off"
        return self.cache_backend or ("redis" if self.redis_url else "memory")

    @property
    def event_bus_kind(self) -> Literal["memory", "redis"]:
        return self.event_bus_backend or ("redis" if self.redis_url else "memory")

    @property
    def uses_memory_storage(self) -> bool:
        return self.database_url.startswith("memory:")

    @property
    def access_token_ttl(self) -> timedelta:
        return timedelta(minutes=self.access_token_minutes)

    @property
    def refresh_token_ttl(self) -> timedelta:
        return timedelta(days=self.refresh_token_days)
