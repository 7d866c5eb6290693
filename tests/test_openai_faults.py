"""Hostile or broken servers: what OpenAIBackend raises is always a classified SeedsumError
that says what happened, and never carries the API key."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend
from seedsum.backends.retry_after import retry_after_seconds

from .openai_client import EMPTY, KEY, backend
from .openai_server import FakeOpenAIServer, raw, reply, status

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


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX only")
@pytest.mark.parametrize("date", ["Wed, 21 Oct 2015 07:28:30 -0000", "Wed, 21 Oct 2015 07:28:30"])
def test_an_http_date_without_a_zone_is_utc_whatever_the_local_zone(
    date: str, monkeypatch: pytest.MonkeyPatch
):
    # Naive dates used to be read as local time: 5 hours off at UTC-5.
    monkeypatch.setenv("TZ", "EST5")  # POSIX form: needs no tz database
    time.tzset()
    try:
        now = 1445412480.0  # Wed, 21 Oct 2015 07:28:00 GMT
        assert retry_after_seconds({"retry-after": date}, now=now) == 30.0
    finally:
        monkeypatch.undo()
        time.tzset()


# -- replies that are not a usable chat completion --------------------------------------------


def completion(**fields: Any) -> str:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4.1-mini",
        "choices": [],
    }
    body.update(fields)
    return json.dumps(body)


@pytest.mark.parametrize(
    "body",
    [
        completion(choices="not a list"),
        completion(choices={"0": {"message": {"content": EMPTY}}}),
        completion(choices=[None]),
        completion(choices=["text"]),
        completion(choices=[{"message": "text", "finish_reason": "stop"}]),
        completion(choices=[{"message": {"content": 42}, "finish_reason": "stop"}]),
        json.dumps(["a", "list"]),
        json.dumps("a string"),
    ],
    ids=[
        "choices-str",
        "choices-dict",
        "choice-null",
        "choice-str",
        "message-str",
        "content-int",
        "list",
        "string",
    ],
)
def test_a_reply_whose_choices_is_not_a_list_of_choices_is_malformed(
    server: FakeOpenAIServer, body: str
):
    server.enqueue(*[raw(body, content_type="application/json")] * 3)
    with pytest.raises(seedsum.MalformedReplyError, match="OpenAI-compatible") as caught:
        seedsum.summarize("Text.", backend=backend(server))
    assert caught.value.attempts == 3


def test_usage_of_the_wrong_type_is_not_trusted(server: FakeOpenAIServer):
    message = {"role": "assistant", "content": EMPTY}
    choice = {"index": 0, "message": message, "finish_reason": "stop"}
    usage = {"prompt_tokens": "many", "completion_tokens": None, "total_tokens": -1}
    server.enqueue(raw(completion(choices=[choice], usage=usage), content_type="application/json"))
    result = seedsum.summarize("Text.", backend=backend(server))
    assert result.summary == "Nothing."
    assert (result.meta.input_tokens, result.meta.output_tokens) == (0, 0)


def test_a_body_nested_100000_levels_deep_is_a_malformed_reply(server: FakeOpenAIServer):
    deep = "[" * 100_000 + "]" * 100_000
    server.enqueue(*[raw(deep, content_type="application/json")] * 3)
    with pytest.raises(seedsum.MalformedReplyError, match="nested too deeply") as caught:
        seedsum.summarize("Text.", backend=backend(server))
    assert caught.value.attempts == 3


def test_gzip_garbage_is_a_corrupt_reply_not_an_unreachable_server(server: FakeOpenAIServer):
    garbage = raw(
        b"\x1f\x8b\x08\x00 this is not gzip at all",
        content_type="application/json",
        headers={"Content-Encoding": "gzip"},
    )
    server.enqueue(garbage, garbage, garbage)
    with pytest.raises(seedsum.MalformedReplyError) as caught:
        seedsum.summarize("Text.", backend=backend(server))
    message = str(caught.value)
    assert "could not be decoded" in message and "gzip" in message
    assert "could not reach" not in message
    assert caught.value.attempts == 3


def test_gzip_garbage_once_is_retried(server: FakeOpenAIServer):
    garbage = raw(b"garbage", content_type="application/json", headers={"Content-Encoding": "gzip"})
    server.enqueue(garbage, reply(EMPTY))
    assert seedsum.summarize("Text.", backend=backend(server)).summary == "Nothing."
    assert len(server.requests) == 2


async def test_async_classifies_broken_bodies_the_same_way(server: FakeOpenAIServer):
    deep = raw("[" * 100_000 + "]" * 100_000, content_type="application/json")
    garbage = raw(b"garbage", content_type="application/json", headers={"Content-Encoding": "gzip"})
    server.enqueue(deep, garbage, raw(completion(choices="x"), content_type="application/json"))
    with pytest.raises(seedsum.MalformedReplyError) as caught:
        await seedsum.asummarize("Text.", backend=backend(server))
    assert caught.value.attempts == 3


# -- secrets -----------------------------------------------------------------------------------


def _everything_about(error: BaseException) -> str:
    """The message, repr, every attribute, and what is chained or kept as context."""
    import traceback

    parts = [str(error), repr(error), *map(repr, vars(error).values())]
    parts.append("".join(traceback.format_exception(error)))
    context = error.__context__ or error.__cause__
    while context is not None:
        parts += [str(context), repr(context), *map(repr, vars(context).values())]
        context = context.__context__ or context.__cause__
    return "\n".join(parts)


@pytest.mark.parametrize("code", [401, 400, 429, 500])
def test_a_key_the_server_echoes_back_is_redacted_from_the_error(
    server: FakeOpenAIServer, code: int
):
    echo = f"Incorrect API key provided: {KEY}. You can find your API key at ..."
    server.enqueue(*[status(code, echo)] * 3)
    with pytest.raises(seedsum.BackendError) as caught:
        seedsum.summarize("Text.", backend=backend(server))
    everything = _everything_about(caught.value)
    assert KEY not in everything
    assert "Incorrect API key provided: sk-***" in str(caught.value)


def test_a_key_shaped_like_an_openai_key_is_redacted_even_if_it_is_not_ours(
    server: FakeOpenAIServer,
):
    other = "sk-proj-AbCdEf0123456789AbCdEf0123456789"
    server.enqueue(status(401, f"Incorrect API key provided: {other}"))
    with pytest.raises(seedsum.RequestRejectedError) as caught:
        seedsum.summarize("Text.", backend=backend(server))
    assert other not in _everything_about(caught.value)


def test_a_key_in_the_base_url_userinfo_is_redacted_everywhere(server: FakeOpenAIServer):
    secret = "sk-userinfo-S3cr3t-value"
    url = server.base_url.replace("http://", f"http://user:{secret}@")
    b = OpenAIBackend("gpt-4.1-mini", api_key="none", base_url=url, max_retries=0, timeout=5)
    assert secret not in repr(b) and secret not in json.dumps(b.identity())
    server.enqueue(status(404, "no such model"))
    with pytest.raises(seedsum.RequestRejectedError) as caught:
        seedsum.summarize("Text.", backend=b)
    assert secret not in _everything_about(caught.value)
    assert "user:***@127.0.0.1" in str(caught.value)
    server.enqueue(raw("<html>proxy</html>"))
    with pytest.raises(seedsum.MalformedReplyError) as malformed:
        seedsum.summarize("Other.", backend=b)
    assert secret not in _everything_about(malformed.value)


def test_a_key_in_the_base_url_is_redacted_when_the_server_is_unreachable():
    secret = "sk-userinfo-unreachable"
    b = OpenAIBackend(
        "gpt-4.1-mini",
        api_key="none",
        base_url=f"http://user:{secret}@127.0.0.1:9/v1",
        max_retries=0,
        timeout=2,
    )
    started = time.monotonic()
    with pytest.raises(seedsum.RetriesExhaustedError, match="could not reach") as caught:
        seedsum.summarize("Text.", backend=b)
    assert time.monotonic() - started < 10
    assert secret not in _everything_about(caught.value)


def test_an_unexpected_failure_inside_the_sdk_is_still_a_backend_error(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    from openai.resources.chat.completions import Completions

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"internal failure while sending with key {KEY}")

    monkeypatch.setattr(Completions, "create", broken)
    with pytest.raises(seedsum.BackendError, match="RuntimeError: internal failure") as caught:
        seedsum.summarize("Text.", backend=backend(server))
    assert KEY not in _everything_about(caught.value)
    assert caught.value.attempts == 1  # not a transient failure: not retried
