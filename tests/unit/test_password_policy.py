from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.passwords import PasswordPolicy, identity_parts
from domain.values import Email, Username

NIST = PasswordPolicy()
STRICT = PasswordPolicy(strict=True)
# Any character the text rule admits (no controls, no lone surrogates).
CLEAN_CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs"))


@given(st.text(CLEAN_CHARACTERS, min_size=8, max_size=128))
def test_the_default_policy_accepts_any_8_to_128_characters_of_text(password: str) -> None:
    NIST.check(password)


@given(st.text(max_size=7) | st.text(min_size=129, max_size=200))
def test_the_default_policy_rejects_shorter_or_longer_passwords(password: str) -> None:
    with pytest.raises(ValidationFailed):
        NIST.check(password)


@pytest.mark.parametrize("password", ["alllowercase1", "ALLUPPERCASE", "NoDigitsHere"])
def test_the_strict_policy_needs_an_upper_case_letter_and_a_digit(password: str) -> None:
    NIST.check(password)
    with pytest.raises(ValidationFailed):
        STRICT.check(password)


def test_the_strict_policy_accepts_a_password_with_both() -> None:
    STRICT.check("Sunny-Day-42")


def test_the_failing_field_is_named() -> None:
    with pytest.raises(ValidationFailed) as error:
        NIST.check("short", field="new_password")
    assert error.value.field == "new_password"


COMMON = frozenset({"password", "12345678", "qwertyuiop"})
LISTED = PasswordPolicy(common=COMMON)
ADA = Username("Ada_L")
ADA_MAIL = Email("Lovelace@Example.com")


@pytest.mark.parametrize(
    "password", ["password", "12345678", "qwertyuiop", "PassWord", "QWERTYUIOP"]
)
def test_a_listed_common_password_is_refused_in_any_letter_case(password: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        LISTED.check(password)
    assert "commonly used" in error.value.message


@given(
    st.text(CLEAN_CHARACTERS, min_size=8, max_size=128).filter(lambda p: p.lower() not in COMMON)
)
def test_a_password_not_on_the_list_and_not_built_on_the_account_is_accepted(
    password: str,
) -> None:
    LISTED.check(password)


@pytest.mark.parametrize(
    "password",
    [
        "ada_l_ada_l",  # the username, twice
        "ADA_L-rules-1",  # containing the username, other case
        "lovelace@example.com",  # the address
        "my lovelace secret",  # the address's local part
        "x-Lovelace@Example.COM-x",
    ],
)
def test_a_password_built_on_the_username_or_email_is_refused(password: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        LISTED.check(password, field="new_password", username=ADA, email=ADA_MAIL)
    assert error.value.field == "new_password"
    assert "username or e-mail" in error.value.message


@given(st.text(min_size=8, max_size=40), st.sampled_from(["ada_l", "lovelace"]))
def test_any_password_that_contains_a_part_of_the_identity_is_refused(
    around: str, part: str
) -> None:
    password = around[:4] + part.upper() + around[4:]
    with pytest.raises(ValidationFailed):
        LISTED.check(password, username=ADA, email=ADA_MAIL)


def test_a_local_part_too_short_to_mean_anything_is_only_refused_as_the_whole_password() -> None:
    short = Email("al@example.com")
    LISTED.check("totally unrelated", email=short)
    LISTED.check("always fine", email=short)
    with pytest.raises(ValidationFailed):
        LISTED.check("al@example.com", email=short)


def test_the_identity_parts_are_the_username_the_address_and_its_local_part() -> None:
    assert identity_parts(ADA, ADA_MAIL) == ("ada_l", "lovelace@example.com", "lovelace")
    assert identity_parts(None, None) == ()
