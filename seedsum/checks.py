"""Checks of option values, shared by every public constructor: a wrong type is an
`InvalidInputTypeError`, a wrong value an `InvalidInputError`, each naming the option and what
it takes, before any work starts."""

from __future__ import annotations

import math

from .errors import InvalidInputError, InvalidInputTypeError


def check_bool(name: str, value: object) -> bool:
    """`value` if it is True or False (not merely truthy: "no" is a str, and truthy)."""
    if not isinstance(value, bool):
        raise InvalidInputTypeError(
            f"{name} must be a bool (True or False), got {type(value).__name__} {value!r}"
        )
    return value


def check_number(name: str, value: object, *, positive: bool = True) -> float:
    """`value` as a float if it is a finite int or float (positive, unless told otherwise)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInputTypeError(
            f"{name} must be a number (an int or a float), got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if not math.isfinite(number):
        raise InvalidInputError(f"{name} must be a finite number, got {value!r}")
    if positive and number <= 0:
        raise InvalidInputError(f"{name} must be positive, got {value!r}")
    if number < 0:
        raise InvalidInputError(f"{name} must be at least 0, got {value!r}")
    return number


def check_int(name: str, value: object, *, minimum: int) -> int:
    """`value` if it is an int (not a bool) of at least `minimum`."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputTypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise InvalidInputError(f"{name} must be at least {minimum}, got {value}")
    return value
