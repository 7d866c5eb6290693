"""The fake OpenAI server, checked with the real `openai` SDK over real HTTP.

These tests also pin down how the installed SDK reacts to each fault, which is what
`OpenAIBackend` has to handle.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import openai
import pytest
from openai.types.chat import ChatCompletion

from .openai_server import (
    FakeOpenAIServer,
    drop,
    empty_choices,
    endless_chunked,
    raw,
    reply,
    respond_with,
    slow,
    stall_after_headers,
    status,
    trickle,
)

MESSAGES: list[Any] = [{"role": "user", "content": "hi"}]
FAST_RETRY = {"retry-after-ms": "1"}  # the SDK ignores a Retry-After of 0 and backs off instead


@pytest.fixture
def client(openai_server: FakeOpenAIServer) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(
        api_key="sk-test", base_url=openai_server.base_url, max_retries=0, timeout=2
    ) as c:
        yield c


def create(client: openai.OpenAI) -> ChatCompletion:
    return client.chat.completions.create(model="m", messages=MESSAGES)


# --- normal replies ------------------------------------------------------------------------


def test_default_reply(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    completion = create(client)
    assert completion.object == "chat.completion"
    assert completion.id.startswith("chatcmpl-")
    assert completion.model == "m"  # echoes the request's model
    assert len(completion.choices) == 1
    choice = completion.choices[0]
    assert choice.message.content == '{"summary": "ok"}'
    assert choice.message.refusal is None
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (100, 20)
    assert completion.usage.total_tokens == 120
    assert completion.usage.prompt_tokens_details is not None
    assert completion.usage.prompt_tokens_details.cached_tokens == 0


def test_reply_with_usage_and_model(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(
        reply(
            '{"summary": "x"}',
            prompt_tokens=1234,
            completion_tokens=56,
            cached_tokens=1024,
            model="gpt-test-2025",
        )
    )
    completion = create(client)
    assert completion.choices[0].message.content == '{"summary": "x"}'
    assert completion.model == "gpt-test-2025"
    usage = completion.usage
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (1234, 56, 1290)
    assert usage.prompt_tokens_details is not None
    assert usage.prompt_tokens_details.cached_tokens == 1024
    assert usage.completion_tokens_details is not None
    assert usage.completion_tokens_details.reasoning_tokens == 0
    # the queue is consumed: the next request gets the responder's answer again
    assert create(client).choices[0].message.content == '{"summary": "ok"}'


def test_responder_and_respond_with(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    seen: list[dict[str, Any]] = []

    def echo(body: dict[str, Any]) -> str:
        seen.append(body)
        return json.dumps({"summary": body["messages"][-1]["content"]})

    openai_server.responder = echo
    assert create(client).choices[0].message.content == '{"summary": "hi"}'
    assert seen == [{"model": "m", "messages": MESSAGES}]

    openai_server.enqueue(respond_with(lambda body: f"once:{body['model']}"))
    assert create(client).choices[0].message.content == "once:m"
    assert create(client).choices[0].message.content == '{"summary": "hi"}'


def test_refusal(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(reply("ignored", refusal="I can't help with that."))
    message = create(client).choices[0].message
    assert message.refusal == "I can't help with that."
    assert message.content is None


def test_finish_reason_length(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(reply('{"summary": "trunc', finish_reason="length"))
    choice = create(client).choices[0]
    assert choice.finish_reason == "length"
    assert choice.message.content == '{"summary": "trunc'


def test_empty_choices(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(empty_choices())
    completion = create(client)
    assert completion.choices == []
    assert completion.usage is not None


# --- what the server records -----------------------------------------------------------------


def test_request_is_recorded(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    create(client)
    [request] = openai_server.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-stainless-retry-count"] == "0"
    assert all(name == name.lower() for name in request.headers)
    assert request.body == {"model": "m", "messages": MESSAGES}


def test_unknown_path_is_404_in_openai_error_shape(
    openai_server: FakeOpenAIServer, client: openai.OpenAI
) -> None:
    openai_server.enqueue(reply("kept"))
    with pytest.raises(openai.NotFoundError) as info:
        client.models.list()
    assert info.value.status_code == 404
    assert info.value.body == {
        "message": "Invalid URL (GET /v1/models)",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
    [request] = openai_server.requests
    assert (request.method, request.path, request.body) == ("GET", "/v1/models", None)
    # only chat-completions requests consume queued actions
    assert openai_server.pending == 1
    assert create(client).choices[0].message.content == "kept"


def test_responses_close_the_connection(openai_server: FakeOpenAIServer) -> None:
    response = httpx2.post(f"{openai_server.base_url}/chat/completions", json={"model": "m"})
    assert response.status_code == 200
    assert response.headers["connection"] == "close"
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.json()["choices"][0]["message"]["content"] == '{"summary": "ok"}'


def test_chunked_and_non_json_request_bodies(openai_server: FakeOpenAIServer) -> None:
    url = f"{openai_server.base_url}/chat/completions"
    chunked = httpx2.post(url, content=iter([b'{"model": ', b'"chunky"}']))
    assert chunked.json()["model"] == "chunky"
    assert httpx2.post(url, content=b"not json").status_code == 200
    first, second = openai_server.requests
    assert first.headers["transfer-encoding"] == "chunked"
    assert first.body == {"model": "chunky"}
    assert second.body is None


# --- HTTP errors ----------------------------------------------------------------------------


def test_429_is_rate_limit_error(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(status(429, "Rate limit reached", headers={"retry-after": "1"}))
    with pytest.raises(openai.RateLimitError) as info:
        create(client)
    err = info.value
    assert err.status_code == 429
    assert err.response.headers["retry-after"] == "1"
    assert err.code == "rate_limit_exceeded"
    assert err.type == "requests"
    assert "Rate limit reached" in err.message
    assert len(openai_server.requests) == 1


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (400, openai.BadRequestError),
        (401, openai.AuthenticationError),
        (403, openai.PermissionDeniedError),
        (500, openai.InternalServerError),
        (503, openai.InternalServerError),
    ],
)
def test_status_errors(
    openai_server: FakeOpenAIServer,
    client: openai.OpenAI,
    code: int,
    error: type[openai.APIStatusError],
) -> None:
    openai_server.enqueue(status(code))
    with pytest.raises(error) as info:
        create(client)
    assert info.value.status_code == code
    assert isinstance(info.value.body, dict)
    assert set(info.value.body) == {"message", "type", "param", "code"}
    assert len(openai_server.requests) == 1


def test_400_with_error_type(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(status(400, "bad schema", error_type="invalid_request_error"))
    with pytest.raises(openai.BadRequestError) as info:
        create(client)
    assert info.value.type == "invalid_request_error"
    assert info.value.message == "Error code: 400 - bad schema"


# --- transport faults -----------------------------------------------------------------------


def test_drop_is_connection_error(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(drop())
    with pytest.raises(openai.APIConnectionError) as info:
        create(client)
    assert not isinstance(info.value, openai.APITimeoutError)
    assert isinstance(info.value.__cause__, httpx2.RemoteProtocolError)
    assert len(openai_server.requests) == 1  # recorded although never answered


def test_slow_is_timeout(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(slow(3))
    start = time.monotonic()
    with (
        openai.OpenAI(
            api_key="sk-test", base_url=openai_server.base_url, max_retries=0, timeout=0.5
        ) as client,
        pytest.raises(openai.APITimeoutError),
    ):
        create(client)
    assert time.monotonic() - start < 2
    assert len(openai_server.requests) == 1  # recorded before the wait


def test_slow_then_action(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(slow(0.05), slow(0.05, then=status(503)))
    assert create(client).choices[0].message.content == '{"summary": "ok"}'
    with pytest.raises(openai.InternalServerError):
        create(client)


def test_slow_blocks_neither_other_requests_nor_stop() -> None:
    server = FakeOpenAIServer().start()
    server.enqueue(slow(5), reply("fast"))
    outcome: list[BaseException | ChatCompletion] = []
    with (
        openai.OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, timeout=8) as a,
        openai.OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0, timeout=2) as b,
    ):

        def call_a() -> None:
            try:
                outcome.append(create(a))
            except BaseException as exc:
                outcome.append(exc)

        waiting = threading.Thread(target=call_a)
        waiting.start()
        deadline = time.monotonic() + 2
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        start = time.monotonic()
        assert create(b).choices[0].message.content == "fast"
        assert time.monotonic() - start < 1

        start = time.monotonic()
        server.stop()  # the slow handler is still waiting
        assert time.monotonic() - start < 1
        waiting.join(timeout=2)
        assert not waiting.is_alive()
    [result] = outcome
    assert isinstance(result, openai.APIConnectionError)  # stop() dropped the slow request


def test_stop_with_half_open_connection() -> None:
    server = FakeOpenAIServer().start()
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")  # never finished
        time.sleep(0.05)
        start = time.monotonic()
        server.stop()
        assert time.monotonic() - start < 1
    assert server.requests == []


# --- faults only a whole-request deadline bounds -----------------------------------------------


def test_trickle_is_a_valid_reply_for_a_patient_client(
    openai_server: FakeOpenAIServer, client: openai.OpenAI
) -> None:
    openai_server.enqueue(trickle(0.0005), trickle(0.0005, headers=False))
    for _ in range(2):
        assert create(client).choices[0].message.content == '{"summary": "ok"}'


def test_trickle_outlasts_the_sdks_timeout(openai_server: FakeOpenAIServer) -> None:
    # Why OpenAIBackend adds its own deadline: every read returns within the SDK's timeout.
    openai_server.enqueue(trickle(0.05))
    outcome: list[object] = []
    with openai.OpenAI(
        api_key="sk-test", base_url=openai_server.base_url, max_retries=0, timeout=0.3
    ) as sdk:
        worker = threading.Thread(target=lambda: outcome.append(_attempt(sdk)), daemon=True)
        worker.start()
        worker.join(1.5)
        assert worker.is_alive() and outcome == []  # far past timeout=0.3, still reading
        openai_server.stop()  # the server hangs up; the call ends
        worker.join(5)
    assert not worker.is_alive()


def _attempt(sdk: openai.OpenAI) -> object:
    try:
        return create(sdk)
    except openai.APIError as exc:
        return exc


def test_stall_after_headers_sends_headers_then_nothing(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(stall_after_headers())
    url = f"{openai_server.base_url}/chat/completions"
    with httpx2.Client(timeout=0.3) as http, http.stream("POST", url, json={}) as r:
        assert r.status_code == 200 and r.headers["content-length"] == "1000"
        with pytest.raises(httpx2.ReadTimeout):
            r.read()


def test_endless_chunked_keeps_sending_and_never_ends(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(endless_chunked(0.01))
    url = f"{openai_server.base_url}/chat/completions"
    received = b""
    with httpx2.Client(timeout=0.3) as http, http.stream("POST", url, json={}) as r:
        assert r.headers["transfer-encoding"] == "chunked"
        for part in r.iter_bytes():
            received += part
            if len(received) >= 20:
                break
    assert received.startswith(b"{") and received[1:].strip() == b""


def test_raw_with_extra_headers(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(raw(b"not gzip", headers={"Content-Encoding": "gzip"}))
    with httpx2.Client(timeout=2) as http, pytest.raises(httpx2.DecodingError):
        http.post(f"{openai_server.base_url}/chat/completions", json={})


# --- non-JSON bodies --------------------------------------------------------------------------


def test_non_json_200_with_json_content_type(openai_server: FakeOpenAIServer) -> None:
    # openai 3.57 (_response.py, BaseAPIResponse._parse): content-type ends with "json", so it
    # calls `response.json()` unguarded. The bare `json.JSONDecodeError` escapes: it is NOT an
    # `openai.OpenAIError`, and it is raised after the retry loop, so it is never retried.
    openai_server.enqueue(raw("not json", content_type="application/json"))
    with (
        openai.OpenAI(
            api_key="sk-test", base_url=openai_server.base_url, max_retries=2, timeout=2
        ) as client,
        pytest.raises(json.JSONDecodeError) as info,
    ):
        create(client)
    assert not isinstance(info.value, openai.OpenAIError)
    assert len(openai_server.requests) == 1


def test_html_200(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    # openai 3.57 (_response.py, BaseAPIResponse._parse): for a non-JSON content type it tries
    # `response.json()`, swallows the failure and, unless the client was built with
    # `_strict_response_validation=True` (then APIResponseValidationError), RETURNS THE BODY TEXT
    # AS A `str` -- no exception, despite the `ChatCompletion` annotation. A backend has to
    # check `isinstance(result, ChatCompletion)` itself.
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    openai_server.enqueue(raw(page))
    result: object = create(client)
    assert isinstance(result, str)
    assert result == page


def test_html_200_strict_validation(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(raw("<html></html>"))
    with (
        openai.OpenAI(
            api_key="sk-test",
            base_url=openai_server.base_url,
            max_retries=0,
            timeout=2,
            _strict_response_validation=True,
        ) as client,
        pytest.raises(openai.APIResponseValidationError),
    ):
        create(client)


def test_html_error_status(openai_server: FakeOpenAIServer, client: openai.OpenAI) -> None:
    openai_server.enqueue(raw("<html>Bad Gateway</html>", status=502))
    with pytest.raises(openai.InternalServerError) as info:
        create(client)
    assert info.value.status_code == 502
    assert info.value.body == "<html>Bad Gateway</html>"  # non-JSON error body kept as text


# --- the SDK's own retries ------------------------------------------------------------------


def retrying_client(server: FakeOpenAIServer, max_retries: int = 2) -> openai.OpenAI:
    return openai.OpenAI(
        api_key="sk-test", base_url=server.base_url, max_retries=max_retries, timeout=2
    )


def test_sdk_retries_5xx(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(
        status(500, headers=FAST_RETRY), status(500, headers=FAST_RETRY), reply("third time")
    )
    with retrying_client(openai_server) as client:
        assert create(client).choices[0].message.content == "third time"
    requests = openai_server.requests
    assert len(requests) == 3
    assert [r.headers["x-stainless-retry-count"] for r in requests] == ["0", "1", "2"]


def test_sdk_gives_up_after_max_retries(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(*[status(429, headers=FAST_RETRY)] * 3)
    with retrying_client(openai_server) as client, pytest.raises(openai.RateLimitError):
        create(client)
    assert len(openai_server.requests) == 3  # 1 + max_retries


def test_sdk_does_not_retry_4xx(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(status(400, headers=FAST_RETRY), status(401, headers=FAST_RETRY))
    with retrying_client(openai_server) as client:
        with pytest.raises(openai.BadRequestError):
            create(client)
        with pytest.raises(openai.AuthenticationError):
            create(client)
    assert len(openai_server.requests) == 2


def test_sdk_retries_dropped_connection(openai_server: FakeOpenAIServer) -> None:
    # No response, so no Retry-After: the SDK sleeps its own backoff (0.5 s minus up to 25 %).
    openai_server.enqueue(drop(), reply("after drop"))
    with retrying_client(openai_server, max_retries=1) as client:
        assert create(client).choices[0].message.content == "after drop"
    assert len(openai_server.requests) == 2


# --- async client ---------------------------------------------------------------------------


async def test_async_client(openai_server: FakeOpenAIServer) -> None:
    openai_server.enqueue(reply('{"summary": "async"}', cached_tokens=7), status(429))
    async with openai.AsyncOpenAI(
        api_key="sk-test", base_url=openai_server.base_url, max_retries=0, timeout=2
    ) as client:
        completion = await client.chat.completions.create(model="m", messages=MESSAGES)
        assert completion.choices[0].message.content == '{"summary": "async"}'
        assert completion.usage is not None
        assert completion.usage.prompt_tokens_details is not None
        assert completion.usage.prompt_tokens_details.cached_tokens == 7
        with pytest.raises(openai.RateLimitError):
            await client.chat.completions.create(model="m", messages=MESSAGES)
    assert openai_server.requests[0].headers["x-stainless-async"].startswith("async")
