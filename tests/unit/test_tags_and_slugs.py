from __future__ import annotations

import re
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.slugs import (
    SLUG_MAX_LENGTH,
    STORED_SLUG_MAX_LENGTH,
    disambiguated,
    draft_slug,
    public_slugs,
    slugify,
)
from domain.tags import Tag, tag_set

tag_text = st.text(
    st.characters(blacklist_characters=",", blacklist_categories=("Cc", "Cs")),
    min_size=1,
    max_size=32,
).filter(lambda s: s.strip() and len(" ".join(s.split()).lower()) <= 32)


@given(st.lists(tag_text, max_size=10))
def test_a_tag_set_is_lower_case_unique_and_sorted(raw: list[str]) -> None:
    tags = tag_set(raw)
    values = [t.value for t in tags]
    assert values == sorted(set(values))
    assert all(v == v.lower() and v == " ".join(v.split()) for v in values)


@given(st.lists(tag_text, max_size=10))
def test_normalising_a_tag_set_twice_changes_nothing(raw: list[str]) -> None:
    once = tag_set(raw)
    assert tag_set([t.value for t in once]) == once


def test_duplicates_in_any_case_count_once() -> None:
    assert [t.value for t in tag_set(["Python", "python ", "PYTHON", "web"])] == ["python", "web"]


@pytest.mark.parametrize("raw", ["", "   ", "a,b", "x" * 33, "tab\x00"])
def test_invalid_tags_are_refused(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        Tag(raw)


def test_more_than_ten_distinct_tags_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        tag_set([f"t{i}" for i in range(11)])
    assert len(tag_set([f"t{i % 10}" for i in range(30)])) == 10


@given(st.text(max_size=300))
def test_a_slug_is_always_url_safe_and_bounded(title: str) -> None:
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= SLUG_MAX_LENGTH


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("How to Train Your Dragon", "how-to-train-your-dragon"),
        ("Ça va? Très bien!", "ca-va-tres-bien"),
        ("!!!", "post"),
    ],
)
def test_slugs_read_like_their_titles(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_two_posts_with_one_title_get_distinct_slugs() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    assert disambiguated("same", first) != disambiguated("same", second)


titles = st.text(min_size=1, max_size=200)
ids = st.uuids(version=4)


@given(titles, ids, titles, ids)
def test_no_draft_slug_is_ever_a_public_slug_so_neither_depends_on_the_other(
    draft_title: str, draft_id: uuid.UUID, public_title: str, public_id: uuid.UUID
) -> None:
    assert draft_slug(draft_title, draft_id) not in public_slugs(public_title, public_id)
    assert draft_slug(draft_title, draft_id) != slugify(public_title)


@given(titles, ids, ids)
def test_drafts_with_one_title_never_share_a_slug(
    title: str, one: uuid.UUID, other: uuid.UUID
) -> None:
    assert (draft_slug(title, one) == draft_slug(title, other)) == (one == other)


@given(titles, ids)
def test_every_slug_a_post_may_take_is_url_safe_and_fits_the_column(
    title: str, post_id: uuid.UUID
) -> None:
    for slug in (draft_slug(title, post_id), *public_slugs(title, post_id)):
        assert re.fullmatch(r"[a-z0-9]+(--?[a-z0-9]+)*", slug)
        assert len(slug) <= STORED_SLUG_MAX_LENGTH


@given(titles, ids)
def test_a_first_publication_prefers_the_titles_own_slug_then_longer_suffixes(
    title: str, post_id: uuid.UUID
) -> None:
    choices = public_slugs(title, post_id)
    assert choices[0] == slugify(title)
    assert len(set(choices)) == len(choices)
    assert all(later.startswith(f"{choices[0]}-") for later in choices[1:])
