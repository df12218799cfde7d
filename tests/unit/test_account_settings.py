"""UserService.update_settings: credential and profile changes without the current password."""

from __future__ import annotations

import pytest

from domain.errors import (
    EmailTaken,
    InvalidCredentials,
    UsernameTaken,
    ValidationFailed,
)
from tests.unit.conftest import PASSWORD, App

NEW_PASSWORD = "bonjour1"


async def test_every_field_changes_at_once(app: App) -> None:
    ada = await app.sign_up("ada")
    account = await app.users.update_settings(
        ada,
        username="ada_l",
        email="Lovelace@Example.com",
        bio="Analyst",
        image="https://img.example.com/ada.png",
    )
    assert (account.username, account.email, account.bio, account.image) == (
        "ada_l",
        "lovelace@example.com",
        "Analyst",
        "https://img.example.com/ada.png",
    )
    assert (await app.users.get_account(ada)).username == "ada_l"
    await app.auth.sign_in("ada_l", PASSWORD)


async def test_fields_not_given_are_kept_and_blank_or_none_clears_bio_and_image(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_settings(ada, bio="Analyst", image="https://img.example.com/a.png")
    kept = await app.users.update_settings(ada, username="ada")
    assert (kept.bio, kept.image, kept.email) == (
        "Analyst",
        "https://img.example.com/a.png",
        "ada@example.com",
    )
    blank = await app.users.update_settings(ada, bio="", image="")
    assert (blank.bio, blank.image) == (None, None)
    await app.users.update_settings(ada, bio="again", image="https://img.example.com/b.png")
    cleared = await app.users.update_settings(ada, bio=None, image=None)
    assert (cleared.bio, cleared.image) == (None, None)


async def test_a_new_password_replaces_the_old_one_for_signing_in(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_settings(ada, password=NEW_PASSWORD)
    with pytest.raises(InvalidCredentials):
        await app.auth.sign_in("ada", PASSWORD)
    await app.auth.sign_in("ada", NEW_PASSWORD)


@pytest.mark.parametrize("password", ["", "short7c", "x" * 129])
async def test_the_password_policy_holds_and_a_refusal_changes_nothing(
    app: App, password: str
) -> None:
    ada = await app.sign_up("ada")
    with pytest.raises(ValidationFailed) as error:
        await app.users.update_settings(ada, bio="not stored", password=password)
    assert error.value.field == "password"
    assert (await app.users.get_account(ada)).bio is None
    await app.auth.sign_in("ada", PASSWORD)


async def test_64_characters_are_a_valid_password(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_settings(ada, password="a" * 64)
    await app.auth.sign_in("ada", "a" * 64)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"username": ""}, "username"), ({"username": "no spaces"}, "username"),
     ({"email": ""}, "email"), ({"email": "not-an-address"}, "email"),
     ({"image": "javascript:alert(1)"}, "image"), ({"bio": "b" * 2001}, "bio")],
)  # fmt: skip
async def test_an_invalid_value_is_refused_and_nothing_changes(
    app: App, change: dict[str, str], field: str
) -> None:
    ada = await app.sign_up("ada")
    with pytest.raises(ValidationFailed) as error:
        await app.users.update_settings(ada, **{"password": "not stored", **change})
    assert error.value.field == field
    account = await app.users.get_account(ada)
    assert (account.username, account.email, account.bio) == ("ada", "ada@example.com", None)
    await app.auth.sign_in("ada", PASSWORD)


async def test_usernames_and_emails_stay_unique_in_any_letter_case(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.sign_up("bob")
    with pytest.raises(UsernameTaken):
        await app.users.update_settings(ada, username="BOB", bio="not stored")
    with pytest.raises(EmailTaken):
        await app.users.update_settings(ada, email="BOB@example.com")
    account = await app.users.get_account(ada)
    assert (account.username, account.email, account.bio) == ("ada", "ada@example.com", None)


async def test_renaming_to_my_own_name_in_another_case_is_allowed(app: App) -> None:
    ada = await app.sign_up("ada")
    assert (await app.users.update_settings(ada, username="Ada")).username == "Ada"
