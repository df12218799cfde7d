"""RetryPolicy: exponential backoff from ``base_seconds``, capped at ``max_seconds``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.services.dispatcher import RetryPolicy

policies = st.builds(
    lambda base, factor, attempts: RetryPolicy(attempts, base, base * factor),
    base=st.floats(min_value=0.001, max_value=3600),
    factor=st.floats(min_value=1, max_value=10_000),
    attempts=st.integers(min_value=1, max_value=50),
)
attempts = st.integers(min_value=1, max_value=10_000)


@given(policies)
def test_the_first_retry_waits_the_base_delay(policy: RetryPolicy) -> None:
    assert policy.delay(1) == timedelta(seconds=policy.base_seconds)


@given(policies, attempts, attempts)
def test_a_later_attempt_never_waits_less(policy: RetryPolicy, first: int, second: int) -> None:
    earlier, later = sorted((first, second))
    assert policy.delay(earlier) <= policy.delay(later)


@given(policies, attempts)
def test_no_delay_exceeds_the_cap(policy: RetryPolicy, attempt: int) -> None:
    assert policy.delay(attempt) <= timedelta(seconds=policy.max_seconds)
    assert policy.delay(attempt) == policy.delay(attempt)


def test_delays_double_until_the_cap() -> None:
    policy = RetryPolicy(max_attempts=10, base_seconds=2, max_seconds=20)
    assert [policy.delay(n).total_seconds() for n in range(1, 6)] == [2, 4, 8, 16, 20]


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [((0, 1.0, 2.0), "max_attempts"), ((3, 0.0, 2.0), "base_seconds"), ((3, 5.0, 2.0), "max_")],
    ids=["attempts", "base", "cap"],
)
def test_a_policy_that_makes_no_sense_is_refused(
    arguments: tuple[int, float, float], complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        RetryPolicy(*arguments)
