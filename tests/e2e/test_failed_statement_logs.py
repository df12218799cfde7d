"""A statement that fails inside a request is logged without its parameters: no password
hash, e-mail address, profile text or token hash reaches a log line (SQLite, PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.e2e.conftest import PASSWORD, Api
from tests.e2e.sql_api import SqlDatabase, e2e_postgres, sql_api, sql_database

__all__ = ["e2e_postgres", "sql_database"]  # fixtures

NEW_EMAIL = "new-address-7f3a@example.com"
NEW_BIO = "bio-text-5be1"


async def _refuse_writes_to(api: Api, table: str, action: str) -> None:
    """A trigger that makes every ``action`` on ``table`` fail: a real database error."""
    engine = api.container.adapters.engine()
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            await connection.execute(
                sa.text(
                    "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger AS "
                    "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql"
                )
            )
            await connection.execute(
                sa.text(
                    f"CREATE TRIGGER refuse_{table} BEFORE {action} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse()"
                )
            )
        else:
            await connection.execute(
                sa.text(
                    f"CREATE TRIGGER refuse_{table} BEFORE {action} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
            )


async def _drop_trigger(api: Api, table: str) -> None:
    engine = api.container.adapters.engine()
    on_table = f" ON {table}" if engine.dialect.name == "postgresql" else ""
    async with engine.begin() as connection:
        await connection.execute(sa.text(f"DROP TRIGGER refuse_{table}{on_table}"))


async def test_failed_statements_leave_no_parameter_values_in_the_log(
    sql_database: SqlDatabase | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with sql_api(sql_database, tmp_path, log_format="json", log_level="DEBUG") as api:
        await api.sign_up("ada")
        headers = await api.login("ada")
        (stored_hash,) = [user.password_hash for user in await _users(api)]
        await _refuse_writes_to(api, "users", "UPDATE")
        try:
            update = {"email": NEW_EMAIL, "bio": NEW_BIO}
            failed = await api.client.patch("/api/v1/users/me", json=update, headers=headers)
            assert failed.status_code == 500, failed.text
            change = {"current_password": PASSWORD, "new_password": "another good password"}
            path = "/api/v1/users/me/password"
            failed = await api.client.post(path, json=change, headers=headers)
            assert failed.status_code == 500, failed.text
        finally:
            await _drop_trigger(api, "users")
        await _refuse_writes_to(api, "refresh_tokens", "INSERT")
        form = {"username": "ada", "password": PASSWORD}
        failed = await api.client.post("/api/v1/auth/token", data=form)
        assert failed.status_code == 500, failed.text
    log = capsys.readouterr().err
    assert log.count("refused by the test") >= 3, "the failures were not logged"
    assert "[parameters:" not in log and "hide_parameters=True" in log
    for secret in (stored_hash, "$argon2", NEW_EMAIL, NEW_BIO, "ada@example.com"):
        assert secret not in log


async def _users(api: Api) -> list[sa.Row[tuple[str]]]:
    async with api.container.adapters.engine().connect() as connection:
        result = await connection.execute(sa.text("SELECT password_hash FROM users"))
        return list(result)
