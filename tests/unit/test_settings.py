from __future__ import annotations

import pytest
from pydantic import ValidationError

from entrypoints.settings import DEVELOPMENT_SECRET_KEY, Settings


def test_development_runs_with_the_built_in_key() -> None:
    assert (
        Settings(environment="development").secret_key.get_secret_value() == DEVELOPMENT_SECRET_KEY
    )


@pytest.mark.parametrize("key", [None, DEVELOPMENT_SECRET_KEY, "too-short"])
def test_production_refuses_a_missing_default_or_short_secret_key(key: str | None) -> None:
    values = {"environment": "production"} | ({"secret_key": key} if key else {})
    with pytest.raises(ValidationError, match="INKPORT_SECRET_KEY"):
        Settings(**values)


def test_production_starts_with_a_real_secret_key() -> None:
    settings = Settings(environment="production", secret_key="x" * 48, allowed_hosts="blog.example")
    assert settings.environment == "production"


def test_a_wildcard_origin_with_credentials_is_refused() -> None:
    with pytest.raises(ValidationError, match="wildcard"):
        Settings(cors_origins="*", cors_allow_credentials=True)


def test_cors_origins_are_read_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INKPORT_CORS_ORIGINS", "https://a.example, https://b.example")
    assert Settings().cors_origins == ["https://a.example", "https://b.example"]


def test_the_secret_key_never_shows_in_the_settings_repr() -> None:
    assert "real-secret" not in repr(Settings(secret_key="real-secret" * 4))
