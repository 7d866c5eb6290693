"""Concurrency: 200 single-chunk articles through `summarize_many` at 50 ms per model call and
at most 16 calls in flight, against the ideal `ceil(200 / 16) * 50 ms` (the latency alone,
perfectly packed). First with `MockBackend(latency=0.05)`; then with `OpenAIBackend` over
real HTTP to a local OpenAI-compatible server (`tests/openai_server.py`) that takes 50 ms to
answer, which adds the SDK, connection set-up and JSON on both sides (reported, no target).
"""

from __future__ import annotations

import itertools
import math
import statistics
import time
from collections.abc import Callable
from typing import Any

from _harness import cli, grain_documents, grain_reply, result, setup, table

TARGET = 1.15
LATENCY = 0.05
CONCURRENCY = 16


def _run(summarizer: Any, documents: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process, all threads) of one run."""
    start, cpu = time.perf_counter(), time.process_time()
    failed = [r.error for r in summarizer.summarize_many(documents, progress=False) if not r.ok]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if failed:
        raise RuntimeError(f"{len(failed)} documents failed, e.g. {failed[0]!r}")
    return elapsed, cpu


def _mock(reply: str) -> Any:
    import seedsum

    backend = seedsum.MockBackend(
        responder=lambda request: reply, latency=LATENCY, keep_requests=False
    )
    return seedsum.Summarizer(backend, max_concurrency=CONCURRENCY, cache=False)


def _openai(reply: str) -> tuple[Any, Callable[[], None]]:
    """A summarizer calling the local fake server, and the function that stops the server."""
    import seedsum
    from tests.openai_server import FakeOpenAIServer

    def respond(body: dict[str, Any]) -> str:
        time.sleep(LATENCY)  # each request has its own handler thread
        return reply

    server = FakeOpenAIServer(respond).start()
    backend = seedsum.OpenAIBackend(
        "gpt-4.1-mini", api_key="sk-bench", base_url=server.base_url, max_retries=0
    )
    return seedsum.Summarizer(backend, max_concurrency=CONCURRENCY, cache=False), server.stop


def main(quick: bool = False) -> list[str]:
    setup(quick)
    reply = grain_reply()
    count, repeats = (32, 1) if quick else (200, 5)
    ideal = math.ceil(count / CONCURRENCY) * LATENCY
    # Distinct texts (identical requests in one run are sent once), and new ones every run.
    documents = grain_documents(count)
    batches = ([f"Run {r}. {d}" for d in documents] for r in itertools.count())
    mock = _mock(reply)
    _run(mock, next(batches)[: CONCURRENCY * 2])  # warm-up: imports, prompt, schema
    rows: list[list[object]] = []
    lines = []
    times: dict[str, list[tuple[float, float]]] = {"mock": [], "openai": []}
    try:
        openai, stop = _openai(reply)
    except ImportError as exc:  # tests/openai_server.py needs pytest
        openai, stop = None, lambda: None
        rows.append([f"OpenAIBackend: skipped ({exc})", "-", "-", "-", "-"])
    try:
        if openai is not None:
            _run(openai, next(batches)[: CONCURRENCY * 2])
        for _ in range(repeats):
            times["mock"].append(_run(mock, next(batches)))
            if openai is not None:
                times["openai"].append(_run(openai, next(batches)))
    finally:
        stop()
    labels = {"mock": "MockBackend, 50 ms", "openai": "OpenAIBackend -> local HTTP, 50 ms"}
    for name, runs in times.items():
        if runs:
            best, cpu = min(runs)
            median = statistics.median(wall for wall, _ in runs)
            rows.insert(
                len(rows) if name == "openai" else 0,
                [labels[name], f"{best:.3f}", f"{median:.3f}", f"{best / ideal:.2f}", f"{cpu:.3f}"],
            )
    print(
        f"concurrency: {count} single-chunk articles, {CONCURRENCY} calls in flight, "
        f"{LATENCY * 1e3:.0f} ms per call; ideal {ideal:.3f} s; best and median of {repeats}"
    )
    table(["backend", "s best", "s median", "x ideal", "CPU s (best run)"], rows)
    print("CPU: this process, all threads (for OpenAI, the local server's threads too)")
    ratio = min(times["mock"])[0] / ideal
    lines.append(result("concurrency_mock", ratio, f"<={TARGET}", ratio <= TARGET))
    if times["openai"]:
        lines.append(result("concurrency_openai", min(times["openai"])[0] / ideal, "none", True))
    return lines


if __name__ == "__main__":
    cli(main)
