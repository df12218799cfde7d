"""``UNSET`` marks a partial-update argument the caller did not send (unlike ``None``)."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Unset(Enum):
    UNSET = "unset"


UNSET = Unset.UNSET


def or_current(value: T | Unset, current: T) -> T:
    return current if value is UNSET else value
