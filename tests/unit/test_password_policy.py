from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationFailed
from domain.passwords import PasswordPolicy

NIST = PasswordPolicy()
STRICT = PasswordPolicy(strict=True)


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=8, max_size=128))
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
