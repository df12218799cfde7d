from __future__ import annotations

import pytest

from domain.errors import EmailTaken, UsernameTaken, ValidationFailed
from domain.passwords import PasswordPolicy
from domain.users import Role
from tests.unit.conftest import PASSWORD, App, build_app


async def test_signing_up_creates_an_author_with_a_normalised_email(app: App) -> None:
    account = await app.users.sign_up(
        username="Ada_L", email=" Ada@Example.COM ", password=PASSWORD
    )
    assert (account.username, account.email, account.role) == (
        "Ada_L",
        "ada@example.com",
        Role.AUTHOR,
    )
    assert account.is_active
    assert account.image is None


async def test_the_password_is_stored_only_as_an_argon2_hash(app: App) -> None:
    account = await app.users.sign_up(username="ada", email="ada@example.com", password=PASSWORD)
    stored = app.db.users[account.id]
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    assert not hasattr(account, "password_hash")


@pytest.mark.parametrize("username", ["ADA", "ada", "aDa"])
async def test_a_username_taken_in_any_letter_case_is_refused(app: App, username: str) -> None:
    await app.users.sign_up(username="Ada", email="one@example.com", password=PASSWORD)
    with pytest.raises(UsernameTaken):
        await app.users.sign_up(username=username, email="two@example.com", password=PASSWORD)
    assert len(app.db.users) == 1


async def test_an_email_taken_in_any_letter_case_is_refused(app: App) -> None:
    await app.users.sign_up(username="ada", email="ada@example.com", password=PASSWORD)
    with pytest.raises(EmailTaken):
        await app.users.sign_up(username="bob", email="ADA@example.com", password=PASSWORD)
    assert len(app.db.users) == 1


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("username", {"username": "a!"}),
        ("email", {"email": "not-an-email"}),
        ("password", {"password": "short"}),
        ("password", {"password": "x" * 129}),
        ("image", {"image": "ftp://example.com/a.png"}),
        ("bio", {"bio": "b" * 2001}),
        ("full_name", {"full_name": "f" * 101}),
    ],
)
async def test_invalid_input_is_refused_and_nothing_is_stored(
    app: App, field: str, overrides: dict[str, str]
) -> None:
    data = {"username": "ada", "email": "ada@example.com", "password": PASSWORD, **overrides}
    with pytest.raises(ValidationFailed) as error:
        await app.users.sign_up(**data)
    assert error.value.field == field
    assert app.db.users == {}


async def test_the_strict_password_policy_is_applied_when_configured() -> None:
    strict = build_app(PasswordPolicy(strict=True))
    with pytest.raises(ValidationFailed):
        await strict.users.sign_up(username="ada", email="a@example.com", password="alllowercase")
    account = await strict.users.sign_up(
        username="ada", email="a@example.com", password="Upper-and-9"
    )
    assert account.username == "ada"
