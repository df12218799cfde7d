"""The ``inkport`` command line, run in-process with typer's runner on a SQLite file."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from entrypoints.cli import app
from entrypoints.embedded import open_inkport
from entrypoints.settings import Settings

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("INKPORT_DATABASE_URL", url)
    monkeypatch.setenv("INKPORT_ARGON2_MEMORY_COST", "1024")
    return url


def test_migrate_then_create_admin_makes_an_admin_who_can_sign_in(database: str) -> None:
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(
        app,
        ["create-admin", "--username", "root", "--email", "root@example.com"],
        input="a long passphrase\na long passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "a long passphrase" not in result.output.split("\n", 2)[-1]

    async def sign_in() -> str:
        async with open_inkport(Settings(database_url=database)) as inkport:
            tokens = await inkport.auth.sign_in("root", "a long passphrase")
            return (await inkport.auth.authenticate(tokens.access_token)).role

    assert asyncio.run(sign_in()) == "admin"


def test_create_admin_reports_a_taken_username_without_a_traceback(database: str) -> None:
    runner.invoke(app, ["migrate"])
    args = ["create-admin", "--username", "root", "--email", "root@example.com"]
    env = {"INKPORT_ADMIN_PASSWORD": "a long passphrase"}
    assert runner.invoke(app, args, env=env).exit_code == 0
    again = runner.invoke(app, [*args[:-1], "other@example.com"], env=env)
    assert again.exit_code == 1
    assert "username_taken" in again.output
    assert "Traceback" not in again.output


def test_create_admin_refuses_a_weak_password(database: str) -> None:
    runner.invoke(app, ["migrate"])
    result = runner.invoke(
        app,
        ["create-admin", "--username", "root", "--email", "root@example.com"],
        env={"INKPORT_ADMIN_PASSWORD": "short"},
    )
    assert result.exit_code == 1
    assert "validation_failed" in result.output


@pytest.mark.parametrize("password", ["qwertyuiop", "root-is-my-name", "ROOT@example.com"])
def test_create_admin_refuses_a_common_password_or_one_built_on_the_account(
    database: str, password: str
) -> None:
    runner.invoke(app, ["migrate"])
    args = ["create-admin", "--username", "root", "--email", "root@example.com"]
    result = runner.invoke(app, args, env={"INKPORT_ADMIN_PASSWORD": password})
    assert result.exit_code == 1
    assert "validation_failed" in result.output
    ok = runner.invoke(app, args, env={"INKPORT_ADMIN_PASSWORD": "a long passphrase"})
    assert ok.exit_code == 0, ok.output  # the refusal left the username free
