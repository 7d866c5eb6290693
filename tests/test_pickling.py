"""Pickling backends, caches, limits and Summarizers (multiprocessing, Dask and Ray pickle what
they send to workers): it works before and after first use, and never writes the API key."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend
from seedsum.cache import MemoryCache, SQLiteCache

from .openai_server import FakeOpenAIServer, reply

KEY = "sk-test-pickled-never-written"
EMPTY = json.dumps({"summary": "Nothing.", "actors": [], "positions": [], "predictions": []})


def round_trip(obj: Any, *secrets: str) -> Any:
    data = pickle.dumps(obj)
    for secret in secrets:
        assert secret.encode() not in data
    return pickle.loads(data)


def backend(server: FakeOpenAIServer, **options: Any) -> OpenAIBackend:
    options = {"max_retries": 0, "timeout": 5.0, "api_key": KEY, **options}
    return OpenAIBackend("gpt-4.1-mini", base_url=server.base_url, **options)


@pytest.fixture
def server(openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    openai_server.responder = lambda body: EMPTY
    return openai_server


def test_an_openai_backend_pickles_after_first_use_without_its_key(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    b = backend(server)
    seedsum.summarize("Text.", backend=b)  # the SDK client (locks, sockets) now exists
    copy = round_trip(b, KEY)
    assert (copy.model, copy.base_url, copy.timeout) == (b.model, b.base_url, b.timeout)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)  # a worker's environment
    assert seedsum.summarize("Other text.", backend=copy).summary == "Nothing."
    assert server.requests[-1].headers["authorization"] == f"Bearer {KEY}"


async def test_an_openai_backend_pickles_after_async_use(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    b = backend(server)
    await seedsum.asummarize("Text.", backend=b)
    copy = round_trip(b, KEY)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    assert (await seedsum.asummarize("Other.", backend=copy)).summary == "Nothing."


def test_an_unpickled_backend_without_a_key_says_it_must_be_given_again(
    server: FakeOpenAIServer,
):
    copy = round_trip(backend(server), KEY)
    with pytest.raises(seedsum.ConfigurationError) as caught:
        seedsum.summarize("Text.", backend=copy)
    message = str(caught.value)
    assert "unpickled" in message and "OPENAI_API_KEY" in message
    assert server.requests == []


def test_a_pickle_holds_no_key_from_the_environment_either(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    b = OpenAIBackend(base_url=server.base_url)
    seedsum.summarize("Text.", backend=b)
    copy = round_trip(b, KEY)
    assert seedsum.summarize("Other.", backend=copy).summary == "Nothing."


def test_credentials_in_the_base_url_are_not_pickled(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    secret = "sk-userinfo-pickled-S3cr3t"
    url = server.base_url.replace("http://", f"http://user:{secret}@")
    monkeypatch.setenv("OPENAI_API_KEY", "none")
    b = OpenAIBackend("gpt-4.1-mini", base_url=url, max_retries=0)
    copy = round_trip(b, secret)
    with pytest.raises(seedsum.ConfigurationError, match="OPENAI_BASE_URL"):
        seedsum.summarize("Text.", backend=copy)
    monkeypatch.setenv("OPENAI_BASE_URL", url)  # the worker is configured with the full URL
    assert seedsum.summarize("Text.", backend=copy).summary == "Nothing."


def test_a_summarizer_with_a_sqlite_cache_and_a_rate_limit_pickles_after_first_use(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    summarizer = seedsum.Summarizer(
        backend(server),
        cache=tmp_path / "cache.sqlite3",
        rate_limit=seedsum.RateLimit(requests_per_minute=6000),
    )
    first = summarizer.summarize("Text.")
    copy = round_trip(summarizer, KEY)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    again = copy.summarize("Text.")  # the copy reopens the cache file: a hit, no request
    assert again.summary == first.summary and again.meta.cache_hits == 1
    assert len(server.requests) == 1
    copy.summarize("New text.")
    assert len(server.requests) == 2


def test_a_copy_in_process_keeps_the_key(server: FakeOpenAIServer):
    import copy

    b = backend(server)
    seedsum.summarize("Text.", backend=b)
    for duplicate in (copy.copy(b), copy.deepcopy(b), copy.deepcopy(seedsum.Summarizer(b)).backend):
        assert seedsum.summarize("Text.", backend=duplicate, cache=False).summary == "Nothing."
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)


def test_mock_and_rules_backends_pickle_after_use():
    mock = seedsum.MockBackend([EMPTY, EMPTY])
    seedsum.summarize("Text.", backend=mock)
    copy = round_trip(mock)
    assert copy.calls == 1
    assert seedsum.summarize("Text.", backend=copy).summary == "Nothing."  # the rest of the script
    rules = seedsum.RulesBackend()
    seedsum.summarize("The minister, Jana Holm, said the bill would pass.", backend=rules)
    assert round_trip(rules).model == rules.model


def test_caches_and_rate_limits_pickle_after_use(tmp_path: Path):
    memory = MemoryCache()
    memory.put("k", "v")
    assert round_trip(memory).get("k") == "v"
    with SQLiteCache(tmp_path / "c.sqlite3") as sqlite:
        sqlite.put("k", "v")
        copy = round_trip(sqlite)
        assert copy.get("k") == "v"
        copy.put("k2", "v2")
        assert sqlite.get("k2") == "v2"
        copy.close()
    limit = seedsum.RateLimit(requests_per_minute=60, tokens_per_minute=1000)
    limit.reserve(10)
    copied = round_trip(limit)
    assert copied.reserve(10) == 0.0  # a fresh limiter: its first request waits for nothing
    assert (copied.requests_per_minute, copied.tokens_per_minute) == (60, 1000)


def _summarize_in_worker(summarizer: seedsum.Summarizer[Any], text: str) -> str:
    return summarizer.summarize(text).summary


def test_a_summarizer_runs_in_a_spawned_worker_process(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)  # inherited by the worker
    summarizer = seedsum.Summarizer(OpenAIBackend(base_url=server.base_url), cache=False)
    summarizer.summarize("Used once here first.")
    server.enqueue(reply(json.dumps({**json.loads(EMPTY), "summary": "From the worker."})))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        summary = pool.submit(_summarize_in_worker, summarizer, "Text.").result(timeout=60)
    assert summary == "From the worker."
