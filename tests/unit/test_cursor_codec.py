from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.pagination import CursorCodec, checked_limit
from domain.errors import InvalidCursor, ValidationFailed

codec = CursorCodec(b"secret")
positions = st.dictionaries(
    st.text(min_size=1, max_size=8), st.one_of(st.integers(), st.text(max_size=20)), max_size=3
)


@given(positions)
def test_a_cursor_decodes_to_the_position_it_encodes(position: dict[str, object]) -> None:
    assert codec.decode("posts", codec.encode("posts", position)) == position


@given(positions, st.integers(min_value=0), st.characters())
def test_any_altered_cursor_is_rejected(position: dict[str, object], index: int, char: str) -> None:
    cursor = codec.encode("posts", position)
    i = index % len(cursor)
    tampered = cursor[:i] + char + cursor[i + 1 :]
    if tampered != cursor:
        with pytest.raises(InvalidCursor):
            codec.decode("posts", tampered)


def test_a_cursor_of_another_list_is_rejected() -> None:
    with pytest.raises(InvalidCursor):
        codec.decode("users", codec.encode("posts", {"after": "x"}))


def test_a_cursor_signed_with_another_key_is_rejected() -> None:
    with pytest.raises(InvalidCursor):
        codec.decode("posts", CursorCodec(b"other").encode("posts", {"after": "x"}))


@pytest.mark.parametrize("garbage", ["", ".", "abc", "abc.def", "!!!.???"])
def test_garbage_is_rejected(garbage: str) -> None:
    with pytest.raises(InvalidCursor):
        codec.decode("posts", garbage)


@given(st.integers())
def test_page_sizes_are_limited_to_1_to_100(limit: int) -> None:
    if 1 <= limit <= 100:
        assert checked_limit(limit) == limit
    else:
        with pytest.raises(ValidationFailed):
            checked_limit(limit)
