"""One error tree for bad options: a wrong type is an InvalidInputTypeError (also TypeError), a
wrong value an InvalidInputError (also ValueError), each naming the option and what it takes."""

from __future__ import annotations

import math
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend

NAN, INF = math.nan, math.inf


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"requests_per_minute": 0}, "requests_per_minute"),
        ({"requests_per_minute": -5}, "requests_per_minute"),
        ({"requests_per_minute": NAN}, "requests_per_minute"),
        ({"requests_per_minute": INF}, "requests_per_minute"),
        ({"tokens_per_minute": 0}, "tokens_per_minute"),
        ({"tokens_per_minute": NAN}, "tokens_per_minute"),
        ({"tokens_per_minute": -INF}, "tokens_per_minute"),
        ({"requests_per_minute": 10, "period": 0}, "period"),
        ({"requests_per_minute": 10, "period": -1.0}, "period"),
        ({"requests_per_minute": 10, "period": NAN}, "period"),
        ({"requests_per_minute": 10, "period": INF}, "period"),
        ({"requests_per_minute": 10, "burst": 0}, "burst"),
    ],
)
def test_rate_limit_rejects_zero_negative_nan_and_infinite_values(
    options: dict[str, Any], name: str
):
    with pytest.raises(seedsum.InvalidInputError) as caught:
        seedsum.RateLimit(**options)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).startswith(f"{name} must be")


def test_rate_limit_zero_positional_is_a_seedsum_error():
    with pytest.raises(seedsum.InvalidInputError, match="requests_per_minute must be positive"):
        seedsum.RateLimit(0)


@pytest.mark.parametrize(
    "options",
    [{"requests_per_minute": "fast"}, {"period": "1m"}, {"burst": 2.5}, {"burst": True}],
)
def test_rate_limit_rejects_wrong_types_as_type_errors(options: dict[str, Any]):
    with pytest.raises(seedsum.InvalidInputTypeError) as caught:
        seedsum.RateLimit(**options)
    assert isinstance(caught.value, TypeError)
    assert next(iter(options)) in str(caught.value)


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("max_cost_usd", "1", "a number"),
        ("max_cost_usd", True, "a number"),
        ("rate_limit", "fast", "seedsum.RateLimit"),
        ("rate_limit", 500, "seedsum.RateLimit"),
        ("drop_ungrounded", "no", "a bool"),
        ("drop_ungrounded", 0, "a bool"),
        ("prices", {"gpt-4.1-mini": (0.4, 0.1, 1.6)}, "seedsum.Price"),
        ("prices", ["gpt-4.1-mini"], "seedsum.Price"),
    ],
)
def test_summarizer_options_of_the_wrong_type_name_the_option_and_type(
    option: str, value: object, expected: str
):
    with pytest.raises(seedsum.InvalidInputTypeError) as caught:
        seedsum.Summarizer(seedsum.MockBackend(), **{option: value})
    assert isinstance(caught.value, TypeError)
    message = str(caught.value)
    assert message.startswith(f"{option} must be") and expected in message


@pytest.mark.parametrize("value", [0, -1.0, NAN, INF])
def test_max_cost_usd_must_be_a_positive_finite_number(value: float):
    with pytest.raises(seedsum.InvalidInputError, match="max_cost_usd must be"):
        seedsum.Summarizer(seedsum.MockBackend(), max_cost_usd=value)


def test_summarize_checks_options_before_any_call():
    backend = seedsum.MockBackend()
    with pytest.raises(seedsum.InvalidInputTypeError, match="drop_ungrounded"):
        seedsum.summarize("Text.", backend=backend, drop_ungrounded="no")
    assert backend.calls == 0


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"max_retries": -1}, seedsum.InvalidInputError),
        ({"max_retries": "3"}, seedsum.InvalidInputTypeError),
        ({"timeout": 0}, seedsum.InvalidInputError),
        ({"timeout": NAN}, seedsum.InvalidInputError),
        ({"timeout": "60"}, seedsum.InvalidInputTypeError),
        ({"backoff": -1}, seedsum.InvalidInputError),
        ({"max_retry_wait": NAN}, seedsum.InvalidInputError),
        ({"max_retry_after": -1}, seedsum.InvalidInputError),
        ({"structured_output": "xml"}, seedsum.InvalidInputError),
    ],
)
def test_openai_backend_options_raise_seedsum_errors(
    options: dict[str, Any], error: type[seedsum.SeedsumError]
):
    with pytest.raises(error) as caught:
        OpenAIBackend(api_key="none", **options)
    assert next(iter(options)) in str(caught.value)


def test_mock_latency_is_a_seedsum_error():
    with pytest.raises(seedsum.InvalidInputError, match="latency"):
        seedsum.MockBackend(latency=-1)
