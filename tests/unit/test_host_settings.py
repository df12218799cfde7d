"""INKPORT_ALLOWED_HOSTS: loopback and test-client names in development; in production a list
of real names is required, without any wildcard."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from entrypoints.settings import Settings

PRODUCTION = {"environment": "production", "secret_key": "s" * 48}


def test_development_serves_loopback_and_the_names_test_clients_use() -> None:
    assert Settings(environment="development").served_hosts == [
        "localhost",
        "127.0.0.1",
        "[::1]",
        "*.test",
        "testserver",
    ]


def test_the_hosts_are_read_comma_separated_and_lower_cased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INKPORT_ALLOWED_HOSTS", "Blog.Example.com, *.blog.example.com ,127.0.0.1")

    assert Settings(_env_file=None).served_hosts == [
        "blog.example.com",
        "*.blog.example.com",
        "127.0.0.1",
    ]


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    with pytest.raises(ValidationError, match="INKPORT_ALLOWED_HOSTS"):
        Settings(**PRODUCTION)


@pytest.mark.parametrize("hosts", ["*", "blog.example.com,*", "*.example.com"])
def test_production_refuses_any_wildcard(hosts: str) -> None:
    with pytest.raises(ValidationError, match="without `\\*`"):
        Settings(**PRODUCTION, allowed_hosts=hosts)


def test_production_starts_with_named_hosts() -> None:
    settings = Settings(**PRODUCTION, allowed_hosts="blog.example.com,127.0.0.1")

    assert settings.served_hosts == ["blog.example.com", "127.0.0.1"]


@pytest.mark.parametrize("hosts", ["", " , "])
def test_an_empty_list_is_refused_as_it_would_refuse_every_request(hosts: str) -> None:
    with pytest.raises(ValidationError, match="names no host"):
        Settings(allowed_hosts=hosts)


@pytest.mark.parametrize("pattern", ["blog.*.com", "*example.com", "*.*.example.com", "**"])
def test_a_wildcard_anywhere_but_a_leading_subdomain_label_is_refused(pattern: str) -> None:
    with pytest.raises(ValidationError, match="is not a host name"):
        Settings(allowed_hosts=pattern)


def test_development_may_serve_any_host_when_asked() -> None:
    assert Settings(allowed_hosts="*").served_hosts == ["*"]
