"""ETag / If-Match for optimistic concurrency. The ETag of a post is its version: it
changes with every edit (not with favourites or comments, which are not edits)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Response

ENTITY_TAG_PATTERN = r'^(\*|(W/)?"\d{1,9}")$'


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


async def _expected_version(
    # Typed `str` (not `str | None`) so the schema does not call an absent header "null".
    if_match: Annotated[
        str,  # noqa: RUF013
        Header(
            pattern=ENTITY_TAG_PATTERN,
            description='The post\'s ETag (e.g. `"3"`); 412 when the post changed since.',
        ),
    ] = None,  # type: ignore[assignment]
) -> int | None:
    if if_match is None or if_match == "*":
        return None
    return int(if_match.removeprefix("W/").strip('"'))


ExpectedVersion = Annotated[int | None, Depends(_expected_version)]
