"""If-Match (RFC 9110 §13.1.1): the versions a guarded write may go ahead on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entrypoints.http.preconditions import etag_for, versions_if_match

versions = st.integers(min_value=1, max_value=2**63 - 1)


@pytest.mark.parametrize("value", [None, "*", " * "])
def test_no_header_or_a_star_lets_any_version_through(value: str | None) -> None:
    assert versions_if_match(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"1"', {1}),
        ('"1", "2"', {1, 2}),
        ('"2",W/"3" ,, "stale"', {2}),
        (' , "7" ,', {7}),
        ('"a,b", "4"', {4}),
    ],
)
def test_only_our_strong_tags_in_a_list_name_versions(value: str, expected: set[int]) -> None:
    assert versions_if_match(value) == expected


@pytest.mark.parametrize(
    "value", ['W/"1"', '"stale"', '"01"', '"0"', '"-1"', '""', f'"{"9" * 5000}"']
)
def test_weak_or_foreign_tags_match_no_version(value: str) -> None:
    assert versions_if_match(value) == frozenset()


@pytest.mark.parametrize("value", ["1", '"1', '"1""2"', '"1" "2"', '*, "1"', 'w/"1"', '"a b"', ""])
def test_a_value_that_is_not_an_entity_tag_list_matches_no_version(value: str) -> None:
    assert versions_if_match(value) == frozenset()


@given(st.lists(versions, min_size=1, max_size=5), st.lists(versions, max_size=3))
def test_a_list_of_etags_matches_exactly_their_versions_never_the_weak_ones(
    strong: list[int], weak: list[int]
) -> None:
    tags = [etag_for(v) for v in strong] + [f"W/{etag_for(v)}" for v in weak]
    assert versions_if_match(", ".join(tags)) == frozenset(strong)


@given(st.text())
def test_any_header_value_gives_an_answer_never_an_error(value: str) -> None:
    answer = versions_if_match(value)
    assert answer is None or all(v >= 1 for v in answer)
