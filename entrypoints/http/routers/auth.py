from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from entrypoints.http.dependencies import Auth, Now
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.auth import RefreshRequest, SignInForm, TokenResponse
from entrypoints.http.schemas.base import problem_responses

router = APIRouter(prefix=f"{API_PREFIX}/auth", tags=["auth"])

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=problem_responses(401, 422),
    summary="Sign in (OAuth2 password flow)",
)
async def sign_in(
    form: Annotated[SignInForm, Depends()], auth: Auth, now: Now, response: Response
) -> TokenResponse:
    """`username` may be the username or the email address. An unknown account and a wrong
    password get the same 401, after the same amount of work."""
    pair = await auth.sign_in(form.username, form.password)
    response.headers.update(_NO_STORE)
    return TokenResponse.of(pair, now)


@router.post(
    "/refresh",
    response_model=TokenResponse,
    responses=problem_responses(401, 422),
    summary="Exchange a refresh token for a new pair",
)
async def refresh(body: RefreshRequest, auth: Auth, now: Now, response: Response) -> TokenResponse:
    """The refresh token is single use. Presenting one that was already exchanged revokes
    every token descended from the same sign-in."""
    pair = await auth.refresh(body.refresh_token)
    response.headers.update(_NO_STORE)
    return TokenResponse.of(pair, now)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(422),
    summary="Sign out: revoke a refresh token and its family",
)
async def logout(body: RefreshRequest, auth: Auth) -> None:
    """Always 204, whether or not the token was known."""
    await auth.sign_out(body.refresh_token)
