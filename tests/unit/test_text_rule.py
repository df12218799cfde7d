"""The one text rule, and the value objects that apply it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.comments import comment_body
from domain.errors import ValidationFailed
from domain.passwords import PasswordPolicy
from domain.posts import Post
from domain.tags import Tag
from domain.text import clean_text, is_clean_text
from domain.values import Email, ImageUrl, bounded_text

FORBIDDEN = [chr(c) for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]
FORBIDDEN += [chr(c) for c in range(0x7F, 0xA0)]
FORBIDDEN += ["\ud800", "\udbff", "\udc00", "\udfff"]
NOW = datetime(2026, 1, 1, tzinfo=UTC)

forbidden = st.sampled_from(FORBIDDEN) | st.integers(0xD800, 0xDFFF).map(chr)
# Every character outside the controls (Cc) and surrogates (Cs), plus tab, LF and CR.
allowed_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\t\n\r"), max_size=50
)


@given(allowed_text)
def test_text_without_controls_or_lone_surrogates_is_kept_unchanged(value: str) -> None:
    assert is_clean_text(value)
    assert clean_text("title", value) == value


@given(allowed_text, forbidden, allowed_text)
def test_one_control_character_or_lone_surrogate_anywhere_refuses_the_text(
    before: str, bad: str, after: str
) -> None:
    value = before + bad + after
    assert not is_clean_text(value)
    with pytest.raises(ValidationFailed) as refused:
        clean_text("title", value)
    assert refused.value.field == "title"
    assert "control characters" in refused.value.message


def test_a_surrogate_pair_written_as_one_character_is_ordinary_text() -> None:
    assert is_clean_text("emoji \U0001f600 and \u00e9\u2028")


def _draft(**fields: str) -> Post:
    values = {"title": "T", "description": "", "body": "B", **fields}
    return Post.draft(author_id=uuid.uuid4(), tags=(), now=NOW, **values)


def _password(value: str) -> None:
    PasswordPolicy().check(value)


REFUSERS: dict[str, Callable[[str], object]] = {
    "title": lambda v: _draft(title=v),
    "description": lambda v: _draft(description=v),
    "body": lambda v: _draft(body=v),
    "comment": comment_body,
    "tag": Tag,
    "email": lambda v: Email(v.replace("X", "") + "ada@example.com"),
    "bio": lambda v: bounded_text("bio", v, max_length=2000),
    "image": lambda v: ImageUrl("https://example.com/" + v),
    "password": _password,
}


@pytest.mark.parametrize("kind", sorted(REFUSERS))
@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\x85", "\ud800"])
def test_every_free_text_value_object_refuses_controls_and_lone_surrogates(
    kind: str, bad: str
) -> None:
    with pytest.raises(ValidationFailed):
        REFUSERS[kind](f"long enough {bad} text")
