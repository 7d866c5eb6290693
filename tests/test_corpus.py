from __future__ import annotations

import gc
import json
import re
import threading
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

import seedsum
from seedsum.backends.base import ModelReply, ModelRequest
from seedsum.cache import MemoryCache
from seedsum.prompts import document_text

MARK = re.compile(r"Document (\d+)\.")


def reply_for(request: ModelRequest) -> dict[str, Any]:
    """A valid reply naming the document it came from (or a condensed summary)."""
    text = document_text(request.messages)
    found = MARK.search(text)
    summary = f"Summary of {found.group(1)}." if found else "Summary."
    if request.purpose == "condense":
        return {"summary": summary}
    return {"summary": summary, "actors": [], "positions": [], "predictions": []}


def docs(count: int, start: int = 0) -> Iterator[str]:
    for i in range(start, start + count):
        yield f"Document {i}. The council met on Tuesday and discussed the harbour budget."


class CountingBackend(seedsum.MockBackend):
    """Counts requests in flight, to check the concurrency bound."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(responder=reply_for, **kwargs)
        self.in_flight = 0
        self.peak = 0

    async def acomplete(self, request: ModelRequest) -> ModelReply:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            return await super().acomplete(request)
        finally:
            self.in_flight -= 1


def test_results_are_complete_and_tagged_for_500_documents():
    backend = CountingBackend(latency=0.002)
    s = seedsum.Summarizer(backend, max_concurrency=16)
    results = list(s.summarize_many(docs(500)))
    assert sorted(r.index for r in results) == list(range(500))
    for r in results:
        assert r.ok and r.output is not None
        assert r.id == str(r.index)
        assert r.output.summary == f"Summary of {r.index}."
    assert backend.calls == 500
    assert backend.peak == 16  # the bound is reached, never passed


def test_ids_travel_with_their_documents():
    items = [(f"file-{i}.txt", text) for i, text in enumerate(docs(20))]
    results = list(
        seedsum.Summarizer(seedsum.MockBackend(responder=reply_for)).summarize_many(items)
    )
    assert {r.id: r.output.summary for r in results if r.output} == {
        f"file-{i}.txt": f"Summary of {i}." for i in range(20)
    }


def test_concurrency_is_bounded_across_documents_and_their_chunks(energy_text: str):
    backend = CountingBackend(latency=0.01)
    s = seedsum.Summarizer(backend, max_concurrency=3, max_chunk_tokens=700)
    results = list(s.summarize_many([energy_text + f" Document {i}." for i in range(4)]))
    assert all(r.ok for r in results)
    assert backend.peak == 3


def test_requests_per_minute_hold_on_a_scaled_down_clock():
    stamps: list[float] = []

    def respond(request: ModelRequest) -> dict[str, Any]:
        stamps.append(time.monotonic())
        return reply_for(request)

    limit = seedsum.RateLimit(requests_per_minute=20, period=0.5)  # 20 per half second
    s = seedsum.Summarizer(
        seedsum.MockBackend(responder=respond), rate_limit=limit, max_concurrency=16
    )
    assert all(r.ok for r in s.summarize_many(docs(30)))
    assert len(stamps) == 30
    interval = 0.5 / 20
    for i in range(len(stamps) - 20):  # no 20 requests closer together than the period allows
        assert stamps[i + 20] - stamps[i] >= 20 * interval - 0.01


def test_tokens_per_minute_pace_by_request_size():
    limit = seedsum.RateLimit(tokens_per_minute=10_000, period=60.0)
    waits = [limit.reserve(tokens=2_500) for _ in range(4)]
    assert waits[0] == 0
    assert waits[1] == pytest.approx(15.0, abs=0.1)  # 2,500 of 10,000 tokens a minute
    assert waits[3] == pytest.approx(45.0, abs=0.1)


def test_one_failing_document_yields_one_error_and_the_rest_finish():
    def respond(request: ModelRequest) -> Any:
        if "Document 13." in document_text(request.messages):
            return "this is never valid JSON"
        return reply_for(request)

    s = seedsum.Summarizer(seedsum.MockBackend(responder=respond), max_reasks=1)
    results = list(s.summarize_many(docs(40)))
    failed = [r for r in results if not r.ok]
    assert [(r.index, type(r.error)) for r in failed] == [(13, seedsum.ValidationFailedError)]
    assert sum(r.ok for r in results) == 39


def test_a_rerun_after_a_failure_asks_only_for_the_failed_document():
    cache = MemoryCache()
    broken = True

    def respond(request: ModelRequest) -> Any:
        if broken and "Document 7." in document_text(request.messages):
            raise seedsum.RetriesExhaustedError("503 every time", backend="mock", attempts=4)
        return reply_for(request)

    backend = seedsum.MockBackend(responder=respond)
    s = seedsum.Summarizer(backend, cache=cache)
    first = list(s.summarize_many(docs(25)))
    assert [r.index for r in first if not r.ok] == [7]
    broken = False
    calls_before = backend.calls
    second = list(s.summarize_many(docs(25)))
    assert all(r.ok for r in second)
    assert backend.calls - calls_before == 1


def test_identical_chunks_are_paid_once_within_a_run():
    backend = seedsum.MockBackend(responder=reply_for, latency=0.01)
    s = seedsum.Summarizer(backend, max_concurrency=8)  # no cache at all
    text = "Boilerplate notice. Document 1. This text is shared by every input."
    results = list(s.summarize_many([text] * 30))
    assert all(r.ok for r in results)
    assert backend.calls == 1
    assert sum(r.output.meta.cache_hits for r in results if r.output) == 29


def test_bad_items_are_error_results_not_crashes():
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for))
    items = ["Document 1. Fine.", b"bytes", "   ", None]
    results = sorted(s.summarize_many(items), key=lambda r: r.index)  # type: ignore[arg-type]
    assert [r.ok for r in results] == [True, False, False, False]
    assert isinstance(results[1].error, TypeError)
    assert isinstance(results[2].error, seedsum.InvalidInputError)


def test_a_run_over_its_cost_budget_stops_after_keeping_what_finished():
    backend = seedsum.MockBackend(
        responder=lambda r: ModelReply(json.dumps(reply_for(r)), seedsum.Usage(400_000, 0)),
        model="priced",
    )
    s = seedsum.Summarizer(
        backend,
        max_cost_usd=1.0,
        prices={"priced": seedsum.Price(1.0, 1.0, 1.0)},
        max_concurrency=1,
    )
    finished: list[seedsum.DocumentResult[seedsum.ArticleSummary]] = []

    def consume() -> None:
        for result in s.summarize_many(docs(10)):
            finished.append(result)

    with pytest.raises(seedsum.BudgetExceededError) as caught:
        consume()
    assert caught.value.scope == "run"
    assert 1 <= len(finished) <= 3 and all(r.ok for r in finished)
    assert backend.calls == len(finished)


def test_leaving_early_stops_the_run():
    backend = seedsum.MockBackend(responder=reply_for, latency=0.01)
    s = seedsum.Summarizer(backend, max_concurrency=4)
    before = threading.active_count()
    for result in s.summarize_many(docs(10_000)):
        if result.index >= 5:
            break
    calls = backend.calls
    time.sleep(0.1)
    assert backend.calls == calls < 100  # nothing more is sent
    assert threading.active_count() <= before


async def test_the_async_api_and_the_sync_one_inside_a_running_loop():
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for))
    got = [r.index async for r in s.asummarize_many(docs(10))]
    assert sorted(got) == list(range(10))
    assert len(list(s.summarize_many(docs(5)))) == 5  # a loop is running here


def test_progress_is_drawn_on_request_and_silent_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
):
    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for))
    list(s.summarize_many(docs(5)))
    assert capsys.readouterr().err == ""
    list(s.summarize_many(docs(5), progress=True))
    err = capsys.readouterr().err
    assert "5 documents (0 failed), 5 calls, 0 cache hits" in err


def _peak_bytes(count: int) -> int:
    backend = seedsum.MockBackend(responder=reply_for, keep_requests=False)
    s = seedsum.Summarizer(backend, max_concurrency=8)
    gc.collect()
    tracemalloc.start()
    try:
        done = sum(1 for _ in s.summarize_many(docs(count)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert done == count
    return peak


@pytest.mark.slow
def test_memory_stays_flat_on_a_long_generator():
    small, large = _peak_bytes(300), _peak_bytes(3000)
    # Ten times the documents may not take even twice the memory: nothing is held per
    # finished document, and the input is read only as fast as there is room.
    assert large < 2 * small, (small, large)


def test_summarize_many_is_lazy_about_its_input():
    pulled = 0

    def source() -> Iterator[str]:
        nonlocal pulled
        for text in docs(1000):
            pulled += 1
            yield text

    s = seedsum.Summarizer(seedsum.MockBackend(responder=reply_for), max_concurrency=2)
    results = s.summarize_many(source(), window=4)
    first = next(results)
    assert first.ok
    assert pulled <= 8  # not the whole generator
    results.close()


def test_counters_of_documents_sharing_chunks_are_never_negative_and_agree(
    energy_text: str, energy_annotation: str
):
    # Four documents whose chunks are the same but for the last one; the first reply to each
    # distinct request is broken, so every request that is asked is re-asked once.
    from seedsum.backends.mock import replay

    whole = replay(energy_annotation)
    seen: set[str] = set()
    lock = threading.Lock()

    def respond(request: ModelRequest) -> Any:
        text = document_text(request.messages) + request.purpose
        with lock:
            first = text not in seen
            seen.add(text)
        return "{broken" if first and len(request.messages) == 2 else whole(request)

    documents = [f"{energy_text}\n\nCoda number {i}." for i in range(4)]

    def totals(metas: list[seedsum.RunMeta]) -> tuple[int, int, int]:
        assert all(m.calls >= 0 and m.reasks >= 0 and m.cache_hits >= 0 for m in metas)
        return (
            sum(m.calls for m in metas),
            sum(m.reasks for m in metas),
            sum(m.cache_hits for m in metas),
        )

    def run(many: bool) -> tuple[tuple[int, int, int], int]:
        seen.clear()
        backend = seedsum.MockBackend(responder=respond)
        s = seedsum.Summarizer(backend, cache=MemoryCache(), max_chunk_tokens=1000)
        if many:
            metas = [r.output.meta for r in s.summarize_many(documents) if r.output]
        else:
            metas = [s.summarize(d).meta for d in documents]
        assert len(metas) == 4
        return totals(metas), backend.calls

    (calls, reasks, hits), sent = run(many=False)
    assert calls == sent and reasks == sent // 2 and hits > 0
    assert run(many=True) == ((calls, reasks, hits), sent)
