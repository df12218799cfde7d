from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import InvalidCredentials, InvalidToken
from tests.unit.conftest import PASSWORD, App


async def test_signing_in_by_username_or_email_in_any_case_gives_a_working_token(app: App) -> None:
    await app.sign_up("Ada")
    for login in ("Ada", "ada", "ADA@example.com"):
        pair = await app.auth.sign_in(login, PASSWORD)
        actor = await app.auth.authenticate(pair.access_token)
        assert actor.username == "Ada"


@pytest.mark.parametrize(("login", "password"), [("ada", "wrong password"), ("nobody", PASSWORD)])
async def test_unknown_users_and_wrong_passwords_fail_the_same_way(
    app: App, login: str, password: str
) -> None:
    await app.sign_up("ada")
    with pytest.raises(InvalidCredentials) as error:
        await app.auth.sign_in(login, password)
    assert error.value.message == InvalidCredentials().message


async def test_an_access_token_expires_after_its_lifetime(app: App) -> None:
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    app.clock.advance(timedelta(minutes=15))
    with pytest.raises(InvalidToken):
        await app.auth.authenticate(pair.access_token)


async def test_a_refresh_returns_a_new_pair_and_the_old_refresh_token_is_spent(app: App) -> None:
    await app.sign_up("ada")
    first = await app.auth.sign_in("ada", PASSWORD)
    second = await app.auth.refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    await app.auth.authenticate(second.access_token)


async def test_reusing_a_rotated_refresh_token_revokes_the_whole_family(app: App) -> None:
    await app.sign_up("ada")
    first = await app.auth.sign_in("ada", PASSWORD)
    second = await app.auth.refresh(first.refresh_token)
    with pytest.raises(InvalidToken):
        await app.auth.refresh(first.refresh_token)
    with pytest.raises(InvalidToken):  # the legitimate holder's newer token died with it
        await app.auth.refresh(second.refresh_token)


async def test_reuse_revokes_only_that_family(app: App) -> None:
    await app.sign_up("ada")
    laptop = await app.auth.sign_in("ada", PASSWORD)
    phone = await app.auth.sign_in("ada", PASSWORD)
    await app.auth.refresh(laptop.refresh_token)
    with pytest.raises(InvalidToken):
        await app.auth.refresh(laptop.refresh_token)
    assert (await app.auth.refresh(phone.refresh_token)).refresh_token


async def test_an_expired_refresh_token_is_refused(app: App) -> None:
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    app.clock.advance(timedelta(days=14))
    with pytest.raises(InvalidToken):
        await app.auth.refresh(pair.refresh_token)


async def test_an_unknown_refresh_token_is_refused(app: App) -> None:
    with pytest.raises(InvalidToken):
        await app.auth.refresh("made-up")


async def test_signing_out_revokes_the_refresh_token_and_is_idempotent(app: App) -> None:
    await app.sign_up("ada")
    pair = await app.auth.sign_in("ada", PASSWORD)
    await app.auth.sign_out(pair.refresh_token)
    await app.auth.sign_out(pair.refresh_token)
    await app.auth.sign_out("never-issued")
    with pytest.raises(InvalidToken):
        await app.auth.refresh(pair.refresh_token)


async def test_tampered_access_tokens_are_refused(app: App) -> None:
    await app.sign_up("ada")
    token = (await app.auth.sign_in("ada", PASSWORD)).access_token
    for bad in ("", "garbage", token[:-2] + ("AA" if not token.endswith("AA") else "BB")):
        with pytest.raises(InvalidToken):
            await app.auth.authenticate(bad)
