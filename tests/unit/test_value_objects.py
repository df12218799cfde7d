from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.values import Email, ImageUrl, Username, bounded_text

USERNAME_ALPHABET = string.ascii_letters + string.digits + "_"
usernames = st.text(USERNAME_ALPHABET, min_size=3, max_size=32)
labels = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
emails = st.builds(
    lambda local, host, tld: f"{local}@{host}.{tld}",
    st.text(string.ascii_letters + string.digits + ".+_-", min_size=1, max_size=20),
    labels,
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
)


@given(usernames)
def test_every_username_of_allowed_characters_and_length_is_accepted(raw: str) -> None:
    assert Username(raw).value == raw


@given(usernames)
def test_a_username_is_canonicalised_to_lower_case(raw: str) -> None:
    assert Username(raw).canonical == raw.lower() == Username(raw.upper()).canonical


@given(
    st.text(max_size=40).filter(
        lambda s: not (3 <= len(s) <= 32) or not set(s) <= set(USERNAME_ALPHABET)
    )
)
def test_usernames_outside_the_rules_are_rejected(raw: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Username(raw)
    assert error.value.field == "username"


@given(emails)
def test_emails_are_stored_trimmed_and_lower_cased(raw: str) -> None:
    email = Email(f"  {raw.upper()} ")
    assert email.value == raw.lower()
    assert Email(raw) == email


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "plain",
        "a@b",
        "@example.com",
        "a@@example.com",
        "a b@example.com",
        "a@-x.com",
        "a@exa\nmple.com",
        "x" * 250 + "@example.com",
    ],
)
def test_malformed_emails_are_rejected(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        Email(raw)


@given(st.text(max_size=30).filter(lambda s: not s.startswith(("http://", "https://"))))
def test_image_urls_must_be_absolute_http(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        ImageUrl(raw)


def test_an_https_image_url_is_kept_as_given() -> None:
    assert str(ImageUrl("https://cdn.example.com/a.png")) == "https://cdn.example.com/a.png"


@given(
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(" \t\n\r"), max_size=50
    )
)
def test_bounded_text_turns_blank_into_none_and_keeps_the_rest(raw: str) -> None:
    assert bounded_text("bio", raw, max_length=50) == (raw if raw.strip() else None)


@given(st.text(min_size=51, max_size=80))
def test_bounded_text_rejects_overlong_values(raw: str) -> None:
    with pytest.raises(ValidationFailed):
        bounded_text("bio", raw, max_length=50)
