"""ETag / If-Match for optimistic concurrency. The ETag of a post is its version: it
changes with every edit (not with favourites or comments, which are not edits)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header, Response

# RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E /
# obs-text. A list (#entity-tag) may hold empty elements; a tag may hold commas.
_TAG = r'(W/)?"([!#-~\x80-\xff]*)"'
_TAG_LIST = re.compile(rf"[ \t,]*{_TAG}(?:[ \t]*,[ \t,]*{_TAG})*[ \t,]*")
_ONE_TAG = re.compile(_TAG)
_VERSION = re.compile(r"[1-9][0-9]{0,18}")  # up to the 64-bit versions storage holds


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def versions_if_match(if_match: str | None) -> frozenset[int] | None:
    """The post versions on which a write guarded by this ``If-Match`` may go ahead;
    ``None`` when any may (no header, or ``*``: a missing post is a 404 either way, since
    preconditions yield to the response the request would get without them, §13.2.1).

    If-Match compares strongly (RFC 9110 §13.1.1, §8.8.3.2): a weak tag matches nothing,
    nor does a tag that is not one of our ETags (``"stale"``, ``"01"``). A value that is
    neither ``*`` nor a list of entity tags gives the empty set, a 412: §13.1.1 step 3
    makes such a condition false ("Otherwise, the condition is false"), and its "MUST NOT
    perform the requested method" rules out ignoring it. (The "MUST ignore" of an invalid
    value belongs to If-Modified-Since and If-Unmodified-Since, whose dates have no
    unsafe reading.)"""
    if if_match is None:
        return None
    value = if_match.strip(" \t")
    if value == "*":
        return None
    if not _TAG_LIST.fullmatch(value):
        return frozenset()
    return frozenset(
        int(opaque)
        for weak, opaque in _ONE_TAG.findall(value)
        if not weak and _VERSION.fullmatch(opaque)
    )


async def _expected_versions(
    # Typed `str` (not `str | None`) so the schema does not call an absent header "null".
    if_match: Annotated[
        str,  # noqa: RUF013
        Header(
            description='The post\'s ETag (e.g. `"3"`), a list of ETags, or `*`; 412 when '
            "the post is at none of them (a weak tag never matches).",
        ),
    ] = None,  # type: ignore[assignment]
) -> frozenset[int] | None:
    return versions_if_match(if_match)


ExpectedVersions = Annotated[frozenset[int] | None, Depends(_expected_versions)]
