from __future__ import annotations

import pytest

from application.unset import UNSET
from domain.errors import (
    EmailTaken,
    InvalidCredentials,
    InvalidToken,
    UserNotFound,
    ValidationFailed,
)
from tests.unit.conftest import PASSWORD, App

NEW_PASSWORD = "a brand new passphrase"


async def test_my_account_shows_my_details_but_never_my_hash(app: App) -> None:
    ada = await app.sign_up("ada")
    account = await app.users.get_account(ada)
    assert account.email == "ada@example.com"
    assert "hash" not in repr(account)


async def test_updating_my_profile_changes_only_the_fields_given(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_account(ada, full_name="Ada Lovelace", bio="Analyst")
    account = await app.users.update_account(ada, image="https://img.example.com/ada.png")
    assert (account.full_name, account.bio, account.image) == (
        "Ada Lovelace",
        "Analyst",
        "https://img.example.com/ada.png",
    )


async def test_none_clears_an_optional_field_and_blank_text_is_stored_as_none(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_account(ada, bio="Analyst", image="https://img.example.com/a.png")
    account = await app.users.update_account(ada, bio="   ", image=None, full_name=UNSET)
    assert (account.bio, account.image) == (None, None)


async def test_changing_my_email_to_someone_elses_is_refused(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.sign_up("bob")
    with pytest.raises(EmailTaken):
        await app.users.update_account(ada, email="BOB@example.com")
    assert (await app.users.get_account(ada)).email == "ada@example.com"


async def test_an_invalid_profile_update_changes_nothing(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.users.update_account(ada, bio="kept")
    with pytest.raises(ValidationFailed):
        await app.users.update_account(ada, bio="new", image="javascript:alert(1)")
    assert (await app.users.get_account(ada)).bio == "kept"


async def test_changing_my_password_kills_every_earlier_token(app: App) -> None:
    ada = await app.sign_up("ada")
    old = await app.auth.sign_in("ada", PASSWORD)
    new = await app.auth.change_password(ada, current_password=PASSWORD, new_password=NEW_PASSWORD)
    with pytest.raises(InvalidToken):
        await app.auth.authenticate(old.access_token)
    with pytest.raises(InvalidToken):
        await app.auth.refresh(old.refresh_token)
    assert (await app.auth.authenticate(new.access_token)).username == "ada"
    with pytest.raises(InvalidCredentials):
        await app.auth.sign_in("ada", PASSWORD)
    await app.auth.sign_in("ada", NEW_PASSWORD)


async def test_changing_my_password_needs_the_current_one(app: App) -> None:
    ada = await app.sign_up("ada")
    with pytest.raises(ValidationFailed) as error:
        await app.auth.change_password(ada, current_password="wrong!!!", new_password=NEW_PASSWORD)
    assert error.value.field == "current_password"
    await app.auth.sign_in("ada", PASSWORD)


async def test_a_new_password_must_follow_the_policy(app: App) -> None:
    ada = await app.sign_up("ada")
    with pytest.raises(ValidationFailed) as error:
        await app.auth.change_password(ada, current_password=PASSWORD, new_password="short")
    assert error.value.field == "new_password"


async def test_a_public_profile_is_found_case_insensitively(app: App) -> None:
    ada = await app.sign_up("Ada")
    await app.users.update_account(ada, bio="Analyst")
    profile = await app.social.profile(None, "ADA")
    assert (profile.username, profile.bio, profile.image) == ("Ada", "Analyst", None)


async def test_an_unknown_profile_is_not_found(app: App) -> None:
    with pytest.raises(UserNotFound):
        await app.social.profile(None, "nobody")
