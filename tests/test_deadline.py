"""`timeout` bounds a whole request, headers and body, on the sync and the async path.

The transport alone times out between reads: each fault below keeps every read short, so
only a deadline on the whole request ends it. Each test allows generous slack over the
deadline (a loaded machine), far below what the fault would last without one.
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import time
import warnings
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend

from .openai_server import (
    Action,
    FakeOpenAIServer,
    endless_chunked,
    reply,
    stall_after_headers,
    trickle,
)

KEY = "sk-test-deadline"
EMPTY = json.dumps({"summary": "Nothing.", "actors": [], "positions": [], "predictions": []})
TIMEOUT = 0.3
SLACK = 2.0  # per attempt; a trickled reply would last about a minute without a deadline

FAULTS = {
    "trickle-from-status-line": lambda: trickle(0.1),
    "trickle-body": lambda: trickle(0.1, headers=False),
    "stall-after-headers": lambda: stall_after_headers(),
    "endless-chunked": lambda: endless_chunked(0.05),
}


def backend(server: FakeOpenAIServer, **options: Any) -> OpenAIBackend:
    options = {"max_retries": 1, "backoff": 0.01, "timeout": TIMEOUT, **options}
    return OpenAIBackend("gpt-4.1-mini", api_key=KEY, base_url=server.base_url, **options)


@pytest.fixture
def server(openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    openai_server.responder = lambda body: EMPTY
    return openai_server


def faults(name: str, count: int) -> list[Action]:
    return [FAULTS[name]() for _ in range(count)]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_timeout_bounds_a_whole_request_on_every_attempt(server: FakeOpenAIServer, fault: str):
    server.enqueue(*faults(fault, 2))
    started = time.monotonic()
    with pytest.raises(seedsum.RetriesExhaustedError, match="timed out") as caught:
        seedsum.summarize("Text.", backend=backend(server))
    elapsed = time.monotonic() - started
    assert elapsed < 2 * (TIMEOUT + SLACK)
    assert len(server.requests) == 2 and caught.value.attempts == 2


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_async_timeout_bounds_a_whole_request_on_every_attempt(
    server: FakeOpenAIServer, fault: str
):
    server.enqueue(*faults(fault, 2))
    started = time.monotonic()
    with pytest.raises(seedsum.RetriesExhaustedError, match="timed out") as caught:
        await seedsum.asummarize("Text.", backend=backend(server))
    elapsed = time.monotonic() - started
    assert elapsed < 2 * (TIMEOUT + SLACK)
    assert len(server.requests) == 2 and caught.value.attempts == 2


def test_timeout_bounds_a_trickling_reply_and_the_retry_succeeds(server: FakeOpenAIServer):
    server.enqueue(trickle(0.1), reply(EMPTY))
    started = time.monotonic()
    result = seedsum.summarize("Text.", backend=backend(server))
    assert result.summary == "Nothing."
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert len(server.requests) == 2


async def test_async_timeout_bounds_a_trickling_reply_and_the_retry_succeeds(
    server: FakeOpenAIServer,
):
    server.enqueue(trickle(0.1, headers=False), reply(EMPTY))
    result = await seedsum.asummarize("Text.", backend=backend(server))
    assert result.summary == "Nothing."
    assert len(server.requests) == 2


def test_a_reply_within_the_deadline_is_not_cut(server: FakeOpenAIServer):
    # A quick trickle (about 0.2 s for the whole reply) finishes inside a 5 s deadline.
    server.enqueue(trickle(0.0003))
    result = seedsum.summarize("Text.", backend=backend(server, timeout=5.0))
    assert result.summary == "Nothing."
    assert len(server.requests) == 1


def _summarize(mode: str, b: OpenAIBackend) -> None:
    if mode == "sync":
        seedsum.summarize("Text.", backend=b)
    else:
        asyncio.run(seedsum.asummarize("Text.", backend=b))


def _live_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive()}


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_deadline_leaks_no_thread_or_socket(mode: str):
    before = _live_threads()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with FakeOpenAIServer(lambda body: EMPTY) as fake:
            fake.enqueue(trickle(0.1), endless_chunked(0.05), stall_after_headers())
            with pytest.raises(seedsum.RetriesExhaustedError, match="timed out"):
                _summarize(mode, backend(fake, max_retries=2))
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    for _ in range(100):  # handler threads end once the server has stopped (bounded wait)
        if _live_threads() <= before:
            break
        time.sleep(0.05)
    assert _live_threads() <= before


# -- the private hooks the deadline relies on (seedsum/backends/deadline.py says why) --------


def test_an_httpx2_without_the_pools_network_backend_is_refused_not_unbounded(
    monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer
):
    import httpcore2

    class PoolWithoutBackend(httpcore2.ConnectionPool):
        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            del self._network_backend

    monkeypatch.setattr(httpcore2, "ConnectionPool", PoolWithoutBackend)
    with pytest.raises(seedsum.ConfigurationError, match=r"httpx2 .*pool\._network_backend"):
        seedsum.summarize("Text.", backend=backend(server))
    assert server.requests == []


def test_an_httpx2_that_never_calls_the_transport_hooks_is_refused(
    monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer
):
    from seedsum.backends.deadline import DeadlineClient

    monkeypatch.delattr(DeadlineClient, "_init_transport")
    monkeypatch.delattr(DeadlineClient, "_init_proxy_transport")
    with pytest.raises(seedsum.ConfigurationError, match="_init_transport is never called"):
        seedsum.summarize("Text.", backend=backend(server))
    assert server.requests == []
