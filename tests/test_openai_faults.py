"""Hostile or broken servers: what OpenAIBackend raises is always a classified SeedsumError
that says what happened, and never carries the API key."""

from __future__ import annotations

import json
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend, retry_after_seconds

from .openai_server import FakeOpenAIServer, reply, status

KEY = "sk-test-5eCr3t-never-printed"
EMPTY = json.dumps({"summary": "Nothing.", "actors": [], "positions": [], "predictions": []})


def backend(server: FakeOpenAIServer, **options: Any) -> OpenAIBackend:
    options = {"max_retries": 2, "backoff": 0.01, "timeout": 5.0, **options}
    return OpenAIBackend("gpt-4.1-mini", api_key=KEY, base_url=server.base_url, **options)


@pytest.fixture
def server(openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    openai_server.responder = lambda body: EMPTY
    return openai_server


# -- Retry-After ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"retry-after": "-5"},
        {"retry-after-ms": "-100"},
        {"retry-after": "-inf"},
        {"retry-after": "nan"},
        {"retry-after-ms": "nan"},
        {"retry-after": "soon"},
        {"retry-after-ms": "abc"},
        {"retry-after": ""},
    ],
    ids=["negative", "negative-ms", "minus-inf", "nan", "nan-ms", "word", "word-ms", "empty"],
)
def test_a_negative_or_malformed_retry_after_is_treated_as_zero(
    server: FakeOpenAIServer, headers: dict[str, str]
):
    server.enqueue(status(429, headers=headers), reply(EMPTY))
    result = seedsum.summarize("Text.", backend=backend(server))
    assert result.summary == "Nothing."
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "-5"}, 0.0),
        ({"retry-after-ms": "-100"}, 0.0),
        ({"retry-after": "-inf"}, 0.0),
        ({"retry-after": "nan"}, 0.0),
        ({"retry-after-ms": "NaN"}, 0.0),
        ({"retry-after": "soon"}, 0.0),
        ({"retry-after": "Wed, 99 Foo 2015 07:28:00 GMT"}, 0.0),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # in the past
        ({"retry-after": "Wed, 21 Oct 2015 07:28:30 GMT"}, 30.0),
        ({"retry-after": " 2.5 "}, 2.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "inf"}, float("inf")),  # too long: fails at once, as a long wait does
        ({}, None),
    ],
)
def test_retry_after_seconds_parses_every_form(headers: dict[str, str], seconds: float | None):
    now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
    assert retry_after_seconds(headers, now=now) == seconds
