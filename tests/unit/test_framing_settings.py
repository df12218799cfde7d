"""The HTTP framing bounds of `inkport serve`: defaults within what the issue asks (a
header timeout of at most 15 s), read from the environment, nonsense refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from entrypoints.settings import Settings


def test_the_defaults_cap_headers_at_16_kib_a_line_64_kib_in_all_and_10_seconds() -> None:
    settings = Settings(_env_file=None)

    assert settings.max_header_line_bytes == 16_384
    assert settings.max_header_bytes == 65_536
    assert 0 < settings.header_timeout_seconds <= 15
    assert settings.max_connections == 1000


def test_the_bounds_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INKPORT_HEADER_TIMEOUT_SECONDS", "2.5")
    monkeypatch.setenv("INKPORT_MAX_CONNECTIONS", "50")

    settings = Settings(_env_file=None)

    assert settings.header_timeout_seconds == 2.5
    assert settings.max_connections == 50


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("header_timeout_seconds", 0),
        ("header_timeout_seconds", -1),
        ("max_connections", 0),
        ("max_header_bytes", 100),
        ("max_header_line_bytes", 10),
    ],
)
def test_bounds_that_would_refuse_everything_are_refused(name: str, value: float) -> None:
    with pytest.raises(ValidationError, match=name):
        Settings(**{name: value})
